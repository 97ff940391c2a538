package privatelink

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	waitServiceID = "epsrv-waiter0test01"
	waitZoneA     = "cn-huhehaote-a"
	waitZoneB     = "cn-huhehaote-b"
)

func service(status ServiceStatus, business ServiceBusinessStatus) answer {
	return answer{status: http.StatusOK, body: fmt.Sprintf(
		`{"RequestId":"REQ-%%d","ServiceId":%q,"ServiceStatus":%q,"ServiceBusinessStatus":%q}`, waitServiceID, status, business)}
}

// connection is a ListVpcEndpointConnections page with the waited-for
// connection, its zone A in zoneA and zone B Connected.
func connection(status ConnectionStatus, zoneA ZoneStatus) answer {
	return answer{status: http.StatusOK, body: fmt.Sprintf(
		`{"RequestId":"REQ-%%d","TotalCount":"1","Connections":[{"EndpointId":%q,"ServiceId":%q,"ConnectionStatus":%q,"EndpointOwnerId":9223372036854775807,`+
			`"Zones":[{"ZoneId":%q,"ZoneStatus":%q},{"ZoneId":%q,"ZoneStatus":"Connected"}]}]}`,
		waitEndpointID, waitServiceID, status, waitZoneA, zoneA, waitZoneB)}
}

var (
	noConnection     = answer{status: http.StatusOK, body: `{"RequestId":"REQ-%d","TotalCount":"0","Connections":[]}`}
	serviceNotFound  = apiFailure(http.StatusBadRequest, ErrCodeEndpointServiceNotFound)
	serviceCreating  = service(ServiceStatusCreating, ServiceBusinessStatusNormal)
	serviceActive    = service(ServiceStatusActive, ServiceBusinessStatusNormal)
	connPending      = connection(ConnectionStatusPending, ZoneStatusWait)
	connConnected    = connection(ConnectionStatusConnected, ZoneStatusConnected)
	connDisconnected = connection(ConnectionStatusDisconnected, ZoneStatusDisconnected)
)

// checkConnectionQuery makes the fake service check that the connection
// waits filter by service and endpoint.
func checkConnectionQuery(t *testing.T, s *testServer, answers ...answer) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	s.handleFunc("ListVpcEndpointConnections", func(w http.ResponseWriter, call apiCall) {
		assert.Equal(t, map[string]string{"ServiceId": waitServiceID, "EndpointId": waitEndpointID}, call.Params)
		mu.Lock()
		n++
		a := answers[min(n, len(answers))-1]
		mu.Unlock()
		writeJSON(w, a.status, strings.ReplaceAll(a.body, "%d", fmt.Sprint(n)))
	})
}

func TestServiceWaiterActive(t *testing.T) {
	c, s := setup(t)
	n := script(s, "GetVpcEndpointServiceAttribute", serviceNotFound, serviceCreating, throttled, serviceCreating, serviceActive)
	clk := newFakeClock()
	var evs events
	resp, err := c.WaitUntilVpcEndpointServiceActive(context.Background(), waitServiceID, WaitClock(clk), WaitJitter(0), WaitOnPoll(evs.record),
		WaitNotFoundGrace(DefaultNotFoundGrace))
	require.NoError(t, err)
	assert.Equal(t, ServiceStatusActive, resp.ServiceStatus)
	assert.Equal(t, "REQ-5", resp.RequestID)
	assert.EqualValues(t, 5, n.Load())
	assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second}, clk.slept(), "the endpoint waiter's schedule")
	got := evs.all()
	require.Len(t, got, 5)
	assert.Equal(t, ErrCodeEndpointServiceNotFound, ErrorCode(got[0].Err), "not found within the grace is tolerated")
	assert.Equal(t, ServiceStatusCreating, got[1].ServiceStatus)
	assert.Equal(t, waitServiceID, got[4].ServiceID)
	assert.Equal(t, 5, got[4].Attempt)
}

