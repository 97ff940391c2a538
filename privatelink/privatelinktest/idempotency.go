package privatelinktest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"net/http"
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

// DefaultClientTokenMemory is the memory a Server may spend remembering
// client tokens and their answers (see WithClientTokenMemory): 64 MiB,
// which holds 69,978 CreateVpcEndpoint tokens (959 bytes charged each) and
// more of the other operations, whose answers are smaller. BenchmarkClientTokenBudget
// measures it; BENCHMARKS.md has the figures.
const DefaultClientTokenMemory = 64 << 20

// tokenRecordOverhead is what a remembered token is charged beyond the
// bytes of its key, fingerprint and answer: the record, its map entry and
// its place in the expiry order. BenchmarkClientTokenMemory checks that the
// charge is not below the heap a token takes (959 bytes charged for a
// create's token against 930 measured).
const tokenRecordOverhead = 240

// tokenKey scopes a client token to the account and the action. Not to the
// access key: STS, OIDC and ECS-role credentials get a new AccessKeyId when
// they refresh, and a retry across a refresh must find its token again.
type tokenKey struct{ account, action, token string }

// tokenRecord is what a successful request with a client token left: the
// fingerprint of its business parameters, its answer without RequestId,
// and when it was made (the server's Clock), for ClientTokenTTL.
type tokenRecord struct {
	key    tokenKey
	fp     string
	body   []byte
	at     time.Time
	charge int
}

// tokenStore remembers each client token for ttl, in at most budget bytes
// of records. It never forgets a live token to make room: when the budget
// is spent, admit refuses new tokens until old ones expire.
type tokenStore struct {
	budget int
	used   int
	ttl    time.Duration
	recs   map[tokenKey]*tokenRecord
	// order holds the records in the order they were made, so the oldest
	// are expired first. A FakeClock set backwards can make that order
	// disagree with the records' times; lookups check the time themselves,
	// so such a record merely lingers (and stays charged) until the ones
	// before it expire.
	order fifo[*tokenRecord]
}

func newTokenStore(budget int, ttl time.Duration) *tokenStore {
	return &tokenStore{budget: budget, ttl: ttl, recs: map[tokenKey]*tokenRecord{}}
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

// admit reports whether a new token may be remembered at now: whether the
// live records leave any of the budget. A record may take the store past
// its budget by its own size, never more.
func (t *tokenStore) admit(now time.Time) bool {
	t.expire(now)
	return t.used < t.budget
}

// put records a request that succeeded at now, replacing an expired record
// of the same key. The caller asked admit first, before performing it.
func (t *tokenStore) put(k tokenKey, fp string, body []byte, now time.Time) {
	t.expire(now)
	rec := &tokenRecord{key: k, fp: fp, body: body, at: now,
		charge: tokenRecordOverhead + len(k.account) + len(k.action) + len(k.token) + len(fp) + cap(body)}
	t.recs[k] = rec
	t.order.push(rec)
	t.used += rec.charge
}

func (t *tokenStore) expired(rec *tokenRecord, now time.Time) bool {
	return !now.Before(rec.at.Add(t.ttl))
}

// expire drops the expired records at the front of the order. A record
// that put replaced is no longer in recs, so only the record itself is
// ever deleted, never its successor.
func (t *tokenStore) expire(now time.Time) {
	for t.order.len() > 0 && t.expired(t.order.front(), now) {
		rec := t.order.pop()
		if t.recs[rec.key] == rec {
			delete(t.recs, rec.key)
		}
		t.used -= rec.charge
	}
}

// len returns how many tokens are remembered.
func (t *tokenStore) len() int { return len(t.recs) }

// errTokensFull is the answer to a request with a new client token when
// the tokens within their ClientTokenTTL fill the budget: refused before it
// is performed, since performing it and forgetting the token would make
// its retry a second operation.
func errTokensFull() *apiError {
	e := newError(http.StatusServiceUnavailable, "ServiceUnavailable",
		"The emulator's client-token memory is full of tokens within their lifetime; retry later, or give the emulator more (WithClientTokenMemory, -client-token-memory).")
	e.retryAfter = 1
	return e
}

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
	var lens [8]byte
	for _, p := range ps {
		// Lengths first, in full (a request's limit is far below 4 GiB),
		// so that no choice of keys and values can make two different
		// lists hash alike.
		binary.BigEndian.PutUint32(lens[:4], uint32(len(p.Key)))
		binary.BigEndian.PutUint32(lens[4:], uint32(len(p.Value)))
		h.Write(lens[:])
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
		if !c.s.tokens.admit(c.now) {
			c.fail(errTokensFull())
			return nil, false
		}
		c.remember = true
		return nil, false
	}
	if rec.fp != c.fp {
		c.fail(errorf("IdempotentParameterMismatch", msgIdempotentMismatch))
		return nil, false
	}
	c.fromToken = true
	return rec.body, true
}

func (c *call) tokenKey() tokenKey {
	return tokenKey{c.acct.id, c.req.action, c.token}
}
