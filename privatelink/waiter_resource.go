package privatelink

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Targets of the connection and zone connection waits; VpcEndpointWaiter
// takes WaitTargetDisconnected too.
const (
	// WaitTargetConnected waits until a connection, or a zone of one, is
	// Connected.
	WaitTargetConnected WaitTarget = "Connected"
	// WaitTargetDisconnected waits until a connection, or a zone of one,
	// is Disconnected; for VpcEndpointWaiter, until the endpoint's
	// connection is.
	WaitTargetDisconnected WaitTarget = "Disconnected"
)

// ErrConnectionRejected is the cause of a wait for a Connected connection
// that stayed Disconnected for the grace of WaitDisconnectedGrace: the
// service provider rejected the request or closed the connection
// (DisableVpcEndpointConnection). errors.Is(err, ErrUnexpectedState) holds
// for it too.
var ErrConnectionRejected = fmt.Errorf("%w: the connection was rejected or closed", ErrUnexpectedState)

// snapshot is what one poll of a resourceWaiter observed.
type snapshot struct {
	// found is false when the answer did not contain the connection or
	// zone waited for: not there yet, or gone.
	found     bool
	requestID string
	// serviceID is the service an endpoint's answer names, for the hint
	// of a connection left Pending.
	serviceID        string
	serviceStatus    ServiceStatus
	serviceBusiness  ServiceBusinessStatus
	endpointStatus   EndpointStatus
	endpointBusiness EndpointBusinessStatus
	connectionStatus ConnectionStatus
	zoneStatus       ZoneStatus
}

// resourceWaiter is the engine every waiter shares: VpcEndpointWaiter,
// VpcEndpointServiceWaiter, VpcEndpointConnectionWaiter and
// VpcEndpointZoneConnectionWaiter each wrap one with a probe (the call that
// reads the state) and a judge (what the state means for the target). The
// engine holds the rules they share: the schedule described at
// DefaultWaitMinDelay, the WaitOptions, the *WaitError with what was last
// seen, transient errors polled through, a resource not found failing the
// wait at once unless WaitNotFoundGrace gives a grace for one not seen yet,
// the DefaultWaitTimeout bound, and outcomes that Poll and Wait repeat once
// reached. It is not safe for concurrent use; the Client is.
type resourceWaiter struct {
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
	// disconnected and pending are the current runs of readings that the
	// graces of WaitDisconnectedGrace and WaitPendingGrace tolerate.
	disconnected, pending graceRun
	done                  bool
	failed                error
}

// graceRun tracks a run of readings that a grace tolerates: Disconnected,
// or Pending, readings of a connection that is to become Connected. The
// window is time, not a number of polls.
type graceRun struct {
	// since is when the run began; valid while on.
	since time.Time
	on    bool
}

// track records one judged reading, in the run (in) or not, and reports
// whether the run has lasted grace, and for how long it has run. Any
// reading not in the run ends it; failed polls, which judge nothing, are
// not recorded, so they neither extend nor end it.
func (r *graceRun) track(in bool, now time.Time, grace time.Duration) (over bool, d time.Duration) {
	if !in {
		r.on = false
		return false, 0
	}
	if !r.on {
		r.on, r.since = true, now
	}
	d = now.Sub(r.since)
	return d >= grace, d
}

// newResourceWaiter builds the engine for action, the function the caller
// called, which every *WaitError and *ValidationError of the wait names.
// targets are the targets the waiter takes; hint, if any, follows the
// list of them in the "unknown target" problem.
func (c *Client) newResourceWaiter(action string, id WaitError, targets []WaitTarget, hint string, opts []WaitOption) *resourceWaiter {
	cfg, err := c.newWaitConfig(action, opts)
	id.Action = action
	w := &resourceWaiter{c: c, action: action, cfg: cfg, cfgErr: err, id: id}
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
	// refused, as NewVpcEndpointWaiter refuses them. Zone IDs have no prefix.
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
	names := make([]string, len(targets))
	for i, t := range targets {
		known = known || id.Target == t
		names[i] = "WaitTarget" + string(t)
	}
	if !known {
		msg := fmt.Sprintf("%s does not take target %q; it takes %s", action, id.Target, strings.Join(names, " or "))
		if hint != "" {
			msg += " (" + hint + ")"
		}
		problems = append(problems, Problem{Field: "WaitTarget", Message: msg})
	}
	if problems != nil {
		w.cfgErr = &ValidationError{Action: action, Problems: problems}
	}
	return w
}

// Wait polls until the target is reached, the wait fails, or ctx is done.
// It returns nil or a *WaitError (a *ValidationError for invalid options).
func (w *resourceWaiter) Wait(ctx context.Context) error {
	return waitLoop(ctx, &w.cfg, func() time.Time { return w.start }, w.Poll,
		func(reason string, cause error, now time.Time) error {
			if cause == context.DeadlineExceeded && ctx.Err() == nil && w.pending.on {
				// WaitTimeout (not ctx), shorter than the pending grace,
				// ended a wait whose connection was still Pending: say so,
				// and what to do, as the grace would have.
				reason += "; " + w.pendingReason(now.Sub(w.pending.since), "WaitTimeout")
			}
			return w.waitError(reason, cause, now)
		})
}

// Poll polls once and reports whether the target is reached. Transient
// errors, and the resource not found within the grace, are tolerated: err
// is nil and WaitOnPoll sees them. err is non-nil when the wait failed for
// good (a *WaitError), when ctx is done (a *WaitError wrapping ctx.Err();
// poll again with a live context to go on) or for invalid options (a
// *ValidationError). Like VpcEndpointWaiter.Poll it does not apply
// WaitTimeout.
func (w *resourceWaiter) Poll(ctx context.Context) (done bool, err error) {
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
func (w *resourceWaiter) absent(err error, now time.Time) (done bool, stop error) {
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
func (w *resourceWaiter) judgeError(ctx context.Context, err error, now time.Time) (done bool, stop error) {
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

func (w *resourceWaiter) failOnPoll(reason string, cause error, now time.Time) error {
	if cause == nil {
		cause = ErrUnexpectedState
	}
	w.lastErr = nil
	return w.fail(reason, cause, now)
}

func (w *resourceWaiter) fail(reason string, cause error, now time.Time) error {
	w.failed = w.waitError(reason, cause, now)
	return w.failed
}

func (w *resourceWaiter) waitError(reason string, cause error, now time.Time) *WaitError {
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
func (w *resourceWaiter) log(ctx context.Context, ev *PollEvent, done bool, stop error) {
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
