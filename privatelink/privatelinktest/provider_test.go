package privatelinktest

import (
	"testing"
	"time"
)

// connOf returns an endpoint's ConnectionStatus and zone statuses as the
// API reports them, and checks that the snapshot agrees.
func connOf(t *testing.T, c *client, srv *Server, id string) (conn string, zones []string) {
	t.Helper()
	conn = c.must("GetVpcEndpointAttribute", "EndpointId", id).str("ConnectionStatus")
	for _, z := range c.must("ListVpcEndpointZones", "EndpointId", id).list("Zones") {
		s, _ := z["ZoneStatus"].(string)
		zones = append(zones, s)
	}
	if e, _ := srv.Endpoint(id); string(e.ConnectionStatus) != conn {
		t.Fatalf("snapshot says %s, the API %s", e.ConnectionStatus, conn)
	}
	return conn, zones
}

func TestRejectConnection(t *testing.T) {
	for _, svc := range []string{ServiceID, ManualServiceID} {
		t.Run(svc, func(t *testing.T) {
			clk := NewFakeClock(fixedTime)
			srv := newTestServer(t, WithClock(clk), WithCreationDelay(time.Minute))
			c := newClient(t, srv)
			id := c.create("ServiceId", svc)
			// No connection exists to reject before the endpoint is Active.
			if err := srv.RejectConnection(id); err == nil {
				t.Fatal("RejectConnection on a Creating endpoint succeeded")
			}
			clk.Advance(time.Minute)
			if err := srv.RejectConnection(id); err != nil {
				t.Fatal(err)
			}
			// For good: time passing does not reconnect it.
			clk.Advance(24 * time.Hour)
			if conn, zones := connOf(t, c, srv, id); conn != "Disconnected" || len(zones) != 1 || zones[0] != "Disconnected" {
				t.Fatalf("rejected: connection %s, zones %v", conn, zones)
			}
			if c.must("GetVpcEndpointAttribute", "EndpointId", id).str("EndpointStatus") != "Active" {
				t.Fatal("rejecting the connection changed the endpoint's status")
			}
			if n := c.must("ListVpcEndpoints", "ConnectionStatus", "Disconnected").num("TotalCount"); n != 1 {
				t.Fatalf("ListVpcEndpoints ConnectionStatus=Disconnected found %d", n)
			}
			// The provider can enable the connection again.
			if err := srv.AcceptConnection(id); err != nil {
				t.Fatal(err)
			}
			if conn, zones := connOf(t, c, srv, id); conn != "Connected" || zones[0] != "Connected" {
				t.Fatalf("accepted again: connection %s, zones %v", conn, zones)
			}
		})
	}
}

func TestRejectConnectionErrors(t *testing.T) {
	srv := newTestServer(t, WithDeletionDelay(time.Hour))
	c := newClient(t, srv)
	if err := srv.RejectConnection("ep-hp3nothere00000000000"); err == nil {
		t.Error("RejectConnection on an unknown endpoint succeeded")
	}
	id := c.create()
	c.must("DeleteVpcEndpoint", "EndpointId", id)
	if err := srv.RejectConnection(id); err == nil {
		t.Error("RejectConnection on a Deleting endpoint succeeded")
	}
}

func TestSetBusinessStatus(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create()
	business := func() (get, list, snap string) {
		t.Helper()
		get = c.must("GetVpcEndpointAttribute", "EndpointId", id).str("EndpointBusinessStatus")
		list, _ = c.must("ListVpcEndpoints", "EndpointId", id).list("Endpoints")[0]["EndpointBusinessStatus"].(string)
		e, _ := srv.Endpoint(id)
		return get, list, string(e.BusinessStatus)
	}
	if g, l, s := business(); g != "Normal" || l != "Normal" || s != "Normal" {
		t.Fatalf("a new endpoint: Get %s, List %s, snapshot %s", g, l, s)
	}
	// A value the SDK does not know is reported as given, so that a test
	// can check it survives decoding.
	for _, st := range []string{"FinancialLocked", "SomethingNew", "Normal"} {
		if err := srv.SetBusinessStatus(id, st); err != nil {
			t.Fatal(err)
		}
		if g, l, s := business(); g != st || l != st || s != st {
			t.Fatalf("after SetBusinessStatus %s: Get %s, List %s, snapshot %s", st, g, l, s)
		}
	}
	if err := srv.SetBusinessStatus("ep-hp3nothere00000000000", "FinancialLocked"); err == nil {
		t.Error("SetBusinessStatus on an unknown endpoint succeeded")
	}
	if err := srv.SetBusinessStatus(id, ""); err == nil {
		t.Error("SetBusinessStatus with an empty status succeeded")
	}
}

