// Command bulk creates many endpoints the way a provisioning pipeline does:
// bounded concurrency, one shared client with a rate limit under the
// account's API quota, a ClientToken per endpoint kept for safe retries, and
// a wait for every endpoint to become Active. The emulator injects
// throttling and server errors to show the client riding them out.
//
//	go run ./examples/bulk -n 50 -workers 8 -rps 40
//
// With -scenario quota it instead compares client settings against an
// emulator that enforces API quotas as the gateway does, from one client or
// from several sharing the quota (see BENCHMARKS.md and docs/quotas.md):
//
//	go run ./examples/bulk -scenario quota -n 300 -workers 32
//	go run ./examples/bulk -scenario quota -n 300 -workers 16 -clients 2 -procs
//	go run ./examples/bulk -scenario quota -n 200 -workers 16 -create-rate 0 -get-rate 0 -noise 0.1 -settings default,off
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

type result struct {
	name, endpointID, clientToken string
	err                           error
}

func main() {
	n := flag.Int("n", 50, "endpoints to create")
	workers := flag.Int("workers", 8, "concurrent creations")
	rps := flag.Float64("rps", 40, "client-wide request rate limit")
	scenario := flag.String("scenario", "faults", "faults (injected throttling and 5xx) or quota (emulated API quotas, settings compared)")
	settings := flag.String("settings", "default,ideal,v0.2", "quota scenario: the client settings to compare (default, off, v0.2, ideal)")
	createRate := flag.Float64("create-rate", 10, "quota scenario: CreateVpcEndpoint quota per second (0: none)")
	getRate := flag.Float64("get-rate", 40, "quota scenario: GetVpcEndpointAttribute quota per second (0: none)")
	burstFactor := flag.Int("burst-factor", 1, "quota scenario: each quota's burst, in seconds of its rate")
	poll := flag.Duration("poll", time.Second, "quota scenario: the waiters' poll interval (0: the default wait schedule)")
	noise := flag.Float64("noise", 0, "quota scenario: share of answers refused with a random Throttling, not caused by the client's rate")
	clients := flag.Int("clients", 1, "quota scenario: independent clients sharing the quota, each with -workers goroutines")
	procs := flag.Bool("procs", false, "quota scenario: run each client in a process of its own")
	creation := flag.Duration("creation-delay", 2*time.Second, "quota scenario: how long a new endpoint stays Creating")
	jobSpec := flag.String("job", "", "internal: the job of a client process (-scenario quota-client)")
	flag.Parse()
	switch *scenario {
	case "quota":
		cfg := Config{
			N: *n, Workers: *workers,
			CreateRate: *createRate, CreateBurst: max(1, int(*createRate)*(*burstFactor)),
			GetRate: *getRate, GetBurst: max(1, int(*getRate)*(*burstFactor)),
			Noise:         *noise,
			CreationDelay: *creation, Poll: *poll,
			Settings: strings.Split(*settings, ","),
			Clients:  *clients, Procs: *procs,
		}
		os.Exit(runQuota(cfg))
	case "quota-client":
		os.Exit(runChildMain(*jobSpec))
	}

	srv := privatelinktest.NewServer(
		privatelinktest.WithCreationDelay(2*time.Second),
		privatelinktest.WithQuota(privatelinktest.QuotaTotalEpPerVpc, *n),
		privatelinktest.WithSeed(1),
	)
	defer srv.Close()
	client := srv.Client(
		privatelink.WithRateLimit(*rps, 5),
		privatelink.WithRetry(6, 50*time.Millisecond, time.Second),
	)
	srv.SetFaults("*", privatelinktest.Faults{ThrottleRate: 0.05, ServerErrorRate: 0.05})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	start := time.Now()
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- create(ctx, client, i)
			}
		}()
	}
	go func() {
		for i := range *n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	var failed []result
	ok := 0
	for r := range results {
		if r.err != nil {
			failed = append(failed, r)
			continue
		}
		ok++
	}
	fmt.Printf("%d of %d endpoints Active in %s with %d workers at <= %.0f req/s\n",
		ok, *n, time.Since(start).Round(100*time.Millisecond), *workers, *rps)
	for _, r := range failed {
		// A real pipeline stores r.clientToken and retries later with it.
		fmt.Printf("  %s failed (ClientToken %s): %v\n", r.name, r.clientToken, r.err)
	}
	// Every ClientToken maps to at most one endpoint: count what the
	// emulator holds per name, since each logical create has its own name.
	perName := map[string]int{}
	for _, ep := range srv.Endpoints() {
		perName[ep.Name]++
	}
	duplicates := 0
	for _, n := range perName {
		duplicates += n - 1
	}
	fmt.Printf("endpoints in the emulator: %d, duplicates: %d\n", srv.EndpointCount(), duplicates)
	if duplicates > 0 {
		os.Exit(1)
	}
	var requests, faults int
	for _, s := range srv.Stats() {
		requests += s.Requests
		faults += s.Throttled + s.ServerErrors
	}
	fmt.Printf("requests: %d, injected throttling and 5xx answers: %d\n", requests, faults)
}

func create(ctx context.Context, client *privatelink.Client, i int) result {
	name := fmt.Sprintf("bulk-%03d", i)
	// The token is chosen up front so that it can be persisted before the
	// call; a crashed pipeline retries with the same token.
	token := privatelink.NewClientToken()
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithEndpointName(name).
		WithClientToken(token).
		Build()
	if err != nil {
		return result{name: name, clientToken: token, err: err}
	}
	ep, err := client.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitMinDelay(500*time.Millisecond), privatelink.WaitMaxDelay(time.Second))
	if err != nil {
		return result{name: name, clientToken: token, err: err}
	}
	return result{name: name, endpointID: ep.EndpointID, clientToken: token}
}

// runQuota runs the quota scenario and returns the exit code: 1 when a
// setting duplicated an endpoint, or when a call failed with the default
// options (or with the rate set by hand): they must ride out the quota.
// Failed calls of the other settings are a result to read, not an error of
// the example: 0.2.0's retries are expected to fail some.
func runQuota(cfg Config) int {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	results, err := Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	Print(os.Stdout, cfg, results)
	for _, r := range results {
		if r.Duplicates > 0 || (r.Failed > 0 && (r.Setting == "default" || r.Setting == "ideal")) {
			return 1
		}
	}
	return 0
}
