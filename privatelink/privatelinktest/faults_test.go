package privatelinktest

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// codesUnder sends n ListVpcEndpoints to a new server with seed and f, and
// returns the answers' status and code.
func codesUnder(t *testing.T, seed int64, f Faults, n int) []string {
	srv := newTestServer(t, WithSeed(seed))
	srv.SetFaults("ListVpcEndpoints", f)
	c := newClient(t, srv)
	out := make([]string, n)
	for i := range out {
		a := c.call("ListVpcEndpoints")
		out[i] = fmt.Sprintf("%d %s", a.status, a.code())
	}
	return out
}

func TestFaultsReproducibleWithSeed(t *testing.T) {
	f := Faults{ThrottleRate: 0.2, ServerErrorRate: 0.2}
	a, b := codesUnder(t, 7, f, 100), codesUnder(t, 7, f, 100)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("answer %d differs between two servers with seed 7: %s vs %s", i, a[i], b[i])
		}
	}
	counts := map[string]int{}
	for _, s := range a {
		counts[s]++
	}
	for _, k := range []string{"400 Throttling.User", "503 Throttling", "500 InternalError", "503 ServiceUnavailable", "200 "} {
		if counts[k] == 0 {
			t.Errorf("no %q among 100 answers: %v", k, counts)
		}
	}
	// Roughly 40% faults: a loose band, not a figure the seed happens to give.
	if ok := counts["200 "]; ok < 40 || ok > 80 {
		t.Errorf("%d successes out of 100 at a 40%% fault rate", ok)
	}
	c := codesUnder(t, 8, f, 100)
	same := true
	for i := range a {
		same = same && a[i] == c[i]
	}
	if same {
		t.Error("seeds 7 and 8 gave the same faults")
	}
}

// ThrottleCode makes every injected throttle one code, with the status the
// gateway answers it with; the same seed draws the same faults.
func TestFaultsThrottleCode(t *testing.T) {
	for code, want := range map[string]string{
		"Throttling":      "503 Throttling",
		"Throttling.Api":  "400 Throttling.Api",
		"Throttling.User": "400 Throttling.User",
	} {
		got := codesUnder(t, 7, Faults{ThrottleRate: 1, ThrottleCode: code}, 20)
		for i, g := range got {
			if g != want {
				t.Fatalf("%s: answer %d is %q, want %q", code, i, g, want)
			}
		}
	}
}

