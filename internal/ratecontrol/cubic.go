package ratecontrol

import (
	"math"
	"time"
)

// The CUBIC curve of AWS's adaptive retry mode (itself TCP CUBIC, RFC 8312,
// applied to a request rate instead of a congestion window), as pure
// functions of the rate and the time so that tests can table them.
const (
	// Beta is the share of the rate kept after a throttle.
	Beta = 0.7
	// ScaleConstant (C) sets how fast the rate climbs back: the curve
	// returns to the throttled rate after Window(r) seconds and then grows
	// like C*t^3 requests per second.
	ScaleConstant = 0.4
	// Smoothing is the weight of the newest half-second bucket in the
	// measured rate, an exponential moving average.
	Smoothing = 0.8
	// DefaultMinRate is the floor: the rate never falls below one request
	// every two seconds, so a throttled key keeps probing.
	DefaultMinRate = 0.5
	// RecoverFactor ends limiting: once both the curve and the measured
	// rate have reached this many times the rate that was last throttled,
	// without a new throttle, the quota has evidently grown and the key is
	// unlimited again. The curve alone is not enough: a client paced below
	// the quota sees no throttle however high the curve climbs, and
	// releasing it would send its whole backlog at once (measured with 64
	// requests in flight: a burst of about 55 throttles every few seconds,
	// 24% of all requests refused, against 6% while it stays paced).
	RecoverFactor = 2
	// RecoverQuiet is how long a key must go without a throttle before it
	// may be unlimited again, whatever the curve and the measured rate
	// say. A gateway quota lets a client run above its rate for as long as
	// its bucket or window lasts (the Quota Center writes rates such as
	// "200/60 s"), so a rate measured over a second or two can reach
	// twice a throttled rate that was measured low, and releasing on it
	// sends every waiting goroutine at once: measured with 64 goroutines
	// and the default wait schedule, a release 5 s after a cut met 32
	// throttles in one second. A minute covers the gateway's windows.
	RecoverQuiet = time.Minute
	// MaxCut bounds one cut to the share of the pace it keeps at least: a
	// throttle while the client sends far below its pace (its goroutines
	// busy elsewhere, a burst that emptied the gateway's bucket) measures
	// a rate that says little of the quota, and a cut from it would pace
	// the key far below the quota for seconds.
	MaxCut = Beta * Beta
)

// cut is the rate after a throttle at rate r.
func cut(r float64) float64 { return r * Beta }

// window is how long, in seconds, the curve takes to return to lastMax
// after the cut: the K of RFC 8312, cbrt(W_max*(1-beta)/C).
func window(lastMax float64) float64 {
	return math.Cbrt(lastMax * (1 - Beta) / ScaleConstant)
}

// curve is the rate dt seconds after the last throttle at lastMax: flat near
// lastMax (the rate that last met a throttle, where another one is likely)
// and steep far from it on either side.
func curve(dt, lastMax float64) float64 {
	d := dt - window(lastMax)
	return ScaleConstant*d*d*d + lastMax
}

// smooth folds a new sample into the moving average.
func smooth(avg, sample float64) float64 {
	return Smoothing*sample + (1-Smoothing)*avg
}