func TestServiceWaiterTerminalStates(t *testing.T) {
	for name, a := range map[string]answer{
		"Deleting":        service(ServiceStatusDeleting, ServiceBusinessStatusNormal),
		"FinancialLocked": service(ServiceStatusActive, ServiceBusinessStatusFinancialLocked),
	} {
		t.Run(name, func(t *testing.T) {
			c, s := setup(t)
			n := script(s, "GetVpcEndpointServiceAttribute", serviceCreating, a)
			w := c.NewVpcEndpointServiceWaiter(waitServiceID, WaitTargetActive, WaitClock(newFakeClock()))
			_, err := w.Wait(context.Background())
			we := requireWaitError(t, err)
			assert.ErrorIs(t, err, ErrUnexpectedState)
			assert.Equal(t, waitServiceID, we.ServiceID)
			assert.Equal(t, 2, we.Polls)
			assert.Contains(t, we.Error(), "privatelink: NewVpcEndpointServiceWaiter: waiting for endpoint service "+waitServiceID+" to be Active: ")
			assert.Contains(t, we.Error(), "last service status")
			// The outcome is repeated without another call.
			done, last, again := w.Poll(context.Background())
			assert.False(t, done)
			require.NotNil(t, last, "Poll returns the last answer")
			assert.Same(t, we, requireWaitError(t, again))
			assert.EqualValues(t, 2, n.Load())
		})
	}
}

func TestServiceWaiterNotFound(t *testing.T) {
	c, s := setup(t)
	script(s, "GetVpcEndpointServiceAttribute", serviceNotFound)
	_, err := c.NewVpcEndpointServiceWaiter(waitServiceID, WaitTargetActive, WaitClock(newFakeClock())).Wait(context.Background())
	we := requireWaitError(t, err)
	assert.Equal(t, ErrCodeEndpointServiceNotFound, ErrorCode(err), "the not-found error is the cause")
	assert.Equal(t, 1, we.Polls)

	c, s = setup(t)
	script(s, "GetVpcEndpointServiceAttribute", serviceCreating, serviceNotFound)
	_, err = c.NewVpcEndpointServiceWaiter(waitServiceID, WaitTargetActive, WaitClock(newFakeClock()), WaitNotFoundGrace(time.Hour)).Wait(context.Background())
	assert.Contains(t, requireWaitError(t, err).Reason, "disappeared", "once seen, the grace no longer applies")
}

func TestServiceWaiterDeleted(t *testing.T) {
	c, s := setup(t)
	n := script(s, "GetVpcEndpointServiceAttribute", serviceActive, service(ServiceStatusDeleting, ServiceBusinessStatusNormal), serviceNotFound)
	require.NoError(t, c.WaitUntilVpcEndpointServiceDeleted(context.Background(), waitServiceID, WaitClock(newFakeClock())))
	assert.EqualValues(t, 3, n.Load())
}

