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

// Build validates a request before anything is sent and lists every
// problem with its field path.
func ExampleCreateVpcEndpointBuilder_Build() {
	_, err := privatelink.NewCreateVpcEndpoint("vpc-hp356stwkxg3fn2xe0001").
		WithZone("cn-huhehaote-a", "").
		WithZone("cn-huhehaote-a", "vsw-hp3uf6045ljdhd5zr0001").
		WithTag("acs:owner", "me").
		Build()
	var verr *privatelink.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Printf("%s: %s\n", p.Field, p.Message)
		}
	}
	// Output:
	// ServiceID: ServiceID or ServiceName is required
	// Zones[0].VSwitchID: required
	// Zones[1].ZoneID: duplicate of Zones[0].ZoneID
	// SecurityGroupIDs: an Interface endpoint needs at least one security group (the service answers EndpointMustContainSecurityGroup)
	// Tags[0].Key: must not start with "acs:"
}

// A dry run asks the service to check a request without acting. Passing is
// reported as ErrDryRunPassed, tested without string matching.
func ExampleClient_CreateVpcEndpoint_dryRun() {
	srv, client := waitExampleEmulator()
	defer srv.Close()

	req := waitExampleRequest("")
	req.DryRun = true
	_, err := client.CreateVpcEndpoint(context.Background(), req)
	fmt.Println(errors.Is(err, privatelink.ErrDryRunPassed), srv.EndpointCount())
	// Output: true 0
}

// The same ClientToken returns the same endpoint: a retried or repeated
// create never makes a duplicate.
func ExampleClient_CreateVpcEndpoint_idempotent() {
	srv, client := waitExampleEmulator()
	defer srv.Close()
	ctx := context.Background()

	first, err := client.CreateVpcEndpoint(ctx, waitExampleRequest("pipeline-run-42"))
	if err != nil {
		log.Fatal(err)
	}
	again, err := client.CreateVpcEndpoint(ctx, waitExampleRequest("pipeline-run-42"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(first.EndpointID == again.EndpointID, first.ClientToken, srv.EndpointCount())
	// Output: true pipeline-run-42 1
}

// AllVpcEndpoints follows NextToken through every page.
func ExampleClient_AllVpcEndpoints() {
	srv, client := waitExampleEmulator()
	defer srv.Close()
	ctx := context.Background()
	for range 3 {
		if _, err := client.CreateVpcEndpoint(ctx, waitExampleRequest("")); err != nil {
			log.Fatal(err)
		}
	}

	n := 0
	for ep, err := range client.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{
		VpcID:      privatelinktest.VpcID,
		MaxResults: 2, // small pages, to show the paging
	}) {
		if err != nil {
			log.Fatal(err)
		}
		if ep.VpcID == privatelinktest.VpcID {
			n++
		}
	}
	fmt.Println(n, "endpoints")
	// Output: 3 endpoints
}

// Service errors are one type, *APIError, with predicates for the common
// questions.
func ExampleAPIError() {
	srv, client := waitExampleEmulator()
	defer srv.Close()

	_, err := client.GetVpcEndpointAttribute(context.Background(),
		&privatelink.GetVpcEndpointAttributeRequest{EndpointID: "ep-hp3doesnotexist000000"})
	var apiErr *privatelink.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, apiErr.RequestID != "")
	}
	fmt.Println(privatelink.IsNotFound(err), privatelink.IsRetryable(err))
	// Output:
	// 400 EndpointNotFound true
	// true false
}

// One fake clock drives both the emulator's state transitions and the
// waiter's sleeps: a creation that takes five minutes is waited for at once.
func ExampleWaitClock() {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv, client := waitExampleEmulator(
		privatelinktest.WithClock(clk),
		privatelinktest.WithCreationDelay(5*time.Minute),
	)
	defer srv.Close()

	start := clk.Now()
	ep, err := client.CreateVpcEndpointAndWait(context.Background(), waitExampleRequest(""), privatelink.WaitClock(clk))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ep.EndpointStatus, "after", clk.Now().Sub(start).Round(time.Minute), "of fake time")
	// Output: Active after 5m0s of fake time
}
