package privatelinktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
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
// 10,000 endpoints on the server: a request visits only the endpoints
// with a removal due, so the two should cost about the same.
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

// BenchmarkServerCreateAmongMany measures a CreateVpcEndpoint and a
// DeleteVpcEndpoint in a server that holds 2000 endpoints on another
// vSwitch: the cost of finding a free address and checking the quota.
func BenchmarkServerCreateAmongMany(b *testing.B) {
	const big = "vsw-hp3emu0benchbig00000"
	srv := NewServer(WithQuota(QuotaTotalEpPerVpc, 5000), WithVSwitch(big, VpcID, ZoneA, "10.8.0.0/16", ""))
	defer srv.Close()
	c := newClient(b, srv)
	for range 2000 {
		c.create("Zone.1.VSwitchId", big)
	}
	create := spec{action: "CreateVpcEndpoint", params: kv(createParams("Zone.1.ZoneId", ZoneB, "Zone.1.VSwitchId", VSwitchB)...)}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a, err := c.send(c.request(create))
		if err != nil || a.status != http.StatusOK {
			b.Fatalf("%v %v", a, err)
		}
		d, err := c.send(c.request(spec{action: "DeleteVpcEndpoint", params: kv("EndpointId", a.str("EndpointId"))}))
		if err != nil || d.status != http.StatusOK {
			b.Fatalf("%v %v", d, err)
		}
	}
}

// executeOp runs action with pairs as the default account straight
// through the operation layer, without HTTP or signatures, so that a
// benchmark sees what the operation itself costs.
func executeOp(tb testing.TB, s *Server, action string, pairs ...string) []byte {
	q := url.Values{"Action": {action}, "Version": {apiVersion}, "RegionId": {RegionID}}
	for i := 0; i+1 < len(pairs); i += 2 {
		q.Set(pairs[i], pairs[i+1])
	}
	req := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/", RawQuery: q.Encode()}, Header: http.Header{}, Body: http.NoBody}
	parsed, aerr := parseRequest(req)
	if aerr != nil {
		tb.Fatal(aerr)
	}
	parsed.accessKey = AccessKeyID
	s.mu.Lock()
	out, aerr := s.execute(parsed)
	s.mu.Unlock()
	if aerr != nil {
		tb.Fatalf("%s: %v", action, aerr)
	}
	return out
}

// BenchmarkExecuteAmongMany measures GetVpcEndpointAttribute and a
// CreateVpcEndpoint with its DeleteVpcEndpoint at the operation layer, in
// a server that holds 2000 endpoints on another vSwitch.
func BenchmarkExecuteAmongMany(b *testing.B) {
	const big = "vsw-hp3emu0benchbig00000"
	s := newServer(WithQuota(QuotaTotalEpPerVpc, 5000), WithVSwitch(big, VpcID, ZoneA, "10.8.0.0/16", ""))
	var id string
	for range 2000 {
		var a struct{ EndpointId string }
		_ = json.Unmarshal(executeOp(b, s, "CreateVpcEndpoint", createParams("Zone.1.VSwitchId", big)...), &a)
		id = a.EndpointId
	}
	b.Run("GetVpcEndpointAttribute", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			executeOp(b, s, "GetVpcEndpointAttribute", "EndpointId", id)
		}
	})
	b.Run("CreateDelete", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var a struct{ EndpointId string }
			_ = json.Unmarshal(executeOp(b, s, "CreateVpcEndpoint", createParams("Zone.1.ZoneId", ZoneB, "Zone.1.VSwitchId", VSwitchB)...), &a)
			executeOp(b, s, "DeleteVpcEndpoint", "EndpointId", a.EndpointId)
		}
	})
}

// BenchmarkJournal measures what -state costs a state-changing request
// (UpdateVpcEndpointAttribute over loopback HTTP): without a journal, and
// with one, whose record is written and fsynced before the answer. The
// parallel runs show the group commit: concurrent requests share fsyncs.
// The journal lives in TMPDIR; the fsync cost is the file system's.
func BenchmarkJournal(b *testing.B) {
	for _, journaled := range []bool{false, true} {
		for _, parallel := range []bool{false, true} {
			b.Run(fmt.Sprintf("journal=%v/parallel=%v", journaled, parallel), func(b *testing.B) {
				srv := NewUnstartedServer()
				if journaled {
					j, err := OpenJournal(b.TempDir() + "/state")
					if err != nil {
						b.Fatal(err)
					}
					defer j.Close()
					if err := srv.Replay(j); err != nil {
						b.Fatal(err)
					}
				}
				srv.Start()
				defer srv.Close()
				c := newClient(b, srv)
				id := c.create()
				update := spec{action: "UpdateVpcEndpointAttribute", params: kv("EndpointId", id, "EndpointName", "bench")}
				one := func() {
					// Errorf: RunParallel's goroutines may not call Fatal.
					if a, err := c.send(c.request(update)); err != nil || a.status != http.StatusOK {
						b.Errorf("%v %v", a, err)
					}
				}
				b.ResetTimer()
				if parallel {
					b.SetParallelism(8)
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							one()
						}
					})
				} else {
					for range b.N {
						one()
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
			})
		}
	}
}

