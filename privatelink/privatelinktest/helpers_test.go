package privatelinktest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/signer"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// nonceSeq makes every nonce the helpers generate unique within the test
// binary.
var nonceSeq atomic.Uint64

func freshNonce() string {
	return fmt.Sprintf("nonce-%d-%d", time.Now().UnixNano(), nonceSeq.Add(1))
}

// client sends raw signed requests to a Server, the way any SDK would, with
// no dependency on our SDK package.
type client struct {
	t      testing.TB
	srv    *Server
	hc     *http.Client
	keyID  string
	secret string
	token  string // STS security token, if any
	v3     bool
}

// newTestServer starts a server with opts and closes it when the test ends.
func newTestServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	srv := NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// newClient returns a V1 client for the default account.
func newClient(t testing.TB, srv *Server) *client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &client{t: t, srv: srv, hc: &http.Client{Transport: tr}, keyID: AccessKeyID, secret: AccessKeySecret}
}

// withV3 returns a copy of c that signs with ACS3-HMAC-SHA256.
func (c *client) withV3() *client {
	cc := *c
	cc.v3 = true
	return &cc
}

// as returns a copy of c that signs with other credentials.
func (c *client) as(keyID, secret, token string) *client {
	cc := *c
	cc.keyID, cc.secret, cc.token = keyID, secret, token
	return &cc
}

// answer is a decoded response.
type answer struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

func (a answer) code() string { s, _ := a.body["Code"].(string); return s }

func (a answer) str(key string) string {
	s, _ := a.body[key].(string)
	return s
}

func (a answer) num(key string) int {
	f, _ := a.body[key].(float64)
	return int(f)
}

func (a answer) list(key string) []map[string]any {
	items, _ := a.body[key].([]any)
	out := make([]map[string]any, len(items))
	for i, it := range items {
		out[i], _ = it.(map[string]any)
	}
	return out
}

func (a answer) String() string { return fmt.Sprintf("%d %s", a.status, a.raw) }

// spec describes one request in detail, for tests that tamper with it.
type spec struct {
	method    string // default POST
	action    string
	params    []signer.Param // business parameters; RegionId is added unless present
	noRegion  bool
	nonce     string    // default fresh
	timestamp time.Time // default real now
	version   string    // default apiVersion
	// form sends the business parameters in a form body instead of the
	// query string.
	form bool
	// encodeForm, when set, encodes the form body instead of the canonical
	// encoding, as Alibaba Cloud's SDKs do (url.Values.Encode: "+" for a
	// space, keys sorted but not canonical).
	encodeForm func([]signer.Param) string
	// tamper changes the request after it is signed.
	tamper func(*http.Request)
	// omit drops these common parameters (V1) or headers (V3) before
	// signing.
	omit []string
}

// kv turns "k", "v", "k", "v" into parameters.
func kv(pairs ...string) []signer.Param {
	if len(pairs)%2 != 0 {
		panic("kv: odd number of arguments")
	}
	out := make([]signer.Param, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, signer.Param{Key: pairs[i], Value: pairs[i+1]})
	}
	return out
}

// call sends action with the given parameter pairs and decodes the answer.
func (c *client) call(action string, pairs ...string) answer {
	c.t.Helper()
	return c.do(spec{action: action, params: kv(pairs...)})
}

// must is call that fails the test unless the answer is a 200.
func (c *client) must(action string, pairs ...string) answer {
	c.t.Helper()
	a := c.call(action, pairs...)
	if a.status != http.StatusOK {
		c.t.Fatalf("%s: %v", action, a)
	}
	return a
}

// fail is call that fails the test unless the answer has the given status
// and code.
func (c *client) fail(status int, code, action string, pairs ...string) answer {
	c.t.Helper()
	a := c.call(action, pairs...)
	if a.status != status || a.code() != code {
		c.t.Fatalf("%s: got %v, want %d %s", action, a, status, code)
	}
	return a
}

