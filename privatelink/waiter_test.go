package privatelink

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const waitEndpointID = "ep-hp3waiter0test0000001"

var waitEpoch = time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)

// fakeClock is a waiter Clock whose After moves time forward and fires at
// once, so that no test sleeps. (The tests against the emulator, in
// waiter_emulator_test.go, share privatelinktest's FakeClock instead;
// privatelinktest imports this package, so these cannot.)
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: waitEpoch}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	now := c.now
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	ch <- now
	return ch
}

func (c *fakeClock) slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// blockingClock never fires: a wait on it ends only through its context.
// sleeping receives each requested delay.
type blockingClock struct {
	sleeping chan time.Duration
}

func (blockingClock) Now() time.Time { return waitEpoch }

func (c blockingClock) After(d time.Duration) <-chan time.Time {
	c.sleeping <- d
	return make(chan time.Time)
}

// withJitterDraw pins the jitter draw, to run the schedule at its extremes.
func withJitterDraw(u float64) WaitOption {
	return waitOptionFunc(func(c *waitConfig) { c.draw = func() float64 { return u } })
}

// answer is one scripted answer of the fake service. Bodies may contain
// %d, replaced by the call number, so request IDs differ per poll.
type answer struct {
	status int
	body   string
	hangup bool // close the connection without answering
	cut    bool // send the headers and body, then close short of Content-Length
}

func attrs(status EndpointStatus, conn ConnectionStatus) answer {
	return attrsBusiness(status, conn, EndpointBusinessStatusNormal)
}

func attrsBusiness(status EndpointStatus, conn ConnectionStatus, business EndpointBusinessStatus) answer {
	return answer{status: http.StatusOK, body: fmt.Sprintf(
		`{"RequestId":"REQ-%%d","EndpointId":%q,"EndpointStatus":%q,"ConnectionStatus":%q,"EndpointBusinessStatus":%q}`,
		waitEndpointID, status, conn, business)}
}

func apiFailure(status int, code string) answer {
	return answer{status: status, body: `{"RequestId":"REQ-%d","HostId":"privatelink.cn-huhehaote.aliyuncs.com","Code":"` + code + `","Message":"scripted"}`}
}

var (
	notFound           = apiFailure(http.StatusBadRequest, ErrCodeEndpointNotFound)
	throttled          = apiFailure(http.StatusBadRequest, ErrCodeThrottlingUser)
	creating           = attrs(EndpointStatusCreating, ConnectionStatusDisconnected)
	active             = attrs(EndpointStatusActive, ConnectionStatusConnected)
	activeDisconnected = attrs(EndpointStatusActive, ConnectionStatusDisconnected)
)

// repeat returns n copies of a, for scripts with long runs of one answer.
func repeat(a answer, n int) []answer {
	out := make([]answer, n)
	for i := range out {
		out[i] = a
	}
	return out
}

// seq joins answers and runs of answers into one script.
func seq(parts ...any) []answer {
	var out []answer
	for _, p := range parts {
		switch p := p.(type) {
		case answer:
			out = append(out, p)
		case []answer:
			out = append(out, p...)
		default:
			panic(fmt.Sprintf("seq: %T", p))
		}
	}
	return out
}

// script answers the calls to action with answers in turn, repeating the
// last, and returns the call counter.
func script(s *testServer, action string, answers ...answer) *atomic.Int32 {
	var n atomic.Int32
	s.handleFunc(action, func(w http.ResponseWriter, call apiCall) {
		i := int(n.Add(1))
		if action == "GetVpcEndpointAttribute" && call.Params["EndpointId"] != waitEndpointID {
			s.t.Errorf("EndpointId = %q, want %q", call.Params["EndpointId"], waitEndpointID)
		}
		a := answers[min(i, len(answers))-1]
		if a.hangup {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		body := a.body
		if strings.Contains(body, "%d") {
			body = fmt.Sprintf(body, i)
		}
		if a.cut {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)+100))
		}
		writeJSON(w, a.status, body)
	})
	return &n
}

// waitSetup returns a client for a scripted fake service and a fake clock.
func waitSetup(t *testing.T, answers ...answer) (*Client, *testServer, *atomic.Int32, *fakeClock) {
	t.Helper()
	c, s := setup(t)
	n := script(s, "GetVpcEndpointAttribute", answers...)
	return c, s, n, newFakeClock()
}

// events collects the PollEvents of a wait.
type events struct {
	mu   sync.Mutex
	list []PollEvent
}

func (e *events) record(ev PollEvent) {
	e.mu.Lock()
	e.list = append(e.list, ev)
	e.mu.Unlock()
}

func (e *events) all() []PollEvent {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]PollEvent(nil), e.list...)
}

func requireWaitError(t *testing.T, err error) *WaitError {
	t.Helper()
	var we *WaitError
	require.ErrorAs(t, err, &we)
	return we
}