func TestConnectionWaiterProviderView(t *testing.T) {
	c, s := setup(t)
	checkConnectionQuery(t, s, noConnection, connPending, throttled, connection(ConnectionStatusConnecting, ZoneStatusConnecting), connConnected)
	conn, err := c.WaitUntilVpcEndpointConnectionStatus(context.Background(), waitServiceID, waitEndpointID, WaitTargetConnected, WaitClock(newFakeClock()),
		WaitNotFoundGrace(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, ConnectionStatusConnected, conn.ConnectionStatus)
	assert.Equal(t, int64(9223372036854775807), conn.EndpointOwnerID)

	c, s = setup(t)
	checkConnectionQuery(t, s, connConnected, connection(ConnectionStatusDisconnecting, ZoneStatusDisconnecting), connDisconnected)
	conn, err = c.WaitUntilVpcEndpointConnectionStatus(context.Background(), waitServiceID, waitEndpointID, WaitTargetDisconnected, WaitClock(newFakeClock()))
	require.NoError(t, err)
	assert.Equal(t, ConnectionStatusDisconnected, conn.ConnectionStatus)
}

// A Connected wait on a connection the provider rejected fails, typed,
// once it has read Disconnected for the grace, and not before.
func TestConnectionWaiterRejected(t *testing.T) {
	c, s := setup(t)
	checkConnectionQuery(t, s, seq(connPending, connDisconnected, connPending, repeat(connDisconnected, 100))...)
	clk := newFakeClock()
	_, err := c.WaitUntilVpcEndpointConnectionStatus(context.Background(), waitServiceID, waitEndpointID, WaitTargetConnected,
		WaitClock(clk), WaitJitter(0), WaitDisconnectedGrace(20*time.Second))
	we := requireWaitError(t, err)
	assert.ErrorIs(t, err, ErrConnectionRejected)
	assert.ErrorIs(t, err, ErrUnexpectedState)
	assert.Equal(t, ConnectionStatusDisconnected, we.LastConnectionStatus)
	// Poll 3 (Pending) restarts the window: polls 4 to 8 span 20 s.
	assert.Equal(t, 8, we.Polls)
	assert.Contains(t, we.Error(), "waiting for the connection of endpoint "+waitEndpointID+" to service "+waitServiceID+" to be Connected: connection Disconnected for 20s")
	assert.Contains(t, we.Error(), "; last connection status Disconnected;")
	assert.NotContains(t, we.Error(), "last status unknown")
}

func TestConnectionWaiterTerminal(t *testing.T) {
	for _, target := range []WaitTarget{WaitTargetConnected, WaitTargetDisconnected} {
		c, s := setup(t)
		checkConnectionQuery(t, s, connPending, connection(ConnectionStatusServiceDeleted, ZoneStatusDisconnected))
		_, err := c.WaitUntilVpcEndpointConnectionStatus(context.Background(), waitServiceID, waitEndpointID, target, WaitClock(newFakeClock()))
		assert.ErrorIs(t, err, ErrUnexpectedState, "target %s", target)
		assert.NotErrorIs(t, err, ErrConnectionRejected)
	}
}

// The consumer's view is the endpoint wait with WaitConnected: a creating
// endpoint's Disconnected says nothing, however long it lasts; an Active
// endpoint's counts.
func TestConnectionWaiterConsumerView(t *testing.T) {
	c, _, n, clk := waitSetup(t, seq(repeat(creating, 40), attrs(EndpointStatusActive, ConnectionStatusConnecting), active)...)
	resp, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitConnected(),
		WaitClock(clk), WaitDisconnectedGrace(10*time.Second))
	require.NoError(t, err)
	assert.Equal(t, ConnectionStatusConnected, resp.ConnectionStatus)
	assert.EqualValues(t, 42, n.Load())

	c, _, _, clk = waitSetup(t, creating, activeDisconnected)
	_, err = c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitConnected(),
		WaitClock(clk), WaitDisconnectedGrace(10*time.Second))
	assert.ErrorIs(t, err, ErrConnectionRejected)
	assert.ErrorIs(t, err, ErrUnexpectedState)
	assert.Equal(t, EndpointStatusActive, requireWaitError(t, err).LastStatus)

	// The consumer waits for its connection to go down with the endpoint ID
	// alone: Disconnecting is waited through.
	c, _, n, clk = waitSetup(t, active, attrs(EndpointStatusActive, ConnectionStatusDisconnecting), activeDisconnected)
	resp, err = c.WaitUntilVpcEndpointDisconnected(context.Background(), waitEndpointID, WaitClock(clk))
	require.NoError(t, err)
	assert.Equal(t, ConnectionStatusDisconnected, resp.ConnectionStatus)
	assert.EqualValues(t, 3, n.Load())

	// An endpoint being deleted will not see its connection come back.
	c, _, _, clk = waitSetup(t, attrs(EndpointStatusDeleting, ConnectionStatusDisconnected))
	_, err = c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetDisconnected, WaitClock(clk)).Wait(context.Background())
	assert.ErrorIs(t, err, ErrUnexpectedState)
	we := requireWaitError(t, err)
	assert.Equal(t, EndpointStatusDeleting, we.LastStatus)
	assert.Contains(t, we.Error(), "privatelink: NewVpcEndpointWaiter: waiting for the connection of endpoint "+waitEndpointID+
		" to be Disconnected: endpoint is being deleted")
}

