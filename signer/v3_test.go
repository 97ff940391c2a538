package signer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A form body as TagResources sends it, so that the body hash matters.
var tagResourcesBody = []byte("RegionId=cn-hangzhou&ResourceType=vpcendpoint&ResourceId.1=ep-hp33b2e43fays7s81234" +
	"&Tag.1.Key=env&Tag.1.Value=prod%20team%2Fa")

func createVpcEndpointV3WithBody() V3Request {
	r := createVpcEndpointV3()
	r.PayloadHash = HashPayload(tagResourcesBody)
	r.Headers = append(r.Headers, Param{"Content-Type", "application/x-www-form-urlencoded"})
	r.Headers[indexOf(r.Headers, "x-acs-content-sha256")].Value = r.PayloadHash
	return r
}

func TestSignV3SignedHeaders(t *testing.T) {
	s := SignV3(createVpcEndpointV3WithBody(), "LTAI5tExampleAccessKey", testSecret)
	assert.Equal(t, "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
		s.SignedHeaders, "host, content-type and x-acs-* lower-cased and sorted; user-agent left out")
	assert.True(t, strings.HasSuffix(s.CanonicalRequest, "\n"+s.SignedHeaders+"\n"+HashPayload(tagResourcesBody)))
	assert.Contains(t, s.CanonicalRequest, "\nhost:privatelink.cn-hangzhou.aliyuncs.com\n")
	assert.NotContains(t, s.CanonicalRequest, "privatelink-go/0.1")
}

func TestSignV3Canonicalization(t *testing.T) {
	r := V3Request{
		Method: "GET",
		Query:  []Param{{"b", "x y"}, {"a", "*~"}},
		Headers: []Param{
			{"  HOST ", "  example.com  "},
			{"X-Acs-Meta", "two"},
			{"x-acs-meta", "one"},
			{"Accept", "application/json"},
			{"x-acs-content-sha256", EmptyPayloadHash},
		},
	}
	s := SignV3(r, "id", "secret")
	assert.Equal(t, "GET\n/\na=%2A~&b=x%20y\n"+
		"host:example.com\n"+
		"x-acs-content-sha256:"+EmptyPayloadHash+"\n"+
		"x-acs-meta:one,two\n"+ // repeated headers: sorted values joined by commas
		"\n"+
		"host;x-acs-content-sha256;x-acs-meta\n"+
		EmptyPayloadHash, s.CanonicalRequest, `"" path means "/", "" payload hash means the empty body`)
	require.NoError(t, VerifyV3(r, s.Authorization, "secret"), "Verify must canonicalize as Sign does")
}

func TestSignV3DoesNotModifyRequest(t *testing.T) {
	r := createVpcEndpointV3()
	query, headers := clone(r.Query), clone(r.Headers)
	SignV3(r, "id", testSecret)
	assert.Equal(t, query, r.Query)
	assert.Equal(t, headers, r.Headers)
}

func TestVerifyV3TamperedRequest(t *testing.T) {
	r := createVpcEndpointV3WithBody()
	auth := SignV3(r, "LTAI5tExampleAccessKey", testSecret).Authorization
	require.NoError(t, VerifyV3(r, auth, testSecret))

	mismatch := func(t *testing.T, got V3Request) {
		t.Helper()
		err := VerifyV3(got, auth, testSecret)
		require.ErrorIs(t, err, ErrSignatureDoesNotMatch)
	}
	withQuery := func(f func(q []Param)) V3Request {
		got := r
		got.Query = clone(r.Query)
		f(got.Query)
		return got
	}
	withHeaders := func(f func(h []Param) []Param) V3Request {
		got := r
		got.Headers = f(clone(r.Headers))
		return got
	}

	for i, p := range r.Query {
		t.Run("query key "+p.Key, func(t *testing.T) { mismatch(t, withQuery(func(q []Param) { q[i].Key += "x" })) })
		t.Run("query value "+p.Key, func(t *testing.T) { mismatch(t, withQuery(func(q []Param) { q[i].Value += "1" })) })
	}
	for i, h := range r.Headers {
		if strings.EqualFold(h.Key, "x-acs-content-sha256") {
			continue // its own cases below
		}
		t.Run("header value "+h.Key, func(t *testing.T) {
			got := withHeaders(func(hs []Param) []Param { hs[i].Value += "1"; return hs })
			if h.Key == "User-Agent" {
				require.NoError(t, VerifyV3(got, auth, testSecret), "user-agent is not signed, proxies may change it")
				return
			}
			mismatch(t, got)
		})
	}
	t.Run("drop signed header", func(t *testing.T) {
		mismatch(t, withHeaders(func(hs []Param) []Param { return withoutKey(hs, "x-acs-date") }))
	})
	t.Run("method", func(t *testing.T) {
		got := r
		got.Method = "GET"
		mismatch(t, got)
	})
	t.Run("path", func(t *testing.T) {
		got := r
		got.Path = "/x"
		mismatch(t, got)
	})
	t.Run("every body byte", func(t *testing.T) {
		for i := range tagResourcesBody {
			body := append([]byte(nil), tagResourcesBody...)
			body[i] ^= 1
			got := r
			got.PayloadHash = HashPayload(body) // what the server hashed
			err := VerifyV3(got, auth, testSecret)
			require.ErrorIs(t, err, ErrSignatureDoesNotMatch, "byte %d", i)
		}
	})
	t.Run("content hash header rewritten to match a new body", func(t *testing.T) {
		got := withHeaders(func(hs []Param) []Param {
			hs[indexOf(hs, "x-acs-content-sha256")].Value = EmptyPayloadHash
			return hs
		})
		got.PayloadHash = EmptyPayloadHash
		mismatch(t, got)
	})
	t.Run("other secret", func(t *testing.T) {
		err := VerifyV3(r, auth, testSecret+"x")
		require.ErrorIs(t, err, ErrSignatureDoesNotMatch)
		var ve *VerifyError
		require.ErrorAs(t, err, &ve)
		s := SignV3(r, "LTAI5tExampleAccessKey", testSecret)
		assert.Equal(t, s.CanonicalRequest, ve.CanonicalRequest, "the error must carry the server's canonical request")
		assert.Equal(t, s.StringToSign, ve.StringToSign)
	})
	t.Run("header name case and padding", func(t *testing.T) {
		got := withHeaders(func(hs []Param) []Param {
			for i := range hs {
				hs[i].Key = strings.ToUpper(hs[i].Key)
				hs[i].Value = " " + hs[i].Value + "\t"
			}
			return hs
		})
		require.NoError(t, VerifyV3(got, auth, testSecret), "names are case-insensitive and values trimmed")
	})
}