func TestWaitActivePollsPromptlyThenOnSchedule(t *testing.T) {
	c, _, n, clk := waitSetup(t, creating, creating, attrs(EndpointStatusPending, ConnectionStatusConnecting), active)
	var evs events
	resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitClock(clk), withJitterDraw(0), WaitOnPoll(evs.record))
	require.NoError(t, err)
	assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
	assert.Equal(t, "REQ-4", resp.RequestID)
	assert.EqualValues(t, 4, n.Load())
	// The first poll comes before any sleep; then the minimum interval.
	assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second, 5 * time.Second}, clk.slept())

	got := evs.all()
	require.Len(t, got, 4)
	wantStatus := []EndpointStatus{EndpointStatusCreating, EndpointStatusCreating, EndpointStatusPending, EndpointStatusActive}
	for i, ev := range got {
		assert.Equal(t, i+1, ev.Attempt)
		assert.Equal(t, time.Duration(i)*5*time.Second, ev.Elapsed)
		assert.Equal(t, wantStatus[i], ev.Status)
		assert.Equal(t, fmt.Sprintf("REQ-%d", i+1), ev.RequestID)
		assert.Equal(t, waitEndpointID, ev.EndpointID)
		assert.NoError(t, ev.Err)
	}
	assert.Equal(t, ConnectionStatusConnecting, got[2].ConnectionStatus)
}

func TestWaitJitterOnlyLengthens(t *testing.T) {
	c, _, _, clk := waitSetup(t, creating, creating, active)
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitClock(clk), WaitJitter(0.2), withJitterDraw(1))
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{6 * time.Second, 6 * time.Second}, clk.slept())
}

func TestWaitTimeoutPollsAtTheDeadlineThenFails(t *testing.T) {
	c, _, n, clk := waitSetup(t, creating)
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitClock(clk), withJitterDraw(0), WaitTimeout(12*time.Second))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	we := requireWaitError(t, err)
	// Polls at 0, 5 and 10 s, then one last at the 12 s deadline.
	assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second, 2 * time.Second}, clk.slept())
	assert.EqualValues(t, 4, n.Load())
	assert.Equal(t, 4, we.Polls)
	assert.Equal(t, 12*time.Second, we.Elapsed)
	assert.Equal(t, waitEndpointID, we.EndpointID)
	assert.Equal(t, EndpointStatusCreating, we.LastStatus)
	assert.Equal(t, ConnectionStatusDisconnected, we.LastConnectionStatus)
	assert.Equal(t, "REQ-4", we.LastRequestID)
	assert.Equal(t, WaitTargetActive, we.Target)
	assert.Contains(t, err.Error(), waitEndpointID)
	assert.Contains(t, err.Error(), "REQ-4")
	assert.Contains(t, err.Error(), "Creating")
}

func TestWaitEndpointActiveAtTheDeadlineIsSuccess(t *testing.T) {
	c, _, _, clk := waitSetup(t, creating, creating, creating, active)
	resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitClock(clk), withJitterDraw(0), WaitTimeout(12*time.Second))
	require.NoError(t, err)
	assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
}

func TestWaitContextDeadlineWins(t *testing.T) {
	c, _, n, clk := waitSetup(t, creating)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := c.WaitUntilVpcEndpointActive(ctx, waitEndpointID, WaitClock(clk), WaitTimeout(time.Hour))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 0, requireWaitError(t, err).Polls)
	assert.EqualValues(t, 0, n.Load(), "no request after the deadline")
}

func TestWaitCancellationEndsTheSleepAtOnce(t *testing.T) {
	c, _, n, _ := waitSetup(t, creating)
	clk := blockingClock{sleeping: make(chan time.Duration)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	result := make(chan error, 1)
	go func() {
		_, err := c.WaitUntilVpcEndpointActive(ctx, waitEndpointID, WaitClock(clk))
		result <- err
	}()
	assert.Equal(t, DefaultWaitMinDelay, (<-clk.sleeping).Truncate(time.Second), "the waiter sleeps after its first poll")
	cancel()
	select {
	case err := <-result:
		require.ErrorIs(t, err, context.Canceled)
		we := requireWaitError(t, err)
		assert.Equal(t, 1, we.Polls)
		assert.Equal(t, EndpointStatusCreating, we.LastStatus)
		assert.Equal(t, "REQ-1", we.LastRequestID)
	case <-time.After(10 * time.Second):
		t.Fatal("the wait did not end when its context was cancelled")
	}
	assert.EqualValues(t, 1, n.Load())
}

func TestWaitResumesAfterCancellation(t *testing.T) {
	c, _, n, clk := waitSetup(t, creating, creating, active)
	w := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetActive, WaitClock(clk), withJitterDraw(0))
	done, last, err := w.Poll(context.Background())
	require.NoError(t, err)
	assert.False(t, done)
	assert.Equal(t, EndpointStatusCreating, last.EndpointStatus)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = w.Wait(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualValues(t, 1, n.Load(), "a cancelled context sends nothing")

	resp, err := w.Wait(context.Background())
	require.NoError(t, err, "a wait ended by its context resumes")
	assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
	assert.EqualValues(t, 3, n.Load())
}

func TestWaitToleratesTransientErrors(t *testing.T) {
	c, _, n, clk := waitSetup(t,
		apiFailure(http.StatusBadRequest, ErrCodeThrottlingUser),
		apiFailure(http.StatusServiceUnavailable, ErrCodeThrottling),
		apiFailure(http.StatusInternalServerError, ErrCodeInternalError),
		apiFailure(http.StatusServiceUnavailable, ErrCodeServiceUnavailable),
		apiFailure(http.StatusBadRequest, "Throttling.SomethingNew"),
		answer{status: http.StatusBadGateway, body: "<html>502 Bad Gateway</html>"},
		answer{hangup: true},
		creating,
		active,
	)
	var evs events
	resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitClock(clk), withJitterDraw(0), WaitOnPoll(evs.record))
	require.NoError(t, err)
	assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
	assert.EqualValues(t, 9, n.Load())
	got := evs.all()
	require.Len(t, got, 9)
	for _, ev := range got[:7] {
		assert.Error(t, ev.Err, "poll %d", ev.Attempt)
		assert.Empty(t, ev.Status)
	}
	assert.Equal(t, "REQ-1", got[0].RequestID)
	assert.Equal(t, ErrCodeThrottlingUser, ErrorCode(got[0].Err))
}

