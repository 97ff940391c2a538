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

// BenchmarkServerManyEndpoints measures one GetVpcEndpointAttribute in a
// server that holds 2000 endpoints of two accounts, on two services: the
// cost a request pays for the size of the world.
func BenchmarkServerManyEndpoints(b *testing.B) {
	const big = "vsw-hp3emu0benchbig00000"
	srv := NewServer(WithQuota(QuotaTotalEpPerVpc, 5000), WithVSwitch(big, VpcID, ZoneA, "10.8.0.0/16", ""))
	defer srv.Close()
	c := newClient(b, srv)
	p := c.as(ProviderAccessKeyID, ProviderAccessKeySecret, "")
	var id string
	for range 1000 {
		id = c.create("Zone.1.VSwitchId", big)
		p.create("ServiceId", ManualServiceID, "Zone.1.VSwitchId", big)
	}
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
