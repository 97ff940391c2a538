package reconcile_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// The ownership tag travels in the create call itself, for endpoints and
// for services: nothing the reconciler makes exists untagged for even a
// moment, so a crash right after a create can never leave an unowned
// resource that a later run would duplicate. The proof is on the server:
// no TagResources was sent, and yet each created resource carries the
// tag, with the create's token being the one the plan showed.
func TestOwnershipTagIsSetInTheCreateCall(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	provider := newReconciler(t, fastClient(srv, privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, "")), reconcile.Options{})
	consumer := newReconciler(t, fastClient(srv), reconcile.Options{})

	svc := reconcile.ServiceSpec{
		Key: "owned/service", ResourceType: privatelink.ServiceResourceTypeSLB,
		Resources: []reconcile.ServiceResourceSpec{{ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA}},
		Tags:      map[string]string{"team": "orders"},
	}
	ep := endpointSpec("owned/endpoint", zones[:1], sgs[0])
	ep.Tags = map[string]string{"team": "orders"}

	for _, side := range []struct {
		r       *reconcile.Reconciler
		desired reconcile.Desired
		key     string
		read    func(id string) ([]privatelinktest.Tag, string) // tags and ClientToken
	}{
		{provider, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}}, svc.Key, func(id string) ([]privatelinktest.Tag, string) {
			s, ok := srv.EndpointService(id)
			require.True(t, ok)
			return s.Tags, s.ClientToken
		}},
		{consumer, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{ep}}, ep.Key, func(id string) ([]privatelinktest.Tag, string) {
			e, ok := srv.Endpoint(id)
			require.True(t, ok)
			return e.Tags, e.ClientToken
		}},
	} {
		plan, err := side.r.Plan(ctx, side.desired)
		require.NoError(t, err)
		require.Len(t, plan.Resources, 1)
		create := plan.Resources[0].Changes[0]
		require.Equal(t, reconcile.ChangeCreate, create.Kind, plan.String())
		res, err := side.r.Apply(ctx, plan)
		require.NoError(t, err)
		id := res.Resources[0].ID
		require.NotEmpty(t, id)
		tags, token := side.read(id)
		assert.Contains(t, tags, privatelinktest.Tag{Key: side.r.TagKey(), Value: side.key}, "%s: the ownership tag", side.key)
		assert.Contains(t, tags, privatelinktest.Tag{Key: "team", Value: "orders"}, "%s: the user's tag", side.key)
		assert.NotEmpty(t, create.ClientToken)
		assert.Equal(t, create.ClientToken, token, "%s was made with the token the plan showed", side.key)
	}
	assert.Zero(t, srv.Stats()["TagResources"].Requests, "no tag was added after a create")
}

// Pruning is opt-in: without Options.Prune, an owned endpoint whose Key is
// no longer desired is kept, untouched, and the plan names it as an
// orphan; only a reconciler with Prune deletes it, and nothing else.
func TestWithoutPruneAnUndesiredOwnedEndpointIsKeptAndReported(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	ctx := context.Background()
	keep := endpointSpec("prune/keep", zones[:1], sgs[0])
	gone := endpointSpec("prune/gone", zones[1:2], sgs[1])
	r := newReconciler(t, c, reconcile.Options{})
	_, err := r.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{keep, gone}})
	require.NoError(t, err)
	goneID := requireMatches(t, c, r.TagKey(), []reconcile.EndpointSpec{keep, gone}, false)[gone.Key][0].id

	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{keep}}
	sum, err := r.Reconcile(ctx, desired)
	require.NoError(t, err)
	require.True(t, sum.Converged)
	assert.Zero(t, sum.Writes(), "nothing is deleted without Prune")
	require.Len(t, sum.LastPlan.Orphans, 1)
	assert.Contains(t, sum.LastPlan.Orphans[0], goneID)
	assert.Contains(t, sum.LastPlan.String(), "kept (pruning is off)")
	assert.Zero(t, srv.Stats()["DeleteVpcEndpoint"].Requests)
	requireMatches(t, c, r.TagKey(), []reconcile.EndpointSpec{keep, gone}, false)

	pruner := newReconciler(t, c, reconcile.Options{Prune: true})
	plan, err := pruner.Plan(ctx, desired)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	assert.Equal(t, reconcile.ChangeDelete, plan.Resources[0].Changes[0].Kind)
	assert.Equal(t, gone.Key, plan.Resources[0].Key)
	_, err = pruner.Apply(ctx, plan)
	require.NoError(t, err)
	requireMatches(t, c, r.TagKey(), desired.Endpoints, true)
}
