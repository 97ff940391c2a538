package ratecontrol

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"
)

// fakeClock advances only when told to, or by the length of a wait: After
// moves the time on and fires at once, so no test sleeps.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	// On a bucket boundary, so that tests can count buckets.
	return &fakeClock{now: time.Unix(1_700_000_000, 0)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestCut(t *testing.T) {
	for _, tc := range []struct{ r, want float64 }{
		{100, 70}, {10, 7}, {1, 0.7}, {0.5, 0.35},
	} {
		if got := cut(tc.r); !near(got, tc.want) {
			t.Errorf("cut(%v) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestCurve(t *testing.T) {
	// For lastMax 10 the window is cbrt(10*0.3/0.4) = cbrt(7.5) s.
	w := math.Cbrt(7.5)
	if got := window(10); !near(got, w) {
		t.Fatalf("window(10) = %v, want %v", got, w)
	}
	for _, tc := range []struct {
		name string
		dt   float64
		want float64
	}{
		{"at the cut: 0.7 of the throttled rate", 0, 7},
		{"half way back", w / 2, 10 - 0.4*math.Pow(w/2, 3)},
		{"back at the throttled rate after the window", w, 10},
		{"one second past: probing above it", w + 1, 10.4},
		{"two seconds past", w + 2, 13.2},
		{"three seconds past", w + 3, 20.8},
	} {
		if got := curve(tc.dt, 10); !near(got, tc.want) {
			t.Errorf("%s: curve(%v, 10) = %v, want %v", tc.name, tc.dt, got, tc.want)
		}
	}
	// The curve rises monotonically: recovery never cuts.
	prev := curve(0, 10)
	for dt := 0.1; dt < 10; dt += 0.1 {
		r := curve(dt, 10)
		if r < prev {
			t.Fatalf("curve falls at dt=%v: %v < %v", dt, r, prev)
		}
		prev = r
	}
}

func TestMeterSmoothing(t *testing.T) {
	clk := newFakeClock()
	var m meter
	m.init(clk.Now().UnixNano())
	answer := func() {
		n := clk.Now().UnixNano()
		if m.record(n) {
			m.mu.Lock()
			m.roll(n)
			m.mu.Unlock()
		}
	}
	for range 10 {
		answer()
		clk.Advance(40 * time.Millisecond)
	}
	// 10 answers in the first 0.4 s: no bucket has ended, the estimate
	// treats the current bucket as whole.
	if got := m.estimate(); !near(got, 20) {
		t.Fatalf("estimate in the first bucket = %v, want 20", got)
	}
	clk.Advance(100 * time.Millisecond) // 0.5 s: the next bucket
	answer()
	// 11 answers over one bucket of 0.5 s: 22/s, weighted 0.8.
	if want := 0.8 * 22; !near(m.rate, want) {
		t.Fatalf("rate after one bucket = %v, want %v", m.rate, want)
	}
	prev := m.rate
	clk.Advance(1500 * time.Millisecond) // three buckets later, one answer
	answer()
	// 1 answer over 1.5 s.
	if want := 0.8*(1/1.5) + 0.2*prev; !near(m.rate, want) {
		t.Fatalf("rate after a quiet 1.5 s = %v, want %v", m.rate, want)
	}
}

// warm sends n answers spread evenly over d and then crosses into the next
// bucket, so that the measured rate is settled.
func warm(c *Controller, clk *fakeClock, key string, n int, d time.Duration) {
	step := d / time.Duration(n)
	for range n {
		c.Observe(key, clk.Now(), false)
		clk.Advance(step)
	}
}

func TestStartsUnlimited(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	for range 1000 {
		if d, err := c.Wait(context.Background(), "ListVpcEndpoints"); d != 0 || err != nil {
			t.Fatalf("Wait before any throttle = %v, %v", d, err)
		}
		c.Observe("ListVpcEndpoints", clk.Now(), false)
	}
	if _, limited := c.Rate("ListVpcEndpoints"); limited {
		t.Fatal("limited without a throttle")
	}
}

func TestThrottleCutsToSeventyPercent(t *testing.T) {
	for _, tc := range []struct {
		name     string
		perHalfS int
		want     float64
	}{
		{"20 requests/s", 10, 0.7 * 0.8 * 20},
		{"100 requests/s", 50, 0.7 * 0.8 * 100},
		{"2 requests/s", 1, 0.7 * 0.8 * 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := newFakeClock()
			c := New(Config{Clock: clk})
			// One full bucket, then the first answer of the next one
			// rolls it into the average: 0.8 * rate.
			warm(c, clk, "k", tc.perHalfS, 500*time.Millisecond)
			c.Observe("k", clk.Now(), true)
			// The throttled answer itself counts towards the bucket it
			// closed.
			measured := 0.8 * float64(tc.perHalfS+1) / 0.5
			got, limited := c.Rate("k")
			if !limited || !near(got, max(0.7*measured, DefaultMinRate)) {
				t.Fatalf("after a throttle at %v/s: rate %v (limited %v), want %v", measured, got, limited, 0.7*measured)
			}
		})
	}
}

func TestOneCutPerRoundOfThrottles(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	warm(c, clk, "k", 50, 500*time.Millisecond)
	c.Observe("k", clk.Now(), false) // roll: measured 0.8*102 = 81.6
	sent := clk.Now()
	clk.Advance(10 * time.Millisecond)
	c.Observe("k", sent, true)
	first, _ := c.Rate("k")
	// 63 more requests that were in flight with the first one come back
	// throttled: they report the old rate, not the new one.
	var wg sync.WaitGroup
	for range 63 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Observe("k", sent, true)
		}()
	}
	wg.Wait()
	if got, _ := c.Rate("k"); got != first {
		t.Fatalf("in-flight throttles cut again: %v, want %v", got, first)
	}
	// A request sent after the cut and throttled all the same cuts again.
	clk.Advance(10 * time.Millisecond)
	c.Observe("k", clk.Now(), true)
	if got, _ := c.Rate("k"); !near(got, 0.7*first) {
		t.Fatalf("second cut: %v, want %v", got, 0.7*first)
	}
}

func TestNeverBelowFloor(t *testing.T) {
	for _, floor := range []float64{0, 2} {
		clk := newFakeClock()
		c := New(Config{Clock: clk, MinRate: floor})
		want := floor
		if floor == 0 {
			want = DefaultMinRate
		}
		for range 100 {
			clk.Advance(time.Millisecond)
			c.Observe("k", clk.Now(), true)
			if got, _ := c.Rate("k"); got < want {
				t.Fatalf("floor %v: rate %v", want, got)
			}
		}
		if got, _ := c.Rate("k"); got != want {
			t.Fatalf("after 100 throttles: %v, want the floor %v", got, want)
		}
	}
}

func TestRecoveryFollowsCurve(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	warm(c, clk, "k", 10, 500*time.Millisecond)
	c.Observe("k", clk.Now(), true)
	lastMax := 0.8 * 11 / 0.5 // 17.6
	cutAt := clk.Now()
	// The curve reaches twice the throttled rate at window +
	// cbrt(lastMax/C) seconds.
	reached := window(lastMax) + math.Cbrt(lastMax/ScaleConstant)
	// Keep sending at the paced rate through Wait, as a client would, and
	// check each answer's rate against the curve (capped at twice the
	// measured rate) until it has reached twice the throttled rate.
	for clk.Now().Sub(cutAt).Seconds() < reached {
		if _, err := c.Wait(context.Background(), "k"); err != nil {
			t.Fatal(err)
		}
		c.Observe("k", clk.Now(), false)
		got, limited := c.Rate("k")
		dt := clk.Now().Sub(cutAt).Seconds()
		if !limited {
			t.Fatalf("unlimited after %.2fs, before the curve reached 2x at %.2fs", dt, reached)
		}
		if want := curve(dt, lastMax); got > want+1e-9 {
			t.Fatalf("at %.2fs: rate %v above the curve %v", dt, got, want)
		}
	}
	// Still limited until RecoverQuiet has passed without a throttle,
	// however fast the client sends (here 50/s, over twice lastMax).
	for clk.Now().Sub(cutAt) < RecoverQuiet-time.Second {
		clk.Advance(20 * time.Millisecond)
		c.Observe("k", clk.Now(), false)
		if _, limited := c.Rate("k"); !limited {
			t.Fatalf("unlimited %v after the cut, before RecoverQuiet", clk.Now().Sub(cutAt))
		}
	}
	for range 100 {
		clk.Advance(20 * time.Millisecond)
		c.Observe("k", clk.Now(), false)
	}
	if _, limited := c.Rate("k"); limited {
		t.Fatalf("still limited %v after the cut", clk.Now().Sub(cutAt))
	}
	if d, _ := c.Wait(context.Background(), "k"); d != 0 {
		t.Fatalf("Wait after recovery = %v", d)
	}
}

func TestWaitPaces(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk, MinRate: 4})
	c.Observe("k", clk.Now(), true) // a throttle out of nowhere: the floor, 4/s
	if r, _ := c.Rate("k"); r != 4 {
		t.Fatalf("rate %v, want 4", r)
	}
	start := clk.Now()
	var waited time.Duration
	for range 8 {
		d, err := c.Wait(context.Background(), "k")
		if err != nil {
			t.Fatal(err)
		}
		waited += d
	}
	// The bucket starts empty: 8 requests at 4/s take 2 s.
	if got := clk.Now().Sub(start); got != 2*time.Second || waited != got {
		t.Fatalf("8 requests took %v (reported %v), want 2s", got, waited)
	}
	// Other keys are not slowed.
	if d, _ := c.Wait(context.Background(), "other"); d != 0 {
		t.Fatalf("another key waited %v", d)
	}
}