// A poll whose body is cut off (here: a whole JSON object, short of its
// Content-Length) is tolerated like one that failed before the headers, and
// is never read as the endpoint's state.
func TestWaitToleratesACutPoll(t *testing.T) {
	cutActive := active
	cutActive.cut = true
	c, _, n, clk := waitSetup(t, cutActive, answer{hangup: true}, creating, active)
	var evs events
	resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitClock(clk), withJitterDraw(0), WaitOnPoll(evs.record))
	require.NoError(t, err)
	assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
	assert.EqualValues(t, 4, n.Load())
	got := evs.all()
	require.Len(t, got, 4)
	assert.ErrorIs(t, got[0].Err, io.ErrUnexpectedEOF)
	assert.Empty(t, got[0].Status, "a cut answer is not a reading")
	assert.True(t, IsRetryable(got[0].Err))
}

func TestWaitNonRetryableErrorEndsAtOnce(t *testing.T) {
	for _, code := range []string{ErrCodeForbiddenRAM, ErrCodeSignatureDoesNotMatch, ErrCodeInvalidParameter} {
		t.Run(code, func(t *testing.T) {
			c, _, n, clk := waitSetup(t, creating, apiFailure(http.StatusForbidden, code), active)
			_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk))
			we := requireWaitError(t, err)
			assert.Equal(t, code, ErrorCode(err), "the service error is in the chain")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "REQ-2", we.LastRequestID)
			assert.Equal(t, EndpointStatusCreating, we.LastStatus, "the last observed status survives the failed poll")
			assert.Equal(t, 2, we.Polls)
			assert.EqualValues(t, 2, n.Load())
			assert.Len(t, clk.slept(), 1)
		})
	}
}

func TestWaitNotFound(t *testing.T) {
	t.Run("tolerated with a grace, as right after a create elsewhere", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, notFound, notFound, creating, active)
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitNotFoundGrace(DefaultNotFoundGrace))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		assert.EqualValues(t, 4, n.Load())
	})
	t.Run("the grace ends at DefaultNotFoundGrace", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, notFound)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), withJitterDraw(0), WaitNotFoundGrace(DefaultNotFoundGrace))
		require.True(t, IsNotFound(err), "%v", err)
		we := requireWaitError(t, err)
		// Polls at 0, 5, ..., 30 s: the one at 30 s is past the grace.
		assert.Equal(t, DefaultNotFoundGrace, we.Elapsed)
		assert.Equal(t, 7, we.Polls)
		assert.EqualValues(t, 7, n.Load())
		assert.NoError(t, we.LastErr, "the cause is the last poll's error; no need to repeat it")
	})
	t.Run("WaitNotFoundGrace(0): a wrong ID fails at once", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, notFound, active)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitNotFoundGrace(0))
		require.True(t, IsNotFound(err), "%v", err)
		assert.Equal(t, 1, requireWaitError(t, err).Polls)
		assert.EqualValues(t, 1, n.Load())
	})
	t.Run("tolerated within the grace", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, notFound, notFound, notFound, creating, active)
		var evs events
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
			WaitClock(clk), withJitterDraw(0), WaitNotFoundGrace(30*time.Second), WaitOnPoll(evs.record))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		assert.EqualValues(t, 5, n.Load())
		assert.True(t, IsNotFound(evs.all()[0].Err), "tolerated errors reach OnPoll")
	})
	t.Run("fails once the grace is over", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, notFound)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
			WaitClock(clk), withJitterDraw(0), WaitNotFoundGrace(12*time.Second))
		require.True(t, IsNotFound(err), "%v", err)
		we := requireWaitError(t, err)
		// Polls at 0, 5, 10 (within the grace) and 15 s (past it).
		assert.Equal(t, 4, we.Polls)
		assert.Equal(t, 15*time.Second, we.Elapsed)
		assert.EqualValues(t, 4, n.Load())
	})
	t.Run("an endpoint that was seen and vanishes fails at once", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, creating, notFound, active)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
			WaitClock(clk), WaitNotFoundGrace(time.Hour))
		require.True(t, IsNotFound(err), "%v", err)
		we := requireWaitError(t, err)
		assert.Equal(t, EndpointStatusCreating, we.LastStatus)
		assert.EqualValues(t, 2, n.Load())
	})
}

