package privatelinktest

import (
	"testing"
	"time"
)

func TestDeleteVpcEndpointLifecycle(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithCreationDelay(time.Minute), WithDeletionDelay(2*time.Minute))
	c := newClient(t, srv)
	id := c.create()

	// Creating: no deletion yet.
	c.fail(400, "EndpointOperationDenied", "DeleteVpcEndpoint", "EndpointId", id)
	clk.Advance(time.Minute)
	c.fail(400, "DryRunOperation", "DeleteVpcEndpoint", "EndpointId", id, "DryRun", "true")
	if got := c.status(id); got != "Active" {
		t.Fatalf("after dry run: %s", got)
	}
	c.must("DeleteVpcEndpoint", "EndpointId", id)
	a := c.must("GetVpcEndpointAttribute", "EndpointId", id)
	if a.str("EndpointStatus") != "Deleting" || a.str("ConnectionStatus") != "Deleting" {
		t.Fatalf("after delete: %v", a)
	}
	if z := c.must("ListVpcEndpointZones", "EndpointId", id).list("Zones"); z[0]["ZoneStatus"] != "Deleting" {
		t.Fatalf("zone of a deleting endpoint: %v", z)
	}
	// Deleting: every change is refused.
	c.fail(400, "EndpointOperationDenied", "DeleteVpcEndpoint", "EndpointId", id)
	c.fail(400, "EndpointOperationDenied", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "x1")
	c.fail(400, "EndpointOperationDenied", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	c.fail(400, "EndpointOperationDenied", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
	if err := srv.AcceptConnection(id); err == nil {
		t.Fatal("AcceptConnection on a deleting endpoint succeeded")
	}

	clk.Advance(2*time.Minute - time.Second)
	if got := c.status(id); got != "Deleting" {
		t.Fatalf("a second before the deletion delay ends: %s", got)
	}
	clk.Advance(time.Second)
	c.fail(400, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", id)
	c.fail(400, "EndpointNotFound", "DeleteVpcEndpoint", "EndpointId", id)
	if srv.EndpointCount() != 0 {
		t.Fatalf("EndpointCount = %d after deletion", srv.EndpointCount())
	}
}

func TestDeleteVpcEndpointMissing(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	c.fail(400, "MissingParameter", "DeleteVpcEndpoint")
	c.fail(400, "EndpointNotFound", "DeleteVpcEndpoint", "EndpointId", "ep-hp3nothere00000000000")
}

// ProtectedEnabled: an endpoint created with STS credentials can only be
// changed by the same STS key; others get OperationDenied.EndpointProtected.
func TestDeleteVpcEndpointProtected(t *testing.T) {
	srv := newTestServer(t,
		WithSTSCredential("STS.owner", "owner-secret", "owner-token"),
		WithSTSCredential("STS.other", "other-secret", "other-token"),
	)
	c := newClient(t, srv)
	owner := c.as("STS.owner", "owner-secret", "owner-token")
	id := owner.create("ProtectedEnabled", "true")
	for _, cl := range []*client{c, c.as("STS.other", "other-secret", "other-token")} {
		cl.fail(400, "OperationDenied.EndpointProtected", "DeleteVpcEndpoint", "EndpointId", id)
		cl.fail(400, "OperationDenied.EndpointProtected", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "taken")
		cl.fail(400, "OperationDenied.EndpointProtected", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
		cl.fail(400, "OperationDenied.EndpointProtected", "RemoveZoneFromVpcEndpoint", "EndpointId", id, "ZoneId", ZoneA)
	}
	// Protection takes effect only for endpoints created through STS.
	plain := c.create("ProtectedEnabled", "true")
	owner.must("DeleteVpcEndpoint", "EndpointId", plain)
	owner.must("DeleteVpcEndpoint", "EndpointId", id)
}
