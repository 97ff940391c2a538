package privatelink

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/wire"
	"github.com/privatelink-go/sdk/signer"
)

const (
	testAK     = "LTAI-test-access-key"
	testSecret = "test-secret-never-logged"
	testToken  = "sts-token-never-logged"
)

// recorded is what the fake service saw of one attempt.
type recorded struct {
	query   map[string]string
	headers http.Header
	sigErr  error
}

// fakeService verifies every request's signature (V1 or V3) and answers
// with the next scripted response.
type fakeService struct {
	t       *testing.T
	mu      sync.Mutex
	seen    []recorded
	answers []func(w http.ResponseWriter)
	calls   atomic.Int32
}

func (f *fakeService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(f.calls.Add(1)) - 1
	q := r.URL.Query()
	rec := recorded{query: map[string]string{}, headers: r.Header.Clone()}
	var params []signer.Param
	for k, vs := range q {
		rec.query[k] = vs[0]
		params = append(params, signer.Param{Key: k, Value: vs[0]})
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		var hs []signer.Param
		for k, vs := range r.Header {
			hs = append(hs, signer.Param{Key: k, Value: vs[0]})
		}
		hs = append(hs, signer.Param{Key: "host", Value: r.Host})
		rec.sigErr = signer.VerifyV3(signer.V3Request{Method: r.Method, Path: r.URL.EscapedPath(), Query: params, Headers: hs}, auth, testSecret)
	} else {
		rec.sigErr = signer.VerifyV1(r.Method, params, testSecret)
	}
	f.mu.Lock()
	f.seen = append(f.seen, rec)
	answer := f.answers[min(n, len(f.answers)-1)]
	f.mu.Unlock()
	answer(w)
}

func (f *fakeService) attempts() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.seen...)
}

func jsonAnswer(status int, body string, headers ...string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

const okBody = `{"RequestId":"REQ-OK","EndpointId":"ep-123","EndpointStatus":"Creating"}`

func newFake(t *testing.T, answers ...func(w http.ResponseWriter)) (*fakeService, *httptest.Server) {
	f := &fakeService{t: t, answers: answers}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func newTestClient(t *testing.T, url string, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithEndpoint(url), WithStaticCredentials(testAK, testSecret, ""), WithRetry(4, time.Millisecond, 5*time.Millisecond)}
	c, err := NewClient("cn-huhehaote", append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// rawCall sends one action through the client's call path with a fixed
// ClientToken, as every mutating operation does.
func rawCall(ctx context.Context, c *Client, token string) (string, string, error) {
	var params wire.Params
	params.Set("VpcId", "vpc-1")
	params.String("ClientToken", token)
	var endpointID string
	reqID, err := c.call(ctx, "CreateVpcEndpoint", params, token, func(d *jsonx.Decoder, key []byte) bool {
		if string(key) == "EndpointId" {
			endpointID = d.String()
			return true
		}
		return false
	})
	return endpointID, reqID, err
}

func TestMain(m *testing.M) {
	// The default credential chain must never probe the ECS metadata service
	// from a test.
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	// Every test closes its servers; afterwards no goroutine of the client,
	// the waiters or the emulator may be left running.
	goleak.VerifyTestMain(m)
}

func TestRetriesAreSignedAfreshWithTheSameClientToken(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		t.Run(v.String(), func(t *testing.T) {
			f, srv := newFake(t,
				jsonAnswer(503, `{"RequestId":"R1","Code":"ServiceUnavailable","Message":"busy"}`),
				jsonAnswer(500, `{"RequestId":"R2","Code":"InternalError","Message":"oops"}`),
				jsonAnswer(200, okBody))
			c := newTestClient(t, srv.URL, WithSignatureVersion(v))
			id, reqID, err := rawCall(context.Background(), c, "token-1")
			require.NoError(t, err)
			assert.Equal(t, "ep-123", id)
			assert.Equal(t, "REQ-OK", reqID)

			seen := f.attempts()
			require.Len(t, seen, 3)
			nonces, stamps := map[string]bool{}, map[string]bool{}
			for i, a := range seen {
				require.NoError(t, a.sigErr, "attempt %d signature", i+1)
				assert.Equal(t, "token-1", a.query["ClientToken"])
				assert.Equal(t, "cn-huhehaote", a.query["RegionId"])
				if v == signer.V1 {
					nonces[a.query["SignatureNonce"]] = true
					stamps[a.query["Timestamp"]] = true
				} else {
					nonces[a.headers.Get("X-Acs-Signature-Nonce")] = true
					stamps[a.headers.Get("X-Acs-Date")] = true
					assert.Equal(t, "CreateVpcEndpoint", a.headers.Get("X-Acs-Action"))
				}
			}
			assert.Len(t, nonces, 3, "every attempt needs its own nonce")
			assert.NotContains(t, nonces, "")
			assert.NotContains(t, stamps, "")
		})
	}
}

func TestRetriesGetFreshTimestamps(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(503, `{"Code":"ServiceUnavailable"}`), jsonAnswer(200, okBody))
	var tick atomic.Int64
	base := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c := newTestClient(t, srv.URL, withNow(func() time.Time { return base.Add(time.Duration(tick.Add(1)) * time.Minute) }))
	_, _, err := rawCall(context.Background(), c, "t")
	require.NoError(t, err)
	seen := f.attempts()
	require.Len(t, seen, 2)
	assert.NotEqual(t, seen[0].headers.Get("X-Acs-Date"), seen[1].headers.Get("X-Acs-Date"))
}

func TestServiceUnavailableThenOK(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(503, `{"RequestId":"R1","Code":"ServiceUnavailable","Message":"busy"}`), jsonAnswer(200, okBody))
	c := newTestClient(t, srv.URL)
	_, _, err := rawCall(context.Background(), c, "t")
	require.NoError(t, err)
	assert.Len(t, f.attempts(), 2)
}

