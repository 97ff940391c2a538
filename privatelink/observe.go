package privatelink

import (
	"context"
	"time"

	"github.com/privatelink-go/sdk/internal/ratecontrol"
	"github.com/privatelink-go/sdk/internal/transport"
)

// Observer receives what a Client does, call by call, attempt by attempt and
// poll by poll, for tracing and metrics (the otelprivatelink module turns it
// into OpenTelemetry spans and instruments). Every function is optional: a
// nil one is skipped. They run synchronously in the goroutine making the
// call, often from many goroutines at once, so they must be safe for
// concurrent use and return quickly. The events carry nothing secret: no
// AccessKey, signature or security token, and errors are the redacted ones
// the caller gets.
//
// A struct of functions rather than an interface, as net/http/httptrace's
// ClientTrace: a later hook is a new field, not a break for every
// implementation.
type Observer struct {
	// CallStart is called when a logical call begins, before its
	// credentials are fetched and its first attempt is sent. The context
	// it returns (for example one that carries a span) is the one the
	// call, its attempts and CallEnd run with; nil keeps ctx.
	CallStart func(ctx context.Context, ev CallStartEvent) context.Context
	// Attempt is called after each HTTP attempt of a call, with the
	// context CallStart returned.
	Attempt func(ctx context.Context, ev AttemptEvent)
	// CallEnd is called when a logical call returns, with the context
	// CallStart returned.
	CallEnd func(ctx context.Context, ev CallEvent)
	// Poll is called after each poll of any waiter, with the
	// waiter's context, after the poll's own call has ended and after
	// WaitOnPoll's function.
	Poll func(ctx context.Context, ev PollEvent)
}

// CallStartEvent describes a logical call as it begins.
type CallStartEvent struct {
	// Action is the API operation, for example "CreateVpcEndpoint".
	Action string
	// RegionID is the client's region.
	RegionID string
	// ClientToken is the call's idempotency token, empty for operations
	// that take none. It names the logical call across retries; it grants
	// nothing.
	ClientToken string
	// Start is when the call began.
	Start time.Time
}

// AttemptEvent describes one HTTP attempt of a call.
type AttemptEvent struct {
	// Action is the API operation.
	Action string
	// Attempt counts the attempts of the call, starting at 1.
	Attempt int
	// StatusCode is the HTTP status of the answer; 0 when none arrived.
	StatusCode int
	// ErrorCode is the service error code of the answer, "" when none.
	ErrorCode string
	// RequestID identifies the answer, when one arrived.
	RequestID string
	// Throttled reports whether the answer refused the attempt for the
	// API quota (Throttling, Throttling.User, Throttling.Api or HTTP 429).
	Throttled bool
	// Retry reports whether another attempt follows.
	Retry bool
	// Waited is how long the call waited before this attempt was sent:
	// the backoff before a retry and any wait for the client's rate
	// limits.
	Waited time.Duration
	// Latency is the attempt's own time, from sending the request to the
	// end of the answer's body.
	Latency time.Duration
	// Err is the attempt's failure when no service answer explains it (a
	// transport error), already redacted; nil otherwise.
	Err error
}

// CallEvent describes a logical call as it returns.
type CallEvent struct {
	// Action, RegionID and ClientToken are those of CallStartEvent.
	Action string
	// RegionID is the client's region.
	RegionID string
	// ClientToken is the call's idempotency token, empty for operations
	// that take none.
	ClientToken string
	// Start is when the call began; Start plus Latency is when it ended.
	Start time.Time
	// Attempts is how many HTTP attempts the call made; 0 when it failed
	// before sending any (credentials, a cancelled context).
	Attempts int
	// StatusCode is the HTTP status of the last answer; 0 when none
	// arrived.
	StatusCode int
	// ErrorCode is the service error code the call failed with, "" when
	// none.
	ErrorCode string
	// RequestID identifies the last answer, when one arrived.
	RequestID string
	// Throttled reports whether the call failed because the API quota
	// refused it to the last attempt.
	Throttled bool
	// Latency is the whole call's time, attempts and waits included.
	Latency time.Duration
	// Err is the error the call returned to its caller; nil on success.
	Err error
}

// WithObserver reports every call, attempt and waiter poll of the client to
// o. A later WithObserver replaces an earlier one.
func WithObserver(o Observer) Option {
	return optionFunc(func(c *config) error { c.observer = &o; return nil })
}

// callStart tells the observer, if any, that a call begins, and returns the
// context the call runs with.
func (o *Observer) callStart(ctx context.Context, ev CallStartEvent) context.Context {
	if o == nil || o.CallStart == nil {
		return ctx
	}
	if next := o.CallStart(ctx, ev); next != nil {
		return next
	}
	return ctx
}

// callEnd tells the observer, if any, how the call begun at start ended:
// meta is what the transport saw on the wire, err what the caller gets.
func (o *Observer) callEnd(ctx context.Context, start CallStartEvent, meta transport.Meta, err error) {
	if o == nil || o.CallEnd == nil {
		return
	}
	ev := CallEvent{
		Action: start.Action, RegionID: start.RegionID, ClientToken: start.ClientToken, Start: start.Start,
		Attempts: meta.Attempts, StatusCode: meta.StatusCode, RequestID: meta.RequestID,
		Latency: time.Since(start.Start), Err: err,
	}
	if err != nil {
		ev.ErrorCode = ErrorCode(err)
		ev.Throttled = ratecontrol.IsThrottle(meta.StatusCode, ev.ErrorCode)
	}
	o.CallEnd(ctx, ev)
}

// onAttempt returns the transport's attempt hook for the observer; nil
// when there is nothing to tell, so that the transport skips building the
// event.
func (o *Observer) onAttempt() func(context.Context, transport.AttemptInfo) {
	if o == nil || o.Attempt == nil {
		return nil
	}
	return func(ctx context.Context, a transport.AttemptInfo) {
		o.Attempt(ctx, AttemptEvent{
			Action: a.Action, Attempt: a.Attempt, StatusCode: a.Status, ErrorCode: a.Code,
			RequestID: a.RequestID, Throttled: a.Throttled, Retry: a.Retry,
			Waited: a.Waited, Latency: a.Latency, Err: a.Err,
		})
	}
}

// poll tells the observer, if any, about one waiter poll.
func (o *Observer) poll(ctx context.Context, ev PollEvent) {
	if o != nil && o.Poll != nil {
		o.Poll(ctx, ev)
	}
}
