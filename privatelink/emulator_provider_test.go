package privatelink_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// The provider's side end to end on the emulator, both parties in one
// server, with the generated operations and the issue 10 waiters on a fake
// clock that the emulator shares: create a service and wait until it is
// Active, allow the consumer, accept its endpoint and wait for the
// connection from both views, fail a zone over and back, reject the
// connection, and delete the service with the dependence retry.
func TestProviderSideOnTheEmulator(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		t.Run(v.String(), func(t *testing.T) {
			ctx := context.Background()
			clk := newFakeClock()
			srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock),
				privatelinktest.WithServiceDelay(20*time.Second), privatelinktest.WithConnectionDelay(10*time.Second))
			defer srv.Close()
			consumer := srv.Client(WithRetry(1, 0, 0), WithSignatureVersion(v))
			provider := srv.Client(WithRetry(1, 0, 0), WithSignatureVersion(v),
				WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
			wait := []WaitOption{WaitClock(clk)}

			req, err := NewCreateVpcEndpointService().WithServiceResourceType(ServiceResourceTypeSLB).
				WithResource(ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerA, privatelinktest.ZoneA).
				WithResource(ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerB, privatelinktest.ZoneB).Build()
			require.NoError(t, err)
			created, err := provider.CreateVpcEndpointService(ctx, req)
			require.NoError(t, err)
			assert.Equal(t, ServiceStatusCreating, created.ServiceStatus)
			svc, err := provider.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID, wait...)
			require.NoError(t, err)
			assert.Equal(t, ServiceStatusActive, svc.ServiceStatus)

			uid := privatelinktest.AccountUID
			add, err := NewAddUserToVpcEndpointService(created.ServiceID).WithUserID(uid).Build()
			require.NoError(t, err)
			_, err = provider.AddUserToVpcEndpointService(ctx, add)
			require.NoError(t, err)
			var users []int64
			for u, err := range provider.AllVpcEndpointServiceUsers(ctx, &ListVpcEndpointServiceUsersRequest{ServiceID: created.ServiceID, UserListType: UserListTypeUsers}) {
				require.NoError(t, err)
				users = append(users, u.UserID)
			}
			assert.Equal(t, []int64{uid}, users)

			ep, err := consumer.CreateVpcEndpointAndWait(ctx, must(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(created.ServiceID).
				WithSecurityGroupIDs(privatelinktest.SecurityGroupID).WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
				WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).Build()), wait...)
			require.NoError(t, err)
			pending, err := provider.ListVpcEndpointConnections(ctx, must(NewListVpcEndpointConnections().WithServiceID(created.ServiceID).Build()))
			require.NoError(t, err)
			require.Len(t, pending.Connections, 1)
			assert.Equal(t, ConnectionStatusPending, pending.Connections[0].ConnectionStatus, "waiting for the provider")
			assert.Equal(t, 1, pending.TotalCount)

			_, err = provider.EnableVpcEndpointConnection(ctx, &EnableVpcEndpointConnectionRequest{ServiceID: created.ServiceID, EndpointID: ep.EndpointID})
			require.NoError(t, err)
			conn, err := provider.WaitUntilVpcEndpointConnectionStatus(ctx, created.ServiceID, ep.EndpointID, WaitTargetConnected, wait...)
			require.NoError(t, err)
			assert.Equal(t, ConnectionStatusConnected, conn.ConnectionStatus)
			attrs, err := consumer.WaitUntilVpcEndpointActive(ctx, ep.EndpointID, append([]WaitOption{WaitConnected()}, wait...)...)
			require.NoError(t, err)
			assert.Equal(t, ConnectionStatusConnected, attrs.ConnectionStatus)

			// Zone failover: take zone A out, then put it back.
			_, err = provider.DisableVpcEndpointZoneConnection(ctx, &DisableVpcEndpointZoneConnectionRequest{ServiceID: created.ServiceID, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneA})
			require.NoError(t, err)
			zone, err := provider.WaitUntilVpcEndpointZoneConnectionStatus(ctx, created.ServiceID, ep.EndpointID, privatelinktest.ZoneA, WaitTargetDisconnected, wait...)
			require.NoError(t, err)
			assert.Equal(t, ZoneStatusDisconnected, zone.ZoneStatus)
			_, err = provider.EnableVpcEndpointZoneConnection(ctx, &EnableVpcEndpointZoneConnectionRequest{ServiceID: created.ServiceID, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneA})
			require.NoError(t, err)
			zone, err = provider.WaitUntilVpcEndpointZoneConnectionStatus(ctx, created.ServiceID, ep.EndpointID, privatelinktest.ZoneA, WaitTargetConnected, wait...)
			require.NoError(t, err)
			assert.Equal(t, ZoneStatusConnected, zone.ZoneStatus)

			// The provider closes the connection: the consumer's Connected
			// wait fails, typed, once the grace has passed.
			_, err = provider.DisableVpcEndpointConnection(ctx, &DisableVpcEndpointConnectionRequest{ServiceID: created.ServiceID, EndpointID: ep.EndpointID})
			require.NoError(t, err)
			var seen []ConnectionStatus
			down, err := consumer.WaitUntilVpcEndpointDisconnected(ctx, ep.EndpointID,
				append([]WaitOption{WaitOnPoll(func(ev PollEvent) { seen = append(seen, ev.ConnectionStatus) })}, wait...)...)
			require.NoError(t, err)
			assert.Equal(t, ConnectionStatusDisconnected, down.ConnectionStatus)
			assert.Equal(t, ConnectionStatusDisconnecting, seen[0], "the consumer's wait goes through Disconnecting")
			_, err = provider.WaitUntilVpcEndpointConnectionStatus(ctx, created.ServiceID, ep.EndpointID, WaitTargetDisconnected, wait...)
			require.NoError(t, err)
			_, err = consumer.WaitUntilVpcEndpointActive(ctx, ep.EndpointID,
				append([]WaitOption{WaitConnected(), WaitDisconnectedGrace(time.Minute)}, wait...)...)
			assert.ErrorIs(t, err, ErrConnectionRejected)

			_, err = consumer.DeleteVpcEndpoint(ctx, &DeleteVpcEndpointRequest{EndpointID: ep.EndpointID})
			require.NoError(t, err)
			require.NoError(t, consumer.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, wait...))
			var resources []string
			for r, err := range provider.AllVpcEndpointServiceResources(ctx, &ListVpcEndpointServiceResourcesRequest{ServiceID: created.ServiceID, MaxResults: 1}) {
				require.NoError(t, err)
				resources = append(resources, r.ResourceID)
			}
			assert.ElementsMatch(t, []string{privatelinktest.ProviderLoadBalancerA, privatelinktest.ProviderLoadBalancerB}, resources)
			for _, id := range resources {
				// The service is Pending after each detach and refuses the next.
				_, err = provider.DetachResourceFromVpcEndpointService(ctx, must(NewDetachResourceFromVpcEndpointService(created.ServiceID, id).Build()))
				require.NoError(t, err)
				_, err = provider.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID, wait...)
				require.NoError(t, err)
			}
			require.NoError(t, provider.DeleteVpcEndpointServiceAndWait(ctx, &DeleteVpcEndpointServiceRequest{ServiceID: created.ServiceID}, 10*time.Minute, wait...))
			_, err = provider.GetVpcEndpointServiceAttribute(ctx, &GetVpcEndpointServiceAttributeRequest{ServiceID: created.ServiceID})
			assert.Equal(t, ErrCodeEndpointServiceNotFound, ErrorCode(err))
		})
	}
}

func must[R any](r *R, err error) *R {
	if err != nil {
		panic(err)
	}
	return r
}
