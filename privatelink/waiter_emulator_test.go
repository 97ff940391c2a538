package privatelink_test

// The waiter's tests against the emulator. They are an external test
// package because privatelinktest imports privatelink; they dot-import it
// (as the standard library's own external tests do) so that they read as
// the internal waiter tests they were moved from, and reach the few
// internals they need through export_test.go.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

var waitEpoch = time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)

// fakeClock is a waiter Clock whose After moves time forward and fires at
// once, so that no test sleeps. Its time is a privatelinktest.FakeClock, so
// the emulator sees the same time pass.
type fakeClock struct {
	*privatelinktest.FakeClock
}

func newFakeClock() *fakeClock {
	return &fakeClock{FakeClock: privatelinktest.NewFakeClock(waitEpoch)}
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.Advance(d)
	ch := make(chan time.Time, 1)
	ch <- c.Now()
	return ch
}

// events records the PollEvents of a wait.
type events struct {
	mu  sync.Mutex
	evs []PollEvent
}

func (e *events) record(ev PollEvent) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.evs = append(e.evs, ev)
}

func (e *events) all() []PollEvent {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]PollEvent(nil), e.evs...)
}

func requireWaitError(t *testing.T, err error) *WaitError {
	t.Helper()
	var we *WaitError
	require.ErrorAs(t, err, &we)
	return we
}

// emulatorClient returns a client for srv that makes one attempt per call,
// so that every poll is one request the emulator counts.
func emulatorClient(t *testing.T, srv *privatelinktest.Server) *Client {
	t.Helper()
	c, err := NewClient(privatelinktest.RegionID,
		WithEndpoint(srv.URL),
		WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		WithRetry(1, 0, 0))
	require.NoError(t, err)
	return c
}

