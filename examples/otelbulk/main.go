// Command otelbulk creates endpoints in bulk on the embedded emulator, under
// emulated API quotas, with the SDK's adaptive rate control, and with -otel
// turns every call into a span (with an event per attempt and per waiter
// poll) and collects the SDK's metrics, printing both to stdout with
// OpenTelemetry's stdout exporters when the run ends.
//
// It is a module of its own so that the SDK's module never requires
// OpenTelemetry: only this example and the otelprivatelink adapter do.
//
//	cd examples/otelbulk && go run . -otel -n 20
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	"go.opentelemetry.io/otel/exporters/stdout/stdoutmetric"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/otelprivatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

func main() {
	n := flag.Int("n", 20, "endpoints to create")
	workers := flag.Int("workers", 8, "concurrent creations")
	withOTel := flag.Bool("otel", false, "print spans and metrics to stdout")
	flag.Parse()

	// The emulator enforces per-action quotas, as the gateway does.
	srv := privatelinktest.NewServer(
		privatelinktest.WithCreationDelay(2*time.Second),
		privatelinktest.WithAPIRateLimit("CreateVpcEndpoint", 10, 10),
		privatelinktest.WithAPIRateLimit("GetVpcEndpointAttribute", 40, 40),
	)
	defer srv.Close()

	opts := []privatelink.Option{privatelink.WithAdaptiveRateLimit(true)}
	var shutdown func() error
	if *withOTel {
		obs, stop, err := stdoutObserver()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		opts, shutdown = append(opts, privatelink.WithObserver(obs)), stop
	}
	client := srv.Client(opts...)

	start := time.Now()
	failed := run(context.Background(), client, *n, *workers)
	elapsed := time.Since(start)
	if shutdown != nil {
		// Spans and metrics first, then the summary, so that the summary
		// ends the output.
		if err := shutdown(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	var requests, throttled int
	for _, st := range srv.Stats() {
		requests += st.Requests
		throttled += st.RateLimited
	}
	fmt.Printf("%d of %d endpoints Active in %.1fs; %d requests, %d refused by the emulated quotas\n",
		*n-failed, *n, elapsed.Seconds(), requests, throttled)
	if failed > 0 {
		os.Exit(1)
	}
}

// run creates n endpoints from workers goroutines sharing client, waits
// until each is Active, and returns how many failed.
func run(ctx context.Context, client *privatelink.Client, n, workers int) (failed int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := create(ctx, client, i); err != nil {
					fmt.Fprintln(os.Stderr, err)
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return failed
}

// create makes one endpoint and waits until it is Active.
func create(ctx context.Context, client *privatelink.Client, i int) error {
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithEndpointName(fmt.Sprintf("otel-%04d", i)).
		Build()
	if err != nil {
		return err
	}
	_, err = client.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitMinDelay(time.Second), privatelink.WaitMaxDelay(time.Second))
	return err
}

// stdoutObserver returns an Observer recording to tracer and meter
// providers that print to stdout, and a function that flushes and stops
// them.
func stdoutObserver() (obs privatelink.Observer, shutdown func() error, err error) {
	spans, err := stdouttrace.New(stdouttrace.WithPrettyPrint())
	if err != nil {
		return obs, nil, err
	}
	metrics, err := stdoutmetric.New(stdoutmetric.WithPrettyPrint())
	if err != nil {
		return obs, nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(spans))
	// One collection at shutdown: the run is short, and one block of
	// metrics reads better than a series.
	reader := sdkmetric.NewPeriodicReader(metrics, sdkmetric.WithInterval(time.Hour))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	obs, err = otelprivatelink.NewObserver(otelprivatelink.WithTracerProvider(tp), otelprivatelink.WithMeterProvider(mp))
	if err != nil {
		return obs, nil, err
	}
	return obs, func() error {
		ctx := context.Background()
		if err := tp.Shutdown(ctx); err != nil {
			return err
		}
		return mp.Shutdown(ctx)
	}, nil
}
