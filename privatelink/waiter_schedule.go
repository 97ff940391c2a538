package privatelink

import "time"

// Default polling schedule of the waiters; see WithMinDelay, WithMaxDelay and
// WithJitter.
//
// The interval starts at DefaultWaitMinDelay and grows to 10% of the time
// the wait has run once that is longer, up to DefaultWaitMaxDelay. Two aims
// set these figures:
//
//   - Detection delay (from the moment the endpoint is Active to the moment
//     the waiter returns) stays within 10% of the creation time plus a
//     second, for creations of 5 s, 60 s and 300 s: a 10% interval can never
//     overshoot by more than 10% of the time already spent, and the 30 s cap
//     is 10% of a 300 s creation.
//   - No more GetVpcEndpointAttribute calls than a fixed 5 s poll: every
//     interval is at least 5 s, so the waiter can only call less often.
//
// TestWaitScheduleFigures measures both against a fixed 5 s poll and prints
// the table (go test -run TestWaitScheduleFigures -v ./privatelink/). Long
// creations are where the schedule pays: the calls grow with the logarithm
// of the creation time until the cap, then linearly at a sixth of the rate
// of a 5 s poll, which matters for bulk automation sharing one account's
// API quota.
const (
	DefaultWaitMinDelay = 5 * time.Second
	DefaultWaitMaxDelay = 30 * time.Second
	DefaultWaitJitter   = 0.1
)

// schedule decides when a waiter polls next. It is a pure function of its
// inputs so that the figures above can be measured without a clock.
type schedule struct {
	minDelay time.Duration
	maxDelay time.Duration
	jitter   float64 // in [0, 1]
}

// delay returns how long to wait before the next poll when elapsed has
// passed since the wait began. u, in [0, 1], draws the jitter.
//
// Jitter only lengthens the scheduled interval, so a waiter never polls
// earlier than the schedule says (and never more often than MinDelay);
// it spreads waiters started together, such as a batch of endpoints
// created in one loop, so that their polls do not arrive in bursts.
// maxDelay caps the result, jitter included, which makes it a hard bound
// on the detection delay once the interval has reached it.
func (s schedule) delay(elapsed time.Duration, u float64) time.Duration {
	d := max(s.minDelay, elapsed/10)
	if d >= s.maxDelay {
		return s.maxDelay
	}
	d += time.Duration(float64(d) * s.jitter * u)
	return min(d, s.maxDelay)
}
