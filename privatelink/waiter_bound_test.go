package privatelink_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// A user who passes a plain context gets a bounded wait: an endpoint stuck
// in Creating (here for a year) ends the wait with a timeout on the
// waiter's clock, not a poll loop that never ends.
func TestWaitHasDefaultBound(t *testing.T) {
	clk := privatelinktest.NewFakeClock(termEpoch)
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(365*24*time.Hour))
	t.Cleanup(srv.Close)
	e := &termEnv{t: t, srv: srv, client: newEmulatorClient(t, srv), clk: clk}
	id := e.create(privatelinktest.ServiceID)

	// The guard stops a wait that would otherwise poll forever, so that the
	// test fails instead of hanging.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	polls := 0
	start := clk.Now()
	_, err := e.client.WaitUntilVpcEndpointActive(ctx, id, privatelink.WaitClock(clk),
		privatelink.WaitOnPoll(func(privatelink.PollEvent) {
			if polls++; polls > 1000 {
				cancel()
			}
		}))
	require.Error(t, err)
	assert.False(t, errors.Is(err, context.Canceled), "the wait had no bound: cancelled by the guard after %d polls and %v", polls, clk.Now().Sub(start))
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.LessOrEqual(t, clk.Now().Sub(start), 24*time.Hour)
}

// A mistyped endpoint ID fails on the first poll: nothing was just created,
// so EndpointNotFound is not tolerated.
func TestWaitMistypedIDFailsAtOnce(t *testing.T) {
	e := newTermEnv(t)
	polls := 0
	start := e.clk.Now()
	_, err := e.waitActive("ep-mistyped00000000000", privatelink.WaitOnPoll(func(privatelink.PollEvent) { polls++ }))
	require.Error(t, err)
	assert.True(t, privatelink.IsEndpointNotFound(err), "%v", err)
	assert.Equal(t, 1, polls, "polls")
	assert.Zero(t, e.clk.Now().Sub(start), "time waited")
}

// A wait that follows a create made elsewhere (another process) asks for
// the grace explicitly and gets it; CreateVpcEndpointAndWait gets it
// without asking.
func TestWaitNotFoundGraceOnlyAfterCreate(t *testing.T) {
	clk := privatelinktest.NewFakeClock(termEpoch)
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clk),
		privatelinktest.WithCreationDelay(time.Minute), privatelinktest.WithVisibilityDelay(10*time.Second))
	t.Cleanup(srv.Close)
	client := newEmulatorClient(t, srv)
	build := func() *privatelink.CreateVpcEndpointRequest {
		req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
			WithServiceID(privatelinktest.ServiceID).
			WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
			WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
			Build()
		require.NoError(t, err)
		return req
	}

	ep, err := client.CreateVpcEndpointAndWait(t.Context(), build(), privatelink.WaitClock(clk))
	require.NoError(t, err, "CreateVpcEndpointAndWait must tolerate the invisible moment after its create")
	assert.Equal(t, privatelink.EndpointStatusActive, ep.EndpointStatus)

	created, err := client.CreateVpcEndpoint(t.Context(), build())
	require.NoError(t, err)
	_, err = client.WaitUntilVpcEndpointActive(t.Context(), created.EndpointID, privatelink.WaitClock(clk),
		privatelink.WaitNotFoundGrace(privatelink.DefaultNotFoundGrace))
	require.NoError(t, err, "an explicit grace covers a create made elsewhere")
}

func newEmulatorClient(t *testing.T, srv *privatelinktest.Server) *privatelink.Client {
	t.Helper()
	return srv.Client(privatelink.WithRetry(1, 0, 0))
}
