package privatelinktest

import (
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// ClientTokenTTL is how long the emulator remembers a client token, on the
// server's Clock, from the request that succeeded with it. Until then, the
// same token with the same parameters gets the original answer and with
// other parameters IdempotentParameterMismatch; from then on the token is
// new again, and a retry with it performs the operation afresh (a create
// makes a second endpoint). The service documents no window; 24 hours is
// the emulator's choice, far longer than any retry loop and short enough
// that a FakeClock test can step past it.
const ClientTokenTTL = 24 * time.Hour

// MaxClientTokens bounds how many client tokens the emulator remembers at
// once, so that a long soak cannot grow it without limit: past it, the
// oldest token is forgotten first, early, as if its ClientTokenTTL had run
// out. A stored answer is under a kilobyte, so the bound costs under ten
// megabytes; a test that needs more tokens alive at once can spread its
// work over several servers.
const MaxClientTokens = 10000

// tokenKey scopes a client token to the account and the action. Not to the
// access key: STS, OIDC and ECS-role credentials get a new AccessKeyId when
// they refresh, and a retry across a refresh must find its token again.
type tokenKey struct{ account, action, token string }

// tokenRecord is what a successful request with a client token left: the
// fingerprint of its business parameters, its answer without RequestId,
// and when it was made (the server's Clock), for ClientTokenTTL.
type tokenRecord struct {
	key  tokenKey
	fp   string
	body []byte
	at   time.Time
}

// tokenStore remembers client tokens for at most ttl and in at most max
// records.
type tokenStore struct {
	max  int
	ttl  time.Duration
	recs map[tokenKey]*tokenRecord
	// fifo[head:] holds the records in the order they were made, so the
	// oldest are found, and dropped, first in O(1) amortized (the slice is
	// compacted when half of it is dead). A FakeClock set backwards can
	// make that order disagree with the records' times; lookups check the
	// time themselves, so such a record merely lingers until the bound
	// pushes it out.
	fifo []*tokenRecord
	head int
}

func newTokenStore(max int, ttl time.Duration) *tokenStore {
	return &tokenStore{max: max, ttl: ttl, recs: map[tokenKey]*tokenRecord{}}
}

// get returns the live record of k at now, or nil.
func (t *tokenStore) get(k tokenKey, now time.Time) *tokenRecord {
	t.expire(now)
	rec := t.recs[k]
	if rec == nil || t.expired(rec, now) {
		return nil
	}
	return rec
}

// put records a request that succeeded at now, replacing an expired record
// of the same key.
func (t *tokenStore) put(k tokenKey, fp string, body []byte, now time.Time) {
	t.expire(now)
	delete(t.recs, k)
	for len(t.recs) >= t.max && t.head < len(t.fifo) {
		t.pop()
	}
	rec := &tokenRecord{key: k, fp: fp, body: body, at: now}
	t.recs[k] = rec
	t.fifo = append(t.fifo, rec)
}

func (t *tokenStore) expired(rec *tokenRecord, now time.Time) bool {
	return !now.Before(rec.at.Add(t.ttl))
}

// expire drops the expired records at the front of the order.
func (t *tokenStore) expire(now time.Time) {
	for t.head < len(t.fifo) && t.expired(t.fifo[t.head], now) {
		t.pop()
	}
}

// pop drops the oldest record. A record that put replaced is no longer in
// recs, so only the record itself is ever deleted, never its successor.
func (t *tokenStore) pop() {
	rec := t.fifo[t.head]
	if t.recs[rec.key] == rec {
		delete(t.recs, rec.key)
	}
	t.fifo[t.head] = nil
	t.head++
	if t.head*2 >= len(t.fifo) {
		n := copy(t.fifo, t.fifo[t.head:])
		clear(t.fifo[n:])
		t.fifo = t.fifo[:n]
		t.head = 0
	}
}

// len returns how many tokens are remembered.
func (t *tokenStore) len() int { return len(t.recs) }

// notBusiness lists the parameters that differ between two sends of the
// same logical request: signature, timing, transport and the token itself.
var notBusiness = map[string]bool{
	"AccessKeyId": true, "Signature": true, "SignatureMethod": true, "SignatureVersion": true,
	"SignatureNonce": true, "SignatureType": true, "Timestamp": true, "SecurityToken": true,
	"Format": true, "Version": true, "Action": true, "ClientToken": true, "DryRun": true,
}

// fingerprint hashes the business parameters, sorted, so that parameter
// order and signature details do not make a retry look different.
func fingerprint(params []signer.Param) string {
	ps := make([]signer.Param, 0, len(params))
	for _, p := range params {
		if !notBusiness[p.Key] {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b signer.Param) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	h := sha256.New()
	for _, p := range ps {
		// Lengths first, so that no choice of keys and values can make two
		// different lists hash alike.
		h.Write([]byte{byte(len(p.Key) >> 8), byte(len(p.Key)), byte(len(p.Value) >> 24), byte(len(p.Value) >> 16), byte(len(p.Value) >> 8), byte(len(p.Value))})
		h.Write([]byte(p.Key))
		h.Write([]byte(p.Value))
	}
	return string(h.Sum(nil))
}

// replay looks the call's client token up. It returns the stored answer
// when the same request was already done; fails the call with
// IdempotentParameterMismatch when the token was used for a different one;
// and otherwise marks the call to be remembered if it succeeds. Dry runs
// neither consult nor fill the store: they do nothing to repeat.
func (c *call) replay(dryRun bool) (json.RawMessage, bool) {
	if c.err != nil || c.token == "" || dryRun {
		return nil, false
	}
	c.fp = fingerprint(c.req.params)
	rec := c.s.tokens.get(c.tokenKey(), c.now)
	if rec == nil {
		c.remember = true
		return nil, false
	}
	if rec.fp != c.fp {
		c.fail(errorf("IdempotentParameterMismatch", msgIdempotentMismatch))
		return nil, false
	}
	return rec.body, true
}

func (c *call) tokenKey() tokenKey {
	return tokenKey{c.acct.id, c.req.action, c.token}
}
