package privatelinktest

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// timestampSkew is how far a request's timestamp may be from the server's
// wall clock, in either direction, before it is refused as expired.
const timestampSkew = 15 * time.Minute

// nonceTTL is how long a used nonce is remembered. A request is accepted
// while its timestamp is within timestampSkew of the wall clock on either
// side, so a request stamped timestampSkew ahead can be replayed until
// 2*timestampSkew after it was first seen. The gateway is reported to keep
// nonces for 31 minutes (Alibaba Cloud developer community, "OpenAPI
// signature nonce already used", ask/561619); so does the emulator.
const nonceTTL = 2*timestampSkew + time.Minute

// maxNonceLen bounds SignatureNonce (and x-acs-signature-nonce). Alibaba
// Cloud documents no limit; its SDKs send a 36-byte UUID or 32 hex digits,
// and 128 bytes leaves room for any sane scheme while refusing absurd ones
// before anything is verified or remembered.
const maxNonceLen = 128

// nonceEntryBytes bounds one remembered nonce's share of memory: its
// 16-byte digest in the map and, with its expiry, in the queue (24 bytes).
// Measured at 53-64 bytes (go1.26, amd64, 65,536 to 262,144 entries); the
// rest is room for the map's and the queue's growth. Entries have this
// size whatever the nonce's length, so a memory budget is a number of
// entries.
const nonceEntryBytes = 96

