package privatelinktest

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// stripRequestID returns an answer's body without its RequestId, which is
// the one thing a replay changes.
func stripRequestID(a answer) []byte {
	return bytes.Replace(a.raw, []byte(`"RequestId":"`+a.str("RequestId")+`",`), nil, 1)
}

func TestCreateVpcEndpointClientToken(t *testing.T) {
	srv := newTestServer(t, WithAccount("LTAIsecond", "second-secret"))
	c := newClient(t, srv)
	params := createParams("ClientToken", "token-1", "EndpointName", "once")
	first := c.must("CreateVpcEndpoint", params...)
	// A retry: other nonce, other timestamp, other signature version and
	// parameter order; the same business parameters.
	reversed := make([]string, 0, len(params))
	for i := len(params) - 2; i >= 0; i -= 2 {
		reversed = append(reversed, params[i], params[i+1])
	}
	again := c.withV3().must("CreateVpcEndpoint", reversed...)
	if again.str("EndpointId") != first.str("EndpointId") || !bytes.Equal(stripRequestID(again), stripRequestID(first)) {
		t.Fatalf("replay differs:\n%s\n%s", first.raw, again.raw)
	}
	if again.str("RequestId") == first.str("RequestId") {
		t.Fatal("replay reused the RequestId")
	}
	if n := srv.EndpointCount(); n != 1 {
		t.Fatalf("EndpointCount = %d after a retried create", n)
	}
	e, ok := srv.EndpointByClientToken("token-1")
	if !ok || e.ID != first.str("EndpointId") || e.ClientToken != "token-1" {
		t.Fatalf("EndpointByClientToken: %+v %v", e, ok)
	}
	if _, ok := srv.EndpointByClientToken("token-2"); ok {
		t.Fatal("EndpointByClientToken found an unused token")
	}

	// Other parameters with the same token.
	a := c.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpoint", createParams("ClientToken", "token-1", "EndpointName", "twice")...)
	if a.str("Message") == "" {
		t.Fatal("no message")
	}
	// Tokens belong to the account, not to the access key: a retry signed
	// with refreshed STS credentials (a new AccessKeyId) finds the original.
	other := c.as("LTAIsecond", "second-secret", "").must("CreateVpcEndpoint", params...)
	if other.str("EndpointId") != first.str("EndpointId") {
		t.Fatal("another access key of the account created a second endpoint with the same token")
	}
	if n := srv.EndpointCount(); n != 1 {
		t.Fatalf("%d endpoints, want 1", n)
	}
	// ... but per action: the token of the create means nothing to a delete.
	c.must("DeleteVpcEndpoint", "EndpointId", other.str("EndpointId"), "ClientToken", "token-1")
}

// A request that failed or was a dry run leaves its token unused.
func TestClientTokenNotRecordedOnFailureOrDryRun(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	c.fail(400, "VpcNotFound", "CreateVpcEndpoint", createParams("ClientToken", "t", "VpcId", "vpc-hp3nothere00000000000")...)
	c.fail(400, "DryRunOperation", "CreateVpcEndpoint", createParams("ClientToken", "t", "DryRun", "true")...)
	c.must("CreateVpcEndpoint", createParams("ClientToken", "t")...)
	if srv.EndpointCount() != 1 {
		t.Fatalf("EndpointCount = %d", srv.EndpointCount())
	}
}