// BenchmarkClientTokenMemory compares what a remembered CreateVpcEndpoint
// token costs the heap with what the token store charges it against
// WithClientTokenMemory: live heap after a GC, after 20,000 zoneless
// creates with tokens, less the same creates without, per token. The
// charge must not be below the heap, or the budget would understate the
// memory it bounds.
func BenchmarkClientTokenMemory(b *testing.B) {
	const n = 20000
	heap := func(tokens bool) (uint64, int) {
		srv := newServer(WithClock(NewFakeClock(fixedTime)), WithQuota(QuotaTotalEpPerVpc, n))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range n {
			ps := zonelessCreate()
			if tokens {
				ps = zonelessCreate("ClientToken", fmt.Sprintf("token-%08d", i))
			}
			if _, err := execCall(srv, "CreateVpcEndpoint", ps...); err != nil {
				b.Fatal(err.code)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(srv)
		return after.HeapAlloc - before.HeapAlloc, srv.tokens.used
	}
	var heapPer, chargePer float64
	for b.Loop() {
		without, _ := heap(false)
		with, charged := heap(true)
		heapPer = (float64(with) - float64(without)) / n
		chargePer = float64(charged) / n
	}
	b.ReportMetric(heapPer, "heap-B/token")
	b.ReportMetric(chargePer, "charged-B/token")
}

// BenchmarkClientTokenBudget fills the default budget
// (DefaultClientTokenMemory) with CreateVpcEndpoint tokens, one a second of
// a FakeClock, until a new token is refused, and reports how many it held
// and how long a refusal takes. Each op is one refused create.
func BenchmarkClientTokenBudget(b *testing.B) {
	clk := NewFakeClock(fixedTime)
	srv := newServer(WithClock(clk), WithQuota(QuotaTotalEpPerVpc, 1<<20))
	held := 0
	for ; ; held++ {
		_, err := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprintf("token-%08d", held))...)
		if err != nil {
			if err.status != http.StatusServiceUnavailable {
				b.Fatal(err.code)
			}
			break
		}
	}
	for b.Loop() {
		if _, err := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", "one-more")...); err == nil || err.status != http.StatusServiceUnavailable {
			b.Fatal("a token past the budget was taken")
		}
	}
	b.ReportMetric(float64(held), "tokens")
	b.ReportMetric(float64(srv.tokens.used)/float64(held), "charged-B/token")
}

// BenchmarkJournalReplay measures what a restart with -state costs for a
// journal of 100,000 records: opening it (reading, checking every frame)
// and replaying it through the operation code. The records alternate
// zoneless creates with client tokens and updates of the endpoint just
// created. They are written without fsyncs (the cost measured is the
// restart, not the writing). Each op is one whole restart.
func BenchmarkJournalReplay(b *testing.B) {
	const records = 100000
	path := filepath.Join(b.TempDir(), "state")
	opts := []Option{WithClock(NewFakeClock(fixedTime)), WithQuota(QuotaTotalEpPerVpc, records)}
	j, err := OpenJournal(path)
	if err != nil {
		b.Fatal(err)
	}
	srv := NewUnstartedServer(opts...)
	if err := srv.Replay(j); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < records/2; i++ {
		body, aerr := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprintf("replay-%d", i))...)
		if aerr != nil {
			b.Fatal(aerr.code)
		}
		var a struct{ EndpointId string }
		_ = json.Unmarshal(body, &a)
		if _, aerr := execCall(srv, "UpdateVpcEndpointAttribute", "EndpointId", a.EndpointId, "EndpointName", fmt.Sprint("n", i)); aerr != nil {
			b.Fatal(aerr.code)
		}
	}
	if err := j.sync(j.written.Load()); err != nil {
		b.Fatal(err)
	}
	srv.Close()
	j.Close()
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		j, err := OpenJournal(path)
		if err != nil {
			b.Fatal(err)
		}
		srv := NewUnstartedServer(opts...)
		if err := srv.Replay(j); err != nil {
			b.Fatal(err)
		}
		if j.Len() != records || srv.EndpointCount() != records/2 {
			b.Fatalf("%d records, %d endpoints", j.Len(), srv.EndpointCount())
		}
		srv.Close()
		j.Close()
	}
	b.ReportMetric(float64(info.Size())/records, "B/record")
}
