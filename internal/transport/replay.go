package transport

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
)

// Retrying a call that is neither a read nor carries a ClientToken (see
// Call.Read) is safe only when the failed attempt cannot have acted: it
// never reached the service, or the service refused it.

// ReasonAmbiguous is the reason a retryable failure is not retried: the
// attempt may have reached the service, and the call could act twice.
const ReasonAmbiguous = "may have reached the service, and the call has no ClientToken"

// replayable reports whether call may be sent again after any failure.
func (c *Call) replayable() bool { return c.Read || c.ClientToken != "" }

// sendTrace records, through net/http's client trace, whether the transport
// began an attempt and whether it wrote the request's headers. The hooks
// run on the transport's goroutines.
type sendTrace struct {
	began, wrote atomic.Bool
}

// traceSend returns r with a trace that records into a new sendTrace in
// st, for a call that is not replayable; other calls pay nothing.
func traceSend(r *http.Request) *http.Request {
	st := stateFrom(r.Context())
	if st == nil || st.call.replayable() {
		return r
	}
	tr := &sendTrace{}
	st.sent = tr
	ctx := httptrace.WithClientTrace(r.Context(), &httptrace.ClientTrace{
		GetConn:      func(string) { tr.began.Store(true) },
		WroteHeaders: func() { tr.wrote.Store(true) },
	})
	return r.WithContext(ctx)
}

// mayRetry reports whether a retryable outcome of an attempt of a call that
// is not replayable may be retried: the attempt never reached the service,
// or the service's answer refused it.
func (st *callState) mayRetry(status int, code string, err error) bool {
	if err == nil {
		return Refused(status, code)
	}
	return st.neverSent(err)
}

// Refused reports whether an answer says the service did not act on the
// request: throttled (429, a Throttling code), unavailable (503,
// ServiceUnavailable) or busy with another change (BusyCode). Any other
// error answer, a 500 or a proxy's 502 or 504 included, may follow a change.
func Refused(status int, code string) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable ||
		code == "ServiceUnavailable" || code == "Throttling" || strings.HasPrefix(code, "Throttling.") ||
		BusyCode(code)
}

// neverSent reports whether a failed attempt provably sent nothing to the
// service. Once the trace saw the request's headers written, nothing is
// proven. A failure to resolve or to connect (to the host or to a proxy)
// sends nothing. So does any failure of a transport that reported starting
// the attempt yet never wrote the headers (a TLS handshake cut by the
// peer), unless it is a timeout or cancellation, after which a write may
// still have been under way.
func (st *callState) neverSent(err error) bool {
	tr := st.sent
	if tr != nil && tr.wrote.Load() {
		return false
	}
	if dialFailure(err) {
		return true
	}
	if tr == nil || !tr.began.Load() {
		return false
	}
	var ne net.Error
	timeout := errors.As(err, &ne) && ne.Timeout()
	return !timeout && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// dialFailure recognises the errors of the steps before a request is
// written: name resolution, connecting to the host or to a proxy, and the
// TLS handshake's own timeout.
func dialFailure(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect") {
		return true
	}
	// net/http's handshake timeout has an unexported type.
	return strings.Contains(err.Error(), "net/http: TLS handshake timeout")
}