// Every mutating operation that takes ClientToken answers a retry with its
// first answer instead of the error a second execution would give.
func TestMutatingOperationsReplay(t *testing.T) {
	srv := newTestServer(t, WithSecurityGroup(otherSG, VpcID))
	c := newClient(t, srv)
	id := c.create()
	steps := []struct {
		action string
		pairs  []string
		// secondError is what executing the request twice would answer.
		secondError string
	}{
		{"AddZoneToVpcEndpoint", []string{"EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB}, "EndpointZoneDuplicated"},
		{"RemoveZoneFromVpcEndpoint", []string{"EndpointId", id, "ZoneId", ZoneB}, "EndpointZoneNotFound"},
		{"AttachSecurityGroupToVpcEndpoint", []string{"EndpointId", id, "SecurityGroupId", otherSG}, "SecurityGroupExist"},
		{"DetachSecurityGroupFromVpcEndpoint", []string{"EndpointId", id, "SecurityGroupId", otherSG}, "SecurityGroupNotFound"},
		{"UpdateVpcEndpointAttribute", []string{"EndpointId", id, "EndpointName", "renamed"}, ""},
		{"DeleteVpcEndpoint", []string{"EndpointId", id}, "EndpointNotFound"},
	}
	for _, st := range steps {
		t.Run(st.action, func(t *testing.T) {
			token := "tok-" + st.action
			c.must(st.action, append(st.pairs, "ClientToken", token)...)
			c.must(st.action, append(st.pairs, "ClientToken", token)...)
			if st.secondError != "" {
				c.fail(400, st.secondError, st.action, append(st.pairs, "ClientToken", token+"-new")...)
			}
			c.fail(400, "IdempotentParameterMismatch", st.action, append(st.pairs, "ClientToken", token, "DryRun", "false", "Extra", "1")...)
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := kv("RegionId", RegionID, "VpcId", VpcID, "Zone.1.ZoneId", ZoneA)
	same := append(kv("Zone.1.ZoneId", ZoneA, "Timestamp", "x", "SignatureNonce", "n", "Signature", "s", "ClientToken", "t", "VpcId", VpcID), signer.Param{Key: "RegionId", Value: RegionID})
	if fingerprint(base) != fingerprint(same) {
		t.Fatal("order or signature parameters changed the fingerprint")
	}
	for _, other := range [][]signer.Param{
		kv("RegionId", RegionID, "VpcId", VpcID),
		kv("RegionId", RegionID, "VpcId", VpcID, "Zone.1.ZoneId", ZoneB),
		kv("RegionId", RegionID, "VpcId", VpcID+"Zone.1.ZoneId"+ZoneA),
		kv("RegionId", RegionID, "VpcId", VpcID, "Zone.1.ZoneId", ZoneA, "Zone.1.ZoneId", ZoneA),
	} {
		if fingerprint(base) == fingerprint(other) {
			t.Fatalf("%v and %v share a fingerprint", base, other)
		}
	}
}

// A client token is remembered for ClientTokenTTL of the server's clock:
// until then it replays or mismatches, from then on it is new.
func TestClientTokenExpires(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk))
	c := newClient(t, srv)
	params := createParams("ClientToken", "day-old", "EndpointName", "first")
	first := c.must("CreateVpcEndpoint", params...).str("EndpointId")

	clk.Advance(ClientTokenTTL - time.Nanosecond)
	if got := c.must("CreateVpcEndpoint", params...).str("EndpointId"); got != first {
		t.Fatalf("replay just before the TTL answered %s, want %s", got, first)
	}
	c.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpoint", createParams("ClientToken", "day-old", "EndpointName", "other")...)

	clk.Advance(time.Nanosecond)
	second := c.must("CreateVpcEndpoint", params...).str("EndpointId")
	if second == first || srv.EndpointCount() != 2 {
		t.Fatalf("after the TTL the token replayed: %s, %d endpoints", second, srv.EndpointCount())
	}
	// The new request is remembered afresh, for another TTL.
	c.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpoint", createParams("ClientToken", "day-old", "EndpointName", "other")...)
	srv.mu.Lock()
	n := srv.tokens.len()
	srv.mu.Unlock()
	if n != 1 {
		t.Fatalf("%d tokens remembered, want 1: the expired record was kept", n)
	}
}

// At most MaxClientTokens are remembered; the oldest go first.
func TestClientTokensBounded(t *testing.T) {
	srv := newTestServer(t)
	srv.mu.Lock()
	srv.tokens = newTokenStore(3, ClientTokenTTL)
	srv.mu.Unlock()
	c := newClient(t, srv)
	for i := range 5 {
		c.create("ClientToken", fmt.Sprint("tok-", i), "EndpointName", fmt.Sprint("ep-", i))
	}
	srv.mu.Lock()
	n := srv.tokens.len()
	srv.mu.Unlock()
	if n != 3 {
		t.Fatalf("%d tokens remembered, want 3", n)
	}
	// tok-1 was forgotten: other parameters are a new request. tok-4 is
	// remembered: they are a mismatch.
	c.must("CreateVpcEndpoint", createParams("ClientToken", "tok-1", "EndpointName", "reused")...)
	c.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpoint", createParams("ClientToken", "tok-4", "EndpointName", "reused")...)
}

func TestTokenStore(t *testing.T) {
	t0 := fixedTime
	ttl := time.Hour
	k := func(s string) tokenKey { return tokenKey{AccountID, "CreateVpcEndpoint", s} }
	st := newTokenStore(2, ttl)
	st.put(k("a"), "fa", nil, t0)
	st.put(k("b"), "fb", nil, t0.Add(time.Minute))
	if r := st.get(k("a"), t0.Add(ttl-1)); r == nil || r.fp != "fa" {
		t.Fatalf("a before its TTL: %+v", r)
	}
	if st.get(k("a"), t0.Add(ttl)) != nil || st.len() != 1 {
		t.Fatalf("a at its TTL: still there (%d records)", st.len())
	}
	if st.get(k("b"), t0.Add(ttl)) == nil {
		t.Fatal("b expired with a")
	}

	// A clock set backwards puts an older record behind a newer one. It
	// is still expired to lookups; its key's next record replaces it, and
	// dropping it later leaves that successor alone.
	st = newTokenStore(2, ttl)
	later := t0.Add(2 * ttl)
	st.put(k("a"), "fa", nil, later)
	st.put(k("b"), "old", nil, t0)
	now := later.Add(ttl / 2)
	if st.get(k("b"), now) != nil {
		t.Fatal("an expired record behind a live one was returned")
	}
	st.put(k("b"), "new", nil, now)
	st.put(k("c"), "fc", nil, now) // the bound drops a; b's old record is next
	if r := st.get(k("b"), now); r == nil || r.fp != "new" {
		t.Fatalf("dropping b's old record dropped its successor: %+v", r)
	}
	if st.len() != 2 || st.get(k("a"), now) != nil {
		t.Fatalf("%d records; the bound must have dropped a", st.len())
	}
}
