package privatelink_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// The waiters' terminal states, reached for real: the emulator's provider
// and billing controls put an endpoint into them, and the SDK's waiters,
// on the emulator's own FakeClock, must end the wait as documented. The
// waiter unit tests feed canned answers; these check that the states the
// emulator produces are the ones the waiters recognise.

const (
	termCreationDelay = 3 * time.Minute
	termGrace         = 5 * time.Minute
)

var termEpoch = time.Date(2025, 9, 1, 6, 0, 0, 0, time.UTC)

// termEnv is an emulator and a client on one FakeClock, which the waiters
// get too: their sleeps advance the clock the emulator derives states from.
type termEnv struct {
	t      *testing.T
	srv    *privatelinktest.Server
	client *privatelink.Client
	clk    *privatelinktest.FakeClock
}

func newTermEnv(t *testing.T) *termEnv {
	t.Helper()
	clk := privatelinktest.NewFakeClock(termEpoch)
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(termCreationDelay))
	t.Cleanup(srv.Close)
	client, err := privatelink.NewClient(privatelinktest.RegionID,
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		privatelink.WithRetry(1, 0, 0))
	require.NoError(t, err)
	return &termEnv{t: t, srv: srv, client: client, clk: clk}
}

// create makes an endpoint to serviceID; it is Creating for
// termCreationDelay.
func (e *termEnv) create(serviceID string) string {
	e.t.Helper()
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(serviceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	require.NoError(e.t, err)
	resp, err := e.client.CreateVpcEndpoint(e.t.Context(), req)
	require.NoError(e.t, err)
	return resp.EndpointID
}

// waitActive waits for id to be Active on the shared clock, with opts.
func (e *termEnv) waitActive(id string, opts ...privatelink.WaitOption) (*privatelink.GetVpcEndpointAttributeResponse, error) {
	opts = append([]privatelink.WaitOption{privatelink.WaitClock(e.clk)}, opts...)
	return e.client.WaitUntilVpcEndpointActive(e.t.Context(), id, opts...)
}

// requireUnexpectedState checks that err is the *WaitError of a wait that
// ended on a state it cannot succeed from, and returns it.
func requireUnexpectedState(t *testing.T, err error) *privatelink.WaitError {
	t.Helper()
	var waitErr *privatelink.WaitError
	require.ErrorAs(t, err, &waitErr)
	require.ErrorIs(t, err, privatelink.ErrUnexpectedState)
	return waitErr
}

// A connection the provider rejected stays Disconnected: WaitConnected
// tolerates that for the grace, in case the connection is only slow to
// start, and then fails. For both kinds of service: the automatic one
// rejects a Connected connection, the manual one a Pending one.
func TestWaitConnectedFailsAfterGraceWhenRejected(t *testing.T) {
	for _, svc := range []string{privatelinktest.ServiceID, privatelinktest.ManualServiceID} {
		t.Run(svc, func(t *testing.T) {
			env := newTermEnv(t)
			id := env.create(svc)
			ep, err := env.waitActive(id)
			require.NoError(t, err)
			require.Equal(t, privatelink.EndpointStatusActive, ep.EndpointStatus)
			require.NoError(t, env.srv.RejectConnection(id))

			var seen []privatelink.ConnectionStatus
			start := env.clk.Now()
			_, err = env.waitActive(id, privatelink.WaitConnected(), privatelink.WaitDisconnectedGrace(termGrace),
				privatelink.WaitOnPoll(func(ev privatelink.PollEvent) { seen = append(seen, ev.ConnectionStatus) }))
			waitErr := requireUnexpectedState(t, err)
			assert.Equal(t, id, waitErr.EndpointID)
			assert.Equal(t, privatelink.EndpointStatusActive, waitErr.LastStatus)
			assert.Equal(t, privatelink.ConnectionStatusDisconnected, waitErr.LastConnectionStatus)
			assert.GreaterOrEqual(t, waitErr.Elapsed, termGrace, "failed before the grace was over")
			assert.Less(t, waitErr.Elapsed, termGrace+privatelink.DefaultWaitMaxDelay, "waited on long after the grace")
			assert.Equal(t, waitErr.Elapsed, env.clk.Now().Sub(start), "the waiter and the emulator read one clock")
			assert.Greater(t, waitErr.Polls, 1, "the grace was polled through")
			for _, st := range seen {
				assert.Equal(t, privatelink.ConnectionStatusDisconnected, st)
			}
		})
	}
}

// The grace is for connections that recover: one the provider enables
// again before it runs out is waited for.
func TestWaitConnectedSucceedsWhenAcceptedWithinGrace(t *testing.T) {
	env := newTermEnv(t)
	id := env.create(privatelinktest.ServiceID)
	_, err := env.waitActive(id)
	require.NoError(t, err)
	require.NoError(t, env.srv.RejectConnection(id))

	var seen []privatelink.ConnectionStatus
	ep, err := env.waitActive(id, privatelink.WaitConnected(), privatelink.WaitDisconnectedGrace(termGrace),
		privatelink.WaitOnPoll(func(ev privatelink.PollEvent) {
			seen = append(seen, ev.ConnectionStatus)
			if ev.Attempt == 2 {
				// The provider changes its mind while the waiter sleeps.
				require.NoError(t, env.srv.AcceptConnection(id))
			}
		}))
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusConnected, ep.ConnectionStatus)
	assert.Equal(t, []privatelink.ConnectionStatus{
		privatelink.ConnectionStatusDisconnected, privatelink.ConnectionStatusDisconnected, privatelink.ConnectionStatusConnected,
	}, seen)
}

