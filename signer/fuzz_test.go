package signer

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference functions below restate the official SDKs' algorithms the
// way those SDKs write them (url.Values, url.QueryEscape and string
// replacement over maps) so that the fuzzers compare two independent
// implementations, not the code with itself. Maps cannot hold repeated
// keys, so the comparison runs only when keys are unique.

func referenceV1StringToSign(method string, params []Param) string {
	v := url.Values{}
	for _, p := range params {
		v.Add(p.Key, p.Value)
	}
	s := v.Encode()
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	s = strings.ReplaceAll(s, "%7E", "~")
	return method + "&%2F&" + url.QueryEscape(s)
}

func referenceV1Signature(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func referenceV3CanonicalRequest(r V3Request) string {
	keys := make([]string, 0, len(r.Query))
	values := map[string]string{}
	for _, p := range r.Query {
		keys = append(keys, p.Key)
		values[p.Key] = p.Value
	}
	sort.Strings(keys)
	var q []string
	for _, k := range keys {
		q = append(q, officialPercentEncode(k)+"="+officialPercentEncode(values[k]))
	}
	headers := map[string][]string{}
	for _, h := range r.Headers {
		k := strings.ToLower(strings.TrimSpace(h.Key))
		if k == "host" || k == "content-type" || strings.HasPrefix(k, "x-acs-") {
			headers[k] = append(headers[k], strings.TrimSpace(h.Value))
		}
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	var ch strings.Builder
	for _, k := range names {
		sort.Strings(headers[k])
		ch.WriteString(k + ":" + strings.Join(headers[k], ",") + "\n")
	}
	return r.Method + "\n/\n" + strings.Join(q, "&") + "\n" + ch.String() + "\n" +
		strings.Join(names, ";") + "\n" + r.PayloadHash
}

func referenceV3Signature(canonicalRequest, secret string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])))
	return hex.EncodeToString(mac.Sum(nil))
}

func uniqueKeys(params []Param) bool {
	seen := map[string]bool{}
	for _, p := range params {
		if seen[p.Key] {
			return false
		}
		seen[p.Key] = true
	}
	return true
}

func FuzzPercentEncode(f *testing.F) {
	for _, s := range []string{"", " ", "*~+/%=&?", "测试", "\x00\xff", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := PercentEncode(s)
		require.Equal(t, officialPercentEncode(s), got)
		require.Equal(t, got, string(AppendPercentEncode(nil, s)))
		back, err := url.PathUnescape(got)
		require.NoError(t, err)
		require.Equal(t, s, back)
	})
}

func FuzzSignVerifyV1(f *testing.F) {
	f.Add("Tag.1.Value", "prod team/a", "EndpointName", "私网终端节点-01", "secret")
	f.Add("EndpointDescription", "* ~ + / % = & ?", "Zone.1.ip", "192.168.0.10", "s")
	f.Add("a b", "c*d", "a~b", "e%20f", "")
	f.Add("Zone.1.ip", "", "Zone.1.ip", "10.0.0.1", "ümlaut")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2, secret string) {
		if k1 == "Signature" || k2 == "Signature" || k1 == "SignatureMethod" || k2 == "SignatureMethod" {
			t.Skip("these keys are the signature's own and are tested separately")
		}
		params := append(createVpcEndpointV1()[:len(v1Common)+2], Param{k1, v1}, Param{k2, v2})
		s := SignV1("POST", params, secret)

		received := append(clone(params), Param{"Signature", s.Signature})
		require.NoError(t, VerifyV1("POST", received, secret))
		require.ErrorIs(t, VerifyV1("POST", received, secret+"x"), ErrSignatureDoesNotMatch)

		if uniqueKeys(params) {
			require.Equal(t, referenceV1StringToSign("POST", params), s.StringToSign)
		}
		require.Equal(t, referenceV1Signature(s.StringToSign, secret), s.Signature)

		// What travels must decode to exactly what was signed.
		decoded, err := url.ParseQuery(s.Query())
		require.NoError(t, err)
		for _, p := range received {
			assert.Contains(t, decoded[p.Key], p.Value)
		}
	})
}

// headerToken reports whether s is a valid HTTP header name, the only kind
// a server can receive.
func headerToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !unreserved[c] && !strings.ContainsRune("!#$%&'*+^`|", rune(c)) {
			return false
		}
	}
	return true
}

func FuzzSignVerifyV3(f *testing.F) {
	f.Add("EndpointName", "私网终端节点-01", "x-acs-security-token", "token", []byte(""), "secret")
	f.Add("EndpointDescription", "* ~ + / % = & ?", "Content-Type", "application/json", []byte(`{"a":1}`), "s")
	f.Add("a b", "c*d", "x-acs-meta", "  padded  ", []byte("Tag.1.Key=env&Tag.1.Value=a%20b"), "")
	f.Add("Tag.1.Key", "ümlaut", "user-agent", "not signed", []byte{0, 255}, "密钥")
	f.Fuzz(func(t *testing.T, qk, qv, hname, hvalue string, body []byte, secret string) {
		if !headerToken(hname) || strings.EqualFold(hname, "x-acs-content-sha256") {
			t.Skip("not a header name a server can receive, or the body hash's own")
		}
		r := createVpcEndpointV3()
		r.Query = append(r.Query[:4], Param{qk, qv})
		r.PayloadHash = HashPayload(body)
		r.Headers = append(clone(r.Headers), Param{hname, hvalue})
		r.Headers[indexOf(r.Headers, "x-acs-content-sha256")].Value = r.PayloadHash

		s := SignV3(r, "id", secret)
		require.NoError(t, VerifyV3(r, s.Authorization, secret))
		require.ErrorIs(t, VerifyV3(r, s.Authorization, secret+"x"), ErrSignatureDoesNotMatch)
		if len(body) > 0 {
			tampered := append([]byte(nil), body...)
			tampered[0] ^= 1
			got := r
			got.PayloadHash = HashPayload(tampered)
			require.ErrorIs(t, VerifyV3(got, s.Authorization, secret), ErrSignatureDoesNotMatch)
		}

		if uniqueKeys(r.Query) {
			require.Equal(t, referenceV3CanonicalRequest(r), s.CanonicalRequest)
		}
		require.Equal(t, referenceV3Signature(s.CanonicalRequest, secret), s.Signature)

		a, err := ParseAuthorizationV3(s.Authorization)
		require.NoError(t, err)
		require.Equal(t, "id", a.AccessKeyID)
		require.Equal(t, s.SignedHeaders, strings.Join(a.SignedHeaders, ";"))
	})
}
