package ratecontrol

import (
	"sync"
	"sync/atomic"
)

// bucketNanos is the width of a rate-measurement bucket: half a second, as
// in AWS's adaptive mode. Short enough to follow a burst, long enough to
// hold a few requests at the quotas Alibaba Cloud sets (a few per second).
const bucketNanos = int64(500_000_000)

// meter measures the rate of answers for one key. Counting is lock-free:
// 64 goroutines that each record an answer touch one atomic counter, and
// only the first answer of a new bucket takes the lock to fold the
// finished buckets into the average.
type meter struct {
	bucket  atomic.Int64 // index of the current bucket (unix nanos / bucketNanos)
	pending atomic.Int64 // answers counted in the current bucket

	mu   sync.Mutex
	rate float64 // smoothed answers per second; guarded by mu
}

func (m *meter) init(nanos int64) { m.bucket.Store(nanos / bucketNanos) }

// record counts one answer at nanos (unix nanoseconds). It reports true
// when a new bucket began, in which case the caller updates the average
// with roll under m.mu.
func (m *meter) record(nanos int64) bool {
	if nanos/bucketNanos <= m.bucket.Load() {
		m.pending.Add(1)
		return false
	}
	return true
}

// roll folds the buckets since the last roll, and the answer at nanos,
// into the average. The caller holds m.mu.
func (m *meter) roll(nanos int64) {
	idx := nanos / bucketNanos
	last := m.bucket.Load()
	if idx <= last {
		// Another goroutine rolled first: this answer belongs to the
		// bucket it started.
		m.pending.Add(1)
		return
	}
	n := m.pending.Swap(0) + 1
	m.bucket.Store(idx)
	seconds := float64(idx-last) * float64(bucketNanos) / 1e9
	m.rate = smooth(m.rate, float64(n)/seconds)
}

// estimate returns the measured rate; before the first bucket has ended it
// treats the current bucket's count as a whole bucket, so that a throttle in
// the first half-second of a burst does not drop the rate to the floor. The
// caller holds m.mu.
func (m *meter) estimate() float64 {
	if m.rate > 0 {
		return m.rate
	}
	return float64(m.pending.Load()) * 1e9 / float64(bucketNanos)
}
