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
		"DescribeRegions", "DescribeZones", "CheckProductOpen", "OpenPrivateLinkService",
	} {
		if !knownAction(a) {
			t.Errorf("%s is not served", a)
		}
	}
	if len(operations) != 15 || knownAction("") || knownAction("createVpcEndpoint") {
		t.Fatal("the action table is not the 15 operations served")
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
	id := c.create()
	for _, a := range []answer{
		c.must("GetVpcEndpointAttribute", "EndpointId", id),
		c.must("ListVpcEndpoints"),
		c.must("ListVpcEndpointZones", "EndpointId", id),
		c.must("ListVpcEndpointSecurityGroups", "EndpointId", id),
		c.must("DescribeRegions"),
		c.must("DescribeZones"),
		c.must("CheckProductOpen"),
	} {
		for _, bad := range []string{`"ServiceID"`, `"VpcID"`, `"EndpointID"`, `"RegionID"`, `"EniIP"`, `"VSwitchID"`, `"ZoneID"`, `"SecurityGroupID"`, `"OrderID"`} {
			if strings.Contains(string(a.raw), bad) {
				t.Errorf("answer has %s: %s", bad, a.raw)
			}
		}
	}
}
