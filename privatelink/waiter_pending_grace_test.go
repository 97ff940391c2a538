package privatelink

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pendingGraceWaits are the waits for a Connected connection, each able to
// replay a script of connection states: the consumer's (an Active endpoint
// with WaitConnected), the provider's connection wait, and the provider's
// zone connection wait, whose zone cannot connect while its connection is
// Pending. A status of
// graceThrottled stands for a throttled poll.
var pendingGraceWaits = []struct {
	name string
	wait func(t *testing.T, script []ConnectionStatus, opts ...WaitOption) error
}{
	{"endpoint with WaitConnected", func(t *testing.T, script []ConnectionStatus, opts ...WaitOption) error {
		answers := make([]answer, len(script))
		for i, st := range script {
			answers[i] = throttled
			if st != graceThrottled {
				answers[i] = attrs(EndpointStatusActive, st)
			}
		}
		c, _, _, clk := waitSetup(t, answers...)
		_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, append(opts, WaitClock(clk), WaitConnected())...)
		return err
	}},
	{"provider's connection wait", func(t *testing.T, script []ConnectionStatus, opts ...WaitOption) error {
		c, s := setup(t)
		checkConnectionQuery(t, s, connectionScript(script)...)
		_, err := c.WaitUntilVpcEndpointConnectionStatus(context.Background(), waitServiceID, waitEndpointID, WaitTargetConnected,
			append(opts, WaitClock(newFakeClock()))...)
		return err
	}},
	{"provider's zone connection wait", func(t *testing.T, script []ConnectionStatus, opts ...WaitOption) error {
		c, s := setup(t)
		checkConnectionQuery(t, s, connectionScript(script)...)
		_, err := c.WaitUntilVpcEndpointZoneConnectionStatus(context.Background(), waitServiceID, waitEndpointID, waitZoneA, WaitTargetConnected,
			append(opts, WaitClock(newFakeClock()))...)
		return err
	}},
}

const graceThrottled ConnectionStatus = "(throttled)"

// connectionScript turns connection states into ListVpcEndpointConnections
// answers whose zone A follows the connection.
func connectionScript(script []ConnectionStatus) []answer {
	zoneOf := map[ConnectionStatus]ZoneStatus{
		ConnectionStatusPending: ZoneStatusWait, ConnectionStatusConnecting: ZoneStatusConnecting,
		ConnectionStatusConnected: ZoneStatusConnected, ConnectionStatusDisconnected: ZoneStatusDisconnected,
	}
	answers := make([]answer, len(script))
	for i, st := range script {
		answers[i] = throttled
		if st != graceThrottled {
			answers[i] = connection(st, zoneOf[st])
		}
	}
	return answers
}

// TestWaitPendingGrace replays scripted readings, one poll every 5 s, against
// the WaitPendingGrace window of every wait for a Connected connection: the
// window is time from the first Pending reading of a run; any other reading
// restarts it; failed polls, which read nothing, neither extend nor end it.
// The script's last reading repeats.
func TestWaitPendingGrace(t *testing.T) {
	const (
		P = ConnectionStatusPending
		K = ConnectionStatusConnecting
		C = ConnectionStatusConnected
		D = ConnectionStatusDisconnected
		T = graceThrottled
	)
	cases := []struct {
		name   string
		grace  time.Duration
		script []ConnectionStatus
		// polls is the number of polls until the wait ends; pendingFor,
		// if not zero, is how long the connection read Pending when the
		// wait failed with ErrConnectionPending. failAtOnce says it fails
		// with a grace of 0.
		polls      int
		pendingFor time.Duration
		failAtOnce bool
	}{
		{name: "Pending for the grace fails at the first poll past it", grace: 10 * time.Second,
			script: []ConnectionStatus{K, P}, polls: 4, pendingFor: 10 * time.Second},
		{name: "accepted within the grace", grace: 10 * time.Second,
			script: []ConnectionStatus{P, P, K, C}, polls: 4},
		{name: "a Connecting reading restarts the window", grace: 10 * time.Second,
			script: []ConnectionStatus{P, P, K, P, P, C}, polls: 6},
		{name: "the restarted window runs the whole grace", grace: 10 * time.Second,
			script: []ConnectionStatus{P, P, K, P}, polls: 6, pendingFor: 10 * time.Second},
		{name: "a Disconnected reading restarts the window too", grace: 10 * time.Second,
			script: []ConnectionStatus{P, P, D, P, P, C}, polls: 6},
		{name: "a failed poll does not end the window", grace: 10 * time.Second,
			script: []ConnectionStatus{P, T, P}, polls: 3, pendingFor: 10 * time.Second},
		{name: "failed polls do not extend the window", grace: 10 * time.Second,
			script: []ConnectionStatus{P, T, T, C}, polls: 4},
		{name: "WaitPendingGrace(0) fails on the first Pending reading",
			script: []ConnectionStatus{K, K, P}, polls: 3, failAtOnce: true},
	}
	for _, w := range pendingGraceWaits {
		for _, tc := range cases {
			t.Run(w.name+"/"+tc.name, func(t *testing.T) {
				var evs events
				err := w.wait(t, tc.script, WaitPendingGrace(tc.grace), withJitterDraw(0), WaitOnPoll(evs.record))
				got := evs.all()
				require.Len(t, got, tc.polls)
				for i, ev := range got {
					assert.Equal(t, time.Duration(i)*5*time.Second, ev.Elapsed, "poll %d", i+1)
				}
				if tc.pendingFor == 0 && !tc.failAtOnce {
					require.NoError(t, err)
					assert.Equal(t, C, got[len(got)-1].ConnectionStatus)
					return
				}
				we := requireWaitError(t, err)
				assert.ErrorIs(t, err, ErrConnectionPending)
				assert.NotErrorIs(t, err, ErrUnexpectedState, "Pending can still change")
				assert.Equal(t, tc.polls, we.Polls)
				assert.Equal(t, P, we.LastConnectionStatus)
				assert.Contains(t, we.Reason, fmt.Sprintf("Pending for %v: ", tc.pendingFor))
				assert.Contains(t, we.Reason, "EnableVpcEndpointConnection")
			})
		}
	}
}

// A WaitTimeout shorter than the pending grace ends the wait with
// context.DeadlineExceeded, and when the connection last read Pending the
// error says so and what to do, as ErrConnectionPending's reason would.
func TestWaitTimeoutWhilePendingSaysWhy(t *testing.T) {
	const P, K = ConnectionStatusPending, ConnectionStatusConnecting
	for _, w := range pendingGraceWaits {
		t.Run(w.name, func(t *testing.T) {
			// Polls at 0, 5, 10, 15 and 20 s, the last at the timeout.
			err := w.wait(t, []ConnectionStatus{K, P}, WaitTimeout(20*time.Second), WaitPendingGrace(time.Minute), withJitterDraw(0))
			we := requireWaitError(t, err)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.NotErrorIs(t, err, ErrConnectionPending, "the grace did not run out")
			assert.Equal(t, 5, we.Polls)
			assert.True(t, strings.HasPrefix(we.Reason, "timed out after 20s; "), we.Reason)
			assert.Contains(t, we.Reason, "Pending for 15s: ")
			assert.Contains(t, we.Reason, "must accept this one with EnableVpcEndpointConnection (or give the wait a longer WaitTimeout)")

			// A connection that last read something else times out plainly.
			err = w.wait(t, []ConnectionStatus{P, K}, WaitTimeout(20*time.Second), WaitPendingGrace(time.Minute), withJitterDraw(0))
			we = requireWaitError(t, err)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, "timed out after 20s", we.Reason)
		})
	}
}
