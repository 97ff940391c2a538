package privatelink_test

import (
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// polls counts the polls of one wait, to show that it really waited.
type polls struct {
	n atomic.Int32
}

func (p *polls) option() privatelink.WaitOption {
	return privatelink.WaitOnPoll(func(privatelink.PollEvent) { p.n.Add(1) })
}

// The provider and the consumer of one emulator through a service's whole
// life, through the SDK and its waiters only, every transition taking time
// on a FakeClock that the waits advance.
func TestEmulatorProviderConsumerLifecycle(t *testing.T) {
	e := newProvEnv(t, privatelink.SignatureV3)
	ctx, p, c := e.ctx, e.provider, e.consumer

	// 1. The provider publishes a service from its two load balancers and
	// waits until it is Active.
	req, err := privatelink.NewCreateVpcEndpointService().
		WithServiceResourceType(privatelink.ServiceResourceTypeSLB).
		WithResource(privatelink.ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerA, privatelinktest.ZoneA).
		WithResource(privatelink.ServiceResourceTypeSLB, privatelinktest.ProviderLoadBalancerB, privatelinktest.ZoneB).
		WithAutoAcceptEnabled(false).
		WithServiceDescription("orders API").
		Build()
	require.NoError(t, err)
	created, err := p.CreateVpcEndpointService(ctx, req)
	require.NoError(t, err)
	require.Equal(t, privatelink.ServiceStatusCreating, created.ServiceStatus)
	svc := created.ServiceID
	start := e.clk.Now()
	var serviceWait polls
	active, err := p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.waitOpts(serviceWait.option())...)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ServiceStatusActive, active.ServiceStatus)
	assert.GreaterOrEqual(t, e.clk.Now().Sub(start), provServiceDelay, "the wait lasted the service's creation")
	assert.Greater(t, serviceWait.n.Load(), int32(1), "it polled Creating before Active")

	// 2. It allows the consumer's account.
	_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
	require.NoError(t, err)

	// 3. The consumer creates an endpoint (the service accepts by hand)
	// and waits until it is Active: its connection is Pending.
	ep, err := c.CreateVpcEndpointAndWait(ctx, e.endpointRequest(svc), e.wait...)
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusActive, ep.EndpointStatus)
	assert.Equal(t, privatelink.ConnectionStatusPending, ep.ConnectionStatus)
	assert.Equal(t, svc, ep.ServiceID)

	// 4. The provider sees the Pending connection, enables it and waits
	// until it is Connected.
	var pending []privatelink.Connection
	for conn, err := range p.AllVpcEndpointConnections(ctx, &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: svc, ConnectionStatus: privatelink.ConnectionStatusPending}) {
		require.NoError(t, err)
		pending = append(pending, conn)
	}
	require.Len(t, pending, 1)
	assert.Equal(t, ep.EndpointID, pending[0].EndpointID)
	assert.Equal(t, consumerUID, pending[0].EndpointOwnerID)
	_, err = p.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
	require.NoError(t, err)
	start = e.clk.Now()
	var connWait polls
	conn, err := p.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetConnected, e.waitOpts(connWait.option())...)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusConnected, conn.ConnectionStatus)
	assert.GreaterOrEqual(t, e.clk.Now().Sub(start), provConnDelay, "the wait lasted the connection's Connecting")
	assert.Greater(t, connWait.n.Load(), int32(1), "it polled Connecting before Connected")

	// 5. Both sides see Connected, zones included.
	fromEndpoint, err := c.WaitUntilVpcEndpointActive(ctx, ep.EndpointID, append([]privatelink.WaitOption{privatelink.WaitConnected()}, e.wait...)...)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusConnected, fromEndpoint.ConnectionStatus)
	assert.Equal(t, map[string]privatelink.ZoneStatus{privatelinktest.ZoneA: privatelink.ZoneStatusConnected, privatelinktest.ZoneB: privatelink.ZoneStatusConnected},
		zoneStatuses(e.connection(svc, ep.EndpointID)))
	assert.Equal(t, map[string]privatelink.ZoneStatus{privatelinktest.ZoneA: privatelink.ZoneStatusConnected, privatelinktest.ZoneB: privatelink.ZoneStatusConnected},
		consumerZones(t, e, ep.EndpointID))

	// While the connection is live the service cannot be deleted.
	_, err = p.DeleteVpcEndpointService(ctx, &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc})
	apiErr := requireCode(t, err, privatelink.ErrCodeEndpointServiceConnectionDependence)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	// 6. The provider disables zone B's connection and waits for the zone;
	// the connection stays Connected through zone A.
	_, err = p.DisableVpcEndpointZoneConnection(ctx, &privatelink.DisableVpcEndpointZoneConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID, ZoneID: privatelinktest.ZoneB})
	require.NoError(t, err)
	assert.Equal(t, privatelink.ZoneStatusDisconnecting, zoneStatuses(e.connection(svc, ep.EndpointID))[privatelinktest.ZoneB])
	zone, err := p.WaitUntilVpcEndpointZoneConnectionStatus(ctx, svc, ep.EndpointID, privatelinktest.ZoneB, privatelink.WaitTargetDisconnected, e.wait...)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ZoneStatusDisconnected, zone.ZoneStatus)
	assert.Equal(t, privatelink.ConnectionStatusConnected, e.connection(svc, ep.EndpointID).ConnectionStatus)
	assert.Equal(t, map[string]privatelink.ZoneStatus{privatelinktest.ZoneA: privatelink.ZoneStatusConnected, privatelinktest.ZoneB: privatelink.ZoneStatusDisconnected},
		consumerZones(t, e, ep.EndpointID))
	_, err = p.DeleteVpcEndpointService(ctx, &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc})
	requireCode(t, err, privatelink.ErrCodeEndpointServiceConnectionDependence)

	// 7. The consumer deletes its endpoint and waits until it is gone.
	_, err = c.DeleteVpcEndpoint(ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: ep.EndpointID})
	require.NoError(t, err)
	// Still Deleting: the service still depends on it.
	_, err = p.DeleteVpcEndpointService(ctx, &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc})
	requireCode(t, err, privatelink.ErrCodeEndpointServiceConnectionDependence)
	require.NoError(t, c.WaitUntilVpcEndpointDeleted(ctx, ep.EndpointID, e.wait...))
	conns, err := p.ListVpcEndpointConnections(ctx, &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: svc})
	require.NoError(t, err)
	assert.Empty(t, conns.Connections)

	// 8. The provider takes its load balancers off the service (the API
	// refuses to delete a service with resources) and deletes it.
	_, err = p.DeleteVpcEndpointService(ctx, &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc})
	dep := requireCode(t, err, privatelink.ErrCodeEndpointServiceDependenceViolation)
	assert.Equal(t, []privatelink.RequestValue{{Name: "ServiceId", Value: svc}}, dep.RequestValues)
	assert.Contains(t, dep.Hint, "detach them first with DetachResourceFromVpcEndpointService")
	for _, lb := range []string{privatelinktest.ProviderLoadBalancerA, privatelinktest.ProviderLoadBalancerB} {
		_, err = p.DetachResourceFromVpcEndpointService(ctx, &privatelink.DetachResourceFromVpcEndpointServiceRequest{ServiceID: svc, ResourceID: lb})
		require.NoError(t, err)
		_, err = p.WaitUntilVpcEndpointServiceActive(ctx, svc, e.wait...)
		require.NoError(t, err)
	}
	start = e.clk.Now()
	require.NoError(t, p.DeleteVpcEndpointServiceAndWait(ctx, &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: svc}, time.Minute, e.wait...))
	assert.GreaterOrEqual(t, e.clk.Now().Sub(start), provServiceDelay, "the wait lasted the service's deletion")
	_, err = p.GetVpcEndpointServiceAttribute(ctx, &privatelink.GetVpcEndpointServiceAttributeRequest{ServiceID: svc})
	requireCode(t, err, privatelink.ErrCodeEndpointServiceNotFound)
	_, err = c.CreateVpcEndpoint(ctx, e.endpointRequest(svc))
	requireCode(t, err, privatelink.ErrCodeEndpointServiceDeleted)
	_, ok := e.srv.EndpointService(svc)
	assert.False(t, ok)
}

