package privatelinktest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A replay inside the timestamp window is refused however many requests
// came after it.
func TestNonceReplayRefusedAfterManyNewerRequests(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	s := spec{action: "ListVpcEndpoints", nonce: freshNonce(), timestamp: time.Now()}
	if a := c.do(s); a.status != 200 {
		t.Fatalf("first: %v", a)
	}
	srv.mu.Lock()
	now := srv.wallNow()
	for i := range 1 << 16 {
		srv.nonces.use(AccessKeyID, fmt.Sprintf("newer-%d", i), now)
	}
	srv.mu.Unlock()
	if a := c.do(s); a.code() != "SignatureNonceUsed" {
		t.Fatalf("replay after 65,536 newer requests: %v", a)
	}
}

// A request may be stamped up to 15 minutes ahead of the server's clock, so
// its replay stays inside the window until 15 minutes after that stamp:
// the nonce must be remembered for twice the skew.
func TestNonceReplayOfFutureStampedRequest(t *testing.T) {
	srv := newTestServer(t)
	start := time.Now()
	wall := start
	srv.mu.Lock()
	srv.wallNow = func() time.Time { return wall }
	srv.mu.Unlock()
	c := newClient(t, srv)
	s := spec{action: "ListVpcEndpoints", nonce: freshNonce(), timestamp: start.Add(14 * time.Minute)}
	if a := c.do(s); a.status != 200 {
		t.Fatalf("first: %v", a)
	}
	for _, later := range []time.Duration{16 * time.Minute, 28 * time.Minute} {
		srv.mu.Lock()
		wall = start.Add(later)
		srv.mu.Unlock()
		if a := c.do(s); a.code() != "SignatureNonceUsed" {
			t.Fatalf("replay %v after the first use: %v", later, a)
		}
	}
}

// Absurd nonces are refused before anything is remembered.
func TestNonceLengthBound(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	for _, v := range []*client{c, c.withV3()} {
		if a := v.do(spec{action: "ListVpcEndpoints", nonce: strings.Repeat("n", 100<<10)}); a.status != 400 || a.code() != "InvalidParameter" {
			t.Fatalf("100 KiB nonce: %v", a)
		}
		if a := v.do(spec{action: "ListVpcEndpoints", nonce: strings.Repeat("n", maxNonceLen+1)}); a.code() != "InvalidParameter" {
			t.Fatalf("nonce of %d bytes: %v", maxNonceLen+1, a)
		}
		n := freshNonce()
		if a := v.do(spec{action: "ListVpcEndpoints", nonce: n + strings.Repeat("n", maxNonceLen-len(n))}); a.status != 200 {
			t.Fatalf("nonce of %d bytes: %v", maxNonceLen, a)
		}
	}
}

// The cache's memory does not depend on the nonces' length.
func TestNonceCacheMemoryIsBoundedInBytes(t *testing.T) {
	const n = 2000
	big := strings.Repeat("x", 100<<10)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	nc := newNonceCache(n)
	now := time.Now()
	for i := range n {
		nc.use(AccessKeyID, fmt.Sprintf("%d-%s", i, big), now)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(nc)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 4<<20 {
		t.Fatalf("%d nonces of 100 KiB hold %d MiB", n, grew>>20)
	}
}

// When the nonce budget is spent, new requests are refused as a busy
// gateway would refuse them, replays are still refused, and requests are
// accepted again once old nonces expire.
func TestNonceBudgetSpent(t *testing.T) {
	srv := newTestServer(t, WithNonceMemory(3*nonceEntryBytes))
	start := time.Now()
	wall := start
	srv.mu.Lock()
	srv.wallNow = func() time.Time { return wall }
	srv.mu.Unlock()
	c := newClient(t, srv)
	first := spec{action: "ListVpcEndpoints", nonce: freshNonce(), timestamp: start}
	if a := c.do(first); a.status != 200 {
		t.Fatalf("first: %v", a)
	}
	c.must("ListVpcEndpoints")
	c.must("ListVpcEndpoints")
	if a := c.do(spec{action: "ListVpcEndpoints"}); a.status != 503 || a.code() != "ServiceUnavailable" || a.header.Get("Retry-After") == "" {
		t.Fatalf("past the budget: %v", a)
	}
	if a := c.do(first); a.code() != "SignatureNonceUsed" {
		t.Fatalf("replay past the budget: %v", a)
	}
	srv.mu.Lock()
	wall = start.Add(nonceTTL)
	srv.mu.Unlock()
	if a := c.do(spec{action: "ListVpcEndpoints", timestamp: wall}); a.status != 200 {
		t.Fatalf("after expiry: %v", a)
	}
}

// BenchmarkNonceCacheUse measures recording a fresh nonce, which every
// authenticated request does, in a cache that stays near a steady size.
func BenchmarkNonceCacheUse(b *testing.B) {
	nc := newNonceCache(DefaultNonceMemory / nonceEntryBytes)
	nonces := make([]string, 1<<16)
	for i := range nonces {
		nonces[i] = freshNonce()
	}
	now := time.Now()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		// Time moves on so that old entries expire as new ones arrive.
		now = now.Add(nonceTTL / (1 << 15))
		if nc.use(AccessKeyID, nonces[i%len(nonces)], now) != nonceFresh {
			b.Fatal("fresh nonce refused")
		}
		i++
	}
}

func TestWithNonceMemoryRefusesNoRoom(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "WithNonceMemory") {
			t.Fatalf("panic: %v", r)
		}
	}()
	NewServer(WithNonceMemory(nonceEntryBytes - 1))
}
