package ratecontrol

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// 100,000 distinct keys (an Invoke loop over generated action names) keep
// at most MaxKeys states: the rest share OtherKey's pace, so memory stays
// bounded and no new key copies a map larger than MaxKeys.
func TestKeysBounded(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	for i := range 100_000 {
		key := fmt.Sprintf("Action%06d", i)
		c.Observe(key, clk.Now(), false)
		if i%1000 == 0 {
			clk.Advance(time.Millisecond)
		}
	}
	if n := len(*c.keys.Load()); n != DefaultMaxKeys {
		t.Fatalf("%d keys kept, want %d", n, DefaultMaxKeys)
	}
	if c.lookup("Action099999") != c.other {
		t.Error("a key past the bound does not share the other keys' pace")
	}
	if c.lookup("Action000000") == c.other {
		t.Error("a key that found a place lost it while it was not idle")
	}
}

// Keys without a place of their own share one pace: a throttle of one of
// them slows the others, and the keys with places are not touched.
func TestOtherKeysSharePace(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk, MaxKeys: 2})
	c.Observe("A", clk.Now(), false)
	c.Observe("B", clk.Now(), false)
	c.Observe("C", clk.Now(), true)
	if _, limited := c.Rate("D"); !limited {
		t.Error("D, without a place, does not share C's pace")
	}
	for _, k := range []string{"A", "B"} {
		if _, limited := c.Rate(k); limited {
			t.Errorf("%s is limited by another key's throttle", k)
		}
	}
	if _, err := c.Wait(context.Background(), "D"); err != nil {
		t.Fatal(err)
	}
}

// A key idle for IdleAfter gives its place to a new key; a limited one
// keeps it however idle, since its pace is what the next call needs.
func TestIdleKeyGivesWay(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk, MaxKeys: 2, IdleAfter: time.Minute})
	c.Observe("limited", clk.Now(), true)
	c.Observe("idle", clk.Now(), false)
	c.Observe("new", clk.Now(), false)
	if c.lookup("new") != c.other {
		t.Fatal("a new key found a place while none was idle")
	}
	clk.Advance(2 * time.Minute)
	c.Observe("new", clk.Now(), false)
	m := *c.keys.Load()
	if m["new"] == nil || m["idle"] != nil || m["limited"] == nil {
		t.Fatalf("after two idle minutes the keys are %v, want limited and new", keysOf(m))
	}
}

// The search for an idle key runs at most once a second, so a stream of
// new keys with none idle does not scan the map on every answer.
func TestIdleSearchAtMostOnceASecond(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk, MaxKeys: 1, IdleAfter: time.Second})
	c.Observe("a", clk.Now(), false)
	c.Observe("b", clk.Now(), false) // searches, finds none
	clk.Advance(1500 * time.Millisecond)
	// "a" is idle now, but the next search is due only at 1 s after the
	// first: it is, so "c" takes the place.
	c.Observe("c", clk.Now(), false)
	if (*c.keys.Load())["c"] == nil {
		t.Fatal("an idle key did not give way once the search was due")
	}
	c.Observe("d", clk.Now(), false) // "c" is busy: shares
	if c.lookup("d") != c.other {
		t.Fatal("a key took the place of a busy one")
	}
	if c.nextEvict.Load() <= clk.Now().UnixNano() {
		t.Fatal("a failed search did not put off the next one")
	}
}

func keysOf(m map[string]*state) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// BenchmarkDistinctKeys is the cost of an answer for a key never seen
// before, over 100,000 of them: flat once the places are taken.
func BenchmarkDistinctKeys(b *testing.B) {
	c := New(Config{})
	keys := make([]string, 100_000)
	for i := range keys {
		keys[i] = fmt.Sprintf("Action%06d", i)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := keys[i%len(keys)]
		c.Wait(ctx, k)
		c.Observe(k, time.Time{}, false)
	}
}

// A throttle while the client sends far below its pace cuts the pace by at
// most MaxCut: the measured rate says little of the quota then.
func TestCutBoundedWhileSendingBelowPace(t *testing.T) {
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	warm(c, clk, "k", 40, 500*time.Millisecond)
	c.Observe("k", clk.Now(), true)
	// Almost nothing sent for two seconds, then a throttle.
	clk.Advance(2 * time.Second)
	c.Observe("k", clk.Now(), false)
	paced, _ := c.Rate("k")
	clk.Advance(10 * time.Millisecond)
	c.Observe("k", clk.Now(), true)
	got, _ := c.Rate("k")
	if got < MaxCut*paced*0.999 {
		t.Fatalf("pace %v after a throttle while sending little, want at least %v", got, MaxCut*paced)
	}
}

// BenchmarkDistinctKeysWindows sends one answer for each of 100,000 keys
// never seen before, per op, and reports the cost per answer (Wait and
// Observe) of the first and of the last 1,000: flat when the keys are
// bounded.
func BenchmarkDistinctKeysWindows(b *testing.B) {
	const n, window = 100_000, 1_000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("Action%06d", i)
	}
	ctx := context.Background()
	var first, last time.Duration
	for b.Loop() {
		c := New(Config{})
		start := time.Now()
		for i, k := range keys {
			if i == window {
				first += time.Since(start)
			}
			if i == n-window {
				start = time.Now()
			}
			c.Wait(ctx, k)
			c.Observe(k, time.Time{}, false)
		}
		last += time.Since(start)
	}
	b.ReportMetric(float64(first.Nanoseconds())/float64(b.N)/window, "first1000-ns/call")
	b.ReportMetric(float64(last.Nanoseconds())/float64(b.N)/window, "last1000-ns/call")
	b.ReportMetric(0, "ns/op")
}
