package privatelink

import (
	"errors"
	"fmt"
	"strings"

	"github.com/privatelink-go/sdk/internal/transport"
)

// APIError is an error answer from the PrivateLink service (or its gateway).
// Inspect it with errors.As:
//
//	var apiErr *privatelink.APIError
//	if errors.As(err, &apiErr) && apiErr.Code == privatelink.ErrCodeEndpointNotFound { ... }
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the service's error code, one of the ErrCode constants or a
	// code this SDK does not know yet.
	Code string
	// Message is the service's explanation.
	Message string
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// HostID is the endpoint host that answered.
	HostID string
	// Recommend is the diagnosis link some gateways add.
	Recommend string

	// Action is the API action that failed, for example "CreateVpcEndpoint".
	Action string
	// ClientToken is the idempotency token the call carried, if any. Retry
	// later with the same token to finish the same logical call without
	// creating a duplicate.
	ClientToken string
	// Attempts is how many HTTP attempts the call made.
	Attempts int
}

// Error returns a one-line description with the code, message and request ID.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("privatelink: ")
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s (HTTP %d): %s", e.Code, e.StatusCode, e.Message)
	if e.RequestID != "" {
		b.WriteString(" (RequestId: ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// ErrDryRunPassed matches the answer to a DryRun request that passed every
// check: the service refuses to act with error code DryRunOperation (HTTP
// 400), and errors.Is(err, ErrDryRunPassed) is true for that *APIError.
// Any other error from a DryRun request is the problem the real request
// would have met.
var ErrDryRunPassed = errors.New("privatelink: dry run passed: the request would have succeeded")

// Is reports whether e matches target: ErrDryRunPassed matches an answer
// with code DryRunOperation, so callers need not compare codes.
func (e *APIError) Is(target error) bool {
	return target == ErrDryRunPassed && e.Code == ErrCodeDryRunOperation
}

// RequestError reports a call that got no usable answer: connection
// failures after the last attempt, an answer that is not a service response
// (a proxy's HTML page, a truncated or oversized body), or the context
// ending. The request may have reached the service: retry a mutating call
// with ClientToken to stay idempotent.
type RequestError struct {
	// Action is the API action, for example "CreateVpcEndpoint".
	Action string
	// ClientToken is the idempotency token the call carried, if any.
	ClientToken string
	// Attempts is how many HTTP attempts were made.
	Attempts int
	// StatusCode is the HTTP status of the last answer, 0 if none arrived.
	StatusCode int
	// RequestID is the request ID of the last answer, when it had one.
	RequestID string
	// Err is the underlying cause; errors.Is(err, context.Canceled) and
	// friends see through it.
	Err error
}

// Error describes the failure and names the action.
func (e *RequestError) Error() string {
	msg := "privatelink: " + e.Action + ": " + e.Err.Error()
	if e.ClientToken != "" {
		msg += " (ClientToken: " + e.ClientToken + ")"
	}
	return msg
}

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// ClientTokenFromError returns the ClientToken carried by an error returned
// from a mutating call, so that a caller (or a restarted process) can retry
// the same logical call without creating a duplicate.
func ClientTokenFromError(err error) (string, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.ClientToken != "" {
		return apiErr.ClientToken, true
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) && reqErr.ClientToken != "" {
		return reqErr.ClientToken, true
	}
	// A failed CreateVpcEndpointAndWait wait wraps errors of
	// GetVpcEndpointAttribute, which carry no token: the create's token
	// travels in the *WaitError itself.
	var waitErr *WaitError
	if errors.As(err, &waitErr) && waitErr.ClientToken != "" {
		return waitErr.ClientToken, true
	}
	return "", false
}

// ErrorCode returns the service error code in err's chain, or "".
func ErrorCode(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// IsNotFound reports whether err says the addressed resource does not exist
// (EndpointNotFound and the other *NotFound codes).
func IsNotFound(err error) bool {
	code := ErrorCode(err)
	return code != "" && strings.HasSuffix(code, "NotFound") && !strings.HasPrefix(code, "InvalidAccessKeyId") && code != ErrCodeInvalidApiNotFound
}

// IsThrottling reports whether err is a throttling answer.
func IsThrottling(err error) bool {
	code := ErrorCode(err)
	return code == ErrCodeThrottling || strings.HasPrefix(code, "Throttling.")
}

// IsRetryable reports whether err is transient by this SDK's retry policy:
// throttling, 5xx, a busy endpoint, or a transport failure. The client
// already retried it up to its attempt limit.
func IsRetryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		retry, _ := transport.ShouldRetry(nil, apiErr.StatusCode, apiErr.Code, nil)
		return retry
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		var tr *transport.RequestError
		if errors.As(reqErr.Err, &tr) {
			retry, _ := transport.ShouldRetry(nil, 0, "", tr.Err)
			return retry
		}
	}
	return false
}

// IsAuthError reports whether err says the credentials or the signature were
// refused: fix the configuration rather than retrying.
func IsAuthError(err error) bool {
	switch code := ErrorCode(err); {
	case code == ErrCodeSignatureDoesNotMatch, code == ErrCodeIncompleteSignature,
		code == ErrCodeSignatureNonceUsed, code == ErrCodeInvalidTimeStampExpired,
		code == ErrCodeForbiddenRAM, strings.HasPrefix(code, "InvalidAccessKeyId."),
		strings.HasPrefix(code, "InvalidSecurityToken."):
		return true
	}
	return false
}

// wrapError turns a transport error into the SDK's public error types,
// attaching the action and the call's ClientToken.
func wrapError(action, clientToken string, meta transport.Meta, err error) error {
	var se *transport.ServiceError
	if errors.As(err, &se) {
		return &APIError{
			StatusCode: se.StatusCode, Code: se.Code, Message: se.Message,
			RequestID: se.RequestID, HostID: se.HostID, Recommend: se.Recommend,
			Action: action, ClientToken: clientToken, Attempts: meta.Attempts,
		}
	}
	var ce *CredentialsError
	if errors.As(err, &ce) {
		return err // nothing was sent
	}
	return &RequestError{
		Action: action, ClientToken: clientToken, Attempts: meta.Attempts,
		StatusCode: meta.StatusCode, RequestID: meta.RequestID, Err: err,
	}
}
