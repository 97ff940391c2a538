package privatelink

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// WaitTarget is the state a waiter waits for. Each waiter takes some of
// them: VpcEndpointWaiter takes WaitTargetActive, WaitTargetDeleted and
// WaitTargetDisconnected (its connection's), VpcEndpointServiceWaiter
// WaitTargetActive and WaitTargetDeleted, VpcEndpointConnectionWaiter and
// VpcEndpointZoneConnectionWaiter WaitTargetConnected and
// WaitTargetDisconnected. Another target fails the wait with a
// *ValidationError that lists the ones it takes.
type WaitTarget string

// Wait targets.
const (
	// WaitTargetActive waits until EndpointStatus is Active (and, with
	// WaitConnected, ConnectionStatus is Connected).
	WaitTargetActive WaitTarget = "Active"
	// WaitTargetDeleted waits until the endpoint is gone, that is until
	// GetVpcEndpointAttribute answers EndpointNotFound.
	WaitTargetDeleted WaitTarget = "Deleted"
)

// DefaultNotFoundGrace is how long CreateVpcEndpointAndWait tolerates
// EndpointNotFound from its start until the endpoint has been seen once;
// see WaitNotFoundGrace. The service documents that a just-created endpoint
// may briefly be unknown to GetVpcEndpointAttribute but gives no figure.
// 30 s covers six polls at the minimum interval. Only a wait that follows a
// create gets it: anywhere else EndpointNotFound means a wrong or deleted
// ID, which must fail at once.
const DefaultNotFoundGrace = 30 * time.Second

// DefaultDisconnectedGrace is how long WaitConnected tolerates the Active
// endpoint's connection reading Disconnected; see WaitDisconnectedGrace. As
// far as we know the real service establishes a connection within seconds
// to a minute after the endpoint turns Active, while a provider that
// rejected or closed the connection keeps it Disconnected for good. Two
// minutes leave room for the slow end of that range and cost little against
// a creation that itself takes minutes. The window is time, not a number of
// polls, so that a short WaitMinDelay or a caller driving Poll in a tight
// loop does not shrink it.
const DefaultDisconnectedGrace = 2 * time.Minute

// DefaultPendingGrace is how long a wait for a Connected connection
// tolerates it reading Pending; see WaitPendingGrace. Pending means the
// service's provider has not accepted the connection; once accepted it
// moves on to Connecting. The service documents no time for either step,
// and ten minutes is a choice, not a measurement: ample for a service that
// accepts automatically or a provider's pipeline that accepts on request,
// and a third of DefaultWaitTimeout, so that a pipeline whose connection
// nobody accepts is told so, with what to do, instead of waiting out the
// whole timeout. A provider that accepts by hand, after a review that takes
// longer, is waited for with a longer WaitPendingGrace.
const DefaultPendingGrace = 10 * time.Minute

// DefaultWaitTimeout bounds a wait given no WaitTimeout, measured on the
// waiter's Clock, so that an endpoint stuck in a state never makes a wait
// with a plain ctx poll forever (AWS's waiters likewise require a maximum
// wait). Creating and deleting an endpoint takes minutes; 30 minutes leave
// ample room and still end a stuck wait the same working session.
const DefaultWaitTimeout = 30 * time.Minute

// ErrConnectionPending is the cause (see WaitError.Err) of a wait for a
// Connected connection that read Pending for the grace of WaitPendingGrace
// (DefaultPendingGrace unless set): the endpoint service accepts
// connections by hand, and its provider has not accepted this one. The
// provider accepts it with EnableVpcEndpointConnection; WaitError.Reason
// names the service. The state can still change, so this is not
// ErrUnexpectedState: waiting again once the provider has acted succeeds.
var ErrConnectionPending = errors.New("privatelink: connection still Pending, not accepted by the service's provider")

// ErrUnexpectedState is the cause (see WaitError.Err) of a wait that ended
// because the endpoint reached a state from which the awaited one cannot
// follow: Deleting, FinancialLocked, or, when WaitConnected asks for
// Connected, a connection that is Deleting or ServiceDeleted, or that
// stayed Disconnected for the grace of WaitDisconnectedGrace (then the
// cause is ErrConnectionRejected, which wraps it). Test for it with
// errors.Is; WaitError's Last fields say which state it was.
var ErrUnexpectedState = errors.New("privatelink: endpoint reached a state the wait cannot succeed from")

