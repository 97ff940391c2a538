package privatelink_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Publish an endpoint service from a load balancer, allow one account,
// and accept the connection of that account's endpoint: the provider's
// side of PrivateLink. The provider and the consumer are two accounts with
// their own clients; here both are on the emulator, where the service
// takes two minutes to create and a connection 30 seconds to open, on a
// fake clock that the waits move forward.
func ExampleClient_CreateVpcEndpointService() {
	clock := privatelinktest.NewFakeClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clock),
		privatelinktest.WithServiceDelay(2*time.Minute), privatelinktest.WithConnectionDelay(30*time.Second))
	defer srv.Close()
	provider := srv.Client(privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
	consumer := srv.Client()
	const consumerAccount = 1234567890123456 // privatelinktest.AccountID
	wait := privatelink.WaitClock(clock)     // real code leaves the clock alone
	ctx := context.Background()

	// The provider publishes its load balancer and waits until the
	// service is Active.
	req, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeSLB).
		WithResource(privatelink.ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerA, privatelinktest.ZoneA).
		WithAutoAcceptEnabled(false).
		Build()
	if err != nil {
		log.Fatal(err)
	}
	created, err := provider.CreateVpcEndpointService(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	svc, err := provider.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID, wait)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("service:", created.ServiceStatus, "then", svc.ServiceStatus)
	_, err = provider.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc.ServiceID, UserID: consumerAccount})
	if err != nil {
		log.Fatal(err)
	}

	// The consumer connects an endpoint; its connection waits for the
	// provider.
	epReq, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(svc.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		log.Fatal(err)
	}
	ep, err := consumer.CreateVpcEndpointAndWait(ctx, epReq, wait)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("endpoint:", ep.EndpointStatus, "connection", ep.ConnectionStatus)

	// The provider accepts every pending connection.
	pending := &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: svc.ServiceID, ConnectionStatus: privatelink.ConnectionStatusPending}
	for conn, err := range provider.AllVpcEndpointConnections(ctx, pending) {
		if err != nil {
			log.Fatal(err)
		}
		_, err = provider.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc.ServiceID, EndpointID: conn.EndpointID})
		if err != nil {
			log.Fatal(err)
		}
		accepted, err := provider.WaitUntilVpcEndpointConnectionStatus(ctx, svc.ServiceID, conn.EndpointID, privatelink.WaitTargetConnected, wait)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("accepted account", accepted.EndpointOwnerID, "connection", accepted.ConnectionStatus)
	}
	// Output:
	// service: Creating then Active
	// endpoint: Active connection Pending
	// accepted account 1234567890123456 connection Connected
}