// consumerZones maps each zone of the consumer's endpoint to its status,
// as ListVpcEndpointZones reports it.
func consumerZones(t *testing.T, e *provEnv, endpointID string) map[string]privatelink.ZoneStatus {
	t.Helper()
	out := map[string]privatelink.ZoneStatus{}
	for z, err := range e.consumer.AllVpcEndpointZones(e.ctx, &privatelink.ListVpcEndpointZonesRequest{EndpointID: endpointID}) {
		require.NoError(t, err)
		out[z.ZoneID] = z.ZoneStatus
	}
	return out
}

// Only the accounts on a service's allow-list may connect to it; any
// other gets EndpointServiceNotAuthorized, typed, and
// ListVpcEndpointServicesByEndUser shows each account what it may use.
func TestEmulatorServiceAllowList(t *testing.T) {
	const (
		otherAccount = "2233445566778899"
		otherKeyID   = "LTAI5tEmuLat0rOther00000"
		otherSecret  = "emulatorOtherSecret0123456789"
	)
	e := newProvEnv(t, privatelink.SignatureV3)
	ctx, p, c := e.ctx, e.provider, e.consumer
	svc := e.createService()

	byEndUser := func(client *privatelink.Client) []string {
		t.Helper()
		var ids []string
		for s, err := range client.AllVpcEndpointServicesByEndUser(ctx, &privatelink.ListVpcEndpointServicesByEndUserRequest{MaxResults: 1}) {
			require.NoError(t, err)
			ids = append(ids, s.ServiceID)
		}
		return ids
	}
	// The world's services are open to everyone; the new one to no one.
	world := []string{privatelinktest.ServiceID, privatelinktest.ManualServiceID, privatelinktest.GatewayServiceID}
	assert.ElementsMatch(t, world, byEndUser(c))
	_, err := c.CreateVpcEndpoint(ctx, e.endpointRequest(svc))
	apiErr := requireCode(t, err, privatelink.ErrCodeEndpointServiceNotAuthorized)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, 0, e.srv.EndpointCount(), "nothing was created")

	// Allowed by its root ARN, the consumer sees the service and connects.
	arn := "acs:ram::" + privatelinktest.AccountID + ":root"
	_, err = p.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserARN: arn})
	require.NoError(t, err)
	assert.ElementsMatch(t, append([]string{svc}, world...), byEndUser(c))
	one, err := c.ListVpcEndpointServicesByEndUser(ctx, &privatelink.ListVpcEndpointServicesByEndUserRequest{ServiceID: svc})
	require.NoError(t, err)
	require.Len(t, one.Services, 1)
	assert.Equal(t, 1, one.TotalCount)
	assert.ElementsMatch(t, []string{privatelinktest.ZoneA, privatelinktest.ZoneB}, one.Services[0].Zones)
	ep, err := c.CreateVpcEndpointAndWait(ctx, e.endpointRequest(svc), e.wait...)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusPending, ep.ConnectionStatus)

	// Removed again, it no longer sees the service nor may connect anew;
	// the endpoint it has stays.
	_, err = p.RemoveUserFromVpcEndpointService(ctx, &privatelink.RemoveUserFromVpcEndpointServiceRequest{ServiceID: svc, UserARN: arn})
	require.NoError(t, err)
	assert.ElementsMatch(t, world, byEndUser(c))
	_, err = c.CreateVpcEndpoint(ctx, e.endpointRequest(svc))
	requireCode(t, err, privatelink.ErrCodeEndpointServiceNotAuthorized)
	assert.Equal(t, 1, e.srv.EndpointCount())

	// "*" lets every account in, a third one included.
	srv := privatelinktest.NewServer(privatelinktest.WithNewAccount(otherAccount, otherKeyID, otherSecret))
	t.Cleanup(srv.Close)
	p2 := srv.Client(privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
	other := srv.Client(privatelink.WithStaticCredentials(otherKeyID, otherSecret, ""))
	created, err := p2.CreateVpcEndpointService(ctx, &privatelink.CreateVpcEndpointServiceRequest{
		ServiceResourceType: privatelink.ServiceResourceTypeSLB,
		Resources:           []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA}},
	})
	require.NoError(t, err)
	_, err = p2.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID, privatelink.WaitMinDelay(time.Millisecond), privatelink.WaitMaxDelay(time.Millisecond))
	require.NoError(t, err)
	assert.NotContains(t, byEndUser(other), created.ServiceID)
	_, err = p2.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: created.ServiceID, UserARN: "*"})
	require.NoError(t, err)
	assert.Contains(t, byEndUser(other), created.ServiceID)
	assert.Contains(t, byEndUser(srv.Client()), created.ServiceID)
}