func TestWaitTerminalStates(t *testing.T) {
	tests := []struct {
		name      string
		opts      []WaitOption
		answers   []answer
		polls     int
		status    EndpointStatus
		conn      ConnectionStatus
		business  EndpointBusinessStatus
		reasonHas string
	}{
		{
			name:    "deleting while waiting for Active",
			answers: []answer{creating, attrs(EndpointStatusDeleting, ConnectionStatusDeleting)},
			polls:   2, status: EndpointStatusDeleting, conn: ConnectionStatusDeleting, business: EndpointBusinessStatusNormal,
			reasonHas: "deleted",
		},
		{
			name:    "financially locked",
			answers: []answer{attrsBusiness(EndpointStatusCreating, ConnectionStatusDisconnected, EndpointBusinessStatusFinancialLocked)},
			polls:   1, status: EndpointStatusCreating, conn: ConnectionStatusDisconnected, business: EndpointBusinessStatusFinancialLocked,
			reasonHas: "FinancialLocked",
		},
		{
			name:    "service deleted while waiting for Connected",
			opts:    []WaitOption{WaitConnected()},
			answers: []answer{creating, attrs(EndpointStatusActive, ConnectionStatusServiceDeleted)},
			polls:   2, status: EndpointStatusActive, conn: ConnectionStatusServiceDeleted, business: EndpointBusinessStatusNormal,
			reasonHas: "ServiceDeleted",
		},
		{
			name:    "connection deleting while waiting for Connected",
			opts:    []WaitOption{WaitConnected()},
			answers: []answer{attrs(EndpointStatusActive, ConnectionStatusDeleting)},
			polls:   1, status: EndpointStatusActive, conn: ConnectionStatusDeleting, business: EndpointBusinessStatusNormal,
			reasonHas: "Deleting",
		},
		{
			// Polls at 0, 5, 10 and 15 s: Disconnected since 5 s, so for the
			// 10 s grace at 15 s.
			name:    "connection of the Active endpoint Disconnected for the grace",
			opts:    []WaitOption{WaitConnected(), WaitDisconnectedGrace(10 * time.Second), withJitterDraw(0)},
			answers: []answer{creating, activeDisconnected, activeDisconnected, activeDisconnected, active},
			polls:   4, status: EndpointStatusActive, conn: ConnectionStatusDisconnected, business: EndpointBusinessStatusNormal,
			reasonHas: "Disconnected for 10s",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, n, clk := waitSetup(t, tt.answers...)
			_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, append(tt.opts, WaitClock(clk))...)
			require.ErrorIs(t, err, ErrUnexpectedState)
			we := requireWaitError(t, err)
			assert.Equal(t, waitEndpointID, we.EndpointID)
			assert.Equal(t, tt.polls, we.Polls)
			assert.EqualValues(t, tt.polls, n.Load(), "the wait ends at once")
			assert.Equal(t, tt.status, we.LastStatus)
			assert.Equal(t, tt.conn, we.LastConnectionStatus)
			assert.Equal(t, tt.business, we.LastBusinessStatus)
			assert.Equal(t, fmt.Sprintf("REQ-%d", tt.polls), we.LastRequestID)
			assert.Contains(t, we.Reason, tt.reasonHas)
			assert.Contains(t, err.Error(), tt.reasonHas)
		})
	}
}

