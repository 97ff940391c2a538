package reconcile_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

func TestReconcileCreatesUpdatesAndPrunes(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	r := newReconciler(t, c, reconcile.Options{Prune: true})
	ctx := context.Background()

	a := endpointSpec("tenant-1/db", zones[:1], sgs[0])
	a.Name, a.Description, a.Tags = "db-1", "orders database", map[string]string{"team": "orders"}
	b := endpointSpec("tenant-2/cache", zones[:2], sgs[0], sgs[1])
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{a, b}}

	plan, err := r.Plan(ctx, desired)
	require.NoError(t, err)
	out := plan.String()
	assert.Contains(t, out, `+ endpoint "tenant-1/db"`)
	assert.Contains(t, out, "Plan: 2 to create, 0 to change, 0 to delete")
	res, err := r.Apply(ctx, plan)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Writes)
	requireMatches(t, c, r.TagKey(), desired.Endpoints, true)

	// A second plan finds nothing to do.
	plan, err = r.Plan(ctx, desired)
	require.NoError(t, err)
	assert.True(t, plan.Empty(), plan.String())

	// Edits: a zone added and the first one's vSwitch changed, a security
	// group swapped, a name and a tag changed, one endpoint dropped.
	a.Zones = []reconcile.ZoneSpec{zones[2], zones[1]}
	a.SecurityGroupIDs = []string{sgs[2]}
	a.Name, a.ZoneAffinityEnabled, a.Tags = "db-one", true, map[string]string{"team": "payments", "env": "prod"}
	desired = reconcile.Desired{Endpoints: []reconcile.EndpointSpec{a}}
	plan, err = r.Plan(ctx, desired)
	require.NoError(t, err)
	out = plan.String()
	t.Log("\n" + out)
	assert.Contains(t, out, `~ endpoint "tenant-1/db"`)
	assert.Contains(t, out, `- endpoint "tenant-2/cache"`)
	assert.Contains(t, out, "~ name")
	sum, err := r.Reconcile(ctx, desired)
	require.NoError(t, err)
	assert.True(t, sum.Converged)
	requireMatches(t, c, r.TagKey(), desired.Endpoints, true)
}

func TestPlanRefusesBadInputBeforeAnyCall(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	r := newReconciler(t, c, reconcile.Options{})
	bad := endpointSpec("k", nil)
	bad.VpcID = ""
	dup1 := endpointSpec("same", zones[:1], sgs[0])
	dup2 := endpointSpec("same", zones[:1], sgs[0])
	reserved := endpointSpec("aliyun-x", zones[:1], sgs[0])
	owner := endpointSpec("own", zones[:1], sgs[0])
	owner.Tags = map[string]string{r.TagKey(): "x"}
	a1 := endpointSpec("a1", zones[:1], sgs[0])
	a1.AdoptID = "ep-hp3emu0aaaaaaaaaaaaaa"
	a2 := endpointSpec("a2", zones[:1], sgs[0])
	a2.AdoptID = "ep-hp3emu0aaaaaaaaaaaaaa"
	wrongID := endpointSpec("wrong-id", zones[:1], sgs[0])
	wrongID.AdoptID = "epsrv-hp3emu0aaaaaaaaaaaaaa"
	svc := reconcile.ServiceSpec{Key: "s", AllowedPrincipals: []string{"", "0123"}}
	svc2 := reconcile.ServiceSpec{Key: "s", AdoptID: "ep-hp3emu0aaaaaaaaaaaaaa", ResourceType: privatelink.ServiceResourceTypeSLB, Tags: map[string]string{r.TagKey(): "s"}}
	_, err := r.Plan(context.Background(), reconcile.Desired{Endpoints: []reconcile.EndpointSpec{bad, dup1, dup2, reserved, owner, a1, a2, wrongID}, Services: []reconcile.ServiceSpec{svc, svc2}})
	var ve *privatelink.ValidationError
	require.ErrorAs(t, err, &ve)
	msg := err.Error()
	for _, want := range []string{
		"Endpoints[0].Zones: at least one zone", "Endpoints[0].VpcID", `Endpoints[2].Key: duplicate of Endpoints[1].Key "same"`,
		`Endpoints[3].Key: must not start with "aliyun"`, "Endpoints[4].Tags: must not set the ownership tag",
		"Endpoints[6].AdoptID: ep-hp3emu0aaaaaaaaaaaaaa is claimed by Endpoints[5] too",
		"Services[0].ResourceType: required", "Services[0].AllowedPrincipals[0]", `Services[0].AllowedPrincipals[1]: "0123" is neither`,
		`Endpoints[7].AdoptID: "epsrv-hp3emu0aaaaaaaaaaaaaa" is not an endpoint ID (ep-...)`,
		`Services[1].Key: duplicate of Services[0].Key "s"`,
		`Services[1].AdoptID: "ep-hp3emu0aaaaaaaaaaaaaa" is not an endpoint service ID (epsrv-...)`,
		"Services[1].Tags: must not set the ownership tag",
	} {
		assert.Contains(t, msg, want)
	}
	assert.Zero(t, srv.Requests(), "nothing may be sent for bad input")
}

