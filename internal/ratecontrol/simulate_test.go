package ratecontrol

import (
	"context"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// simulate runs a closed loop against a gateway quota of quota requests/s
// (a token bucket of one second's burst) for d of fake time: the client
// wants to send one request every latency, paced by c when c is not nil.
// It returns the answers that passed and the throttles.
func simulate(c *Controller, clk *fakeClock, quota float64, latency, d time.Duration) (ok, throttled int) {
	gateway := rate.NewLimiter(rate.Limit(quota), int(quota))
	end := clk.Now().Add(d)
	for clk.Now().Before(end) {
		if c != nil {
			c.Wait(context.Background(), "k")
		}
		sent := clk.Now()
		refused := !gateway.AllowN(sent, 1)
		clk.Advance(latency)
		if c != nil {
			c.Observe("k", sent, refused)
		}
		if refused {
			throttled++
		} else {
			ok++
		}
	}
	return ok, throttled
}

// TestConvergesOnQuota measures, on fake time, what the controller buys a
// client that wants 100 requests/s from an API whose quota is 10/s: the
// share of its requests the gateway refuses, and the throughput it keeps.
func TestConvergesOnQuota(t *testing.T) {
	const (
		quota   = 10
		latency = 10 * time.Millisecond
		d       = 5 * time.Minute
	)
	okBare, thrBare := simulate(nil, newFakeClock(), quota, latency, d)
	clk := newFakeClock()
	okPaced, thrPaced := simulate(New(Config{Clock: clk}), clk, quota, latency, d)
	secs := d.Seconds()
	t.Logf("unpaced: %.1f ok/s, %.1f%% of requests throttled", float64(okBare)/secs, 100*float64(thrBare)/float64(okBare+thrBare))
	t.Logf("paced:   %.1f ok/s, %.1f%% of requests throttled", float64(okPaced)/secs, 100*float64(thrPaced)/float64(okPaced+thrPaced))
	// Unpaced, nine requests in ten are refused. Paced, the client must
	// keep most of the quota and be refused far less often.
	if got := float64(okPaced) / secs; got < 0.7*quota {
		t.Errorf("paced throughput %.1f/s, want at least 70%% of the %d/s quota", got, quota)
	}
	if share := float64(thrPaced) / float64(okPaced+thrPaced); share > 0.10 {
		t.Errorf("paced: %.1f%% of requests throttled, want at most 10%%", 100*share)
	}
}

// simulateConcurrent is simulate with up to workers requests in flight,
// each answered latency after it was sent: the answers to a burst arrive
// together, after the rate has already been cut for the first of them.
func simulateConcurrent(c *Controller, clk *fakeClock, gateway *rate.Limiter, workers int, latency, d time.Duration) (ok, throttled int) {
	type flight struct {
		sent    time.Time
		refused bool
	}
	var inFlight []flight
	complete := func(upTo time.Time) {
		for len(inFlight) > 0 && !inFlight[0].sent.Add(latency).After(upTo) {
			f := inFlight[0]
			inFlight = inFlight[1:]
			c.Observe("k", f.sent, f.refused)
			if f.refused {
				throttled++
			} else {
				ok++
			}
		}
	}
	end := clk.Now().Add(d)
	for clk.Now().Before(end) {
		if len(inFlight) == workers {
			clk.Advance(inFlight[0].sent.Add(latency).Sub(clk.Now()))
		}
		complete(clk.Now())
		c.Wait(context.Background(), "k")
		complete(clk.Now())
		sent := clk.Now()
		inFlight = append(inFlight, flight{sent: sent, refused: !gateway.AllowN(sent, 1)})
	}
	return ok, throttled
}

// TestConvergesWithManyInFlight measures the same quota with 64 requests in
// flight: a burst of throttles must cut once per round, not once per
// answer, or the rate collapses to the floor.
func TestConvergesWithManyInFlight(t *testing.T) {
	const (
		quota   = 10
		latency = 100 * time.Millisecond
		d       = 5 * time.Minute
	)
	clk := newFakeClock()
	c := New(Config{Clock: clk})
	ok, thr := simulateConcurrent(c, clk, rate.NewLimiter(quota, quota), 64, latency, d)
	secs := d.Seconds()
	t.Logf("64 in flight, paced: %.1f ok/s, %.1f%% of requests throttled", float64(ok)/secs, 100*float64(thr)/float64(ok+thr))
	if got := float64(ok) / secs; got < 0.7*quota {
		t.Errorf("throughput %.1f/s, want at least 70%% of the %d/s quota", got, quota)
	}
	if share := float64(thr) / float64(ok+thr); share > 0.10 {
		t.Errorf("%.1f%% of requests throttled, want at most 10%%", 100*share)
	}
}
