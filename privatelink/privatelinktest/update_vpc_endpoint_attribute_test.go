package privatelinktest

import (
	"testing"
	"time"
)

func TestUpdateVpcEndpointAttribute(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("EndpointName", "before", "EndpointDescription", "old text", "ZoneAffinityEnabled", "true")
	c.must("UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "after", "ZoneAffinityEnabled", "false", "PolicyDocument", `{"Version":"1"}`)
	a := c.must("GetVpcEndpointAttribute", "EndpointId", id)
	if a.str("EndpointName") != "after" || a.str("EndpointDescription") != "old text" || a.body["ZoneAffinityEnabled"] != false || a.str("PolicyDocument") != `{"Version":"1"}` {
		t.Fatalf("after update: %v", a)
	}
	// Nothing given, nothing changed.
	c.must("UpdateVpcEndpointAttribute", "EndpointId", id)
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", id).str("EndpointName"); got != "after" {
		t.Fatalf("name after empty update: %s", got)
	}
	c.fail(400, "DryRunOperation", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "dry", "DryRun", "true")
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", id).str("EndpointName"); got != "after" {
		t.Fatalf("a dry run changed the name to %s", got)
	}
}

func TestUpdateVpcEndpointAttributeErrors(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create()
	manual := c.create("ServiceId", ManualServiceID)
	c.fail(400, "MissingParameter", "UpdateVpcEndpointAttribute")
	c.fail(400, "EndpointNotFound", "UpdateVpcEndpointAttribute", "EndpointId", "ep-hp3nothere00000000000")
	c.fail(400, "InvalidParameter", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "-x")
	c.fail(400, "InvalidParameter", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointDescription", "http://x")
	c.fail(400, "InvalidParameter", "UpdateVpcEndpointAttribute", "EndpointId", id, "ZoneAffinityEnabled", "maybe")
	c.fail(400, "IllegalParam.AddressIpVersion", "UpdateVpcEndpointAttribute", "EndpointId", id, "AddressIpVersion", "ipv4")
	c.fail(400, "OperationDenied.EndpointServiceNotSupportDualstack", "UpdateVpcEndpointAttribute", "EndpointId", manual, "AddressIpVersion", "DualStack")
}

// Switching the IP version re-addresses the zones and keeps the endpoint
// Pending for the zone delay.
func TestUpdateVpcEndpointAttributeIPVersion(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithZoneDelay(30*time.Second))
	c := newClient(t, srv)
	ipv4Only := c.create("Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)
	c.fail(400, "OperationDenied.VSwitchNotSupportDualstack", "UpdateVpcEndpointAttribute", "EndpointId", ipv4Only, "AddressIpVersion", "DualStack")

	id := c.create()
	c.fail(400, "DryRunOperation", "UpdateVpcEndpointAttribute", "EndpointId", id, "AddressIpVersion", "DualStack", "DryRun", "true")
	if e, _ := srv.Endpoint(id); e.AddressIPVersion != "IPv4" || e.Zones[0].IPv6 != "" {
		t.Fatalf("a dry run changed the endpoint: %+v", e)
	}
	c.must("UpdateVpcEndpointAttribute", "EndpointId", id, "AddressIpVersion", "DualStack")
	e, _ := srv.Endpoint(id)
	if e.AddressIPVersion != "DualStack" || e.Zones[0].IPv6 == "" || e.Status != "Pending" {
		t.Fatalf("after switching to dual stack: %+v", e)
	}
	c.fail(400, "EndpointLocked", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "locked")
	clk.Advance(30 * time.Second)
	if got := c.status(id); got != "Active" {
		t.Fatalf("after the zone delay: %s", got)
	}
	c.must("UpdateVpcEndpointAttribute", "EndpointId", id, "AddressIpVersion", "IPv4")
	if e, _ := srv.Endpoint(id); e.AddressIPVersion != "IPv4" || e.Zones[0].IPv6 != "" {
		t.Fatalf("after switching back: %+v", e)
	}
}