func TestWaitConnected(t *testing.T) {
	t.Run("one Disconnected reading of the Active endpoint is tolerated", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, creating, attrs(EndpointStatusActive, ConnectionStatusDisconnected),
			attrs(EndpointStatusActive, ConnectionStatusConnecting), attrs(EndpointStatusActive, ConnectionStatusDisconnected),
			attrs(EndpointStatusActive, ConnectionStatusPending), active)
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected())
		require.NoError(t, err)
		assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
		assert.EqualValues(t, 6, n.Load())
	})
	t.Run("Disconnected readings close together are tolerated", func(t *testing.T) {
		// Polls every 200 ms; the connection comes up 1.6 s after Active.
		c, _, n, clk := waitSetup(t, seq(creating, repeat(activeDisconnected, 8), active)...)
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected(),
			WaitMinDelay(200*time.Millisecond), WaitMaxDelay(200*time.Millisecond))
		require.NoError(t, err)
		assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
		assert.EqualValues(t, 10, n.Load())
	})
	t.Run("a connection that takes a minute after Active on the default schedule", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, seq(creating, repeat(activeDisconnected, 12), active)...)
		var evs events
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected(),
			withJitterDraw(0), WaitOnPoll(evs.record))
		require.NoError(t, err)
		assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
		assert.EqualValues(t, 14, n.Load())
		got := evs.all()
		assert.GreaterOrEqual(t, got[12].Elapsed-got[1].Elapsed, 55*time.Second, "Disconnected from the second to the 13th poll")
	})
	t.Run("fails once Disconnected for the default grace", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, creating, activeDisconnected)
		var evs events
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected(),
			withJitterDraw(0), WaitOnPoll(evs.record))
		require.ErrorIs(t, err, ErrUnexpectedState)
		we := requireWaitError(t, err)
		assert.Equal(t, ConnectionStatusDisconnected, we.LastConnectionStatus)
		got := evs.all()
		require.Len(t, got, we.Polls)
		assert.EqualValues(t, we.Polls, n.Load())
		first, last, before := got[1].Elapsed, got[len(got)-1].Elapsed, got[len(got)-2].Elapsed
		assert.Equal(t, we.Elapsed, last)
		assert.GreaterOrEqual(t, last-first, DefaultDisconnectedGrace, "not before the grace")
		assert.Less(t, before-first, DefaultDisconnectedGrace, "at the first poll past it")
		assert.Contains(t, we.Reason, "Disconnected for")
	})
	t.Run("any other reading restarts the window", func(t *testing.T) {
		// Polls every 5 s: Disconnected for 5 s at most in a row, 25 s in
		// all, against a 10 s grace.
		pending := attrs(EndpointStatusActive, ConnectionStatusPending)
		connecting := attrs(EndpointStatusActive, ConnectionStatusConnecting)
		c, _, n, clk := waitSetup(t, creating, activeDisconnected, activeDisconnected, connecting, activeDisconnected,
			activeDisconnected, pending, activeDisconnected, activeDisconnected, active)
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected(),
			WaitDisconnectedGrace(10*time.Second), withJitterDraw(0))
		require.NoError(t, err)
		assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
		assert.EqualValues(t, 10, n.Load())
	})
	t.Run("failed polls do not restart the window", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, creating, activeDisconnected, throttled, activeDisconnected, active)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected(),
			WaitDisconnectedGrace(10*time.Second), withJitterDraw(0))
		require.ErrorIs(t, err, ErrUnexpectedState)
		we := requireWaitError(t, err)
		assert.Equal(t, 4, we.Polls)
		assert.EqualValues(t, 4, n.Load())
		assert.NoError(t, we.LastErr, "the last poll succeeded")
	})
	t.Run("a caller driving Poll in a loop fails on time, not on the number of polls", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, creating, activeDisconnected)
		w := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetActive, WaitClock(clk), WaitConnected())
		for i := 0; i < 20; i++ {
			done, last, err := w.Poll(context.Background())
			require.NoError(t, err, "poll %d", i+1)
			assert.False(t, done)
			clk.Advance(time.Second)
			if i > 0 {
				assert.Equal(t, ConnectionStatusDisconnected, last.ConnectionStatus)
			}
		}
		clk.Advance(DefaultDisconnectedGrace - 19*time.Second)
		_, _, err := w.Poll(context.Background())
		require.ErrorIs(t, err, ErrUnexpectedState)
		assert.EqualValues(t, 21, n.Load())
		assert.Equal(t, DefaultDisconnectedGrace+time.Second, requireWaitError(t, err).Elapsed)
	})
	t.Run("WaitDisconnectedGrace(0) fails at the first Disconnected reading", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, creating, activeDisconnected, active)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk), WaitConnected(),
			WaitDisconnectedGrace(0))
		require.ErrorIs(t, err, ErrUnexpectedState)
		assert.EqualValues(t, 2, n.Load())
	})
	t.Run("without WaitConnected Active is enough", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, attrs(EndpointStatusActive, ConnectionStatusDisconnected))
		resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		assert.EqualValues(t, 1, n.Load())
	})
}

