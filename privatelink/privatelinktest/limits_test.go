package privatelinktest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/signer"
)

// junk returns n parameters Junk.1=v ... Junk.n=v.
func junk(n int, v string) []signer.Param {
	out := make([]signer.Param, n)
	for i := range out {
		out[i] = signer.Param{Key: fmt.Sprintf("Junk.%d", i+1), Value: v}
	}
	return out
}

// A request over the parameter or size limit is refused with a 400 before
// anything else: signed or not, V1 or V3, parameters in the query or in a
// form body. One just under the limits is verified and served as usual.
func TestRequestLimits(t *testing.T) {
	srv := newTestServer(t)
	// Room for the common parameters and RegionId.
	const room = 20
	big := strings.Repeat("v", 1000)
	for _, v3 := range []bool{false, true} {
		c := newClient(t, srv)
		if v3 {
			c = c.withV3()
		}
		for _, form := range []bool{false, true} {
			name := fmt.Sprintf("v3=%v form=%v", v3, form)
			a := c.do(spec{action: "DescribeRegions", params: junk(MaxRequestParams+1, ""), form: form})
			if a.status != http.StatusBadRequest || a.code() != "InvalidParameter" || !strings.Contains(a.str("Message"), "parameters") {
				t.Fatalf("%s: too many parameters: %v", name, a)
			}
			a = c.do(spec{action: "DescribeRegions", params: junk(MaxRequestBytes/len(big)+1, big), form: form})
			if a.status != http.StatusBadRequest || a.code() != "InvalidParameter" || !strings.Contains(a.str("Message"), "bytes") {
				t.Fatalf("%s: too many bytes: %v", name, a)
			}
			a = c.do(spec{action: "DescribeRegions", params: junk(MaxRequestParams-room, ""), form: form})
			if a.status != http.StatusOK {
				t.Fatalf("%s: at the parameter limit: %v", name, a)
			}
			a = c.do(spec{action: "DescribeRegions", params: junk(MaxRequestBytes/len(big)-4, big), form: form})
			if a.status != http.StatusOK {
				t.Fatalf("%s: at the size limit: %v", name, a)
			}
		}
	}
	// Unsigned: refused for its size, not its signature, which is never
	// computed.
	q := "Action=DescribeRegions&Version=2020-04-15&AccessKeyId=" + AccessKeyID + "&" + strings.Repeat("x&", MaxRequestParams)
	r, err := http.NewRequest(http.MethodGet, srv.URL+"/?"+q, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newClient(t, srv).send(r)
	if err != nil || a.status != http.StatusBadRequest || a.code() != "InvalidParameter" {
		t.Fatalf("unsigned: %v %v", a, err)
	}
}

// The review's request: a megabyte of "x&x&..." in the query string and in
// the form body, with only the public key ID. It is refused having read no
// more of the body than the limit and parsed nothing, where parsing it
// took tens of megabytes.
func TestOversizedRequestCostsNothing(t *testing.T) {
	srv := newServer()
	query := "Action=DescribeRegions&Version=2020-04-15&AccessKeyId=" + AccessKeyID + "&" + strings.Repeat("x&", 1<<19)
	body := strings.Repeat("x&", 1<<19)
	r := httptest.NewRequest(http.MethodPost, "/?"+query, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	srv.ServeHTTP(w, r)
	runtime.ReadMemStats(&after)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("%d %.300s", w.Code, w.Body)
	}
	// Reading the body up to the limit, in a buffer that grows by
	// doubling, and the refusal.
	if n := after.TotalAlloc - before.TotalAlloc; n > 4*MaxRequestBytes {
		t.Fatalf("%d bytes allocated to refuse an oversized request", n)
	}
}

// SignatureDoesNotMatch shows the server's string to sign, as the gateway
// does, but no more than maxEchoedStringToSign of it: a request at the
// size limit would otherwise be echoed back three times over.
func TestEchoedStringToSignIsCapped(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	big := strings.Repeat("v", 1000)
	a := c.do(spec{action: "DescribeRegions", params: junk(100, big), tamper: func(r *http.Request) {
		r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Signature=", "Signature=x", 1)
	}})
	if a.code() != "SignatureDoesNotMatch" {
		t.Fatalf("got %v", a)
	}
	msg := a.str("Message")
	if len(msg) > maxEchoedStringToSign+300 {
		t.Fatalf("the message is %d bytes", len(msg))
	}
	if !strings.Contains(msg, "server string to sign is:GET&%2F&AccessKeyId") && !strings.Contains(msg, "server string to sign is:POST&%2F&AccessKeyId") {
		t.Fatalf("the message lost the start of the string to sign: %.300s", msg)
	}
	if !strings.Contains(msg, "bytes in all") {
		t.Fatalf("the message does not say it was cut: %.300s", msg[len(msg)-200:])
	}

	// A short one is shown whole.
	a = c.do(spec{action: "DescribeRegions", tamper: func(r *http.Request) {
		r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Signature=", "Signature=x", 1)
	}})
	if a.code() != "SignatureDoesNotMatch" || strings.Contains(a.str("Message"), "bytes in all") {
		t.Fatalf("got %v", a)
	}
}
