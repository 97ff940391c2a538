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