func TestThrottlingHonoursHint(t *testing.T) {
	// Alibaba Cloud's rate-limit header says how long the window has left
	// (TimeLeft, in milliseconds); Retry-After is covered by Hint's table test.
	const hint = 150 * time.Millisecond
	f, srv := newFake(t,
		jsonAnswer(400, `{"RequestId":"R1","Code":"Throttling.User","Message":"slow down"}`,
			"x-ratelimit-user-api", "Limit:10,Remain:0,TimeLeft:150,Reset:1"),
		jsonAnswer(200, okBody))
	// Backoff bounds far below the hint: only the hint explains the wait.
	c := newTestClient(t, srv.URL, WithRetry(3, time.Microsecond, time.Microsecond))
	start := time.Now()
	_, _, err := rawCall(context.Background(), c, "t")
	require.NoError(t, err)
	assert.Len(t, f.attempts(), 2)
	assert.GreaterOrEqual(t, time.Since(start), hint)
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(400, `{"RequestId":"R-bad","HostId":"privatelink.cn-huhehaote.aliyuncs.com","Code":"InvalidParameter","Message":"The parameter VpcId is invalid.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidParameter"}`))
	c := newTestClient(t, srv.URL)
	_, _, err := rawCall(context.Background(), c, "tok-9")
	require.Error(t, err)
	assert.Len(t, f.attempts(), 1)

	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, &APIError{
		StatusCode: 400, Code: "InvalidParameter", Message: "The parameter VpcId is invalid.",
		RequestID: "R-bad", HostID: "privatelink.cn-huhehaote.aliyuncs.com",
		Recommend: "https://api.aliyun.com/troubleshoot?q=InvalidParameter",
		Action:    "CreateVpcEndpoint", ClientToken: "tok-9", Attempts: 1,
	}, apiErr)
	assert.Contains(t, err.Error(), "InvalidParameter")
	assert.Contains(t, err.Error(), "R-bad")
	tok, ok := ClientTokenFromError(err)
	assert.True(t, ok)
	assert.Equal(t, "tok-9", tok)
	assert.False(t, IsRetryable(err))
}

