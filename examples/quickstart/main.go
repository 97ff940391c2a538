// Command quickstart creates a PrivateLink VPC endpoint, waits until it is
// Active, lists endpoints and deletes it again.
//
// By default it runs against the in-process emulator
// (privatelink/privatelinktest), so it needs no cloud account:
//
//	go run ./examples/quickstart
//
// With -live it runs the same flow against Alibaba Cloud, with credentials
// from the default chain (for example ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET):
//
//	go run ./examples/quickstart -live -region cn-hangzhou -vpc vpc-... \
//		-service epsrv-... -zone cn-hangzhou-h -vswitch vsw-... -sg sg-...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

type settings struct {
	region, vpc, service, zone, vswitch, sg string
}

func main() {
	live := flag.Bool("live", false, "run against Alibaba Cloud instead of the embedded emulator")
	var s settings
	flag.StringVar(&s.region, "region", "", "region ID (with -live)")
	flag.StringVar(&s.vpc, "vpc", "", "VPC ID (with -live)")
	flag.StringVar(&s.service, "service", "", "endpoint service ID (with -live)")
	flag.StringVar(&s.zone, "zone", "", "zone ID (with -live)")
	flag.StringVar(&s.vswitch, "vswitch", "", "vSwitch ID in that zone (with -live)")
	flag.StringVar(&s.sg, "sg", "", "security group ID (with -live)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()

	client, wait, cleanup, err := setup(*live, &s)
	if err != nil {
		log.Fatal(err)
	}
	defer cleanup()
	if err := run(ctx, client, s, wait); err != nil {
		log.Fatal(err)
	}
}

// setup returns a client for Alibaba Cloud, or for a freshly started
// emulator whose endpoints take a few seconds to become Active.
func setup(live bool, s *settings) (*privatelink.Client, []privatelink.WaitOption, func(), error) {
	if live {
		for name, v := range map[string]string{"-region": s.region, "-vpc": s.vpc, "-service": s.service, "-zone": s.zone, "-vswitch": s.vswitch, "-sg": s.sg} {
			if v == "" {
				return nil, nil, nil, fmt.Errorf("-live needs %s", name)
			}
		}
		client, err := privatelink.NewClient(s.region) // default credential chain
		return client, nil, func() {}, err
	}
	srv := privatelinktest.NewServer(
		privatelinktest.WithCreationDelay(3*time.Second),
		privatelinktest.WithDeletionDelay(time.Second),
	)
	*s = settings{
		region: privatelinktest.RegionID, vpc: privatelinktest.VpcID, service: privatelinktest.ServiceID,
		zone: privatelinktest.ZoneA, vswitch: privatelinktest.VSwitchA, sg: privatelinktest.SecurityGroupID,
	}
	client, err := privatelink.NewClient(privatelinktest.RegionID,
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
	)
	// The emulator finishes in seconds; poll every second rather than on
	// the default schedule tuned for real creations, which take minutes.
	wait := []privatelink.WaitOption{privatelink.WaitMinDelay(time.Second), privatelink.WaitMaxDelay(2 * time.Second)}
	fmt.Printf("emulator listening on %s (region %s)\n", srv.URL, privatelinktest.RegionID)
	return client, wait, srv.Close, err
}

func run(ctx context.Context, client *privatelink.Client, s settings, wait []privatelink.WaitOption) error {
	req, err := privatelink.NewCreateVpcEndpoint(s.vpc).
		WithServiceID(s.service).
		WithZone(s.zone, s.vswitch).
		WithSecurityGroupIDs(s.sg).
		WithEndpointName("quickstart-endpoint").
		WithEndpointDescription("Created by the privatelink-go quickstart").
		WithTag("owner", "quickstart").
		Build()
	if err != nil {
		return err // a *privatelink.ValidationError listing every problem
	}

	created, err := client.CreateVpcEndpoint(ctx, req)
	if err != nil {
		if token, ok := privatelink.ClientTokenFromError(err); ok {
			return fmt.Errorf("create failed; retry with ClientToken %s to avoid a duplicate: %w", token, err)
		}
		return err
	}
	// A real program persists these two before anything else: with the
	// ClientToken a retried create returns this same endpoint, and with the
	// ID any process can resume the wait.
	fmt.Printf("created %s (status %s, ClientToken %s)\n", created.EndpointID, created.EndpointStatus, created.ClientToken)

	opts := append(slices.Clip(wait), privatelink.WaitOnPoll(func(e privatelink.PollEvent) {
		if e.Err != nil {
			fmt.Printf("  poll %d after %s: %v\n", e.Attempt, e.Elapsed.Round(time.Millisecond), e.Err)
			return
		}
		fmt.Printf("  poll %d after %s: %s\n", e.Attempt, e.Elapsed.Round(time.Millisecond), e.Status)
	}))
	ep, err := client.WaitUntilVpcEndpointActive(ctx, created.EndpointID, opts...)
	if err != nil {
		var waitErr *privatelink.WaitError
		if errors.As(err, &waitErr) {
			return fmt.Errorf("endpoint %s did not become Active (last status %q): %w", waitErr.EndpointID, waitErr.LastStatus, err)
		}
		return err
	}
	fmt.Printf("endpoint %s is %s\n  domain: %s\n  connection: %s\n", ep.EndpointID, ep.EndpointStatus, ep.EndpointDomain, ep.ConnectionStatus)
	for zone, err := range client.AllVpcEndpointZones(ctx, &privatelink.ListVpcEndpointZonesRequest{EndpointID: ep.EndpointID}) {
		if err != nil {
			return err
		}
		fmt.Printf("  zone %s: %s, ENI %s, IP %s\n", zone.ZoneID, zone.ZoneStatus, zone.EniID, zone.IP)
	}

	fmt.Println("endpoints in", s.vpc+":")
	for e, err := range client.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{VpcID: s.vpc}) {
		if err != nil {
			return err
		}
		fmt.Printf("  %s %-20s %s\n", e.EndpointID, e.EndpointName, e.EndpointStatus)
	}

	if _, err := client.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: ep.EndpointID}); err != nil {
		return err
	}
	if err := client.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, wait...); err != nil {
		return err
	}
	fmt.Printf("deleted %s\n", ep.EndpointID)
	return nil
}