func TestWaitContext(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk, MinRate: 1})
	c.Observe("k", clk.Now(), true)
	r, _ := c.Rate("k") // one answer in half a second, cut: 1.4/s
	interval := time.Duration(float64(time.Second) / r)

	ctx, cancel := context.WithDeadline(context.Background(), clk.Now().Add(interval/2))
	defer cancel()
	before := clk.Now()
	_, err := c.Wait(ctx, "k")
	if !errors.Is(err, context.DeadlineExceeded) || !clk.Now().Equal(before) {
		t.Fatalf("wait beyond the deadline: %v after %v, want an immediate DeadlineExceeded", err, clk.Now().Sub(before))
	}

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	blocked := &blockingClock{fakeClock: clk}
	c.clock = blocked
	if _, err := c.Wait(ctx, "k"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait: %v", err)
	}
	// The cancelled wait gave its slot back: the next one waits one
	// interval, not two.
	c.clock = clk
	if d, _ := c.Wait(context.Background(), "k"); d != interval {
		t.Fatalf("wait after a cancelled one = %v, want %v", d, interval)
	}
}

// blockingClock never fires, so that a wait can end only by its context.
type blockingClock struct{ *fakeClock }

func (blockingClock) After(time.Duration) <-chan time.Time { return nil }

func TestConcurrentWaitObserve(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	keys := []string{"CreateVpcEndpoint", "ListVpcEndpoints", "GetVpcEndpointAttribute"}
	var wg sync.WaitGroup
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := keys[g%len(keys)]
			for i := range 200 {
				if _, err := c.Wait(context.Background(), key); err != nil {
					t.Error(err)
					return
				}
				sent := clk.Now()
				clk.Advance(time.Millisecond)
				c.Observe(key, sent, i%50 == 49 && key != "ListVpcEndpoints")
			}
		}()
	}
	wg.Wait()
	for _, key := range keys[:1] {
		if r, limited := c.Rate(key); limited && r < DefaultMinRate {
			t.Errorf("%s: rate %v below the floor", key, r)
		}
	}
	if _, limited := c.Rate("ListVpcEndpoints"); limited {
		t.Error("a key that was never throttled is limited")
	}
}

