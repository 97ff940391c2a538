package ratecontrol

import (
	"context"
	"sync/atomic"
	"time"
)

// Slow start: a key the controller knows nothing about yet lets at most
// SlowStartWindow requests be in flight at once, plus one more for each of
// its answers that was not throttled, as TCP's slow start grows its window
// by one segment per acknowledgement (doubling it every round trip). A
// client that sends one request at a time, or a few, never waits for it. A
// burst of 64 first requests goes out in a few round trips instead of at
// once: against a quota that lets 10 through, 64 goroutines starting
// together otherwise meet 54 refusals before the first answer can tell
// them of the quota (measured: 55 of the 66 throttles of a 300-create run).
//
// Slow start ends at the key's first throttle (pacing takes over), once the
// window has grown past SlowStartMaxWindow, or SlowStartFor after the key's
// first request, whichever comes first: an attempt that never gets an
// answer (a transport error) stays counted in flight, and the time limit
// keeps such leaks from holding requests back for longer.
const (
	SlowStartWindow    = 4
	SlowStartMaxWindow = 64
	SlowStartFor       = time.Second
)

// slowStart is the start of one key.
type slowStart struct {
	on        atomic.Bool
	until     int64        // unix nanoseconds; fixed when the key is created
	admitted  atomic.Int64 // requests let through
	answered  atomic.Int64 // answers observed
	successes atomic.Int64 // answers that were not throttled
	// wake is closed, and replaced, on every answer, so that goroutines
	// waiting for room in the window look again.
	wake atomic.Pointer[chan struct{}]
}

func (ss *slowStart) init(now time.Time) {
	ss.until = now.Add(SlowStartFor).UnixNano()
	wake := make(chan struct{})
	ss.wake.Store(&wake)
	ss.on.Store(true)
}

// admit waits until the window has room for one more request, and counts
// it. It returns at once once slow start has ended.
func (c *Controller) admit(ctx context.Context, ss *slowStart) (time.Duration, error) {
	var waited time.Duration
	for {
		wake := *ss.wake.Load()
		if !ss.on.Load() {
			return waited, nil
		}
		now := c.clock.Now()
		left := time.Duration(ss.until - now.UnixNano())
		if left <= 0 {
			ss.end()
			return waited, nil
		}
		a := ss.admitted.Load()
		if a-ss.answered.Load() < SlowStartWindow+ss.successes.Load() {
			if ss.admitted.CompareAndSwap(a, a+1) {
				return waited, nil
			}
			continue
		}
		select {
		case <-wake:
		case <-c.clock.After(left):
		case <-ctx.Done():
			return waited + c.clock.Now().Sub(now), ctx.Err()
		}
		waited += c.clock.Now().Sub(now)
	}
}

// observe counts an answer while slow start lasts, and ends it at a
// throttle or once the window is large.
func (ss *slowStart) observe(throttled bool) {
	if !ss.on.Load() {
		return
	}
	ss.answered.Add(1)
	if throttled || SlowStartWindow+ss.successes.Add(1) >= SlowStartMaxWindow {
		ss.end()
		return
	}
	next := make(chan struct{})
	close(*ss.wake.Swap(&next))
}

// end ends slow start and lets every waiting goroutine go.
func (ss *slowStart) end() {
	if ss.on.Swap(false) {
		next := make(chan struct{})
		close(*ss.wake.Swap(&next))
	}
}
