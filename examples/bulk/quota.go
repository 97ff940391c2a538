// The quota scenario of the bulk example (-scenario quota): the emulator
// enforces per-action API quotas and the same bulk creation runs once per
// client setting, side by side, from one client or from several clients
// (goroutines or processes) sharing the quota, as replicas of a platform
// service do.

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Config is one run of the quota scenario.
type Config struct {
	N             int           // endpoints to create, over all clients
	Workers       int           // goroutines per client
	CreateRate    float64       // CreateVpcEndpoint quota, per second; 0: none
	CreateBurst   int           // and its burst
	GetRate       float64       // GetVpcEndpointAttribute quota, per second; 0: none
	GetBurst      int           // and its burst
	Noise         float64       // share of answers refused with a random Throttling (not the client's rate)
	CreationDelay time.Duration // how long an endpoint stays Creating
	Poll          time.Duration // the waiters' poll interval; 0: the default wait schedule
	// Settings to run, in order: "default", "off", "v0.2", "ideal".
	Settings []string
	// Clients is how many independent clients share the quota (at least
	// 1); Procs runs each in a process of its own.
	Clients int
	Procs   bool
	// Observer, when it has functions, also sees every call, attempt and
	// poll of an in-process client.
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
	// Clients holds each client's own account of the run.
	Clients  []ClientResult
	FirstErr string
	// Failures counts the failed calls by action, error code and attempts.
	Failures map[string]int
}

// ClientResult is one client's part of a run, as a child process reports
// it on its standard output.
type ClientResult struct {
	OK, Failed int
	// PerSecond holds, for each second since the run's start, the creates
	// that succeeded and the attempts this client saw throttled.
	PerSecond []Second
	FirstErr  string
	Failures  map[string]int
}

// Second is one second of a run.
type Second struct{ Created, Throttled int }

// Minimum is the wall time the quota allows at best: the burst at once,
// the rest at the create rate, the last one then Creating for the delay,
// or until the waiter's first poll if that comes later (the default wait
// schedule first polls after DefaultWaitMinDelay, 5 s). Without a create
// quota it is 0: there is no minimum to compare with.
func (c Config) Minimum() time.Duration {
	if c.CreateRate <= 0 {
		return 0
	}
	rest := max(0, c.N-c.CreateBurst)
	firstPoll := c.Poll
	if firstPoll <= 0 {
		firstPoll = privatelink.DefaultWaitMinDelay
	}
	return time.Duration(float64(rest)/c.CreateRate*float64(time.Second)) + max(c.CreationDelay, firstPoll)
}

// Describe says what a setting does.
func Describe(setting string) string {
	switch setting {
	case "default":
		return "default options: adaptive pacing by Throttling.User, throttles retried for 2 min"
	case "off":
		return "WithAdaptiveRateLimit(false): throttles retried for 2 min, no pacing"
	case "v0.2":
		return "WithAdaptiveRateLimit(false), WithThrottleRetry(0): 4 attempts, the default of 0.2.0"
	case "ideal":
		return "WithRateLimit set by hand to each quota's share (one client per action), default retries"
	}
	return "unknown"
}

