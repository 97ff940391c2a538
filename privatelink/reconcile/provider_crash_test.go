package reconcile_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// providerLBs are extra load balancers of the provider, one service each.
var providerLBs = []string{"lb-hp3emu0clbc1x7k2m9q4", "lb-hp3emu0clbd2x7k2m9q4", "lb-hp3emu0clbe3x7k2m9q4", "lb-hp3emu0clbf4x7k2m9q4"}

func providerWorld(t *testing.T, clk *privatelinktest.FakeClock) *privatelinktest.Server {
	opts := []privatelinktest.Option{privatelinktest.WithClock(clk), privatelinktest.WithServiceDelay(10 * time.Second),
		privatelinktest.WithConnectionDelay(5 * time.Second)}
	for i, id := range providerLBs {
		zone := []string{privatelinktest.ZoneA, privatelinktest.ZoneB}[i%2]
		opts = append(opts, privatelinktest.WithLoadBalancer(privatelinktest.ProviderAccountID, privatelinktest.LoadBalancer{
			ID: id, Type: privatelinktest.ResourceTypeSLB, ZoneID: zone, VpcID: privatelinktest.ProviderVpcID,
			VSwitchID: "vsw-hp3emu0prova0x7k2m9", IP: fmt.Sprintf("10.0.1.%d", 30+i)}))
	}
	return newServer(t, opts...)
}

func providerClient(srv *privatelinktest.Server, opts ...privatelink.Option) *privatelink.Client {
	return fastClient(srv, append([]privatelink.Option{privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, "")}, opts...)...)
}

// requireServices checks the provider's services through the API and the
// emulator: one per Key, with the spec's resources and allow-list.
func requireServices(t *testing.T, srv *privatelinktest.Server, c *privatelink.Client, want []reconcile.ServiceSpec) {
	t.Helper()
	byKey := map[string][]string{}
	for v, err := range c.AllVpcEndpointServices(context.Background(), &privatelink.ListVpcEndpointServicesRequest{Tags: []privatelink.Tag{{Key: reconcile.DefaultTagKey}}}) {
		require.NoError(t, err)
		if v.ServiceStatus == privatelink.ServiceStatusDeleting {
			continue
		}
		for _, tg := range v.Tags {
			if tg.Key == reconcile.DefaultTagKey {
				byKey[tg.Value] = append(byKey[tg.Value], v.ServiceID)
			}
		}
	}
	require.Len(t, byKey, len(want), "no orphan service")
	for _, s := range want {
		ids := byKey[s.Key]
		require.Lenf(t, ids, 1, "Key %q: want one service", s.Key)
		got, ok := srv.EndpointService(ids[0])
		require.True(t, ok)
		var res []string
		for _, r := range got.Resources {
			res = append(res, r.ID)
		}
		var wantRes []string
		for _, r := range s.Resources {
			wantRes = append(wantRes, r.ResourceID)
		}
		require.ElementsMatchf(t, wantRes, res, "Key %q resources", s.Key)
		var users []string
		for _, u := range got.AllowedUserIDs {
			users = append(users, strconv.FormatInt(u, 10))
		}
		users = append(users, got.AllowedARNs...)
		require.ElementsMatchf(t, s.AllowedPrincipals, users, "Key %q allow-list", s.Key)
		require.Equal(t, s.AutoAcceptEnabled, got.AutoAccept)
	}
}