// PollEvent describes one poll of a waiter, for progress reporting through
// WaitOnPoll.
type PollEvent struct {
	// EndpointID is the endpoint waited for.
	EndpointID string
	// Attempt counts the polls of this wait, starting at 1.
	Attempt int
	// Elapsed is the time from the start of the wait to the end of this poll.
	Elapsed time.Duration
	// Status and ConnectionStatus are what this poll observed; empty when
	// the poll failed.
	Status EndpointStatus
	// ConnectionStatus is the endpoint's connection status; see Status.
	ConnectionStatus ConnectionStatus
	// ServiceID and ZoneID name the endpoint service and the zone of a
	// provider-side wait; ServiceStatus and ZoneStatus are what its poll
	// observed.
	ServiceID, ZoneID string
	// ServiceStatus is the endpoint service's status; see ServiceID.
	ServiceStatus ServiceStatus
	// ZoneStatus is the zone connection's status; see ServiceID.
	ZoneStatus ZoneStatus
	// RequestID identifies the poll's request, when an answer arrived.
	RequestID string
	// Err is the poll's error, if any: tolerated (a transient error, or
	// EndpointNotFound within the grace) or the one that ends the wait.
	Err error
}

// WaitError reports a wait that did not reach its target: a timeout, a
// cancelled context, a state from which the target cannot follow, a
// connection its service's provider has not accepted within the pending
// grace, or an error that retrying cannot fix. It carries what the waiter
// last saw. Inspect it with errors.As; errors.Is sees through it to Err
// (context.DeadlineExceeded, context.Canceled, ErrUnexpectedState,
// ErrConnectionRejected, which wraps ErrUnexpectedState,
// ErrConnectionPending, or an *APIError).
type WaitError struct {
	// Action is the function the caller called: a WaitUntil method,
	// CreateVpcEndpointAndWait, DeleteVpcEndpointServiceAndWait, or the
	// New...Waiter constructor of a waiter driven with Poll or Wait.
	Action string
	// EndpointID is the endpoint waited for; empty when
	// CreateVpcEndpointAndWait failed before the create returned one.
	EndpointID string
	// ClientToken is the token of the CreateVpcEndpoint call, for
	// CreateVpcEndpointAndWait: retry the create with it to get the same
	// endpoint back.
	ClientToken string
	// Target is the state waited for.
	Target WaitTarget
	// Connected reports that an Active endpoint wait also waited for its
	// connection to be Connected (WaitConnected): the target was "Active
	// and Connected".
	Connected bool
	// LastStatus, LastConnectionStatus and LastBusinessStatus are the
	// states of the last successful poll; empty if none succeeded.
	LastStatus EndpointStatus
	// LastConnectionStatus is the last connection status; see LastStatus.
	LastConnectionStatus ConnectionStatus
	// LastBusinessStatus is the last business status; see LastStatus.
	LastBusinessStatus EndpointBusinessStatus
	// LastRequestID is the request ID of the last poll that got an answer.
	LastRequestID string
	// Polls is how many times GetVpcEndpointAttribute was called.
	Polls int
	// Elapsed is how long the wait ran.
	Elapsed time.Duration
	// Reason says in words why the wait ended.
	Reason string
	// ServiceID and ZoneID name the endpoint service and the zone of the
	// provider-side waits (WaitUntilVpcEndpointServiceActive, the connection
	// and zone connection waits); empty for the endpoint waits.
	ServiceID, ZoneID string
	// LastServiceStatus, LastServiceBusinessStatus and LastZoneStatus are
	// what the last successful poll of a provider-side wait saw.
	LastServiceStatus ServiceStatus
	// LastServiceBusinessStatus is the service's last business status; see
	// LastServiceStatus.
	LastServiceBusinessStatus ServiceBusinessStatus
	// LastZoneStatus is the zone connection's last status; see
	// LastServiceStatus.
	LastZoneStatus ZoneStatus
	// Err is the cause.
	Err error
	// LastErr is the error of the last poll when that poll failed and the
	// failure was tolerated (a transient error, or EndpointNotFound within
	// the grace), so that a wait ended by its timeout or context after, say,
	// a run of throttled or 5xx polls, says what the polls met. A
	// successful poll clears it, and it is nil when Err is itself the poll
	// error that ended the wait. errors.Is and errors.As do not see it: they
	// answer why the wait ended, which Err alone says.
	LastErr error
}

