package privatelink

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// A value the SDK does not know passes Validate, is sent exactly as given,
// and comes back exactly as the service sent it: enums are open, so a
// value the service adds after this release works without an upgrade.
func TestOpenEnumRoundTrip(t *testing.T) {
	const future = "hyperlb" // a resource type no release documents
	bodies := map[string]string{
		"CreateVpcEndpointService": `{"RequestId":"R","ServiceId":"epsrv-1","ServiceStatus":"Warming","AddressIpVersion":"IPv7"}`,
		"ListVpcEndpointServices":  `{"RequestId":"R","Services":[{"ServiceId":"epsrv-1","ServiceResourceType":"hyperlb","ServiceType":"Quantum"}]}`,
		"DescribeRegions":          `{"RequestId":"R","Regions":{"Region":[{"RegionId":"r1","ServiceResourceTypes":{"ServiceResourceType":["slb","hyperlb"]}}]}}`,
	}
	ctx := context.Background()
	bothVersions(t, func(t *testing.T, version Option) {
		c, srv := newWireClient(t, version, func(action string) string { return bodies[action] })
		req := &CreateVpcEndpointServiceRequest{
			ServiceResourceType: future, Payer: "Everyone", AddressIPVersion: "IPv7",
			Resources: []ServiceResourceRef{{ResourceType: future, ResourceID: "hlb-1", ZoneID: "z1"}},
		}
		require.NoError(t, req.Validate(), "an unknown value is no reason to refuse")
		assert.False(t, req.ServiceResourceType.IsKnown(), "IsKnown still tells the caller it is new")
		resp, err := c.CreateVpcEndpointService(ctx, req)
		require.NoError(t, err)
		sent := srv.only(t).Query
		assert.Equal(t, future, sent["ServiceResourceType"])
		assert.Equal(t, future, sent["Resource.1.ResourceType"])
		assert.Equal(t, "Everyone", sent["Payer"])
		assert.Equal(t, "IPv7", sent["AddressIpVersion"])
		assert.Equal(t, ServiceStatus("Warming"), resp.ServiceStatus)
		assert.Equal(t, AddressIPVersion("IPv7"), resp.AddressIPVersion)

		list, err := c.ListVpcEndpointServices(ctx, &ListVpcEndpointServicesRequest{ServiceResourceType: future})
		require.NoError(t, err)
		require.Len(t, list.Services, 1)
		assert.Equal(t, ServiceResourceType(future), list.Services[0].ServiceResourceType)
		assert.Equal(t, ServiceType("Quantum"), list.Services[0].ServiceType)

		regions, err := c.DescribeRegions(ctx, &DescribeRegionsRequest{ServiceResourceType: ServiceResourceTypeAll})
		require.NoError(t, err)
		require.Len(t, regions.Regions, 1)
		assert.Equal(t, []ServiceResourceType{ServiceResourceTypeSLB, future}, regions.Regions[0].ServiceResourceTypes)
	})
}

// The values Gateway Load Balancer brought are constants now, and requests
// carrying them pass Validate (before, gwlb was refused in 7 operations).
func TestGatewayLoadBalancerValues(t *testing.T) {
	for _, v := range []ServiceResourceType{ServiceResourceTypeGWLB, ServiceResourceTypeAll} {
		assert.True(t, v.IsKnown(), v)
	}
	assert.True(t, ServiceTypeGatewayLoadBalancer.IsKnown())
	reqs := []interface{ Validate() error }{
		&CreateVpcEndpointServiceRequest{ServiceResourceType: ServiceResourceTypeGWLB,
			Resources: []ServiceResourceRef{{ResourceType: ServiceResourceTypeGWLB, ResourceID: "gwlb-1", ZoneID: "z1"}}},
		&ListVpcEndpointServicesRequest{ServiceResourceType: ServiceResourceTypeGWLB},
		&ListVpcEndpointServicesByEndUserRequest{ServiceType: ServiceTypeGatewayLoadBalancer},
		&DescribeRegionsRequest{ServiceResourceType: ServiceResourceTypeAll},
		&DescribeZonesRequest{ServiceResourceType: ServiceResourceTypeGWLB, CrossRegion: true, CrossRegionSide: CrossRegionSideEndpointService},
		&AttachResourceToVpcEndpointServiceRequest{ServiceID: "epsrv-1", ResourceType: ServiceResourceTypeGWLB, ResourceID: "gwlb-1"},
		&DetachResourceFromVpcEndpointServiceRequest{ServiceID: "epsrv-1", ResourceType: ServiceResourceTypeGWLB, ResourceID: "gwlb-1"},
		&UpdateVpcEndpointZoneConnectionResourceAttributeRequest{ServiceID: "epsrv-1", EndpointID: "ep-1", ZoneID: "z1",
			ResourceAllocateMode: ResourceAllocateModeManual, ResourceID: "gwlb-1", ResourceType: ServiceResourceTypeGWLB},
	}
	for _, r := range reqs {
		assert.NoError(t, r.Validate(), "%T", r)
	}
}

