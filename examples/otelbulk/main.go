// Command otelbulk is the bulk example's quota scenario with OpenTelemetry:
// with -otel, every call becomes a span (with an event per attempt and per
// waiter poll) and the SDK's metrics are collected, and both are printed to
// stdout with the SDK's stdout exporters when the run ends.
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
	"strings"
	"time"

	"go.opentelemetry.io/otel/exporters/stdout/stdoutmetric"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/privatelink-go/sdk/examples/internal/quota"
	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/otelprivatelink"
)

func main() {
	n := flag.Int("n", 20, "endpoints to create")
	workers := flag.Int("workers", 8, "concurrent creations")
	settings := flag.String("settings", "adaptive", "client settings to run: adaptive, ideal, retries")
	withOTel := flag.Bool("otel", false, "print spans and metrics to stdout")
	flag.Parse()

	cfg := quota.Config{
		N: *n, Workers: *workers,
		CreateRate: 10, CreateBurst: 10, GetRate: 40, GetBurst: 40,
		CreationDelay: 2 * time.Second, Poll: time.Second,
		Settings: strings.Split(*settings, ","),
	}
	ctx := context.Background()
	var shutdown func() error
	if *withOTel {
		var err error
		cfg.Observer, shutdown, err = stdoutObserver()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	results, err := quota.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if shutdown != nil {
		// Spans and metrics first, then the summary, so that the summary
		// ends the output.
		if err := shutdown(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	quota.Print(os.Stdout, cfg, results)
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