func TestRetriesExhaustedReturnsLastServiceError(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(503, `{"RequestId":"R","Code":"ServiceUnavailable","Message":"busy"}`))
	c := newTestClient(t, srv.URL, WithRetry(3, time.Millisecond, time.Millisecond))
	_, _, err := rawCall(context.Background(), c, "t")
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, "ServiceUnavailable", apiErr.Code)
	assert.Equal(t, 3, apiErr.Attempts)
	assert.Len(t, f.attempts(), 3)
	assert.True(t, IsRetryable(err))
}

func TestCancelEndsBackoffWaitAtOnce(t *testing.T) {
	_, srv := newFake(t, jsonAnswer(503, `{"Code":"ServiceUnavailable"}`, "Retry-After", "30"))
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := rawCall(ctx, c, "tok-c")
		done <- err
	}()
	// Wait until the first attempt was answered, then cancel during the
	// 30-second backoff.
	require.Eventually(t, func() bool { return srv.Config.Handler.(*fakeService).calls.Load() >= 1 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond) // let the client enter its wait; the assertion below bounds the exit
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		assert.Less(t, time.Since(start), time.Second)
		assert.ErrorIs(t, err, context.Canceled)
		tok, _ := ClientTokenFromError(err)
		assert.Equal(t, "tok-c", tok)
	case <-time.After(10 * time.Second):
		t.Fatal("call did not end after cancel")
	}
}

// A wait before the next attempt that would end after the deadline ends
// the call at once, and the same way whatever chose the wait (a server hint
// or the backoff): errors.Is(err, context.DeadlineExceeded), as if the
// deadline had come, with the last answer still there for ErrorCode and
// IsThrottling, and no attempt logged as "retrying".
func TestWaitBeyondDeadlineReturnsAtOnce(t *testing.T) {
	for name, header := range map[string][]string{
		"Retry-After 30": {"Retry-After", "30"},
		"backoff 10 s":   nil,
	} {
		f, srv := newFake(t, jsonAnswer(503, `{"RequestId":"R-503","Code":"Throttling.User","Message":"slow down"}`, header...))
		var logs bytes.Buffer
		c := newTestClient(t, srv.URL, WithRetry(4, 10*time.Second, 10*time.Second), withJitter(func(n int64) int64 { return n - 1 }),
			WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, _, err := rawCall(ctx, c, "tok-w")
		assert.NoError(t, ctx.Err(), "%s: the call ended before its deadline", name)
		cancel()
		assert.ErrorIs(t, err, context.DeadlineExceeded, name)
		assert.True(t, IsThrottling(err), "%s: %v", name, err)
		assert.False(t, IsRetryable(err), name)
		assert.Equal(t, "R-503", requestIDOf(err), name)
		tok, _ := ClientTokenFromError(err)
		assert.Equal(t, "tok-w", tok, name)
		assert.Len(t, f.attempts(), 1, name)
		assert.NotContains(t, logs.String(), "retrying", name)
		assert.Contains(t, logs.String(), "attempt done", name)
	}
}

func TestDeadlineDuringBackoffKeepsTheLastAnswer(t *testing.T) {
	_, srv := newFake(t, jsonAnswer(503, `{"RequestId":"R-503","Code":"ServiceUnavailable","Message":"busy"}`))
	c := newTestClient(t, srv.URL, WithRetry(5, time.Second, time.Second), withJitter(func(n int64) int64 { return n - 1 }))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err := rawCall(ctx, c, "tok-d")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, ErrCodeServiceUnavailable, ErrorCode(err), "%v", err)
	assert.False(t, IsRetryable(err), "the caller's deadline ended the call, whatever the last answer")
	assert.Contains(t, err.Error(), "last answer: ServiceUnavailable")
	assert.NotContains(t, err.Error(), "\n")
	tok, _ := ClientTokenFromError(err)
	assert.Equal(t, "tok-d", tok)
}