// Error describes the failed wait, with the last observed state and the
// IDs support needs.
func (e *WaitError) Error() string {
	var b strings.Builder
	b.WriteString("privatelink: ")
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	b.WriteString("waiting for ")
	b.WriteString(e.subject())
	if e.Target == WaitTargetDeleted {
		b.WriteString("to be deleted: ")
	} else {
		b.WriteString("to be " + e.targetName() + ": ")
	}
	b.WriteString(e.Reason)
	fmt.Fprintf(&b, " (%d polls in %v", e.Polls, e.Elapsed.Round(time.Millisecond))
	switch {
	case e.LastStatus == "" && e.LastConnectionStatus != "" && e.ServiceID != "":
		// The provider's view of a connection has no endpoint status.
		fmt.Fprintf(&b, "; last connection status %s", e.LastConnectionStatus)
	case e.LastStatus != "" || e.LastConnectionStatus != "":
		fmt.Fprintf(&b, "; last status %s, connection %s", orNone(string(e.LastStatus)), orNone(string(e.LastConnectionStatus)))
		if e.LastBusinessStatus != "" && e.LastBusinessStatus != EndpointBusinessStatusNormal {
			fmt.Fprintf(&b, ", business status %s", e.LastBusinessStatus)
		}
	}
	b.WriteString(e.lastProviderStates())
	if e.LastRequestID != "" {
		b.WriteString("; RequestId ")
		b.WriteString(e.LastRequestID)
	}
	if e.ClientToken != "" {
		b.WriteString("; ClientToken ")
		b.WriteString(e.ClientToken)
	}
	if e.LastErr != nil {
		b.WriteString("; last poll error: ")
		b.WriteString(e.LastErr.Error())
	}
	b.WriteString(")")
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *WaitError) Unwrap() error { return e.Err }

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// VpcEndpointWaiter waits for one endpoint to reach a target state. Poll
// takes one step; Wait loops over Poll on the waiter's schedule. It is not
// safe for concurrent use; the Client it belongs to is.
//
// CreateVpcEndpoint returns while the endpoint is still Creating, and
// DeleteVpcEndpoint while it is Deleting. A waiter polls
// GetVpcEndpointAttribute until the endpoint reaches the target, on the
// schedule described at DefaultWaitMinDelay: the first poll at once, then
// every 5 s, growing to 10% of the time waited, at most 30 s. Transient
// errors (throttling, 5xx, transport failures) are polled through until the
// wait's timeout (DefaultWaitTimeout unless WaitTimeout says otherwise) or
// ctx ends it, and so is EndpointNotFound in CreateVpcEndpointAndWait for
// DefaultNotFoundGrace, or in an Active wait given WaitNotFoundGrace, until
// the endpoint has been seen; any other error ends it at once.
//
// An Active endpoint carries traffic only once its connection is
// Connected. Pass WaitConnected to wait for both: it is the consumer's way
// to wait for a connection. WaitTargetDisconnected waits for the
// endpoint's connection to be Disconnected, after the service's provider
// disabled it, for example. (The provider's way, from the service's side,
// is VpcEndpointConnectionWaiter.)
//
// Once a waiter has succeeded or failed, Poll and Wait return that outcome
// again without calling the service. A wait ended by its context is not an
// outcome: call Wait again with a new context to resume it.
//
// # Resuming a wait in another process
//
// A waiter needs nothing but the endpoint ID, so a wait can outlive the
// process that started it. To make a creation resumable:
//
//  1. Set CreateVpcEndpointRequest.ClientToken yourself (ASCII, at most 64
//     characters, for example a UUID) and persist it durably before calling
//     CreateVpcEndpoint or CreateVpcEndpointAndWait. If the process dies
//     before the call returns, a new process repeats the call with the same
//     token and the same parameters: the service returns the endpoint the
//     first call created, with the same EndpointID, instead of creating
//     another.
//  2. Persist the EndpointID durably as soon as it is known: from the
//     CreateVpcEndpoint response, or from *WaitError.EndpointID when
//     CreateVpcEndpointAndWait fails after the create succeeded.
//  3. To resume, another process calls WaitUntilVpcEndpointActive (or
//     NewVpcEndpointWaiter) with the ID. A just-created endpoint may briefly
//     be unknown to GetVpcEndpointAttribute: pass
//     WaitNotFoundGrace(DefaultNotFoundGrace) so that the wait tolerates
//     that.
//
// Every error of CreateVpcEndpointAndWait after the request may have reached
// the service carries the ClientToken; ClientTokenFromError returns it.
type VpcEndpointWaiter struct {
	// rw is the engine every waiter shares, probing GetVpcEndpointAttribute
	// and judging the answer with judgeEndpoint.
	rw *resourceWaiter
}

