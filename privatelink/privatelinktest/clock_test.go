package privatelinktest

import (
	"sync"
	"testing"
	"time"
)

func TestFakeClock(t *testing.T) {
	c := NewFakeClock(fixedTime)
	if !c.Now().Equal(fixedTime) {
		t.Fatalf("Now = %v", c.Now())
	}
	c.Advance(90 * time.Second)
	if want := fixedTime.Add(90 * time.Second); !c.Now().Equal(want) {
		t.Fatalf("after Advance: %v, want %v", c.Now(), want)
	}
	c.Set(fixedTime.Add(-time.Hour))
	if want := fixedTime.Add(-time.Hour); !c.Now().Equal(want) {
		t.Fatalf("after Set: %v, want %v", c.Now(), want)
	}
}

func TestFakeClockConcurrent(t *testing.T) {
	c := NewFakeClock(fixedTime)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				c.Advance(time.Second)
				_ = c.Now()
			}
		}()
	}
	wg.Wait()
	if want := fixedTime.Add(800 * time.Second); !c.Now().Equal(want) {
		t.Fatalf("after 800 concurrent one-second advances: %v, want %v", c.Now(), want)
	}
}

func TestRealClockIsDefault(t *testing.T) {
	srv := newServer()
	before := time.Now()
	got := srv.clock.Now()
	if got.Before(before) || got.After(time.Now()) {
		t.Fatalf("default clock reads %v, not the real time", got)
	}
}

// The real clock's readings carry no monotonic reading. The journal keeps
// wall times, and replay compares them as wall times; an original run that
// compared monotonic readings would disagree with its replay wherever the
// two clocks drifted apart: a laptop's suspend stops the monotonic clock
// but not the wall clock, so an endpoint Creating for 2 s across a night's
// sleep was still Creating, and its replay, Active, diverged.
func TestRealClockReadsWallTime(t *testing.T) {
	got := realClock{}.Now()
	if got != got.Round(0) {
		t.Fatalf("the real clock's reading %v carries a monotonic reading", got)
	}
}

func TestFakeClockAfterAdvances(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := NewFakeClock(start)
	got := <-c.After(90 * time.Second)
	if want := start.Add(90 * time.Second); !got.Equal(want) || !c.Now().Equal(want) {
		t.Fatalf("After fired at %v, clock reads %v; want %v", got, c.Now(), want)
	}
}
