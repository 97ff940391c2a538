package reconcile_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// The convergence property on the provider's side: random sets of up to
// three services over four load balancers (a load balancer serves one
// service at a time, so edits move them between services), with random
// allow-lists, auto-accept and tags. After every Reconcile each Key has
// exactly one service with exactly its spec's load balancers and
// allow-list, and no other owned service exists.
func TestPropertyServicesConverge(t *testing.T) {
	seeds := 5
	if testing.Short() {
		seeds = 2
	}
	rounds := map[int]int{} // rounds per Reconcile -> how often
	defer func() { t.Logf("rounds a Reconcile took (rounds: times): %v", rounds) }()
	principals := []string{privatelinktest.AccountID, "acs:ram::1111222233334444:root", "*", "2222333344445555"}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 91))
			clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			srv := providerWorld(t, clk)
			c := providerClient(srv)
			r := newReconciler(t, c, reconcile.Options{Prune: true, WaitOptions: []privatelink.WaitOption{privatelink.WaitClock(clk)}})
			for step := range 6 {
				var desired []reconcile.ServiceSpec
				lbs := rng.Perm(len(providerLBs))
				for range 1 + rng.IntN(3) {
					if len(lbs) == 0 {
						break
					}
					n := 1 + rng.IntN(min(2, len(lbs)))
					s := reconcile.ServiceSpec{Key: fmt.Sprintf("svc/%d", rng.IntN(4)), ResourceType: privatelink.ServiceResourceTypeSLB,
						AutoAcceptEnabled: rng.IntN(2) == 0, Tags: map[string]string{"step": fmt.Sprint(step % 2)}}
					for _, j := range lbs[:n] {
						s.Resources = append(s.Resources, reconcile.ServiceResourceSpec{ResourceID: providerLBs[j]})
					}
					lbs = lbs[n:]
					for _, j := range rng.Perm(len(principals))[:rng.IntN(3)] {
						s.AllowedPrincipals = append(s.AllowedPrincipals, principals[j])
					}
					dup := false
					for _, d := range desired {
						dup = dup || d.Key == s.Key
					}
					if !dup {
						desired = append(desired, s)
					}
				}
				sum, err := r.Reconcile(context.Background(), reconcile.Desired{Services: desired})
				require.NoErrorf(t, err, "step %d", step)
				require.True(t, sum.Converged)
				rounds[sum.Rounds]++
				require.Equal(t, 2, sum.Rounds, "one apply, then an empty plan: a moving load balancer is released before it is attached")
				requireServices(t, srv, c, desired)
			}
		})
	}
}