func TestWaitDeleted(t *testing.T) {
	t.Run("EndpointNotFound is success", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, attrs(EndpointStatusActive, ConnectionStatusConnected),
			attrs(EndpointStatusDeleting, ConnectionStatusDeleting), apiFailure(http.StatusServiceUnavailable, ErrCodeServiceUnavailable), notFound)
		var evs events
		err := c.WaitUntilVpcEndpointDeleted(context.Background(), waitEndpointID, WaitClock(clk), withJitterDraw(0), WaitOnPoll(evs.record))
		require.NoError(t, err)
		assert.EqualValues(t, 4, n.Load())
		got := evs.all()
		require.Len(t, got, 4)
		assert.True(t, IsNotFound(got[3].Err), "OnPoll sees the answer that ends the wait")
	})
	t.Run("an endpoint that is not there at the first poll is deleted", func(t *testing.T) {
		// Idempotent by design: the service cannot tell an endpoint
		// deleted long ago from a well-formed ID that never existed.
		c, _, n, clk := waitSetup(t, notFound)
		require.NoError(t, c.WaitUntilVpcEndpointDeleted(context.Background(), waitEndpointID, WaitClock(clk)))
		assert.EqualValues(t, 1, n.Load())
	})
	t.Run("the waiter returns the last answer before the endpoint was gone", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, attrs(EndpointStatusDeleting, ConnectionStatusDeleting), notFound)
		resp, err := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetDeleted, WaitClock(clk)).Wait(context.Background())
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusDeleting, resp.EndpointStatus)
	})
	t.Run("an error ends it", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, attrs(EndpointStatusDeleting, ConnectionStatusDeleting), apiFailure(http.StatusForbidden, ErrCodeForbiddenRAM))
		err := c.WaitUntilVpcEndpointDeleted(context.Background(), waitEndpointID, WaitClock(clk))
		we := requireWaitError(t, err)
		assert.Equal(t, WaitTargetDeleted, we.Target)
		assert.Equal(t, EndpointStatusDeleting, we.LastStatus)
		assert.Equal(t, ErrCodeForbiddenRAM, ErrorCode(err))
		assert.Contains(t, err.Error(), "to be deleted")
	})
	t.Run("times out", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, attrs(EndpointStatusDeleting, ConnectionStatusDeleting))
		err := c.WaitUntilVpcEndpointDeleted(context.Background(), waitEndpointID, WaitClock(clk), WaitTimeout(time.Minute))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, time.Minute, requireWaitError(t, err).Elapsed)
	})
}

func TestPollRepeatsTheOutcomeWithoutCalling(t *testing.T) {
	t.Run("success", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, active)
		w := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetActive, WaitClock(clk))
		for i := 0; i < 3; i++ {
			done, last, err := w.Poll(context.Background())
			require.NoError(t, err)
			assert.True(t, done)
			assert.Equal(t, EndpointStatusActive, last.EndpointStatus)
		}
		resp, err := w.Wait(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "REQ-1", resp.RequestID)
		assert.EqualValues(t, 1, n.Load())
	})
	t.Run("failure", func(t *testing.T) {
		c, _, n, clk := waitSetup(t, attrs(EndpointStatusDeleting, ConnectionStatusDeleting), active)
		w := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetActive, WaitClock(clk))
		_, _, first := w.Poll(context.Background())
		require.ErrorIs(t, first, ErrUnexpectedState)
		_, again := w.Wait(context.Background())
		assert.Same(t, first, again)
		assert.EqualValues(t, 1, n.Load())
	})
}

func TestWaitOptionsAreValidatedBeforeAnyCall(t *testing.T) {
	c, s := setup(t) // no handlers: any request fails the test
	opts := []WaitOption{
		WaitMinDelay(-time.Second), WaitMaxDelay(0), WaitJitter(1.5), WaitTimeout(-1),
		WaitNotFoundGrace(-1), WaitDisconnectedGrace(-time.Second), WaitClock(nil), WaitOption{},
	}
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, opts...)
	assert.Equal(t, []string{"Clock", "DisconnectedGrace", "Jitter", "MaxDelay", "MinDelay", "NotFoundGrace", "WaitTimeout"}, problemFields(t, err))

	_, err = c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitMinDelay(time.Minute), WaitMaxDelay(time.Second))
	requireProblem(t, err, "MaxDelay", "less than MinDelay")

	err = c.WaitUntilVpcEndpointDeleted(context.Background(), "")
	requireProblem(t, err, "EndpointID", "required")

	// A delete wait counts EndpointNotFound as success: an ID that cannot
	// name an endpoint must not pass for a deleted one.
	// (The bound only keeps a broken check from polling for long.)
	bounded, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, id := range []string{"typo", "vpc-hp3example", "ep-"} {
		err = c.WaitUntilVpcEndpointDeleted(bounded, id)
		requireProblem(t, err, "EndpointID", "starts with \"ep-\"")
		_, err = c.WaitUntilVpcEndpointActive(bounded, id)
		requireProblem(t, err, "EndpointID", "starts with \"ep-\"")
	}

	_, _, err = c.NewVpcEndpointWaiter(waitEndpointID, "Gone").Poll(context.Background())
	requireProblem(t, err, "WaitTarget", `does not take target "Gone"; it takes WaitTargetActive or WaitTargetDeleted`)

	_, err = c.CreateVpcEndpointAndWait(context.Background(), &CreateVpcEndpointRequest{}, WaitJitter(-1))
	requireProblem(t, err, "Jitter", "[0, 1]")
	assert.Empty(t, s.calls())
}

