package privatelinktest

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// Many clients at once: creates, reads, listings, zone changes and deletes
// interleave without races (run with -race) and the books balance.
func TestConcurrentClients(t *testing.T) {
	srv := newTestServer(t, WithQuota(QuotaTotalEpPerVpc, 1000))
	c := newClient(t, srv)
	const workers, rounds = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := c
			if w%2 == 1 {
				cl = c.withV3()
			}
			for r := range rounds {
				a, err := cl.send(cl.request(spec{action: "CreateVpcEndpoint", params: kv(createParams("ClientToken", fmt.Sprintf("w%d-r%d", w, r))...)}))
				if err != nil || a.status != http.StatusOK {
					errs <- fmt.Errorf("create: %v %v", a, err)
					return
				}
				id := a.str("EndpointId")
				for _, s := range []spec{
					{action: "GetVpcEndpointAttribute", params: kv("EndpointId", id)},
					{action: "ListVpcEndpoints", params: kv("MaxResults", "5")},
					{action: "AddZoneToVpcEndpoint", params: kv("EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)},
					{action: "ListVpcEndpointZones", params: kv("EndpointId", id)},
				} {
					if a, err := cl.send(cl.request(s)); err != nil || a.status != http.StatusOK {
						errs <- fmt.Errorf("%s: %v %v", s.action, a, err)
						return
					}
				}
				if r%2 == 0 {
					if a, err := cl.send(cl.request(spec{action: "DeleteVpcEndpoint", params: kv("EndpointId", id)})); err != nil || a.status != http.StatusOK {
						errs <- fmt.Errorf("delete: %v %v", a, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := srv.EndpointCount(); n != workers*rounds/2 {
		t.Fatalf("EndpointCount = %d, want %d", n, workers*rounds/2)
	}
	// Every address is held by one interface only.
	seen := map[string]string{}
	for _, e := range srv.Endpoints() {
		for _, z := range e.Zones {
			if other, dup := seen[z.IP]; dup {
				t.Fatalf("address %s held by %s and %s", z.IP, other, e.ID)
			}
			seen[z.IP] = e.ID
		}
	}
}

// Concurrent retries of one create with one client token make one endpoint
// and all get its ID.
func TestConcurrentSameClientToken(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	const n = 16
	ids := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := c.send(c.request(spec{action: "CreateVpcEndpoint", params: kv(createParams("ClientToken", "shared")...)}))
			if err != nil || a.status != http.StatusOK {
				t.Errorf("create: %v %v", a, err)
				return
			}
			ids <- a.str("EndpointId")
		}()
	}
	wg.Wait()
	close(ids)
	first := ""
	for id := range ids {
		if first == "" {
			first = id
		}
		if id != first {
			t.Fatalf("two endpoint IDs for one token: %s and %s", first, id)
		}
	}
	if srv.EndpointCount() != 1 {
		t.Fatalf("EndpointCount = %d", srv.EndpointCount())
	}
}

// The same signed request sent concurrently is accepted exactly once.
func TestConcurrentNonceReplay(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	nonce := freshNonce()
	const n = 16
	codes := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := c.send(c.request(spec{action: "ListVpcEndpoints", nonce: nonce}))
			if err != nil {
				t.Error(err)
				return
			}
			codes <- a.code()
		}()
	}
	wg.Wait()
	close(codes)
	accepted := 0
	for code := range codes {
		switch code {
		case "":
			accepted++
		case "SignatureNonceUsed":
		default:
			t.Errorf("unexpected code %s", code)
		}
	}
	if accepted != 1 {
		t.Fatalf("%d of %d replays accepted", accepted, n)
	}
}