// Zone failover: disconnect one zone, then connect it again.
func TestZoneConnectionWaiter(t *testing.T) {
	c, s := setup(t)
	checkConnectionQuery(t, s, connConnected, connection(ConnectionStatusConnected, ZoneStatusDisconnecting), connection(ConnectionStatusConnected, ZoneStatusDisconnected))
	var evs events
	zone, err := c.WaitUntilVpcEndpointZoneConnectionStatus(context.Background(), waitServiceID, waitEndpointID, waitZoneA, WaitTargetDisconnected,
		WaitClock(newFakeClock()), WaitOnPoll(evs.record))
	require.NoError(t, err)
	assert.Equal(t, ConnectionZone{ZoneID: waitZoneA, ZoneStatus: ZoneStatusDisconnected}, *zone)
	got := evs.all()
	require.Len(t, got, 3)
	assert.Equal(t, ZoneStatusDisconnecting, got[1].ZoneStatus)
	assert.Equal(t, waitZoneA, got[1].ZoneID)

	c, s = setup(t)
	checkConnectionQuery(t, s, connDisconnected, connection(ConnectionStatusConnected, ZoneStatusConnecting), connConnected)
	zone, err = c.WaitUntilVpcEndpointZoneConnectionStatus(context.Background(), waitServiceID, waitEndpointID, waitZoneA, WaitTargetConnected,
		WaitClock(newFakeClock()))
	require.NoError(t, err)
	assert.Equal(t, ZoneStatusConnected, zone.ZoneStatus)

	c, s = setup(t)
	checkConnectionQuery(t, s, repeat(connDisconnected, 100)...)
	_, err = c.WaitUntilVpcEndpointZoneConnectionStatus(context.Background(), waitServiceID, waitEndpointID, waitZoneA, WaitTargetConnected,
		WaitClock(newFakeClock()), WaitDisconnectedGrace(time.Minute))
	we := requireWaitError(t, err)
	assert.ErrorIs(t, err, ErrUnexpectedState)
	assert.Equal(t, ZoneStatusDisconnected, we.LastZoneStatus)
	assert.Contains(t, we.Error(), "waiting for zone "+waitZoneA+" of the connection of endpoint "+waitEndpointID)

	c, s = setup(t)
	checkConnectionQuery(t, s, connection(ConnectionStatusConnected, ZoneStatusDeleting))
	_, err = c.WaitUntilVpcEndpointZoneConnectionStatus(context.Background(), waitServiceID, waitEndpointID, waitZoneA, WaitTargetDisconnected, WaitClock(newFakeClock()))
	assert.ErrorIs(t, err, ErrUnexpectedState)

	c, s = setup(t)
	checkConnectionQuery(t, s, connConnected)
	_, err = c.WaitUntilVpcEndpointZoneConnectionStatus(context.Background(), waitServiceID, waitEndpointID, "cn-huhehaote-z", WaitTargetConnected,
		WaitClock(newFakeClock()))
	assert.Equal(t, "not found", requireWaitError(t, err).Reason)
}

func TestResourceWaitersValidateBeforeAnyCall(t *testing.T) {
	c, _ := setup(t) // no handlers: any call fails the test
	ctx := context.Background()
	_, err := c.NewVpcEndpointServiceWaiter("", WaitTargetConnected).Wait(ctx)
	assert.Equal(t, []string{"ServiceID", "WaitTarget"}, problemFields(t, err))
	_, err = c.NewVpcEndpointConnectionWaiter("", "", WaitTargetActive).Wait(ctx)
	assert.Equal(t, []string{"EndpointID", "ServiceID", "WaitTarget"}, problemFields(t, err))
	_, err = c.NewVpcEndpointConnectionWaiter(waitServiceID, waitEndpointID, WaitTargetConnected, WaitMinDelay(-1)).Wait(ctx)
	assert.Equal(t, []string{"MinDelay"}, problemFields(t, err))
	_, err = c.WaitUntilVpcEndpointZoneConnectionStatus(ctx, waitServiceID, waitEndpointID, "", WaitTargetDisconnected)
	assert.Equal(t, []string{"ZoneID"}, problemFields(t, err))
	err = c.DeleteVpcEndpointServiceAndWait(ctx, &DeleteVpcEndpointServiceRequest{ServiceID: waitServiceID}, -time.Second)
	assert.Equal(t, []string{"dependenceBudget"}, problemFields(t, err))
}