func TestUntaggedEndpointsAreNeverTouchedUnlessAdopted(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	ctx := context.Background()
	// An endpoint made by hand, without the ownership tag.
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).WithSecurityGroupIDs(sgs[0]).WithTag("team", "x").Build()
	require.NoError(t, err)
	hand, err := c.CreateVpcEndpointAndWait(ctx, req)
	require.NoError(t, err)

	r := newReconciler(t, c, reconcile.Options{Prune: true})
	sum, err := r.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	assert.Zero(t, sum.Writes())
	_, ok := srv.Endpoint(hand.EndpointID)
	assert.True(t, ok, "pruning must not delete an endpoint it does not own")

	// Adopting it by ID tags it, then manages it.
	spec := endpointSpec("adopted", zones[:2], sgs[1])
	spec.AdoptID = hand.EndpointID
	plan, err := r.Plan(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}})
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	assert.Equal(t, reconcile.ChangeTag, plan.Resources[0].Changes[0].Kind, "ownership comes first")
	_, err = r.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec}})
	require.NoError(t, err)
	got := requireMatches(t, c, r.TagKey(), []reconcile.EndpointSpec{spec}, true)
	assert.Equal(t, hand.EndpointID, got["adopted"][0].id)

	// Another Key cannot claim it.
	other := spec
	other.Key = "thief"
	_, err = r.Plan(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{other}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "claimed by two Keys")
}

func TestConflictFailsOnlyThatKey(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	r := newReconciler(t, c, reconcile.Options{})
	ctx := context.Background()
	a := endpointSpec("a", zones[:1], sgs[0])
	b := endpointSpec("b", zones[:1], sgs[0])
	_, err := r.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{a, b}})
	require.NoError(t, err)
	a.ServiceID = privatelinktest.ManualServiceID // fixed at creation
	b.Name = "renamed"
	plan, err := r.Plan(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{a, b}})
	require.NoError(t, err)
	assert.Contains(t, plan.String(), `! endpoint "a"`)
	res, err := r.Apply(ctx, plan)
	require.Error(t, err)
	var ke *reconcile.KeyError
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "a", ke.Key)
	assert.Equal(t, []string{"endpoint a"}, res.Failed())
	assert.True(t, strings.HasPrefix(err.Error(), `endpoint "a": fixed at creation`), err.Error())
	assert.False(t, errors.Is(err, context.Canceled))
	requireMatches(t, c, r.TagKey(), []reconcile.EndpointSpec{b}, false)
}