func TestFaultsThrottleDoesNothing(t *testing.T) {
	srv := newTestServer(t)
	srv.SetFaults("*", Faults{ThrottleRate: 1, RetryAfter: 1500e6})
	c := newClient(t, srv)
	for range 10 {
		a := c.call("CreateVpcEndpoint", createParams()...)
		switch {
		case a.status == 400 && a.code() == "Throttling.User", a.status == 503 && a.code() == "Throttling":
		default:
			t.Fatalf("throttled answer: %v", a)
		}
		if a.header.Get("Retry-After") != "2" {
			t.Fatalf("Retry-After = %q, want 2 (1.5s rounded up)", a.header.Get("Retry-After"))
		}
	}
	if srv.EndpointCount() != 0 {
		t.Fatal("a throttled create created an endpoint")
	}
	st := srv.Stats()["CreateVpcEndpoint"]
	if st.Requests != 10 || st.Throttled != 10 || st.Successes != 0 || st.Errors != 0 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestFaultsServerErrors(t *testing.T) {
	srv := newTestServer(t)
	srv.SetFaults("GetVpcEndpointAttribute", Faults{ServerErrorRate: 1})
	c := newClient(t, srv)
	id := c.create() // other actions are unaffected
	for range 10 {
		a := c.call("GetVpcEndpointAttribute", "EndpointId", id)
		switch {
		case a.status == 500 && a.code() == "InternalError", a.status == 503 && a.code() == "ServiceUnavailable":
		default:
			t.Fatalf("server error answer: %v", a)
		}
	}
	// A per-action setting wins over the wildcard; the zero Faults clears.
	srv.SetFaults("*", Faults{ThrottleRate: 1})
	srv.SetFaults("GetVpcEndpointAttribute", Faults{})
	c.fail(400, "Throttling.User", "GetVpcEndpointAttribute", "EndpointId", id)
	srv.SetFaults("", Faults{})
	c.must("GetVpcEndpointAttribute", "EndpointId", id)
	if st := srv.Stats()["GetVpcEndpointAttribute"]; st.ServerErrors != 10 || st.Successes != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

// A dropped answer leaves the client without a response although the
// operation was performed.
func TestFaultsDropAfter(t *testing.T) {
	srv := newTestServer(t)
	srv.SetFaults("CreateVpcEndpoint", Faults{DropAfterRate: 1})
	c := newClient(t, srv)
	_, err := c.send(c.request(spec{action: "CreateVpcEndpoint", params: kv(createParams()...)}))
	if err == nil {
		t.Fatal("a dropped answer reached the client")
	}
	if srv.EndpointCount() != 1 {
		t.Fatalf("EndpointCount = %d: the operation was not performed", srv.EndpointCount())
	}
	st := srv.Stats()["CreateVpcEndpoint"]
	if st.Dropped != 1 || st.Successes != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

// TestExactlyOnceCreate is the retry loop an SDK runs: one ClientToken
// fixed before the loop, every attempt signed afresh, retried on dropped
// connections, throttling and server errors. However the faults fall,
// exactly one endpoint results and the final answer names it.
func TestExactlyOnceCreate(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			srv := newTestServer(t, WithSeed(seed))
			srv.SetFaults("CreateVpcEndpoint", Faults{DropAfterRate: 0.5, ThrottleRate: 0.2, ServerErrorRate: 0.1})
			c := newClient(t, srv)
			params := kv(createParams("ClientToken", fmt.Sprint("exactly-once-", seed))...)
			var final answer
			attempts := 0
			for ; attempts < 50; attempts++ {
				a, err := c.send(c.request(spec{action: "CreateVpcEndpoint", params: params}))
				if err != nil {
					continue // dropped: the outcome is unknown, retry
				}
				if a.status == http.StatusOK {
					final = a
					break
				}
				if a.status < 500 && a.code() != "Throttling.User" {
					t.Fatalf("non-retryable answer: %v", a)
				}
			}
			if final.status != http.StatusOK {
				t.Fatalf("no success in %d attempts", attempts)
			}
			if n := srv.EndpointCount(); n != 1 {
				t.Fatalf("%d endpoints after %d attempts", n, attempts+1)
			}
			e, _ := srv.EndpointByClientToken(fmt.Sprint("exactly-once-", seed))
			if e.ID != final.str("EndpointId") {
				t.Fatalf("final answer names %s, the server has %s", final.str("EndpointId"), e.ID)
			}
			st := srv.Stats()["CreateVpcEndpoint"]
			if st.Requests != attempts+1 {
				t.Fatalf("stats count %d requests, the client sent %d", st.Requests, attempts+1)
			}
		})
	}
}