// A Deleted wait counts not-found as success, so an ID that cannot name
// the resource would pass at once (WaitUntilVpcEndpointServiceDeleted of
// "ep-typo-not-a-service" returned nil). Every resource wait refuses an ID
// of the wrong shape before any call, as the endpoint waits do.
func TestResourceWaitersRefuseIDsOfTheWrongShape(t *testing.T) {
	c, s := setup(t) // no handlers: any call fails the test
	// The bound only keeps a broken check from polling for long.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	const notService, notEndpoint = "starts with \"epsrv-\"", "starts with \"ep-\""
	for _, id := range []string{"ep-typo-not-a-service", "typo", "epsrv-"} {
		err := c.WaitUntilVpcEndpointServiceDeleted(ctx, id)
		requireProblem(t, err, "ServiceID", notService)
		_, err = c.WaitUntilVpcEndpointServiceActive(ctx, id)
		requireProblem(t, err, "ServiceID", notService)
		err = c.DeleteVpcEndpointServiceAndWait(ctx, &DeleteVpcEndpointServiceRequest{ServiceID: id}, 0)
		requireProblem(t, err, "ServiceID", notService)
		_, err = c.NewVpcEndpointConnectionWaiter(id, waitEndpointID, WaitTargetDisconnected).Wait(ctx)
		requireProblem(t, err, "ServiceID", notService)
		_, err = c.NewVpcEndpointZoneConnectionWaiter(id, waitEndpointID, waitZoneA, WaitTargetDisconnected).Wait(ctx)
		requireProblem(t, err, "ServiceID", notService)
	}
	for _, id := range []string{"epsrv-waiter0test01", "typo", "ep-"} {
		_, err := c.NewVpcEndpointConnectionWaiter(waitServiceID, id, WaitTargetDisconnected).Wait(ctx)
		requireProblem(t, err, "EndpointID", notEndpoint)
		_, err = c.NewVpcEndpointWaiter(id, WaitTargetDeleted).Wait(ctx)
		requireProblem(t, err, "EndpointID", notEndpoint)
		_, err = c.WaitUntilVpcEndpointDisconnected(ctx, id)
		requireProblem(t, err, "EndpointID", notEndpoint)
		_, err = c.NewVpcEndpointZoneConnectionWaiter(waitServiceID, id, waitZoneA, WaitTargetDisconnected).Wait(ctx)
		requireProblem(t, err, "EndpointID", notEndpoint)
	}
	assert.Empty(t, s.calls())
}

// Every wait logs the same fields: a WaitConnected wait records the
// endpoint's status and its connection's.
func TestResourceWaitLogsTheEndpointStatus(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, s := setup(t, WithLogger(logger))
	script(s, "GetVpcEndpointAttribute", creating, active)
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID, WaitConnected(),
		WaitClock(newFakeClock()), withJitterDraw(0))
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
	for i, want := range []string{" status=Creating connection_status=Disconnected", " status=Active connection_status=Connected"} {
		assert.Contains(t, polls[i], "action=WaitUntilVpcEndpointActive")
		assert.Contains(t, polls[i], "endpoint_id="+waitEndpointID)
		assert.Contains(t, polls[i], want)
	}
}

// A waiter driven by hand logs the constructor the caller called, as its
// WaitError names it, not the WaitUntil method it shares the engine with.
func TestHandDrivenWaitersLogTheirConstructor(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, s := setup(t, WithLogger(logger))
	script(s, "GetVpcEndpointAttribute", active)
	script(s, "GetVpcEndpointServiceAttribute", serviceActive)
	checkConnectionQuery(t, s, connConnected)
	polls := []func() (bool, error){
		func() (bool, error) {
			done, _, err := c.NewVpcEndpointWaiter(waitEndpointID, WaitTargetActive).Poll(context.Background())
			return done, err
		},
		func() (bool, error) {
			done, _, err := c.NewVpcEndpointServiceWaiter(waitServiceID, WaitTargetActive).Poll(context.Background())
			return done, err
		},
		func() (bool, error) {
			done, _, err := c.NewVpcEndpointConnectionWaiter(waitServiceID, waitEndpointID, WaitTargetConnected).Poll(context.Background())
			return done, err
		},
		func() (bool, error) {
			done, _, err := c.NewVpcEndpointZoneConnectionWaiter(waitServiceID, waitEndpointID, waitZoneA, WaitTargetConnected).Poll(context.Background())
			return done, err
		},
	}
	for _, poll := range polls {
		done, err := poll()
		require.NoError(t, err)
		assert.True(t, done)
	}
	mu.Lock()
	defer mu.Unlock()
	var actions []string
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "wait poll") {
			_, rest, _ := strings.Cut(line, " action=")
			action, _, _ := strings.Cut(rest, " ")
			actions = append(actions, action)
		}
	}
	assert.Equal(t, []string{"NewVpcEndpointWaiter", "NewVpcEndpointServiceWaiter", "NewVpcEndpointConnectionWaiter", "NewVpcEndpointZoneConnectionWaiter"}, actions)
}

