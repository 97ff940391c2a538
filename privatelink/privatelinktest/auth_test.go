package privatelinktest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

func TestAuthAcceptsV1AndV3(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	for name, cl := range map[string]*client{"V1": c, "V3": c.withV3()} {
		t.Run(name, func(t *testing.T) {
			a := cl.must("ListVpcEndpoints")
			if a.num("TotalCount") != 0 {
				t.Fatalf("TotalCount = %d on a new server", a.num("TotalCount"))
			}
		})
	}
}

func TestAuthFormBody(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	for name, cl := range map[string]*client{"V1": c, "V3": c.withV3()} {
		t.Run(name, func(t *testing.T) {
			a := cl.do(spec{action: "CreateVpcEndpoint", params: kv(createParams("EndpointName", "from-form")...), form: true})
			if a.status != http.StatusOK {
				t.Fatalf("form body request: %v", a)
			}
			e, ok := srv.Endpoint(a.str("EndpointId"))
			if !ok || e.Name != "from-form" {
				t.Fatalf("endpoint from form body: %+v, %v", e, ok)
			}
		})
	}
}

func TestAuthGET(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	for name, cl := range map[string]*client{"V1": c, "V3": c.withV3()} {
		t.Run(name, func(t *testing.T) {
			if a := cl.do(spec{method: http.MethodGet, action: "ListVpcEndpoints"}); a.status != http.StatusOK {
				t.Fatalf("GET: %v", a)
			}
		})
	}
}