// Run runs every setting of cfg in turn, each on a fresh emulator, and
// returns the results.
func Run(ctx context.Context, cfg Config) ([]Result, error) {
	cfg.Clients = max(1, cfg.Clients)
	var out []Result
	for _, s := range cfg.Settings {
		if Describe(s) == "unknown" {
			return out, fmt.Errorf("unknown setting %q (want default, off, v0.2 or ideal)", s)
		}
		if s == "ideal" && (cfg.CreateRate <= 0 || cfg.GetRate <= 0) {
			return out, errors.New(`setting "ideal" needs both quotas`)
		}
		r, err := runOne(ctx, cfg, s)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func newServer(cfg Config) *privatelinktest.Server {
	opts := []privatelinktest.Option{
		// The default vSwitches are /24s: 252 addresses, fewer than a
		// bulk run needs.
		privatelinktest.WithVSwitch(vSwitch, privatelinktest.VpcID, privatelinktest.ZoneA, "192.168.16.0/20", ""),
		privatelinktest.WithCreationDelay(cfg.CreationDelay),
		privatelinktest.WithQuota(privatelinktest.QuotaTotalEpPerVpc, cfg.N),
		privatelinktest.WithSeed(1),
	}
	if cfg.CreateRate > 0 {
		opts = append(opts, privatelinktest.WithAPIRateLimit("CreateVpcEndpoint", cfg.CreateRate, cfg.CreateBurst))
	}
	if cfg.GetRate > 0 {
		opts = append(opts, privatelinktest.WithAPIRateLimit("GetVpcEndpointAttribute", cfg.GetRate, cfg.GetBurst))
	}
	srv := privatelinktest.NewServer(opts...)
	if cfg.Noise > 0 {
		srv.SetFaults("*", privatelinktest.Faults{ThrottleRate: cfg.Noise, ThrottleCode: "Throttling"})
	}
	return srv
}

func runOne(ctx context.Context, cfg Config, setting string) (Result, error) {
	srv := newServer(cfg)
	defer srv.Close()

	// The clients take their work from one queue, as replicas of a
	// service do: a client that is paced slower than the others does less
	// of the work rather than finishing last. Client processes reach it
	// over loopback HTTP.
	var next atomic.Int64
	claim := func() (int, bool) {
		i := int(next.Add(1)) - 1
		return i, i < cfg.N
	}
	queue := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if i, ok := claim(); ok {
			fmt.Fprint(w, i)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer queue.Close()

	start := time.Now()
	res := Result{Setting: setting, Clients: make([]ClientResult, cfg.Clients)}
	errs := make([]error, cfg.Clients)
	var wg sync.WaitGroup
	for i := range cfg.Clients {
		job := job{Endpoint: srv.URL, Queue: queue.URL, Setting: setting, Workers: cfg.Workers,
			Poll: cfg.Poll, Start: start.UnixNano(), Clients: cfg.Clients,
			CreateRate: cfg.CreateRate, CreateBurst: cfg.CreateBurst, GetRate: cfg.GetRate, GetBurst: cfg.GetBurst}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if cfg.Procs {
				res.Clients[i], errs[i] = runChild(ctx, job)
			} else {
				res.Clients[i], errs[i] = runClient(ctx, job, claim, cfg.Observer)
			}
		}()
	}
	wg.Wait()
	res.Wall = time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return res, err
	}
	for _, c := range res.Clients {
		res.OK += c.OK
		res.Failed += c.Failed
		if res.FirstErr == "" {
			res.FirstErr = c.FirstErr
		}
		for k, v := range c.Failures {
			if res.Failures == nil {
				res.Failures = map[string]int{}
			}
			res.Failures[k] += v
		}
	}

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

// job is one client's part of a run: what a child process is given as its
// -job flag, in JSON.
type job struct {
	Endpoint              string
	Queue                 string // URL that answers the next endpoint's number, or 204 when none is left
	Setting               string
	Workers               int
	Poll                  time.Duration
	Start                 int64 // unix nanoseconds of the run's start, for the per-second series
	Clients               int   // how many clients share the quota, for "ideal"
	CreateRate, GetRate   float64
	CreateBurst, GetBurst int
}

// runChild runs j in a new process of this program and reads its result.
func runChild(ctx context.Context, j job) (ClientResult, error) {
	self, err := os.Executable()
	if err != nil {
		return ClientResult{}, err
	}
	spec, err := json.Marshal(j)
	if err != nil {
		return ClientResult{}, err
	}
	cmd := exec.CommandContext(ctx, self, "-scenario", "quota-client", "-job", string(spec))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return ClientResult{}, fmt.Errorf("client process: %w", err)
	}
	var r ClientResult
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("client process result: %w", err)
	}
	return r, nil
}