func TestResourceWaiterCancellation(t *testing.T) {
	c, s := setup(t)
	script(s, "GetVpcEndpointServiceAttribute", serviceCreating)
	clk := blockingClock{sleeping: make(chan time.Duration, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := c.NewVpcEndpointServiceWaiter(waitServiceID, WaitTargetActive, WaitClock(clk)).Wait(ctx)
		errc <- err
	}()
	<-clk.sleeping
	cancel()
	err := <-errc
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, ServiceStatusCreating, requireWaitError(t, err).LastServiceStatus)
}

func TestDeleteVpcEndpointServiceAndWait(t *testing.T) {
	dependence := apiFailure(http.StatusBadRequest, ErrCodeEndpointServiceConnectionDependence)
	t.Run("retries the dependence within the budget, one token", func(t *testing.T) {
		c, s := setup(t)
		dels := script(s, "DeleteVpcEndpointService", dependence, dependence, answer{status: http.StatusOK, body: `{"RequestId":"D"}`})
		gets := script(s, "GetVpcEndpointServiceAttribute", service(ServiceStatusDeleting, ServiceBusinessStatusNormal), serviceNotFound)
		clk := newFakeClock()
		err := c.DeleteVpcEndpointServiceAndWait(context.Background(), &DeleteVpcEndpointServiceRequest{ServiceID: waitServiceID}, time.Minute, WaitClock(clk), WaitJitter(0))
		require.NoError(t, err)
		assert.EqualValues(t, 3, dels.Load())
		assert.EqualValues(t, 2, gets.Load())
		s.mu.Lock()
		var tokens []string
		for _, call := range s.seen {
			if call.Action == "DeleteVpcEndpointService" {
				tokens = append(tokens, call.Params["ClientToken"])
			}
		}
		s.mu.Unlock()
		require.Len(t, tokens, 3)
		assert.NotEmpty(t, tokens[0])
		assert.Equal(t, []string{tokens[0], tokens[0], tokens[0]}, tokens)
	})
	t.Run("budget spent: the dependence error itself", func(t *testing.T) {
		c, s := setup(t)
		dels := script(s, "DeleteVpcEndpointService", dependence)
		clk := newFakeClock()
		err := c.DeleteVpcEndpointServiceAndWait(context.Background(), &DeleteVpcEndpointServiceRequest{ServiceID: waitServiceID}, 12*time.Second, WaitClock(clk), WaitJitter(0))
		assert.Equal(t, ErrCodeEndpointServiceConnectionDependence, ErrorCode(err))
		assert.EqualValues(t, 4, dels.Load(), "at 0, 5 and 10 s, then once more at the end of the budget")
		assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second, 2 * time.Second}, clk.slept())
	})
	t.Run("no budget, no retry", func(t *testing.T) {
		c, s := setup(t)
		dels := script(s, "DeleteVpcEndpointService", dependence)
		err := c.DeleteVpcEndpointServiceAndWait(context.Background(), &DeleteVpcEndpointServiceRequest{ServiceID: waitServiceID}, 0, WaitClock(newFakeClock()))
		assert.Equal(t, ErrCodeEndpointServiceConnectionDependence, ErrorCode(err))
		assert.EqualValues(t, 1, dels.Load())
	})
	t.Run("any other code at once", func(t *testing.T) {
		c, s := setup(t)
		dels := script(s, "DeleteVpcEndpointService", apiFailure(http.StatusBadRequest, ErrCodeDeleteFailedDueToEndpointExist))
		err := c.DeleteVpcEndpointServiceAndWait(context.Background(), &DeleteVpcEndpointServiceRequest{ServiceID: waitServiceID}, time.Hour, WaitClock(newFakeClock()))
		assert.Equal(t, ErrCodeDeleteFailedDueToEndpointExist, ErrorCode(err))
		var apiErr *APIError
		assert.True(t, errors.As(err, &apiErr))
		assert.EqualValues(t, 1, dels.Load())
	})
}