func TestDeleteService(t *testing.T) {
	srv := newTestServer(t, WithSecurityGroup(otherSG, VpcID), WithDeletionDelay(time.Hour))
	c := newClient(t, srv)
	id := c.create("ClientToken", "before", "Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)
	deleting := c.create()
	c.must("DeleteVpcEndpoint", "EndpointId", deleting)
	manual := c.create("ServiceId", ManualServiceID)

	if err := srv.DeleteService(ServiceID); err != nil {
		t.Fatal(err)
	}
	if conn, zones := connOf(t, c, srv, id); conn != "ServiceDeleted" || len(zones) != 2 || zones[0] != "Disconnected" || zones[1] != "Disconnected" {
		t.Fatalf("after DeleteService: connection %s, zones %v", conn, zones)
	}
	if st := c.status(id); st != "Active" {
		t.Fatalf("EndpointStatus %s after DeleteService, want Active", st)
	}
	if conn, _ := connOf(t, c, srv, deleting); conn != "Deleting" {
		t.Fatalf("a Deleting endpoint's connection reads %s", conn)
	}
	if conn, _ := connOf(t, c, srv, manual); conn != "Pending" {
		t.Fatalf("an endpoint of another service reads %s", conn)
	}
	if n := c.must("ListVpcEndpoints", "ConnectionStatus", "ServiceDeleted").num("TotalCount"); n != 1 {
		t.Fatalf("ListVpcEndpoints ConnectionStatus=ServiceDeleted found %d", n)
	}

	// New endpoints: the service's own code, by ID or name. A retry of a
	// create that succeeded before still gets its answer.
	c.fail(400, "EndpointServiceDeleted", "CreateVpcEndpoint", createParams()...)
	c.fail(400, "EndpointServiceDeleted", "CreateVpcEndpoint", createParams("ServiceId", "-", "ServiceName", ServiceName)...)
	if got := c.must("CreateVpcEndpoint", createParams("ClientToken", "before", "Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)...).str("EndpointId"); got != id {
		t.Fatalf("replay after DeleteService answered %s, want %s", got, id)
	}
	c.create("ServiceId", ManualServiceID) // other services are unaffected

	// The operations whose metadata lists EndpointServiceDeleted refuse;
	// cleaning up still works.
	c.fail(400, "EndpointServiceDeleted", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "renamed")
	c.fail(400, "EndpointServiceDeleted", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", otherSG)
	c.fail(400, "EndpointServiceDeleted", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
	c.must("RemoveZoneFromVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB)
	c.fail(400, "EndpointServiceDeleted", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	c.must("DeleteVpcEndpoint", "EndpointId", id)

	for _, err := range []error{
		srv.AcceptConnection(manual + "x"),
		srv.DeleteService(ServiceID),
		srv.DeleteService("epsrv-hp3nothere0000000"),
	} {
		if err == nil {
			t.Error("a provider action on something that does not exist succeeded")
		}
	}
	// The provider has no connection left to accept or reject.
	other := c.create("ServiceId", ManualServiceID)
	if err := srv.DeleteService(ManualServiceID); err != nil {
		t.Fatal(err)
	}
	if srv.AcceptConnection(other) == nil || srv.RejectConnection(other) == nil {
		t.Error("AcceptConnection or RejectConnection succeeded on an endpoint of a deleted service")
	}
}

// The derived states of rejected and orphaned endpoints, at the instants
// around activation.
func TestEndpointDerivedProviderStates(t *testing.T) {
	t0 := fixedTime
	e := &endpoint{service: &service{Service: &Service{ID: "epsrv-a", AutoAccept: true}}, connState: connConnected, activeAt: t0.Add(time.Minute)}
	z := &epZone{zoneID: ZoneA}
	if e.businessStatus() != "Normal" {
		t.Errorf("a new endpoint's business status is %q", e.businessStatus())
	}
	e.connState = connDisconnected // rejected
	if got := e.connectionStatus(t0); got != "Disconnected" || e.zoneStatus(z, t0) != "Creating" {
		t.Errorf("rejected, creating: %s", got)
	}
	if got := e.connectionStatus(t0.Add(time.Minute)); got != "Disconnected" || e.zoneStatus(z, t0.Add(time.Minute)) != "Disconnected" {
		t.Errorf("rejected, active: %s", got)
	}
	e.serviceDeleted = true
	for _, at := range []time.Time{t0, t0.Add(time.Minute)} {
		if got := e.connectionStatus(at); got != "ServiceDeleted" {
			t.Errorf("service deleted at %v: %s", at.Sub(t0), got)
		}
	}
	e.deleting = true
	if got := e.connectionStatus(t0); got != "Deleting" {
		t.Errorf("deleting endpoint of a deleted service: %s", got)
	}
}
