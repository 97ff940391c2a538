package transport

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// attemptRoundTripper bounds each attempt with its own deadline, which
// ends when the body is closed, refuses redirects, and forwards RoundTrip
// but not CloseIdleConnections.
//
// Redirects are refused here rather than with CheckRedirect on our copy of
// the caller's client: this round tripper is ours whatever client the
// caller passed, so no setting of theirs can bring redirects back, the 3xx
// never reaches http.Client's redirect logic (which would also quote the
// Location URL, query and all, in its error), and the caller's
// *http.Client is never touched.
type attemptRoundTripper struct {
	rt      http.RoundTripper
	timeout time.Duration
}

func (a attemptRoundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	r = traceSend(r)
	if a.timeout <= 0 {
		resp, err := a.rt.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		return refuseRedirect(resp)
	}
	ctx, cancel := context.WithTimeout(r.Context(), a.timeout)
	resp, err := a.rt.RoundTrip(r.WithContext(ctx))
	if err != nil {
		err = a.explain(r.Context(), ctx, err)
		cancel()
		return nil, err
	}
	resp.Body = &attemptBody{ReadCloser: resp.Body, a: a, parent: r.Context(), ctx: ctx, cancel: cancel}
	return refuseRedirect(resp)
}

// RedirectError reports a 3xx answer. The PrivateLink API never redirects:
// following one would send the V3 security token header, or the V1 signed
// query in a Referer, to another host, perhaps over plain HTTP. It names
// the status and the Location's host, never its path or query, and is not
// retried.
type RedirectError struct {
	StatusCode int
	// Host is the host the Location header pointed at, "" when there was
	// no usable Location.
	Host string
}

// Error names the status and the host the answer redirected to.
func (e *RedirectError) Error() string {
	if e.Host == "" {
		return fmt.Sprintf("refused a redirect (HTTP %d without a usable Location): the PrivateLink API never redirects; check the endpoint", e.StatusCode)
	}
	return fmt.Sprintf("refused a redirect (HTTP %d to host %q): the PrivateLink API never redirects; check the endpoint", e.StatusCode, e.Host)
}

// maxRedirectBody is how much of a redirect's body is drained so that its
// connection can be reused.
const maxRedirectBody = 4 << 10

// refuseRedirect passes every answer but a 3xx, which becomes a
// *RedirectError.
func refuseRedirect(resp *http.Response) (*http.Response, error) {
	if resp.StatusCode < 300 || resp.StatusCode > 399 {
		return resp, nil
	}
	e := &RedirectError{StatusCode: resp.StatusCode}
	if loc, err := resp.Location(); err == nil {
		e.Host = Truncate(loc.Host, 255)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxRedirectBody))
	resp.Body.Close()
	return nil, e
}

// explain names an attempt timeout as such: a bare "context deadline
// exceeded" would suggest the caller's own deadline, which is not retried.
func (a attemptRoundTripper) explain(parent, ctx context.Context, err error) error {
	if parent.Err() == nil && ctx.Err() != nil {
		return &AttemptTimeoutError{Timeout: a.timeout, Err: err}
	}
	return err
}

type attemptBody struct {
	io.ReadCloser
	a           attemptRoundTripper
	parent, ctx context.Context
	cancel      context.CancelFunc
}

func (b *attemptBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = b.a.explain(b.parent, b.ctx, err)
	}
	return n, err
}

func (b *attemptBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

func roundTripper(hc *http.Client) http.RoundTripper {
	if hc.Transport != nil {
		return hc.Transport
	}
	return http.DefaultTransport
}
