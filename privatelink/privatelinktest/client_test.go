package privatelinktest_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

func TestServerClientIsReadyToUse(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client(privatelink.WithRetry(1, 0, 0))
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	created, err := client.CreateVpcEndpoint(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Endpoint(created.EndpointID); !ok {
		t.Fatalf("endpoint %s not in the emulator", created.EndpointID)
	}
	if client.RegionID() != privatelinktest.RegionID {
		t.Errorf("RegionID = %q", client.RegionID())
	}
}

func TestServerClientPanicsOnAnInvalidOption(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	srv.Client(privatelink.WithRetry(0, 0, 0))
}

// The provider's side of a test has its own client, and the account IDs
// come as the int64 the API's numeric fields take: the provider allows the
// consumer by AccountUID and finds its connection by EndpointOwnerID.
func TestServerProviderClientAndNumericAccountIDs(t *testing.T) {
	if strconv.FormatInt(privatelinktest.AccountUID, 10) != privatelinktest.AccountID ||
		strconv.FormatInt(privatelinktest.ProviderAccountUID, 10) != privatelinktest.ProviderAccountID {
		t.Fatal("the int64 account IDs differ from the string ones")
	}
	srv := privatelinktest.NewServer()
	defer srv.Close()
	consumer, provider := srv.Client(), srv.ProviderClient()
	ctx := t.Context()
	if _, err := provider.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{
		ServiceID: privatelinktest.ManualServiceID, UserID: privatelinktest.AccountUID}); err != nil {
		t.Fatal(err)
	}
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ManualServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	ep, err := consumer.CreateVpcEndpoint(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	conns, err := provider.ListVpcEndpointConnections(ctx, &privatelink.ListVpcEndpointConnectionsRequest{
		ServiceID: privatelinktest.ManualServiceID, EndpointOwnerID: privatelinktest.AccountUID})
	if err != nil {
		t.Fatal(err)
	}
	if len(conns.Connections) != 1 || conns.Connections[0].EndpointID != ep.EndpointID || conns.Connections[0].EndpointOwnerID != privatelinktest.AccountUID {
		t.Fatalf("provider's connections: %+v", conns.Connections)
	}
	if _, err := provider.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{
		ServiceID: privatelinktest.ManualServiceID, EndpointID: ep.EndpointID}); err != nil {
		t.Fatal(err)
	}
	// The consumer's key is not the provider's: it cannot accept.
	_, err = consumer.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{
		ServiceID: privatelinktest.ManualServiceID, EndpointID: ep.EndpointID})
	if err == nil {
		t.Error("the consumer accepted a connection to a service it does not own")
	}
}

// On a FakeClock, the client's waits sleep on the server's clock without a
// WaitClock: a creation of an hour is waited for at once, in real time.
func TestServerClientWiresTheFakeClockIntoWaits(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(time.Hour))
	defer srv.Close()
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	// The real-time bound only stops a broken wiring from hanging.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	start := clk.Now()
	ep, err := srv.Client().CreateVpcEndpointAndWait(ctx, req, privatelink.WaitTimeout(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if ep.EndpointStatus != privatelink.EndpointStatusActive || clk.Now().Sub(start) < time.Hour {
		t.Fatalf("status %s after %v on the fake clock", ep.EndpointStatus, clk.Now().Sub(start))
	}
	// Without a FakeClock the waits keep the real clock.
	real := privatelinktest.NewServer()
	defer real.Close()
	if _, err := real.Client().CreateVpcEndpointAndWait(ctx, req); err != nil {
		t.Fatal(err)
	}
}
