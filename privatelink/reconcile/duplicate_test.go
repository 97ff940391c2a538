package reconcile_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// Two runners that create the same Key from different spec revisions at
// the same moment (a rollout) send different tokens and can make two
// endpoints. The next plan keeps the oldest, which every runner picks
// alike, and deletes the other: it carries the Key's tag, so it is the
// reconciler's own. No untagged endpoint is touched.
func TestSecondEndpointOfAKeyIsRemoved(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := newServer(t, privatelinktest.WithClock(clk))
	c := fastClient(srv)
	ctx := context.Background()
	r := newReconciler(t, c, reconcile.Options{WaitOptions: []privatelink.WaitOption{privatelink.WaitClock(clk)}})
	create := func(name string) string {
		req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
			WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).WithSecurityGroupIDs(sgs[0]).
			WithEndpointName(name).WithTag(r.TagKey(), "k").Build()
		require.NoError(t, err)
		ep, err := c.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitClock(clk))
		require.NoError(t, err)
		clk.Advance(time.Second)
		return ep.EndpointID
	}
	older, newer := create("rev-a"), create("rev-b")
	spec := endpointSpec("k", zones[:1], sgs[0])
	spec.Name = "rev-b"
	plan, err := r.Plan(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}})
	require.NoError(t, err)
	t.Log("\n" + plan.String())
	require.Len(t, plan.Resources, 2)
	var deleted, renamed string
	for _, rp := range plan.Resources {
		switch rp.Action() {
		case "delete":
			deleted = rp.ID
		case "update":
			renamed = rp.ID
		}
	}
	assert.Equal(t, newer, deleted, "the newer one goes")
	assert.Equal(t, older, renamed, "the older one stays and takes the spec")
	assert.Contains(t, plan.String(), "- delete (another endpoint carries this Key: "+older+", the oldest, is kept)", "the plan says which one stays")
	sum, err := r.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	got := requireMatches(t, c, r.TagKey(), []reconcile.EndpointSpec{spec}, false)
	assert.Equal(t, older, got["k"][0].id)
}

// A service remembers a create's ClientToken (the emulator for
// ClientTokenTTL). When an endpoint is deleted out of band, a new process
// re-creating it sends the same token, and the service answers with the
// deleted endpoint. The reconciler notices the endpoint is gone and sends
// the create again under the next generation: a new token, a new
// endpoint.
func TestRecreateAfterOutOfBandDeleteIsNotSwallowedByTheTokenMemory(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := newServer(t, privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(20*time.Second), privatelinktest.WithDeletionDelay(5*time.Second))
	c := fastClient(srv)
	ctx := context.Background()
	wait := []privatelink.WaitOption{privatelink.WaitClock(clk)}
	spec := endpointSpec("phoenix", zones[:1], sgs[0])
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}}
	_, err := newReconciler(t, c, reconcile.Options{WaitOptions: wait}).Reconcile(ctx, desired)
	require.NoError(t, err)
	first := requireMatches(t, c, reconcile.DefaultTagKey, desired.Endpoints, true)["phoenix"][0].id

	_, err = c.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: first})
	require.NoError(t, err)
	require.NoError(t, c.WaitUntilVpcEndpointDeleted(ctx, first, wait...))

	fresh := newReconciler(t, c, reconcile.Options{WaitOptions: wait})
	plan, err := fresh.Plan(ctx, desired)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	_, err = fresh.Apply(ctx, plan)
	require.NoError(t, err)
	got := requireMatches(t, c, reconcile.DefaultTagKey, desired.Endpoints, true)
	assert.NotEqual(t, first, got["phoenix"][0].id, "a new endpoint")
	assert.Equal(t, 3, srv.Stats()["CreateVpcEndpoint"].Requests, "the first create, its replay, then the next generation's")
}

