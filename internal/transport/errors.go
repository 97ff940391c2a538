package transport

import (
	"errors"
	"fmt"
	"net/url"
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