func TestWaitLogsEveryPollAtDebug(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, s := setup(t, WithLogger(logger))
	script(s, "GetVpcEndpointAttribute", creating, active)
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(newFakeClock()), withJitterDraw(0))
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	var polls []string
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "wait poll") {
			polls = append(polls, line)
		}
	}
	require.Len(t, polls, 2)
	for i, want := range []string{"status=Creating connection_status=Disconnected", "status=Active connection_status=Connected"} {
		assert.Contains(t, polls[i], "level=DEBUG")
		assert.Contains(t, polls[i], "endpoint_id="+waitEndpointID)
		assert.Contains(t, polls[i], fmt.Sprintf("poll=%d", i+1))
		assert.Contains(t, polls[i], fmt.Sprintf("elapsed=%v", time.Duration(i)*5*time.Second))
		assert.Contains(t, polls[i], want)
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestCreateVpcEndpointAndWait(t *testing.T) {
	req := &CreateVpcEndpointRequest{VpcID: "vpc-hp3test0vpc0000000001", ServiceID: "epsrv-hp3test0srv00000001", SecurityGroupIDs: []string{"sg-hp3test0sg000000000001"},
		Zones: []Zone{{ZoneID: "cn-huhehaote-a", VSwitchID: "vsw-hp3test0vsw0000000001"}}}
	created := answer{status: http.StatusOK, body: `{"RequestId":"CREATE-%d","EndpointId":"` + waitEndpointID + `","EndpointStatus":"Creating"}`}

	t.Run("tolerates NotFound right after the create", func(t *testing.T) {
		c, s, n, clk := waitSetup(t, notFound, creating, active)
		script(s, "CreateVpcEndpoint", created)
		resp, err := c.CreateVpcEndpointAndWait(context.Background(), req, WaitClock(clk))
		require.NoError(t, err)
		assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
		assert.Equal(t, waitEndpointID, resp.EndpointID)
		assert.EqualValues(t, 3, n.Load())
		calls := s.calls()
		require.Equal(t, "CreateVpcEndpoint", calls[0].Action)
		assert.NotEmpty(t, calls[0].Params["ClientToken"], "a token is generated")
	})
	t.Run("a failed wait carries the ClientToken", func(t *testing.T) {
		c, s, _, clk := waitSetup(t, creating, attrs(EndpointStatusDeleting, ConnectionStatusDeleting))
		script(s, "CreateVpcEndpoint", created)
		_, err := c.CreateVpcEndpointAndWait(context.Background(), req, WaitClock(clk))
		require.ErrorIs(t, err, ErrUnexpectedState)
		sent := s.calls()[0].Params["ClientToken"]
		we := requireWaitError(t, err)
		assert.Equal(t, sent, we.ClientToken)
		assert.Equal(t, waitEndpointID, we.EndpointID)
		assert.Equal(t, EndpointStatusDeleting, we.LastStatus)
		assert.Equal(t, "REQ-2", we.LastRequestID)
		token, ok := ClientTokenFromError(err)
		assert.True(t, ok)
		assert.Equal(t, sent, token)
		assert.Contains(t, err.Error(), sent)
	})
	t.Run("a timeout carries the ClientToken and counts the create", func(t *testing.T) {
		c, s, _, clk := waitSetup(t, notFound, notFound, creating)
		script(s, "CreateVpcEndpoint", created)
		withToken := *req
		withToken.ClientToken = "my-token-0001"
		_, err := c.CreateVpcEndpointAndWait(context.Background(), &withToken, WaitClock(clk), withJitterDraw(0), WaitTimeout(time.Minute))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		token, ok := ClientTokenFromError(err)
		assert.True(t, ok)
		assert.Equal(t, "my-token-0001", token)
		assert.Equal(t, "my-token-0001", s.calls()[0].Params["ClientToken"])
	})
	t.Run("NotFound past the default grace fails", func(t *testing.T) {
		c, s, n, clk := waitSetup(t, notFound)
		script(s, "CreateVpcEndpoint", created)
		_, err := c.CreateVpcEndpointAndWait(context.Background(), req, WaitClock(clk), withJitterDraw(0))
		require.True(t, IsNotFound(err))
		we := requireWaitError(t, err)
		assert.GreaterOrEqual(t, we.Elapsed, DefaultNotFoundGrace)
		// Polls at 0, 5, ..., 30 s: the one at 30 s is past the grace.
		assert.EqualValues(t, 7, n.Load())
		_, ok := ClientTokenFromError(err)
		assert.True(t, ok)
	})
	t.Run("a failed create returns its own error with the token", func(t *testing.T) {
		c, s, n, clk := waitSetup(t, active)
		script(s, "CreateVpcEndpoint", apiFailure(http.StatusInternalServerError, ErrCodeInternalError))
		_, err := c.CreateVpcEndpointAndWait(context.Background(), req, WaitClock(clk))
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, ErrCodeInternalError, apiErr.Code)
		token, ok := ClientTokenFromError(err)
		assert.True(t, ok)
		assert.Equal(t, s.calls()[0].Params["ClientToken"], token)
		assert.EqualValues(t, 0, n.Load(), "no wait after a failed create")
	})
	t.Run("an invalid request is refused before anything is sent", func(t *testing.T) {
		c, s, _, clk := waitSetup(t, active)
		_, err := c.CreateVpcEndpointAndWait(context.Background(), &CreateVpcEndpointRequest{}, WaitClock(clk))
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Empty(t, s.calls())
	})
}

