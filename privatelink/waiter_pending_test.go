package privatelink_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// pendingEnv is an emulator on a FakeClock whose endpoints take
// termCreationDelay to become Active, and a client from srv.Client, which
// wires that clock into every wait: no test here passes WaitClock.
func pendingEnv(t *testing.T) (*privatelinktest.Server, *privatelink.Client, *privatelinktest.FakeClock) {
	t.Helper()
	clk := privatelinktest.NewFakeClock(termEpoch)
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(termCreationDelay))
	t.Cleanup(srv.Close)
	return srv, srv.Client(privatelink.WithRetry(1, 0, 0)), clk
}

func manualServiceRequest(t testing.TB) *privatelink.CreateVpcEndpointRequest {
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ManualServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// Active is not usable: on a service that accepts by hand, the endpoint is
// Active while its connection is still Pending, and a plain
// CreateVpcEndpointAndWait returns then, as its doc says.
func TestCreateAndWaitReturnsActiveWhileTheConnectionIsPending(t *testing.T) {
	_, client, _ := pendingEnv(t)
	ep, err := client.CreateVpcEndpointAndWait(t.Context(), manualServiceRequest(t))
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusActive, ep.EndpointStatus)
	assert.Equal(t, privatelink.ConnectionStatusPending, ep.ConnectionStatus)
}

// With WaitConnected a connection nobody accepts fails the wait after
// DefaultPendingGrace, not after the 30-minute DefaultWaitTimeout, and the
// error says what it waited for, who called, and what to do.
func TestWaitConnectedFailsOnAConnectionLeftPending(t *testing.T) {
	_, client, clk := pendingEnv(t)
	start := clk.Now()
	var firstPending time.Duration = -1
	_, err := client.CreateVpcEndpointAndWait(t.Context(), manualServiceRequest(t), privatelink.WaitConnected(),
		privatelink.WaitOnPoll(func(ev privatelink.PollEvent) {
			if firstPending < 0 && ev.Status == privatelink.EndpointStatusActive && ev.ConnectionStatus == privatelink.ConnectionStatusPending {
				firstPending = ev.Elapsed
			}
		}))
	var we *privatelink.WaitError
	require.ErrorAs(t, err, &we)
	assert.ErrorIs(t, err, privatelink.ErrConnectionPending)
	assert.NotErrorIs(t, err, privatelink.ErrUnexpectedState, "Pending can still change")
	assert.Equal(t, "CreateVpcEndpointAndWait", we.Action)
	assert.True(t, we.Connected)
	assert.Equal(t, privatelink.ConnectionStatusPending, we.LastConnectionStatus)
	waited := clk.Now().Sub(start)
	assert.GreaterOrEqual(t, waited, termCreationDelay+privatelink.DefaultPendingGrace)
	// The grace runs from the first Pending reading of the Active endpoint,
	// which comes up to one (jittered) interval after the creation delay;
	// the wait fails at the first poll past the grace.
	require.GreaterOrEqual(t, firstPending, termCreationDelay)
	assert.Less(t, firstPending, termCreationDelay+privatelink.DefaultWaitMaxDelay)
	assert.GreaterOrEqual(t, we.Elapsed-firstPending, privatelink.DefaultPendingGrace)
	assert.Less(t, we.Elapsed-firstPending, privatelink.DefaultPendingGrace+privatelink.DefaultWaitMaxDelay)
	assert.Equal(t, waited, we.Elapsed)
	msg := err.Error()
	for _, want := range []string{
		"privatelink: CreateVpcEndpointAndWait: waiting for endpoint " + we.EndpointID + " to be Active and Connected: ",
		"endpoint service " + privatelinktest.ManualServiceID + " accepts connections by hand",
		"EnableVpcEndpointConnection",
	} {
		assert.Contains(t, msg, want)
	}
}

