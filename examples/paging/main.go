// Command paging lists endpoints page by page with MaxResults and
// NextToken, and then with the iterator that follows NextToken for you.
//
//	go run ./examples/paging
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

func main() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for i := range 7 {
		req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
			WithServiceID(privatelinktest.ServiceID).
			WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
			WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
			WithEndpointName(fmt.Sprintf("paging-%d", i)).
			WithTag("batch", "paging").
			Build()
		if err != nil {
			log.Fatal(err)
		}
		if _, err := client.CreateVpcEndpoint(ctx, req); err != nil {
			log.Fatal(err)
		}
	}

	// Page by page: useful when a caller hands NextToken to its own caller.
	req := &privatelink.ListVpcEndpointsRequest{VpcID: privatelinktest.VpcID, MaxResults: 3}
	for page := 1; ; page++ {
		resp, err := client.ListVpcEndpoints(ctx, req)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d: %d endpoints (total %d)\n", page, len(resp.Endpoints), resp.TotalCount)
		if resp.NextToken == "" {
			break
		}
		req.NextToken = resp.NextToken
	}

	// The iterator follows NextToken to the end; break stops it early.
	n := 0
	for ep, err := range client.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{
		Tags: []privatelink.Tag{{Key: "batch", Value: "paging"}}, MaxResults: 2,
	}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		fmt.Printf("  %s %s\n", ep.EndpointName, ep.EndpointStatus)
	}
	fmt.Printf("iterated over %d endpoints\n", n)
}