func TestNonJSONAndHostileBodies(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	cases := []struct {
		name   string
		answer func(w http.ResponseWriter)
		want   string
	}{
		{"proxy HTML page", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			w.Write([]byte("<html><body>Bad Gateway</body></html>"))
		}, "HTTP 502"},
		{"empty error body", jsonAnswer(403, ""), "HTTP 403"},
		{"truncated JSON", jsonAnswer(200, `{"RequestId":"R","EndpointId":"ep-`), "HTTP 200"},
		{"ten megabyte body", jsonAnswer(200, big), "exceeds"},
		{"wrong content type", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("hello"))
		}, "text/plain"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, srv := newFake(t, tc.answer)
			c := newTestClient(t, srv.URL, WithRetry(1, 0, 0))
			_, _, err := rawCall(context.Background(), c, "tok-h")
			require.Error(t, err)
			var reqErr *RequestError
			require.True(t, errors.As(err, &reqErr), "%T %v", err, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Less(t, len(err.Error()), 1024, "error messages stay short")
			assert.Equal(t, "tok-h", reqErr.ClientToken)
		})
	}
}

func TestOKStatusWithErrorBodyIsAnError(t *testing.T) {
	_, srv := newFake(t, jsonAnswer(200, `{"RequestId":"R","Code":"Forbidden.RAM","Message":"no"}`))
	c := newTestClient(t, srv.URL, WithRetry(1, 0, 0))
	_, _, err := rawCall(context.Background(), c, "")
	assert.Equal(t, ErrCodeForbiddenRAM, ErrorCode(err))
	assert.True(t, IsAuthError(err))
}

func TestTransportErrorsAreRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close() // the request may have taken effect: only the token makes a retry safe
			return
		}
		jsonAnswer(200, okBody)(w)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	id, _, err := rawCall(context.Background(), c, "t")
	require.NoError(t, err)
	assert.Equal(t, "ep-123", id)
	assert.EqualValues(t, 2, n.Load())
}

func TestLogsNeverContainSecrets(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		t.Run(v.String(), func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			f, srv := newFake(t, jsonAnswer(503, `{"RequestId":"R1","Code":"ServiceUnavailable"}`), jsonAnswer(200, okBody))
			c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL), WithStaticCredentials(testAK, testSecret, testToken),
				WithSignatureVersion(v), WithLogger(logger), WithRetry(3, time.Millisecond, time.Millisecond))
			require.NoError(t, err)
			_, _, err = rawCall(context.Background(), c, "tok-log")
			require.NoError(t, err)

			logs := buf.String()
			assert.Contains(t, logs, `"action":"CreateVpcEndpoint"`)
			assert.Contains(t, logs, `"attempt":2`)
			assert.Contains(t, logs, `"request_id":"REQ-OK"`)
			assert.Contains(t, logs, `"latency"`)
			assert.Contains(t, logs, `"client_token":"tok-log"`)
			assert.NotContains(t, logs, testSecret)
			assert.NotContains(t, logs, testToken)
			for _, a := range f.attempts() {
				require.NoError(t, a.sigErr)
				sig := a.query["Signature"]
				if v == signer.V3 {
					auth := a.headers.Get("Authorization")
					sig = auth[strings.LastIndex(auth, "=")+1:]
				}
				require.NotEmpty(t, sig)
				assert.NotContains(t, logs, sig)
			}
		})
	}
}

func TestTransportErrorMessagesCarryNoSignature(t *testing.T) {
	// A closed port: the connection is refused, and *url.Error would
	// normally print the whole V1 URL with its Signature and SecurityToken.
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c, err := NewClient("cn-huhehaote", WithEndpoint(url), WithStaticCredentials(testAK, testSecret, testToken),
		WithSignatureVersion(signer.V1), WithRetry(2, time.Millisecond, time.Millisecond))
	require.NoError(t, err)
	_, _, err = rawCall(context.Background(), c, "t")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Signature=")
	assert.NotContains(t, err.Error(), testToken)
	assert.True(t, IsRetryable(err))
}

