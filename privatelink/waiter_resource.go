package privatelink

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Targets of the connection and zone connection waits.
const (
	// WaitTargetConnected waits until a connection, or a zone of one, is
	// Connected.
	WaitTargetConnected WaitTarget = "Connected"
	// WaitTargetDisconnected waits until a connection, or a zone of one,
	// is Disconnected.
	WaitTargetDisconnected WaitTarget = "Disconnected"
)

// ErrConnectionRejected is the cause of a wait for a Connected connection
// that stayed Disconnected for the grace of WaitDisconnectedGrace: the
// service provider rejected the request or closed the connection
// (DisableVpcEndpointConnection). errors.Is(err, ErrUnexpectedState) holds
// for it too.
var ErrConnectionRejected = fmt.Errorf("%w: the connection was rejected or closed", ErrUnexpectedState)

// snapshot is what one poll of a ResourceWaiter observed.
type snapshot struct {
	// found is false when the answer did not contain the connection or
	// zone waited for: not there yet, or gone.
	found            bool
	requestID        string
	serviceStatus    ServiceStatus
	serviceBusiness  ServiceBusinessStatus
	endpointStatus   EndpointStatus
	endpointBusiness EndpointBusinessStatus
	connectionStatus ConnectionStatus
	zoneStatus       ZoneStatus
}

// ResourceWaiter waits for an endpoint service, the connection of an
// endpoint to a service, or one zone of such a connection to reach a
// target. Poll takes one step; Wait loops over Poll. It shares the
// endpoint waiter's rules: the schedule described at DefaultWaitMinDelay,
// the WaitOptions, the *WaitError with what was last seen, transient
// errors polled through, a resource not found failing the wait at once
// unless WaitNotFoundGrace gives a grace for one not seen yet (pass it
// after a create), the DefaultWaitTimeout bound, and outcomes that Poll
// and Wait repeat once reached. It is not safe for concurrent use; the Client is.
//
// Create one with NewVpcEndpointServiceWaiter,
// NewVpcEndpointConnectionWaiter, NewVpcEndpointConnectionWaiterFromEndpoint
// or NewVpcEndpointZoneConnectionWaiter, or call the WaitUntil methods.
type ResourceWaiter struct {
	c      *Client
	action string
	cfg    waitConfig
	cfgErr error
	// id carries ServiceID, EndpointID, ZoneID, Target and, for
	// CreateVpcEndpointAndWait, ClientToken into every error and event.
	id WaitError
	// notFoundCode is the error code that says the resource is absent.
	notFoundCode string
	// notFoundReason, goneReason and failedReason word the WaitError.Reason
	// of a resource never seen, one that disappeared, and a poll that
	// failed for good; empty means "not found", "it disappeared" and the
	// action's "poll failed".
	notFoundReason, goneReason, failedReason string

	probe func(ctx context.Context) (snapshot, error)
	judge func(s snapshot, now time.Time) (done bool, reason string, cause error)
	// answer is the typed answer of the last successful poll, for the
	// WaitUntil methods.
	answer any

	started       bool
	start         time.Time
	polls         int
	seen          bool
	last          snapshot
	lastRequestID string
	lastErr       error
	// runSince is when the current run of readings the disconnected grace
	// tolerates began; valid while inRun.
	runSince time.Time
	inRun    bool
	done     bool
	failed   error
}

