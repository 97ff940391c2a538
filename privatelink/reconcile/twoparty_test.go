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

// Two parties, end to end: the provider reconciles a service in front of
// two load balancers, with an allow-list naming the consumer's account
// and manual acceptance; the consumer reconciles an endpoint to it; the
// provider's next round accepts the consumer's Pending connection, since
// the allow-list lets that account in; the consumer's endpoint reaches
// Connected. Then the provider narrows the allow-list and retags the
// service, and the consumer's pruning removes the endpoint, after which
// the provider's pruning deletes the service.
func TestTwoPartiesReachConnected(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	provider := newReconciler(t, fastClient(srv, privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, "")), reconcile.Options{Prune: true})
	consumer := newReconciler(t, fastClient(srv), reconcile.Options{Prune: true})

	svc := reconcile.ServiceSpec{
		Key: "orders-db", ResourceType: privatelink.ServiceResourceTypeSLB,
		Resources: []reconcile.ServiceResourceSpec{
			{ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA},
			{ResourceID: privatelinktest.ProviderLoadBalancerB, ZoneID: privatelinktest.ZoneB},
		},
		Description:       "orders database",
		AllowedPrincipals: []string{privatelinktest.AccountID, "acs:ram::1111222233334444:root"},
		AcceptPending:     true,
		Tags:              map[string]string{"team": "orders"},
	}
	plan, err := provider.Plan(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}})
	require.NoError(t, err)
	t.Log("\n" + plan.String())
	assert.Contains(t, plan.String(), `+ service "orders-db"`)
	sum, err := provider.Reconcile(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	serviceID := sum.Results[0].Resources[0].ID
	require.NotEmpty(t, serviceID)
	got, ok := srv.EndpointService(serviceID)
	require.True(t, ok)
	assert.False(t, got.AutoAccept)
	assert.Len(t, got.Resources, 2)

	ep := endpointSpec("tenant-42/orders-db", zones[:2], sgs[0])
	ep.ServiceID = serviceID
	sum, err = consumer.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{ep}})
	require.NoError(t, err)
	endpointID := sum.Results[0].Resources[0].ID
	e, ok := srv.Endpoint(endpointID)
	require.True(t, ok)
	assert.Equal(t, privatelink.ConnectionStatusPending, e.ConnectionStatus, "manual acceptance")

	// The provider's next round accepts it.
	plan, err = provider.Plan(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}})
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	assert.Equal(t, reconcile.ChangeEnableConnection, plan.Resources[0].Changes[0].Kind)
	assert.Equal(t, endpointID, plan.Resources[0].Changes[0].Subject)
	_, err = provider.Apply(ctx, plan)
	require.NoError(t, err)

	// The consumer waits until Connected.
	ep.WaitConnected = true
	sum, err = consumer.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{ep}})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	e, _ = srv.Endpoint(endpointID)
	assert.Equal(t, privatelink.ConnectionStatusConnected, e.ConnectionStatus)

	// Both sides are at rest: no plan has changes.
	for _, r := range []struct {
		rc *reconcile.Reconciler
		d  reconcile.Desired
	}{{provider, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}}}, {consumer, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{ep}}}} {
		plan, err := r.rc.Plan(ctx, r.d)
		require.NoError(t, err)
		assert.True(t, plan.Empty(), plan.String())
	}

	// The provider edits the service: one principal fewer, a new tag, a
	// description, auto-accept on.
	svc.AllowedPrincipals = []string{privatelinktest.AccountID}
	svc.Tags = map[string]string{"team": "orders", "tier": "gold"}
	svc.Description, svc.AutoAcceptEnabled = "orders database, primary", true
	sum, err = provider.Reconcile(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	got, _ = srv.EndpointService(serviceID)
	assert.True(t, got.AutoAccept)
	assert.Equal(t, []int64{1234567890123456}, got.AllowedUserIDs)
	assert.Empty(t, got.AllowedARNs)

	// Tear down: the consumer prunes its endpoint, then the provider its
	// service (detaching the load balancers first).
	_, err = consumer.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	_, err = provider.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	_, ok = srv.EndpointService(serviceID)
	assert.False(t, ok, "the service is deleted")
	for _, id := range []string{privatelinktest.ServiceID, privatelinktest.ManualServiceID} {
		_, ok = srv.EndpointService(id)
		assert.True(t, ok, "an untagged service is never pruned")
	}
}