// emulatorCreateRequest is a valid request for the emulator's default world.
func emulatorCreateRequest(t *testing.T, serviceID string) *CreateVpcEndpointRequest {
	t.Helper()
	req, err := NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(serviceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	require.NoError(t, err)
	return req
}

func TestWaitAgainstEmulator(t *testing.T) {
	t.Run("creation through Creating to Active", func(t *testing.T) {
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock), privatelinktest.WithCreationDelay(90*time.Second))
		defer srv.Close()
		c := emulatorClient(t, srv)
		var evs events
		resp, err := c.CreateVpcEndpointAndWait(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID),
			WaitClock(clk), WaitConnected(), WaitOnPoll(evs.record))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
		ep, ok := srv.Endpoint(resp.EndpointID)
		require.True(t, ok)
		assert.Equal(t, EndpointStatusActive, ep.Status)
		got := evs.all()
		assert.Equal(t, srv.Stats()["GetVpcEndpointAttribute"].Requests, len(got), "one event per request")
		for _, ev := range got[:len(got)-1] {
			assert.Equal(t, EndpointStatusCreating, ev.Status)
		}
		assert.GreaterOrEqual(t, got[len(got)-1].Elapsed, 90*time.Second)
	})
	t.Run("a manually accepted connection", func(t *testing.T) {
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock), privatelinktest.WithCreationDelay(10*time.Second))
		defer srv.Close()
		c := emulatorClient(t, srv)
		created, err := c.CreateVpcEndpoint(context.Background(), emulatorCreateRequest(t, privatelinktest.ManualServiceID))
		require.NoError(t, err)
		var pending int
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), created.EndpointID, WaitClock(clk), WaitConnected(),
			WaitOnPoll(func(ev PollEvent) {
				if ev.Status == EndpointStatusActive && ev.ConnectionStatus == ConnectionStatusPending {
					// The provider accepts after the waiter has seen the
					// connection Pending three times.
					if pending++; pending == 3 {
						require.NoError(t, srv.AcceptConnection(ev.EndpointID))
					}
				}
			}))
		require.NoError(t, err)
		assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
		assert.Equal(t, 3, pending)
	})
	t.Run("deletion through Deleting to gone", func(t *testing.T) {
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock), privatelinktest.WithDeletionDelay(45*time.Second))
		defer srv.Close()
		c := emulatorClient(t, srv)
		ep, err := c.CreateVpcEndpointAndWait(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID), WaitClock(clk))
		require.NoError(t, err)
		_, err = c.DeleteVpcEndpoint(context.Background(), &DeleteVpcEndpointRequest{EndpointID: ep.EndpointID})
		require.NoError(t, err)
		var evs events
		require.NoError(t, c.WaitUntilVpcEndpointDeleted(context.Background(), ep.EndpointID, WaitClock(clk), WaitOnPoll(evs.record)))
		got := evs.all()
		for _, ev := range got[:len(got)-1] {
			assert.Equal(t, EndpointStatusDeleting, ev.Status)
		}
		assert.True(t, IsNotFound(got[len(got)-1].Err))
		assert.GreaterOrEqual(t, got[len(got)-1].Elapsed, 45*time.Second)
		assert.Zero(t, srv.EndpointCount())

		// A deleted endpoint is what an Active wait must not wait for: it
		// fails at once, and after the grace when one is asked for.
		_, err = c.WaitUntilVpcEndpointActive(context.Background(), ep.EndpointID, WaitClock(clk))
		require.True(t, IsNotFound(err), "%v", err)
		assert.Equal(t, 1, requireWaitError(t, err).Polls)
		_, err = c.WaitUntilVpcEndpointActive(context.Background(), ep.EndpointID, WaitClock(clk), WaitNotFoundGrace(DefaultNotFoundGrace))
		require.True(t, IsNotFound(err), "%v", err)
		assert.GreaterOrEqual(t, requireWaitError(t, err).Elapsed, DefaultNotFoundGrace)
	})
	t.Run("CreateVpcEndpoint then WaitUntilVpcEndpointActive through the NotFound window", func(t *testing.T) {
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock),
			privatelinktest.WithVisibilityDelay(12*time.Second), privatelinktest.WithCreationDelay(30*time.Second))
		defer srv.Close()
		c := emulatorClient(t, srv)
		created, err := c.CreateVpcEndpoint(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID))
		require.NoError(t, err)

		var evs events
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), created.EndpointID, WaitClock(clk), WaitOnPoll(evs.record),
			WaitNotFoundGrace(DefaultNotFoundGrace))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		assert.Equal(t, created.EndpointID, resp.EndpointID)
		got := evs.all()
		require.GreaterOrEqual(t, len(got), 3)
		assert.True(t, IsNotFound(got[0].Err), "the first poll fell in the window: %v", got[0].Err)
		assert.GreaterOrEqual(t, got[len(got)-1].Elapsed, 30*time.Second)

		// The same right after a create, told the ID is old, fails at once.
		again, err := c.CreateVpcEndpoint(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID))
		require.NoError(t, err)
		_, err = c.WaitUntilVpcEndpointActive(context.Background(), again.EndpointID, WaitClock(clk), WaitNotFoundGrace(0))
		require.True(t, IsNotFound(err), "%v", err)
		assert.Equal(t, 1, requireWaitError(t, err).Polls)
	})
	t.Run("an Active wait on an endpoint being deleted fails at once", func(t *testing.T) {
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock), privatelinktest.WithDeletionDelay(time.Minute))
		defer srv.Close()
		c := emulatorClient(t, srv)
		created, err := c.CreateVpcEndpointAndWait(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID), WaitClock(clk))
		require.NoError(t, err)
		_, err = c.DeleteVpcEndpoint(context.Background(), &DeleteVpcEndpointRequest{EndpointID: created.EndpointID})
		require.NoError(t, err)
		_, err = c.WaitUntilVpcEndpointActive(context.Background(), created.EndpointID, WaitClock(clk))
		require.ErrorIs(t, err, ErrUnexpectedState)
		we := requireWaitError(t, err)
		assert.Equal(t, EndpointStatusDeleting, we.LastStatus)
		assert.Equal(t, 1, we.Polls)
		assert.NotEmpty(t, we.LastRequestID)
	})
	t.Run("injected faults are polled through", func(t *testing.T) {
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock), privatelinktest.WithCreationDelay(2*time.Minute), privatelinktest.WithSeed(7))
		defer srv.Close()
		c := emulatorClient(t, srv)
		created, err := c.CreateVpcEndpoint(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID))
		require.NoError(t, err)
		srv.SetFaults("GetVpcEndpointAttribute", privatelinktest.Faults{ThrottleRate: 0.2, ServerErrorRate: 0.2, DropAfterRate: 0.2})
		var failed int
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), created.EndpointID, WaitClock(clk),
			WaitOnPoll(func(ev PollEvent) {
				if ev.Err != nil {
					failed++
				}
			}))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		st := srv.Stats()["GetVpcEndpointAttribute"]
		assert.Positive(t, st.Throttled, "faults of every kind were injected: %+v", st)
		assert.Positive(t, st.ServerErrors, "%+v", st)
		assert.Positive(t, st.Dropped, "%+v", st)
		assert.Equal(t, st.Throttled+st.ServerErrors+st.Dropped, failed, "every injected fault was tolerated")
	})
}