// sendThroughClient is middleware of a common shape (proxies,
// instrumentation): its RoundTrip sends through an http.Client of its own,
// whose *url.Error quotes the whole signed V1 URL inside the one the
// caller's client returns.
type sendThroughClient struct{ hc *http.Client }

func (s sendThroughClient) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.RequestURI = ""
	return s.hc.Do(r2)
}

func TestNestedClientErrorsCarryNoSignature(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // connection refused from now on
	var text, js bytes.Buffer
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	logger := slog.New(fanout{slog.NewTextHandler(&text, debug), slog.NewJSONHandler(&js, debug)})
	c, err := NewClient("cn-huhehaote", WithEndpoint(url), WithStaticCredentials(testAK, testSecret, testToken),
		WithSignatureVersion(signer.V1), WithRetry(2, time.Millisecond, time.Millisecond),
		WithHTTPClient(&http.Client{Transport: sendThroughClient{&http.Client{}}}), WithLogger(logger))
	require.NoError(t, err)
	_, err = c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: "ep-1"})
	require.Error(t, err)
	require.Contains(t, text.String(), "retrying", "the first attempt's record is an Info one")
	for name, s := range map[string]string{
		"Error": err.Error(), "%+v": fmt.Sprintf("%+v", err), "%#v": fmt.Sprintf("%#v", err),
		"text log": text.String(), "JSON log": js.String(),
	} {
		for _, secret := range []string{testSecret, testToken, testAK, "Signature=", "SecurityToken"} {
			assert.NotContains(t, s, secret, name)
		}
	}
	assert.Contains(t, err.Error(), "connection refused", "the cause is still named")
	assert.True(t, IsRetryable(err), "the chain still tells a transport failure")
}

// fanout sends every record to each of its handlers.
type fanout []slog.Handler

func (f fanout) Enabled(context.Context, slog.Level) bool { return true }

func (f fanout) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range f {
		if err := h.Handle(ctx, r.Clone()); err != nil {
			return err
		}
	}
	return nil
}

func (f fanout) WithAttrs([]slog.Attr) slog.Handler { return f }

func (f fanout) WithGroup(string) slog.Handler { return f }

func TestSecurityTokenIsSent(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		t.Run(v.String(), func(t *testing.T) {
			f, srv := newFake(t, jsonAnswer(200, okBody))
			c := newTestClient(t, srv.URL, WithStaticCredentials(testAK, testSecret, testToken), WithSignatureVersion(v))
			_, _, err := rawCall(context.Background(), c, "")
			require.NoError(t, err)
			a := f.attempts()[0]
			require.NoError(t, a.sigErr)
			if v == signer.V1 {
				assert.Equal(t, testToken, a.query["SecurityToken"])
			} else {
				assert.Equal(t, testToken, a.headers.Get("X-Acs-Security-Token"))
				assert.NotContains(t, a.query, "SecurityToken")
			}
		})
	}
}

func TestDefaultChainWithEnvironmentCredentials(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", testAK)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", testSecret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "")
	f, srv := newFake(t, jsonAnswer(200, okBody))
	c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL))
	require.NoError(t, err)
	_, _, err = rawCall(context.Background(), c, "")
	require.NoError(t, err)
	require.NoError(t, f.attempts()[0].sigErr)
}