// A service made by hand is left alone until a spec adopts it by ID; then
// it is tagged first and managed like the others.
func TestAdoptAService(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := providerWorld(t, clk)
	c := providerClient(srv)
	ctx := context.Background()
	created, err := c.CreateVpcEndpointService(ctx, &privatelink.CreateVpcEndpointServiceRequest{
		ServiceResourceType: privatelink.ServiceResourceTypeSLB,
		Resources:           []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: providerLBs[0]}},
	})
	require.NoError(t, err)
	wait := []privatelink.WaitOption{privatelink.WaitClock(clk)}
	_, err = c.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID, wait...)
	require.NoError(t, err)

	r := newReconciler(t, c, reconcile.Options{Prune: true, WaitOptions: wait})
	sum, err := r.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	assert.Zero(t, sum.Writes(), "an untagged service is not pruned")

	spec := reconcile.ServiceSpec{Key: "hand-made", AdoptID: created.ServiceID, ResourceType: privatelink.ServiceResourceTypeSLB,
		Resources:         []reconcile.ServiceResourceSpec{{ResourceID: providerLBs[0]}, {ResourceID: providerLBs[1]}},
		AllowedPrincipals: []string{privatelinktest.AccountID}}
	plan, err := r.Plan(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{spec}})
	require.NoError(t, err)
	require.Len(t, plan.Resources, 1)
	assert.Equal(t, reconcile.ChangeTag, plan.Resources[0].Changes[0].Kind, "ownership comes first")
	sum, err = r.Reconcile(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{spec}})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	spec.AdoptID = "" // once tagged, the Key finds it without the ID
	requireServices(t, srv, c, []reconcile.ServiceSpec{spec})
	plan, err = r.Plan(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{spec}})
	require.NoError(t, err)
	assert.True(t, plan.Empty(), plan.String())
}

