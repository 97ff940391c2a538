package ratecontrol

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A new key lets SlowStartWindow requests out at once, then one more for
// each answer that was not throttled, and one in place of each answer.
func TestSlowStartWindowGrowsWithAnswers(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	ss := &c.state("k", clk.Now()).start
	ctx := context.Background()
	for i := range SlowStartWindow {
		if d, err := c.Wait(ctx, "k"); d != 0 || err != nil {
			t.Fatalf("request %d waited %v (%v)", i, d, err)
		}
	}
	if room(ss) {
		t.Fatal("room for a fifth request before any answer")
	}
	c.Observe("k", clk.Now(), false)
	// One answer frees its place and adds one: two more may go.
	for i := range 2 {
		if !room(ss) {
			t.Fatalf("no room for request %d after one answer", i)
		}
		c.Wait(ctx, "k")
	}
	if room(ss) {
		t.Fatal("room for a third request after one answer")
	}
}

// A request that finds no room waits for an answer, not for a timer.
func TestSlowStartWaitsForAnAnswer(t *testing.T) {
	clk := &blockingClock{fakeClock: newFakeClock()}
	c := New(Config{Clock: clk})
	ctx := context.Background()
	for range SlowStartWindow {
		c.Wait(ctx, "k")
	}
	done := make(chan error)
	go func() { _, err := c.Wait(ctx, "k"); done <- err }()
	select {
	case err := <-done:
		t.Fatalf("the fifth request went out before any answer (%v)", err)
	case <-time.After(20 * time.Millisecond):
	}
	c.Observe("k", clk.Now(), false)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A throttle ends slow start: pacing takes over, and the waiting
// goroutines queue on the pace instead.
func TestSlowStartEndsAtThrottle(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	ss := &c.state("k", clk.Now()).start
	c.Observe("k", clk.Now(), true)
	if ss.on.Load() {
		t.Fatal("slow start goes on after a throttle")
	}
	if _, limited := c.Rate("k"); !limited {
		t.Fatal("not paced after the throttle")
	}
}

// Slow start ends after SlowStartFor even when answers never come (the
// attempts failed on the way), and once the window is SlowStartMaxWindow.
func TestSlowStartEnds(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	ctx := context.Background()
	for range SlowStartWindow {
		c.Wait(ctx, "k")
	}
	// fakeClock's After fires at once, moving the time to the end.
	d, err := c.Wait(ctx, "k")
	if err != nil || d != SlowStartFor {
		t.Fatalf("a request with no answer in sight waited %v (%v), want %v", d, err, SlowStartFor)
	}
	if c.state("k", clk.Now()).start.on.Load() {
		t.Fatal("slow start goes on past SlowStartFor")
	}

	c = New(Config{Clock: clk})
	for range SlowStartMaxWindow {
		c.Wait(ctx, "w")
		c.Observe("w", clk.Now(), false)
	}
	if c.state("w", clk.Now()).start.on.Load() {
		t.Fatalf("slow start goes on past a window of %d", SlowStartMaxWindow)
	}
}

// A cancelled context ends a wait for room with its error.
func TestSlowStartContext(t *testing.T) {
	clk := &blockingClock{fakeClock: newFakeClock()}
	c := New(Config{Clock: clk})
	for range SlowStartWindow {
		c.Wait(context.Background(), "k")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Wait(ctx, "k"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func room(ss *slowStart) bool {
	return ss.admitted.Load()-ss.answered.Load() < SlowStartWindow+ss.successes.Load()
}
