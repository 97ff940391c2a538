package interop

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/privatelink-go/sdk/signer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Differential tests: darabonba-openapi exports the functions it signs
// with, so arbitrary inputs can be signed by both implementations and the
// bytes compared, beyond the one request the captures cover.

// officialV1 signs params with darabonba's V1 (GetRPCSignature).
func officialV1(method string, params []signer.Param, secret string) string {
	m := make(map[string]*string, len(params))
	for _, p := range params {
		m[p.Key] = dara.String(p.Value)
	}
	return dara.StringValue(openapiutil.GetRPCSignature(m, dara.String(method), dara.String(secret)))
}

// officialV3 signs with darabonba's V3 (GetAuthorization), given the query
// and the headers as darabonba holds them (lower-case names).
func officialV3(method string, query, headers []signer.Param, payloadHash, id, secret string) string {
	req := dara.NewRequest()
	req.Method = dara.String(method)
	req.Pathname = dara.String("/")
	for _, p := range query {
		req.Query[p.Key] = dara.String(p.Value)
	}
	for _, h := range headers {
		req.Headers[h.Key] = dara.String(h.Value)
	}
	return dara.StringValue(openapiutil.GetAuthorization(req, dara.String(signer.AlgorithmV3), dara.String(payloadHash), dara.String(id), dara.String(secret)))
}

// fuzzParams builds a V1 parameter set around two fuzzed values and one
// fuzzed key; the common parameters are fixed.
func fuzzParams(key, v1, v2 string) []signer.Param {
	ps := []signer.Param{
		{Key: "AccessKeyId", Value: testAccessKeyID},
		{Key: "Action", Value: "CreateVpcEndpoint"},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "SignatureNonce", Value: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		{Key: "SignatureVersion", Value: "1.0"},
		{Key: "Timestamp", Value: "2016-02-23T12:46:24Z"},
		{Key: "EndpointDescription", Value: v1},
	}
	for _, p := range ps {
		if p.Key == key {
			// A map cannot hold a repeated key, so the comparison would
			// be meaningless.
			return ps
		}
	}
	if key != "" {
		ps = append(ps, signer.Param{Key: key, Value: v2})
	}
	return ps
}

// encodingSeeds are values every encoder gets wrong in some way: space,
// '+', '*', '~', '%', '/', '=', '&', non-ASCII, an empty value, control
// bytes and invalid UTF-8.
var encodingSeeds = []string{
	"a b*c~d+e/f%g=h&i", "日本語-エンドポイント", "", "%7E", "+", "~", "\x00\x7f\xff", "a\tb\nc", "%", "%%41",
}

func FuzzV1MatchesDarabonba(f *testing.F) {
	for _, s := range encodingSeeds {
		f.Add("Tag.1.Value", s, s)
		f.Add("Zone.1.ip", "x", s)
		// Keys with reserved characters are encoded by both V1 signers.
		f.Add(s, "x", "y")
	}
	f.Fuzz(func(t *testing.T, key, v1, v2 string) {
		params := fuzzParams(key, v1, v2)
		for _, method := range []string{"POST", "GET"} {
			want := officialV1(method, params, testAccessKeySecret)
			got := signer.SignV1(method, params, testAccessKeySecret).Signature
			if got != want {
				t.Fatalf("%s %q: ours %s, darabonba %s", method, params, got, want)
			}
		}
	})
}

// apiKeyRE is the alphabet every PrivateLink parameter name is written in.
// Query keys outside it are where darabonba's V3 differs (see
// TestV3QueryKeyEncodingDiffers), so the V3 fuzz keeps to it.
var apiKeyRE = regexp.MustCompile(`^[A-Za-z0-9.]+$`)

func FuzzV3MatchesDarabonba(f *testing.F) {
	for _, s := range encodingSeeds {
		f.Add("Tag.1.Value", s, s, "0dd4af8fdea88d84e09377ed62e1bd0f")
		f.Add("EndpointName", "x", s, " padded nonce ")
	}
	f.Fuzz(func(t *testing.T, key, v1, v2, nonce string) {
		if !apiKeyRE.MatchString(key) {
			t.Skip()
		}
		query := fuzzParams(key, v1, v2)
		headers := []signer.Param{
			{Key: "host", Value: "privatelink.cn-huhehaote.aliyuncs.com"},
			{Key: "x-acs-action", Value: "CreateVpcEndpoint"},
			{Key: "x-acs-version", Value: "2020-04-15"},
			{Key: "x-acs-date", Value: "2023-10-26T10:22:32Z"},
			{Key: "x-acs-signature-nonce", Value: nonce},
			{Key: "x-acs-content-sha256", Value: signer.EmptyPayloadHash},
		}
		want := officialV3("POST", query, headers, signer.EmptyPayloadHash, testAccessKeyID, testAccessKeySecret)
		got := signer.SignV3(signer.V3Request{Method: "POST", Path: "/", Query: query, Headers: headers, PayloadHash: signer.EmptyPayloadHash},
			testAccessKeyID, testAccessKeySecret).Authorization
		if got != want {
			t.Fatalf("query %q nonce %q:\nours      %s\ndarabonba %s", query, nonce, got, want)
		}
	})
}

// TestV3QueryKeyEncodingDiffers pins a known difference: darabonba's V3
// canonical query escapes values but not keys (getCanonicalQueryString
// writes the key raw, then turns '+' into %20 and '*' into %2A on the whole
// string), while our signer percent-encodes keys too, as V1 does. No
// PrivateLink parameter name contains such a character (apiKeyRE), so the
// two agree on every real request; which form Alibaba's gateway expects for
// such a key is not settled by anything in this module.
func TestV3QueryKeyEncodingDiffers(t *testing.T) {
	headers := []signer.Param{
		{Key: "host", Value: "privatelink.cn-huhehaote.aliyuncs.com"},
		{Key: "x-acs-action", Value: "CreateVpcEndpoint"},
		{Key: "x-acs-content-sha256", Value: signer.EmptyPayloadHash},
	}
	sign := func(key string) (ours, official string, cr string) {
		q := []signer.Param{{Key: key, Value: "v"}}
		s := signer.SignV3(signer.V3Request{Method: "POST", Path: "/", Query: q, Headers: headers}, testAccessKeyID, testAccessKeySecret)
		return s.Authorization, officialV3("POST", q, headers, signer.EmptyPayloadHash, testAccessKeyID, testAccessKeySecret), s.CanonicalRequest
	}

	ours, official, _ := sign("Tag.1.Key")
	require.Equal(t, official, ours, "an ordinary key")

	ours, official, cr := sign("a[b]")
	assert.NotEqual(t, official, ours, "a key with reserved characters")
	assert.True(t, strings.Contains(cr, "\na%5Bb%5D=v\n"), "our canonical query encodes the key: %q", cr)

	// darabonba's signature is the one over the raw key: rebuild its
	// canonical request from ours with the key unescaped and sign by hand.
	rawCR := strings.Replace(cr, "\na%5Bb%5D=v\n", "\na[b]=v\n", 1)
	hashed := sha256.Sum256([]byte(rawCR))
	mac := hmac.New(sha256.New, []byte(testAccessKeySecret))
	mac.Write([]byte(signer.AlgorithmV3 + "\n" + hex.EncodeToString(hashed[:])))
	assert.True(t, strings.HasSuffix(official, ",Signature="+hex.EncodeToString(mac.Sum(nil))), "darabonba signs the raw key")
}