func (c *client) request(s spec) *http.Request {
	c.t.Helper()
	method := s.method
	if method == "" {
		method = http.MethodPost
	}
	version := s.version
	if version == "" {
		version = apiVersion
	}
	ts := s.timestamp
	if ts.IsZero() {
		ts = time.Now()
	}
	nonce := s.nonce
	if nonce == "" {
		nonce = freshNonce()
	}
	business := append([]signer.Param(nil), s.params...)
	if !s.noRegion && !hasKey(business, "RegionId") {
		business = append(business, signer.Param{Key: "RegionId", Value: RegionID})
	}
	omitted := func(k string) bool {
		for _, o := range s.omit {
			if o == k {
				return true
			}
		}
		return false
	}
	var req *http.Request
	var err error
	if c.v3 {
		var query []signer.Param
		var body []byte
		if s.form {
			body = []byte(s.formBody(business))
		} else {
			query = business
		}
		headers := kv(
			"host", strings.TrimPrefix(c.srv.URL, "http://"),
			"x-acs-action", s.action,
			"x-acs-version", version,
			"x-acs-date", ts.UTC().Format(signer.TimestampFormatV1),
			"x-acs-signature-nonce", nonce,
			"x-acs-content-sha256", signer.HashPayload(body),
		)
		if s.form {
			headers = append(headers, signer.Param{Key: "content-type", Value: "application/x-www-form-urlencoded"})
		}
		if c.token != "" {
			headers = append(headers, signer.Param{Key: "x-acs-security-token", Value: c.token})
		}
		kept := headers[:0]
		for _, h := range headers {
			if !omitted(h.Key) {
				kept = append(kept, h)
			}
		}
		sig := signer.SignV3(signer.V3Request{Method: method, Path: "/", Query: query, Headers: kept, PayloadHash: signer.HashPayload(body)}, c.keyID, c.secret)
		req, err = http.NewRequest(method, c.srv.URL+"/?"+signer.CanonicalQuery(query), strings.NewReader(string(body)))
		if err != nil {
			c.t.Fatal(err)
		}
		for _, h := range kept {
			if h.Key != "host" {
				req.Header.Set(h.Key, h.Value)
			}
		}
		req.Header.Set("Authorization", sig.Authorization)
	} else {
		common := kv(
			"Action", s.action,
			"Version", version,
			"Format", "JSON",
			"AccessKeyId", c.keyID,
			"SignatureMethod", "HMAC-SHA1",
			"SignatureVersion", "1.0",
			"SignatureNonce", nonce,
			"Timestamp", ts.UTC().Format(signer.TimestampFormatV1),
		)
		if c.token != "" {
			common = append(common, signer.Param{Key: "SecurityToken", Value: c.token})
		}
		kept := common[:0]
		for _, p := range common {
			if !omitted(p.Key) {
				kept = append(kept, p)
			}
		}
		all := append(append([]signer.Param(nil), kept...), business...)
		sig := signer.SignV1(method, all, c.secret)
		var body string
		query := sig.Query()
		if s.form {
			// The signature covers query and form alike; split them as
			// the official V1 SDK does.
			query = signer.CanonicalQuery(kept) + "&Signature=" + signer.PercentEncode(sig.Signature)
			body = s.formBody(business)
		}
		if omitted("Signature") {
			query = sig.CanonicalQuery
		}
		req, err = http.NewRequest(method, c.srv.URL+"/?"+query, strings.NewReader(body))
		if err != nil {
			c.t.Fatal(err)
		}
		if s.form {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if s.tamper != nil {
		s.tamper(req)
	}
	return req
}

// formBody encodes the business parameters of a form body.
func (s spec) formBody(ps []signer.Param) string {
	if s.encodeForm != nil {
		return s.encodeForm(ps)
	}
	return signer.CanonicalQuery(ps)
}

func hasKey(ps []signer.Param, key string) bool {
	for _, p := range ps {
		if p.Key == key {
			return true
		}
	}
	return false
}

// do sends s and decodes the answer, failing the test on transport errors
// and on answers that break the service's envelope (JSON object, RequestId,
// content type).
func (c *client) do(s spec) answer {
	c.t.Helper()
	a, err := c.send(c.request(s))
	if err != nil {
		c.t.Fatalf("%s: %v", s.action, err)
	}
	return a
}

func (c *client) send(req *http.Request) (answer, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	if err := json.Unmarshal(raw, &a.body); err != nil {
		return a, fmt.Errorf("answer is not a JSON object: %v: %s", err, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
		return a, fmt.Errorf("Content-Type %q", ct)
	}
	if !isRequestID(a.str("RequestId")) {
		return a, fmt.Errorf("RequestId %q is not an upper-case UUID: %s", a.str("RequestId"), raw)
	}
	return a, nil
}

// isRequestID reports whether s is an upper-case UUID.
func isRequestID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'F') {
				return false
			}
		}
	}
	return true
}

// createParams are the parameters of a valid CreateVpcEndpoint request to
// the automatic service in ZoneA, to which a test appends or overrides.
func createParams(extra ...string) []string {
	base := []string{
		"VpcId", VpcID,
		"ServiceId", ServiceID,
		"SecurityGroupId.1", SecurityGroupID,
		"Zone.1.ZoneId", ZoneA,
		"Zone.1.VSwitchId", VSwitchA,
	}
	return mergePairs(base, extra)
}

// mergePairs returns base with the pairs of extra replacing those of the
// same key, or appended; a value of "-" removes the key.
func mergePairs(base, extra []string) []string {
	out := append([]string(nil), base...)
	for i := 0; i < len(extra); i += 2 {
		k, v := extra[i], extra[i+1]
		found := false
		for j := 0; j < len(out); j += 2 {
			if out[j] == k {
				found = true
				if v == "-" {
					out = append(out[:j], out[j+2:]...)
				} else {
					out[j+1] = v
				}
				break
			}
		}
		if !found && v != "-" {
			out = append(out, k, v)
		}
	}
	return out
}

// create makes an endpoint and returns its ID.
func (c *client) create(extra ...string) string {
	c.t.Helper()
	a := c.must("CreateVpcEndpoint", createParams(extra...)...)
	id := a.str("EndpointId")
	if id == "" {
		c.t.Fatalf("no EndpointId in %v", a)
	}
	return id
}

// status returns an endpoint's EndpointStatus through the API.
func (c *client) status(id string) string {
	c.t.Helper()
	return c.must("GetVpcEndpointAttribute", "EndpointId", id).str("EndpointStatus")
}

// fixedTime is the FakeClock start of state tests.
var fixedTime = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