func TestNoAllocationsWhileUnlimited(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	c.Observe("k", clk.Now(), false)
	ctx := context.Background()
	allocs := testing.AllocsPerRun(1000, func() {
		c.Wait(ctx, "k")
		clk.Advance(time.Millisecond) // crosses buckets now and then
		c.Observe("k", clk.Now(), false)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per Wait+Observe, want 0", allocs)
	}
}

func TestIsThrottle(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
		want   bool
	}{
		{400, "Throttling", true},
		{400, "Throttling.User", true},
		{503, "Throttling.Api", true},
		{400, "Throttling.Concurrency", true},
		{429, "", true},
		{503, "ServiceUnavailable", false},
		{500, "InternalError", false},
		{400, "ThrottlingX", false},
		{400, "Throttling.", false},
		{200, "", false},
	} {
		if got := IsThrottle(tc.status, tc.code); got != tc.want {
			t.Errorf("IsThrottle(%d, %q) = %v, want %v", tc.status, tc.code, got, tc.want)
		}
	}
}

// gatedClock is a fakeClock whose waits never fire: a goroutine in Wait can
// leave only when the pace changes (or its context ends). Each wait that
// begins is announced on waiting.
type gatedClock struct {
	*fakeClock
	waiting chan struct{}
}

func (g gatedClock) After(time.Duration) <-chan time.Time {
	g.waiting <- struct{}{}
	return nil
}

