package privatelink

import "time"

// Default polling schedule of the waiters; see WaitMinDelay, WaitMaxDelay and
// WaitJitter.
//
// The first poll is immediate. The interval then starts at
// DefaultWaitMinDelay and grows to 10% of the time the wait has run once
// that is longer (after 50 s), up to DefaultWaitMaxDelay (reached at 300 s).
// Two aims set these figures:
//
//   - Detection delay, from the moment the endpoint is Active to the moment
//     the waiter returns, within 10% of the creation time plus a second for
//     creations of 5 s, 60 s and 300 s. The interval that overshoots is at
//     most 10% of the time spent before it (11% with full jitter, 6.6 s at
//     60 s) and never over 30 s, which is 10% of a 300 s creation; longer
//     creations are detected within 30 s. TestScheduleBoundsOverAllJitter
//     checks this over random jitter, not only at its extremes.
//   - No more GetVpcEndpointAttribute calls than a fixed 5 s poll: no
//     interval is shorter than 5 s, so the waiter can only call less often.
//     Fewer calls matter to bulk automation that shares one account's API
//     quota.
//
// TestWaitScheduleFigures measures both end to end against the emulator on
// a fake clock (polls take no time there), with the jitter draw at zero and
// at its maximum, and prints:
//
//	creation  calls j=0  calls j=max  calls fixed 5s  detection j=0  detection j=max  detection aim
//	      5s          2            2               2             0s             0.5s           1.5s
//	     60s         13           12              13           0.5s            1.05s             7s
//	    300s         30           28              61         5.795s          22.099s            31s
//
// (go test -run TestWaitScheduleFigures -v ./privatelink/). A fixed 5 s
// poll detects these creations at once only because they are multiples of
// 5 s; its detection delay is up to 5 s in general.
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
