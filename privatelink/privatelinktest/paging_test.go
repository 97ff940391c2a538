package privatelinktest

import (
	"testing"
)

func TestPageToken(t *testing.T) {
	s := newServer()
	tok := s.pageToken("L", 42)
	if len(tok) != 32 {
		t.Fatalf("token %q is not 32 hex digits", tok)
	}
	if seq, ok := s.parsePageToken("L", tok); !ok || seq != 42 {
		t.Fatalf("round trip: %d %v", seq, ok)
	}
	if _, ok := s.parsePageToken("M", tok); ok {
		t.Fatal("token accepted by another listing")
	}
	if _, ok := newServer(WithSeed(2)).parsePageToken("L", tok); ok {
		t.Fatal("token accepted by a server with another key")
	}
	b := []byte(tok)
	b[3] ^= 1
	if _, ok := s.parsePageToken("L", string(b)); ok {
		t.Fatal("tampered token accepted")
	}
	for _, bad := range []string{"", "zz", tok[:30]} {
		if _, ok := s.parsePageToken("L", bad); ok {
			t.Fatalf("%q accepted", bad)
		}
	}
}

func TestPaginate(t *testing.T) {
	s := newServer()
	items := []uint64{2, 5, 9, 11}
	id := func(v uint64) uint64 { return v }
	c := &call{s: s, req: &apiRequest{first: map[string]string{"MaxResults": "3"}}}
	page, next, size := paginate(c, "L", 10, items, id)
	if c.err != nil || size != 3 || len(page) != 3 || page[2] != 9 || next == "" {
		t.Fatalf("page 1: %v %q %d %v", page, next, size, c.err)
	}
	c = &call{s: s, req: &apiRequest{first: map[string]string{"MaxResults": "3", "NextToken": next}}}
	page, next, _ = paginate(c, "L", 10, items, id)
	if c.err != nil || len(page) != 1 || page[0] != 11 || next != "" {
		t.Fatalf("page 2: %v %q %v", page, next, c.err)
	}
	// The default page size is capped by the listing's maximum.
	c = &call{s: s, req: &apiRequest{first: map[string]string{}}}
	if _, _, size := paginate(c, "L", 2, items, id); size != 2 {
		t.Fatalf("default size with maximum 2: %d", size)
	}
}