// endpointTargets are the targets of the endpoint waits, and the hint an
// unknown one gets.
var endpointTargets = []WaitTarget{WaitTargetActive, WaitTargetDeleted, WaitTargetDisconnected}

const endpointTargetsHint = "to wait for a Connected connection, wait for WaitTargetActive with WaitConnected()"

// NewVpcEndpointWaiter returns a waiter for endpointID to reach target:
// WaitTargetActive (with WaitConnected, Active and Connected),
// WaitTargetDeleted, or WaitTargetDisconnected (see
// WaitUntilVpcEndpointDisconnected). It calls nothing: the first Poll
// does. Options that are invalid make Poll and Wait fail with a
// *ValidationError, and so do an endpointID that does not start with "ep-"
// and another target.
func (c *Client) NewVpcEndpointWaiter(endpointID string, target WaitTarget, opts ...WaitOption) *VpcEndpointWaiter {
	return c.newEndpointWaiter("NewVpcEndpointWaiter", endpointID, target, opts)
}

// newEndpointWaiter builds an endpoint waiter on the shared engine for
// action, the function the caller called. An endpointID of "-" is not
// checked and leaves the ID to be set before the first poll, as
// CreateVpcEndpointAndWait does.
func (c *Client) newEndpointWaiter(action, endpointID string, target WaitTarget, opts []WaitOption) *VpcEndpointWaiter {
	rw := c.newResourceWaiter(action, WaitError{ServiceID: "-", EndpointID: endpointID, ZoneID: "-", Target: target},
		endpointTargets, endpointTargetsHint, opts)
	rw.id.Connected = rw.cfg.connected && target == WaitTargetActive
	rw.notFoundCode = ErrCodeEndpointNotFound
	rw.notFoundReason, rw.goneReason, rw.failedReason = "endpoint not found", "endpoint disappeared", "GetVpcEndpointAttribute failed"
	rw.probe = rw.probeEndpoint
	rw.judge = rw.judgeEndpoint
	return &VpcEndpointWaiter{rw: rw}
}

// WaitUntilVpcEndpointActive waits until the endpoint is Active (with
// WaitConnected, Active and Connected) and returns what
// GetVpcEndpointAttribute said then. See VpcEndpointWaiter for the rules
// and WaitOption for the knobs.
func (c *Client) WaitUntilVpcEndpointActive(ctx context.Context, endpointID string, opts ...WaitOption) (*GetVpcEndpointAttributeResponse, error) {
	return c.newEndpointWaiter("WaitUntilVpcEndpointActive", endpointID, WaitTargetActive, opts).Wait(ctx)
}

// WaitUntilVpcEndpointDeleted waits until the endpoint is gone: EndpointNotFound
// from GetVpcEndpointAttribute is success, from the first poll on. That
// makes the wait idempotent (waiting for an endpoint deleted long ago, or
// twice, succeeds at once), and it also means that a well-formed ID of an
// endpoint that never existed, a typo included, returns nil at once: the
// service cannot tell the two apart. An ID that does not start with "ep-"
// fails with a *ValidationError before any call.
func (c *Client) WaitUntilVpcEndpointDeleted(ctx context.Context, endpointID string, opts ...WaitOption) error {
	_, err := c.newEndpointWaiter("WaitUntilVpcEndpointDeleted", endpointID, WaitTargetDeleted, opts).Wait(ctx)
	return err
}