func (c *Client) newResourceWaiter(action string, id WaitError, targets []WaitTarget, opts []WaitOption) *ResourceWaiter {
	cfg, err := newWaitConfig(action, opts)
	w := &ResourceWaiter{c: c, action: action, cfg: cfg, cfgErr: err, id: id}
	// "-" marks an identity field the wait does not use.
	for _, f := range []*string{&w.id.ServiceID, &w.id.EndpointID, &w.id.ZoneID} {
		if *f == "-" {
			*f = ""
		}
	}
	if err != nil {
		return w
	}
	var problems []Problem
	// A Deleted wait counts not-found as success, so an ID that cannot
	// name the resource would pass at once: IDs of the wrong shape are
	// refused, as NewEndpointWaiter refuses them. Zone IDs have no prefix.
	for _, f := range [...]struct{ name, value, prefix, kind string }{
		{"ServiceID", id.ServiceID, "epsrv-", "an endpoint service ID"},
		{"EndpointID", id.EndpointID, "ep-", "an endpoint ID"},
		{"ZoneID", id.ZoneID, "", ""},
	} {
		switch {
		case f.value == "-":
		case f.value == "":
			problems = append(problems, Problem{Field: f.name, Message: "required"})
		case f.prefix != "" && (!strings.HasPrefix(f.value, f.prefix) || len(f.value) == len(f.prefix)):
			problems = append(problems, Problem{Field: f.name, Message: fmt.Sprintf("%q is not %s, which starts with %q", f.value, f.kind, f.prefix)})
		}
	}
	known := false
	for _, t := range targets {
		known = known || id.Target == t
	}
	if !known {
		problems = append(problems, Problem{Field: "WaitTarget", Message: fmt.Sprintf("unknown target %q", id.Target)})
	}
	if problems != nil {
		w.cfgErr = &ValidationError{Action: action, Problems: problems}
	}
	return w
}

// Wait polls until the target is reached, the wait fails, or ctx is done.
// It returns nil or a *WaitError (a *ValidationError for invalid options).
func (w *ResourceWaiter) Wait(ctx context.Context) error {
	return waitLoop(ctx, &w.cfg, func() time.Time { return w.start }, w.Poll,
		func(reason string, cause error, now time.Time) error { return w.waitError(reason, cause, now) })
}

// Poll polls once and reports whether the target is reached. Transient
// errors, and the resource not found within the grace, are tolerated: err
// is nil and WaitOnPoll sees them. err is non-nil when the wait failed for
// good (a *WaitError), when ctx is done (a *WaitError wrapping ctx.Err();
// poll again with a live context to go on) or for invalid options (a
// *ValidationError). Like EndpointWaiter.Poll it does not apply
// WaitTimeout.
func (w *ResourceWaiter) Poll(ctx context.Context) (done bool, err error) {
	if w.done || w.failed != nil {
		return w.done, w.failed
	}
	if w.cfgErr != nil {
		return false, w.cfgErr
	}
	if !w.started {
		w.started, w.start = true, w.cfg.clock.Now()
	}
	if err := ctx.Err(); err != nil {
		return false, w.waitError("context done before polling", err, w.cfg.clock.Now())
	}
	w.polls++
	snap, callErr := w.probe(ctx)
	now := w.cfg.clock.Now()
	ev := PollEvent{EndpointID: w.id.EndpointID, ServiceID: w.id.ServiceID, ZoneID: w.id.ZoneID,
		Attempt: w.polls, Elapsed: now.Sub(w.start), Err: callErr}
	var stop error
	switch {
	case callErr != nil:
		if id := requestIDOf(callErr); id != "" {
			w.lastRequestID, ev.RequestID = id, id
		}
		done, stop = w.judgeError(ctx, callErr, now)
		if !done && stop == nil {
			w.lastErr = callErr
		}
	case !snap.found:
		w.lastRequestID, ev.RequestID, w.lastErr = snap.requestID, snap.requestID, nil
		done, stop = w.absent(nil, now)
	default:
		w.seen, w.last, w.lastRequestID, w.lastErr = true, snap, snap.requestID, nil
		ev.RequestID, ev.Status, ev.ConnectionStatus = snap.requestID, snap.endpointStatus, snap.connectionStatus
		ev.ServiceStatus, ev.ZoneStatus = snap.serviceStatus, snap.zoneStatus
		var reason string
		var cause error
		done, reason, cause = w.judge(snap, now)
		if cause != nil {
			stop = w.fail(reason, cause, now)
		}
	}
	w.done = done
	w.log(ctx, &ev, done, stop)
	if stop != nil && ev.Err == nil {
		ev.Err = stop
	}
	if w.cfg.onPoll != nil {
		w.cfg.onPoll(ev)
	}
	w.c.observer.poll(ctx, ev)
	return done, stop
}

