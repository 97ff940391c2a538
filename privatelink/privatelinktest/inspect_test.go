package privatelinktest

import (
	"testing"
	"time"
)

func TestInspection(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithCreationDelay(time.Minute), WithDeletionDelay(time.Minute))
	c := newClient(t, srv)
	if srv.EndpointCount() != 0 || len(srv.Endpoints()) != 0 {
		t.Fatal("a new server has endpoints")
	}
	a := c.create("EndpointName", "first", "ClientToken", "tok-a", "Tag.1.Key", "k", "Tag.1.Value", "v")
	b := c.create("EndpointName", "second", "ServiceId", ManualServiceID)
	all := srv.Endpoints()
	if len(all) != 2 || all[0].ID != a || all[1].ID != b {
		t.Fatalf("Endpoints() not in creation order: %+v", all)
	}
	e, ok := srv.Endpoint(a)
	if !ok || e.Name != "first" || e.Status != "Creating" || e.ConnectionStatus != "Disconnected" ||
		e.ClientToken != "tok-a" || e.CreatedBy != AccessKeyID || !e.CreateTime.Equal(fixedTime) ||
		e.ServiceID != ServiceID || e.ServiceName != ServiceName || e.VpcID != VpcID || e.Type != "Interface" ||
		e.ResourceGroupID != DefaultResourceGroupID || e.Domain == "" || len(e.Tags) != 1 {
		t.Fatalf("snapshot: %+v", e)
	}
	// A snapshot is a copy.
	e.Tags[0].Key = "changed"
	if again, _ := srv.Endpoint(a); again.Tags[0].Key != "k" {
		t.Fatal("changing a snapshot changed the server")
	}
	if _, ok := srv.Endpoint("ep-hp3nothere00000000000"); ok {
		t.Fatal("Endpoint found an unknown ID")
	}

	clk.Advance(time.Minute)
	if e, _ := srv.Endpoint(b); e.Status != "Active" || e.ConnectionStatus != "Pending" {
		t.Fatalf("manual endpoint: %+v", e)
	}
	if err := srv.AcceptConnection(b); err != nil {
		t.Fatal(err)
	}
	if err := srv.AcceptConnection(a); err != nil {
		t.Fatalf("AcceptConnection on an automatic service: %v", err)
	}
	if err := srv.AcceptConnection("ep-hp3nothere00000000000"); err == nil {
		t.Fatal("AcceptConnection on an unknown endpoint succeeded")
	}
	if e, _ := srv.Endpoint(b); e.ConnectionStatus != "Connected" {
		t.Fatalf("after AcceptConnection: %+v", e)
	}

	c.must("DeleteVpcEndpoint", "EndpointId", a)
	if srv.EndpointCount() != 2 {
		t.Fatal("a Deleting endpoint is not counted")
	}
	clk.Advance(time.Minute)
	if srv.EndpointCount() != 1 {
		t.Fatal("a deleted endpoint is still counted")
	}
	if _, ok := srv.EndpointByClientToken("tok-a"); ok {
		t.Fatal("EndpointByClientToken found a deleted endpoint")
	}
}
