package privatelinktest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

// A web page can reach a loopback server: through DNS rebinding (its own
// name, re-pointed at 127.0.0.1, in the Host header) or by sending a
// request across origins (an Origin header, or Sec-Fetch-Site from the
// browsers that send Fetch Metadata, which they send even on a plain
// <img src> GET that carries no Origin). The emulator's key is public, so
// a page can sign; the in-process server refuses all of these, before
// anything is parsed or executed.
func TestServerRefusesWhatAWebPageCouldSend(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	for _, tc := range []struct {
		name   string
		tamper func(*http.Request)
		code   string
	}{
		{"rebound name", func(r *http.Request) { r.Host = "attacker.example:" + port }, "Forbidden.Host"},
		{"rebound name without port", func(r *http.Request) { r.Host = "attacker.example" }, "Forbidden.Host"},
		{"foreign origin", func(r *http.Request) { r.Header.Set("Origin", "http://attacker.example") }, "Forbidden.CrossOrigin"},
		{"null origin", func(r *http.Request) { r.Header.Set("Origin", "null") }, "Forbidden.CrossOrigin"},
		{"origin on another loopback port", func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:3000") }, "Forbidden.CrossOrigin"},
		{"cross-site fetch", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }, "Forbidden.CrossOrigin"},
		{"same-site fetch", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-site") }, "Forbidden.CrossOrigin"},
		// A browser without Fetch Metadata still sends the page's
		// origin as Referer on an <img> GET, by default.
		{"foreign referer", func(r *http.Request) { r.Header.Set("Referer", "http://attacker.example/") }, "Forbidden.CrossOrigin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, v3 := range []bool{false, true} {
				cl := c
				if v3 {
					cl = newClient(t, srv).withV3()
				}
				// The V1-signed GET a page can put in an <img src>.
				a := cl.do(spec{method: http.MethodGet, action: "DeleteVpcEndpoint", params: kv("EndpointId", id), tamper: tc.tamper})
				if a.status != http.StatusForbidden || a.code() != tc.code {
					t.Fatalf("v3=%v: got %v, want 403 %s", v3, a, tc.code)
				}
			}
		})
	}
	if got := c.status(id); got != "Active" {
		t.Fatalf("the endpoint is %q after the refused deletes, want Active", got)
	}
	if n := srv.Requests(); n != 2 {
		t.Fatalf("Requests() = %d: refused requests reached the emulator", n)
	}
}

// What a local client sends passes: any loopback name or address, an
// Origin of the server itself, and the Fetch Metadata of a request typed
// into the address bar or made by the server's own page.
func TestServerServesLoopbackNames(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	for _, tc := range []struct {
		name   string
		tamper func(*http.Request)
	}{
		{"as dialled", func(*http.Request) {}},
		{"localhost", func(r *http.Request) { r.Host = "localhost:" + port }},
		{"LOCALHOST.", func(r *http.Request) { r.Host = "LOCALHOST.:" + port }},
		{"a .localhost name", func(r *http.Request) { r.Host = "emulator.localhost:" + port }},
		{"another 127/8 address", func(r *http.Request) { r.Host = "127.0.0.2:" + port }},
		{"IPv6 loopback", func(r *http.Request) { r.Host = "[::1]:" + port }},
		{"same origin", func(r *http.Request) { r.Header.Set("Origin", srv.URL) }},
		{"same-origin referer", func(r *http.Request) { r.Header.Set("Referer", srv.URL+"/some/page?x=1") }},
		{"typed into the address bar", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "none") }},
		{"same-origin fetch", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-origin") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := c.do(spec{action: "ListVpcEndpoints", tamper: tc.tamper})
			if a.status != http.StatusOK {
				t.Fatalf("got %v", a)
			}
		})
	}
}