// clockStep is an http.RoundTripper that moves the emulator's fake clock
// forward after every answer, so that a state the emulator holds for some
// time passes while the client retries, without anyone sleeping.
type clockStep struct {
	base http.RoundTripper
	clk  *privatelinktest.FakeClock
	step time.Duration
	mu   sync.Mutex
	on   bool
}

func (s *clockStep) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.base.RoundTrip(r)
	s.mu.Lock()
	if s.on {
		s.clk.Advance(s.step)
	}
	s.mu.Unlock()
	return resp, err
}

func (s *clockStep) enable(on bool) {
	s.mu.Lock()
	s.on = on
	s.mu.Unlock()
}

// The provider's busy answers (a service Creating or Pending, a
// connection Connecting) are retried end to end on the client's busy
// budget, past the attempts of WithRetry, until the emulator's state
// settles; WithBusyRetry(0) gives them only those attempts.
func TestEmulatorProviderBusyCodesRetried(t *testing.T) {
	// Each attempt moves the clock by step; a state that lasts n steps
	// takes n busy answers, then the change goes through.
	const step = 20 * time.Second
	type setup func(e *provEnv) (action string, call func() error)
	cases := []struct {
		code  string
		busy  time.Duration // how long the state lasts
		setup setup
	}{
		{privatelink.ErrCodeEndpointServiceOperationDenied, provServiceDelay, func(e *provEnv) (string, func() error) {
			// The service is still Creating.
			created, err := e.provider.CreateVpcEndpointService(e.ctx, &privatelink.CreateVpcEndpointServiceRequest{
				ServiceResourceType: privatelink.ServiceResourceTypeSLB,
				Resources:           []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA}},
			})
			require.NoError(e.t, err)
			return "UpdateVpcEndpointServiceAttribute", func() error {
				_, err := e.provider.UpdateVpcEndpointServiceAttribute(e.ctx, &privatelink.UpdateVpcEndpointServiceAttributeRequest{ServiceID: created.ServiceID, ServiceDescription: "busy"})
				return err
			}
		}},
		{privatelink.ErrCodeEndpointServiceLocked, provServiceDelay, func(e *provEnv) (string, func() error) {
			// A resource was just attached: the service is Pending.
			svc := e.createService()
			_, err := e.provider.AttachResourceToVpcEndpointService(e.ctx, &privatelink.AttachResourceToVpcEndpointServiceRequest{
				ServiceID: svc, ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: provSecondLB,
			})
			require.NoError(e.t, err)
			return "UpdateVpcEndpointServiceAttribute", func() error {
				_, err := e.provider.UpdateVpcEndpointServiceAttribute(e.ctx, &privatelink.UpdateVpcEndpointServiceAttributeRequest{ServiceID: svc, ServiceDescription: "busy"})
				return err
			}
		}},
		{privatelink.ErrCodeEndpointConnectionOperationDenied, provConnDelay, func(e *provEnv) (string, func() error) {
			// The connection is still Connecting.
			svc := e.createService()
			_, err := e.provider.AddUserToVpcEndpointService(e.ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
			require.NoError(e.t, err)
			ep, err := e.consumer.CreateVpcEndpointAndWait(e.ctx, e.endpointRequest(svc), e.wait...)
			require.NoError(e.t, err)
			_, err = e.provider.EnableVpcEndpointConnection(e.ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
			require.NoError(e.t, err)
			return "DisableVpcEndpointConnection", func() error {
				_, err := e.provider.DisableVpcEndpointConnection(e.ctx, &privatelink.DisableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
				return err
			}
		}},
	}
	for _, tc := range cases {
		busyAnswers := int((tc.busy + step - 1) / step)
		t.Run(tc.code+" is retried on the busy budget", func(t *testing.T) {
			stepper := &clockStep{base: http.DefaultTransport}
			e := newProvEnv(t, privatelink.SignatureV3, privatelink.WithHTTPClient(&http.Client{Transport: stepper}),
				privatelink.WithRetry(2, time.Millisecond, time.Millisecond), privatelink.WithBusyRetry(time.Minute))
			stepper.clk, stepper.step = e.clk, step
			action, call := tc.setup(e)
			before := e.srv.Stats()[action]
			stepper.enable(true)
			require.NoError(t, call())
			st := e.srv.Stats()[action]
			assert.Equal(t, busyAnswers+1, st.Requests-before.Requests, "every busy answer retried, past WithRetry's 2 attempts")
			assert.Equal(t, busyAnswers, st.Errors-before.Errors)
			assert.Equal(t, 1, st.Successes-before.Successes, "one change")
		})
		t.Run(tc.code+" gets only WithRetry's attempts without a busy budget", func(t *testing.T) {
			stepper := &clockStep{base: http.DefaultTransport}
			e := newProvEnv(t, privatelink.SignatureV3, privatelink.WithHTTPClient(&http.Client{Transport: stepper}),
				privatelink.WithRetry(2, time.Millisecond, time.Millisecond), privatelink.WithBusyRetry(0))
			stepper.clk, stepper.step = e.clk, step
			action, call := tc.setup(e)
			before := e.srv.Stats()[action]
			stepper.enable(true)
			apiErr := requireCode(t, call(), tc.code)
			assert.Equal(t, 2, apiErr.Attempts)
			assert.True(t, privatelink.IsRetryable(apiErr), "busy: worth trying again later")
			assert.Equal(t, 2, e.srv.Stats()[action].Requests-before.Requests)
		})
	}
}
