package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

func nonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// v1Params are the V1 common parameters plus params, unsigned.
func v1Params(action string, params ...signer.Param) []signer.Param {
	return append([]signer.Param{
		{Key: "Action", Value: action},
		{Key: "Version", Value: "2020-04-15"},
		{Key: "Format", Value: "JSON"},
		{Key: "RegionId", Value: privatelinktest.RegionID},
		{Key: "AccessKeyId", Value: privatelinktest.AccessKeyID},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "SignatureVersion", Value: "1.0"},
		{Key: "SignatureNonce", Value: nonce()},
		{Key: "Timestamp", Value: time.Now().UTC().Format(signer.TimestampFormatV1)},
	}, params...)
}

// v1Request signs a V1 request and puts its parameters in the query string
// (GET or POST) or in a form body (POST), as the official clients do.
func v1Request(t *testing.T, base, method string, inBody bool, params []signer.Param) *http.Request {
	t.Helper()
	q := signer.SignV1(method, params, privatelinktest.AccessKeySecret).Query()
	var req *http.Request
	var err error
	if inBody {
		req, err = http.NewRequest(method, base+"/", strings.NewReader(q))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req, err = http.NewRequest(method, base+"/?"+q, nil)
	}
	require.NoError(t, err)
	return req
}

// v3Request signs a V3 request (action in x-acs-action) with params in the
// query string or in a form body, as darabonba's RPC style does.
func v3Request(t *testing.T, base, method, action string, inBody bool, params []signer.Param) *http.Request {
	t.Helper()
	u, err := url.Parse(base + "/")
	require.NoError(t, err)
	var body []byte
	var query []signer.Param
	if inBody {
		body = []byte(signer.CanonicalQuery(params))
	} else {
		query = params
	}
	hash := signer.HashPayload(body)
	headers := []signer.Param{
		{Key: "host", Value: u.Host},
		{Key: "x-acs-action", Value: action},
		{Key: "x-acs-version", Value: "2020-04-15"},
		{Key: "x-acs-date", Value: time.Now().UTC().Format(signer.TimestampFormatV1)},
		{Key: "x-acs-signature-nonce", Value: nonce()},
		{Key: "x-acs-content-sha256", Value: hash},
	}
	if inBody {
		headers = append(headers, signer.Param{Key: "content-type", Value: "application/x-www-form-urlencoded"})
	}
	sig := signer.SignV3(signer.V3Request{Method: method, Path: "/", Query: query, Headers: headers, PayloadHash: hash},
		privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret)
	u.RawQuery = sig.CanonicalQuery
	req, err := http.NewRequest(method, u.String(), strings.NewReader(string(body)))
	require.NoError(t, err)
	for _, h := range headers[1:] {
		req.Header.Set(h.Key, h.Value)
	}
	req.Header.Set("Authorization", sig.Authorization)
	return req
}

// answer is a response decoded as the gateway's JSON.
type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func do(t *testing.T, c *http.Client, req *http.Request) answer {
	t.Helper()
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(b)}
	require.NoError(t, json.Unmarshal(b, &a.body), string(b))
	return a
}