// runChildMain is the main of a client process: it runs the job given as
// JSON and prints its result as JSON.
func runChildMain(spec string) int {
	var j job
	if err := json.Unmarshal([]byte(spec), &j); err != nil {
		fmt.Fprintln(os.Stderr, "-job:", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	claim := func() (int, bool) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, j.Queue, nil)
		if err != nil {
			return 0, false
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, false
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			return 0, false
		}
		i, err := strconv.Atoi(string(body))
		return i, err == nil
	}
	r, err := runClient(ctx, j, claim, privatelink.Observer{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// runClient creates the endpoints claim hands out with one client (two for
// "ideal") of j's setting.
func runClient(ctx context.Context, j job, claim func() (int, bool), extra privatelink.Observer) (ClientResult, error) {
	start := time.Unix(0, j.Start)
	var mu sync.Mutex
	var res ClientResult
	bump := func(f func(*Second)) {
		sec := int(time.Since(start) / time.Second)
		mu.Lock()
		for len(res.PerSecond) <= sec {
			res.PerSecond = append(res.PerSecond, Second{})
		}
		f(&res.PerSecond[sec])
		mu.Unlock()
	}
	obs := tee(extra, privatelink.Observer{Attempt: func(_ context.Context, ev privatelink.AttemptEvent) {
		if ev.Throttled {
			bump(func(s *Second) { s.Throttled++ })
		}
	}})
	base := []privatelink.Option{
		privatelink.WithEndpoint(j.Endpoint),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		privatelink.WithObserver(obs),
	}
	newClient := func(extra ...privatelink.Option) (*privatelink.Client, error) {
		return privatelink.NewClient(privatelinktest.RegionID, append(append([]privatelink.Option{}, base...), extra...)...)
	}
	var creator, waiter *privatelink.Client
	var err error
	switch j.Setting {
	case "default":
		creator, err = newClient()
		waiter = creator
	case "off":
		creator, err = newClient(privatelink.WithAdaptiveRateLimit(false))
		waiter = creator
	case "v0.2":
		creator, err = newClient(privatelink.WithAdaptiveRateLimit(false), privatelink.WithThrottleRetry(0))
		waiter = creator
	case "ideal":
		// WithRateLimit is one ceiling for the whole client: matching two
		// quotas by hand takes a client for each, and several clients
		// sharing a quota each take their share.
		k := float64(max(1, j.Clients))
		creator, err = newClient(privatelink.WithRateLimit(j.CreateRate/k, max(1, int(float64(j.CreateBurst)/k))))
		if err == nil {
			waiter, err = newClient(privatelink.WithRateLimit(j.GetRate/k, max(1, int(float64(j.GetBurst)/k))))
		}
	default:
		err = fmt.Errorf("unknown setting %q", j.Setting)
	}
	if err != nil {
		return res, err
	}

	var wg sync.WaitGroup
	for range j.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := claim()
				if !ok {
					return
				}
				err := createQuota(ctx, creator, waiter, j.Poll, i)
				mu.Lock()
				if err != nil {
					res.Failed++
					if res.Failures == nil {
						res.Failures = map[string]int{}
					}
					res.Failures[failure(err)]++
					if res.FirstErr == "" {
						res.FirstErr = err.Error()
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
	var wait []privatelink.WaitOption
	if poll > 0 {
		wait = []privatelink.WaitOption{privatelink.WaitMinDelay(poll), privatelink.WaitMaxDelay(poll)}
	}
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
	cfg.Clients = max(1, cfg.Clients)
	floor := cfg.Minimum()
	quota := func(rate float64, burst int) string {
		if rate <= 0 {
			return "none"
		}
		return fmt.Sprintf("%g/s (burst %d)", rate, burst)
	}
	poll := "the default wait schedule"
	if cfg.Poll > 0 {
		poll = "poll every " + cfg.Poll.String()
	}
	how := "goroutines"
	if cfg.Clients > 1 {
		how = fmt.Sprintf("goroutines in each of %d clients", cfg.Clients)
		if cfg.Procs {
			how = fmt.Sprintf("goroutines in each of %d client processes", cfg.Clients)
		}
	}
	fmt.Fprintf(w, "%d CreateVpcEndpointAndWait from %d %s; quotas: CreateVpcEndpoint %s, GetVpcEndpointAttribute %s; random Throttling %.0f%%; creation %v; %s\n",
		cfg.N, cfg.Workers, how, quota(cfg.CreateRate, cfg.CreateBurst), quota(cfg.GetRate, cfg.GetBurst), 100*cfg.Noise, cfg.CreationDelay, poll)
	if floor > 0 {
		fmt.Fprintf(w, "quota-implied minimum: %.1fs (the creates at the quota, then the later of creation and the first poll)\n", floor.Seconds())
	}
	fmt.Fprintln(w)
	var ref time.Duration
	refName := ""
	for _, r := range results {
		if r.Setting == "ideal" || (r.Setting == "off" && refName == "") {
			ref, refName = r.Wall, r.Setting
		}
	}
	xRef := "x " + refName
	if refName == "" {
		xRef = "x -"
	}
	fmt.Fprintf(w, "%-8s %7s %6s %8s %4s %6s %4s %9s %10s %7s %8s %10s\n",
		"setting", "wall", "x min", xRef, "ok", "failed", "dup", "requests", "throttled", "thr %", "creates", "create thr")
	for _, r := range results {
		xr, xm := "-", "-"
		if ref > 0 {
			xr = fmt.Sprintf("%.2f", r.Wall.Seconds()/ref.Seconds())
		}
		if floor > 0 {
			xm = fmt.Sprintf("%.2f", r.Wall.Seconds()/floor.Seconds())
		}
		share := 0.0
		if r.Requests > 0 {
			share = 100 * float64(r.Throttled) / float64(r.Requests)
		}
		fmt.Fprintf(w, "%-8s %6.1fs %6s %8s %4d %6d %4d %9d %10d %6.1f%% %8d %10d\n",
			r.Setting, r.Wall.Seconds(), xm, xr, r.OK, r.Failed, r.Duplicates,
			r.Requests, r.Throttled, share, r.CreateReq, r.CreateThr)
	}
	for _, r := range results {
		fmt.Fprintf(w, "  %s: %s\n", r.Setting, Describe(r.Setting))
		if r.FirstErr != "" {
			fmt.Fprintf(w, "    first failure: %v\n", r.FirstErr)
		}
		for what, n := range r.Failures {
			fmt.Fprintf(w, "    %d failed: %s\n", n, what)
		}
	}
	if cfg.Clients == 1 {
		fmt.Fprintf(w, "\nendpoints Active per second (#) and throttled attempts per second (number), by setting:\n")
	} else {
		fmt.Fprintf(w, "\nendpoints Active per second, by client (c1 c2 ...), and throttled attempts per second over all clients, by setting:\n")
	}
	longest := 0
	for _, r := range results {
		for _, c := range r.Clients {
			longest = max(longest, len(c.PerSecond))
		}
	}
	const width = 30
	fmt.Fprintf(w, "%4s", "t")
	for _, r := range results {
		fmt.Fprintf(w, "  %-*s", width, r.Setting)
	}
	fmt.Fprintln(w)
	for sec := range longest {
		fmt.Fprintf(w, "%3ds", sec)
		for _, r := range results {
			var created []string
			total, thr := 0, 0
			for _, c := range r.Clients {
				n := 0
				if sec < len(c.PerSecond) {
					n = c.PerSecond[sec].Created
					thr += c.PerSecond[sec].Throttled
				}
				total += n
				created = append(created, strconv.Itoa(n))
			}
			cell := fmt.Sprintf("%-16s %2d thr %3d", strings.Repeat("#", min(total, 16)), total, thr)
			if len(r.Clients) > 1 {
				cell = fmt.Sprintf("%-13s thr %3d", strings.Join(created, " "), thr)
			}
			fmt.Fprintf(w, "  %-*s", width, cell)
		}
		fmt.Fprintln(w)
	}
}