func TestAuthErrors(t *testing.T) {
	srv := newTestServer(t,
		WithSTSCredential("STS.key", "sts-secret", "sts-token"),
		WithSTSCredentialExpiring("STS.old", "old-secret", "old-token", time.Now().Add(-time.Minute)),
		WithAccount("LTAIlimited", "limited-secret"),
		WithDeniedAction("LTAIlimited", "DeleteVpcEndpoint"),
	)
	c := newClient(t, srv)
	v3 := c.withV3()
	tests := []struct {
		name   string
		cl     *client
		s      spec
		status int
		code   string
		msg    string // substring of Message
	}{
		{"unknown key V1", c.as("LTAInobody", "x", ""), spec{action: "ListVpcEndpoints"}, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."},
		{"unknown key V3", v3.as("LTAInobody", "x", ""), spec{action: "ListVpcEndpoints"}, 404, "InvalidAccessKeyId.NotFound", ""},
		{"wrong secret V1", c.as(AccessKeyID, "wrong", ""), spec{action: "ListVpcEndpoints"}, 400, "SignatureDoesNotMatch", "server string to sign is:POST&%2F&"},
		{"wrong secret V3", v3.as(AccessKeyID, "wrong", ""), spec{action: "ListVpcEndpoints"}, 400, "SignatureDoesNotMatch", "server string to sign is:ACS3-HMAC-SHA256\n"},
		{"missing AccessKeyId", c, spec{action: "ListVpcEndpoints", omit: []string{"AccessKeyId"}}, 400, "MissingAccessKeyId", ""},
		{"missing Signature", c, spec{action: "ListVpcEndpoints", omit: []string{"Signature"}}, 400, "IncompleteSignature", "missing Signature"},
		{"missing SignatureMethod", c, spec{action: "ListVpcEndpoints", omit: []string{"SignatureMethod"}}, 400, "IncompleteSignature", ""},
		{"missing Timestamp V1", c, spec{action: "ListVpcEndpoints", omit: []string{"Timestamp"}}, 400, "MissingTimestamp", ""},
		{"missing x-acs-date", v3, spec{action: "ListVpcEndpoints", omit: []string{"x-acs-date"}}, 400, "MissingTimestamp", ""},
		{"missing SignatureNonce", c, spec{action: "ListVpcEndpoints", omit: []string{"SignatureNonce"}}, 400, "MissingSignatureNonce", ""},
		{"missing x-acs-signature-nonce", v3, spec{action: "ListVpcEndpoints", omit: []string{"x-acs-signature-nonce"}}, 400, "MissingSignatureNonce", ""},
		{"missing SignatureVersion", c, spec{action: "ListVpcEndpoints", omit: []string{"SignatureVersion"}}, 400, "MissingSignatureVersion", ""},
		{"other SignatureVersion", c, spec{action: "ListVpcEndpoints", tamper: setQuery("SignatureVersion", "2.0")}, 400, "IncompleteSignature", "SignatureVersion"},
		{"missing x-acs-content-sha256", v3, spec{action: "ListVpcEndpoints", omit: []string{"x-acs-content-sha256"}}, 400, "IncompleteSignature", "x-acs-content-sha256"},
		{"old timestamp", c, spec{action: "ListVpcEndpoints", timestamp: time.Now().Add(-16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", ""},
		{"future timestamp V3", v3, spec{action: "ListVpcEndpoints", timestamp: time.Now().Add(16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", ""},
		{"malformed timestamp", c, spec{action: "ListVpcEndpoints", tamper: setQuery("Timestamp", "yesterday")}, 400, "InvalidTimeStamp.Format", ""},
		{"tampered parameter V1", c, spec{action: "ListVpcEndpoints", tamper: setQuery("MaxResults", "7")}, 400, "SignatureDoesNotMatch", ""},
		{"tampered query V3", v3, spec{action: "ListVpcEndpoints", tamper: setQuery("MaxResults", "7")}, 400, "SignatureDoesNotMatch", ""},
		{"unsigned x-acs header V3", v3, spec{action: "ListVpcEndpoints", tamper: func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }}, 400, "IncompleteSignature", "x-acs-extra is not signed"},
		{"tampered body V3", v3, spec{action: "CreateVpcEndpoint", params: kv(createParams()...), form: true, tamper: func(r *http.Request) {
			r.Body = http.NoBody
			r.ContentLength = 0
		}}, 400, "SignatureDoesNotMatch", "x-acs-content-sha256"},
		{"malformed Authorization", v3, spec{action: "ListVpcEndpoints", tamper: func(r *http.Request) { r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential=x") }}, 400, "IncompleteSignature", "lacks SignedHeaders"},
		{"other algorithm", v3, spec{action: "ListVpcEndpoints", tamper: func(r *http.Request) { r.Header.Set("Authorization", "HMAC-SHA1 x") }}, 400, "IncompleteSignature", ""},
		{"STS without token", c.as("STS.key", "sts-secret", ""), spec{action: "ListVpcEndpoints"}, 400, "MissingSecurityToken", ""},
		{"STS wrong token V1", c.as("STS.key", "sts-secret", "other"), spec{action: "ListVpcEndpoints"}, 400, "InvalidSecurityToken.MismatchWithAccessKey", ""},
		{"STS wrong token V3", v3.as("STS.key", "sts-secret", "other"), spec{action: "ListVpcEndpoints"}, 400, "InvalidSecurityToken.MismatchWithAccessKey", ""},
		{"STS expired", c.as("STS.old", "old-secret", "old-token"), spec{action: "ListVpcEndpoints"}, 400, "InvalidSecurityToken.Expired", ""},
		{"RAM denied", c.as("LTAIlimited", "limited-secret", ""), spec{action: "DeleteVpcEndpoint", params: kv("EndpointId", "ep-x")}, 403, "Forbidden.RAM", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.cl.do(tt.s)
			if a.status != tt.status || a.code() != tt.code {
				t.Fatalf("got %v, want %d %s", a, tt.status, tt.code)
			}
			if !strings.Contains(a.str("Message"), tt.msg) {
				t.Fatalf("Message %q does not contain %q", a.str("Message"), tt.msg)
			}
			if a.str("HostId") != hostID || !strings.Contains(a.str("Recommend"), tt.code) {
				t.Fatalf("HostId/Recommend: %v", a)
			}
		})
	}
}

// setQuery returns a tamper function that sets a query parameter after the
// request was signed.
func setQuery(k, v string) func(*http.Request) {
	return func(r *http.Request) {
		q := r.URL.Query()
		q.Set(k, v)
		r.URL.RawQuery = q.Encode()
	}
}

// The server's string to sign must equal the one a correct client computes,
// so that a client can diff it against its own, as with the real service.
func TestAuthSignatureMismatchShowsServerStringToSign(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv).as(AccessKeyID, "wrong-secret", "")
	req := c.request(spec{action: "ListVpcEndpoints"})
	params, _ := parseQuery(req.URL.RawQuery)
	var unsigned []signer.Param
	for _, p := range params {
		if p.Key != "Signature" {
			unsigned = append(unsigned, p)
		}
	}
	want := signer.SignV1(http.MethodPost, unsigned, "any").StringToSign
	a, err := c.send(req)
	if err != nil {
		t.Fatal(err)
	}
	_, got, _ := strings.Cut(a.str("Message"), "server string to sign is:")
	if got != want {
		t.Fatalf("server string to sign\n got %q\nwant %q", got, want)
	}
}

func TestAuthSTS(t *testing.T) {
	srv := newTestServer(t, WithSTSCredential("STS.key", "sts-secret", "sts-token"))
	c := newClient(t, srv).as("STS.key", "sts-secret", "sts-token")
	c.must("ListVpcEndpoints")
	c.withV3().must("ListVpcEndpoints")
}

// A fake clock moved by hours changes endpoint states, never authentication.
func TestAuthIgnoresFakeClock(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk))
	c := newClient(t, srv)
	c.must("ListVpcEndpoints")
	clk.Advance(72 * time.Hour)
	c.must("ListVpcEndpoints")
	c.withV3().must("ListVpcEndpoints")
}

func TestAuthNonceReuse(t *testing.T) {
	srv := newTestServer(t, WithAccount("LTAIsecond", "second-secret"))
	c := newClient(t, srv)
	for name, cl := range map[string]*client{"V1": c, "V3": c.withV3()} {
		t.Run(name, func(t *testing.T) {
			nonce := freshNonce()
			if a := cl.do(spec{action: "ListVpcEndpoints", nonce: nonce}); a.status != 200 {
				t.Fatalf("first use: %v", a)
			}
			a := cl.do(spec{action: "ListVpcEndpoints", nonce: nonce})
			if a.code() != "SignatureNonceUsed" || a.status != 400 {
				t.Fatalf("reuse: %v", a)
			}
			// Nonces are remembered per access key.
			if a := cl.as("LTAIsecond", "second-secret", "").do(spec{action: "ListVpcEndpoints", nonce: nonce}); a.status != 200 {
				t.Fatalf("same nonce, other key: %v", a)
			}
		})
	}
}

// A forged request must not use up the nonce of the genuine one.
func TestAuthForgeryDoesNotBurnNonce(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	nonce := freshNonce()
	if a := c.as(AccessKeyID, "forged", "").do(spec{action: "ListVpcEndpoints", nonce: nonce}); a.code() != "SignatureDoesNotMatch" {
		t.Fatalf("forged: %v", a)
	}
	if a := c.do(spec{action: "ListVpcEndpoints", nonce: nonce}); a.status != 200 {
		t.Fatalf("genuine after forged: %v", a)
	}
}

// Nonces are forgotten after nonceTTL (31 minutes) of wall-clock time.
func TestAuthNonceExpiry(t *testing.T) {
	srv := newTestServer(t)
	wall := time.Now()
	srv.mu.Lock()
	srv.wallNow = func() time.Time { return wall }
	srv.mu.Unlock()
	c := newClient(t, srv)
	nonce := freshNonce()
	c.must("ListVpcEndpoints") // warm up
	if a := c.do(spec{action: "ListVpcEndpoints", nonce: nonce, timestamp: wall}); a.status != 200 {
		t.Fatalf("first: %v", a)
	}
	srv.mu.Lock()
	wall = wall.Add(30 * time.Minute)
	srv.mu.Unlock()
	if a := c.do(spec{action: "ListVpcEndpoints", nonce: nonce, timestamp: wall}); a.code() != "SignatureNonceUsed" {
		t.Fatalf("after 30 minutes: %v", a)
	}
	srv.mu.Lock()
	wall = wall.Add(2 * time.Minute)
	srv.mu.Unlock()
	if a := c.do(spec{action: "ListVpcEndpoints", nonce: nonce, timestamp: wall}); a.status != 200 {
		t.Fatalf("after 32 minutes: %v", a)
	}
}

func TestNonceCacheBounded(t *testing.T) {
	nc := newNonceCache(4)
	now := time.Now()
	for i := range 4 {
		if r := nc.use("k", string(rune('a'+i)), now); r != nonceFresh {
			t.Fatalf("nonce %d: %v", i, r)
		}
	}
	// Full: a new nonce is refused, and no live nonce is forgotten for it.
	if r := nc.use("k", "e", now); r != nonceFull || nc.len() != 4 {
		t.Fatalf("past the budget: %v, len %d", r, nc.len())
	}
	for _, n := range []string{"a", "d"} {
		if r := nc.use("k", n, now.Add(nonceTTL-time.Nanosecond)); r != nonceUsed {
			t.Fatalf("replay of %s inside the TTL: %v", n, r)
		}
	}
	// Expiry frees everything after the TTL.
	if r := nc.use("k", "a", now.Add(nonceTTL)); r != nonceFresh || nc.len() != 1 {
		t.Fatalf("after TTL: %v, len %d", r, nc.len())
	}
}

// A request signed for one method and sent with the other (curl -X POST
// with a signature made for GET) is still refused, but the message says
// so instead of leaving the client to compare strings to sign.
func TestSignatureForAnotherMethodGetsAHint(t *testing.T) {
	srv := newTestServer(t)
	for _, v3 := range []bool{false, true} {
		c := newClient(t, srv)
		if v3 {
			c = c.withV3()
		}
		for signed, sent := range map[string]string{http.MethodGet: http.MethodPost, http.MethodPost: http.MethodGet} {
			a := c.do(spec{method: signed, action: "DescribeRegions", tamper: func(r *http.Request) { r.Method = sent }})
			if a.status != http.StatusBadRequest || a.code() != "SignatureDoesNotMatch" {
				t.Fatalf("v3=%v signed %s sent %s: %v", v3, signed, sent, a)
			}
			want := "The signature is right for the same request sent with " + signed + ", not " + sent
			if !strings.Contains(a.str("Message"), want) {
				t.Fatalf("v3=%v: no hint in %q", v3, a.str("Message"))
			}
		}
		// A wrong signature gets no hint.
		a := c.do(spec{action: "DescribeRegions", tamper: func(r *http.Request) {
			if v3 {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "Signature=", "Signature=0", 1))
			} else {
				r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Signature=", "Signature=x", 1)
			}
		}})
		if a.code() != "SignatureDoesNotMatch" && a.code() != "IncompleteSignature" || strings.Contains(a.str("Message"), "sent with") {
			t.Fatalf("v3=%v: %v", v3, a)
		}
	}
}
