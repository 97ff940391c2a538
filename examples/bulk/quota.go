// The quota scenario of the bulk example (-scenario quota): the emulator
// enforces per-action API quotas and the same bulk creation runs once per
// client setting, side by side.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Config is one run of the quota scenario.
type Config struct {
	N             int           // endpoints to create
	Workers       int           // goroutines sharing the client
	CreateRate    float64       // CreateVpcEndpoint quota, per second
	CreateBurst   int           // and its burst
	GetRate       float64       // GetVpcEndpointAttribute quota, per second
	GetBurst      int           // and its burst
	CreationDelay time.Duration // how long an endpoint stays Creating
	Poll          time.Duration // the waiters' poll interval
	// Settings to run, in order: "adaptive", "ideal", "retries".
	Settings []string
	// Observer, when it has functions, also sees every call, attempt and
	// poll (the OpenTelemetry variant passes its own).
	Observer privatelink.Observer
}

// vSwitch is a vSwitch large enough for thousands of endpoints.
const vSwitch = "vsw-hp3emu0quota0bulk00001"

// Result is what one setting achieved.
type Result struct {
	Setting              string
	Wall                 time.Duration
	OK, Failed           int
	Duplicates           int
	Requests, Throttled  int // at the emulator, over all actions
	CreateReq, CreateThr int
	GetReq, GetThr       int
	// PerSecond holds, for each second of the run, the creates that
	// succeeded and the attempts the quota refused (all actions).
	PerSecond []Second
	FirstErr  error
	// Failures counts the failed calls by action, error code and attempts.
	Failures map[string]int
}

// Second is one second of a run.
type Second struct{ Created, Throttled int }

// Minimum is the wall time the quota allows at best: the burst at once,
// the rest at the create rate, the last one then Creating for the delay.
func (c Config) Minimum() time.Duration {
	rest := max(0, c.N-c.CreateBurst)
	return time.Duration(float64(rest)/c.CreateRate*float64(time.Second)) + c.CreationDelay
}

// Describe says what a setting does.
func Describe(setting string) string {
	switch setting {
	case "adaptive":
		return "WithAdaptiveRateLimit(true), default retries"
	case "ideal":
		return "WithRateLimit set by hand to each quota (one client per action), default retries"
	case "retries":
		return "default retries only, no rate control (the default client)"
	}
	return "unknown"
}

