// Package transport is the one RPC call path every PrivateLink operation
// uses: it signs each attempt afresh, sends it through go-retryablehttp with
// the SDK's retry policy, logs each attempt without secrets, and hands the
// JSON body to the operation's decoder.
package transport

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/ratecontrol"
	"github.com/privatelink-go/sdk/signer"
)

// APIVersion is the PrivateLink API version this SDK speaks.
const APIVersion = "2020-04-15"

// MaxResponseBytes caps how much of a response body is read. The largest
// legitimate answer (ListVpcEndpoints with 1000 tagged endpoints) is a few
// MiB; anything bigger is a misbehaving proxy and must not exhaust memory.
const MaxResponseBytes = 8 << 20

// Credentials are the secrets one call is signed with.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

// CredentialsFunc returns the credentials for the next call. It is asked on
// every call so that rotating STS credentials keep working.
type CredentialsFunc func(ctx context.Context) (Credentials, error)

// Config configures a Transport. Zero fields take defaults where noted.
type Config struct {
	Endpoint    *url.URL // scheme, host and optional base path
	RegionID    string
	Signature   signer.Version
	Credentials CredentialsFunc
	HTTPClient  *http.Client // its Timeout is ignored: see AttemptTimeout
	// AttemptTimeout bounds one attempt, from sending the request to the
	// end of the body; 0 means none (the call's context still applies).
	AttemptTimeout time.Duration
	Retry          RetryPolicy
	Logger         *slog.Logger // nil: no logging
	UserAgent      string
	Limiter        *rate.Limiter // nil: unlimited
	// Adaptive paces the attempts of each action by the throttles of this
	// client's own rate its answers report (OwnThrottle); nil: no adaptive
	// pacing. Every attempt waits for it first, then for Limiter, the hard
	// ceiling.
	Adaptive *ratecontrol.Controller
	// OnAttempt, when set, is told about every attempt once it is
	// classified (a success once its request ID is decoded).
	OnAttempt func(ctx context.Context, a AttemptInfo)

	// Now, Nonce and Jitter are replaced by tests; nil means the real ones.
	Now    func() time.Time
	Nonce  func() string
	Jitter func(n int64) int64
}

// Transport sends signed RPC requests. It is safe for concurrent use.
type Transport struct {
	cfg       Config
	userAgent []string
	rc        *retryablehttp.Client
	baseURL   string
	path      string
}

// New returns a Transport for cfg.
func New(cfg Config) *Transport {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Nonce == nil {
		cfg.Nonce = NewNonce
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Retry.MaxAttempts < 1 {
		cfg.Retry.MaxAttempts = 1
	}
	t := &Transport{cfg: cfg, userAgent: []string{cfg.UserAgent}}
	base := *cfg.Endpoint
	base.RawQuery, base.Fragment = "", ""
	t.path = base.EscapedPath()
	if t.path == "" {
		t.path = "/"
		base.Path = "/"
	}
	t.baseURL = base.String()
	// retryablehttp closes the client's idle connections whenever a call
	// gives up; on a client shared by a fleet of goroutines that would
	// force new TLS handshakes on all of them. The attempt round tripper
	// hides CloseIdleConnections from it, and enforces the attempt timeout
	// itself: with a wrapped transport, http.Client.Timeout would cost a
	// goroutine and a timer per request.
	hc := *cfg.HTTPClient
	hc.Timeout = 0
	hc.Transport = attemptRoundTripper{rt: roundTripper(cfg.HTTPClient), timeout: cfg.AttemptTimeout}
	t.rc = &retryablehttp.Client{
		HTTPClient:   &hc,
		RetryWaitMin: cfg.Retry.MinBackoff,
		RetryWaitMax: cfg.Retry.MaxBackoff,
		// checkRetry enforces the attempt limit itself; see there.
		RetryMax:     math.MaxInt32,
		CheckRetry:   t.checkRetry,
		Backoff:      t.backoff,
		PrepareRetry: t.prepareRetry,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, _ int) {
			if st := stateFrom(req.Context()); st != nil {
				st.attempts++
				st.start = time.Now()
				st.waited = st.start.Sub(st.idleSince)
			}
		},
	}
	return t
}

// Call is one logical API call: its action and business parameters, fixed
// across every attempt.
type Call struct {
	Action string
	Params []signer.Param
	// ClientToken is logged with each attempt so that operators can match a
	// retry to its logical call. It is already among Params or Form when set.
	ClientToken string
	// Form holds the parameters the API reads from the form body (the
	// metadata's "formData", as in TagResources). They are sent as an
	// application/x-www-form-urlencoded body and signed as the official
	// SDKs sign them: with the query under V1, through the body hash under V3.
	Form []signer.Param
	// Region says where the client's RegionId goes: the query (the zero
	// value), the form body, or nowhere, for account-level actions such as
	// OpenPrivateLinkService that take none.
	Region RegionPlacement
	// Read marks an action that changes nothing. A read, or a call with a
	// ClientToken (the service runs a token's call once), is retried after
	// any retryable failure. Any other call (a write without a token:
	// OpenPrivateLinkService, ChangeResourceGroup, Invoke without
	// Idempotent) is retried only when the failed attempt provably never
	// reached the service, or was refused by it (see replayable): after an
	// ambiguous failure, such as a reset after sending or a timeout waiting
	// for the answer, a second attempt could act twice.
	Read bool
}

