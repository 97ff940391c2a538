package interop

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/signer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests take requests signed by the official SDKs (captured on the
// wire, see wire_capture_test.go) and check them with our signer package in
// both directions: VerifyV1/VerifyV3 must accept them as the service would,
// and SignV1/SignV3 fed the same inputs (the captured nonce and time) must
// produce the identical signature bytes. A wrong secret and a tampered
// parameter must be rejected, which shows the acceptance is not vacuous.

// queryParams turns the decoded query, and a form body if there is one,
// into signer.Params, one per value.
func queryParams(t *testing.T, r *wireRequest) []signer.Param {
	t.Helper()
	var ps []signer.Param
	add := func(v url.Values) {
		for _, k := range sortedKeys(v) {
			for _, val := range v[k] {
				ps = append(ps, signer.Param{Key: k, Value: val})
			}
		}
	}
	add(r.Query)
	if len(r.Body) > 0 {
		// V1 signs form parameters together with the query ones.
		form, err := url.ParseQuery(string(r.Body))
		require.NoError(t, err)
		add(form)
	}
	return ps
}

// without returns ps minus the parameters named key.
func without(ps []signer.Param, key string) []signer.Param {
	out := make([]signer.Param, 0, len(ps))
	for _, p := range ps {
		if p.Key != key {
			out = append(out, p)
		}
	}
	return out
}

// tampered returns a copy of ps with the first parameter named key changed.
func tampered(ps []signer.Param, key string) []signer.Param {
	out := append([]signer.Param(nil), ps...)
	for i := range out {
		if out[i].Key == key {
			out[i].Value += "x"
			break
		}
	}
	return out
}

type capture struct {
	name string
	get  func(t *testing.T) *wireRequest
}

func v1Captures() []capture {
	return []capture{
		{"v1sdk/ak", func(t *testing.T) *wireRequest { return captureV1SDK(t, false) }},
		{"v1sdk/sts", func(t *testing.T) *wireRequest { return captureV1SDK(t, true) }},
		{"darabonba-v1/ak", func(t *testing.T) *wireRequest { return captureDarabonba(t, darabonbaV1, false) }},
		{"darabonba-v1/sts", func(t *testing.T) *wireRequest { return captureDarabonba(t, darabonbaV1, true) }},
		// An empty value ("ResourceGroupId=") is signed as "Key=".
		{"darabonba-v1/empty-value", func(t *testing.T) *wireRequest {
			return captureDarabonba(t, darabonbaV1, false, func(q map[string]interface{}) { q["ResourceGroupId"] = ptr("") })
		}},
	}
}

func TestOfficialV1SignaturesVerify(t *testing.T) {
	for _, c := range v1Captures() {
		t.Run(c.name, func(t *testing.T) {
			r := c.get(t)
			params := queryParams(t, r)

			require.NoError(t, signer.VerifyV1(r.Method, params, testAccessKeySecret))

			// Same inputs, our signer: identical bytes.
			ours := signer.SignV1(r.Method, without(params, "Signature"), testAccessKeySecret)
			require.Equal(t, r.single(t, "Signature"), ours.Signature)
			if r.SDKStringToSign != "" {
				require.Equal(t, r.SDKStringToSign, ours.StringToSign, "string to sign")
			}

			err := signer.VerifyV1(r.Method, params, "wrongsecret")
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "wrong secret: %v", err)
			err = signer.VerifyV1(r.Method, tampered(params, "EndpointName"), testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "tampered: %v", err)
			// The method is signed: the same query sent as GET fails.
			err = signer.VerifyV1("GET", params, testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "method: %v", err)
		})
	}
}

// v3Request describes a captured request as VerifyV3 and SignV3 take it:
// every header as sent (the signer picks the signed ones itself).
func v3Request(t *testing.T, r *wireRequest) signer.V3Request {
	t.Helper()
	u, err := url.ParseRequestURI(r.RequestURI)
	require.NoError(t, err)
	headers := make([]signer.Param, 0, len(r.RawHeaders))
	for _, h := range r.RawHeaders {
		headers = append(headers, signer.Param{Key: h.Name, Value: h.Value})
	}
	return signer.V3Request{
		Method:      r.Method,
		Path:        u.EscapedPath(),
		Query:       queryParams(t, r),
		Headers:     headers,
		PayloadHash: signer.HashPayload(r.Body),
	}
}

func v3Captures() []capture {
	return []capture{
		{"darabonba-v3/ak", func(t *testing.T) *wireRequest { return captureDarabonba(t, darabonbaV3, false) }},
		{"darabonba-v3/sts", func(t *testing.T) *wireRequest { return captureDarabonba(t, darabonbaV3, true) }},
		{"darabonba-v3/empty-value", func(t *testing.T) *wireRequest {
			return captureDarabonba(t, darabonbaV3, false, func(q map[string]interface{}) { q["ResourceGroupId"] = ptr("") })
		}},
	}
}

func TestOfficialV3SignaturesVerify(t *testing.T) {
	for _, c := range v3Captures() {
		t.Run(c.name, func(t *testing.T) {
			r := c.get(t)
			auth, ok := r.header("Authorization")
			require.True(t, ok)
			req := v3Request(t, r)

			parsed, err := signer.ParseAuthorizationV3(auth)
			require.NoError(t, err)
			require.Equal(t, testAccessKeyID, parsed.AccessKeyID)

			require.NoError(t, signer.VerifyV3(req, auth, testAccessKeySecret))

			// Same inputs, our signer: the identical Authorization header,
			// which also means the same choice of signed headers.
			ours := signer.SignV3(req, testAccessKeyID, testAccessKeySecret)
			require.Equal(t, auth, ours.Authorization)
			require.Equal(t, strings.Join(parsed.SignedHeaders, ";"), ours.SignedHeaders)

			err = signer.VerifyV3(req, auth, "wrongsecret")
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "wrong secret: %v", err)
			bad := req
			bad.Query = tampered(req.Query, "EndpointName")
			err = signer.VerifyV3(bad, auth, testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "tampered query: %v", err)
			bad = req
			bad.Headers = tampered(req.Headers, "x-acs-date")
			err = signer.VerifyV3(bad, auth, testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "tampered header: %v", err)
			// The body hash is bound to the header: a body added in
			// transit is caught.
			bad = req
			bad.PayloadHash = signer.HashPayload([]byte("a=b"))
			err = signer.VerifyV3(bad, auth, testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "changed body: %v", err)
		})
	}
}

// TestOfficialV3UnsignedHeadersIgnored: user-agent, accept, content-length
// and accept-encoding are not signed, so a proxy may rewrite them.
func TestOfficialV3UnsignedHeadersIgnored(t *testing.T) {
	r := captureDarabonba(t, darabonbaV3, false)
	auth, _ := r.header("Authorization")
	req := v3Request(t, r)
	for i, h := range req.Headers {
		switch strings.ToLower(h.Key) {
		case "user-agent", "accept", "content-length", "accept-encoding":
			req.Headers[i].Value = fmt.Sprintf("rewritten-%d", i)
		}
	}
	assert.NoError(t, signer.VerifyV3(req, auth, testAccessKeySecret))
}