// The provider accepting within WaitPendingGrace ends the wait in success;
// the grace is the caller's to choose.
func TestWaitConnectedSucceedsWhenAcceptedWithinThePendingGrace(t *testing.T) {
	srv, client, clk := pendingEnv(t)
	created, err := client.CreateVpcEndpoint(t.Context(), manualServiceRequest(t))
	require.NoError(t, err)
	acceptAt := clk.Now().Add(termCreationDelay + 20*time.Minute)
	accepted := false
	ep, err := client.WaitUntilVpcEndpointActive(t.Context(), created.EndpointID, privatelink.WaitConnected(),
		privatelink.WaitPendingGrace(25*time.Minute),
		privatelink.WaitOnPoll(func(privatelink.PollEvent) {
			if !accepted && !clk.Now().Before(acceptAt) {
				accepted = true
				require.NoError(t, srv.AcceptConnection(created.EndpointID))
			}
		}))
	require.NoError(t, err)
	assert.True(t, accepted)
	assert.Equal(t, privatelink.ConnectionStatusConnected, ep.ConnectionStatus)

	// The provider's view has the same bound, with the same hint.
	other, err := client.CreateVpcEndpointAndWait(t.Context(), manualServiceRequest(t))
	require.NoError(t, err)
	_, err = srv.ProviderClient(privatelink.WithRetry(1, 0, 0)).WaitUntilVpcEndpointConnectionStatus(t.Context(),
		privatelinktest.ManualServiceID, other.EndpointID, privatelink.WaitTargetConnected, privatelink.WaitPendingGrace(time.Minute))
	assert.ErrorIs(t, err, privatelink.ErrConnectionPending)
	assert.ErrorContains(t, err, "privatelink: WaitUntilVpcEndpointConnectionStatus: waiting for the connection of endpoint "+other.EndpointID)
	assert.ErrorContains(t, err, "EnableVpcEndpointConnection")
}

// Every wait error names the function the caller called, not the one it
// happens to be built on.
func TestWaitErrorsNameTheFunctionCalled(t *testing.T) {
	_, client, _ := pendingEnv(t)
	ctx := t.Context()
	const gone = "ep-hp3emu0doesnotexist0"
	var we *privatelink.WaitError
	_, err := client.WaitUntilVpcEndpointActive(ctx, gone)
	require.ErrorAs(t, err, &we)
	assert.Equal(t, "WaitUntilVpcEndpointActive", we.Action)
	assert.ErrorContains(t, err, "privatelink: WaitUntilVpcEndpointActive: waiting for endpoint "+gone+" to be Active: endpoint not found")
	_, err = client.NewVpcEndpointWaiter(gone, privatelink.WaitTargetActive, privatelink.WaitConnected()).Wait(ctx)
	require.ErrorAs(t, err, &we)
	assert.ErrorContains(t, err, "privatelink: NewVpcEndpointWaiter: waiting for endpoint "+gone+" to be Active and Connected: ")

	// So does the *ValidationError of options a wait refuses.
	var ve *privatelink.ValidationError
	_, err = client.NewVpcEndpointWaiter(gone, privatelink.WaitTargetConnected).Wait(ctx)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "NewVpcEndpointWaiter", ve.Action)
	assert.ErrorContains(t, err, `NewVpcEndpointWaiter does not take target "Connected"; it takes WaitTargetActive or WaitTargetDeleted or WaitTargetDisconnected (to wait for a Connected connection, wait for WaitTargetActive with WaitConnected())`)
	_, err = client.WaitUntilVpcEndpointConnectionStatus(ctx, privatelinktest.ServiceID, gone, privatelink.WaitTargetActive)
	require.ErrorAs(t, err, &ve)
	assert.ErrorContains(t, err, `WaitUntilVpcEndpointConnectionStatus does not take target "Active"; it takes WaitTargetConnected or WaitTargetDisconnected `+
		`(for the endpoint's own state, or its connection from the consumer's side, use WaitUntilVpcEndpointActive with WaitConnected(), or NewVpcEndpointWaiter)`)
	_, err = client.NewVpcEndpointServiceWaiter(privatelinktest.ServiceID, privatelink.WaitTargetDisconnected).Wait(ctx)
	require.ErrorAs(t, err, &ve)
	assert.ErrorContains(t, err, `NewVpcEndpointServiceWaiter does not take target "Disconnected"; it takes WaitTargetActive or WaitTargetDeleted`)
	err = client.WaitUntilVpcEndpointDeleted(ctx, gone, privatelink.WaitPendingGrace(-time.Second))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "WaitUntilVpcEndpointDeleted", ve.Action)
	assert.ErrorContains(t, err, "PendingGrace: must not be negative")
}