// Guard's host rules: the listen address, loopback, and the names it is
// given, exactly, by suffix or all.
func TestGuardHosts(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, tc := range []struct {
		guard Guard
		host  string
		want  bool
	}{
		{Guard{}, "127.0.0.1:9480", true},
		{Guard{}, "localhost", true},
		{Guard{}, "10.0.0.5:9480", false},
		{Guard{Listen: netip.MustParseAddr("10.0.0.5")}, "10.0.0.5:9480", true},
		{Guard{Listen: netip.MustParseAddr("10.0.0.5")}, "10.0.0.6:9480", false},
		// Listening on every address: any address of the machine may be
		// dialled, and an address literal cannot be rebound.
		{Guard{Listen: netip.MustParseAddr("0.0.0.0")}, "192.168.1.20:9480", true},
		{Guard{Listen: netip.MustParseAddr("::")}, "[fd00::1]:9480", true},
		{Guard{Listen: netip.MustParseAddr("0.0.0.0")}, "emulator:9480", false},
		{Guard{AllowHosts: []string{"emulator"}}, "emulator:9480", true},
		{Guard{AllowHosts: []string{"emulator"}}, "EMULATOR", true},
		{Guard{AllowHosts: []string{"emulator"}}, "emulator.attacker.example", false},
		{Guard{AllowHosts: []string{".ci.internal"}}, "emu.ci.internal:9480", true},
		{Guard{AllowHosts: []string{".ci.internal"}}, "ci.internal", true},
		{Guard{AllowHosts: []string{".ci.internal"}}, "evilci.internal", false},
		{Guard{AllowHosts: []string{"*"}}, "anything.example", true},
		{Guard{}, "", false},
		{Guard{}, "[::1]", true},
		{Guard{}, "localhost.attacker.example", false},
		{Guard{}, "127.0.0.1.attacker.example", false},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = tc.host
		rec := httptest.NewRecorder()
		tc.guard.Handler(ok).ServeHTTP(rec, r)
		if got := rec.Code == http.StatusNoContent; got != tc.want {
			t.Errorf("%+v, Host %q: served %v, want %v (%d %s)", tc.guard, tc.host, got, tc.want, rec.Code, rec.Body)
		}
	}
}

// FuzzGuard checks the guard's parsers on any Host and Origin: they never
// panic, a zero Guard serves only what resolves to loopback without DNS,
// and an Origin passes only when it names the Host exactly.
func FuzzGuard(f *testing.F) {
	for _, s := range [][2]string{
		{"127.0.0.1:9480", "http://127.0.0.1:9480"}, {"localhost", "null"}, {"[::1]:1", "https://[::1]:1"},
		{"a.localhost.", "http://a.localhost."}, {"[::ffff:127.0.0.1]", "http://x@127.0.0.1"}, {"127.0.0.1.nip.io", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, host, origin string) {
		if (Guard{}).hostAllowed(host) {
			name := strings.ToLower(host)
			if h, _, err := net.SplitHostPort(host); err == nil {
				name = strings.ToLower(h)
			}
			name = strings.TrimSuffix(strings.Trim(name, "[]"), ".")
			a, err := netip.ParseAddr(name)
			if !(err == nil && a.Unmap().IsLoopback()) && name != "localhost" && !strings.HasSuffix(name, ".localhost") {
				t.Fatalf("zero Guard serves Host %q", host)
			}
		}
		if ro := refererOrigin(origin); sameOrigin(ro, host) && strings.Contains(ro[strings.Index(ro, "://")+3:], "/") {
			t.Fatalf("Referer %q passes with a path in its origin %q", origin, ro)
		}
		if sameOrigin(origin, host) && !strings.EqualFold(origin, "http://"+host) && !strings.EqualFold(origin, "https://"+host) {
			t.Fatalf("Origin %q passes for Host %q", origin, host)
		}
	})
}

// FuzzCountParams checks that the limit counts exactly the parameters the
// parser makes.
func FuzzCountParams(f *testing.F) {
	for _, s := range []string{"", "a", "a=b&c", "&&a&&", "x&x&", "%zz&a", "a=%20&b=&=c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		ps, err := parseQuery(raw)
		if err == nil && len(ps) != gateway.CountParams(raw) {
			t.Fatalf("%q: %d parameters, counted %d", raw, len(ps), gateway.CountParams(raw))
		}
	})
}