// WaitUntilVpcEndpointDisconnected waits, from the consumer's side, until
// the endpoint's connection is Disconnected, as after the service's
// provider disabled it (DisableVpcEndpointConnection), and returns what
// GetVpcEndpointAttribute said then. It needs only the endpoint ID; the
// provider waits from the service's side with
// WaitUntilVpcEndpointConnectionStatus. A connection that is Connected or
// Disconnecting is waited through, since a disable accepted moments ago
// need not show yet. A creating endpoint reports Disconnected, which ends
// the wait at once. The wait fails with ErrUnexpectedState when the
// endpoint is Deleting or FinancialLocked, or its connection Deleting or
// ServiceDeleted; EndpointNotFound ends it unless WaitNotFoundGrace
// tolerates it. See VpcEndpointWaiter for the rest of the rules.
func (c *Client) WaitUntilVpcEndpointDisconnected(ctx context.Context, endpointID string, opts ...WaitOption) (*GetVpcEndpointAttributeResponse, error) {
	return c.newEndpointWaiter("WaitUntilVpcEndpointDisconnected", endpointID, WaitTargetDisconnected, opts).Wait(ctx)
}

// CreateVpcEndpointAndWait creates an endpoint and waits until it is
// Active. EndpointNotFound is tolerated for DefaultNotFoundGrace, counted
// from before the create, unless WaitNotFoundGrace says otherwise. The
// options are checked before anything is created.
//
// Active is not yet usable when the service accepts connections by hand:
// the endpoint turns Active while its connection stays Pending until the
// service's provider accepts it (EnableVpcEndpointConnection), and no
// traffic flows until then. Pass WaitConnected to wait for Active and
// Connected; a connection left Pending then fails the wait with
// ErrConnectionPending after WaitPendingGrace (DefaultPendingGrace, ten
// minutes), instead of waiting out the whole WaitTimeout.
//
// When req.ClientToken is empty the create generates one. Every error after
// the request may have reached the service carries it (a *WaitError, or the
// create's own *APIError or *RequestError; ClientTokenFromError reads them
// all), so the caller can retry the create without making a second endpoint.
// A passing dry run (req.DryRun) returns ErrDryRunPassed from the create.
func (c *Client) CreateVpcEndpointAndWait(ctx context.Context, req *CreateVpcEndpointRequest, opts ...WaitOption) (*GetVpcEndpointAttributeResponse, error) {
	ew := c.newEndpointWaiter("CreateVpcEndpointAndWait", "-", WaitTargetActive, opts)
	w := ew.rw
	if w.cfgErr != nil {
		return nil, w.cfgErr
	}
	if !w.cfg.graceSet {
		w.cfg.grace = DefaultNotFoundGrace
	}
	// The wait starts before the create: its duration counts towards the
	// schedule, the grace and the timeout alike.
	w.started, w.start = true, w.cfg.clock.Now()
	created, err := c.CreateVpcEndpoint(ctx, req)
	if err != nil {
		return nil, err
	}
	w.id.EndpointID, w.id.ClientToken = created.EndpointID, created.ClientToken
	if created.EndpointID == "" {
		return nil, w.fail("CreateVpcEndpoint answered without an EndpointId", errors.New("malformed response"), w.cfg.clock.Now())
	}
	return ew.Wait(ctx)
}

// Wait polls until the endpoint reaches the target, the wait fails, or ctx
// is done, whichever comes first; every sleep ends at once when ctx is
// done. It returns the last GetVpcEndpointAttribute answer (for
// WaitTargetDeleted, the last one before the endpoint was gone, or nil) or
// a *WaitError.
func (w *VpcEndpointWaiter) Wait(ctx context.Context) (*GetVpcEndpointAttributeResponse, error) {
	if err := w.rw.Wait(ctx); err != nil {
		return nil, err
	}
	return w.last(), nil
}

// Poll calls GetVpcEndpointAttribute once and reports whether the endpoint
// has reached the target. last is the most recent successful answer, nil
// before the first. Transient errors (throttling, 5xx, transport failures)
// and EndpointNotFound within the grace are tolerated: err is nil and
// WaitOnPoll sees them. err is non-nil when the wait failed for good (a
// *WaitError), when ctx is done (a *WaitError wrapping ctx.Err(); poll
// again with a live context to go on), or for invalid options (a
// *ValidationError). Poll does not apply WaitTimeout: a caller that
// drives the steps keeps its own time.
func (w *VpcEndpointWaiter) Poll(ctx context.Context) (done bool, last *GetVpcEndpointAttributeResponse, err error) {
	done, err = w.rw.Poll(ctx)
	return done, w.last(), err
}

