package transport

import (
	"context"
	"time"

	"github.com/privatelink-go/sdk/internal/ratecontrol"
)

// AttemptInfo describes one classified attempt, for Config.OnAttempt. It
// carries nothing secret: the error is the redacted one.
type AttemptInfo struct {
	Action    string
	Attempt   int
	Status    int
	Code      string
	RequestID string
	Throttled bool
	Retry     bool
	// Waited is the time from the end of the previous attempt (or the
	// call's start) to this attempt's send: backoff and rate waits.
	Waited  time.Duration
	Latency time.Duration
	Err     error
}

// attemptDone tells Config.OnAttempt, if set, about the attempt st just
// finished; it is called wherever logAttempt is, so that the two never
// disagree about how many attempts a call made.
func (t *Transport) attemptDone(ctx context.Context, st *callState, code string, err error, retry bool) {
	if t.cfg.OnAttempt == nil {
		return
	}
	t.cfg.OnAttempt(ctx, AttemptInfo{
		Action: st.call.Action, Attempt: st.attempts, Status: st.status, Code: code,
		RequestID: st.requestID, Throttled: ratecontrol.IsThrottle(st.status, code), Retry: retry,
		Waited: st.waited, Latency: st.latency, Err: err,
	})
}

// waitRate waits until an attempt of action may be sent: first for the
// action's adaptive pace, then for the client-wide hard ceiling. In this
// order a goroutine holds no token of the ceiling while it waits for the
// pace, which would otherwise starve the other actions sharing it.
func (t *Transport) waitRate(ctx context.Context, action string) error {
	if t.cfg.Adaptive != nil {
		if _, err := t.cfg.Adaptive.Wait(ctx, action); err != nil {
			return err
		}
	}
	return t.waitLimiter(ctx)
}
