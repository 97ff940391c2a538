package privatelink_test

// The provider side of the SDK end to end: the 20 operations of issue 10
// and their waiters, through the SDK, against the emulator's two parties
// (the consumer AccountID and the provider ProviderAccountID) in one world.

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// The delays of the provider tests: long enough that every wait polls more
// than once, on a fake clock, so nothing sleeps.
const (
	provServiceDelay  = 2 * time.Minute
	provConnDelay     = 45 * time.Second
	provCreationDelay = time.Minute
	provDeletionDelay = 30 * time.Second
)

var provEpoch = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// provSecondLB is a second slb of the provider in ZoneB, so that one of
// that zone's resources can be taken out of automatic allocation (the
// service keeps at least one automatic resource a zone).
const provSecondLB = "lb-hp3prov0clbb2x7k2m9q4"

// consumerUID is the consumer's account ID as the API types it (UserId,
// EndpointOwnerId).
var consumerUID = mustUID(privatelinktest.AccountID)

func mustUID(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}

// provEnv is one emulator with both parties' clients and the fake clock
// that the emulator and every wait share.
type provEnv struct {
	t        *testing.T
	ctx      context.Context
	srv      *privatelinktest.Server
	clk      *privatelinktest.FakeClock
	consumer *privatelink.Client
	provider *privatelink.Client
	// wait are the options of every wait: the shared clock, and no jitter
	// so that the polls are the same on every run.
	wait []privatelink.WaitOption
}

// newProvEnv starts an emulator whose services, connections, endpoint
// creations and deletions all take time. Both clients make one attempt per
// call (plus opts), so that a call made in a state the service refuses
// fails the test instead of being retried into the next state.
func newProvEnv(t *testing.T, sig privatelink.SignatureVersion, opts ...privatelink.Option) *provEnv {
	t.Helper()
	clk := privatelinktest.NewFakeClock(provEpoch)
	srv := privatelinktest.NewServer(
		privatelinktest.WithClock(clk),
		privatelinktest.WithServiceDelay(provServiceDelay),
		privatelinktest.WithConnectionDelay(provConnDelay),
		privatelinktest.WithCreationDelay(provCreationDelay),
		privatelinktest.WithDeletionDelay(provDeletionDelay),
		privatelinktest.WithLoadBalancer(privatelinktest.ProviderAccountID, privatelinktest.LoadBalancer{
			ID: provSecondLB, Type: privatelinktest.ResourceTypeSLB, ZoneID: privatelinktest.ZoneB,
			VpcID: privatelinktest.ProviderVpcID, VSwitchID: "vsw-hp3prov0b2", IP: "172.16.2.12",
		}),
	)
	t.Cleanup(srv.Close)
	base := append([]privatelink.Option{privatelink.WithSignatureVersion(sig), privatelink.WithRetry(1, 0, 0)}, opts...)
	return &provEnv{
		t:        t,
		ctx:      context.Background(),
		srv:      srv,
		clk:      clk,
		consumer: srv.Client(base...),
		provider: srv.Client(append(base, privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))...),
		wait:     []privatelink.WaitOption{privatelink.WaitClock(clk), privatelink.WaitJitter(0)},
	}
}

// waitOpts returns the shared wait options with more.
func (e *provEnv) waitOpts(more ...privatelink.WaitOption) []privatelink.WaitOption {
	return append(slices.Clip(e.wait), more...)
}

// createService publishes a manually accepting slb service from the
// provider's load balancers A (ZoneA) and B (ZoneB), waits until it is
// Active, and returns its ID.
func (e *provEnv) createService() string {
	e.t.Helper()
	req, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeSLB).
		WithResource(privatelink.ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerA, privatelinktest.ZoneA).
		WithResource(privatelink.ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerB, privatelinktest.ZoneB).
		WithServiceDescription("orders API").
		Build()
	require.NoError(e.t, err)
	created, err := e.provider.CreateVpcEndpointService(e.ctx, req)
	require.NoError(e.t, err)
	_, err = e.provider.WaitUntilVpcEndpointServiceActive(e.ctx, created.ServiceID, e.wait...)
	require.NoError(e.t, err)
	return created.ServiceID
}

// endpointRequest is the consumer's request for an endpoint of serviceID in
// both zones of its VPC.
func (e *provEnv) endpointRequest(serviceID string) *privatelink.CreateVpcEndpointRequest {
	e.t.Helper()
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(serviceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	require.NoError(e.t, err)
	return req
}

// connection returns the provider's view of the connection of endpointID.
func (e *provEnv) connection(serviceID, endpointID string) privatelink.Connection {
	e.t.Helper()
	resp, err := e.provider.ListVpcEndpointConnections(e.ctx, &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: serviceID, EndpointID: endpointID})
	require.NoError(e.t, err)
	require.Len(e.t, resp.Connections, 1, "connections of %s", endpointID)
	assert.Equal(e.t, 1, resp.TotalCount, "TotalCount, a string on the wire")
	return resp.Connections[0]
}

