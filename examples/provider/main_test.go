package main

import (
	"strings"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// emulated runs the example on a fresh emulator whose changes take effect
// at the next read, and returns what it printed.
func emulated(t *testing.T) (string, *privatelinktest.Server) {
	t.Helper()
	srv := privatelinktest.NewServer()
	t.Cleanup(srv.Close)
	provider := srv.ProviderClient(privatelink.WithRetry(1, 0, 0))
	consumer := srv.Client(privatelink.WithRetry(1, 0, 0))
	s := settings{
		loadBalancer: privatelinktest.ProviderLoadBalancerA, loadBalancerZone: privatelinktest.ZoneA,
		consumerAccount: privatelinktest.AccountUID,
		vpc:             privatelinktest.VpcID, zone: privatelinktest.ZoneA, vswitch: privatelinktest.VSwitchA, sg: privatelinktest.SecurityGroupID,
	}
	fast := []privatelink.WaitOption{privatelink.WaitMinDelay(time.Millisecond), privatelink.WaitMaxDelay(time.Millisecond)}
	var out strings.Builder
	if err := run(t.Context(), &out, provider, consumer, s, fast); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	return out.String(), srv
}

// The example plays every step, leaves nothing behind, and prints the same
// on every run.
func TestRunPublishesAcceptsAndCleansUp(t *testing.T) {
	first, srv := emulated(t)
	for _, step := range []string{
		"(Creating)\n", "provider: service is Active in [" + privatelinktest.ZoneA + "]",
		"provider: allowed account " + privatelinktest.AccountID + "\n",
		"is Active, connection Pending\n", "from account " + privatelinktest.AccountID + " is Pending\n",
		", now Connected\n", "consumer: connection Connected, reach the service at ep-",
		"consumer: deleted ep-", "provider: detached " + privatelinktest.ProviderLoadBalancerA + "\n", "provider: deleted epsrv-",
	} {
		if !strings.Contains(first, step) {
			t.Errorf("no %q in the output:\n%s", step, first)
		}
	}
	if n := srv.EndpointCount(); n != 0 {
		t.Errorf("%d endpoints left", n)
	}
	if second, _ := emulated(t); second != first {
		t.Errorf("the output differs between runs:\n%s\nthen:\n%s", first, second)
	}
}
