package transport

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/signer"
)

// cutBody answers 200 with a Content-Length longer than the body it sends,
// so the server closes the connection and the client reads a short body.
func cutBody(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "4096")
		w.Write([]byte(body))
	}
}

func noFields(*jsonx.Decoder, []byte) bool { return false }

// A body cut off on the last attempt is a transport failure with its cause,
// retryable, and never a success, even when what arrived parses as JSON.
func TestCutBodyOnLastAttempt(t *testing.T) {
	for name, body := range map[string]string{
		"truncated JSON": `{"RequestId":"R","Endpo`,
		"valid JSON":     `{"RequestId":"R"}`,
	} {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int32
			tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				cutBody(body)(w, r)
			})
			meta, err := tr.Do(context.Background(), &Call{Action: "X", Read: true}, noFields)
			var reqErr *RequestError
			require.True(t, errors.As(err, &reqErr), "%T %v", err, err)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the transport cause is kept")
			assert.Equal(t, 2, reqErr.Attempts)
			assert.Equal(t, int32(2), n.Load())
			assert.Equal(t, 2, meta.Attempts)
			retry, _ := ShouldRetry(nil, 0, "", reqErr.Err)
			assert.True(t, retry, "a cut body is as transient as a reset")
		})
	}
}

// A cut body followed by a whole one is a success on the second attempt.
func TestCutBodyIsRetried(t *testing.T) {
	var n atomic.Int32
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			cutBody(`{"RequestId":"R1"}`)(w, r)
			return
		}
		w.Write([]byte(`{"RequestId":"R2"}`))
	})
	meta, err := tr.Do(context.Background(), &Call{Action: "X", Read: true}, noFields)
	require.NoError(t, err)
	assert.Equal(t, "R2", meta.RequestID)
	assert.Equal(t, 2, meta.Attempts)
}

// Some gateways answer errors with HTTP 200: a retryable code in such an
// answer is retried like the same code with an error status, and a final
// one is the service error it is.
func TestErrorCodeIn200(t *testing.T) {
	t.Run("retryable code is retried", func(t *testing.T) {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			if n.Add(1) == 1 {
				w.Write([]byte(`{"RequestId":"R1","Code":"Throttling","Message":"slow down"}`))
				return
			}
			w.Write([]byte(`{"RequestId":"R2"}`))
		})
		meta, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		require.NoError(t, err)
		assert.Equal(t, "R2", meta.RequestID)
		assert.Equal(t, 2, meta.Attempts)
	})
	t.Run("retried until the attempts run out", func(t *testing.T) {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			n.Add(1)
			w.Write([]byte(`{"RequestId":"R","Code":"Throttling","Message":"slow down"}`))
		})
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		var se *ServiceError
		require.True(t, errors.As(err, &se), "%T %v", err, err)
		assert.Equal(t, "Throttling", se.Code)
		assert.Equal(t, 200, se.StatusCode)
		assert.Equal(t, 2, se.Attempts)
		assert.Equal(t, int32(2), n.Load())
	})
	t.Run("other code is final", func(t *testing.T) {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			n.Add(1)
			w.Write([]byte(`{"RequestId":"R","Code":"InvalidParameter","Message":"no"}`))
		})
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "InvalidParameter", ErrorCode(err))
		assert.Equal(t, int32(1), n.Load())
	})
}

// A host that does not resolve (a mistyped region) is not retried, and the
// error names the host and points at the region.
func TestUnknownHostIsNotRetried(t *testing.T) {
	var dials atomic.Int32
	hc := &http.Client{Transport: &http.Transport{
		DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
			dials.Add(1)
			host, _, _ := net.SplitHostPort(addr)
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		},
	}}
	u, err := url.Parse("https://privatelink.cn-hangzou.aliyuncs.com")
	require.NoError(t, err)
	tr := New(Config{
		Endpoint: u, RegionID: "cn-hangzou", Signature: signer.V3,
		Credentials: func(context.Context) (Credentials, error) {
			return Credentials{AccessKeyID: "ak", AccessKeySecret: "secret"}, nil
		},
		HTTPClient: hc,
		Retry:      RetryPolicy{MaxAttempts: 4, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond},
	})
	_, err = tr.Do(context.Background(), &Call{Action: "X"}, noFields)
	require.Error(t, err)
	assert.Equal(t, int32(1), dials.Load(), "NXDOMAIN is not retried")
	var dnsErr *net.DNSError
	assert.True(t, errors.As(err, &dnsErr), "the cause stays visible")
	assert.Contains(t, err.Error(), "privatelink.cn-hangzou.aliyuncs.com")
	assert.Contains(t, err.Error(), "region")
	retry, _ := ShouldRetry(nil, 0, "", err)
	assert.False(t, retry)
}