// zoneStatuses maps each zone of a connection to its status.
func zoneStatuses(conn privatelink.Connection) map[string]privatelink.ZoneStatus {
	out := map[string]privatelink.ZoneStatus{}
	for _, z := range conn.Zones {
		out[z.ZoneID] = z.ZoneStatus
	}
	return out
}

// requireCode asserts that err is an *APIError with code, typed, and
// returns it.
func requireCode(t *testing.T, err error, code string) *privatelink.APIError {
	t.Helper()
	var apiErr *privatelink.APIError
	require.True(t, errors.As(err, &apiErr), "want an *APIError %s, got %v", code, err)
	require.Equal(t, code, apiErr.Code, "%v", err)
	return apiErr
}

// provActions are the 20 provider-side operations of issue 10.
var provActions = []string{
	"CreateVpcEndpointService", "DeleteVpcEndpointService", "GetVpcEndpointServiceAttribute",
	"UpdateVpcEndpointServiceAttribute", "ListVpcEndpointServices", "ListVpcEndpointServicesByEndUser",
	"AddUserToVpcEndpointService", "RemoveUserFromVpcEndpointService", "ListVpcEndpointServiceUsers",
	"AttachResourceToVpcEndpointService", "DetachResourceFromVpcEndpointService", "ListVpcEndpointServiceResources",
	"UpdateVpcEndpointServiceResourceAttribute", "ListVpcEndpointConnections", "EnableVpcEndpointConnection",
	"DisableVpcEndpointConnection", "UpdateVpcEndpointConnectionAttribute", "EnableVpcEndpointZoneConnection",
	"DisableVpcEndpointZoneConnection", "UpdateVpcEndpointZoneConnectionResourceAttribute",
}

