package privatelinktest

import (
	"testing"
	"time"
)

func TestGetVpcEndpointAttribute(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	policy := `{"Version":"1","Statement":[{"Effect":"Allow","Action":["*"],"Resource":["*"],"Principal":"*"}]}`
	id := c.create("EndpointName", "attr", "ResourceGroupId", "rg-acfmtest", "PolicyDocument", policy)
	a := c.must("GetVpcEndpointAttribute", "EndpointId", id)
	want := map[string]any{
		"Payer":                     "Endpoint",
		"ResourceOwner":             true,
		"EndpointBusinessStatus":    "Normal",
		"ServiceId":                 ServiceID,
		"ServiceName":               ServiceName,
		"EndpointStatus":            "Active",
		"VpcId":                     VpcID,
		"EndpointName":              "attr",
		"ZonePrivateIpAddressCount": float64(1),
		"EndpointType":              "Interface",
		"EndpointId":                id,
		"RegionId":                  RegionID,
		"ConnectionStatus":          "Connected",
		"ZoneAffinityEnabled":       false,
		"ResourceGroupId":           "rg-acfmtest",
		"PolicyDocument":            policy,
		"AddressIpVersion":          "IPv4",
		"Bandwidth":                 float64(bandwidth),
	}
	for k, v := range want {
		if a.body[k] != v {
			t.Errorf("%s = %v, want %v", k, a.body[k], v)
		}
	}
	for _, k := range []string{"EndpointDomain", "CreateTime", "EndpointDescription"} {
		if _, ok := a.body[k]; !ok {
			t.Errorf("answer lacks %s", k)
		}
	}
	// Without ResourceGroupId the endpoint is in the default group.
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", c.create()).str("ResourceGroupId"); got != DefaultResourceGroupID {
		t.Errorf("default resource group = %q", got)
	}
}

func TestGetVpcEndpointAttributeErrors(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	c.fail(400, "MissingParameter", "GetVpcEndpointAttribute")
	c.fail(400, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", "ep-hp3nothere00000000000")
}

// With a visibility delay a new endpoint answers EndpointNotFound for a
// while, as the service may right after CreateVpcEndpoint.
func TestGetVpcEndpointAttributeVisibilityDelay(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithVisibilityDelay(5*time.Second))
	c := newClient(t, srv)
	id := c.create("ClientToken", "vis")
	c.fail(400, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", id)
	c.fail(400, "EndpointNotFound", "DeleteVpcEndpoint", "EndpointId", id)
	if n := c.must("ListVpcEndpoints").num("TotalCount"); n != 0 {
		t.Fatalf("listed while invisible: %d", n)
	}
	if _, ok := srv.Endpoint(id); !ok {
		t.Fatal("inspection does not see the endpoint")
	}
	if again := c.must("CreateVpcEndpoint", createParams("ClientToken", "vis")...); again.str("EndpointId") != id {
		t.Fatalf("retry while invisible: %v", again)
	}
	clk.Advance(5 * time.Second)
	if got := c.status(id); got != "Active" {
		t.Fatalf("after the visibility delay: %s", got)
	}
	if n := c.must("ListVpcEndpoints").num("TotalCount"); n != 1 {
		t.Fatalf("listed after the delay: %d", n)
	}
}
