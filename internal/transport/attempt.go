package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/signer"
)

// What happens in each attempt: the retryablehttp hooks read the answer
// within the attempt, classify it, sign the next attempt afresh and decode
// the final answer, all through the call state carried in the request
// context.

// callState travels in the request context so that the shared
// retryablehttp hooks can reach the call they are serving.
type callState struct {
	t     *Transport
	call  *Call
	creds Credentials

	attempts  int
	began     time.Time // the call's start, for the busy budget
	admitted  time.Time // when the attempt in flight passed the rate controls
	start     time.Time
	idleSince time.Time     // end of the previous attempt, or the call's start
	waited    time.Duration // from idleSince to this attempt's send
	latency   time.Duration
	status    int
	header    http.Header
	body      *bytes.Buffer
	readErr   error
	requestID string
	errResp   *ServiceError
	query     string        // the query of the attempt in flight, for redact
	sent      *sendTrace    // what the attempt in flight sent, for a call that is not replayable
	wait      time.Duration // before the next attempt, chosen by checkRetry
	outlasted bool          // the call ended because wait would outlast the deadline

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
	prev := st.errResp
	st.status, st.header, st.readErr, st.errResp, st.requestID = 0, nil, nil, nil, ""
	code := ""
	if err == nil {
		st.status, st.header = resp.StatusCode, resp.Header
		err = st.read(resp)
		if err != nil && st.readErr == nil {
			// The connection broke mid-body (reset, attempt timeout, a body
			// shorter than its Content-Length): whatever arrived, even
			// valid JSON, is not the answer, and the cause must survive
			// the last attempt.
			err = fmt.Errorf("reading the body of an HTTP %d answer: %w", st.status, err)
		}
		// Some gateways answer errors with status 200: such a code is the
		// service error it names, retried like it. The byte scan keeps the
		// extra pass off ordinary successful answers.
		if err == nil && (!success(st.status) || bytes.Contains(st.body.Bytes(), []byte(`"Code"`))) {
			code = st.inspect()
		}
	}
	err = explainUnknownHost(st.redact(err))
	retry, reason := ShouldRetry(ctx.Err(), st.status, code, err)
	if retry && !st.call.replayable() && !st.mayRetry(st.status, code, err) {
		retry, reason = false, ReasonAmbiguous
	}
	if st.readErr != nil {
		// An oversized body will be just as big next time.
		retry, reason, err = false, "oversized body", nil
	}
	if retry && st.attempts >= t.cfg.Retry.MaxAttempts {
		// The attempt limit is enforced here rather than by retryablehttp,
		// so that the last attempt's error is returned as such (a cut body
		// would otherwise pass for the answer), is not logged as
		// "retrying", and busy answers can have a budget of their own.
		if t.busyRetry(st, code) {
			reason = "resource busy"
		} else if t.throttleRetry(st, code) {
			reason = "throttled"
		} else {
			retry, reason = false, "attempts exhausted"
		}
	}
	if retry {
		// The wait is chosen here, server hint or jittered backoff alike,
		// so that it can be held against the deadline: a wait that ends
		// after it would only postpone the same ending. prepareRetry waits
		// it out.
		if ThrottleAnswer(st.status, code) {
			st.wait = ThrottleWait(t.cfg.Retry, st.attempts-1, Hint(st.header, t.cfg.Now()), t.cfg.Jitter)
		} else {
			st.wait = Backoff(t.cfg.Retry, st.attempts-1, Hint(st.header, t.cfg.Now()), t.cfg.Jitter)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < st.wait {
			retry, reason = false, ReasonWaitOutlastsDeadline
			st.outlasted = true
		}
	}
	st.idleSince = time.Now()
	st.latency = st.idleSince.Sub(st.start)
	if t.cfg.Adaptive != nil && st.status != 0 {
		// Only an answer tells of the quota: a request that never got one
		// may never have reached the gateway's counter.
		// Only a throttle of this client's own rate moves the pace: see
		// OwnThrottle.
		// The attempt counts as sent when the pace let it go: a goroutine
		// admitted before a cut but sent after it tells of the old pace.
		t.cfg.Adaptive.Observe(st.call.Action, st.admitted, OwnThrottle(st.status, code, st.header))
	}
	if err != nil || retry || !success(st.status) || code != "" {
		t.logAttempt(ctx, st, code, err, retry, reason)
		t.attemptDone(ctx, st, code, err, retry)
	}
	if ctx.Err() != nil {
		if st.errResp == nil {
			// The context ended this attempt: the previous answer (a busy
			// or throttled endpoint) is still the best explanation.
			st.errResp = prev
		}
		return false, ctx.Err()
	}
	if err != nil && !retry {
		return false, err
	}
	return retry, nil
}

// busyRetry reports whether a busy answer (BusyCode) is retried past
// MaxAttempts: while the call is younger than the busy budget, and only when
// retries are enabled at all.
func (t *Transport) busyRetry(st *callState, code string) bool {
	p := t.cfg.Retry
	return p.MaxAttempts > 1 && p.BusyBudget > 0 && BusyCode(code) && time.Since(st.began) < p.BusyBudget
}

// throttleRetry reports whether a throttled answer (ThrottleAnswer) is
// retried past MaxAttempts: while the call is younger than the throttle
// budget, and only when retries are enabled at all.
func (t *Transport) throttleRetry(st *callState, code string) bool {
	p := t.cfg.Retry
	return p.MaxAttempts > 1 && p.ThrottleBudget > 0 && ThrottleAnswer(st.status, code) && time.Since(st.began) < p.ThrottleBudget
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

// inspect decodes the error members of a body (if it is a service error)
// and returns the service error code, for the retry decision.
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
	st.requestID = safeRequestID(id)
}

func (st *callState) serviceError(e ServiceError) *ServiceError {
	e.RequestID, e.StatusCode, e.Attempts = st.requestID, st.status, st.attempts
	e.Message = redactNamed(st.redactToken(e.Message))
	e.Recommend = redactNamed(st.redactToken(e.Recommend))
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
	e := &ResponseError{StatusCode: st.status, RequestID: st.requestID, Attempts: st.attempts, Err: withholdValues(err)}
	if st.header != nil {
		e.ContentType = Truncate(st.redactText(st.header.Get("Content-Type")), 100)
	}
	e.Snippet = st.snippet()
	return e
}

// backoff is retryablehttp's wait, which is none: retryablehttp gives it no
// call state after a transport error, so checkRetry chooses the wait and
// prepareRetry waits it out.
func (t *Transport) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return 0
}

// prepareRetry waits the wait checkRetry chose, then signs the next attempt
// afresh: the service rejects a reused SignatureNonce and a stale
// timestamp.
func (t *Transport) prepareRetry(req *http.Request) error {
	st := stateFrom(req.Context())
	if err := sleep(req.Context(), st.wait); err != nil {
		return err
	}
	if err := t.waitRate(req.Context(), st.call.Action); err != nil {
		return err
	}
	st.admitted = time.Now()
	creds, err := t.cfg.Credentials(req.Context())
	if err != nil {
		return err
	}
	st.creds = creds
	req.Header = req.Header.Clone()
	t.sign(req, st)
	return nil
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
