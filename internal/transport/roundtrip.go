package transport

import (
	"context"
	"io"
	"net/http"
	"time"
)

// attemptRoundTripper bounds each attempt with its own deadline, which
// ends when the body is closed, and forwards RoundTrip but not
// CloseIdleConnections.
type attemptRoundTripper struct {
	rt      http.RoundTripper
	timeout time.Duration
}

func (a attemptRoundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	if a.timeout <= 0 {
		return a.rt.RoundTrip(r)
	}
	ctx, cancel := context.WithTimeout(r.Context(), a.timeout)
	resp, err := a.rt.RoundTrip(r.WithContext(ctx))
	if err != nil {
		err = a.explain(r.Context(), ctx, err)
		cancel()
		return nil, err
	}
	resp.Body = &attemptBody{ReadCloser: resp.Body, a: a, parent: r.Context(), ctx: ctx, cancel: cancel}
	return resp, nil
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