// Every one of the 20 operations, called through the SDK, performs on the
// emulator and its answer decodes into what the emulator holds; with both
// signature versions. At the end the emulator's counters show each action
// succeeded at least once and none was refused.
func TestEmulatorProviderOperations(t *testing.T) {
	for _, sig := range []privatelink.SignatureVersion{privatelink.SignatureV1, privatelink.SignatureV3} {
		t.Run("V"+strconv.Itoa(int(sig)), func(t *testing.T) {
			e := newProvEnv(t, sig)
			ctx, p, c := e.ctx, e.provider, e.consumer

			// CreateVpcEndpointService, from load balancer A only.
			createReq, err := privatelink.NewCreateVpcEndpointService().
				WithServiceResourceType(privatelink.ServiceResourceTypeSLB).
				WithResource(privatelink.ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerA, privatelinktest.ZoneA).
				WithServiceDescription("orders API").
				WithTags(privatelink.Tag{Key: "team", Value: "orders"}).
				WithZoneAffinityEnabled(true).
				Build()
			require.NoError(t, err)
			created, err := p.CreateVpcEndpointService(ctx, createReq)
			require.NoError(t, err)
			svc := created.ServiceID
			assert.Regexp(t, `^epsrv-hp3[a-z0-9]+$`, svc)
			assert.Equal(t, privatelink.ServiceStatusCreating, created.ServiceStatus)
			assert.Equal(t, privatelink.ServiceBusinessStatusNormal, created.ServiceBusinessStatus)
			assert.Equal(t, createReq.ClientToken, created.ClientToken)
			assert.False(t, created.AutoAcceptEnabled)
			assert.True(t, created.ZoneAffinityEnabled)
			assert.Equal(t, "orders API", created.ServiceDescription)
			assert.NotEmpty(t, created.ServiceName)
			assert.Equal(t, provEpoch, created.CreateTime.UTC())
			again, err := p.CreateVpcEndpointService(ctx, createReq)
			require.NoError(t, err, "the same built request is the same create")
			assert.Equal(t, svc, again.ServiceID)

			// GetVpcEndpointServiceAttribute, before and after the wait.
			got, err := p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: svc})
			require.NoError(t, err)
			assert.Equal(t, privatelink.ServiceStatusCreating, got.ServiceStatus)
			got, err = p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.wait...)
			require.NoError(t, err)
			assert.Equal(t, privatelink.ServiceStatusActive, got.ServiceStatus)
			assert.Equal(t, svc, got.ServiceID)
			assert.Equal(t, created.ServiceName, got.ServiceName)
			assert.Equal(t, privatelink.ServiceResourceTypeSLB, got.ServiceResourceType)
			assert.Equal(t, []string{privatelinktest.ZoneA}, got.Zones)
			assert.Equal(t, privatelinktest.RegionID, got.RegionID)
			assert.Equal(t, privatelinktest.ProviderResourceGroupID, got.ResourceGroupID)
			assert.False(t, got.AutoAcceptEnabled)
			assert.True(t, got.ZoneAffinityEnabled)

			// UpdateVpcEndpointServiceAttribute.
			_, err = p.UpdateVpcEndpointServiceAttribute(ctx, &privatelink.UpdateVpcEndpointServiceAttributeRequest{
				ServiceID: svc, ServiceDescription: "orders API v2", ConnectBandwidth: 3000,
				ZoneAffinityEnabled: privatelink.Some(false),
			})
			require.NoError(t, err)
			got, err = p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: svc})
			require.NoError(t, err)
			assert.Equal(t, "orders API v2", got.ServiceDescription)
			assert.Equal(t, 3000, got.ConnectBandwidth)
			assert.False(t, got.ZoneAffinityEnabled, "Some(false) is sent")

			// ListVpcEndpointServices: by ID, and the iterator over all the
			// provider's services (the world's two and this one).
			listed, err := p.ListVpcEndpointServices(ctx, &privatelink.ListVpcEndpointServicesRequest{ServiceID: svc})
			require.NoError(t, err)
			require.Len(t, listed.Services, 1)
			assert.Equal(t, 1, listed.TotalCount)
			assert.Equal(t, "orders API v2", listed.Services[0].ServiceDescription)
			assert.Equal(t, []privatelink.Tag{{Key: "team", Value: "orders"}}, listed.Services[0].Tags)
			var ids []string
			for s, err := range p.AllVpcEndpointServices(ctx, &privatelink.ListVpcEndpointServicesRequest{MaxResults: 1}) {
				require.NoError(t, err)
				ids = append(ids, s.ServiceID)
			}
			assert.ElementsMatch(t, []string{privatelinktest.ServiceID, privatelinktest.ManualServiceID, privatelinktest.GatewayServiceID, svc}, ids, "one service a page")
			mine, err := c.ListVpcEndpointServices(ctx, nil)
			require.NoError(t, err)
			assert.Empty(t, mine.Services, "the consumer publishes nothing")

			// AttachResourceToVpcEndpointService, twice in ZoneB; after
			// each the service is Pending for the service delay.
			for _, lb := range []string{privatelinktest.ProviderLoadBalancerB, provSecondLB} {
				_, err = p.AttachResourceToVpcEndpointService(ctx, &privatelink.AttachResourceToVpcEndpointServiceRequest{
					ServiceID: svc, ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: lb, ZoneID: privatelinktest.ZoneB,
				})
				require.NoError(t, err)
				got, err = p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: svc})
				require.NoError(t, err)
				assert.Equal(t, privatelink.ServiceStatusPending, got.ServiceStatus)
				got, err = p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.wait...)
				require.NoError(t, err)
			}
			assert.Equal(t, []string{privatelinktest.ZoneA, privatelinktest.ZoneB}, got.Zones)

			// UpdateVpcEndpointServiceResourceAttribute and
			// ListVpcEndpointServiceResources (one resource a page).
			_, err = p.UpdateVpcEndpointServiceResourceAttribute(ctx, &privatelink.UpdateVpcEndpointServiceResourceAttributeRequest{
				ServiceID: svc, ResourceID: provSecondLB, ZoneID: privatelinktest.ZoneB, AutoAllocatedEnabled: false,
			})
			require.NoError(t, err)
			resources := map[string]privatelink.ServiceResource{}
			for r, err := range p.AllVpcEndpointServiceResources(ctx, &privatelink.ListVpcEndpointServiceResourcesRequest{ServiceID: svc, MaxResults: 1}) {
				require.NoError(t, err)
				resources[r.ResourceID] = r
			}
			require.Len(t, resources, 3)
			assert.True(t, resources[privatelinktest.ProviderLoadBalancerB].AutoAllocatedEnabled)
			second := resources[provSecondLB]
			assert.False(t, second.AutoAllocatedEnabled, "false is sent: the argument is required")
			assert.Equal(t, privatelinktest.ZoneB, second.ZoneID)
			assert.Equal(t, privatelink.ServiceResourceTypeSLB, second.ResourceType)
			assert.Equal(t, "172.16.2.12", second.IP)
			assert.Equal(t, privatelinktest.ProviderVpcID, second.VpcID)

			// AddUserToVpcEndpointService by ID and by ARN,
			// ListVpcEndpointServiceUsers in both lists,
			// RemoveUserFromVpcEndpointService.
			const otherARN = "acs:ram::1234509876543210:root"
			_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
			require.NoError(t, err)
			_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserARN: otherARN})
			require.NoError(t, err)
			users, err := p.ListVpcEndpointServiceUsers(ctx, &privatelink.ListVpcEndpointServiceUsersRequest{ServiceID: svc})
			require.NoError(t, err)
			assert.Equal(t, []privatelink.ServiceUser{{UserID: consumerUID}}, users.Users)
			assert.Equal(t, 1, users.TotalCount)
			arns, err := p.ListVpcEndpointServiceUsers(ctx, &privatelink.ListVpcEndpointServiceUsersRequest{ServiceID: svc, UserListType: privatelink.UserListTypeUserARNs})
			require.NoError(t, err)
			assert.Equal(t, []privatelink.ServiceUser{{UserARN: otherARN}}, arns.UserARNs)
			_, err = p.RemoveUserFromVpcEndpointService(ctx, &privatelink.RemoveUserFromVpcEndpointServiceRequest{ServiceID: svc, UserARN: otherARN})
			require.NoError(t, err)
			var allowed []privatelink.ServiceUser
			for u, err := range p.AllVpcEndpointServiceUsers(ctx, &privatelink.ListVpcEndpointServiceUsersRequest{ServiceID: svc, UserListType: privatelink.UserListTypeUserARNs}) {
				require.NoError(t, err)
				allowed = append(allowed, u)
			}
			assert.Empty(t, allowed, "the ARN was removed")
			snap, ok := e.srv.EndpointService(svc)
			require.True(t, ok)
			assert.Equal(t, []int64{consumerUID}, snap.AllowedUserIDs)
			assert.Empty(t, snap.AllowedARNs)

			// ListVpcEndpointServicesByEndUser, as the consumer.
			byUser, err := c.ListVpcEndpointServicesByEndUser(ctx, &privatelink.ListVpcEndpointServicesByEndUserRequest{ServiceID: svc})
			require.NoError(t, err)
			require.Len(t, byUser.Services, 1)
			assert.Equal(t, 1, byUser.TotalCount)
			assert.Equal(t, got.ServiceName, byUser.Services[0].ServiceName)
			assert.ElementsMatch(t, []string{privatelinktest.ZoneA, privatelinktest.ZoneB}, byUser.Services[0].Zones)
			assert.Equal(t, privatelink.ServiceResourceTypeSLB, byUser.Services[0].ServiceResourceType)

			// The consumer connects; ListVpcEndpointConnections shows the
			// Pending connection with the consumer's UID.
			ep, err := c.CreateVpcEndpointAndWait(ctx, e.endpointRequest(svc), e.wait...)
			require.NoError(t, err)
			assert.Equal(t, privatelink.ConnectionStatusPending, ep.ConnectionStatus)
			conn := e.connection(svc, ep.EndpointID)
			assert.Equal(t, privatelink.ConnectionStatusPending, conn.ConnectionStatus)
			assert.Equal(t, consumerUID, conn.EndpointOwnerID)
			assert.Equal(t, privatelinktest.VpcID, conn.EndpointVpcID)
			assert.Equal(t, svc, conn.ServiceID)
			assert.Equal(t, map[string]privatelink.ZoneStatus{privatelinktest.ZoneA: privatelink.ZoneStatusWait, privatelinktest.ZoneB: privatelink.ZoneStatusWait}, zoneStatuses(conn))

			// EnableVpcEndpointConnection with a bandwidth.
			_, err = p.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID, Bandwidth: 2048})
			require.NoError(t, err)
			assert.Equal(t, privatelink.ConnectionStatusConnecting, e.connection(svc, ep.EndpointID).ConnectionStatus)
			connected, err := p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetConnected, e.wait...)
			require.NoError(t, err)
			assert.Equal(t, 2048, connected.Bandwidth)

			// UpdateVpcEndpointConnectionAttribute.
			_, err = p.UpdateVpcEndpointConnectionAttribute(ctx, &privatelink.UpdateVpcEndpointConnectionAttributeRequest{ServiceID: svc, EndpointID: ep.EndpointID, Bandwidth: 4096})
			require.NoError(t, err)
			assert.Equal(t, 4096, e.connection(svc, ep.EndpointID).Bandwidth)

			// DisableVpcEndpointZoneConnection and
			// EnableVpcEndpointZoneConnection on zone B.
			_, err = p.DisableVpcEndpointZoneConnection(ctx, &privatelink.DisableVpcEndpointZoneConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB})
			require.NoError(t, err)
			zone, err := p.WaitUntilVpcEndpointZoneConnectionStatus(ctx, svc, ep.EndpointID, privatelinktest.ZoneB, privatelink.WaitTargetDisconnected, e.wait...)
			require.NoError(t, err)
			assert.Equal(t, privatelink.ZoneStatusDisconnected, zone.ZoneStatus)
			_, err = p.EnableVpcEndpointZoneConnection(ctx, &privatelink.EnableVpcEndpointZoneConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB})
			require.NoError(t, err)
			zone, err = p.WaitUntilVpcEndpointZoneConnectionStatus(ctx, svc, ep.EndpointID, privatelinktest.ZoneB, privatelink.WaitTargetConnected, e.wait...)
			require.NoError(t, err)
			assert.Equal(t, privatelink.ZoneStatusConnected, zone.ZoneStatus)
			assert.Equal(t, privatelinktest.ProviderLoadBalancerB, zone.ResourceID)

			// DisableVpcEndpointConnection; disconnected, the zone's
			// resource can be set by hand
			// (UpdateVpcEndpointZoneConnectionResourceAttribute).
			_, err = p.DisableVpcEndpointConnection(ctx, &privatelink.DisableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
			require.NoError(t, err)
			_, err = p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetDisconnected, e.wait...)
			require.NoError(t, err)
			_, err = p.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, &privatelink.UpdateVpcEndpointZoneConnectionResourceAttributeRequest{
				ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneA,
				ResourceAllocateMode: privatelink.ResourceAllocateModeManual, ResourceID: privatelinktest.ProviderLoadBalancerA, ResourceType: privatelink.ServiceResourceTypeSLB,
			})
			require.NoError(t, err)
			for z, err := range p.AllVpcEndpointConnections(ctx, &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: svc, ResourceID: privatelinktest.ProviderLoadBalancerA}) {
				require.NoError(t, err)
				assert.Equal(t, ep.EndpointID, z.EndpointID)
				assert.Equal(t, privatelink.ConnectionStatusDisconnected, z.ConnectionStatus)
			}

			// The consumer leaves; the provider detaches its resources
			// (DetachResourceFromVpcEndpointService), each followed by a
			// wait, and deletes the service.
			_, err = c.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: ep.EndpointID})
			require.NoError(t, err)
			require.NoError(t, c.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, e.wait...))
			for _, lb := range []string{privatelinktest.ProviderLoadBalancerA, privatelinktest.ProviderLoadBalancerB, provSecondLB} {
				_, err = p.DetachResourceFromVpcEndpointService(ctx, &privatelink.DetachResourceFromVpcEndpointServiceRequest{ServiceID: svc, ResourceID: lb, ResourceType: privatelink.ServiceResourceTypeSLB})
				require.NoError(t, err)
				_, err = p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.wait...)
				require.NoError(t, err)
			}
			res, err := p.ListVpcEndpointServiceResources(ctx, &privatelink.ListVpcEndpointServiceResourcesRequest{ServiceID: svc})
			require.NoError(t, err)
			assert.Empty(t, res.Resources)
			deleted, err := p.DeleteVpcEndpointService(ctx, &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc})
			require.NoError(t, err)
			assert.NotEmpty(t, deleted.RequestID)
			assert.NotEmpty(t, deleted.ClientToken, "generated for the call")
			require.NoError(t, p.WaitUntilVpcEndpointServiceDeleted(ctx, svc, e.wait...))
			_, err = p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: svc})
			requireCode(t, err, privatelink.ErrCodeEndpointServiceNotFound)
			_, ok = e.srv.EndpointService(svc)
			assert.False(t, ok)

			stats := e.srv.Stats()
			for _, action := range provActions {
				assert.Positive(t, stats[action].Successes, "%s never succeeded", action)
			}
			for _, action := range provActions {
				if action != "GetVpcEndpointServiceAttribute" { // its last answer is the not-found
					assert.Zero(t, stats[action].Errors, "%s was refused", action)
				}
			}
		})
	}
}

