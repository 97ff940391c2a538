package reconcile_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// benchDesired is n endpoints over both zones and the security groups.
func benchDesired(n int) reconcile.Desired {
	var d reconcile.Desired
	for i, k := range keys(n, "bench") {
		s := endpointSpec(k, zones[i%2:i%2+1], sgs[i%len(sgs)])
		s.Tags = map[string]string{"tenant": fmt.Sprint(i)}
		d.Endpoints = append(d.Endpoints, s)
	}
	return d
}

// BenchmarkReconcileFromEmptyUnderQuota reconciles 200 endpoints from
// nothing while the emulator limits CreateVpcEndpoint to 10 calls a second
// (burst 10), the API quota of a real account, with the reconciler's
// default options and the client's ("default", adaptive pacing on since
// 0.3.0), or the client's with pacing off ("pacing-off"). It reports the wall time against
// the quota's minimum ((200-10)/10 = 19 s), the write calls Apply made,
// and the create requests the quota refused. Run with -benchtime 1x: one
// run takes ~20 s.
func BenchmarkReconcileFromEmptyUnderQuota(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []privatelink.Option
	}{
		{"default", nil},
		{"pacing-off", []privatelink.Option{privatelink.WithAdaptiveRateLimit(false)}},
	} {
		b.Run(bc.name, func(b *testing.B) { reconcileUnderQuota(b, bc.opts) })
	}
}

func reconcileUnderQuota(b *testing.B, opts []privatelink.Option) {
	const n, rate, burst = 200, 10.0, 10
	quotaMin := time.Duration(float64(n-burst) / rate * float64(time.Second))
	for b.Loop() {
		b.StopTimer()
		srv := newServer(b, privatelinktest.WithAPIRateLimit("CreateVpcEndpoint", rate, burst))
		r, err := reconcile.New(srv.Client(opts...), reconcile.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		sum, err := r.Reconcile(context.Background(), benchDesired(n))
		wall := time.Since(start)
		if err != nil || !sum.Converged {
			b.Fatalf("converged %v: %v", sum.Converged, err)
		}
		if got := srv.EndpointCount(); got != n {
			b.Fatalf("%d endpoints, want %d", got, n)
		}
		st := srv.Stats()["CreateVpcEndpoint"]
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(wall.Seconds()/quotaMin.Seconds(), "x-quota-min")
		b.ReportMetric(float64(sum.Writes()), "writes")
		b.ReportMetric(float64(st.RateLimited), "creates-throttled")
		srv.Close()
	}
}

// BenchmarkReconcileNoop reconciles 200 endpoints that already match: the
// plan must be empty, with 0 writes; it reports the API calls per
// endpoint (the aim is at most 3).
func BenchmarkReconcileNoop(b *testing.B) {
	const n = 200
	srv := newServer(b)
	d := benchDesired(n)
	r, err := reconcile.New(fastClient(srv), reconcile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := r.Reconcile(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	ct := &countingTransport{}
	noop, err := reconcile.New(countingClient(srv, ct), reconcile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var calls int64
	for b.Loop() {
		ct.n.Store(0)
		ct.writes.Store(0)
		sum, err := noop.Reconcile(context.Background(), d)
		if err != nil || !sum.Converged || sum.Rounds != 1 {
			b.Fatalf("rounds %d: %v", sum.Rounds, err)
		}
		if w := ct.writes.Load(); w != 0 {
			b.Fatalf("%d writes in a no-op reconcile", w)
		}
		calls = ct.n.Load()
	}
	b.ReportMetric(float64(calls)/n, "calls/endpoint")
	b.ReportMetric(0, "writes")
}
