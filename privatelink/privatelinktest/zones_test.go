package privatelinktest

import (
	"strings"
	"testing"
	"time"
)

func TestZonesLifecycle(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithZoneDelay(time.Minute))
	c := newClient(t, srv)
	id := c.create()

	c.fail(400, "DryRunOperation", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB, "DryRun", "true")
	c.must("AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB, "ip", "192.168.2.50")
	if got := c.status(id); got != "Pending" {
		t.Fatalf("endpoint while a zone is added: %s", got)
	}
	zones := c.must("ListVpcEndpointZones", "EndpointId", id)
	z := zones.list("Zones")
	if zones.num("TotalCount") != 2 || z[1]["ZoneId"] != ZoneB || z[1]["ZoneStatus"] != "Creating" || z[1]["EniIp"] != "192.168.2.50" {
		t.Fatalf("zones while adding: %v", zones)
	}
	if d, _ := z[1]["ZoneDomain"].(string); !strings.HasPrefix(d, id+"-"+RegionID+"."+ServiceID+"."+ZoneB+".") {
		t.Fatalf("ZoneDomain %q", d)
	}
	for _, k := range []string{"VSwitchId", "EniIp", "ZoneStatus", "ZoneId", "EniId", "ZoneDomain", "RegionId", "ZoneIpv6Address"} {
		if _, ok := z[0][k]; !ok {
			t.Errorf("zone entry lacks %s", k)
		}
	}
	// Pending: further changes are locked.
	c.fail(400, "EndpointLocked", "RemoveZoneFromVpcEndpoint", "EndpointId", id, "ZoneId", ZoneA)
	c.fail(400, "EndpointLocked", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	c.fail(400, "EndpointLocked", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
	c.fail(400, "EndpointOperationDenied", "DeleteVpcEndpoint", "EndpointId", id)

	clk.Advance(time.Minute)
	if got := c.status(id); got != "Active" {
		t.Fatalf("after the zone delay: %s", got)
	}
	if z := c.must("ListVpcEndpointZones", "EndpointId", id).list("Zones"); z[1]["ZoneStatus"] != "Connected" {
		t.Fatalf("added zone after the delay: %v", z)
	}

	c.fail(400, "EndpointZoneDuplicated", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	c.fail(400, "EndpointZoneNotFound", "RemoveZoneFromVpcEndpoint", "EndpointId", id, "ZoneId", "cn-huhehaote-c")
	c.fail(400, "DryRunOperation", "RemoveZoneFromVpcEndpoint", "EndpointId", id, "ZoneId", ZoneA, "DryRun", "true")
	c.must("RemoveZoneFromVpcEndpoint", "EndpointId", id, "ZoneId", ZoneA)
	if z := c.must("ListVpcEndpointZones", "EndpointId", id).list("Zones"); z[0]["ZoneStatus"] != "Deleting" {
		t.Fatalf("removed zone during the delay: %v", z)
	}
	clk.Advance(time.Minute)
	zones = c.must("ListVpcEndpointZones", "EndpointId", id)
	if zones.num("TotalCount") != 1 || zones.list("Zones")[0]["ZoneId"] != ZoneB {
		t.Fatalf("after removal: %v", zones)
	}
	// The removed zone's address is free again.
	other := c.create("Zone.1.ip", "192.168.1.1")
	if e, _ := srv.Endpoint(other); e.Zones[0].IP != "192.168.1.1" {
		t.Fatalf("address of the removed zone: %+v", e)
	}
}

func TestAddZoneToVpcEndpointErrors(t *testing.T) {
	srv := newTestServer(t,
		WithVSwitch("vsw-hp3zonec000000000000", VpcID, "cn-huhehaote-c", "192.168.3.0/24", ""),
		WithQuota(QuotaEpZonePerEndpoint, 1),
	)
	c := newClient(t, srv)
	noZones := c.create("Zone.1.ZoneId", "-", "Zone.1.VSwitchId", "-")
	dual := c.create("Zone.1.ZoneId", "-", "Zone.1.VSwitchId", "-", "AddressIpVersion", "DualStack")
	one := c.create()
	add := func(id string, extra ...string) []string {
		return append([]string{"EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB}, extra...)
	}
	c.fail(400, "MissingParameter", "AddZoneToVpcEndpoint", "EndpointId", noZones, "ZoneId", ZoneB)
	c.fail(400, "MissingParameter", "AddZoneToVpcEndpoint", "EndpointId", noZones, "VSwitchId", VSwitchB)
	c.fail(400, "EndpointNotFound", "AddZoneToVpcEndpoint", add("ep-hp3nothere00000000000")...)
	c.fail(400, "EndpointServiceNotSupportedZone", "AddZoneToVpcEndpoint", "EndpointId", noZones, "ZoneId", "cn-huhehaote-c", "VSwitchId", "vsw-hp3zonec000000000000")
	c.fail(400, "VSwitchNotFound", "AddZoneToVpcEndpoint", "EndpointId", noZones, "ZoneId", ZoneB, "VSwitchId", VSwitchA)
	c.fail(400, "IllegalParam.Ip", "AddZoneToVpcEndpoint", add(noZones, "ip", "10.0.0.1")...)
	c.fail(400, "OperationDenied.AddressIpVersionNotSupportSpecifyIpv6", "AddZoneToVpcEndpoint", "EndpointId", noZones, "ZoneId", ZoneA, "VSwitchId", VSwitchA, "Ipv6Address", "2408:4005:34d:a100::9")
	c.fail(400, "OperationDenied.VSwitchNotSupportDualstack", "AddZoneToVpcEndpoint", add(dual)...)
	c.fail(400, "QuotaExceeded.epZonePerEndpoint", "AddZoneToVpcEndpoint", add(one)...)
	c.must("AddZoneToVpcEndpoint", "EndpointId", dual, "ZoneId", ZoneA, "VSwitchId", VSwitchA, "Ipv6Address", "2408:4005:34d:a100::9")
	if e, _ := srv.Endpoint(dual); e.Zones[0].IPv6 != "2408:4005:34d:a100::9" {
		t.Fatalf("dual-stack zone: %+v", e.Zones)
	}
	c.fail(400, "MissingParameter", "RemoveZoneFromVpcEndpoint", "EndpointId", one)
	c.fail(400, "EndpointNotFound", "RemoveZoneFromVpcEndpoint", "EndpointId", "ep-hp3nothere00000000000", "ZoneId", ZoneA)
}

func TestListVpcEndpointZonesPaging(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)
	p1 := c.must("ListVpcEndpointZones", "EndpointId", id, "MaxResults", "1")
	if p1.num("TotalCount") != 2 || len(p1.list("Zones")) != 1 || p1.str("NextToken") == "" {
		t.Fatalf("page 1: %v", p1)
	}
	p2 := c.must("ListVpcEndpointZones", "EndpointId", id, "MaxResults", "1", "NextToken", p1.str("NextToken"))
	if len(p2.list("Zones")) != 1 || p2.list("Zones")[0]["ZoneId"] != ZoneB || p2.str("NextToken") != "" {
		t.Fatalf("page 2: %v", p2)
	}
	c.fail(400, "InvalidParameter", "ListVpcEndpointZones", "EndpointId", id, "MaxResults", "1001")
	c.fail(400, "EndpointNotFound", "ListVpcEndpointZones", "EndpointId", "ep-hp3nothere00000000000")
	c.fail(400, "MissingParameter", "ListVpcEndpointZones")
	// A token is bound to its endpoint's listing.
	other := c.create("Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)
	c.fail(400, "InvalidParameter", "ListVpcEndpointZones", "EndpointId", other, "NextToken", p1.str("NextToken"))
}
