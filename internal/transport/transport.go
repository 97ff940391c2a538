// Package transport is the one RPC call path every PrivateLink operation
// uses: it signs each attempt afresh, sends it through go-retryablehttp with
// the SDK's retry policy, logs each attempt without secrets, and hands the
// JSON body to the operation's decoder.
package transport

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"

	"github.com/privatelink-go/sdk/internal/jsonx"
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
		cfg.Logger = slog.New(discardHandler{})
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
		RetryMax:     cfg.Retry.MaxAttempts - 1,
		CheckRetry:   t.checkRetry,
		Backoff:      t.backoff,
		PrepareRetry: t.prepareRetry,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, _ int) {
			if st := stateFrom(req.Context()); st != nil {
				st.attempts++
				st.start = time.Now()
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
	// retry to its logical call. It is already among Params when set.
	ClientToken string
}

// FieldFunc decodes one top-level member of a successful response. It
// returns false when it does not know key, and the member is skipped.
type FieldFunc func(d *jsonx.Decoder, key []byte) bool

// Meta describes how a call ended on the wire.
type Meta struct {
	RequestID  string
	StatusCode int
	Attempts   int
}

// ServiceError is a service error answer, decoded from an error body.
type ServiceError struct {
	StatusCode int
	Code       string
	Message    string
	RequestID  string
	HostID     string
	Recommend  string
	Attempts   int
}

// Error returns the code, status, message and request ID.
func (e *ServiceError) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s (RequestId %s)", e.Code, e.StatusCode, e.Message, e.RequestID)
}

// ResponseError reports an answer that is not a well-formed service response:
// a proxy's HTML page, an empty or truncated body, an oversized one.
type ResponseError struct {
	StatusCode  int
	ContentType string
	Snippet     string
	RequestID   string
	Attempts    int
	Err         error
}

// Error describes the answer and why it is not a service response.
func (e *ResponseError) Error() string {
	msg := fmt.Sprintf("unexpected response (HTTP %d", e.StatusCode)
	if e.ContentType != "" {
		msg += ", " + e.ContentType
	}
	msg += ")"
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Snippet != "" {
		msg += fmt.Sprintf("; body starts %q", e.Snippet)
	}
	return msg
}

// Unwrap returns the cause.
func (e *ResponseError) Unwrap() error { return e.Err }

// RequestError reports a call that never got a usable answer: transport
// failures after the last attempt, or the context ending.
type RequestError struct {
	Attempts int
	Err      error
	// Last is the service error of the last answer, when the call ended
	// (by its context) after a retryable service error: a throttled call
	// that ran out of time is still a throttled call.
	Last *ServiceError
}

// Error describes the failure and the last answer, if any.
func (e *RequestError) Error() string {
	msg := "request failed: " + e.Err.Error()
	if e.Attempts > 1 {
		msg = fmt.Sprintf("request failed after %d attempts: %v", e.Attempts, e.Err)
	}
	if e.Last != nil {
		msg += "; last answer: " + e.Last.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// Do performs call and feeds the members of a successful JSON answer to
// field. Errors are *ServiceError, *ResponseError, *RequestError, or a
// credentials error.
func (t *Transport) Do(ctx context.Context, call *Call, field FieldFunc) (Meta, error) {
	creds, err := t.cfg.Credentials(ctx)
	if err != nil {
		return Meta{}, err
	}
	if t.cfg.Limiter != nil {
		if err := t.cfg.Limiter.Wait(ctx); err != nil {
			return Meta{}, &RequestError{Err: err}
		}
	}
	st := statePool.Get().(*callState)
	st.t, st.call, st.creds = t, call, creds
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
	case err != nil:
		err = redact(err)
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (last attempt: %v)", ctxErr, err)
		}
		return meta, &RequestError{Attempts: st.attempts, Err: err, Last: st.errResp}
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
	return meta, err
}

// ErrorCode returns the service error code of err, if it is a *ServiceError.
func ErrorCode(err error) string {
	var se *ServiceError
	if errors.As(err, &se) {
		return se.Code
	}
	return ""
}

func success(status int) bool { return status >= 200 && status <= 299 }

// callState travels in the request context so that the shared
// retryablehttp hooks can reach the call they are serving.
type callState struct {
	t     *Transport
	call  *Call
	creds Credentials

	attempts  int
	start     time.Time
	latency   time.Duration
	status    int
	header    http.Header
	body      *bytes.Buffer
	readErr   error
	requestID string
	errResp   *ServiceError

	// Reused across calls through statePool, with the buffer below, so a
	// call allocates neither a decoder nor a read buffer.
	dec     jsonx.Decoder
	limited io.LimitedReader
}

type stateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(stateKey{}).(*callState)
	return st
}

