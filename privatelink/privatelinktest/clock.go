package privatelinktest

import (
	"sync"
	"time"
)

// Clock tells the emulator what time it is. Endpoint states are derived
// from it at read time, so a test that controls the clock controls every
// transition without sleeping.
//
// Authentication deliberately does not use it: timestamps and nonces are
// checked against the real wall clock, so advancing a FakeClock by hours
// never makes signed requests look expired.
type Clock interface {
	Now() time.Time
}

// realClock is the default Clock. It reads wall time only, without Go's
// monotonic reading: the journal records wall times and replay compares
// them as such, so the original run must compare the same way, or a
// suspend or a clock step between two requests (which moves the wall
// clock and not the monotonic one) makes a replay answer differently.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now().Round(0) }

// FakeClock is a Clock that moves only when told to. It is safe for
// concurrent use, so a test can advance it while requests are in flight.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a FakeClock that reads t until it is advanced or set.
func NewFakeClock(t time.Time) *FakeClock {
	return &FakeClock{now: t}
}

// Now returns the clock's current time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (backward when d is negative).
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Set moves the clock to t.
func (c *FakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// After advances the clock by d and returns a channel that has already
// received the new time. It makes a FakeClock usable as the clock of the
// SDK's waiters (privatelink.WaitClock), so that one fake clock drives both
// the emulator's state transitions and the waiter's sleeps, and a wait for
// a creation that takes minutes finishes at once.
func (c *FakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	c.now = c.now.Add(d)
	now := c.now
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	ch <- now
	return ch
}