// A temporary resolver failure (SERVFAIL, timeout) is still retried.
func TestTemporaryDNSFailureIsRetried(t *testing.T) {
	err := &url.Error{Op: "Post", URL: "https://x/", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}}}
	retry, _ := ShouldRetry(nil, 0, "", err)
	assert.True(t, retry)
}

// A rate-limiter wait that cannot end before the deadline is a deadline
// error, before the first attempt and before a retry.
func TestLimiterWaitPastDeadlineIsDeadlineExceeded(t *testing.T) {
	var n atomic.Int32
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.WriteHeader(503)
		w.Write([]byte(`{"RequestId":"R","Code":"ServiceUnavailable"}`))
	})
	tr.cfg.Limiter = rate.NewLimiter(rate.Every(time.Hour), 1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := tr.Do(ctx, &Call{Action: "X"}, noFields)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "before a retry: %v", err)
	assert.Equal(t, int32(1), n.Load())
	_, err = tr.Do(ctx, &Call{Action: "X"}, noFields)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "before the first attempt: %v", err)
	assert.Equal(t, int32(1), n.Load())
	assert.Nil(t, ctx.Err(), "the deadline itself has not passed")
}

// A context that ended before the call sends nothing and reports no attempt.
func TestCancelledBeforeSending(t *testing.T) {
	var n atomic.Int32
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) { n.Add(1) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	meta, err := tr.Do(ctx, &Call{Action: "X"}, noFields)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, meta.Attempts)
	assert.Equal(t, int32(0), n.Load())
}

// Busy codes (the resource is mid-change) are retried past MaxAttempts while
// the busy budget lasts; other retryable codes stop at MaxAttempts.
func TestBusyCodesHaveTheirOwnBudget(t *testing.T) {
	answer := func(busyFor int32, code string) (*atomic.Int32, http.HandlerFunc) {
		var n atomic.Int32
		return &n, func(w http.ResponseWriter, _ *http.Request) {
			if n.Add(1) <= busyFor {
				w.WriteHeader(400)
				w.Write([]byte(`{"RequestId":"R","Code":"` + code + `"}`))
				return
			}
			w.Write([]byte(`{"RequestId":"R-ok"}`))
		}
	}
	for _, code := range []string{"EndpointLocked", "ConcurrentCallNotSupported", "EndpointOperationDenied",
		"EndpointConnectionOperationDenied", "EndpointServiceLocked", "EndpointServiceOperationDenied"} {
		t.Run(code, func(t *testing.T) {
			n, h := answer(6, code)
			tr := newTestTransport(t, signer.V3, h)
			tr.cfg.Retry.BusyBudget = time.Minute
			meta, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
			require.NoError(t, err)
			assert.Equal(t, 7, meta.Attempts)
			assert.Equal(t, int32(7), n.Load())
		})
	}
	t.Run("throttling keeps MaxAttempts", func(t *testing.T) {
		n, h := answer(6, "Throttling")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.BusyBudget = time.Minute
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "Throttling", ErrorCode(err))
		assert.Equal(t, int32(2), n.Load())
	})
	t.Run("no budget: MaxAttempts", func(t *testing.T) {
		n, h := answer(6, "EndpointLocked")
		tr := newTestTransport(t, signer.V3, h)
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "EndpointLocked", ErrorCode(err))
		assert.Equal(t, int32(2), n.Load())
	})
	t.Run("the budget ends", func(t *testing.T) {
		n, h := answer(1<<30, "EndpointLocked")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.BusyBudget = 200 * time.Millisecond
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		var se *ServiceError
		require.True(t, errors.As(err, &se), "%T %v", err, err)
		assert.Equal(t, "EndpointLocked", se.Code)
		assert.Equal(t, int(n.Load()), se.Attempts)
		assert.Greater(t, se.Attempts, 2)
	})
	t.Run("the context ends it", func(t *testing.T) {
		_, h := answer(1<<30, "EndpointLocked")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.BusyBudget = time.Hour
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := tr.Do(ctx, &Call{Action: "X"}, noFields)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		var reqErr *RequestError
		require.True(t, errors.As(err, &reqErr))
		require.NotNil(t, reqErr.Last)
		assert.Equal(t, "EndpointLocked", reqErr.Last.Code)
	})
}

// The last attempt is never logged as "retrying".
func TestLastAttemptIsNotLoggedAsRetrying(t *testing.T) {
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(503)
		w.Write([]byte(`{"RequestId":"R","Code":"ServiceUnavailable"}`))
	})
	var logs recordHandler
	tr.cfg.Logger = slog.New(&logs)
	_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
	require.Error(t, err)
	msgs := logs.messages()
	require.Len(t, msgs, 2)
	assert.Equal(t, "privatelink: attempt failed, retrying", msgs[0])
	assert.Equal(t, "privatelink: attempt done", msgs[1])
}

