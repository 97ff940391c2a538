package privatelinktest

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

// Guard refuses the requests a web page could make to an emulator on the
// developer's machine. The emulator's access key is public, so a page
// could sign requests itself; a loopback address does not stop it either,
// because the browser runs on the same machine. Two ways in are closed:
//
//   - DNS rebinding: a page on attacker.example re-points its own name at
//     127.0.0.1 and then talks to the emulator as if same-origin. The
//     browser still sends Host: attacker.example, so Guard serves only a
//     Host that is a loopback name (localhost, *.localhost) or address
//     (127.0.0.0/8, ::1), the listen address, or a name in AllowHosts.
//   - Cross-site requests (CSRF): a form post, a fetch, or a plain
//     <img src> GET, which is enough for a V1-signed DeleteVpcEndpoint.
//     Guard refuses a request with an Origin header that is not the
//     server's own, one whose Sec-Fetch-Site (sent by current browsers on
//     every request, including those that carry no Origin) says it came
//     from another site, and one whose Referer is another origin's page
//     (for browsers that predate Fetch Metadata; a page can suppress its
//     Referer, so this only narrows what they leave open).
//
// What stays open: a browser that predates Fetch Metadata (Chrome before
// 76, Firefox before 90, Safari before 16.4) sends no Sec-Fetch-Site, and
// sends no Origin on a GET (nor, before Firefox 70, on a POST without a
// body); a page there that suppresses its Referer (referrerpolicy
// "no-referrer") can still send a V1-signed GET, and in Firefox before 70
// a bodiless POST (the command's admin reset, say). Requiring more of such
// a request would refuse what the service accepts from the CLI and the V1
// SDKs, and what curl sends to the admin API.
//
// No API client sends Origin, Sec-Fetch-Site or Referer, and every client
// sends the Host it dialled, so Guard costs real clients nothing. Refusals
// are 403 in the gateway's error shape, with the code Forbidden.Host or
// Forbidden.CrossOrigin, before the request is read any further. These
// are the checks the Jupyter and Vite development servers make, for the
// same reason.
//
// NewServer applies a zero Guard (loopback only); the privatelink-emulator
// command applies one with its listen address and -allow-host names.
// Handler does not, since the server it is mounted on chooses its names:
// wrap it with Guard.Handler there.
type Guard struct {
	// Listen is the address the server listens on. Requests for it by
	// address are served. An unspecified address (0.0.0.0 or ::) means
	// every address of the machine, so any address literal is served: an
	// address, unlike a name, cannot be rebound. The zero value serves
	// loopback only.
	Listen netip.Addr
	// AllowHosts are further host names to serve, without a port: a name
	// matches itself (case-insensitively), ".example.com" matches
	// example.com and every name under it, and "*" matches every host,
	// which gives up the protection against DNS rebinding.
	AllowHosts []string
	// Refused, when set, is called with each refused request and the
	// code of its refusal, for a log.
	Refused func(r *http.Request, code string)
}

// Handler returns next behind the guard.
func (g Guard) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e := g.check(r); e != nil {
			if g.Refused != nil {
				g.Refused(r, e.code)
			}
			writeError(w, gateway.NewRequestID(), e)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// check returns the refusal of r, or nil.
func (g Guard) check(r *http.Request) *apiError {
	if !g.hostAllowed(r.Host) {
		return newError(http.StatusForbidden, "Forbidden.Host",
			"The Host "+quoteClipped(r.Host)+" is not one this emulator serves: a loopback name or address, the listen address, or a name allowed with -allow-host (this check stops DNS rebinding).")
	}
	if o, ok := r.Header["Origin"]; ok && (len(o) != 1 || !sameOrigin(o[0], r.Host)) {
		return newError(http.StatusForbidden, "Forbidden.CrossOrigin",
			"A request from a web page of another origin ("+quoteClipped(strings.Join(o, ", "))+") may not call the emulator.")
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return newError(http.StatusForbidden, "Forbidden.CrossOrigin",
			"A request from a web page of another site (Sec-Fetch-Site: "+quoteClipped(r.Header.Get("Sec-Fetch-Site"))+") may not call the emulator.")
	}
	if ref := r.Header.Get("Referer"); ref != "" && !sameOrigin(refererOrigin(ref), r.Host) {
		return newError(http.StatusForbidden, "Forbidden.CrossOrigin",
			"A request from a web page of another origin (Referer "+quoteClipped(refererOrigin(ref))+") may not call the emulator.")
	}
	return nil
}

// refererOrigin is the scheme and host of a Referer URL, its origin.
func refererOrigin(ref string) string {
	scheme, rest, ok := strings.Cut(ref, "://")
	if !ok {
		return ref
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	return scheme + "://" + rest
}

// hostAllowed applies the host rules to a Host header.
func (g Guard) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" {
		return false
	}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.Unmap()
		return a.IsLoopback() || (g.Listen.IsValid() && (g.Listen.IsUnspecified() || a == g.Listen.Unmap()))
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		// RFC 6761: browsers resolve these to loopback themselves, never
		// through DNS, so no page elsewhere can own one.
		return true
	}
	for _, allowed := range g.AllowHosts {
		allowed = strings.ToLower(strings.TrimSuffix(allowed, "."))
		switch {
		case allowed == "*", allowed == host:
			return true
		case strings.HasPrefix(allowed, ".") && (strings.HasSuffix(host, allowed) || host == allowed[1:]):
			return true
		}
	}
	return false
}

// sameOrigin reports whether an Origin header names the server the request
// was sent to: the same host and port as the Host header the guard has
// already allowed. The scheme needs no check, as one port serves one.
func sameOrigin(origin, host string) bool {
	scheme, rest, ok := strings.Cut(origin, "://")
	if !ok || (scheme != "http" && scheme != "https") || strings.ContainsAny(rest, "/?#@") {
		return false
	}
	return strings.EqualFold(rest, host)
}

// quoteClipped quotes a client-chosen header value for an error message,
// at most 64 bytes of it.
func quoteClipped(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return `"` + strings.ToValidUTF8(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' {
			return '?'
		}
		return r
	}, s), "?") + `"`
}
