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
//
// A live endpoint is billed while it exists, so whatever happens after the
// create (an error, a timeout, Ctrl-C), the quickstart deletes the endpoint
// it created before it exits.
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
	"sort"
	"strings"
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
	// The first Ctrl-C cancels the run, which then deletes what it
	// created; a second one is the default: exit at once.
	context.AfterFunc(ctx, stop)
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
		if err := missingFlags(*s); err != nil {
			return nil, nil, nil, err
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
	client := srv.Client()
	// The emulator finishes in seconds; poll every second rather than on
	// the default schedule tuned for real creations, which take minutes.
	wait := []privatelink.WaitOption{privatelink.WaitMinDelay(time.Second), privatelink.WaitMaxDelay(2 * time.Second)}
	fmt.Printf("emulator listening on %s (region %s)\n", srv.URL, privatelinktest.RegionID)
	return client, wait, srv.Close, nil
}

// missingFlags reports every flag -live needs that is not set, sorted, in
// one error, so that one try shows all that is missing.
func missingFlags(s settings) error {
	var missing []string
	for name, v := range map[string]string{"-region": s.region, "-vpc": s.vpc, "-service": s.service, "-zone": s.zone, "-vswitch": s.vswitch, "-sg": s.sg} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	return fmt.Errorf("-live needs %s", strings.Join(missing, ", "))
}

// cleanupTimeout bounds the deletion of an endpoint left by a failed or
// interrupted run; it runs on a context of its own, since the run's may be
// the one that was cancelled.
const cleanupTimeout = 5 * time.Minute

// run creates an endpoint, waits for it, lists, and deletes it. When it
// fails or ctx is cancelled after the create may have happened, it deletes
// the endpoint before returning.
func run(ctx context.Context, client *privatelink.Client, s settings, wait []privatelink.WaitOption) (err error) {
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
		if _, ok := privatelink.ClientTokenFromError(err); ok {
			// The create may have reached the service. Sending the same
			// built request again is the same create (Build fixed its
			// ClientToken): it returns the endpoint if there is one, so
			// it can be deleted.
			cleanCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
			defer cancel()
			if again, againErr := client.CreateVpcEndpoint(cleanCtx, req); againErr == nil {
				return errors.Join(err, deleteEndpoint(cleanCtx, client, again.EndpointID, wait))
			}
			return fmt.Errorf("create failed; an endpoint may exist: repeat the create with ClientToken %s and delete it: %w", req.ClientToken, err)
		}
		return err
	}
	defer func() {
		if err == nil {
			return
		}
		cleanCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
		defer cancel()
		err = errors.Join(err, deleteEndpoint(cleanCtx, client, created.EndpointID, wait))
	}()
	// A real program persists these two before anything else: with the
	// ClientToken a retried create returns this same endpoint, and with the
	// ID any process can resume the wait.
	fmt.Printf("created %s (status %s, ClientToken %s)\n", created.EndpointID, created.EndpointStatus, created.ClientToken)

	opts := append([]privatelink.WaitOption{privatelink.WaitOnPoll(func(e privatelink.PollEvent) {
		if e.Err != nil {
			fmt.Printf("  poll %d after %s: %v\n", e.Attempt, e.Elapsed.Round(time.Millisecond), e.Err)
			return
		}
		fmt.Printf("  poll %d after %s: %s\n", e.Attempt, e.Elapsed.Round(time.Millisecond), e.Status)
	})}, slices.Clip(wait)...)
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

	return deleteEndpoint(ctx, client, ep.EndpointID, wait)
}

// deleteEndpoint deletes id and waits until it is gone.
func deleteEndpoint(ctx context.Context, client *privatelink.Client, id string, wait []privatelink.WaitOption) error {
	_, err := client.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: id})
	if code := privatelink.ErrorCode(err); code == privatelink.ErrCodeEndpointOperationDenied || code == privatelink.ErrCodeEndpointLocked {
		// The service refuses to delete an endpoint that is still
		// Creating (or busy): wait until it settles, then delete it.
		if _, waitErr := client.WaitUntilVpcEndpointActive(ctx, id, wait...); waitErr != nil {
			return fmt.Errorf("delete %s yourself, it is billed while it exists: %w", id, errors.Join(err, waitErr))
		}
		_, err = client.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: id})
	}
	if err != nil {
		if privatelink.IsEndpointNotFound(err) {
			return nil
		}
		return fmt.Errorf("delete %s yourself, it is billed while it exists: %w", id, err)
	}
	if err := client.WaitUntilVpcEndpointDeleted(ctx, id, wait...); err != nil {
		return fmt.Errorf("endpoint %s may still exist: %w", id, err)
	}
	fmt.Printf("deleted %s\n", id)
	return nil
}