// A connection left Pending, with what the error says. The emulator's
// ManualServiceID accepts connections by hand; nobody accepts this one.
func ExampleWaitPendingGrace() {
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := privatelinktest.NewServer(privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(time.Minute))
	defer srv.Close()
	client := srv.Client() // its waits sleep on clk: no WaitClock needed

	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ManualServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	_, err = client.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitConnected(),
		privatelink.WaitPendingGrace(5*time.Minute), privatelink.WaitJitter(0))
	var waitErr *privatelink.WaitError
	if errors.As(err, &waitErr) {
		fmt.Println("pending:", errors.Is(err, privatelink.ErrConnectionPending))
		fmt.Println("action:", waitErr.Action)
		fmt.Println("last:", waitErr.LastStatus, waitErr.LastConnectionStatus)
		fmt.Println("reason:", waitErr.Reason)
	}
	// Output:
	// pending: true
	// action: CreateVpcEndpointAndWait
	// last: Active Pending
	// reason: connection of the Active endpoint Pending for 5m5.295s: endpoint service epsrv-hp3emu0manual7n4m1k accepts connections by hand, and its provider must accept this one with EnableVpcEndpointConnection (or give the wait a longer WaitPendingGrace)
}

// Defaults for every wait of a client: a program that waits deep inside
// gets its bound and progress reporting without passing them on each call.
func ExampleWithWaitOptions() {
	srv := privatelinktest.NewServer(privatelinktest.WithClock(privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))),
		privatelinktest.WithCreationDelay(2*time.Minute))
	defer srv.Close()
	polls := 0
	client := srv.Client(privatelink.WithWaitOptions(
		privatelink.WaitTimeout(10*time.Minute),
		privatelink.WaitOnPoll(func(privatelink.PollEvent) { polls++ }),
	))
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		log.Fatal(err)
	}
	ep, err := client.CreateVpcEndpointAndWait(context.Background(), req) // no WaitOption here
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ep.EndpointStatus, polls > 1)
	// Output: Active true
}

func TestWithWaitOptionsAreCheckedAndOverridable(t *testing.T) {
	_, err := privatelink.NewClient("cn-hangzhou", privatelink.WithWaitOptions(privatelink.WaitMinDelay(0), privatelink.WaitJitter(2)))
	require.Error(t, err)
	assert.Equal(t, "privatelink: NewClient: WithWaitOptions: MinDelay: must be positive, got 0s; Jitter: must be in [0, 1], got 2", err.Error())

	// A call's own option overrides the client's default.
	srv, _, clk := pendingEnv(t)
	client := srv.Client(privatelink.WithRetry(1, 0, 0), privatelink.WithWaitOptions(privatelink.WaitTimeout(time.Minute)))
	created, err := client.CreateVpcEndpoint(t.Context(), manualServiceRequest(t))
	require.NoError(t, err)
	start := clk.Now()
	_, err = client.WaitUntilVpcEndpointActive(t.Context(), created.EndpointID)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the default timeout of a minute ends a 3-minute creation")
	assert.Equal(t, time.Minute, clk.Now().Sub(start))
	_, err = client.WaitUntilVpcEndpointActive(t.Context(), created.EndpointID, privatelink.WaitTimeout(time.Hour))
	require.NoError(t, err)
}
