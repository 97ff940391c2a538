// Command dryrun checks a CreateVpcEndpoint request with DryRun before
// creating anything, and shows how client-side validation reports every
// problem at once.
//
//	go run ./examples/dryrun
package main

import (
	"context"
	"errors"
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

	// 1. Mistakes are caught before any network traffic, all of them at once.
	_, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithZone(privatelinktest.ZoneA, "").
		WithEndpointName("1-starts-with-a-digit").
		WithTag("aliyun:reserved", "x").
		Build()
	var verr *privatelink.ValidationError
	if !errors.As(err, &verr) {
		log.Fatalf("expected a validation error, got %v", err)
	}
	fmt.Printf("validation found %d problems:\n", len(verr.Problems))
	for _, p := range verr.Problems {
		fmt.Printf("  %s: %s\n", p.Field, p.Message)
	}

	// 2. A valid request checked by the service without creating anything.
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithDryRun(true).
		Build()
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.CreateVpcEndpoint(ctx, req)
	switch {
	case errors.Is(err, privatelink.ErrDryRunPassed):
		fmt.Println("dry run passed: the service would create this endpoint")
	case err != nil:
		log.Fatalf("dry run failed: %v", err)
	default:
		log.Fatal("a dry run must not succeed")
	}

	// 3. A dry run that the service rejects names the reason.
	req.ServiceID = "epsrv-does-not-exist"
	_, err = client.CreateVpcEndpoint(ctx, req)
	fmt.Printf("dry run with an unknown service: %s\n", privatelink.ErrorCode(err))
	fmt.Printf("endpoints created: %d\n", srv.EndpointCount())
}
