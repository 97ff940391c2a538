package reconcile_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// randomSpec draws an endpoint: one or two zones (each zone on one of its
// two vSwitches), one to three security groups, maybe a name, a
// description, tags and zone affinity.
func randomSpec(rng *rand.Rand, key string) reconcile.EndpointSpec {
	var zs []reconcile.ZoneSpec
	switch rng.IntN(3) {
	case 0:
		zs = []reconcile.ZoneSpec{zones[rng.IntN(2)*2]}
	case 1:
		zs = []reconcile.ZoneSpec{zones[1+rng.IntN(2)*2]}
	default:
		zs = []reconcile.ZoneSpec{zones[rng.IntN(2)*2], zones[1+rng.IntN(2)*2]}
	}
	perm := rng.Perm(len(sgs))
	s := endpointSpec(key, zs)
	for _, i := range perm[:1+rng.IntN(3)] {
		s.SecurityGroupIDs = append(s.SecurityGroupIDs, sgs[i])
	}
	if rng.IntN(2) == 0 {
		s.Name = fmt.Sprintf("ep-name-%d", rng.IntN(3))
	}
	if rng.IntN(3) == 0 {
		s.Description = fmt.Sprintf("description %d", rng.IntN(3))
	}
	s.ZoneAffinityEnabled = rng.IntN(2) == 0
	if n := rng.IntN(3); n > 0 {
		s.Tags = map[string]string{}
		for i := range n {
			s.Tags[fmt.Sprintf("t%d", rng.IntN(4))] = fmt.Sprintf("v%d", i+rng.IntN(2))
		}
	}
	return s
}

// edit changes the desired set the way users do: add or drop a Key, or
// change one endpoint's zones, security groups, name, tags or affinity.
func edit(rng *rand.Rand, pool []string, desired []reconcile.EndpointSpec) []reconcile.EndpointSpec {
	desired = slices.Clone(desired)
	switch op := rng.IntN(4); {
	case op == 0 || len(desired) == 0:
		for _, k := range pool {
			if !slices.ContainsFunc(desired, func(s reconcile.EndpointSpec) bool { return s.Key == k }) {
				return append(desired, randomSpec(rng, k))
			}
		}
		return desired
	case op == 1:
		i := rng.IntN(len(desired))
		return slices.Delete(desired, i, i+1)
	default:
		i := rng.IntN(len(desired))
		fresh := randomSpec(rng, desired[i].Key)
		old := desired[i]
		switch rng.IntN(4) {
		case 0:
			old.Zones = fresh.Zones
		case 1:
			old.SecurityGroupIDs = fresh.SecurityGroupIDs
		case 2:
			old.Name, old.Tags = fresh.Name, fresh.Tags
			if old.Name == "" {
				old.Name = "renamed"
			}
		default:
			old = fresh
		}
		desired[i] = old
		return desired
	}
}

// The convergence property: for random desired sets and random edit
// sequences, after every Reconcile the state read back through the API
// equals the desired state, with exactly one endpoint per Key, no owned
// endpoint of another Key (pruning is on) and no other endpoint at all;
// and a further plan is empty. The emulator's delays run on a FakeClock
// that the waits advance.
func TestPropertyConvergesToRandomDesiredStates(t *testing.T) {
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 19))
			clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			srv := newServer(t, privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(40*time.Second),
				privatelinktest.WithDeletionDelay(20*time.Second), privatelinktest.WithZoneDelay(10*time.Second),
				privatelinktest.WithSecurityGroupDelay(5*time.Second))
			c := fastClient(srv)
			r := newReconciler(t, c, reconcile.Options{Prune: true, WaitOptions: []privatelink.WaitOption{privatelink.WaitClock(clk)}})
			pool := keys(7, fmt.Sprint("seed", seed))
			var desired []reconcile.EndpointSpec
			for range 1 + rng.IntN(4) {
				desired = edit(rng, pool, desired)
			}
			for step := range 7 {
				sum, err := r.Reconcile(context.Background(), reconcile.Desired{Endpoints: desired})
				require.NoErrorf(t, err, "step %d", step)
				require.True(t, sum.Converged)
				require.LessOrEqualf(t, sum.Rounds, 2, "step %d: one apply, then an empty plan", step)
				requireMatches(t, c, r.TagKey(), desired, true)
				live := 0
				for _, e := range srv.Endpoints() {
					if e.Status != privatelink.EndpointStatusDeleting {
						live++
					}
				}
				require.Equalf(t, len(desired), live, "step %d: endpoints on the server", step)
				desired = edit(rng, pool, desired)
			}
		})
	}
}

// Drift: changes made in the console show in the next plan and are put
// back; the same drift twice is repaired twice (the second repair is not
// swallowed as a replay of the first one's token).
func TestDriftIsRepaired(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	r := newReconciler(t, c, reconcile.Options{})
	ctx := context.Background()
	spec := endpointSpec("drifty", zones[:2], sgs[0], sgs[1])
	spec.Name, spec.Tags = "drifty", map[string]string{"team": "a"}
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}}
	_, err := r.Reconcile(ctx, desired)
	require.NoError(t, err)
	id := requireMatches(t, c, r.TagKey(), desired.Endpoints, false)["drifty"][0].id

	for round := range 2 {
		// Out of band: a security group detached, a zone removed, a tag
		// changed and one added, the name changed.
		_, err = c.DetachSecurityGroupFromVpcEndpoint(ctx, &privatelink.DetachSecurityGroupFromVpcEndpointRequest{EndpointID: id, SecurityGroupID: sgs[1]})
		require.NoError(t, err)
		_, err = c.WaitUntilVpcEndpointActive(ctx, id)
		require.NoError(t, err)
		_, err = c.RemoveZoneFromVpcEndpoint(ctx, &privatelink.RemoveZoneFromVpcEndpointRequest{EndpointID: id, ZoneID: privatelinktest.ZoneB})
		require.NoError(t, err)
		_, err = c.WaitUntilVpcEndpointActive(ctx, id)
		require.NoError(t, err)
		_, err = c.TagResources(ctx, &privatelink.TagResourcesRequest{ResourceType: privatelink.TagResourceTypeVpcEndpoint, ResourceIDs: []string{id},
			Tags: []privatelink.Tag{{Key: "team", Value: "b"}, {Key: "stray", Value: "x"}}})
		require.NoError(t, err)
		_, err = c.UpdateVpcEndpointAttribute(ctx, &privatelink.UpdateVpcEndpointAttributeRequest{EndpointID: id, EndpointName: "console-edit"})
		require.NoError(t, err)

		plan, err := r.Plan(ctx, desired)
		require.NoError(t, err)
		out := plan.String()
		for _, want := range []string{"+ zone", "+ security-group", "~ tag team", "- tag stray", "~ name"} {
			require.Containsf(t, out, want, "round %d plan:\n%s", round, out)
		}
		sum, err := r.Reconcile(ctx, desired)
		require.NoError(t, err, "round %d", round)
		require.True(t, sum.Converged)
		got := requireMatches(t, c, r.TagKey(), desired.Endpoints, false)
		require.Equal(t, id, got["drifty"][0].id, "repaired in place, not replaced")
	}
}