var statePool = sync.Pool{New: func() any { return &callState{body: new(bytes.Buffer)} }}

// release returns st to the pool, unless its buffer grew past what is worth
// keeping (a large ListVpcEndpoints page).
func (st *callState) release() {
	if st.body.Cap() > 1<<20 {
		return
	}
	body, dec := st.body, st.dec
	body.Reset()
	*st = callState{body: body, dec: dec}
	statePool.Put(st)
}

// checkRetry reads the whole answer inside the attempt (so the per-attempt
// timeout covers it), classifies it and logs the attempt.
func (t *Transport) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateFrom(ctx)
	st.status, st.header, st.readErr, st.errResp, st.requestID = 0, nil, nil, nil, ""
	code := ""
	if err == nil {
		st.status, st.header = resp.StatusCode, resp.Header
		err = st.read(resp)
		if err == nil && !success(st.status) {
			code = st.inspect()
		}
	}
	err = redact(err)
	retry, reason := ShouldRetry(ctx.Err(), st.status, code, err)
	if st.readErr != nil {
		// An oversized body will be just as big next time.
		retry, reason, err = false, "oversized body", nil
	}
	if retry && st.attempts < t.cfg.Retry.MaxAttempts {
		// Waiting out a server hint that ends after the deadline would only
		// trade the service's answer for a bare deadline error.
		if hint := Hint(st.header, t.cfg.Now()); hint > 0 {
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < min(hint, MaxHint) {
				retry, reason = false, "server hint outlasts the context deadline"
			}
		}
	}
	st.latency = time.Since(st.start)
	if err != nil || retry || !success(st.status) {
		t.logAttempt(ctx, st, code, err, retry, reason)
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil && !retry {
		return false, err
	}
	return retry, nil
}

// read drains resp.Body into a pooled buffer, up to MaxResponseBytes.
func (st *callState) read(resp *http.Response) error {
	st.body.Reset()
	st.limited = io.LimitedReader{R: resp.Body, N: MaxResponseBytes + 1}
	_, err := st.body.ReadFrom(&st.limited)
	st.limited.R = nil
	resp.Body.Close()
	resp.Body = http.NoBody
	if err != nil {
		return err // a cut connection mid-body is a transport error
	}
	if st.body.Len() > MaxResponseBytes {
		st.readErr = fmt.Errorf("response body exceeds %d bytes", MaxResponseBytes)
		return st.readErr
	}
	return nil
}

// inspect decodes the error members of a non-2xx body (if it is a service
// error) and returns the service error code, for the retry decision.
func (st *callState) inspect() string {
	var e ServiceError
	d := &st.dec
	d.Reset(st.body.Bytes())
	if d.Object() {
		for key, ok := d.Key(); ok; key, ok = d.Key() {
			if !e.field(d, key) {
				d.Skip()
			}
		}
	}
	st.setRequestID(e.RequestID)
	if d.Finish() != nil || e.Code == "" {
		return ""
	}
	st.errResp = st.serviceError(e)
	return e.Code
}

// decode reads a 2xx body in one pass: the error members are the
// transport's (some gateways answer errors with status 200), RequestId is
// kept for Meta, and everything else goes to the operation's field.
func (st *callState) decode(field FieldFunc) error {
	var e ServiceError
	d := &st.dec
	d.Reset(st.body.Bytes())
	if !d.Object() {
		if d.Err() == nil {
			return st.responseError(errors.New("body is not a JSON object"))
		}
		return st.responseError(d.Err())
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		if !e.field(d, key) && !field(d, key) {
			d.Skip()
		}
	}
	st.setRequestID(e.RequestID)
	if err := d.Finish(); err != nil {
		return st.responseError(err)
	}
	if e.Code != "" {
		return st.serviceError(e)
	}
	return nil
}

