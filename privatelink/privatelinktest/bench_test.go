package privatelinktest

import (
	"net/http"
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