func TestSetFaultsPanics(t *testing.T) {
	srv := newTestServer(t)
	for name, f := range map[string]func(){
		"negative rate":  func() { srv.SetFaults("*", Faults{ThrottleRate: -0.1}) },
		"rate above one": func() { srv.SetFaults("*", Faults{DropAfterRate: 1.5}) },
		"NaN rate":       func() { srv.SetFaults("*", Faults{ServerErrorRate: nan()}) },
		"rates sum":      func() { srv.SetFaults("*", Faults{ThrottleRate: 0.6, ServerErrorRate: 0.6}) },
		"negative delay": func() { srv.SetFaults("*", Faults{Latency: -1}) },
		"latency rate":   func() { srv.SetFaults("*", Faults{Latency: 1, LatencyRate: 1.5}) },
		"unknown action": func() { srv.SetFaults("CreateEverything", Faults{ThrottleRate: 1}) },
		"unknown code":   func() { srv.SetFaults("*", Faults{ThrottleRate: 1, ThrottleCode: "Throttling.Bogus"}) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f()
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

func TestStats(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	c.must("ListVpcEndpoints")
	c.fail(400, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", "ep-x")
	c.call("NoSuchAction")
	st := srv.Stats()
	if st["ListVpcEndpoints"] != (ActionStats{Requests: 1, Successes: 1}) {
		t.Errorf("ListVpcEndpoints: %+v", st["ListVpcEndpoints"])
	}
	if st["GetVpcEndpointAttribute"] != (ActionStats{Requests: 1, Errors: 1}) {
		t.Errorf("GetVpcEndpointAttribute: %+v", st["GetVpcEndpointAttribute"])
	}
	if st["NoSuchAction"] != (ActionStats{Requests: 1, Errors: 1}) {
		t.Errorf("an unknown action: %+v", st["NoSuchAction"])
	}
	if srv.Requests() != 3 {
		t.Errorf("Requests() = %d", srv.Requests())
	}
}

// delayedUnder sends n ListVpcEndpoints to a new server with seed and f,
// and returns the Delayed count and how many requests actually slept.
func delayedUnder(t *testing.T, seed int64, f Faults, n int) (counted, slept int) {
	srv := newTestServer(t, WithSeed(seed))
	srv.SetFaults("ListVpcEndpoints", f)
	var sleeps atomic.Int64
	srv.mu.Lock()
	srv.sleepHook = func() { sleeps.Add(1) }
	srv.mu.Unlock()
	c := newClient(t, srv)
	for range n {
		c.must("ListVpcEndpoints")
	}
	st := srv.Stats()["ListVpcEndpoints"]
	return st.Delayed, int(sleeps.Load())
}

func TestFaultsLatencyRate(t *testing.T) {
	const d = time.Millisecond // tiny: the test counts delays, it does not time them
	counted, slept := delayedUnder(t, 3, Faults{Latency: d, LatencyRate: 0.3}, 100)
	if counted != slept {
		t.Fatalf("Stats counts %d delayed answers, %d slept", counted, slept)
	}
	if counted < 15 || counted > 45 {
		t.Fatalf("%d of 100 answers delayed at a rate of 0.3", counted)
	}
	if again, _ := delayedUnder(t, 3, Faults{Latency: d, LatencyRate: 0.3}, 100); again != counted {
		t.Fatalf("seed 3 delayed %d answers, then %d", counted, again)
	}
	// 0 keeps Latency's old meaning, every answer; so does 1. Without
	// Latency the rate does nothing.
	for _, tt := range []struct {
		f    Faults
		want int
	}{
		{Faults{Latency: d}, 10},
		{Faults{Latency: d, LatencyRate: 1}, 10},
		{Faults{LatencyRate: 0.5}, 0},
	} {
		if counted, slept := delayedUnder(t, 3, tt.f, 10); counted != tt.want || slept != tt.want {
			t.Errorf("%+v: %d counted, %d slept, want %d", tt.f, counted, slept, tt.want)
		}
	}
}

// Latency on every answer draws nothing from the fault source, so the
// faults a seed gives are those it gave before LatencyRate existed.
func TestFaultsLatencyKeepsSeedSequence(t *testing.T) {
	f := Faults{ThrottleRate: 0.2, ServerErrorRate: 0.2}
	want := codesUnder(t, 7, f, 50)
	for _, rate := range []float64{0, 1} {
		withLatency := f
		withLatency.Latency, withLatency.LatencyRate = time.Microsecond, rate
		got := codesUnder(t, 7, withLatency, 50)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("LatencyRate %v: answer %d is %s, without latency %s", rate, i, got[i], want[i])
			}
		}
	}
}

// TestStatsNameUnknownActions is issue 16's tenth defect: requests for an
// action the emulator does not serve were counted under "", while the
// request log named them. They are counted under their name, up to
// maxUnknownActions names; the rest, and names no action could have, under
// "(other)". A request with no action at all stays under "".
func TestStatsNameUnknownActions(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	c.fail(404, "InvalidApi.NotFound", "DescribeVpcs")
	c.fail(404, "InvalidApi.NotFound", "DescribeVpcs")
	for i := range maxUnknownActions + 5 {
		c.fail(404, "InvalidApi.NotFound", fmt.Sprint("Made", i))
	}
	c.fail(404, "InvalidApi.NotFound", "Bad Name\xff")
	c.fail(400, "MissingAction", "")
	st := srv.Stats()
	assert.Equal(t, 2, st["DescribeVpcs"].Requests)
	assert.Equal(t, 2, st["DescribeVpcs"].Errors)
	assert.Equal(t, 1, st["Made0"].Requests)
	assert.Equal(t, 6+1, st[otherActions].Requests, "names past the bound, and one no action could have")
	assert.Equal(t, 1, st[""].Requests, "no action")
	unknown := 0
	for name := range st {
		if !knownAction(name) && name != "" && name != otherActions {
			unknown++
		}
	}
	assert.Equal(t, maxUnknownActions, unknown)
}