// DescribeZones sends the cross-region parameters of v5.0.10, and
// OpenPrivateLinkService its OwnerId.
func TestNewRequestParameters(t *testing.T) {
	ctx := context.Background()
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), func(string) string { return `{"RequestId":"R"}` })
	req, err := NewDescribeZones().WithCrossRegion(true).WithCrossRegionSide(CrossRegionSideEndpointService).
		WithServiceResourceType(ServiceResourceTypeGWLB).Build()
	require.NoError(t, err)
	_, err = c.DescribeZones(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"CrossRegion": "true", "CrossRegionSide": "EndpointService", "ServiceResourceType": "gwlb"}, srv.only(t).Query)

	c, srv = newWireClient(t, WithSignatureVersion(signer.V3), func(string) string { return `{"RequestId":"R","OrderId":"1"}` })
	_, err = c.OpenPrivateLinkService(ctx, &OpenPrivateLinkServiceRequest{OwnerID: 9223372036854775807})
	require.NoError(t, err)
	assert.Equal(t, "9223372036854775807", srv.only(t).Query["OwnerId"])
	_, err = c.OpenPrivateLinkService(ctx, &OpenPrivateLinkServiceRequest{OwnerID: -1})
	requireProblem(t, err, "OwnerID", "must not be negative")
}

// The response members added to the API from October 2025 to February 2026
// are decoded.
func TestNewResponseFields(t *testing.T) {
	ctx := context.Background()
	regionSet := `"SupportedRegionSet":[{"SupportedRegionId":"cn-shanghai","ServiceRegionId":"cn-hangzhou","RegionServiceStatus":"Available","RegionBusinessStatus":"Normal"}]`
	want := []SupportedRegion{{SupportedRegionID: "cn-shanghai", ServiceRegionID: "cn-hangzhou",
		RegionServiceStatus: RegionServiceStatusAvailable, RegionBusinessStatus: ServiceBusinessStatusNormal}}
	bodies := map[string]string{
		"CreateVpcEndpointService":         `{"RequestId":"R","AddressIpVersion":"DualStack",` + regionSet + `}`,
		"GetVpcEndpointServiceAttribute":   `{"RequestId":"R","AddressIpVersion":"DualStack",` + regionSet + `}`,
		"ListVpcEndpointServices":          `{"RequestId":"R","Services":[{"AddressIpVersion":"DualStack",` + regionSet + `}]}`,
		"ListVpcEndpointConnections":       `{"RequestId":"R","Connections":[{"EndpointRegionId":"cn-shanghai","ServiceRegionId":"cn-hangzhou","TrafficControlMode":"BandwidthLimit"}]}`,
		"ListVpcEndpointServicesByEndUser": `{"RequestId":"R","Services":[{"AutoAcceptEnabled":true,"ZoneAffinityEnabled":true,"VpcEndpointPolicySupported":true,"AddressIpVersion":"DualStack"}]}`,
	}
	c, _ := newWireClient(t, WithSignatureVersion(signer.V3), func(action string) string { return bodies[action] })

	created, err := c.CreateVpcEndpointService(ctx, &CreateVpcEndpointServiceRequest{})
	require.NoError(t, err)
	assert.Equal(t, AddressIPVersionDualStack, created.AddressIPVersion)
	assert.Equal(t, want, created.SupportedRegions)

	got, err := c.GetVpcEndpointServiceAttribute(ctx, &GetVpcEndpointServiceAttributeRequest{ServiceID: "epsrv-1"})
	require.NoError(t, err)
	assert.Equal(t, AddressIPVersionDualStack, got.AddressIPVersion)
	assert.Equal(t, want, got.SupportedRegions)

	list, err := c.ListVpcEndpointServices(ctx, nil)
	require.NoError(t, err)
	require.Len(t, list.Services, 1)
	assert.Equal(t, AddressIPVersionDualStack, list.Services[0].AddressIPVersion)
	assert.Equal(t, want, list.Services[0].SupportedRegions)

	conns, err := c.ListVpcEndpointConnections(ctx, nil)
	require.NoError(t, err)
	require.Len(t, conns.Connections, 1)
	assert.Equal(t, "cn-shanghai", conns.Connections[0].EndpointRegionID)
	assert.Equal(t, "cn-hangzhou", conns.Connections[0].ServiceRegionID)
	assert.Equal(t, TrafficControlModeBandwidthLimit, conns.Connections[0].TrafficControlMode)

	byUser, err := c.ListVpcEndpointServicesByEndUser(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []AvailableService{{AutoAcceptEnabled: true, ZoneAffinityEnabled: true, VpcEndpointPolicySupported: true,
		AddressIPVersion: AddressIPVersionDualStack}}, byUser.Services)
}

// FuzzEnumValidate: an enum value is refused exactly when it is blank, and
// whatever passes is sent unchanged.
func FuzzEnumValidate(f *testing.F) {
	for _, s := range []string{"", " ", "\t\n", "slb", "gwlb", "SLB", "ALL", "hyperlb", " slb", "\u00a0", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := &ListVpcEndpointServicesRequest{ServiceResourceType: ServiceResourceType(s), ServiceStatus: ServiceStatus(s)}
		err := r.Validate()
		blank := s != "" && strings.TrimSpace(s) == ""
		if blank != (err != nil) {
			t.Fatalf("Validate(%q) = %v, blank %t", s, err, blank)
		}
		if err != nil {
			return
		}
		p := r.params()
		if s == "" {
			assert.Empty(t, p, "an empty value is not sent")
			return
		}
		for _, kv := range p {
			if kv.Value != s {
				t.Fatalf("%s sent as %q, given %q", kv.Key, kv.Value, s)
			}
		}
	})
}

// enumCase, the check an enum gets once evidence shows the service telling
// case apart, refuses only a case variant of a known value.
func TestEnumCase(t *testing.T) {
	v := validator{action: "X"}
	v.enumCase("F", "slb", "slb", "alb")
	v.enumCase("F", "xlb", "slb", "alb")
	v.enumCase("F", "", "slb", "alb")
	assert.NoError(t, v.err())
	v.enumCase("F", "ALB", "slb", "alb")
	requireProblem(t, v.err(), "F", `"ALB" differs from "alb" only in case`)
}