// One account that publishes a service and uses it names the service by
// its Key: one Reconcile creates the service, then the endpoint to it,
// which reaches Connected; the next plan is empty.
func TestServiceKeyConnectsAnEndpointToAServiceOfTheSameDesiredState(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := providerWorld(t, clk)
	c := providerClient(srv)
	ctx := context.Background()
	r := newReconciler(t, c, reconcile.Options{WaitOptions: []privatelink.WaitOption{privatelink.WaitClock(clk)}})
	desired := reconcile.Desired{
		Services: []reconcile.ServiceSpec{{Key: "internal/api", ResourceType: privatelink.ServiceResourceTypeSLB, AutoAcceptEnabled: true,
			Resources:         []reconcile.ServiceResourceSpec{{ResourceID: providerLBs[0], ZoneID: privatelinktest.ZoneA}},
			AllowedPrincipals: []string{privatelinktest.ProviderAccountID}}},
		Endpoints: []reconcile.EndpointSpec{{Key: "team-a/api", ServiceKey: "internal/api", VpcID: privatelinktest.VpcID,
			Zones: zones[:1], SecurityGroupIDs: sgs[:1], WaitConnected: true}},
	}
	plan, err := r.Plan(ctx, desired)
	require.NoError(t, err)
	assert.Contains(t, plan.String(), "service_key")
	sum, err := r.Reconcile(ctx, desired)
	require.NoError(t, err)
	require.True(t, sum.Converged)
	assert.Equal(t, 2, sum.Rounds, "one apply: the service first, then its endpoint")
	var serviceID, endpointID string
	for _, rr := range sum.Results[0].Resources {
		if rr.Kind == reconcile.KindService {
			serviceID = rr.ID
		} else {
			endpointID = rr.ID
		}
	}
	e, ok := srv.Endpoint(endpointID)
	require.True(t, ok)
	assert.Equal(t, serviceID, e.ServiceID)
	assert.Equal(t, privatelink.ConnectionStatusConnected, e.ConnectionStatus)

	// A ServiceKey that names no service, or given with a ServiceID, is
	// refused before anything is sent.
	bad := desired
	bad.Endpoints = []reconcile.EndpointSpec{desired.Endpoints[0], desired.Endpoints[0]}
	bad.Endpoints[0].ServiceKey = "nope"
	bad.Endpoints[1].Key, bad.Endpoints[1].ServiceID = "b", privatelinktest.ServiceID
	before := srv.Requests()
	_, err = r.Plan(ctx, bad)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Endpoints[0].ServiceKey: no ServiceSpec has Key "nope"`)
	assert.Contains(t, err.Error(), "Endpoints[1].ServiceKey: give one of ServiceID, ServiceName and ServiceKey")
	assert.Equal(t, before, srv.Requests())
}

// A service that endpoints still use is not dismantled by pruning: the
// apply fails for its Key before detaching anything, so the consumers'
// traffic keeps its load balancers; once the endpoints are gone, the next
// prune deletes it.
func TestPruneLeavesAServiceInUseIntact(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	provider := newReconciler(t, fastClient(srv, privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, "")), reconcile.Options{Prune: true})
	consumer := newReconciler(t, fastClient(srv), reconcile.Options{Prune: true})
	svc := reconcile.ServiceSpec{
		Key: "in-use", ResourceType: privatelink.ServiceResourceTypeSLB, AutoAcceptEnabled: true,
		Resources: []reconcile.ServiceResourceSpec{
			{ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA},
			{ResourceID: privatelinktest.ProviderLoadBalancerB, ZoneID: privatelinktest.ZoneB},
		},
		AllowedPrincipals: []string{privatelinktest.AccountID},
	}
	sum, err := provider.Reconcile(ctx, reconcile.Desired{Services: []reconcile.ServiceSpec{svc}})
	require.NoError(t, err)
	serviceID := sum.Results[0].Resources[0].ID
	ep := endpointSpec("tenant/in-use", zones[:2], sgs[0])
	ep.ServiceID, ep.WaitConnected = serviceID, true
	_, err = consumer.Reconcile(ctx, reconcile.Desired{Endpoints: []reconcile.EndpointSpec{ep}})
	require.NoError(t, err)

	plan, err := provider.Plan(ctx, reconcile.Desired{})
	require.NoError(t, err)
	res, err := provider.Apply(ctx, plan)
	require.Error(t, err)
	var ke *reconcile.KeyError
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "in-use", ke.Key)
	assert.Contains(t, err.Error(), "endpoints still use the service (")
	assert.Zero(t, res.Resources[0].Done, "nothing was detached")
	got, ok := srv.EndpointService(serviceID)
	require.True(t, ok)
	assert.Len(t, got.Resources, 2, "the load balancers stay attached")

	_, err = consumer.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	sum, err = provider.Reconcile(ctx, reconcile.Desired{})
	require.NoError(t, err)
	require.True(t, sum.Converged)
	_, ok = srv.EndpointService(serviceID)
	assert.False(t, ok, "deleted once unused")
}

// Like a Key's second endpoint, a Key's second service (left by two
// runners creating it from different spec revisions) is deleted, pruning
// off: the oldest stays and takes the spec, the other gives up its load
// balancer and goes.
func TestSecondServiceOfAKeyIsRemoved(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := providerWorld(t, clk)
	c := providerClient(srv)
	ctx := context.Background()
	wait := []privatelink.WaitOption{privatelink.WaitClock(clk)}
	r := newReconciler(t, c, reconcile.Options{WaitOptions: wait})
	create := func(lb, description string) string {
		v, err := c.CreateVpcEndpointService(ctx, &privatelink.CreateVpcEndpointServiceRequest{
			ServiceResourceType: privatelink.ServiceResourceTypeSLB, ServiceDescription: description,
			Resources: []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: lb, ZoneID: privatelinktest.ZoneA}},
			Tags:      []privatelink.Tag{{Key: r.TagKey(), Value: "svc"}},
		})
		require.NoError(t, err)
		_, err = c.WaitUntilVpcEndpointServiceActive(ctx, v.ServiceID, wait...)
		require.NoError(t, err)
		clk.Advance(time.Second)
		return v.ServiceID
	}
	older, newer := create(providerLBs[0], "rev-a"), create(providerLBs[2], "rev-b")
	spec := reconcile.ServiceSpec{Key: "svc", ResourceType: privatelink.ServiceResourceTypeSLB, Description: "rev-b",
		Resources: []reconcile.ServiceResourceSpec{{ResourceID: providerLBs[0], ZoneID: privatelinktest.ZoneA}}}
	desired := reconcile.Desired{Services: []reconcile.ServiceSpec{spec}}
	plan, err := r.Plan(ctx, desired)
	require.NoError(t, err)
	t.Log("\n" + plan.String())
	assert.Contains(t, plan.String(), `- service "svc" (`+newer+")")
	assert.Contains(t, plan.String(), "- delete (another service carries this Key: "+older+", the oldest, is kept)")
	sum, err := r.Reconcile(ctx, desired)
	require.NoError(t, err)
	require.True(t, sum.Converged)
	requireServices(t, srv, c, desired.Services)
	_, ok := srv.EndpointService(newer)
	assert.False(t, ok, "the newer one is deleted")
	page, err := c.ListVpcEndpointServices(ctx, &privatelink.ListVpcEndpointServicesRequest{ServiceID: older})
	require.NoError(t, err)
	require.Len(t, page.Services, 1, "the older one stays")
	assert.Equal(t, "rev-b", page.Services[0].ServiceDescription, "and takes the spec")
}
