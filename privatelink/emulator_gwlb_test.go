package privatelink_test

// Gateway Load Balancer services and open enums end to end: the SDK
// against the emulator's default world, so that what the unit tests
// decode from hand-written bodies is also what the emulator answers.

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// A GWLB service is created, described and listed through the SDK, and the
// fields v5.0.10 added (AddressIpVersion, SupportedRegionSet, ServiceType
// GatewayLoadBalancer, DescribeRegions' ServiceResourceTypes) decode from
// the emulator's answers.
func TestGatewayLoadBalancerServiceOnEmulator(t *testing.T) {
	ctx := context.Background()
	srv := privatelinktest.NewServer()
	t.Cleanup(srv.Close)
	provider := srv.ProviderClient()
	consumer := srv.Client()

	req, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeGWLB).
		WithResource(privatelink.ServiceResourceTypeGWLB, privatelinktest.ProviderGWLB, privatelinktest.ZoneA).
		WithAddressIPVersion(privatelink.AddressIPVersionDualStack).
		WithSupportedRegions("cn-hangzhou").
		WithAutoAcceptEnabled(true).
		Build()
	require.NoError(t, err)
	created, err := provider.CreateVpcEndpointService(ctx, req)
	require.NoError(t, err)
	wantRegions := []privatelink.SupportedRegion{
		{SupportedRegionID: privatelinktest.RegionID, ServiceRegionID: privatelinktest.RegionID,
			RegionServiceStatus: privatelink.RegionServiceStatusAvailable, RegionBusinessStatus: privatelink.ServiceBusinessStatusNormal},
		{SupportedRegionID: "cn-hangzhou", ServiceRegionID: privatelinktest.RegionID,
			RegionServiceStatus: privatelink.RegionServiceStatusAvailable, RegionBusinessStatus: privatelink.ServiceBusinessStatusNormal},
	}
	assert.Equal(t, privatelink.AddressIPVersionDualStack, created.AddressIPVersion)
	assert.Equal(t, wantRegions, created.SupportedRegions)

	got, err := provider.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: created.ServiceID})
	require.NoError(t, err)
	assert.Equal(t, privatelink.ServiceTypeGatewayLoadBalancer, got.ServiceType)
	assert.Equal(t, privatelink.ServiceResourceTypeGWLB, got.ServiceResourceType)
	assert.Equal(t, privatelink.AddressIPVersionDualStack, got.AddressIPVersion)
	assert.Equal(t, wantRegions, got.SupportedRegions)
	assert.True(t, got.ServiceType.IsKnown() && got.ServiceResourceType.IsKnown())

	var ids []string
	for s, err := range provider.AllVpcEndpointServices(ctx, &privatelink.ListVpcEndpointServicesRequest{ServiceResourceType: privatelink.ServiceResourceTypeGWLB}) {
		require.NoError(t, err)
		ids = append(ids, s.ServiceID)
		assert.Equal(t, privatelink.ServiceTypeGatewayLoadBalancer, s.ServiceType, s.ServiceID)
		assert.Equal(t, privatelink.ServiceResourceTypeGWLB, s.ServiceResourceType, s.ServiceID)
		if s.ServiceID == created.ServiceID {
			assert.Equal(t, privatelink.AddressIPVersionDualStack, s.AddressIPVersion)
			assert.Equal(t, wantRegions, s.SupportedRegions)
		}
	}
	assert.Equal(t, []string{privatelinktest.GatewayServiceID, created.ServiceID}, ids)

	// The consumer finds it by ServiceType once the provider allows it.
	_, err = provider.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: created.ServiceID, UserID: consumerUID})
	require.NoError(t, err)
	byUser, err := consumer.ListVpcEndpointServicesByEndUser(ctx, &privatelink.ListVpcEndpointServicesByEndUserRequest{ServiceType: privatelink.ServiceTypeGatewayLoadBalancer})
	require.NoError(t, err)
	ids = ids[:0]
	for _, s := range byUser.Services {
		ids = append(ids, s.ServiceID)
		assert.Equal(t, privatelink.ServiceTypeGatewayLoadBalancer, s.ServiceType)
		if s.ServiceID == created.ServiceID {
			assert.Equal(t, privatelink.AddressIPVersionDualStack, s.AddressIPVersion)
			assert.True(t, s.AutoAcceptEnabled)
		}
	}
	assert.Equal(t, []string{privatelinktest.GatewayServiceID, created.ServiceID}, ids)

	// DescribeRegions: every region with ALL, only the emulator's own
	// region offers gwlb.
	all, err := consumer.DescribeRegions(ctx, &privatelink.DescribeRegionsRequest{ServiceResourceType: privatelink.ServiceResourceTypeAll})
	require.NoError(t, err)
	require.NotEmpty(t, all.Regions)
	for _, r := range all.Regions {
		require.NotEmpty(t, r.ServiceResourceTypes, r.RegionID)
		assert.Equal(t, r.RegionID == privatelinktest.RegionID, slices.Contains(r.ServiceResourceTypes, privatelink.ServiceResourceTypeGWLB), r.RegionID)
	}
	gw, err := consumer.DescribeRegions(ctx, &privatelink.DescribeRegionsRequest{ServiceResourceType: privatelink.ServiceResourceTypeGWLB})
	require.NoError(t, err)
	require.Len(t, gw.Regions, 1)
	assert.Equal(t, privatelinktest.RegionID, gw.Regions[0].RegionID)
	assert.Equal(t, []privatelink.ServiceResourceType{privatelink.ServiceResourceTypeSLB, privatelink.ServiceResourceTypeALB,
		privatelink.ServiceResourceTypeNLB, privatelink.ServiceResourceTypeGWLB}, gw.Regions[0].ServiceResourceTypes)
}