// A goroutine that queued at the floor rate is not held to that place once
// the rate recovers. Before the fix, Wait slept for the delay reserved at
// the old rate whatever happened meanwhile: with 32 goroutines queued at
// one request every two seconds, the last slept for over a minute.
func TestWaitersRequeueWhenTheRateRises(t *testing.T) {
	fc := newFakeClock()
	clk := gatedClock{fc, make(chan struct{}, 8)}
	c := New(Config{Clock: clk})
	c.Observe("k", clk.Now(), true) // cut to the floor, bucket empty
	done := make(chan error, 1)
	go func() {
		_, err := c.Wait(context.Background(), "k")
		done <- err
	}()
	<-clk.waiting
	// Well past the recovery window, a busy second of answers without a
	// throttle raises the pace far above the floor.
	fc.Advance(10 * time.Second)
	warm(c, fc, "k", 50, time.Second)
	if r, limited := c.Rate("k"); limited && r < 10*DefaultMinRate {
		t.Fatalf("the test needs a recovered rate, got %v", r)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second): // a guard, not a wait for state
		t.Fatal("the waiter kept the place it reserved at the floor rate")
	}
}

// Requeueing after a change of pace leaves no debt: the next goroutine
// waits behind the queue there is, at the new rate. Before the fix, each
// round of requeueing cancelled the old places one by one, x/time/rate gave
// back the tokens of the last one only, and the debt of the whole queue
// piled up: in the bulk quota scenario the creates stalled for 110 s with
// nothing sent.
func TestRequeueingLeavesNoDebt(t *testing.T) {
	const waiters = 8
	fc := newFakeClock()
	clk := gatedClock{fc, make(chan struct{}, 4*waiters)}
	c := New(Config{Clock: clk, MinRate: 0.001})
	warm(c, fc, "k", 10, 500*time.Millisecond)
	c.Observe("k", fc.Now(), true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for range waiters {
		go c.Wait(ctx, "k")
	}
	for range waiters {
		<-clk.waiting
	}
	for range 3 {
		// A throttle of a request sent after the last cut cuts again, by
		// more than wakeFactor: every waiter queues again.
		fc.Advance(time.Millisecond)
		c.Observe("k", fc.Now(), true)
		for range waiters {
			<-clk.waiting
		}
	}
	r, _ := c.Rate("k")
	now := fc.Now()
	d := c.lookup("k").lim.Load().ReserveN(now, 1).DelayFrom(now)
	if most := time.Duration(float64(waiters+1) / r * float64(time.Second)); d > most {
		t.Fatalf("a new place waits %v at %.3g/s behind %d waiters, want at most %v", d, r, waiters, most)
	}
}