func TestVerifyV3Incomplete(t *testing.T) {
	r := createVpcEndpointV3()
	auth := SignV3(r, "LTAI5tExampleAccessKey", testSecret).Authorization
	sig := auth[strings.LastIndex(auth, "=")+1:]
	withoutSigned := func(name string) string {
		return strings.Replace(auth, name+";", "", 1)
	}
	tests := []struct {
		name   string
		r      V3Request
		auth   string
		reason string
	}{
		{"empty Authorization", r, "", "missing Authorization header"},
		{"other algorithm", r, strings.Replace(auth, AlgorithmV3, "ACS3-HMAC-SM3", 1), "Authorization does not start with ACS3-HMAC-SHA256"},
		{"no fields", r, AlgorithmV3 + " ", "Authorization has no fields"},
		{"trailing comma", r, auth + ",", `malformed Authorization field ""`},
		{"field without value", r, AlgorithmV3 + " Credential=id,SignedHeaders,Signature=" + sig, `malformed Authorization field "SignedHeaders"`},
		{"unknown field", r, auth + ",Scope=x", `unknown Authorization field "Scope"`},
		{"repeated field", r, auth + ",Signature=" + sig, "repeated Authorization field Signature"},
		{"missing Credential", r, AlgorithmV3 + " SignedHeaders=host,Signature=" + sig, "Authorization lacks Credential"},
		{"missing SignedHeaders", r, AlgorithmV3 + " Credential=id,Signature=" + sig, "Authorization lacks SignedHeaders"},
		{"missing Signature", r, AlgorithmV3 + " Credential=id,SignedHeaders=host", "Authorization lacks Signature"},
		{"empty signed header name", r, strings.Replace(auth, "SignedHeaders=", "SignedHeaders=;", 1), "empty name in SignedHeaders"},
		{"host not signed", r, strings.Replace(auth, "SignedHeaders=host;", "SignedHeaders=", 1), "host is not signed"},
		{"x-acs-date not signed", r, withoutSigned("x-acs-date"), "x-acs-date is not signed"},
		{"extra x-acs header", func() V3Request {
			got := r
			got.Headers = append(clone(r.Headers), Param{"X-Acs-Security-Token", "injected"})
			return got
		}(), auth, "x-acs-security-token is not signed"},
		{"no content hash header", func() V3Request {
			got := r
			got.Headers = withoutKey(r.Headers, "x-acs-content-sha256")
			return got
		}(), withoutSigned("x-acs-content-sha256"), "missing x-acs-content-sha256 header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifyV3(tt.r, tt.auth, testSecret)
			require.ErrorIs(t, err, ErrIncompleteSignature)
			var ve *VerifyError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.reason, ve.Reason)
		})
	}
}

func TestParseAuthorizationV3(t *testing.T) {
	a, err := ParseAuthorizationV3(" ACS3-HMAC-SHA256 Credential=LTAI5t, SignedHeaders=Host;x-acs-date , Signature=abc ")
	require.NoError(t, err)
	assert.Equal(t, AuthorizationV3{
		AccessKeyID:   "LTAI5t",
		SignedHeaders: []string{"host", "x-acs-date"},
		Signature:     "abc",
	}, a)

	_, err = ParseAuthorizationV3("ACS3-HMAC-SHA256 Credential=LTAI5t")
	require.ErrorIs(t, err, ErrIncompleteSignature)
	assert.Contains(t, err.Error(), "Authorization lacks SignedHeaders")

	_, err = ParseAuthorizationV3("ACS3-HMAC-SHA256 Credential=" + strings.Repeat("x", 1000) + "&")
	require.ErrorIs(t, err, ErrIncompleteSignature)
	assert.Less(t, len(err.Error()), 300, "a huge malformed header must not end up whole in the error")
}