// checkGateway checks what every answer of the gateway has: a JSON body
// whose RequestId is also the x-acs-request-id header.
func checkGateway(t *testing.T, a answer) {
	t.Helper()
	assert.Equal(t, "application/json;charset=utf-8", a.header.Get("Content-Type"))
	id, _ := a.body["RequestId"].(string)
	assert.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`, id)
	assert.Equal(t, id, a.header.Get("x-acs-request-id"))
}

// checkError checks the gateway's error shape and code.
func checkError(t *testing.T, a answer, status int, code string) {
	t.Helper()
	checkGateway(t, a)
	assert.Equal(t, status, a.status, a.raw)
	assert.Equal(t, code, a.body["Code"], a.raw)
	for _, k := range []string{"Message", "HostId", "Recommend"} {
		assert.NotEmpty(t, a.body[k], "%s in %s", k, a.raw)
	}
	assert.Equal(t, "privatelink."+privatelinktest.RegionID+".aliyuncs.com", a.body["HostId"])
}

func TestGatewayConventionsOverTheWire(t *testing.T) {
	e := start(t)
	list := []signer.Param{{Key: "VpcId", Value: privatelinktest.VpcID}, {Key: "MaxResults", Value: "10"}}

	t.Run("V1 GET with query", func(t *testing.T) {
		a := do(t, e.http, v1Request(t, e.url, http.MethodGet, false, v1Params("ListVpcEndpoints", list...)))
		checkGateway(t, a)
		assert.Equal(t, http.StatusOK, a.status, a.raw)
		assert.Contains(t, a.body, "Endpoints")
	})
	t.Run("V1 POST with query", func(t *testing.T) {
		a := do(t, e.http, v1Request(t, e.url, http.MethodPost, false, v1Params("ListVpcEndpoints", list...)))
		assert.Equal(t, http.StatusOK, a.status, a.raw)
	})
	t.Run("V1 POST with form body", func(t *testing.T) {
		a := do(t, e.http, v1Request(t, e.url, http.MethodPost, true, v1Params("ListVpcEndpoints", list...)))
		checkGateway(t, a)
		assert.Equal(t, http.StatusOK, a.status, a.raw)
	})
	v3 := append([]signer.Param{{Key: "RegionId", Value: privatelinktest.RegionID}}, list...)
	t.Run("V3 GET with query", func(t *testing.T) {
		a := do(t, e.http, v3Request(t, e.url, http.MethodGet, "ListVpcEndpoints", false, v3))
		checkGateway(t, a)
		assert.Equal(t, http.StatusOK, a.status, a.raw)
	})
	t.Run("V3 POST with query", func(t *testing.T) {
		a := do(t, e.http, v3Request(t, e.url, http.MethodPost, "ListVpcEndpoints", false, v3))
		assert.Equal(t, http.StatusOK, a.status, a.raw)
	})
	t.Run("V3 POST with form body", func(t *testing.T) {
		a := do(t, e.http, v3Request(t, e.url, http.MethodPost, "ListVpcEndpoints", true, v3))
		assert.Equal(t, http.StatusOK, a.status, a.raw)
	})
	t.Run("unknown action", func(t *testing.T) {
		a := do(t, e.http, v1Request(t, e.url, http.MethodGet, false, v1Params("DescribeInstances")))
		checkError(t, a, http.StatusNotFound, "InvalidApi.NotFound")
	})
	t.Run("wrong method", func(t *testing.T) {
		req := v1Request(t, e.url, http.MethodGet, false, v1Params("ListVpcEndpoints"))
		req.Method = http.MethodPut
		a := do(t, e.http, req)
		checkError(t, a, http.StatusBadRequest, "UnsupportedHTTPMethod")
	})
	t.Run("other path", func(t *testing.T) {
		req := v1Request(t, e.url, http.MethodGet, false, v1Params("ListVpcEndpoints"))
		req.URL.Path = "/2020-04-15/endpoints"
		checkError(t, do(t, e.http, req), http.StatusNotFound, "InvalidApi.NotFound")
	})
	t.Run("unclean path is not redirected", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodGet, e.url+"//x/../?Action=ListVpcEndpoints", nil)
		require.NoError(t, err)
		checkError(t, do(t, e.http, req), http.StatusNotFound, "InvalidApi.NotFound")
	})
	t.Run("unsigned", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodGet, e.url+"/?Action=ListVpcEndpoints&Version=2020-04-15&RegionId=cn-huhehaote", nil)
		require.NoError(t, err)
		checkError(t, do(t, e.http, req), http.StatusBadRequest, "MissingAccessKeyId")
	})
	t.Run("wrong signature", func(t *testing.T) {
		req := v1Request(t, e.url, http.MethodGet, false, v1Params("ListVpcEndpoints"))
		req.URL.RawQuery += "&Extra=1" // a parameter the signature does not cover
		checkError(t, do(t, e.http, req), http.StatusBadRequest, "SignatureDoesNotMatch")
	})
}