// absent decides what a missing resource means: success for a Deleted
// wait, tolerated within the grace until it has been seen, else the end.
// err is the not-found error, if an error said so.
func (w *ResourceWaiter) absent(err error, now time.Time) (done bool, stop error) {
	switch {
	case w.id.Target == WaitTargetDeleted:
		return true, nil
	case w.seen:
		return false, w.failOnPoll(cmp.Or(w.goneReason, "it disappeared"), err, now)
	case now.Sub(w.start) < w.cfg.grace:
		return false, nil
	}
	return false, w.failOnPoll(cmp.Or(w.notFoundReason, "not found"), err, now)
}

// judgeError decides what a failed poll means for the wait.
func (w *ResourceWaiter) judgeError(ctx context.Context, err error, now time.Time) (done bool, stop error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, w.waitError("context done during a poll", ctxErr, now)
	}
	if w.notFoundCode != "" && ErrorCode(err) == w.notFoundCode {
		done, stop = w.absent(err, now)
		if !done && stop == nil {
			w.lastErr = err
		}
		return done, stop
	}
	if transientForWait(err) {
		return false, nil
	}
	return false, w.failOnPoll(cmp.Or(w.failedReason, w.action+" poll failed"), err, now)
}

// disconnectedRun tracks a run of readings that the grace of
// WaitDisconnectedGrace tolerates (on) or ends it (!on), and reports
// whether the run has outlasted the grace, and for how long it has run.
func (w *ResourceWaiter) disconnectedRun(on bool, now time.Time) (over bool, d time.Duration) {
	if !on {
		w.inRun = false
		return false, 0
	}
	if !w.inRun {
		w.inRun, w.runSince = true, now
	}
	d = now.Sub(w.runSince)
	return d >= w.cfg.disconnectedGrace, d
}

func (w *ResourceWaiter) failOnPoll(reason string, cause error, now time.Time) error {
	if cause == nil {
		cause = ErrUnexpectedState
	}
	w.lastErr = nil
	return w.fail(reason, cause, now)
}

func (w *ResourceWaiter) fail(reason string, cause error, now time.Time) error {
	w.failed = w.waitError(reason, cause, now)
	return w.failed
}

func (w *ResourceWaiter) waitError(reason string, cause error, now time.Time) *WaitError {
	e := w.id
	e.LastRequestID, e.Polls, e.Reason, e.Err, e.LastErr = w.lastRequestID, w.polls, reason, cause, w.lastErr
	if w.started {
		e.Elapsed = now.Sub(w.start)
	}
	if w.seen {
		s := w.last
		e.LastStatus, e.LastConnectionStatus, e.LastBusinessStatus = s.endpointStatus, s.connectionStatus, s.endpointBusiness
		e.LastServiceStatus, e.LastServiceBusinessStatus, e.LastZoneStatus = s.serviceStatus, s.serviceBusiness, s.zoneStatus
	}
	return &e
}

// log records the poll at Debug level, so that an operator can follow a
// slow wait state by state.
func (w *ResourceWaiter) log(ctx context.Context, ev *PollEvent, done bool, stop error) {
	l := w.c.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, 15)
	attrs = append(attrs,
		slog.String("action", w.action),
		slog.String("service_id", ev.ServiceID),
		slog.String("endpoint_id", ev.EndpointID),
		slog.String("zone_id", ev.ZoneID),
		slog.String("target", string(w.id.Target)),
		slog.Int("poll", ev.Attempt),
		slog.Duration("elapsed", ev.Elapsed),
		slog.String("service_status", string(ev.ServiceStatus)),
		slog.String("status", string(ev.Status)),
		slog.String("connection_status", string(ev.ConnectionStatus)),
		slog.String("zone_status", string(ev.ZoneStatus)),
		slog.String("request_id", ev.RequestID),
		slog.Bool("done", done),
	)
	if ev.Err != nil {
		attrs = append(attrs, slog.String("error", ev.Err.Error()))
	}
	if stop != nil {
		attrs = append(attrs, slog.String("stop", stop.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "privatelink: wait poll", attrs...)
}
