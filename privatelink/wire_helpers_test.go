package privatelink

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// wireCall is what wireServer saw of one request: the business parameters
// of the query and of the form body, and where RegionId was.
type wireCall struct {
	Action   string
	Query    map[string]string
	Form     map[string]string
	RegionIn string // "query", "form" or ""
}

// v1Common are the V1 parameters the client adds to every request.
var v1Common = []string{"AccessKeyId", "Action", "Format", "SecurityToken", "Signature", "SignatureMethod",
	"SignatureNonce", "SignatureVersion", "Timestamp", "Version"}

// wireServer is a fake service that checks each request's signature with
// its own reference implementation of both versions (not package signer's),
// records the request and answers with body.
type wireServer struct {
	t    *testing.T
	mu   sync.Mutex
	seen []wireCall
	body func(action string) string
}

func newWireClient(t *testing.T, version Option, body func(action string) string) (*Client, *wireServer) {
	t.Helper()
	s := &wireServer{t: t, body: body}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := NewClient(opsRegion, WithEndpoint(srv.URL+opsBasePath), WithStaticCredentials(opsAK, opsSecret, "sts-token"),
		WithRetry(1, 0, 0), version)
	require.NoError(t, err)
	return c, s
}

func (s *wireServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := s.t
	raw, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	query, form := single(t, r.URL.Query()), map[string]string{}
	if len(raw) > 0 {
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			t.Errorf("body with Content-Type %q", ct)
		}
		values, err := url.ParseQuery(string(raw))
		require.NoError(t, err)
		form = single(t, values)
	}
	call := wireCall{Action: r.Header.Get("X-Acs-Action")}
	if sig, ok := query["Signature"]; ok {
		call.Action = query["Action"]
		all := map[string]string{}
		for k, v := range query {
			all[k] = v
		}
		for k, v := range form {
			all[k] = v
		}
		if want := referenceV1(all, opsSecret); sig != want {
			t.Errorf("%s: V1 signature %s, reference %s", call.Action, sig, want)
		}
		for _, k := range v1Common {
			delete(query, k)
		}
	} else {
		if got, want := r.Header.Get("X-Acs-Content-Sha256"), sha256Hex(raw); got != want {
			t.Errorf("%s: x-acs-content-sha256 %s, body hash %s", call.Action, got, want)
		}
		if got, want := r.Header.Get("Authorization"), referenceV3(r, opsAK, opsSecret); got != want {
			t.Errorf("%s: V3 Authorization\n got %s\nwant %s", call.Action, got, want)
		}
	}
	for where, m := range map[string]map[string]string{"query": query, "form": form} {
		if region, ok := m["RegionId"]; ok {
			if region != opsRegion || call.RegionIn != "" {
				t.Errorf("%s: RegionId %q in %s (also in %q)", call.Action, region, where, call.RegionIn)
			}
			call.RegionIn = where
			delete(m, "RegionId")
		}
	}
	call.Query, call.Form = query, form
	s.mu.Lock()
	s.seen = append(s.seen, call)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.body(call.Action))
}

func (s *wireServer) only(t *testing.T) wireCall {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.Len(t, s.seen, 1)
	return s.seen[0]
}

func single(t *testing.T, v url.Values) map[string]string {
	m := make(map[string]string, len(v))
	for k, vs := range v {
		if len(vs) != 1 {
			t.Errorf("parameter %s sent %d times", k, len(vs))
		}
		m[k] = vs[0]
	}
	return m
}

// rpcEscape is the percent-encoding both signatures use: url.QueryEscape
// with the official SDKs' fix-ups.
func rpcEscape(s string) string {
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
}

func canonical(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = rpcEscape(k) + "=" + rpcEscape(m[k])
	}
	return strings.Join(pairs, "&")
}

// referenceV1 signs as the v1 SDK's signRpcRequest: query and form
// parameters together, without Signature.
func referenceV1(params map[string]string, secret string) string {
	p := make(map[string]string, len(params))
	for k, v := range params {
		if k != "Signature" {
			p[k] = v
		}
	}
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte("POST&%2F&" + rpcEscape(canonical(p))))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// referenceV3 computes the Authorization header of ACS3-HMAC-SHA256 as
// darabonba-openapi's GetAuthorization does: host, content-type and x-acs-*
// headers signed, the payload hash from x-acs-content-sha256.
func referenceV3(r *http.Request, ak, secret string) string {
	headers := map[string]string{"host": r.Host}
	for k, vs := range r.Header {
		lk := strings.ToLower(k)
		if lk == "content-type" || strings.HasPrefix(lk, "x-acs-") {
			headers[lk] = strings.TrimSpace(vs[0])
		}
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	var ch strings.Builder
	for _, n := range names {
		ch.WriteString(n + ":" + headers[n] + "\n")
	}
	signed := strings.Join(names, ";")
	cr := r.Method + "\n" + r.URL.EscapedPath() + "\n" + canonical(single(nil, r.URL.Query())) + "\n" +
		ch.String() + "\n" + signed + "\n" + r.Header.Get("X-Acs-Content-Sha256")
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + sha256Hex([]byte(cr))))
	return "ACS3-HMAC-SHA256 Credential=" + ak + ",SignedHeaders=" + signed + ",Signature=" + hex.EncodeToString(mac.Sum(nil))
}

// bothVersions runs f with a client of each signature version.
func bothVersions(t *testing.T, f func(t *testing.T, version Option)) {
	t.Run("V1", func(t *testing.T) { f(t, WithSignatureVersion(signer.V1)) })
	t.Run("V3", func(t *testing.T) { f(t, WithSignatureVersion(signer.V3)) })
}
