package privatelink_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
)

// BenchmarkPacingUnthrottled is what adaptive pacing, on by default, costs
// a client that is never throttled: one GetVpcEndpointAttribute on an
// in-memory transport, from one goroutine and from many, with pacing on
// (the default) and off (the default of 0.2.0). Compare the two with
// benchstat -col /pacing.
func BenchmarkPacingUnthrottled(b *testing.B) {
	hc := &http.Client{Transport: memoryTransport{body: []byte(`{"RequestId":"R","EndpointId":"ep-1","EndpointStatus":"Active"}`)}}
	for _, pacing := range []string{"on", "off"} {
		client, err := privatelink.NewClient("cn-huhehaote", privatelink.WithEndpoint("https://privatelink.cn-huhehaote.aliyuncs.com"),
			privatelink.WithHTTPClient(hc), privatelink.WithStaticCredentials("LTAI5tBenchAccessKey00", "bench-secret", ""),
			privatelink.WithAdaptiveRateLimit(pacing == "on"))
		if err != nil {
			b.Fatal(err)
		}
		req := &privatelink.GetVpcEndpointAttributeRequest{EndpointID: "ep-1"}
		ctx := context.Background()
		b.Run("goroutines=1/pacing="+pacing, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := client.GetVpcEndpointAttribute(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("goroutines=parallel/pacing="+pacing, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := client.GetVpcEndpointAttribute(ctx, req); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkInvokeDistinctActions sends 100,000 Invoke calls, each with an
// action name never used before, through one client with adaptive pacing
// on, on an in-memory transport. It reports the cost per call of the first
// and of the last 1,000 calls (flat when the pace keys are bounded) and
// the heap the client retains afterwards, against a client with pacing off.
func BenchmarkInvokeDistinctActions(b *testing.B) {
	const calls, window = 100_000, 1_000
	names := make([]string, calls)
	for i := range names {
		names[i] = fmt.Sprintf("DescribeSomething%06d", i)
	}
	hc := &http.Client{Transport: memoryTransport{body: []byte(`{"RequestId":"R"}`)}}
	// Warm the process (pools, code paths) so that the first window of
	// the first run does not pay for it.
	warm, err := privatelink.NewClient("cn-huhehaote", privatelink.WithEndpoint("https://privatelink.cn-huhehaote.aliyuncs.com"),
		privatelink.WithHTTPClient(hc), privatelink.WithStaticCredentials("LTAI5tBenchAccessKey00", "bench-secret", ""))
	if err != nil {
		b.Fatal(err)
	}
	for range 5 * window {
		if _, err := warm.Invoke(context.Background(), &privatelink.RawRequest{Action: "DescribeWarmUp"}); err != nil {
			b.Fatal(err)
		}
	}
	for _, pacing := range []string{"on", "off"} {
		b.Run("pacing="+pacing, func(b *testing.B) {
			var first, last time.Duration
			var retained int64
			for b.Loop() {
				heapBefore := liveHeap()
				client, err := privatelink.NewClient("cn-huhehaote", privatelink.WithEndpoint("https://privatelink.cn-huhehaote.aliyuncs.com"),
					privatelink.WithHTTPClient(hc), privatelink.WithStaticCredentials("LTAI5tBenchAccessKey00", "bench-secret", ""),
					privatelink.WithAdaptiveRateLimit(pacing == "on"))
				if err != nil {
					b.Fatal(err)
				}
				ctx := context.Background()
				start := time.Now()
				for i, name := range names {
					if i == window {
						first += time.Since(start)
					}
					if i == calls-window {
						start = time.Now()
					}
					if _, err := client.Invoke(ctx, &privatelink.RawRequest{Action: name}); err != nil {
						b.Fatal(err)
					}
				}
				last += time.Since(start)
				retained += liveHeap() - heapBefore
				runtime.KeepAlive(client)
			}
			n := float64(b.N)
			b.ReportMetric(float64(first.Nanoseconds())/n/window, "first1000-ns/call")
			b.ReportMetric(float64(last.Nanoseconds())/n/window, "last1000-ns/call")
			b.ReportMetric(float64(retained)/n, "retained-B")
			b.ReportMetric(0, "ns/op") // one op is 100,000 calls: the per-call figures say more
		})
	}
}

// liveHeap returns the bytes of live heap after a full collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
