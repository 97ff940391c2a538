package transport

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

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

// ErrorCode returns the service error code of err, if it is a *ServiceError.
func ErrorCode(err error) string {
	var se *ServiceError
	if errors.As(err, &se) {
		return se.Code
	}
	return ""
}

// redact returns err with every secret removed from its text and from the
// text of every error in its chain. In a V1 request the query string holds
// the signature, the access key ID and any security token, and net/http
// quotes the whole URL in each *url.Error: not only in the outermost one,
// but also in one a round tripper got from an http.Client of its own (a
// common shape for proxy and instrumentation middleware), which only a walk
// of the whole chain finds.
//
// The chain keeps what the retry decision and callers test for:
// context.Canceled and DeadlineExceeded, *net.DNSError, *net.OpError,
// timeouts (net.Error), TLS and certificate errors, *RedirectError. An
// error whose text holds no secret and whose chain holds no *url.Error is
// kept as it is; a *url.Error is rebuilt without its query; any other
// error is replaced by one with the cleaned text that unwraps to its
// cleaned causes.
func (st *callState) redact(err error) error {
	if err == nil {
		return nil
	}
	switch e := err.(type) {
	case *url.Error:
		return &url.Error{Op: e.Op, URL: withoutQuery(e.URL), Err: st.redact(e.Err)}
	case *AttemptTimeoutError:
		return &AttemptTimeoutError{Timeout: e.Timeout, Err: st.redact(e.Err)}
	}
	msg := err.Error()
	clean := st.redactErrorText(msg)
	if clean == msg && !hasURLError(err) {
		return err
	}
	r := &redactedError{msg: clean}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			r.causes = []error{st.redact(inner)}
		}
	case interface{ Unwrap() []error }:
		for _, inner := range u.Unwrap() {
			r.causes = append(r.causes, st.redact(inner))
		}
	}
	return r
}

// redactErrorText removes from the text of a transport error the exact
// query the attempt sent, the query of any other URL it quotes, the call's
// security token in any encoding, and every named credential.
func (st *callState) redactErrorText(s string) string {
	if st.query != "" {
		s = strings.ReplaceAll(s, "?"+st.query, "")
		s = strings.ReplaceAll(s, st.query, redacted)
	}
	s = urlWithQuery.ReplaceAllString(s, "${1}")
	return redactNamed(st.redactToken(s))
}

// urlWithQuery matches a URL and its query; the first group is the URL
// without it.
var urlWithQuery = regexp.MustCompile(`(?i)(\b[a-z][a-z0-9+.-]*://[^\s?#"'\\]*)\?[^\s"'#\\]*`)

// withoutQuery returns rawURL without its query and fragment.
func withoutQuery(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return urlWithQuery.ReplaceAllString(rawURL, "${1}")
	}
	u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = "", false, "", ""
	return u.String()
}

// hasURLError reports whether err's chain holds a *url.Error, whose URL
// may hold the signed query even where the text that wraps it does not.
func hasURLError(err error) bool {
	var ue *url.Error
	return errors.As(err, &ue)
}

// redactedError stands for a transport error whose text held a secret: it
// has the cleaned text, and unwraps to the cleaned causes, so errors.Is and
// errors.As still see the context's errors, DNS and network errors.
type redactedError struct {
	msg    string
	causes []error
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Unwrap() []error { return e.causes }

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