// authenticate checks the request's signature the way the gateway does:
// access key, STS token, timestamp, nonce presence, signature, and last
// nonce reuse, so that a forged request cannot burn a legitimate nonce.
// Called with s.mu held.
func (s *Server) authenticate(req *apiRequest) *apiError {
	var keyID, token, stamp, nonce string
	var auth signer.AuthorizationV3
	if req.v3 {
		var err error
		auth, err = signer.ParseAuthorizationV3(req.header.Get("Authorization"))
		if err != nil {
			return errorf("IncompleteSignature", "The request signature does not conform to Aliyun standards. %s", reasonOf(err))
		}
		keyID = auth.AccessKeyID
		token = req.header.Get("x-acs-security-token")
		stamp = req.header.Get("x-acs-date")
		nonce = req.header.Get("x-acs-signature-nonce")
	} else {
		keyID = req.first["AccessKeyId"]
		token = req.first["SecurityToken"]
		stamp = req.first["Timestamp"]
		nonce = req.first["SignatureNonce"]
	}

	if keyID == "" {
		return errMissingCommon("AccessKeyId")
	}
	cred := s.creds[keyID]
	if cred == nil {
		return newError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	wall := s.wallNow()
	if cred.token != "" {
		switch {
		case token == "":
			return errMissingCommon("SecurityToken")
		case token != cred.token:
			return errorf("InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
		case !cred.expires.IsZero() && !wall.Before(cred.expires):
			return errorf("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
		}
	}

	if stamp == "" {
		return errMissingCommon("Timestamp")
	}
	t, err := time.Parse(signer.TimestampFormatV1, stamp)
	if err != nil {
		return errorf("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
	}
	if d := wall.Sub(t); d > timestampSkew || d < -timestampSkew {
		return errorf("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	if nonce == "" {
		return errMissingCommon("SignatureNonce")
	}
	if len(nonce) > maxNonceLen {
		return errInvalid("SignatureNonce", fmt.Sprintf("longer than %d bytes", maxNonceLen))
	}
	if !req.v3 {
		switch v, ok := req.first["SignatureVersion"]; {
		case !ok:
			return errMissingCommon("SignatureVersion")
		case v != "1.0": // exact: tea-rpc, the v1 SDK and darabonba all send "1.0"
			return errorf("IncompleteSignature", "The request signature does not conform to Aliyun standards. Unsupported SignatureVersion %q.", v)
		}
	}

	verify := func(method string) error {
		if req.v3 {
			return signer.VerifyV3(signer.V3Request{
				Method:      method,
				Path:        req.escapedPath,
				Query:       req.query,
				Headers:     headerParams(req),
				PayloadHash: signer.HashPayload(req.body),
			}, req.header.Get("Authorization"), cred.secret)
		}
		return signer.VerifyV1(method, req.params, cred.secret)
	}
	if err = verify(req.method); err != nil {
		e := signatureError(err)
		if other := otherMethod(req.method); other != "" && errors.Is(err, signer.ErrSignatureDoesNotMatch) && verify(other) == nil {
			// The gateway only says the signatures differ; the emulator
			// can say why, in the most common case with curl. It reveals
			// nothing: only the secret's holder could have made a
			// signature that verifies under either method.
			e.message = fmt.Sprintf("The signature is right for the same request sent with %s, not %s: sign with the method you send (acs3sign -method, curl -X). ", other, req.method) + e.message
		}
		return e
	}

	switch s.nonces.use(keyID, nonce, wall) {
	case nonceUsed:
		return errorf("SignatureNonceUsed", "Specified signature nonce was used already.")
	case nonceFull:
		e := errServiceUnavailable()
		e.retryAfter = 1
		return e
	}
	if cred.denied[req.action] {
		return newError(http.StatusForbidden, "Forbidden.RAM",
			"User not authorized to operate on the specified resource, or this API doesn't support RAM.")
	}
	req.accessKey = keyID
	req.sts = cred.token != ""
	return nil
}

// otherMethod is the method a client most likely confused with method: GET
// for POST and back, "" for any other.
func otherMethod(method string) string {
	switch method {
	case http.MethodGet:
		return http.MethodPost
	case http.MethodPost:
		return http.MethodGet
	}
	return ""
}

// headerParams lists the request's headers with lower-cased names, plus
// host, which net/http moves out of the header map. The verifier picks the
// ones the client said it signed.
func headerParams(req *apiRequest) []signer.Param {
	out := make([]signer.Param, 0, len(req.header)+1)
	out = append(out, signer.Param{Key: "host", Value: req.host})
	for k, vs := range req.header {
		lk := strings.ToLower(k)
		if lk == "host" {
			continue
		}
		for _, v := range vs {
			out = append(out, signer.Param{Key: lk, Value: v})
		}
	}
	return out
}

// signatureError turns a verifier error into the gateway's answer, which
// shows the server's string to sign so the client can find the difference.
func signatureError(err error) *apiError {
	var ve *signer.VerifyError
	sts := ""
	if errors.As(err, &ve) {
		sts = clipStringToSign(ve.StringToSign)
	}
	if errors.Is(err, signer.ErrSignatureDoesNotMatch) {
		if sts == "" {
			// The body hash differs from x-acs-content-sha256: there is
			// no string to sign to show, so say what differed.
			return errorf("SignatureDoesNotMatch",
				"Specified signature is not matched with our calculation. %s", reasonOf(err))
		}
		return errorf("SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. server string to sign is:%s", sts)
	}
	msg := "The request signature does not conform to Aliyun standards."
	if sts != "" {
		msg += " server string to sign is:" + sts
	} else if r := reasonOf(err); r != "" {
		msg += " " + r
	}
	return errorf("IncompleteSignature", "%s", msg)
}

// clipStringToSign keeps the first maxEchoedStringToSign bytes of a string
// to sign and says how long it was. The cut cannot split a secret: a
// string to sign holds none, only the request's own parameters (V1's
// SecurityToken among them, which the client sent).
func clipStringToSign(sts string) string {
	if len(sts) <= maxEchoedStringToSign {
		return sts
	}
	return sts[:maxEchoedStringToSign] + fmt.Sprintf("... (%d bytes in all)", len(sts))
}

// reasonOf returns the verifier's reason when it gave one.
func reasonOf(err error) string {
	var ve *signer.VerifyError
	if errors.As(err, &ve) && ve.Reason != "" {
		return ve.Reason + "."
	}
	return ""
}

// nonceCache remembers used nonces per access key for nonceTTL of real
// time, in at most max entries of fixed size.
type nonceCache struct {
	max  int
	seen map[nonceDigest]struct{}
	// order holds the entries as they were made. They expire in that order
	// because their times only grow; a wall clock stepping back merely
	// delays expiry, which errs on the side of refusing.
	order fifo[nonceEntry]
}

// nonceDigest identifies an (access key, nonce) pair by the first 128 bits
// of its SHA-256: a fixed size however long the nonce, and a collision,
// which could only refuse a fresh request, is beyond reach.
type nonceDigest [16]byte

type nonceEntry struct {
	digest  nonceDigest
	expires int64 // Unix nanoseconds
}

// nonceResult is what use found.
type nonceResult int

const (
	nonceFresh nonceResult = iota // recorded now
	nonceUsed                     // seen within nonceTTL: a replay
	nonceFull                     // unseen, but the budget is spent
)

func newNonceCache(max int) *nonceCache {
	return &nonceCache{max: max, seen: map[nonceDigest]struct{}{}}
}

func digestNonce(key, nonce string) nonceDigest {
	var stack [256]byte
	b := append(append(append(stack[:0], key...), 0), nonce...)
	sum := sha256.Sum256(b)
	return nonceDigest(sum[:16])
}

// use records nonce for key at now, unless it was used or the cache is
// full.
func (c *nonceCache) use(key, nonce string, now time.Time) nonceResult {
	t := now.UnixNano()
	for c.order.len() > 0 && c.order.front().expires <= t {
		delete(c.seen, c.order.pop().digest)
	}
	d := digestNonce(key, nonce)
	if _, ok := c.seen[d]; ok {
		return nonceUsed
	}
	if len(c.seen) >= c.max {
		return nonceFull
	}
	c.seen[d] = struct{}{}
	c.order.push(nonceEntry{digest: d, expires: now.Add(nonceTTL).UnixNano()})
	return nonceFresh
}

func (c *nonceCache) len() int { return len(c.seen) }
