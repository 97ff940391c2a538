package main

import (
	"context"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// emulated returns an emulator, a client for it with one attempt per call,
// and the settings of its default world.
func emulated(t *testing.T, opts ...privatelinktest.Option) (*privatelinktest.Server, *privatelink.Client, settings) {
	t.Helper()
	srv := privatelinktest.NewServer(opts...)
	t.Cleanup(srv.Close)
	s := settings{
		region: privatelinktest.RegionID, vpc: privatelinktest.VpcID, service: privatelinktest.ServiceID,
		zone: privatelinktest.ZoneA, vswitch: privatelinktest.VSwitchA, sg: privatelinktest.SecurityGroupID,
	}
	return srv, srv.Client(privatelink.WithRetry(1, 0, 0)), s
}

var fastWait = []privatelink.WaitOption{privatelink.WaitMinDelay(time.Millisecond), privatelink.WaitMaxDelay(time.Millisecond)}

func TestRunSucceedsAndLeavesNothing(t *testing.T) {
	srv, client, s := emulated(t)
	if err := run(t.Context(), client, s, fastWait); err != nil {
		t.Fatal(err)
	}
	if n := srv.EndpointCount(); n != 0 {
		t.Errorf("%d endpoints left", n)
	}
}

// A failure after the create (here every ListVpcEndpointZones answers 500)
// must not leave a billed endpoint behind.
func TestRunDeletesTheEndpointWhenItFails(t *testing.T) {
	srv, client, s := emulated(t)
	srv.SetFaults("ListVpcEndpointZones", privatelinktest.Faults{ServerErrorRate: 1})
	err := run(t.Context(), client, s, fastWait)
	if err == nil {
		t.Fatal("run succeeded despite the injected failure")
	}
	if n := srv.EndpointCount(); n != 0 {
		t.Errorf("the failed run left %d endpoints: %v", n, err)
	}
}

// Ctrl-C cancels the run's context while it waits; the endpoint must be
// deleted all the same.
func TestRunDeletesTheEndpointWhenCancelled(t *testing.T) {
	// One fake clock drives the emulator and the waits: the endpoint is
	// Creating for 10 minutes that pass without sleeping.
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv, client, s := emulated(t, privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(10*time.Minute))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	wait := []privatelink.WaitOption{privatelink.WaitClock(clk), privatelink.WaitOnPoll(func(privatelink.PollEvent) { cancel() })}
	err := run(ctx, client, s, wait)
	if err == nil {
		t.Fatal("run succeeded despite the cancellation")
	}
	if n := srv.EndpointCount(); n != 0 {
		t.Errorf("the cancelled run left %d endpoints: %v", n, err)
	}
}

func TestMissingFlagsListsAllSorted(t *testing.T) {
	// Twice, since the order of a map range changes from run to run.
	for range 2 {
		_, _, _, err := setup(true, &settings{vpc: "vpc-1", zone: "cn-hangzhou-h"})
		const want = "-live needs -region, -service, -sg, -vswitch"
		if err == nil || err.Error() != want {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}
