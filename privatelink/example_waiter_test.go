package privatelink_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// waitExampleEmulator starts the in-process PrivateLink emulator and
// returns a client for it. Real code calls privatelink.NewClient(region)
// with credentials from the environment.
func waitExampleEmulator(opts ...privatelinktest.Option) (*privatelinktest.Server, *privatelink.Client) {
	srv := privatelinktest.NewServer(opts...)
	client, err := privatelink.NewClient(privatelinktest.RegionID,
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""))
	if err != nil {
		log.Fatal(err)
	}
	return srv, client
}

func waitExampleRequest(clientToken string) *privatelink.CreateVpcEndpointRequest {
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithClientToken(clientToken).
		Build()
	if err != nil {
		log.Fatal(err)
	}
	return req
}

// Create an endpoint and wait until it is Active and connected. The
// ClientToken, chosen and persisted before the call, lets a restarted
// process repeat the create without making a second endpoint.
func ExampleClient_CreateVpcEndpointAndWait() {
	srv, client := waitExampleEmulator()
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	ep, err := client.CreateVpcEndpointAndWait(ctx, waitExampleRequest("order-4711-endpoint"), privatelink.WaitConnected())
	if err != nil {
		var waitErr *privatelink.WaitError
		if errors.As(err, &waitErr) {
			log.Printf("endpoint %s last seen %s/%s (RequestId %s)",
				waitErr.EndpointID, waitErr.LastStatus, waitErr.LastConnectionStatus, waitErr.LastRequestID)
		}
		if token, ok := privatelink.ClientTokenFromError(err); ok {
			log.Printf("retry the create with ClientToken %s", token)
		}
		return
	}
	fmt.Println(ep.EndpointStatus, ep.ConnectionStatus)
	// Output: Active Connected
}

// Resume a wait in another process: all it needs is the endpoint ID that
// the first process persisted. The wait tolerates EndpointNotFound for
// DefaultNotFoundGrace, which covers a creation that happened moments ago;
// pass WaitNotFoundGrace(0) when the ID is known to be old.
func ExampleClient_WaitUntilVpcEndpointActive() {
	srv, client := waitExampleEmulator()
	defer srv.Close()
	ctx := context.Background()
	created, err := client.CreateVpcEndpoint(ctx, waitExampleRequest(""))
	if err != nil {
		log.Fatal(err)
	}
	endpointID := created.EndpointID // persisted, then read back by the other process

	ep, err := client.WaitUntilVpcEndpointActive(ctx, endpointID, privatelink.WaitTimeout(10*time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ep.EndpointID == endpointID, ep.EndpointStatus)
	// Output: true Active
}

// Take one step at a time, for a controller that must not block: poll once
// per reconcile and come back later while the endpoint is not ready.
func ExampleVpcEndpointWaiter_Poll() {
	clock := privatelinktest.NewFakeClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	srv, client := waitExampleEmulator(privatelinktest.WithClock(clock), privatelinktest.WithCreationDelay(time.Minute))
	defer srv.Close()
	ctx := context.Background()
	created, err := client.CreateVpcEndpoint(ctx, waitExampleRequest(""))
	if err != nil {
		log.Fatal(err)
	}

	w := client.NewVpcEndpointWaiter(created.EndpointID, privatelink.WaitTargetActive)
	for reconcile := 1; ; reconcile++ {
		done, ep, err := w.Poll(ctx)
		if err != nil {
			log.Fatal(err) // a *WaitError: the endpoint will not become Active
		}
		fmt.Printf("reconcile %d: %s\n", reconcile, ep.EndpointStatus)
		if done {
			break
		}
		clock.Advance(30 * time.Second) // the controller requeues; time passes
	}
	// Output:
	// reconcile 1: Creating
	// reconcile 2: Creating
	// reconcile 3: Active
}

// Delete an endpoint and wait until it is gone.
func ExampleClient_WaitUntilVpcEndpointDeleted() {
	srv, client := waitExampleEmulator()
	defer srv.Close()
	ctx := context.Background()
	ep, err := client.CreateVpcEndpointAndWait(ctx, waitExampleRequest(""))
	if err != nil {
		log.Fatal(err)
	}

	if _, err := client.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: ep.EndpointID}); err != nil {
		log.Fatal(err)
	}
	err = client.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, privatelink.WaitTimeout(10*time.Minute))
	fmt.Println("deleted:", err == nil)
	// Output: deleted: true
}
