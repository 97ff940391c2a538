// Command provider publishes a PrivateLink endpoint service from a load
// balancer and accepts a consumer's connection to it, then takes both
// down again, printing each step:
//
//	go run ./examples/provider
//
// It runs on the in-process emulator (privatelink/privatelinktest), which
// holds two accounts: the provider, who owns the load balancer and the
// service, and the consumer, who connects an endpoint from its VPC. Each
// party has a client of its own, signing with its own keys; against
// Alibaba Cloud they would be two privatelink.NewClient calls with each
// account's credentials. Service creation and connection take a second
// on the emulator, as they take minutes on the real service, and
// the SDK's waiters wait for them.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// settings names what each party brings: the provider's load balancer,
// and the consumer's account, VPC, vSwitch and security group.
type settings struct {
	loadBalancer, loadBalancerZone string
	consumerAccount                int64
	vpc, zone, vswitch, sg         string
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	srv := privatelinktest.NewServer(
		privatelinktest.WithServiceDelay(time.Second),
		privatelinktest.WithConnectionDelay(time.Second),
		privatelinktest.WithCreationDelay(time.Second),
		privatelinktest.WithDeletionDelay(500*time.Millisecond),
	)
	defer srv.Close()
	provider := srv.ProviderClient() // signs as the provider account
	consumer := srv.Client()         // the emulator's default account
	s := settings{
		loadBalancer: privatelinktest.ProviderLoadBalancerA, loadBalancerZone: privatelinktest.ZoneA,
		consumerAccount: privatelinktest.AccountUID,
		vpc:             privatelinktest.VpcID, zone: privatelinktest.ZoneA, vswitch: privatelinktest.VSwitchA, sg: privatelinktest.SecurityGroupID,
	}
	// The emulator finishes in a second; poll every quarter second rather
	// than on the default schedule tuned for the real service's minutes.
	wait := []privatelink.WaitOption{privatelink.WaitMinDelay(250 * time.Millisecond), privatelink.WaitMaxDelay(500 * time.Millisecond)}
	if err := run(ctx, os.Stdout, provider, consumer, s, wait); err != nil {
		log.Fatal(err)
	}
}

// run plays both parties and prints what each does and sees to out.
func run(ctx context.Context, out io.Writer, provider, consumer *privatelink.Client, s settings, wait []privatelink.WaitOption) error {
	// The provider publishes a service in front of its load balancer.
	// Connections wait for its approval (AutoAcceptEnabled false).
	req, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeSLB).
		WithResource(privatelink.ServiceResourceTypeSLB, s.loadBalancer, s.loadBalancerZone).
		WithAutoAcceptEnabled(false).
		WithServiceDescription("orders API").
		Build()
	if err != nil {
		return err
	}
	created, err := provider.CreateVpcEndpointService(ctx, req)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "provider: created service %s (%s)\n", created.ServiceID, created.ServiceStatus)
	svc, err := provider.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID, wait...)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "provider: service is %s in %v as %s\n", svc.ServiceStatus, svc.Zones, svc.ServiceName)

	// Only the accounts on its allow-list may connect.
	if _, err := provider.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc.ServiceID, UserID: s.consumerAccount}); err != nil {
		return err
	}
	fmt.Fprintf(out, "provider: allowed account %d\n", s.consumerAccount)

	// The consumer finds the service among those it may use and connects
	// an endpoint to it.
	visible, err := consumer.ListVpcEndpointServicesByEndUser(ctx, &privatelink.ListVpcEndpointServicesByEndUserRequest{ServiceName: svc.ServiceName})
	if err != nil {
		return err
	}
	if len(visible.Services) != 1 {
		return fmt.Errorf("consumer: service %s not visible", svc.ServiceName)
	}
	fmt.Fprintf(out, "consumer: may use %s\n", visible.Services[0].ServiceID)
	epReq, err := privatelink.NewCreateVpcEndpoint(s.vpc).
		WithServiceID(svc.ServiceID).
		WithZone(s.zone, s.vswitch).
		WithSecurityGroupIDs(s.sg).
		Build()
	if err != nil {
		return err
	}
	ep, err := consumer.CreateVpcEndpointAndWait(ctx, epReq, wait...)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "consumer: endpoint %s is %s, connection %s\n", ep.EndpointID, ep.EndpointStatus, ep.ConnectionStatus)

	// The provider accepts the connections waiting for it.
	pending := &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: svc.ServiceID, ConnectionStatus: privatelink.ConnectionStatusPending}
	for conn, err := range provider.AllVpcEndpointConnections(ctx, pending) {
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "provider: %s from account %d is %s\n", conn.EndpointID, conn.EndpointOwnerID, conn.ConnectionStatus)
		if _, err := provider.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc.ServiceID, EndpointID: conn.EndpointID}); err != nil {
			return err
		}
		accepted, err := provider.WaitUntilVpcEndpointConnectionStatus(ctx, svc.ServiceID, conn.EndpointID, privatelink.WaitTargetConnected, wait...)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "provider: accepted %s, now %s\n", accepted.EndpointID, accepted.ConnectionStatus)
	}
	seen, err := consumer.WaitUntilVpcEndpointActive(ctx, ep.EndpointID, append([]privatelink.WaitOption{privatelink.WaitConnected()}, wait...)...)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "consumer: connection %s, reach the service at %s\n", seen.ConnectionStatus, seen.EndpointDomain)

	// Taking it down: the consumer deletes its endpoint; the provider
	// removes its load balancer and deletes the service, which the API
	// refuses while either is still there.
	if _, err := consumer.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: ep.EndpointID}); err != nil {
		return err
	}
	if err := consumer.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, wait...); err != nil {
		return err
	}
	fmt.Fprintf(out, "consumer: deleted %s\n", ep.EndpointID)
	if _, err := provider.DetachResourceFromVpcEndpointService(ctx, &privatelink.DetachResourceFromVpcEndpointServiceRequest{ServiceID: svc.ServiceID, ResourceID: s.loadBalancer}); err != nil {
		return err
	}
	if _, err := provider.WaitUntilVpcEndpointServiceActive(ctx, svc.ServiceID, wait...); err != nil {
		return err
	}
	fmt.Fprintf(out, "provider: detached %s\n", s.loadBalancer)
	// A connection that closes moments before may still hold the service
	// (EndpointServiceConnectionDependence): retry that for up to a minute.
	del := &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc.ServiceID}
	if err := provider.DeleteVpcEndpointServiceAndWait(ctx, del, time.Minute, wait...); err != nil {
		return err
	}
	fmt.Fprintf(out, "provider: deleted %s\n", svc.ServiceID)
	return nil
}