// Crash anywhere on the provider's side: two services are created (each
// with a load balancer, then a second attached, and an allow-list) and a
// third, existing one loses a principal and gains a load balancer; the
// apply is cut at every call in turn (just after the service acted, and
// just before the call is sent), and a fresh Reconciler converges with one
// service per Key.
func TestProviderCrashAtEveryCallThenRerunConverges(t *testing.T) {
	start := []reconcile.ServiceSpec{{Key: "svc/old", ResourceType: privatelink.ServiceResourceTypeSLB,
		Resources:         []reconcile.ServiceResourceSpec{{ResourceID: providerLBs[0], ZoneID: privatelinktest.ZoneA}},
		AllowedPrincipals: []string{privatelinktest.AccountID, "acs:ram::1111222233334444:root"}}}
	target := []reconcile.ServiceSpec{
		{Key: "svc/old", ResourceType: privatelink.ServiceResourceTypeSLB, AutoAcceptEnabled: true,
			Resources:         []reconcile.ServiceResourceSpec{{ResourceID: providerLBs[0], ZoneID: privatelinktest.ZoneA}, {ResourceID: providerLBs[1], ZoneID: privatelinktest.ZoneB}},
			AllowedPrincipals: []string{privatelinktest.AccountID}},
		{Key: "svc/new1", ResourceType: privatelink.ServiceResourceTypeSLB, Description: "new one",
			Resources:         []reconcile.ServiceResourceSpec{{ResourceID: providerLBs[2], ZoneID: privatelinktest.ZoneA}, {ResourceID: providerLBs[3], ZoneID: privatelinktest.ZoneB}},
			AllowedPrincipals: []string{privatelinktest.AccountID, "*"}},
		{Key: "svc/new2", ResourceType: privatelink.ServiceResourceTypeSLB,
			Resources:         []reconcile.ServiceResourceSpec{{ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA}},
			AllowedPrincipals: []string{"acs:ram::" + privatelinktest.AccountID + ":root"}},
	}
	world := func(t *testing.T) (*privatelinktest.Server, []privatelink.WaitOption) {
		clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		srv := providerWorld(t, clk)
		wait := []privatelink.WaitOption{privatelink.WaitClock(clk)}
		_, err := newReconciler(t, providerClient(srv), reconcile.Options{WaitOptions: wait}).Reconcile(context.Background(), reconcile.Desired{Services: start})
		require.NoError(t, err)
		return srv, wait
	}
	// The uncut run's length.
	srv, wait := world(t)
	ct := &countingTransport{}
	r := newReconciler(t, countingClientFor(srv, ct, true), reconcile.Options{WaitOptions: wait})
	plan, err := r.Plan(context.Background(), reconcile.Desired{Services: target})
	require.NoError(t, err)
	t.Logf("plan:\n%s", plan)
	ct.n.Store(0)
	_, err = r.Apply(context.Background(), plan)
	require.NoError(t, err)
	total := int(ct.n.Load())
	t.Logf("the apply makes %d API calls", total)
	requireServices(t, srv, providerClient(srv), target)

	cut := 0
	for i := range 2 * total {
		k, cutBefore := 1+i/2, i%2 == 1
		name := fmt.Sprint("cut after call ", k)
		if cutBefore {
			name = fmt.Sprint("cut before call ", k)
		}
		t.Run(name, func(t *testing.T) {
			srv, wait := world(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ct := &countingTransport{cancel: cancel, before: cutBefore}
			dying := newReconciler(t, countingClientFor(srv, ct, true), reconcile.Options{WaitOptions: wait})
			plan, err := dying.Plan(ctx, reconcile.Desired{Services: target})
			require.NoError(t, err)
			ct.cutAt = ct.n.Load() + int64(k)
			_, err = dying.Apply(ctx, plan)
			if ct.n.Load() >= ct.cutAt {
				require.Error(t, err, "the cut must interrupt the apply")
				cut++
			}
			fresh := newReconciler(t, providerClient(srv), reconcile.Options{WaitOptions: wait})
			sum, err := fresh.Reconcile(context.Background(), reconcile.Desired{Services: target})
			require.NoError(t, err)
			require.True(t, sum.Converged)
			requireServices(t, srv, providerClient(srv), target)
			for _, id := range []string{privatelinktest.ServiceID, privatelinktest.ManualServiceID} {
				_, ok := srv.EndpointService(id)
				require.True(t, ok, "the world's untagged services are untouched")
			}
		})
	}
	// A run can end before its cut when its waits poll less; most must
	// not, or the test proves nothing about crashes.
	require.GreaterOrEqualf(t, cut, total, "only %d of %d applies were cut", cut, 2*total)
}