// TestResourceWaitScheduleFigures measures the default schedule on the new
// waiters end to end, as TestWaitScheduleFigures does for the endpoint
// waiter: a fake service whose endpoint service turns Active, or whose
// connection turns Connected, after the given time on the fake clock the
// waiter sleeps on. It counts the polls and the detection delay (from the
// state change to the waiter's return) with the jitter draw at zero and at
// its maximum, next to a fixed 5 s poll. Run with -v to see the table.
func TestResourceWaitScheduleFigures(t *testing.T) {
	type result struct {
		calls     int
		detection time.Duration
	}
	measure := func(t *testing.T, kind string, after time.Duration, opts ...WaitOption) result {
		t.Helper()
		clk := newFakeClock()
		c, s := setup(t)
		start := clk.Now()
		var mu sync.Mutex
		calls := 0
		ready := func() bool {
			mu.Lock()
			calls++
			mu.Unlock()
			return !clk.Now().Before(start.Add(after))
		}
		s.handleFunc("GetVpcEndpointServiceAttribute", func(w http.ResponseWriter, _ apiCall) {
			a := serviceCreating
			if ready() {
				a = serviceActive
			}
			writeJSON(w, a.status, a.body)
		})
		s.handleFunc("ListVpcEndpointConnections", func(w http.ResponseWriter, _ apiCall) {
			a := connection(ConnectionStatusConnecting, ZoneStatusConnecting)
			if ready() {
				a = connConnected
			}
			writeJSON(w, a.status, a.body)
		})
		opts = append(opts, WaitClock(clk))
		var err error
		if kind == "service Active" {
			_, err = c.WaitUntilVpcEndpointServiceActive(context.Background(), waitServiceID, opts...)
		} else {
			_, err = c.WaitUntilVpcEndpointConnectionStatus(context.Background(), waitServiceID, waitEndpointID, WaitTargetConnected, opts...)
		}
		require.NoError(t, err)
		mu.Lock()
		defer mu.Unlock()
		return result{calls: calls, detection: clk.Now().Sub(start.Add(after))}
	}

	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "wait\tafter\tcalls j=0\tcalls j=max\tcalls fixed 5s\tdetection j=0\tdetection j=max\tdetection fixed 5s\tdetection aim\t")
	for _, kind := range []string{"service Active", "connection Connected"} {
		for _, after := range []time.Duration{5 * time.Second, time.Minute, 5 * time.Minute} {
			zero := measure(t, kind, after, withJitterDraw(0))
			full := measure(t, kind, after, withJitterDraw(1))
			fixed := measure(t, kind, after, WaitMinDelay(5*time.Second), WaitMaxDelay(5*time.Second), WaitJitter(0))
			aim := after/10 + time.Second
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", kind,
				secondsOf(after), zero.calls, full.calls, fixed.calls, secondsOf(zero.detection), secondsOf(full.detection), secondsOf(fixed.detection), secondsOf(aim))
			assert.LessOrEqual(t, max(zero.calls, full.calls), fixed.calls, "%s after %v: calls", kind, after)
			assert.LessOrEqual(t, max(zero.detection, full.detection), aim, "%s after %v: detection delay", kind, after)
		}
	}
	require.NoError(t, tw.Flush())
	t.Log("default schedule (MinDelay 5s, 10% of elapsed, MaxDelay 30s, jitter 0.1) vs a fixed 5 s poll:\n" + table.String())
}

// secondsOf formats d for the figures table, to the millisecond.
func secondsOf(d time.Duration) string {
	return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64) + "s"
}