func TestDefaultChainWithoutCredentialsNamesTheSources(t *testing.T) {
	for _, k := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI",
		"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_PROFILE"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", t.TempDir()) // no CLI profile or credentials file
	f, srv := newFake(t, jsonAnswer(200, okBody))
	c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL))
	require.NoError(t, err)
	_, _, err = rawCall(context.Background(), c, "")
	var ce *CredentialsError
	require.True(t, errors.As(err, &ce), "%v", err)
	for _, source := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "OIDC", "~/.aliyun/config.json", "ECS", "ALIBABA_CLOUD_CREDENTIALS_URI", "WithStaticCredentials"} {
		assert.Contains(t, err.Error(), source)
	}
	assert.Empty(t, f.attempts(), "nothing may be sent without credentials")

	// Credentials configured later are found: the chain is not stuck.
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", testAK)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", testSecret)
	_, _, err = rawCall(context.Background(), c, "")
	require.NoError(t, err)
}

func TestConcurrentUse(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(200, okBody))
	c := newTestClient(t, srv.URL, WithRateLimit(10000, 100))
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				_, _, err := rawCall(context.Background(), c, "")
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	assert.Len(t, f.attempts(), 160)
	for _, a := range f.attempts() {
		require.NoError(t, a.sigErr)
	}
}

func TestNewClientValidatesOptions(t *testing.T) {
	cases := map[string][]Option{
		"ftp endpoint":      {WithEndpoint("ftp://example.com")},
		"no host":           {WithEndpoint("https://")},
		"query in endpoint": {WithEndpoint("https://example.com/?a=b")},
		"empty static key":  {WithStaticCredentials("", "s", "")},
		"nil credential":    {WithCredential(nil)},
		"bad signature":     {WithSignatureVersion(signer.Version(2))},
		"nil http client":   {WithHTTPClient(nil)},
		"zero attempts":     {WithRetry(0, 0, 0)},
		"inverted backoff":  {WithRetry(3, time.Second, time.Millisecond)},
		"negative timeout":  {WithTimeouts(-1, 0)},
		"nil logger":        {WithLogger(nil)},
		"two-line UA":       {WithUserAgent("a\nb")},
		"zero rate":         {WithRateLimit(0, 1)},
		"zero burst":        {WithRateLimit(1, 0)},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := NewClient("cn-hangzhou", opts...)
			assert.Error(t, err)
		})
	}
	_, err := NewClient("not a region")
	assert.Error(t, err)
	c, err := NewClient("cn-hangzhou")
	require.NoError(t, err)
	assert.Equal(t, "cn-hangzhou", c.RegionID())
}

func TestUserAgentAndPlainHTTPOnlyWhenAsked(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(200, okBody))
	c := newTestClient(t, srv.URL, WithUserAgent("my-controller/1.2"))
	_, _, err := rawCall(context.Background(), c, "")
	require.NoError(t, err)
	ua := f.attempts()[0].headers.Get("User-Agent")
	assert.True(t, strings.HasPrefix(ua, "privatelink-go/"+Version), ua)
	assert.True(t, strings.HasSuffix(ua, " my-controller/1.2"), ua)

	def, err := NewClient("cn-hangzhou")
	require.NoError(t, err)
	assert.Equal(t, "https://privatelink.cn-hangzhou.aliyuncs.com/", def.tr.BaseURL())
}

func TestProxyErrorPagesAreRetryable(t *testing.T) {
	page := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		w.Write([]byte("<html>Bad Gateway</html>"))
	}
	f, srv := newFake(t, page)
	c := newTestClient(t, srv.URL, WithRetry(3, time.Millisecond, time.Millisecond))
	_, _, err := rawCall(context.Background(), c, "tok-p")
	var reqErr *RequestError
	require.True(t, errors.As(err, &reqErr))
	assert.Equal(t, 502, reqErr.StatusCode)
	assert.Equal(t, "text/html", reqErr.ContentType)
	assert.Equal(t, "<html>Bad Gateway</html>", reqErr.Snippet)
	assert.Equal(t, 3, reqErr.Attempts)
	assert.Len(t, f.attempts(), 3, "the client retries a proxy's 502")
	assert.True(t, IsRetryable(err), "and says so")
}