// requireDryRunPassed asserts that a DryRun call passed the service's
// checks and did nothing.
func requireDryRunPassed(t *testing.T, action string, err error) {
	t.Helper()
	require.ErrorIs(t, err, privatelink.ErrDryRunPassed, "%s with DryRun", action)
	requireCode(t, err, privatelink.ErrCodeDryRunOperation)
}

// Every mutating provider operation sends DryRun: in a state where the
// call would succeed, the emulator answers DryRunOperation, which the SDK
// reports as ErrDryRunPassed, and nothing changes.
func TestEmulatorProviderDryRun(t *testing.T) {
	e := newProvEnv(t, privatelink.SignatureV3)
	ctx, p, c := e.ctx, e.provider, e.consumer
	svc := e.createService()
	_, err := p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
	require.NoError(t, err)
	ep, err := c.CreateVpcEndpointAndWait(ctx, e.endpointRequest(svc), e.wait...)
	require.NoError(t, err)
	snapshot := func() privatelinktest.EndpointService {
		t.Helper()
		s, ok := e.srv.EndpointService(svc)
		require.True(t, ok)
		return s
	}

	// The service Active, the connection Pending.
	before := snapshot()
	_, err = p.CreateVpcEndpointService(ctx, &privatelink.CreateVpcEndpointServiceRequest{DryRun: true, ServiceResourceType: privatelink.ServiceResourceTypeNLB,
		Resources: []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeNLB, ResourceID: privatelinktest.ProviderNLB, ZoneID: privatelinktest.ZoneA}}})
	requireDryRunPassed(t, "CreateVpcEndpointService", err)
	_, err = p.UpdateVpcEndpointServiceAttribute(ctx, &privatelink.UpdateVpcEndpointServiceAttributeRequest{DryRun: true, ServiceID: svc, ServiceDescription: "changed"})
	requireDryRunPassed(t, "UpdateVpcEndpointServiceAttribute", err)
	_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{DryRun: true, ServiceID: svc, UserARN: "*"})
	requireDryRunPassed(t, "AddUserToVpcEndpointService", err)
	_, err = p.RemoveUserFromVpcEndpointService(ctx, &privatelink.RemoveUserFromVpcEndpointServiceRequest{DryRun: true, ServiceID: svc, UserID: consumerUID})
	requireDryRunPassed(t, "RemoveUserFromVpcEndpointService", err)
	_, err = p.AttachResourceToVpcEndpointService(ctx, &privatelink.AttachResourceToVpcEndpointServiceRequest{DryRun: true, ServiceID: svc,
		ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: provSecondLB, ZoneID: privatelinktest.ZoneB})
	requireDryRunPassed(t, "AttachResourceToVpcEndpointService", err)
	_, err = p.DetachResourceFromVpcEndpointService(ctx, &privatelink.DetachResourceFromVpcEndpointServiceRequest{DryRun: true, ServiceID: svc, ResourceID: privatelinktest.ProviderLoadBalancerB})
	requireDryRunPassed(t, "DetachResourceFromVpcEndpointService", err)
	_, err = p.UpdateVpcEndpointServiceResourceAttribute(ctx, &privatelink.UpdateVpcEndpointServiceResourceAttributeRequest{DryRun: true, ServiceID: svc,
		ResourceID: privatelinktest.ProviderLoadBalancerA, AutoAllocatedEnabled: true})
	requireDryRunPassed(t, "UpdateVpcEndpointServiceResourceAttribute", err)
	_, err = p.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{DryRun: true, ServiceID: svc, EndpointID: ep.EndpointID})
	requireDryRunPassed(t, "EnableVpcEndpointConnection", err)
	assert.Equal(t, before, snapshot(), "the dry runs changed the service")
	assert.Equal(t, privatelink.ConnectionStatusPending, e.connection(svc, ep.EndpointID).ConnectionStatus)
	all, err := p.ListVpcEndpointServices(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 4, all.TotalCount, "no service was created (the world's three and svc)")

	// Connected.
	_, err = p.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID, Bandwidth: 2048})
	require.NoError(t, err)
	_, err = p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetConnected, e.wait...)
	require.NoError(t, err)
	_, err = p.DisableVpcEndpointConnection(ctx, &privatelink.DisableVpcEndpointConnectionRequest{DryRun: true, ServiceID: svc, EndpointID: ep.EndpointID})
	requireDryRunPassed(t, "DisableVpcEndpointConnection", err)
	_, err = p.UpdateVpcEndpointConnectionAttribute(ctx, &privatelink.UpdateVpcEndpointConnectionAttributeRequest{DryRun: true, ServiceID: svc, EndpointID: ep.EndpointID, Bandwidth: 4096})
	requireDryRunPassed(t, "UpdateVpcEndpointConnectionAttribute", err)
	_, err = p.DisableVpcEndpointZoneConnection(ctx, &privatelink.DisableVpcEndpointZoneConnectionRequest{DryRun: true, ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB})
	requireDryRunPassed(t, "DisableVpcEndpointZoneConnection", err)
	conn := e.connection(svc, ep.EndpointID)
	assert.Equal(t, privatelink.ConnectionStatusConnected, conn.ConnectionStatus)
	assert.Equal(t, 2048, conn.Bandwidth)
	assert.Equal(t, privatelink.ZoneStatusConnected, zoneStatuses(conn)[privatelinktest.ZoneB])

	// Zone B disconnected.
	_, err = p.DisableVpcEndpointZoneConnection(ctx, &privatelink.DisableVpcEndpointZoneConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB})
	require.NoError(t, err)
	_, err = p.WaitUntilVpcEndpointZoneConnectionStatus(ctx, svc, ep.EndpointID, privatelinktest.ZoneB, privatelink.WaitTargetDisconnected, e.wait...)
	require.NoError(t, err)
	_, err = p.EnableVpcEndpointZoneConnection(ctx, &privatelink.EnableVpcEndpointZoneConnectionRequest{DryRun: true, ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB})
	requireDryRunPassed(t, "EnableVpcEndpointZoneConnection", err)
	assert.Equal(t, privatelink.ZoneStatusDisconnected, zoneStatuses(e.connection(svc, ep.EndpointID))[privatelinktest.ZoneB])

	// The connection Disconnected.
	_, err = p.DisableVpcEndpointConnection(ctx, &privatelink.DisableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
	require.NoError(t, err)
	_, err = p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetDisconnected, e.wait...)
	require.NoError(t, err)
	_, err = p.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, &privatelink.UpdateVpcEndpointZoneConnectionResourceAttributeRequest{DryRun: true,
		ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneA, ResourceAllocateMode: privatelink.ResourceAllocateModeAuto})
	requireDryRunPassed(t, "UpdateVpcEndpointZoneConnectionResourceAttribute", err)

	// Nothing left on the service.
	_, err = c.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: ep.EndpointID})
	require.NoError(t, err)
	require.NoError(t, c.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, e.wait...))
	for _, lb := range []string{privatelinktest.ProviderLoadBalancerA, privatelinktest.ProviderLoadBalancerB} {
		_, err = p.DetachResourceFromVpcEndpointService(ctx, &privatelink.DetachResourceFromVpcEndpointServiceRequest{ServiceID: svc, ResourceID: lb})
		require.NoError(t, err)
		_, err = p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.wait...)
		require.NoError(t, err)
	}
	_, err = p.DeleteVpcEndpointService(ctx, &privatelink.DeleteVpcEndpointServiceRequest{DryRun: true, ServiceID: svc})
	requireDryRunPassed(t, "DeleteVpcEndpointService", err)
	got, err := p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: svc})
	require.NoError(t, err)
	assert.Equal(t, privatelink.ServiceStatusActive, got.ServiceStatus)
}