// queryRecorder records the query of every request the SDK sends, so a
// test sees the values on the wire.
type queryRecorder struct {
	mu      sync.Mutex
	queries []url.Values
}

func (r *queryRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	// The clients here sign V3 (the default), which puts the parameters
	// in the query string.
	r.mu.Lock()
	r.queries = append(r.queries, req.URL.Query())
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *queryRecorder) last() url.Values {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.queries[len(r.queries)-1]
}

// An enum value the SDK does not know passes Validate, is sent to the
// emulator as given (which answers as the service does for a filter that
// matches nothing: an empty page, no error), and a value the emulator
// reports that the SDK does not know comes back as given.
func TestUnknownEnumRoundTripOnEmulator(t *testing.T) {
	ctx := context.Background()
	srv := privatelinktest.NewServer()
	t.Cleanup(srv.Close)
	rec := &queryRecorder{}
	consumer := srv.Client(privatelink.WithHTTPClient(&http.Client{Transport: rec}))
	provider := srv.ProviderClient(privatelink.WithHTTPClient(&http.Client{Transport: rec}))

	const futureType privatelink.ServiceResourceType = "hyperlb"
	const futureVersion privatelink.AddressIPVersion = "IPv7"
	list := &privatelink.ListVpcEndpointServicesRequest{ServiceResourceType: futureType, AddressIPVersion: futureVersion}
	require.NoError(t, list.Validate())
	assert.False(t, futureType.IsKnown() || futureVersion.IsKnown())
	services, err := provider.ListVpcEndpointServices(ctx, list)
	require.NoError(t, err)
	assert.Empty(t, services.Services)
	assert.Equal(t, "hyperlb", rec.last().Get("ServiceResourceType"))
	assert.Equal(t, "IPv7", rec.last().Get("AddressIpVersion"))

	const futureServiceType privatelink.ServiceType = "Quantum"
	byUser, err := consumer.ListVpcEndpointServicesByEndUser(ctx, &privatelink.ListVpcEndpointServicesByEndUserRequest{ServiceType: futureServiceType})
	require.NoError(t, err)
	assert.Empty(t, byUser.Services)
	assert.Equal(t, "Quantum", rec.last().Get("ServiceType"))

	// The emulator reports a billing state no release documents (its
	// SetBusinessStatus exists for this), and the SDK decodes it as given.
	ep, err := consumer.CreateVpcEndpoint(ctx, &privatelink.CreateVpcEndpointRequest{
		VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID,
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
		Zones:            []privatelink.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
	})
	require.NoError(t, err)
	const futureBusiness privatelink.EndpointBusinessStatus = "Hibernating"
	require.NoError(t, srv.SetBusinessStatus(ep.EndpointID, string(futureBusiness)))
	attr, err := consumer.GetVpcEndpointAttribute(ctx, &privatelink.GetVpcEndpointAttributeRequest{EndpointID: ep.EndpointID})
	require.NoError(t, err)
	assert.Equal(t, futureBusiness, attr.EndpointBusinessStatus)
	assert.False(t, attr.EndpointBusinessStatus.IsKnown())
	for e, err := range consumer.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{EndpointID: ep.EndpointID}) {
		require.NoError(t, err)
		assert.Equal(t, futureBusiness, e.EndpointBusinessStatus)
	}
}

// Publish a Gateway Load Balancer as an endpoint service and read back what
// the API says of it: its ServiceType, its IP version, and the regions
// endpoints may connect from.
func ExampleClient_CreateVpcEndpointService_gatewayLoadBalancer() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	provider := srv.ProviderClient()
	ctx := context.Background()

	req, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeGWLB).
		WithResource(privatelink.ServiceResourceTypeGWLB, privatelinktest.ProviderGWLB, privatelinktest.ZoneA).
		WithAddressIPVersion(privatelink.AddressIPVersionDualStack).
		WithSupportedRegions("cn-hangzhou").
		Build()
	if err != nil {
		log.Fatal(err)
	}
	created, err := provider.CreateVpcEndpointService(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	svc, err := provider.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: created.ServiceID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(svc.ServiceType, svc.ServiceResourceType, svc.AddressIPVersion)
	for _, r := range svc.SupportedRegions {
		fmt.Println("from", r.SupportedRegionID, r.RegionServiceStatus)
	}
	// Output:
	// GatewayLoadBalancer gwlb DualStack
	// from cn-huhehaote Available
	// from cn-hangzhou Available
}