func TestSecurityTokenNeverEchoedInErrors(t *testing.T) {
	// The gateway's SignatureDoesNotMatch quotes its V1 string to sign, in
	// which the token appears percent-encoded twice.
	tok := "CAIS/secret+token=="
	once := signer.PercentEncode(tok)
	msg := "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dx%26SecurityToken%3D" + signer.PercentEncode(once) + "%26Version%3D2020-04-15"
	for _, answer := range []func(w http.ResponseWriter){
		jsonAnswer(400, `{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"`+msg+`"}`),
		jsonAnswer(502, "proxy echo: SecurityToken="+tok+" and "+once),
	} {
		_, srv := newFake(t, answer)
		c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL), WithStaticCredentials(testAK, testSecret, tok),
			WithSignatureVersion(signer.V1), WithRetry(1, 0, 0))
		require.NoError(t, err)
		_, _, err = rawCall(context.Background(), c, "")
		require.Error(t, err)
		assert.NotContains(t, err.Error(), tok)
		assert.NotContains(t, err.Error(), once)
		assert.NotContains(t, err.Error(), signer.PercentEncode(once))
		assert.Contains(t, err.Error(), "[redacted]")
	}
}

func TestCredentialsFailureOnRetryKeepsTheClientToken(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(503, `{"RequestId":"R1","Code":"ServiceUnavailable"}`), jsonAnswer(200, okBody))
	c := newTestClient(t, srv.URL)
	var calls atomic.Int32
	c.tr = newTransportForTest(c, srv.URL, func(context.Context) (transportCredentials, error) {
		if calls.Add(1) > 1 {
			return transportCredentials{}, &CredentialsError{Err: errors.New("STS refresh failed")}
		}
		return transportCredentials{AccessKeyID: testAK, AccessKeySecret: testSecret}, nil
	})
	_, _, err := rawCall(context.Background(), c, "tok-cred")
	require.Error(t, err)
	assert.Len(t, f.attempts(), 1, "the first attempt reached the service")
	tok, ok := ClientTokenFromError(err)
	assert.True(t, ok, "%v", err)
	assert.Equal(t, "tok-cred", tok)
	var ce *CredentialsError
	assert.True(t, errors.As(err, &ce))
	assert.False(t, IsRetryable(err), "a credentials failure is not transient")
	assert.Empty(t, ErrorCode(err), "the previous 503 is not this call's outcome")
}

// slowCredential is a credentials-go Credential that takes a while.
type slowCredential struct{ delay time.Duration }

func (s slowCredential) GetCredential() (*credentials.CredentialModel, error) {
	time.Sleep(s.delay)
	id, secret := testAK, testSecret
	return &credentials.CredentialModel{AccessKeyId: &id, AccessKeySecret: &secret}, nil
}
func (slowCredential) GetAccessKeyId() (*string, error)     { return nil, nil }
func (slowCredential) GetAccessKeySecret() (*string, error) { return nil, nil }
func (slowCredential) GetSecurityToken() (*string, error)   { return nil, nil }
func (slowCredential) GetBearerToken() *string              { return nil }
func (slowCredential) GetType() *string                     { return nil }

func TestSlowCredentialSourceHonoursTheContext(t *testing.T) {
	_, srv := newFake(t, jsonAnswer(200, okBody))
	c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL), WithCredential(slowCredential{delay: 300 * time.Millisecond}))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err = rawCall(ctx, c, "")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 250*time.Millisecond, "the call must not wait for the slow source")

	// Concurrent callers share one fetch, and a patient one succeeds.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := rawCall(context.Background(), c, "")
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}

