package transport

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/signer"
)

// formRequest is what the server saw of a call with a form body.
type formRequest struct {
	query, form url.Values
	header      http.Header
	body        string
	host, path  string
}

func captureForm(t *testing.T, v signer.Version, call *Call) formRequest {
	t.Helper()
	var got formRequest
	tr := newTestTransport(t, v, func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		got.body, got.query, got.header = string(b), r.URL.Query(), r.Header.Clone()
		got.host, got.path = r.Host, r.URL.EscapedPath()
		got.form, err = url.ParseQuery(got.body)
		require.NoError(t, err)
		w.Write([]byte(`{"RequestId":"R"}`))
	})
	_, err := tr.Do(context.Background(), call, func(*jsonx.Decoder, []byte) bool { return false })
	require.NoError(t, err)
	return got
}

var tagCall = Call{
	Action: "TagResources",
	Form: []signer.Param{
		{Key: "ResourceType", Value: "vpcendpoint"},
		{Key: "ResourceId.1", Value: "ep-1"},
		{Key: "Tag.1.Key", Value: "env"},
		{Key: "Tag.1.Value", Value: "a b*~"},
	},
	Region: RegionInForm,
}

// referenceV1 computes a V1 signature the way the v1 SDK's
// buildRpcStringToSign does, from url.Values encoding and its fix-ups, so
// the check does not lean on package signer.
func referenceV1(params url.Values, secret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = url.QueryEscape(k) + "=" + url.QueryEscape(params.Get(k))
	}
	s := strings.Join(pairs, "&")
	s = strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(s)
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte("POST&%2F&" + url.QueryEscape(s)))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Under V1 the form parameters travel in the body and are signed together
// with the query, RegionId included, as the v1 SDK's signRpcRequest does.
func TestFormV1(t *testing.T) {
	call := tagCall
	got := captureForm(t, signer.V1, &call)
	assert.Equal(t, "application/x-www-form-urlencoded", got.header.Get("Content-Type"))
	assert.Equal(t, url.Values{"RegionId": {"cn-huhehaote"}, "ResourceType": {"vpcendpoint"}, "ResourceId.1": {"ep-1"},
		"Tag.1.Key": {"env"}, "Tag.1.Value": {"a b*~"}}, got.form)
	assert.NotContains(t, got.query, "RegionId", "RegionId goes in the form body only")
	assert.NotContains(t, got.query, "Tag.1.Key")
	all := url.Values{}
	for k, v := range got.query {
		all[k] = v
	}
	for k, v := range got.form {
		all[k] = v
	}
	assert.Equal(t, referenceV1(all, "secret"), got.query.Get("Signature"))
}

// Under V3 the body is signed through its SHA-256, and Content-Type is a
// signed header, as darabonba-openapi does.
func TestFormV3(t *testing.T) {
	call := tagCall
	got := captureForm(t, signer.V3, &call)
	assert.Empty(t, got.query, "every parameter of a form call is in the body")
	sum := sha256.Sum256([]byte(got.body))
	assert.Equal(t, hex.EncodeToString(sum[:]), got.header.Get("X-Acs-Content-Sha256"))
	assert.Equal(t, "application/x-www-form-urlencoded", got.header.Get("Content-Type"))
	assert.Equal(t, "a b*~", got.form.Get("Tag.1.Value"))
	assert.Contains(t, got.header.Get("Authorization"), "SignedHeaders=content-type;host;x-acs-action;")
	headers := []signer.Param{{Key: "host", Value: got.host}}
	for k, v := range got.header {
		headers = append(headers, signer.Param{Key: k, Value: v[0]})
	}
	err := signer.VerifyV3(signer.V3Request{Method: http.MethodPost, Path: got.path, Headers: headers,
		PayloadHash: hex.EncodeToString(sum[:])}, got.header.Get("Authorization"), "secret")
	assert.NoError(t, err)
}

// An account-level action carries no RegionId anywhere, and without form
// parameters no body.
func TestRegionNone(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		call := Call{Action: "OpenPrivateLinkService", Region: RegionNone}
		got := captureForm(t, v, &call)
		assert.NotContains(t, got.query, "RegionId", v)
		assert.Empty(t, got.body, v)
		assert.Empty(t, got.header.Get("Content-Type"), v)
	}
}