type recordHandler struct {
	mu   sync.Mutex
	msgs []string
}

func (h *recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	h.msgs = append(h.msgs, r.Message)
	h.mu.Unlock()
	return nil
}
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }
func (h *recordHandler) messages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.msgs...)
}

// A call that is neither a read nor carries a ClientToken is retried only
// after an attempt that never reached the service or that the service
// refused; a read, or a call with a token, after any retryable failure.
func TestWriteWithoutTokenRetriesOnlyRefusals(t *testing.T) {
	answer := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(status)
			w.Write([]byte(body))
		}
	}
	for name, tc := range map[string]struct {
		h        http.HandlerFunc
		unsafe   int // attempts of a write without a token
		readOnly int // attempts of a read
	}{
		"cut body":             {cutBody(`{"RequestId":"R"}`), 1, 2},
		"500 InternalError":    {answer(500, `{"RequestId":"R","Code":"InternalError"}`), 1, 2},
		"502 proxy page":       {answer(502, `<html>Bad Gateway</html>`), 1, 2},
		"503":                  {answer(503, `{"RequestId":"R","Code":"ServiceUnavailable"}`), 2, 2},
		"429":                  {answer(429, `{"RequestId":"R"}`), 2, 2},
		"Throttling.User":      {answer(400, `{"RequestId":"R","Code":"Throttling.User"}`), 2, 2},
		"busy: EndpointLocked": {answer(400, `{"RequestId":"R","Code":"EndpointLocked"}`), 2, 2},
	} {
		for _, call := range []*Call{{Action: "X"}, {Action: "X", Read: true}, {Action: "X", ClientToken: "tok"}} {
			var n atomic.Int32
			tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				tc.h(w, r)
			})
			tr.cfg.Retry.BusyBudget = 0
			_, err := tr.Do(context.Background(), call, noFields)
			require.Error(t, err, name)
			want := tc.readOnly
			if !call.replayable() {
				want = tc.unsafe
			}
			assert.Equal(t, int32(want), n.Load(), "%s: read %v, token %q", name, call.Read, call.ClientToken)
		}
	}
}

// What proves that an attempt never reached the service.
func TestNeverSent(t *testing.T) {
	dial := &url.Error{Op: "Post", URL: "http://x/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	reset := &url.Error{Op: "Post", URL: "http://x/", Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}}
	timeout := &AttemptTimeoutError{Timeout: time.Second, Err: context.DeadlineExceeded}
	began := func(wrote bool) *sendTrace {
		tr := &sendTrace{}
		tr.began.Store(true)
		tr.wrote.Store(wrote)
		return tr
	}
	for _, tc := range []struct {
		name  string
		trace *sendTrace
		err   error
		want  bool
	}{
		{"dial error, no trace", nil, dial, true},
		{"DNS failure", nil, &net.DNSError{Err: "server misbehaving", IsTemporary: true}, true},
		{"reset, no trace", nil, reset, false},
		{"reset before the headers were written", began(false), reset, true},
		{"reset after the headers were written", began(true), reset, false},
		{"dial error after headers were written (middleware retrying)", began(true), dial, false},
		{"timeout before the headers were written", began(false), timeout, false},
	} {
		st := &callState{sent: tc.trace}
		assert.Equal(t, tc.want, st.neverSent(tc.err), tc.name)
	}
}

// A transport failure whose backoff would outlast the deadline ends the
// call at once, as a deadline error that still names the failure.
func TestBackoffBeyondDeadlineAfterTransportError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	srv.Close() // connection refused from now on
	tr := New(Config{
		Endpoint: u, RegionID: "cn-huhehaote", Signature: signer.V1,
		Credentials: func(context.Context) (Credentials, error) {
			return Credentials{AccessKeyID: "ak", AccessKeySecret: "secret", SecurityToken: "sts-token"}, nil
		},
		HTTPClient: &http.Client{},
		Retry:      RetryPolicy{MaxAttempts: 4, MinBackoff: 10 * time.Second, MaxBackoff: 10 * time.Second},
		Jitter:     func(n int64) int64 { return n - 1 },
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	meta, err := tr.Do(ctx, &Call{Action: "X", Read: true}, noFields)
	assert.NoError(t, ctx.Err(), "the call ended before its deadline")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, meta.Attempts)
	assert.Contains(t, err.Error(), "connection refused")
	assert.NotContains(t, err.Error(), "sts-token")
	assert.NotContains(t, err.Error(), "Signature")
}
