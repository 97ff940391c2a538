package privatelinktest

import (
	"fmt"
	"net/http"
	"runtime"
	"testing"
)

// BenchmarkServerGetVpcEndpointAttribute measures the emulator's
// throughput on loopback with raw V1-signed requests: signing, the HTTP
// round trip, verification and the operation. Each request has a fresh
// nonce, as a real client's would.
func BenchmarkServerGetVpcEndpointAttribute(b *testing.B) {
	srv := NewServer()
	defer srv.Close()
	c := newClient(b, srv)
	id := c.create()
	s := spec{action: "GetVpcEndpointAttribute", params: kv("EndpointId", id)}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a, err := c.send(c.request(s))
		if err != nil || a.status != http.StatusOK {
			b.Fatalf("%v %v", a, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

// populate creates n zoneless endpoints (the default vSwitches hold only
// about 500 addresses) and returns their IDs.
func populate(b *testing.B, c *client, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = c.create("Zone.1.ZoneId", "-", "Zone.1.VSwitchId", "-")
	}
	return ids
}

// BenchmarkServerGetAtScale measures GetVpcEndpointAttribute with 10 and
// 10,000 endpoints on the server: with the pending-removal heap and the
// per-VPC count, a request no longer visits every endpoint, so the two
// should cost about the same.
func BenchmarkServerGetAtScale(b *testing.B) {
	for _, n := range []int{10, 10000} {
		b.Run(fmt.Sprintf("endpoints=%d", n), func(b *testing.B) {
			srv := NewServer(WithQuota(QuotaTotalEpPerVpc, n))
			defer srv.Close()
			c := newClient(b, srv)
			ids := populate(b, c, n)
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				a, err := c.send(c.request(spec{action: "GetVpcEndpointAttribute", params: kv("EndpointId", ids[i%n])}))
				if err != nil || a.status != http.StatusOK {
					b.Fatalf("%v %v", a, err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
		})
	}
}

// BenchmarkMemoryPerEndpoint reports the heap a zoneless endpoint with one
// security group costs the server: live heap after a GC, before and after
// creating 10,000 of them, divided by 10,000. Client tokens are not used,
// so the token store does not count; the nonce cache does (96 bytes per
// request).
func BenchmarkMemoryPerEndpoint(b *testing.B) {
	const n = 10000
	srv := NewServer(WithQuota(QuotaTotalEpPerVpc, n))
	defer srv.Close()
	c := newClient(b, srv)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ids := populate(b, c, n)
	runtime.GC()
	runtime.ReadMemStats(&after)
	for b.Loop() {
		if a := c.call("GetVpcEndpointAttribute", "EndpointId", ids[0]); a.status != http.StatusOK {
			b.Fatal(a)
		}
	}
	// After the loop: b.Loop's first call resets the reported metrics.
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/endpoint")
}