// last is the most recent successful GetVpcEndpointAttribute answer, or nil.
func (w *VpcEndpointWaiter) last() *GetVpcEndpointAttributeResponse {
	resp, _ := w.rw.answer.(*GetVpcEndpointAttributeResponse)
	return resp
}

// probeEndpoint calls GetVpcEndpointAttribute for the endpoint waited for.
// It serves the endpoint waits and the connection wait from the endpoint.
func (w *resourceWaiter) probeEndpoint(ctx context.Context) (snapshot, error) {
	resp, err := w.c.GetVpcEndpointAttribute(ctx, &GetVpcEndpointAttributeRequest{EndpointID: w.id.EndpointID})
	if err != nil {
		return snapshot{}, err
	}
	w.answer = resp
	return snapshot{found: true, requestID: resp.RequestID, serviceID: resp.ServiceID, endpointStatus: resp.EndpointStatus,
		endpointBusiness: resp.EndpointBusinessStatus, connectionStatus: resp.ConnectionStatus}, nil
}

// judgeEndpoint decides what an endpoint's answer means for an endpoint
// wait.
func (w *resourceWaiter) judgeEndpoint(s snapshot, now time.Time) (done bool, reason string, cause error) {
	if w.id.Target == WaitTargetDeleted {
		// Any state, Active included, may still be on its way to deletion:
		// a DeleteVpcEndpoint accepted moments ago need not show yet.
		return false, "", nil
	}
	switch {
	case s.endpointBusiness == EndpointBusinessStatusFinancialLocked:
		return false, "endpoint is FinancialLocked (overdue payment)", ErrUnexpectedState
	case s.endpointStatus == EndpointStatusDeleting:
		return false, "endpoint is being deleted", ErrUnexpectedState
	case w.id.Target == WaitTargetDisconnected:
		// The endpoint's connection, judged as the provider's connection
		// wait judges it.
		return w.judgeConnection(s, now)
	case !w.cfg.connected:
		return s.endpointStatus == EndpointStatusActive, "", nil
	case s.connectionStatus == ConnectionStatusServiceDeleted, s.connectionStatus == ConnectionStatusDeleting:
		return false, "connection is " + string(s.connectionStatus), ErrUnexpectedState
	case s.endpointStatus != EndpointStatusActive:
		// A creating endpoint reports its connection Disconnected: that
		// says nothing yet.
		w.disconnected.track(false, now, w.cfg.disconnectedGrace)
		w.pending.track(false, now, w.cfg.pendingGrace)
		return false, "", nil
	case s.connectionStatus == ConnectionStatusConnected:
		return true, "", nil
	}
	if over, d := w.pending.track(s.connectionStatus == ConnectionStatusPending, now, w.cfg.pendingGrace); over {
		return false, w.pendingReason(d, "WaitPendingGrace"), ErrConnectionPending
	}
	// Time, not a count of polls: how often the endpoint is polled says
	// nothing about how long its connection takes to start.
	over, d := w.disconnected.track(s.connectionStatus == ConnectionStatusDisconnected, now, w.cfg.disconnectedGrace)
	if over {
		return false, fmt.Sprintf("connection of the Active endpoint Disconnected for %v", d.Round(time.Millisecond)), ErrConnectionRejected
	}
	return false, "", nil
}

// pendingReason words why a wait for a Connected connection gave up on
// one left Pending for d, and what to do about it: have the provider
// accept it, or give the wait a longer option, the one that ended it.
func (w *resourceWaiter) pendingReason(d time.Duration, longer string) string {
	what := "connection"
	if w.id.ServiceID == "" {
		what = "connection of the Active endpoint"
	}
	service := "the endpoint service"
	if w.last.serviceID != "" {
		service = "endpoint service " + w.last.serviceID
	}
	return fmt.Sprintf("%s Pending for %v: %s accepts connections by hand, and its provider must accept this one "+
		"with EnableVpcEndpointConnection (or give the wait a longer %s)", what, d.Round(time.Millisecond), service, longer)
}

// transientForWait reports whether a failed poll is worth repeating on the
// waiter's schedule: what the client's retry policy retries (a proxy's 5xx
// page included; IsRetryable covers it), and throttling of any kind.
func transientForWait(err error) bool {
	return IsRetryable(err) || IsThrottling(err)
}

// requestIDOf returns the request ID an error carries, if any.
func requestIDOf(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.RequestID
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		return reqErr.RequestID
	}
	return ""
}