// A built request fixes its ClientToken, so sending it again is the same
// logical call: the emulator replays the first answer where a second call
// would be refused (the connection is already Connecting, the resource
// already attached).
func TestEmulatorProviderBuiltRequestIsOneCall(t *testing.T) {
	e := newProvEnv(t, privatelink.SignatureV1)
	ctx, p := e.ctx, e.provider
	svc := e.createService()
	_, err := p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
	require.NoError(t, err)
	ep, err := e.consumer.CreateVpcEndpointAndWait(ctx, e.endpointRequest(svc), e.wait...)
	require.NoError(t, err)

	enable, err := privatelink.NewEnableVpcEndpointConnection(svc, ep.EndpointID).WithBandwidth(2048).Build()
	require.NoError(t, err)
	_, err = p.EnableVpcEndpointConnection(ctx, enable)
	require.NoError(t, err)
	_, err = p.EnableVpcEndpointConnection(ctx, enable)
	require.NoError(t, err, "the same built request: the first answer again")
	// Without the token, the same change is refused: it is under way.
	_, err = p.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
	requireCode(t, err, privatelink.ErrCodeEndpointConnectionOperationDenied)
	_, err = p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetConnected, e.wait...)
	require.NoError(t, err)

	attach, err := privatelink.NewAttachResourceToVpcEndpointService(svc, privatelink.ServiceResourceTypeSLB, provSecondLB).WithZoneID(privatelinktest.ZoneB).Build()
	require.NoError(t, err)
	_, err = p.AttachResourceToVpcEndpointService(ctx, attach)
	require.NoError(t, err)
	_, err = p.AttachResourceToVpcEndpointService(ctx, attach)
	require.NoError(t, err, "the same built request: the first answer again")
	snap, ok := e.srv.EndpointService(svc)
	require.True(t, ok)
	assert.Len(t, snap.Resources, 3, "attached once")
}

