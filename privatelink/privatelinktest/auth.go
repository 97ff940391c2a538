package privatelinktest

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// timestampSkew is how far a request's timestamp may be from the server's
// wall clock, in either direction, before it is refused as expired.
const timestampSkew = 15 * time.Minute

// nonceTTL is how long a used nonce is remembered. A request older than
// timestampSkew is refused anyway, so remembering longer gains nothing.
const nonceTTL = 15 * time.Minute

// maxNonces bounds the nonce memory. At the emulator's throughput it holds
// far more than 15 minutes of requests; past it the oldest are forgotten
// first, which can only let through a replay older than the newest maxNonces
// requests.
const maxNonces = 1 << 16

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
	if !req.v3 {
		switch v, ok := req.first["SignatureVersion"]; {
		case !ok:
			return errMissingCommon("SignatureVersion")
		case v != "1.0":
			return errorf("IncompleteSignature", "The request signature does not conform to Aliyun standards. Unsupported SignatureVersion %q.", v)
		}
	}

	if req.v3 {
		err = signer.VerifyV3(signer.V3Request{
			Method:      req.method,
			Path:        req.escapedPath,
			Query:       req.query,
			Headers:     headerParams(req),
			PayloadHash: signer.HashPayload(req.body),
		}, req.header.Get("Authorization"), cred.secret)
	} else {
		err = signer.VerifyV1(req.method, req.params, cred.secret)
	}
	if err != nil {
		return signatureError(err)
	}

	if !s.nonces.use(keyID, nonce, wall) {
		return errorf("SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	if cred.denied[req.action] {
		return newError(http.StatusForbidden, "Forbidden.RAM",
			"User not authorized to operate on the specified resource, or this API doesn't support RAM.")
	}
	req.accessKey = keyID
	req.sts = cred.token != ""
	return nil
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
		sts = ve.StringToSign
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

// reasonOf returns the verifier's reason when it gave one.
func reasonOf(err error) string {
	var ve *signer.VerifyError
	if errors.As(err, &ve) && ve.Reason != "" {
		return ve.Reason + "."
	}
	return ""
}

// nonceCache remembers used nonces per access key for nonceTTL of real
// time, in at most max entries.
type nonceCache struct {
	max  int
	seen map[nonceKey]time.Time
	// fifo[head:] is the insertion order. Entries expire in that order
	// because their times only grow (a wall clock stepping back merely
	// delays expiry). Popping advances head; the slice is compacted when
	// half of it is dead, so both ends cost O(1) amortized.
	fifo []nonceKey
	head int
}

type nonceKey struct{ key, nonce string }

func newNonceCache(max int) *nonceCache {
	return &nonceCache{max: max, seen: map[nonceKey]time.Time{}}
}

// use records nonce for key at now and reports whether it was unused.
func (c *nonceCache) use(key, nonce string, now time.Time) bool {
	for c.head < len(c.fifo) && now.Sub(c.seen[c.fifo[c.head]]) >= nonceTTL {
		c.pop()
	}
	k := nonceKey{key, nonce}
	if _, ok := c.seen[k]; ok {
		return false
	}
	for len(c.seen) >= c.max {
		c.pop()
	}
	c.seen[k] = now
	c.fifo = append(c.fifo, k)
	return true
}

func (c *nonceCache) pop() {
	delete(c.seen, c.fifo[c.head])
	c.fifo[c.head] = nonceKey{}
	c.head++
	if c.head*2 >= len(c.fifo) {
		n := copy(c.fifo, c.fifo[c.head:])
		clear(c.fifo[n:])
		c.fifo = c.fifo[:n]
		c.head = 0
	}
}

func (c *nonceCache) len() int { return len(c.seen) }