// Run runs every setting of cfg in turn, each on a fresh emulator, and
// returns the results.
func Run(ctx context.Context, cfg Config) ([]Result, error) {
	var out []Result
	for _, s := range cfg.Settings {
		if Describe(s) == "unknown" {
			return out, fmt.Errorf("unknown setting %q (want adaptive, ideal or retries)", s)
		}
		r, err := runOne(ctx, cfg, s)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func runOne(ctx context.Context, cfg Config, setting string) (Result, error) {
	srv := privatelinktest.NewServer(
		// The default vSwitches are /24s: 252 addresses, fewer than a
		// bulk run needs.
		privatelinktest.WithVSwitch(vSwitch, privatelinktest.VpcID, privatelinktest.ZoneA, "192.168.16.0/20", ""),
		privatelinktest.WithCreationDelay(cfg.CreationDelay),
		privatelinktest.WithQuota(privatelinktest.QuotaTotalEpPerVpc, cfg.N),
		privatelinktest.WithAPIRateLimit("CreateVpcEndpoint", cfg.CreateRate, cfg.CreateBurst),
		privatelinktest.WithAPIRateLimit("GetVpcEndpointAttribute", cfg.GetRate, cfg.GetBurst),
		privatelinktest.WithSeed(1),
	)
	defer srv.Close()

	start := time.Now()
	var mu sync.Mutex
	res := Result{Setting: setting}
	bump := func(f func(*Second)) {
		sec := int(time.Since(start) / time.Second)
		mu.Lock()
		for len(res.PerSecond) <= sec {
			res.PerSecond = append(res.PerSecond, Second{})
		}
		f(&res.PerSecond[sec])
		mu.Unlock()
	}
	obs := tee(cfg.Observer, privatelink.Observer{Attempt: func(_ context.Context, ev privatelink.AttemptEvent) {
		if ev.Throttled {
			bump(func(s *Second) { s.Throttled++ })
		}
	}})
	base := []privatelink.Option{
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		privatelink.WithObserver(obs),
	}
	newClient := func(extra ...privatelink.Option) (*privatelink.Client, error) {
		return privatelink.NewClient(privatelinktest.RegionID, append(append([]privatelink.Option{}, base...), extra...)...)
	}
	var creator, waiter *privatelink.Client
	var err error
	switch setting {
	case "adaptive":
		creator, err = newClient(privatelink.WithAdaptiveRateLimit(true))
		waiter = creator
	case "ideal":
		// WithRateLimit is one ceiling for the whole client: matching two
		// quotas by hand takes a client for each.
		creator, err = newClient(privatelink.WithRateLimit(cfg.CreateRate, cfg.CreateBurst))
		if err == nil {
			waiter, err = newClient(privatelink.WithRateLimit(cfg.GetRate, cfg.GetBurst))
		}
	case "retries":
		creator, err = newClient()
		waiter = creator
	}
	if err != nil {
		return res, err
	}

	var next atomic.Int64
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= cfg.N {
					return
				}
				err := createQuota(ctx, creator, waiter, cfg.Poll, i)
				mu.Lock()
				if err != nil {
					res.Failed++
					if res.Failures == nil {
						res.Failures = map[string]int{}
					}
					res.Failures[failure(err)]++
					if res.FirstErr == nil {
						res.FirstErr = err
					}
				} else {
					res.OK++
				}
				mu.Unlock()
				if err == nil {
					bump(func(s *Second) { s.Created++ })
				}
			}
		}()
	}
	wg.Wait()
	res.Wall = time.Since(start)

	perName := map[string]int{}
	for _, ep := range srv.Endpoints() {
		perName[ep.Name]++
	}
	for _, n := range perName {
		res.Duplicates += n - 1
	}
	for action, s := range srv.Stats() {
		res.Requests += s.Requests
		res.Throttled += s.RateLimited + s.Throttled
		switch action {
		case "CreateVpcEndpoint":
			res.CreateReq, res.CreateThr = s.Requests, s.RateLimited+s.Throttled
		case "GetVpcEndpointAttribute":
			res.GetReq, res.GetThr = s.Requests, s.RateLimited+s.Throttled
		}
	}
	return res, nil
}

func createQuota(ctx context.Context, creator, waiter *privatelink.Client, poll time.Duration, i int) error {
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, vSwitch).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithEndpointName(fmt.Sprintf("quota-%04d", i)).
		Build()
	if err != nil {
		return err
	}
	wait := []privatelink.WaitOption{privatelink.WaitMinDelay(poll), privatelink.WaitMaxDelay(poll)}
	if creator == waiter {
		_, err = creator.CreateVpcEndpointAndWait(ctx, req, wait...)
		return err
	}
	ep, err := creator.CreateVpcEndpoint(ctx, req)
	if err != nil {
		return err
	}
	_, err = waiter.WaitUntilVpcEndpointActive(ctx, ep.EndpointID, wait...)
	return err
}

// failure names how a call failed, for counting.
func failure(err error) string {
	var apiErr *privatelink.APIError
	if errors.As(err, &apiErr) {
		return fmt.Sprintf("%s %s after %d attempts", apiErr.Action, apiErr.Code, apiErr.Attempts)
	}
	return privatelink.ErrorCode(err)
}