// The list operations' filters, as the SDK encodes them, select on the
// emulator what they name: booleans sent only when set (Optional), account
// IDs as int64, enums, tags.
func TestEmulatorProviderListFilters(t *testing.T) {
	e := newProvEnv(t, privatelink.SignatureV3)
	ctx, p, c := e.ctx, e.provider, e.consumer
	manual := e.createService() // slb, AutoAcceptEnabled false
	nlbReq, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeNLB).
		WithResource(privatelink.ServiceResourceTypeNLB, privatelinktest.ProviderNLB, privatelinktest.ZoneA).
		WithAddressIPVersion(privatelink.AddressIPVersionDualStack).
		WithAutoAcceptEnabled(true).
		WithTags(privatelink.Tag{Key: "tier", Value: "gold"}).
		Build()
	require.NoError(t, err)
	created, err := p.CreateVpcEndpointService(ctx, nlbReq)
	require.NoError(t, err)
	auto := created.ServiceID // Creating

	services := func(req *privatelink.ListVpcEndpointServicesRequest) []string {
		t.Helper()
		var ids []string
		for s, err := range p.AllVpcEndpointServices(ctx, req) {
			require.NoError(t, err)
			ids = append(ids, s.ServiceID)
		}
		return ids
	}
	assert.Equal(t, []string{auto}, services(&privatelink.ListVpcEndpointServicesRequest{ServiceStatus: privatelink.ServiceStatusCreating}))
	assert.Equal(t, []string{auto}, services(&privatelink.ListVpcEndpointServicesRequest{ServiceResourceType: privatelink.ServiceResourceTypeNLB}))
	assert.Equal(t, []string{auto}, services(&privatelink.ListVpcEndpointServicesRequest{ResourceID: privatelinktest.ProviderNLB}))
	assert.Equal(t, []string{auto}, services(&privatelink.ListVpcEndpointServicesRequest{Tags: []privatelink.Tag{{Key: "tier", Value: "gold"}}}))
	assert.Equal(t, []string{manual}, services(&privatelink.ListVpcEndpointServicesRequest{ResourceID: privatelinktest.ProviderLoadBalancerB}))
	assert.ElementsMatch(t, []string{manual, privatelinktest.ManualServiceID},
		services(&privatelink.ListVpcEndpointServicesRequest{AutoAcceptEnabled: privatelink.Some(false)}), "false is sent when set")
	assert.Len(t, services(&privatelink.ListVpcEndpointServicesRequest{}), 5, "unset sends no filter (the world's three and two)")
	got, err := p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: auto})
	require.NoError(t, err)
	assert.True(t, got.ServiceSupportIPv6, "AddressIpVersion DualStack")
	assert.True(t, got.AutoAcceptEnabled)

	// Connections by the consumer's account ID and by status.
	_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: manual, UserID: consumerUID})
	require.NoError(t, err)
	ep, err := c.CreateVpcEndpointAndWait(ctx, e.endpointRequest(manual), e.wait...)
	require.NoError(t, err)
	count := func(req *privatelink.ListVpcEndpointConnectionsRequest) int {
		t.Helper()
		resp, err := p.ListVpcEndpointConnections(ctx, req)
		require.NoError(t, err)
		return len(resp.Connections)
	}
	assert.Equal(t, 1, count(&privatelink.ListVpcEndpointConnectionsRequest{EndpointOwnerID: consumerUID}))
	assert.Equal(t, 0, count(&privatelink.ListVpcEndpointConnectionsRequest{EndpointOwnerID: 1}))
	assert.Equal(t, 1, count(&privatelink.ListVpcEndpointConnectionsRequest{ConnectionStatus: privatelink.ConnectionStatusPending}))
	assert.Equal(t, 0, count(&privatelink.ListVpcEndpointConnectionsRequest{ConnectionStatus: privatelink.ConnectionStatusConnected}))
	assert.Equal(t, 1, count(&privatelink.ListVpcEndpointConnectionsRequest{EndpointID: ep.EndpointID, ResourceID: privatelinktest.ProviderLoadBalancerA}))

	// The allow-list by account ID.
	users, err := p.ListVpcEndpointServiceUsers(ctx, &privatelink.ListVpcEndpointServiceUsersRequest{ServiceID: manual, UserID: consumerUID})
	require.NoError(t, err)
	assert.Equal(t, []privatelink.ServiceUser{{UserID: consumerUID}}, users.Users)
	users, err = p.ListVpcEndpointServiceUsers(ctx, &privatelink.ListVpcEndpointServiceUsersRequest{ServiceID: manual, UserID: 1})
	require.NoError(t, err)
	assert.Empty(t, users.Users)

	// Changing AutoAcceptEnabled to true is sent and read back.
	_, err = p.UpdateVpcEndpointServiceAttribute(ctx, &privatelink.UpdateVpcEndpointServiceAttributeRequest{ServiceID: manual, AutoAcceptEnabled: privatelink.Some(true)})
	require.NoError(t, err)
	got, err = p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: manual})
	require.NoError(t, err)
	assert.True(t, got.AutoAcceptEnabled)
	assert.Equal(t, privatelink.ConnectionStatusPending, e.connection(manual, ep.EndpointID).ConnectionStatus, "it applies to new connections only")
}