// CreateVpcEndpointAndWait against the emulator, whose endpoint turns Active
// after the creation time on the same fake clock the waiter sleeps on. For
// each creation time it counts the GetVpcEndpointAttribute requests the
// emulator received and the detection delay (from Active to the waiter's
// return), with the jitter draw pinned at zero and at its maximum, next to
// the same waiter configured as a fixed 5 s poll. Run with -v to see the
// table.
func TestWaitScheduleFigures(t *testing.T) {
	type result struct {
		calls     int
		detection time.Duration
	}
	measure := func(t *testing.T, creation time.Duration, opts ...WaitOption) result {
		t.Helper()
		clk := newFakeClock()
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk.FakeClock), privatelinktest.WithCreationDelay(creation))
		defer srv.Close()
		c := emulatorClient(t, srv)
		start := clk.Now()
		resp, err := c.CreateVpcEndpointAndWait(context.Background(), emulatorCreateRequest(t, privatelinktest.ServiceID), append(opts, WaitClock(clk))...)
		require.NoError(t, err)
		require.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		return result{
			calls:     srv.Stats()["GetVpcEndpointAttribute"].Requests,
			detection: clk.Now().Sub(start.Add(creation)),
		}
	}

	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "creation\tcalls j=0\tcalls j=max\tcalls fixed 5s\tdetection j=0\tdetection j=max\tdetection fixed 5s\tdetection aim\t")
	for _, creation := range []time.Duration{5 * time.Second, time.Minute, 5 * time.Minute} {
		zero := measure(t, creation, WaitJitterDraw(0))
		full := measure(t, creation, WaitJitterDraw(1))
		fixed := measure(t, creation, WaitMinDelay(5*time.Second), WaitMaxDelay(5*time.Second), WaitJitter(0))
		aim := creation/10 + time.Second
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n",
			seconds(creation), zero.calls, full.calls, fixed.calls, seconds(zero.detection), seconds(full.detection), seconds(fixed.detection), seconds(aim))

		assert.LessOrEqual(t, max(zero.calls, full.calls), fixed.calls, "creation %v: calls", creation)
		assert.LessOrEqual(t, max(zero.detection, full.detection), aim, "creation %v: detection delay", creation)
	}
	require.NoError(t, tw.Flush())
	t.Log("default schedule (MinDelay 5s, 10% of elapsed, MaxDelay 30s, jitter 0.1) vs a fixed 5 s poll:\n" + table.String())
}

// seconds formats d for the figures table, to the millisecond.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64) + "s"
}