func TestWaitErrorCarriesTheLastToleratedPollError(t *testing.T) {
	t.Run("timeout after tolerated errors", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, creating, throttled)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
			WaitClock(clk), withJitterDraw(0), WaitTimeout(12*time.Second))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		we := requireWaitError(t, err)
		require.Error(t, we.LastErr)
		assert.Equal(t, ErrCodeThrottlingUser, ErrorCode(we.LastErr))
		assert.Equal(t, EndpointStatusCreating, we.LastStatus)
		assert.Contains(t, err.Error(), "; last poll error: ")
		assert.Contains(t, err.Error(), ErrCodeThrottlingUser)
		assert.Empty(t, ErrorCode(err), "errors.As sees the cause, not the tolerated error")
	})
	t.Run("cancellation during the NotFound grace", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, notFound)
		w := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetActive, WaitClock(clk), WaitNotFoundGrace(DefaultNotFoundGrace))
		_, _, err := w.Poll(context.Background())
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = w.Wait(ctx)
		require.ErrorIs(t, err, context.Canceled)
		we := requireWaitError(t, err)
		assert.True(t, IsNotFound(we.LastErr), "%v", we.LastErr)
		assert.False(t, IsNotFound(err))
	})
	t.Run("cleared by a successful poll", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, throttled, throttled, creating)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
			WaitClock(clk), withJitterDraw(0), WaitTimeout(12*time.Second))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.NoError(t, requireWaitError(t, err).LastErr)
		assert.NotContains(t, err.Error(), "last poll error")
	})
	t.Run("not set when a poll error ends the wait", func(t *testing.T) {
		c, _, _, clk := waitSetup(t, throttled, apiFailure(http.StatusForbidden, ErrCodeForbiddenRAM))
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitClock(clk))
		we := requireWaitError(t, err)
		assert.Equal(t, ErrCodeForbiddenRAM, ErrorCode(err))
		assert.NoError(t, we.LastErr)
	})
}

func TestWaitErrorMessage(t *testing.T) {
	e := &WaitError{
		EndpointID: "ep-1", ClientToken: "tok", Target: WaitTargetActive,
		LastStatus: EndpointStatusActive, LastConnectionStatus: ConnectionStatusDisconnected,
		LastBusinessStatus: EndpointBusinessStatusFinancialLocked, LastRequestID: "REQ-9",
		Polls: 9, Elapsed: 75 * time.Second, Reason: "endpoint is FinancialLocked (overdue payment)", Err: ErrUnexpectedState,
	}
	assert.Equal(t, "privatelink: waiting for endpoint ep-1 to be Active: endpoint is FinancialLocked (overdue payment)"+
		" (9 polls in 1m15s; last status Active, connection Disconnected, business status FinancialLocked; RequestId REQ-9; ClientToken tok): "+
		ErrUnexpectedState.Error(), e.Error())
	assert.True(t, errors.Is(e, ErrUnexpectedState))

	tolerated := errors.New("throttled")
	timedOut := &WaitError{
		EndpointID: "ep-2", Target: WaitTargetActive, LastStatus: EndpointStatusCreating, LastConnectionStatus: ConnectionStatusDisconnected,
		Polls: 4, Elapsed: 12 * time.Second, Reason: "timed out after 12s", Err: context.DeadlineExceeded, LastErr: tolerated,
	}
	assert.Equal(t, "privatelink: waiting for endpoint ep-2 to be Active: timed out after 12s"+
		" (4 polls in 12s; last status Creating, connection Disconnected; last poll error: throttled): context deadline exceeded", timedOut.Error())
	assert.True(t, errors.Is(timedOut, context.DeadlineExceeded))
	assert.False(t, errors.Is(timedOut, tolerated), "LastErr is not in the chain")

	bare := &WaitError{Target: WaitTargetDeleted, Reason: "context done while waiting", Err: context.Canceled}
	assert.Equal(t, "privatelink: waiting for endpoint to be deleted: context done while waiting (0 polls in 0s): context canceled", bare.Error())
}

func TestWaitOnTheRealClock(t *testing.T) {
	c, _, n, _ := waitSetup(t, creating, creating, active)
	start := time.Now()
	resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID,
		WaitMinDelay(time.Millisecond), WaitMaxDelay(2*time.Millisecond), WaitTimeout(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, EndpointStatusActive, resp.EndpointStatus)
	assert.EqualValues(t, 3, n.Load())
	assert.GreaterOrEqual(t, time.Since(start), 2*time.Millisecond, "two sleeps of at least MinDelay")
}