// A Connected zone migrates to another resource of its zone
// (ResourceReplaceMode): the SDK decodes the zone's new ResourceID and its
// ReplacedResourceID, and the ReplacedResourceID filter finds the
// connection.
func TestEmulatorProviderZoneMigration(t *testing.T) {
	e := newProvEnv(t, privatelink.SignatureV1)
	ctx, p := e.ctx, e.provider
	svc := e.createService()
	_, err := p.AttachResourceToVpcEndpointService(ctx, &privatelink.AttachResourceToVpcEndpointServiceRequest{
		ServiceID: svc, ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: provSecondLB, ZoneID: privatelinktest.ZoneB})
	require.NoError(t, err)
	_, err = p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.wait...)
	require.NoError(t, err)
	_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
	require.NoError(t, err)
	ep, err := e.consumer.CreateVpcEndpointAndWait(ctx, e.endpointRequest(svc), e.wait...)
	require.NoError(t, err)
	_, err = p.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
	require.NoError(t, err)
	_, err = p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetConnected, e.wait...)
	require.NoError(t, err)
	zone, err := p.WaitUntilVpcEndpointZoneConnectionStatus(ctx, svc, ep.EndpointID, privatelinktest.ZoneB, privatelink.WaitTargetConnected, e.wait...)
	require.NoError(t, err)
	from := zone.ResourceID
	to := privatelinktest.ProviderLoadBalancerB
	if from == to {
		to = provSecondLB
	}

	req, err := privatelink.NewUpdateVpcEndpointZoneConnectionResourceAttribute(svc, ep.EndpointID, privatelinktest.ZoneB).
		WithResourceReplaceMode(privatelink.ResourceReplaceModeGraceful).
		WithResourceID(to).
		WithResourceType(privatelink.ServiceResourceTypeSLB).
		Build()
	require.NoError(t, err)
	_, err = p.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, req)
	require.NoError(t, err)
	var found []privatelink.Connection
	for conn, err := range p.AllVpcEndpointConnections(ctx, &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: svc, ReplacedResourceID: from}) {
		require.NoError(t, err)
		found = append(found, conn)
	}
	require.Len(t, found, 1)
	for _, z := range found[0].Zones {
		if z.ZoneID == privatelinktest.ZoneB {
			assert.Equal(t, to, z.ResourceID)
			assert.Equal(t, from, z.ReplacedResourceID)
			assert.Equal(t, privatelink.ZoneStatusConnected, z.ZoneStatus)
		}
	}
	_, err = p.DisableVpcEndpointZoneConnection(ctx, &privatelink.DisableVpcEndpointZoneConnectionRequest{
		ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB, ReplacedResource: true})
	require.NoError(t, err, "ReplacedResource is accepted")
}