// RegionPlacement is where a call carries the client's RegionId.
type RegionPlacement uint8

const (
	// RegionInQuery sends RegionId in the query string.
	RegionInQuery RegionPlacement = iota
	// RegionInForm sends RegionId in the form body.
	RegionInForm
	// RegionNone sends no RegionId.
	RegionNone
)

// FieldFunc decodes one top-level member of a successful response. It
// returns false when it does not know key, and the member is skipped.
type FieldFunc func(d *jsonx.Decoder, key []byte) bool

// Meta describes how a call ended on the wire.
type Meta struct {
	RequestID  string
	StatusCode int
	Attempts   int
}

// Do performs call and feeds the members of a successful JSON answer to
// field. Errors are *ServiceError, *ResponseError, *RequestError, or a
// credentials error.
func (t *Transport) Do(ctx context.Context, call *Call, field FieldFunc) (Meta, error) {
	if err := ctx.Err(); err != nil {
		// Nothing is sent: Attempts 0 tells the caller no request can have
		// reached the service.
		return Meta{}, &RequestError{Err: err}
	}
	creds, err := t.cfg.Credentials(ctx)
	if err != nil {
		return Meta{}, err
	}
	begin := time.Now()
	if err := t.waitRate(ctx, call.Action); err != nil {
		return Meta{}, &RequestError{Err: err}
	}
	st := statePool.Get().(*callState)
	st.t, st.call, st.creds, st.began, st.idleSince = t, call, creds, time.Now(), begin
	st.admitted = st.began
	defer st.release()
	ctx = context.WithValue(ctx, stateKey{}, st)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.baseURL, nil)
	if err != nil {
		return Meta{}, &RequestError{Err: err}
	}
	t.sign(req, st)
	resp, err := t.rc.Do(&retryablehttp.Request{Request: req})
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	meta := Meta{StatusCode: st.status, Attempts: st.attempts, RequestID: st.requestID}
	switch {
	case st.readErr != nil:
		return meta, st.responseError(st.readErr)
	case st.outlasted:
		// Ended as the deadline would have ended it, only without the
		// wait: the same error, whatever chose the wait.
		cause := fmt.Errorf("%w: the wait of %v before attempt %d would end after it", context.DeadlineExceeded, st.wait.Round(time.Millisecond), st.attempts+1)
		if err != nil {
			cause = fmt.Errorf("%w (last attempt: %v)", cause, st.redact(err))
		}
		return meta, &RequestError{Attempts: st.attempts, Err: cause, Last: st.errResp}
	case err != nil:
		err = st.redact(err)
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (last attempt: %v)", ctxErr, err)
		}
		reqErr := &RequestError{Attempts: st.attempts, Err: err}
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
			// Only a call its context ended (or was about to end, for a
			// rate-limiter wait) keeps the previous answer: a credentials
			// failure before a retry is not that answer.
			reqErr.Last = st.errResp
		}
		return meta, reqErr
	case st.errResp != nil:
		return meta, st.errResp
	case !success(st.status):
		return meta, st.responseError(errors.New("no service error in the body"))
	}
	err = st.decode(field)
	meta.RequestID = st.requestID
	// A successful attempt is logged once its request ID is decoded.
	code := ""
	if err != nil {
		code = ErrorCode(err)
	}
	t.logAttempt(ctx, st, code, err, false, "")
	t.attemptDone(ctx, st, code, err, false)
	return meta, err
}

// waitLimiter waits for the rate limiter, if any. x/time/rate refuses at
// once a wait that would end after the deadline, with an error that is not
// context.DeadlineExceeded; callers test for that one, so it is added.
func (t *Transport) waitLimiter(ctx context.Context) error {
	if t.cfg.Limiter == nil {
		return nil
	}
	err := t.cfg.Limiter.Wait(ctx)
	if err != nil && ctx.Err() == nil {
		if _, ok := ctx.Deadline(); ok {
			return fmt.Errorf("%w: %v", context.DeadlineExceeded, err)
		}
	}
	return err
}

func success(status int) bool { return status >= 200 && status <= 299 }

// NewNonce returns 128 random bits in hex, the form the official SDKs use.
func NewNonce() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// BaseURL returns the URL requests are sent to, without query.
func (t *Transport) BaseURL() string { return t.baseURL }

// CloseIdleConnections closes the idle connections of the configured HTTP
// client's transport.
func (t *Transport) CloseIdleConnections() { t.cfg.HTTPClient.CloseIdleConnections() }