// FinancialLocked ends a wait at once, even while the endpoint is still
// Creating and would otherwise become Active.
func TestWaitEndsAtOnceWhenFinancialLocked(t *testing.T) {
	env := newTermEnv(t)
	id := env.create(privatelinktest.ServiceID)
	require.NoError(t, env.srv.SetBusinessStatus(id, string(privatelink.EndpointBusinessStatusFinancialLocked)))

	start := env.clk.Now()
	_, err := env.waitActive(id)
	waitErr := requireUnexpectedState(t, err)
	assert.Equal(t, 1, waitErr.Polls)
	assert.Zero(t, waitErr.Elapsed)
	assert.Equal(t, start, env.clk.Now(), "the waiter slept")
	assert.Equal(t, privatelink.EndpointBusinessStatusFinancialLocked, waitErr.LastBusinessStatus)
	assert.Equal(t, privatelink.EndpointStatusCreating, waitErr.LastStatus)
	assert.Contains(t, waitErr.Error(), "FinancialLocked")

	// Settled: the same endpoint is waited for as usual.
	require.NoError(t, env.srv.SetBusinessStatus(id, string(privatelink.EndpointBusinessStatusNormal)))
	ep, err := env.waitActive(id, privatelink.WaitConnected())
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointBusinessStatusNormal, ep.EndpointBusinessStatus)
}

// A deleted service ends a WaitConnected wait at once, for an endpoint
// still Creating as for an Active one; creating a new endpoint for it
// fails with its own code, which retrying cannot fix.
func TestWaitConnectedEndsAtOnceWhenServiceDeleted(t *testing.T) {
	env := newTermEnv(t)
	active := env.create(privatelinktest.ServiceID)
	_, err := env.waitActive(active)
	require.NoError(t, err)
	creating := env.create(privatelinktest.ServiceID)
	require.NoError(t, env.srv.DeleteService(privatelinktest.ServiceID))

	for name, id := range map[string]string{"Creating": creating, "Active": active} {
		t.Run(name, func(t *testing.T) {
			start := env.clk.Now()
			_, err := env.waitActive(id, privatelink.WaitConnected())
			waitErr := requireUnexpectedState(t, err)
			assert.Equal(t, 1, waitErr.Polls)
			assert.Zero(t, waitErr.Elapsed)
			assert.Equal(t, start, env.clk.Now(), "the waiter slept")
			assert.Equal(t, privatelink.ConnectionStatusServiceDeleted, waitErr.LastConnectionStatus)
			assert.Equal(t, privatelink.EndpointStatus(name), waitErr.LastStatus)
		})
	}
	// Without WaitConnected the wait is for the endpoint alone, which
	// still becomes Active.
	ep, err := env.waitActive(creating)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusServiceDeleted, ep.ConnectionStatus)

	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	require.NoError(t, err)
	_, err = env.client.CreateVpcEndpoint(t.Context(), req)
	var apiErr *privatelink.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, privatelink.ErrCodeEndpointServiceDeleted, apiErr.Code)
	assert.False(t, privatelink.IsRetryable(err))
}