// A call that sent nothing carries no ClientToken, however it ended: there
// is no logical operation to finish, and a caller who retried with the
// token would mistake it for one.
func TestNothingSentCarriesNoClientToken(t *testing.T) {
	f, srv := newFake(t, jsonAnswer(200, okBody))
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	slow, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL), WithCredential(slowCredential{delay: 300 * time.Millisecond}))
	require.NoError(t, err)
	duringFetch, cancelFetch := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancelFetch()
	for name, tc := range map[string]struct {
		ctx context.Context
		c   *Client
	}{
		"context ended before the call":        {ended, newTestClient(t, srv.URL)},
		"context ended during the credentials": {duringFetch, slow},
	} {
		_, _, err := rawCall(tc.ctx, tc.c, "tok-unsent")
		require.Error(t, err, name)
		tok, ok := ClientTokenFromError(err)
		assert.False(t, ok, "%s: %q in %v", name, tok, err)
		assert.NotContains(t, err.Error(), "tok-unsent", name)
	}
	assert.Empty(t, f.attempts(), "nothing reached the service")
}

// countingTransport counts CloseIdleConnections calls.
type countingTransport struct {
	http.RoundTripper
	closed atomic.Int32
}

func (c *countingTransport) CloseIdleConnections() { c.closed.Add(1) }

func TestFailedCallsKeepTheSharedConnectionPool(t *testing.T) {
	_, srv := newFake(t, jsonAnswer(503, `{"Code":"ServiceUnavailable"}`))
	ct := &countingTransport{RoundTripper: http.DefaultTransport}
	c := newTestClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: ct}), WithRetry(2, time.Millisecond, time.Millisecond))
	_, _, err := rawCall(context.Background(), c, "")
	require.Error(t, err)
	assert.Zero(t, ct.closed.Load(), "a failing call must not close every goroutine's idle connections")
	c.CloseIdleConnections()
	assert.EqualValues(t, 1, ct.closed.Load())
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	var n atomic.Int32
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1: // no answer at all within the attempt timeout
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		case 2: // headers at once, then a body that stalls
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(200)
			w.Write([]byte(`{"RequestId":`))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		jsonAnswer(200, okBody)(w)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, srv.URL, WithTimeouts(0, 100*time.Millisecond), WithLogger(logger))
	id, _, err := rawCall(context.Background(), c, "t")
	require.NoError(t, err)
	assert.Equal(t, "ep-123", id)
	assert.EqualValues(t, 3, n.Load())
	assert.Contains(t, buf.String(), "attempt timed out after 100ms")

	// The caller's deadline is not an attempt timeout: no retry, and the
	// error says context deadline.
	c = newTestClient(t, srv.URL, WithTimeouts(0, time.Minute))
	n.Store(0)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err = rawCall(ctx, c, "t")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotContains(t, err.Error(), "attempt timed out")
	assert.EqualValues(t, 1, n.Load())
}

// rotatingCredential hands out a new access key on every call.
type rotatingCredential struct {
	slowCredential
	n atomic.Int32
}

func (r *rotatingCredential) GetCredential() (*credentials.CredentialModel, error) {
	id, secret := fmt.Sprintf("%s-%d", testAK, r.n.Add(1)), testSecret
	return &credentials.CredentialModel{AccessKeyId: &id, AccessKeySecret: &secret}, nil
}

func TestRotatingCredentialsAreAskedAgain(t *testing.T) {
	for _, tc := range []struct {
		reuse time.Duration
		keys  int
	}{{0, 3}, {time.Hour, 1}} {
		f, srv := newFake(t, jsonAnswer(200, okBody))
		cred := &rotatingCredential{}
		c := newTestClient(t, srv.URL, WithCredential(cred))
		c.tr = newTransportForTest(c, srv.URL, (&credentialSource{cred: cred, reuse: tc.reuse}).get)
		for range 3 {
			_, _, err := rawCall(context.Background(), c, "")
			require.NoError(t, err)
		}
		keys := map[string]bool{}
		for _, a := range f.attempts() {
			auth := a.headers.Get("Authorization")
			keys[auth[strings.Index(auth, "Credential=")+len("Credential="):strings.Index(auth, ",")]] = true
		}
		assert.Len(t, keys, tc.keys, "reuse %v", tc.reuse)
	}
}