// Removing the ownership tag disowns an endpoint: it is never touched
// again, and the Key gets a new one, even though a new process's create
// token is the one that made the disowned endpoint (the service answers
// with it; the reconciler sees it is not its own and moves to the next
// generation).
func TestUntaggedOutOfBandMeansDisownedAndReplaced(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	ctx := context.Background()
	spec := endpointSpec("k", zones[:1], sgs[0])
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}}
	_, err := newReconciler(t, c, reconcile.Options{}).Reconcile(ctx, desired)
	require.NoError(t, err)
	first := requireMatches(t, c, reconcile.DefaultTagKey, desired.Endpoints, true)["k"][0].id
	_, err = c.UntagResources(ctx, &privatelink.UntagResourcesRequest{ResourceType: privatelink.TagResourceTypeVpcEndpoint, ResourceIDs: []string{first}, TagKeys: []string{reconcile.DefaultTagKey}})
	require.NoError(t, err)

	sum, err := newReconciler(t, c, reconcile.Options{Prune: true}).Reconcile(ctx, desired)
	require.NoError(t, err)
	require.True(t, sum.Converged)
	got := requireMatches(t, c, reconcile.DefaultTagKey, desired.Endpoints, false)
	assert.NotEqual(t, first, got["k"][0].id)
	require.Len(t, got[""], 1, "the disowned endpoint is kept, untouched")
	assert.Equal(t, first, got[""][0].id)
}

// A create the service refuses with a not-found code of its own (here the
// endpoint service does not exist) made nothing: it is no evidence of a
// stale token, so it is sent once per apply, and the token stays at
// generation 0, the one a fresh process or another replica derives. Were
// it to move, this process and a fresh one would send different tokens
// once the service exists, and make two endpoints.
func TestCreateRefusedAsNotFoundKeepsItsToken(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	ctx := context.Background()
	spec := endpointSpec("k", zones[:1], sgs[0])
	spec.ServiceID = "epsrv-hp3nothere000000000"
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}}
	r := newReconciler(t, c, reconcile.Options{})
	plan, err := r.Plan(ctx, desired)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	token := plan.Resources[0].Changes[0].ClientToken
	res, err := r.Apply(ctx, plan)
	require.Error(t, err)
	assert.Equal(t, privatelink.ErrCodeEndpointServiceNotFound, privatelink.ErrorCode(err))
	assert.Equal(t, 1, res.Writes, "sent once: a refused create is not repeated under a new token")
	assert.Equal(t, 1, srv.Stats()["CreateVpcEndpoint"].Requests)

	again, err := r.Plan(ctx, desired)
	require.NoError(t, err)
	assert.Equal(t, token, again.Resources[0].Changes[0].ClientToken, "the generation did not move")
	fresh, err := newReconciler(t, c, reconcile.Options{}).Plan(ctx, desired)
	require.NoError(t, err)
	assert.Equal(t, token, fresh.Resources[0].Changes[0].ClientToken, "a fresh process derives the same token")
	assert.Zero(t, srv.EndpointCount())
}

// A create whose token is answered three times with an endpoint that is
// not this Key's (each generation's endpoint was untagged out of band)
// fails that Key in this apply instead of reporting the disowned endpoint
// as created; the next apply sends the next generation and converges.
func TestCreateAnsweredStaleThreeTimesFailsThenConverges(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	ctx := context.Background()
	spec := endpointSpec("k", zones[:1], sgs[0])
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}}
	var disowned []string
	for range 3 {
		// A fresh process each time: it walks the generations up from 0,
		// each answered with the endpoint disowned before, and then makes
		// a new one, which is disowned in turn.
		_, err := newReconciler(t, c, reconcile.Options{}).Reconcile(ctx, desired)
		require.NoError(t, err)
		id := requireMatches(t, c, reconcile.DefaultTagKey, desired.Endpoints, false)["k"][0].id
		_, err = c.UntagResources(ctx, &privatelink.UntagResourcesRequest{ResourceType: privatelink.TagResourceTypeVpcEndpoint, ResourceIDs: []string{id}, TagKeys: []string{reconcile.DefaultTagKey}})
		require.NoError(t, err)
		disowned = append(disowned, id)
	}

	r := newReconciler(t, c, reconcile.Options{})
	plan, err := r.Plan(ctx, desired)
	require.NoError(t, err)
	res, err := r.Apply(ctx, plan)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "create answered 3 times with a resource gone or not owned by this Key")
	assert.Empty(t, res.Resources[0].ID, "a disowned endpoint is not reported as created")
	assert.Len(t, readBack(t, c, reconcile.DefaultTagKey)["k"], 0, "nothing new was made")

	sum, err := r.Reconcile(ctx, desired)
	require.NoError(t, err)
	require.True(t, sum.Converged)
	got := requireMatches(t, c, reconcile.DefaultTagKey, desired.Endpoints, false)
	assert.NotContains(t, disowned, got["k"][0].id)
	assert.ElementsMatch(t, disowned, idsOf(got[""]), "the disowned endpoints are kept, untouched")
}

func idsOf(vs []view) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.id)
	}
	return out
}
