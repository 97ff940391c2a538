package privatelink

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/signer"
)

// Context errors are the caller's decision, not a transient failure, even
// when the call had been answered with a retryable error before it ended.
func TestIsRetryableIsFalseForContextErrors(t *testing.T) {
	last := &APIError{StatusCode: 503, Code: ErrCodeServiceUnavailable}
	for name, err := range map[string]error{
		"deadline":           &RequestError{Action: "X", Err: context.DeadlineExceeded},
		"cancelled":          &RequestError{Action: "X", Attempts: 2, Err: fmt.Errorf("%w (last attempt: EOF)", context.Canceled)},
		"after an answer":    &RequestError{Action: "X", Err: &endedAfterAnswer{err: context.DeadlineExceeded, last: last}},
		"bare context error": context.DeadlineExceeded,
	} {
		assert.False(t, IsRetryable(err), name)
	}
	attemptTimeout := &RequestError{Action: "X", Err: &transport.AttemptTimeoutError{Timeout: time.Second, Err: context.DeadlineExceeded}}
	assert.True(t, IsRetryable(attemptTimeout), "an attempt timeout is a transport failure, not the caller's deadline")
}

// A call whose context ended before anything was sent carries no
// ClientToken: no request can have reached the service.
func TestCancelledBeforeSendingCarriesNoClientToken(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(200, okBody))
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := rawCall(ctx, c, "tok-never-sent")
	assert.ErrorIs(t, err, context.Canceled)
	_, ok := ClientTokenFromError(err)
	assert.False(t, ok, "%v", err)
	assert.NotContains(t, err.Error(), "tok-never-sent")
	assert.Empty(t, f.attempts())
}

// An update right after AddZone meets EndpointLocked for longer than the
// attempts of WithRetry last: the busy budget rides it out, and
// WithBusyRetry(0) gives it only those attempts.
func TestBusyEndpointIsRetriedPastMaxAttempts(t *testing.T) {
	locked := jsonAnswer(400, `{"RequestId":"R-locked","Code":"EndpointLocked","Message":"The specified Endpoint is locked."}`)
	answers := []func(http.ResponseWriter){locked, locked, locked, locked, locked, locked, jsonAnswer(200, okBody)}

	f, srv := newFake(t, answers...)
	c := newTestClient(t, srv.URL) // 4 attempts, default busy budget
	_, _, err := rawCall(context.Background(), c, "tok-busy")
	require.NoError(t, err)
	assert.Len(t, f.attempts(), 7)

	f, srv = newFake(t, answers...)
	c = newTestClient(t, srv.URL, WithBusyRetry(0))
	_, _, err = rawCall(context.Background(), c, "tok-busy")
	assert.Equal(t, ErrCodeEndpointLocked, ErrorCode(err))
	assert.Len(t, f.attempts(), 4)
	assert.True(t, IsRetryable(err))

	_, err = NewClient("cn-hangzhou", WithBusyRetry(-time.Second))
	assert.ErrorContains(t, err, "WithBusyRetry")
}

// The new error and log paths (a cut body, an unknown host, a 200 with an
// error code) carry no secret, signature or security token.
func TestFaultPathsCarryNoSecrets(t *testing.T) {
	cut := func(w http.ResponseWriter) {
		w.Header().Set("Content-Length", "4096")
		w.Write([]byte(`{"RequestId":"R"}`))
	}
	codeIn200 := jsonAnswer(200, `{"RequestId":"R","Code":"Throttling","Message":"slow"}`)
	for name, answer := range map[string]func(http.ResponseWriter){"cut body": cut, "code in 200": codeIn200, "unknown host": nil} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			opts := []Option{WithStaticCredentials(testAK, testSecret, testToken), WithSignatureVersion(signer.V1),
				WithLogger(logger), WithRetry(2, time.Millisecond, time.Millisecond), WithThrottleRetry(0)}
			if answer != nil {
				_, srv := newFake(t, answer)
				opts = append(opts, WithEndpoint(srv.URL))
			} else {
				opts = append(opts, WithEndpoint("https://privatelink.cn-nowhere-9.aliyuncs.com"), WithHTTPClient(&http.Client{
					Transport: &http.Transport{DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
						host, _, _ := net.SplitHostPort(addr)
						return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
					}},
				}))
			}
			c, err := NewClient("cn-huhehaote", opts...)
			require.NoError(t, err)
			_, _, err = rawCall(context.Background(), c, "tok-secret-test")
			require.Error(t, err)
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), buf.String()} {
				assert.NotContains(t, text, testSecret)
				assert.NotContains(t, text, testToken)
				assert.NotContains(t, text, "Signature=")
			}
		})
	}
}