// Under an API quota tighter than the client's retries can ride out (one
// attempt per call here), Apply repeats a throttled change with its token
// until it goes through: every Key is created once, in one apply, and
// the logger reports each change.
func TestApplyRepeatsThrottledChangesWithTheirToken(t *testing.T) {
	srv := newServer(t, privatelinktest.WithAPIRateLimit("CreateVpcEndpoint", 20, 1))
	var logs lockedBuffer
	r := newReconciler(t, srv.Client(privatelink.WithRetry(1, 0, 0)), reconcile.Options{
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	var desired []reconcile.EndpointSpec
	for _, k := range keys(10, "quota") {
		desired = append(desired, endpointSpec(k, zones[:1], sgs[0]))
	}
	sum, err := r.Reconcile(context.Background(), reconcile.Desired{Endpoints: desired})
	require.NoError(t, err)
	assert.Equal(t, 2, sum.Rounds, "one apply, then an empty plan")
	assert.Positive(t, srv.Stats()["CreateVpcEndpoint"].RateLimited, "the quota refused some creates")
	assert.Greater(t, sum.Writes(), 10, "refused creates were repeated")
	requireMatches(t, fastClient(srv), r.TagKey(), desired, true)
	assert.Equal(t, 10, strings.Count(logs.String(), "reconcile: change done"), logs.String())
	assert.Contains(t, logs.String(), "client_token=rc1-")
	assert.NotContains(t, logs.String(), privatelinktest.AccessKeySecret, "nothing secret is logged")
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Plan's reads ride out the quota too: with one client attempt per call
// and the zone and security group lists limited to 50 calls a second,
// planning 20 endpoints still succeeds, and finds nothing to do.
func TestPlanRepeatsThrottledReads(t *testing.T) {
	srv := newServer(t, privatelinktest.WithAPIRateLimit("ListVpcEndpointZones", 50, 1),
		privatelinktest.WithAPIRateLimit("ListVpcEndpointSecurityGroups", 50, 1))
	var desired []reconcile.EndpointSpec
	for _, k := range keys(20, "reads") {
		desired = append(desired, endpointSpec(k, zones[:1], sgs[0]))
	}
	_, err := newReconciler(t, fastClient(srv), reconcile.Options{}).Reconcile(context.Background(), reconcile.Desired{Endpoints: desired})
	require.NoError(t, err)
	before := srv.Stats()["ListVpcEndpointZones"].RateLimited + srv.Stats()["ListVpcEndpointSecurityGroups"].RateLimited
	plan, err := newReconciler(t, srv.Client(privatelink.WithRetry(1, 0, 0)), reconcile.Options{}).Plan(context.Background(), reconcile.Desired{Endpoints: desired})
	require.NoError(t, err)
	assert.True(t, plan.Empty(), plan.String())
	after := srv.Stats()["ListVpcEndpointZones"].RateLimited + srv.Stats()["ListVpcEndpointSecurityGroups"].RateLimited
	assert.Greater(t, after, before, "the quota refused some reads")
}

// When the rounds run out with changes left, Reconcile says so, and names
// the Key whose change kept failing.
func TestReconcileReportsNotConvergedNamingTheKey(t *testing.T) {
	srv := newServer(t)
	r := newReconciler(t, fastClient(srv), reconcile.Options{MaxRounds: 2})
	good := endpointSpec("good", zones[:1], sgs[0])
	bad := endpointSpec("bad", zones[:1], "sg-hp3emu0nosuchgroup00")
	sum, err := r.Reconcile(context.Background(), reconcile.Desired{Endpoints: []reconcile.EndpointSpec{good, bad}})
	require.ErrorIs(t, err, reconcile.ErrNotConverged)
	var ke *reconcile.KeyError
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "bad", ke.Key)
	assert.Equal(t, privatelink.ErrCodeSecurityGroupNotFound, privatelink.ErrorCode(err))
	assert.False(t, sum.Converged)
	assert.Len(t, sum.Results, 2)
	requireMatches(t, fastClient(srv), r.TagKey(), []reconcile.EndpointSpec{good}, false)
	assert.Equal(t, 1, srv.EndpointCount(), "the failed create made nothing")
}

// Two controllers with their own tag keys share an account: each sees
// only its own resources, prunes nothing of the other's, and the same Key
// and spec under the two give two endpoints, since the tag key is part of
// every token (else the second create would be answered with the first's
// endpoint).
func TestReconcilersWithOtherTagKeysNeverSeeEachOther(t *testing.T) {
	srv := newServer(t)
	c := fastClient(srv)
	ctx := context.Background()
	a := newReconciler(t, c, reconcile.Options{Prune: true})
	b := newReconciler(t, c, reconcile.Options{Prune: true, TagKey: "team-b/reconcile-key"})
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{endpointSpec("shared/key", zones[:1], sgs[0])}}

	_, err := a.Reconcile(ctx, desired)
	require.NoError(t, err)
	sum, err := b.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	assert.Zero(t, sum.Writes(), "b prunes nothing of a's")
	assert.Empty(t, sum.LastPlan.Orphans, "b does not even see a's endpoint")

	plan, err := b.Plan(ctx, desired)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	assert.NotEqual(t, mustPlanToken(t, a, desired), plan.Resources[0].Changes[0].ClientToken)
	_, err = b.Apply(ctx, plan)
	require.NoError(t, err)
	ga := requireMatches(t, c, a.TagKey(), desired.Endpoints, false)
	gb := requireMatches(t, c, b.TagKey(), desired.Endpoints, false)
	assert.NotEqual(t, ga["shared/key"][0].id, gb["shared/key"][0].id, "one endpoint each")
	assert.Equal(t, 2, srv.EndpointCount())

	// Each converged plan stays empty, and a's pruning leaves b's alone.
	sum, err = a.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	assert.Empty(t, readBack(t, c, a.TagKey())["shared/key"], "a pruned its own endpoint")
	assert.Len(t, readBack(t, c, b.TagKey())["shared/key"], 1, "and only its own")
	plan, err = b.Plan(ctx, desired)
	require.NoError(t, err)
	assert.True(t, plan.Empty(), plan.String())
}

// mustPlanToken returns the create token that a fresh reconciler with r's
// tag key derives for desired's only endpoint, planned on an empty
// account.
func mustPlanToken(t *testing.T, r *reconcile.Reconciler, desired reconcile.Desired) string {
	t.Helper()
	srv := newServer(t)
	fresh, err := reconcile.New(fastClient(srv), reconcile.Options{TagKey: r.TagKey()})
	require.NoError(t, err)
	plan, err := fresh.Plan(context.Background(), desired)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	return plan.Resources[0].Changes[0].ClientToken
}
