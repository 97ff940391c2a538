package privatelinktest

import (
	"bytes"
	"fmt"
	"strings"
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

// TestFingerprintOfLongKeys checks two lists whose encodings would be the
// same bytes if a key's length were written in 16 bits: one parameter
// whose key, 65,538 bytes long, holds what looks like a second parameter's
// header, and the two parameters that header describes. Keys that long fit
// within MaxRequestBytes.
func TestFingerprintOfLongKeys(t *testing.T) {
	second := "b" + strings.Repeat("x", 65529)
	one := kv("ab"+"\xff\xfa\x00\x00\x00\x00"+second, "")
	two := kv("ab", "", second, "")
	if len(one[0].Key) != 1<<16+2 {
		t.Fatalf("the long key has %d bytes", len(one[0].Key))
	}
	if fingerprint(one) == fingerprint(two) {
		t.Fatal("a 65,538-byte key and the two keys its bytes spell share a fingerprint")
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

// execCall runs action with the given parameter pairs (RegionId added)
// through the operation code, as an authenticated request of the default
// key: the path of every API request minus HTTP and signatures, for tests
// that send tens of thousands.
func execCall(srv *Server, action string, pairs ...string) ([]byte, *apiError) {
	req := &apiRequest{action: action, accessKey: AccessKeyID, params: kv(append(pairs, "RegionId", RegionID)...), first: map[string]string{}}
	for _, p := range req.params {
		if _, ok := req.first[p.Key]; !ok {
			req.first[p.Key] = p.Value
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return srv.execute(req)
}

// zonelessCreate are the parameters of a create that takes no address, so
// that any number fit the default world.
func zonelessCreate(extra ...string) []string {
	return mergePairs(createParams("Zone.1.ZoneId", "-", "Zone.1.VSwitchId", "-"), extra)
}

// TestClientTokensRetriedOldestFirstMakeNoSecondEndpoint is issue 16's
// ninth defect: past 10,000 client tokens the oldest were forgotten, and
// 14,654 creates retried oldest first made 14,654 second endpoints, each
// forgotten token's retry evicting the next one to be retried. Tokens are
// now kept for ClientTokenTTL under a memory budget that holds these.
func TestClientTokensRetriedOldestFirstMakeNoSecondEndpoint(t *testing.T) {
	const n = 12000
	srv := newTestServer(t, WithClock(NewFakeClock(fixedTime)), WithQuota(QuotaTotalEpPerVpc, 2*n))
	ids := make([]string, n)
	for i := range ids {
		body, err := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprint("backlog-", i))...)
		if err != nil {
			t.Fatalf("create %d: %v", i, err.code)
		}
		ids[i] = string(body)
	}
	for i := range ids {
		body, err := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprint("backlog-", i))...)
		if err != nil {
			t.Fatalf("retry %d: %v", i, err.code)
		}
		if string(body) != ids[i] {
			t.Fatalf("retry %d got another answer: %s, want %s", i, body, ids[i])
		}
	}
	if got := srv.EndpointCount(); got != n {
		t.Fatalf("%d endpoints after %d creates each retried once, want %d", got, n, n)
	}
}

// TestClientTokenBudgetRefusesRatherThanForgets checks the budget's edge:
// once the tokens still within their ClientTokenTTL fill it, a request
// with a new token is answered 503 with Retry-After before it is performed,
// every remembered token still gets its original answer, and tokens are
// taken again once old ones expire.
func TestClientTokenBudgetRefusesRatherThanForgets(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithClientTokenMemory(32<<10), WithQuota(QuotaTotalEpPerVpc, 1000))
	var answers []string
	for {
		body, err := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprint("full-", len(answers)))...)
		if err != nil {
			if err.status != 503 || err.code != "ServiceUnavailable" || err.retryAfter <= 0 {
				t.Fatalf("past the budget: %d %s, retry after %d", err.status, err.code, err.retryAfter)
			}
			break
		}
		answers = append(answers, string(body))
		clk.Advance(time.Second)
	}
	if len(answers) < 10 {
		t.Fatalf("a 32 KiB budget held only %d create tokens", len(answers))
	}
	if got := srv.EndpointCount(); got != len(answers) {
		t.Fatalf("%d endpoints, want %d: the refused create was performed", got, len(answers))
	}
	for i, want := range answers {
		body, err := execCall(srv, "CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprint("full-", i))...)
		if err != nil || string(body) != want {
			t.Fatalf("token %d forgotten: %s %v", i, body, err)
		}
	}
	// Over HTTP the refusal carries Retry-After, and a request without a
	// token is not refused.
	c := newClient(t, srv)
	a := c.call("CreateVpcEndpoint", zonelessCreate("ClientToken", "one-more")...)
	if a.status != 503 || a.header.Get("Retry-After") == "" {
		t.Fatalf("past the budget over HTTP: %v, Retry-After %q", a, a.header.Get("Retry-After"))
	}
	c.must("CreateVpcEndpoint", zonelessCreate()...)

	// Once the first token expires, a new one is taken.
	clk.Set(fixedTime.Add(ClientTokenTTL))
	c.must("CreateVpcEndpoint", zonelessCreate("ClientToken", "one-more")...)
}

func TestTokenStore(t *testing.T) {
	t0 := fixedTime
	ttl := time.Hour
	k := func(s string) tokenKey { return tokenKey{AccountID, "CreateVpcEndpoint", s} }
	st := newTokenStore(1<<20, ttl)
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
	st = newTokenStore(1<<20, ttl)
	later := t0.Add(2 * ttl)
	st.put(k("a"), "fa", nil, later)
	st.put(k("b"), "old", nil, t0)
	now := later.Add(ttl / 2)
	if st.get(k("b"), now) != nil {
		t.Fatal("an expired record behind a live one was returned")
	}
	st.put(k("b"), "new", nil, now)
	if st.get(k("a"), later.Add(ttl)) != nil {
		t.Fatal("a outlived its TTL")
	}
	// a's expiry dropped a, then b's old record behind it: not its
	// successor.
	if r := st.get(k("b"), later.Add(ttl)); r == nil || r.fp != "new" {
		t.Fatalf("dropping b's old record dropped its successor: %+v", r)
	}

	// The budget: a store admits a new token while what it holds is under
	// its budget, and a record's charge is its bytes and a fixed overhead.
	st = newTokenStore(2*tokenRecordOverhead, ttl)
	if !st.admit(t0) {
		t.Fatal("an empty store refused a token")
	}
	st.put(k("a"), "fa", []byte("{}"), t0)
	if !st.admit(t0) {
		t.Fatal("a store under its budget refused a token")
	}
	st.put(k("b"), "fb", []byte("{}"), t0)
	if st.admit(t0) {
		t.Fatalf("a store over its budget (%d of %d bytes) admitted a token", st.used, st.budget)
	}
	if !st.admit(t0.Add(ttl)) || st.used != 0 {
		t.Fatalf("expired records still charged: %d bytes", st.used)
	}
}
