package privatelinktest

import (
	"net/http"
	"testing"
)

func TestChangeResourceGroup(t *testing.T) {
	const other = "rg-acfmemu0second0rgx"
	srv := newTestServer(t, WithResourceGroup(AccountID, other))
	c := newClient(t, srv)
	id := c.create()
	rgOf := func() string {
		t.Helper()
		return c.must("GetVpcEndpointAttribute", "EndpointId", id).str("ResourceGroupId")
	}
	if rgOf() != DefaultResourceGroupID {
		t.Fatalf("a new endpoint is in %s", rgOf())
	}
	// ResourceType defaults to VpcEndpoint.
	c.must("ChangeResourceGroup", "ResourceId", id, "ResourceGroupId", other)
	if got := rgOf(); got != other {
		t.Fatalf("after the move: %s", got)
	}
	if e, _ := srv.Endpoint(id); e.ResourceGroupID != other {
		t.Fatalf("snapshot: %+v", e)
	}
	entry := c.must("ListVpcEndpoints", "ResourceGroupId", other).list("Endpoints")
	if len(entry) != 1 || entry[0]["ResourceGroupId"] != other {
		t.Fatalf("ListVpcEndpoints by the new group: %v", entry)
	}
	c.must("ChangeResourceGroup", "ResourceType", "VpcEndpoint", "ResourceId", id, "ResourceGroupId", DefaultResourceGroupID, "ResourceRegionId", RegionID)
	if got := rgOf(); got != DefaultResourceGroupID {
		t.Fatalf("after the move back: %s", got)
	}
	// The tag operations' spelling of the type names the same resource.
	c.must("ChangeResourceGroup", "ResourceType", "vpcendpoint", "ResourceId", id, "ResourceGroupId", other)
	c.must("ChangeResourceGroup", "ResourceType", "VPCENDPOINT", "ResourceId", id, "ResourceGroupId", DefaultResourceGroupID)
	if got := rgOf(); got != DefaultResourceGroupID {
		t.Fatalf("after the moves by other spellings: %s", got)
	}

	base := []string{"ResourceId", id, "ResourceGroupId", other}
	tests := []struct {
		name  string
		extra []string
		code  string
	}{
		{"no resource", []string{"ResourceId", "-"}, "MissingParameter.ResourceId"},
		{"empty resource", []string{"ResourceId", ""}, "MissingParameter.ResourceId"},
		{"no group", []string{"ResourceGroupId", "-"}, "MissingParameter.ResourceGroupId"},
		{"lower-case type, unknown endpoint", []string{"ResourceType", "vpcendpoint", "ResourceId", "ep-hp3nosuchendpoint00000"}, "ResourceNotFound"},
		{"other type", []string{"ResourceType", "Vpc"}, "InvalidParameter"},
		{"unknown group", []string{"ResourceGroupId", "rg-acfmnosuchgroup"}, "InvalidResourceGroup"},
		{"unknown endpoint", []string{"ResourceId", "ep-hp3nosuchendpoint00000"}, "ResourceNotFound"},
		{"a service", []string{"ResourceType", "VpcEndpointService", "ResourceId", ServiceID}, "ResourceNotFound"},
		{"an endpoint as a service", []string{"ResourceType", "VpcEndpointService"}, "ResourceNotFound"},
		{"other resource region", []string{"ResourceRegionId", "cn-hangzhou"}, "ResourceNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.fail(http.StatusBadRequest, tt.code, "ChangeResourceGroup", mergePairs(base, tt.extra)...)
		})
	}
	if got := rgOf(); got != DefaultResourceGroupID {
		t.Fatalf("a failed call moved the endpoint to %s", got)
	}
}