// field decodes the members every answer may carry.
func (e *ServiceError) field(d *jsonx.Decoder, key []byte) bool {
	switch string(key) {
	case "RequestId":
		e.RequestID = d.String()
	case "Code":
		e.Code = d.String()
	case "Message":
		e.Message = d.String()
	case "HostId":
		e.HostID = d.String()
	case "Recommend":
		e.Recommend = d.String()
	default:
		return false
	}
	return true
}

// setRequestID records the answer's request ID, from the body or, failing
// that, the x-acs-request-id header.
func (st *callState) setRequestID(id string) {
	if id == "" && st.header != nil {
		id = st.header.Get("X-Acs-Request-Id")
	}
	st.requestID = id
}

func (st *callState) serviceError(e ServiceError) *ServiceError {
	e.RequestID, e.StatusCode, e.Attempts = st.requestID, st.status, st.attempts
	e.Message = st.redactToken(e.Message)
	e.Recommend = st.redactToken(e.Recommend)
	return &e
}

// redactToken removes the call's STS security token from text the service
// sent back. A SignatureDoesNotMatch answer quotes the server's string to
// sign, which for V1 holds every parameter, SecurityToken included, percent
// encoded once or twice.
func (st *callState) redactToken(s string) string {
	tok := st.creds.SecurityToken
	if tok == "" || s == "" {
		return s
	}
	once := signer.PercentEncode(tok)
	for _, form := range [...]string{signer.PercentEncode(once), once, tok} {
		s = strings.ReplaceAll(s, form, "[redacted]")
	}
	return s
}

func (st *callState) responseError(err error) *ResponseError {
	e := &ResponseError{StatusCode: st.status, RequestID: st.requestID, Attempts: st.attempts, Err: err}
	if st.header != nil {
		e.ContentType = st.header.Get("Content-Type")
	}
	e.Snippet = st.redactToken(snippet(st.body.Bytes()))
	return e
}

// snippet returns the start of a body, enough to recognise a proxy page.
func snippet(b []byte) string {
	const n = 160
	if len(b) > n {
		b = b[:n]
	}
	return string(bytes.ToValidUTF8(b, []byte("?")))
}

func (t *Transport) backoff(_, _ time.Duration, retry int, resp *http.Response) time.Duration {
	var h http.Header
	if resp != nil {
		h = resp.Header
	}
	return Backoff(t.cfg.Retry, retry, Hint(h, t.cfg.Now()), t.cfg.Jitter)
}

// prepareRetry signs the next attempt afresh: the service rejects a reused
// SignatureNonce and a stale timestamp.
func (t *Transport) prepareRetry(req *http.Request) error {
	st := stateFrom(req.Context())
	if t.cfg.Limiter != nil {
		if err := t.cfg.Limiter.Wait(req.Context()); err != nil {
			return err
		}
	}
	creds, err := t.cfg.Credentials(req.Context())
	if err != nil {
		return err
	}
	st.creds = creds
	req.Header = req.Header.Clone()
	t.sign(req, st)
	return nil
}

// redact strips the query string from a *url.Error: in a V1 request it holds
// the signature and any security token, which must never reach a log or an
// error message.
func redact(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil || u.RawQuery == "" {
		return err
	}
	u.RawQuery = ""
	return &url.Error{Op: ue.Op, URL: u.String(), Err: ue.Err}
}

// NewNonce returns 128 random bits in hex, the form the official SDKs use.
func NewNonce() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return d }
func (d discardHandler) WithGroup(string) slog.Handler           { return d }

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

// AttemptTimeoutError reports an attempt that took longer than the
// per-attempt timeout. It is retried like any transport failure.
type AttemptTimeoutError struct {
	Timeout time.Duration
	Err     error
}

// Error names the timeout.
func (e *AttemptTimeoutError) Error() string {
	return fmt.Sprintf("attempt timed out after %v: %v", e.Timeout, e.Err)
}

// Unwrap returns the transport error the timeout caused.
func (e *AttemptTimeoutError) Unwrap() error { return e.Err }

func roundTripper(hc *http.Client) http.RoundTripper {
	if hc.Transport != nil {
		return hc.Transport
	}
	return http.DefaultTransport
}

// BaseURL returns the URL requests are sent to, without query.
func (t *Transport) BaseURL() string { return t.baseURL }

// CloseIdleConnections closes the idle connections of the configured HTTP
// client's transport.
func (t *Transport) CloseIdleConnections() { t.cfg.HTTPClient.CloseIdleConnections() }
