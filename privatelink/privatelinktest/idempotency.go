package privatelinktest

import (
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strings"

	"github.com/privatelink-go/sdk/signer"
)

// tokenKey scopes a client token: the same token means the same request
// only for the same access key and action.
// tokenKey scopes a client token to the account (every key of the emulator
// acts on one account) and the action. Not to the access key: STS, OIDC and
// ECS-role credentials get a new AccessKeyId when they refresh, and a retry
// across a refresh must find its token again.
type tokenKey struct{ action, token string }

// tokenRecord is what a successful request with a client token left: the
// fingerprint of its business parameters and its answer without RequestId.
type tokenRecord struct {
	fp   string
	body []byte
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
	rec := c.s.tokens[c.tokenKey()]
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
	return tokenKey{c.req.action, c.token}
}
