package privatelinktest

import (
	"strings"
	"testing"
)

func TestKnownActions(t *testing.T) {
	for _, a := range []string{
		"CreateVpcEndpoint", "GetVpcEndpointAttribute", "ListVpcEndpoints", "UpdateVpcEndpointAttribute",
		"DeleteVpcEndpoint", "ListVpcEndpointZones", "AddZoneToVpcEndpoint", "RemoveZoneFromVpcEndpoint",
		"AttachSecurityGroupToVpcEndpoint", "DetachSecurityGroupFromVpcEndpoint", "ListVpcEndpointSecurityGroups",
		"TagResources", "UntagResources", "ListTagResources", "ChangeResourceGroup",
		"DescribeRegions", "DescribeZones", "CheckProductOpen", "OpenPrivateLinkService",
		"CreateVpcEndpointService", "GetVpcEndpointServiceAttribute", "ListVpcEndpointServices",
		"UpdateVpcEndpointServiceAttribute", "DeleteVpcEndpointService", "ListVpcEndpointServicesByEndUser",
		"AddUserToVpcEndpointService", "RemoveUserFromVpcEndpointService", "ListVpcEndpointServiceUsers",
		"AttachResourceToVpcEndpointService", "DetachResourceFromVpcEndpointService",
		"ListVpcEndpointServiceResources", "UpdateVpcEndpointServiceResourceAttribute",
		"ListVpcEndpointConnections", "EnableVpcEndpointConnection", "DisableVpcEndpointConnection",
		"UpdateVpcEndpointConnectionAttribute", "EnableVpcEndpointZoneConnection",
		"DisableVpcEndpointZoneConnection", "UpdateVpcEndpointZoneConnectionResourceAttribute",
	} {
		if !knownAction(a) {
			t.Errorf("%s is not served", a)
		}
	}
	if len(operations) != 39 || knownAction("") || knownAction("createVpcEndpoint") {
		t.Fatal("the action table is not the 39 operations of the API")
	}
}

func TestNewID(t *testing.T) {
	s := newServer()
	seen := map[string]bool{}
	for range 1000 {
		id := s.newID("ep")
		if !strings.HasPrefix(id, "ep-hp3") || len(id) != 23 || strings.Trim(id[6:], idChars) != "" || seen[id] {
			t.Fatalf("bad or repeated ID %q", id)
		}
		seen[id] = true
	}
}

// Every answer of a successful operation is a JSON object whose members
// are the metadata's names: a spot check that no Go field name leaks.
func TestAnswerFieldNames(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("Tag.1.Key", "k", "Tag.1.Value", "v")
	p := provider(t, srv)
	svc := p.newService("Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	c.create("ServiceId", svc)
	for _, a := range []answer{
		c.must("GetVpcEndpointAttribute", "EndpointId", id),
		c.must("ListVpcEndpoints"),
		c.must("ListVpcEndpointZones", "EndpointId", id),
		c.must("ListVpcEndpointSecurityGroups", "EndpointId", id),
		c.must("ListTagResources", "ResourceType", "vpcendpoint", "ResourceId.1", id),
		c.must("DescribeRegions"),
		c.must("DescribeZones"),
		c.must("CheckProductOpen"),
		p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc),
		p.must("ListVpcEndpointServices"),
		c.must("ListVpcEndpointServicesByEndUser"),
		p.must("ListVpcEndpointServiceUsers", "ServiceId", svc),
		p.must("ListVpcEndpointServiceUsers", "ServiceId", svc, "UserListType", "UserARNs"),
		p.must("ListVpcEndpointServiceResources", "ServiceId", svc),
		p.must("ListVpcEndpointConnections", "ServiceId", svc),
	} {
		for _, bad := range []string{`"ServiceID"`, `"VpcID"`, `"EndpointID"`, `"RegionID"`, `"EniIP"`, `"VSwitchID"`, `"ZoneID"`, `"SecurityGroupID"`, `"ResourceID"`, `"OrderID"`, `"UserID"`, `"EndpointOwnerID"`, `"IP"`, `"EndpointVpcID"`, `"ResourceGroupID"`} {
			if strings.Contains(string(a.raw), bad) {
				t.Errorf("answer has %s: %s", bad, a.raw)
			}
		}
	}
}