// tee returns an Observer that tells both a and b, a first.
func tee(a, b privatelink.Observer) privatelink.Observer {
	return privatelink.Observer{
		CallStart: func(ctx context.Context, ev privatelink.CallStartEvent) context.Context {
			for _, f := range []func(context.Context, privatelink.CallStartEvent) context.Context{a.CallStart, b.CallStart} {
				if f != nil {
					if next := f(ctx, ev); next != nil {
						ctx = next
					}
				}
			}
			return ctx
		},
		Attempt: func(ctx context.Context, ev privatelink.AttemptEvent) {
			if a.Attempt != nil {
				a.Attempt(ctx, ev)
			}
			if b.Attempt != nil {
				b.Attempt(ctx, ev)
			}
		},
		CallEnd: func(ctx context.Context, ev privatelink.CallEvent) {
			if a.CallEnd != nil {
				a.CallEnd(ctx, ev)
			}
			if b.CallEnd != nil {
				b.CallEnd(ctx, ev)
			}
		},
		Poll: func(ctx context.Context, ev privatelink.PollEvent) {
			if a.Poll != nil {
				a.Poll(ctx, ev)
			}
			if b.Poll != nil {
				b.Poll(ctx, ev)
			}
		},
	}
}

// Print writes the results side by side, then the rate over time.
func Print(w io.Writer, cfg Config, results []Result) {
	floor := cfg.Minimum()
	fmt.Fprintf(w, "%d CreateVpcEndpointAndWait from %d goroutines; quotas: CreateVpcEndpoint %g/s (burst %d), GetVpcEndpointAttribute %g/s (burst %d); creation %v; poll every %v\n",
		cfg.N, cfg.Workers, cfg.CreateRate, cfg.CreateBurst, cfg.GetRate, cfg.GetBurst, cfg.CreationDelay, cfg.Poll)
	fmt.Fprintf(w, "quota-implied minimum: %.1fs\n\n", floor.Seconds())
	var ideal time.Duration
	for _, r := range results {
		if r.Setting == "ideal" {
			ideal = r.Wall
		}
	}
	fmt.Fprintf(w, "%-9s %7s %7s %8s %4s %6s %4s %9s %10s %8s %9s %10s\n",
		"setting", "wall", "x min", "x ideal", "ok", "failed", "dup", "requests", "throttled", "thr %", "creates", "create thr")
	for _, r := range results {
		xIdeal := "-"
		if ideal > 0 {
			xIdeal = fmt.Sprintf("%.2f", r.Wall.Seconds()/ideal.Seconds())
		}
		share := 0.0
		if r.Requests > 0 {
			share = 100 * float64(r.Throttled) / float64(r.Requests)
		}
		fmt.Fprintf(w, "%-9s %6.1fs %7.2f %8s %4d %6d %4d %9d %10d %7.1f%% %9d %10d\n",
			r.Setting, r.Wall.Seconds(), r.Wall.Seconds()/floor.Seconds(), xIdeal, r.OK, r.Failed, r.Duplicates,
			r.Requests, r.Throttled, share, r.CreateReq, r.CreateThr)
	}
	for _, r := range results {
		fmt.Fprintf(w, "  %s: %s\n", r.Setting, Describe(r.Setting))
		if r.FirstErr != nil {
			fmt.Fprintf(w, "    first failure: %v\n", r.FirstErr)
		}
		for what, n := range r.Failures {
			fmt.Fprintf(w, "    %d failed: %s\n", n, what)
		}
	}
	fmt.Fprintf(w, "\nendpoints Active per second (#) and throttled attempts per second (number), by setting:\n")
	longest := 0
	for _, r := range results {
		longest = max(longest, len(r.PerSecond))
	}
	fmt.Fprintf(w, "%4s", "t")
	for _, r := range results {
		fmt.Fprintf(w, "  %-26s", r.Setting)
	}
	fmt.Fprintln(w)
	for sec := range longest {
		fmt.Fprintf(w, "%3ds", sec)
		for _, r := range results {
			cell := ""
			if sec < len(r.PerSecond) {
				s := r.PerSecond[sec]
				cell = fmt.Sprintf("%-16s %2d thr %3d", strings.Repeat("#", min(s.Created, 16)), s.Created, s.Throttled)
			}
			fmt.Fprintf(w, "  %-26s", cell)
		}
		fmt.Fprintln(w)
	}
}
