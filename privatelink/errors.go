package privatelink

import (
	"context"
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
//
// Code and Message are exactly what the service sent. The service's
// messages rarely name what they are about ("The specified VPC does not
// exist."), so the SDK adds what it holds, kept apart from them:
// RequestValues, the values of the request the code refers to (the
// endpoint, VPC, vSwitch or service ID, the region), and Hint, one line of
// advice for the common codes (what to check, who must act, which RAM
// action a policy lacks). Error shows both, and the number of attempts
// when the call made several:
//
//	privatelink: CreateVpcEndpoint: VpcNotFound (HTTP 400): The specified VPC does not exist.
//	[VpcId=vpc-x, RegionId=cn-hangzhou] (RequestId: 5C1F...); hint: no VPC with this ID in this
//	region and account: check the ID and the client's region
//
// (one line). Neither carries a secret: no key, signature, string to sign
// or ClientToken (ClientToken is a field of its own).
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the service's error code, one of the ErrCode constants or a
	// code this SDK does not know yet.
	Code string
	// Message is the service's explanation, as it sent it.
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

	// RequestValues are the values of the request that Code refers to,
	// named as on the wire (EndpointId, Zone.1.VSwitchId, ServiceId,
	// RegionId), for the codes about a resource or a region; nil for
	// other codes.
	RequestValues []RequestValue
	// Hint is one line of advice from this SDK for a common code (what to
	// check, who must act), or "". It is not the service's: Message is.
	Hint string
}

// Error returns one line: the action, code, HTTP status, attempts when
// there were several, the service's message, the request values the code
// refers to, the request ID and the hint. A message or value that is not
// printable text is quoted, so the line cannot be split or forged.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("privatelink: ")
	if e.Action != "" {
		b.WriteString(oneLine(e.Action))
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s (HTTP %d", oneLine(e.Code), e.StatusCode)
	if e.Attempts > 1 {
		fmt.Fprintf(&b, ", after %d attempts", e.Attempts)
	}
	b.WriteString("): ")
	b.WriteString(oneLine(e.Message))
	if len(e.RequestValues) > 0 {
		b.WriteString(" [")
		for i, v := range e.RequestValues {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(oneLine(v.Name))
			b.WriteByte('=')
			b.WriteString(oneLine(v.Value))
		}
		b.WriteString("]")
	}
	if e.RequestID != "" {
		b.WriteString(" (RequestId: ")
		b.WriteString(oneLine(e.RequestID))
		b.WriteString(")")
	}
	if e.Hint != "" {
		b.WriteString("; hint: ")
		b.WriteString(oneLine(e.Hint))
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
	// ContentType and Snippet describe an answer that was not a service
	// response: its Content-Type and the start of its body (for example a
	// proxy's HTML error page). Empty when no answer arrived.
	ContentType string
	// Snippet is the start of that body, redacted then truncated.
	Snippet string
	// Err is the underlying cause: a transport error, a JSON syntax error,
	// a *CredentialsError from a retry, or the context's error, which
	// errors.Is sees through. When the context ended a call that had been
	// answered with a retryable service error, errors.As also finds that
	// *APIError (so IsThrottling still tells a throttled call).
	Err error
}

// Error describes the failure and names the action.
func (e *RequestError) Error() string {
	var b strings.Builder
	b.WriteString("privatelink: ")
	b.WriteString(e.Action)
	b.WriteString(": ")
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, "unexpected answer (HTTP %d", e.StatusCode)
		if e.ContentType != "" {
			b.WriteString(", " + e.ContentType)
		}
		b.WriteString("): ")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "after %d attempts: ", e.Attempts)
	}
	b.WriteString(e.Err.Error())
	if e.Snippet != "" {
		fmt.Fprintf(&b, "; body starts %q", e.Snippet)
	}
	if e.ClientToken != "" {
		b.WriteString(" (ClientToken: " + e.ClientToken + ")")
	}
	return b.String()
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

// IsNotFound reports whether err says an addressed resource does not exist:
// EndpointNotFound, and the other *NotFound codes of the endpoint
// operations (VpcNotFound, VSwitchNotFound, EndpointServiceNotFound, ...).
// Codes that mean a wrong configuration rather than a missing resource
// (InvalidRegionId.NotFound, InvalidAccessKeyId.NotFound,
// InvalidApi.NotFound) are not included. To treat a delete of an endpoint
// that is already gone as done, test IsEndpointNotFound: a misspelt VPC must
// not pass for that.
func IsNotFound(err error) bool {
	code := ErrorCode(err)
	return strings.HasSuffix(code, "NotFound") && !strings.HasPrefix(code, "Invalid")
}

// IsEndpointNotFound reports whether err says the endpoint itself does not
// exist (EndpointNotFound), for example because it was deleted.
func IsEndpointNotFound(err error) bool { return ErrorCode(err) == ErrCodeEndpointNotFound }

// IsThrottling reports whether err is a throttling answer.
func IsThrottling(err error) bool {
	code := ErrorCode(err)
	return code == ErrCodeThrottling || strings.HasPrefix(code, "Throttling.")
}

// IsRetryable reports whether err is transient by this SDK's retry policy:
// throttling, 5xx, a busy endpoint, or a transport failure (a per-attempt
// timeout included). The client already retried it up to its attempt limit,
// except after an ambiguous failure of a write without a ClientToken
// (OpenPrivateLinkService, ChangeResourceGroup, Invoke without Idempotent),
// which it does not send twice: such a call may have acted, so check its
// effect before calling again.
// It is false for the context's own errors (cancellation, deadline), even
// when the call had been answered with a retryable error before: ending the
// call was the caller's decision.
func IsRetryable(err error) bool {
	var credErr *CredentialsError
	if errors.As(err, &credErr) {
		return false // fix the credential source; repeating will not
	}
	var attemptTimeout *transport.AttemptTimeoutError
	if (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) &&
		!errors.As(err, &attemptTimeout) {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		retry, _ := transport.ShouldRetry(nil, apiErr.StatusCode, apiErr.Code, nil)
		return retry
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		if reqErr.StatusCode != 0 {
			// An answer that was not a service error: a proxy's 502 page is
			// as transient as the gateway's own 503.
			retry, _ := transport.ShouldRetry(nil, reqErr.StatusCode, "", nil)
			return retry
		}
		retry, _ := transport.ShouldRetry(nil, 0, "", reqErr.Err)
		return retry
	}
	return false
}

// IsAuthError reports whether err says the credentials or the signature were
// refused: fix the configuration rather than retrying.
func IsAuthError(err error) bool {
	switch code := ErrorCode(err); {
	case code == ErrCodeSignatureDoesNotMatch, code == ErrCodeIncompleteSignature,
		code == ErrCodeSignatureNonceUsed, code == ErrCodeInvalidTimeStampExpired,
		code == ErrCodeForbiddenRAM, code == ErrCodeMissingSecurityToken,
		strings.HasPrefix(code, "InvalidAccessKeyId."),
		strings.HasPrefix(code, "InvalidSecurityToken."):
		return true
	}
	return false
}

// wrapError turns a transport error into the SDK's public error types,
// attaching the action, the call's ClientToken and, to a service error, the
// request values and hint of its code (region is the client's region). A call that sent nothing
// (Attempts 0: the context ended before the call, during the credential
// fetch or in the rate limiter, or the credentials failed) carries no
// token, whatever the error: there is no logical operation to finish.
func wrapError(call *transport.Call, region string, meta transport.Meta, err error) error {
	action, clientToken := call.Action, call.ClientToken
	if call.Region == transport.RegionNone {
		region = ""
	}
	if meta.Attempts == 0 {
		clientToken = ""
	}
	apiError := func(se *transport.ServiceError) *APIError {
		values, hint := contextFor(se.Code, region, call)
		return &APIError{
			StatusCode: se.StatusCode, Code: se.Code, Message: se.Message,
			RequestID: se.RequestID, HostID: se.HostID, Recommend: se.Recommend,
			Action: action, ClientToken: clientToken, Attempts: meta.Attempts,
			RequestValues: values, Hint: hint,
		}
	}
	reqErr := &RequestError{Action: action, ClientToken: clientToken, Attempts: meta.Attempts, Err: err}
	var (
		se *transport.ServiceError
		re *transport.ResponseError
		tr *transport.RequestError
		ce *CredentialsError
	)
	switch {
	case errors.As(err, &se):
		return apiError(se)
	case errors.As(err, &re):
		reqErr.StatusCode, reqErr.RequestID = re.StatusCode, re.RequestID
		reqErr.ContentType, reqErr.Snippet, reqErr.Err = re.ContentType, re.Snippet, re.Err
	case errors.As(err, &tr):
		reqErr.Err = tr.Err
		if tr.Last != nil {
			reqErr.StatusCode, reqErr.RequestID = 0, tr.Last.RequestID
			reqErr.Err = &endedAfterAnswer{err: tr.Err, last: apiError(tr.Last)}
		}
	case errors.As(err, &ce) && meta.Attempts == 0:
		return err // nothing was sent: the source's error says it all
	}
	return reqErr
}

// endedAfterAnswer is a call that its context ended while it was waiting to
// retry a service error: both the context's error and the answer stay
// visible to errors.Is and errors.As.
type endedAfterAnswer struct {
	err  error
	last *APIError
}

func (e *endedAfterAnswer) Error() string {
	return e.err.Error() + "; last answer: " + oneLine(e.last.Code) + ": " + oneLine(e.last.Message)
}

func (e *endedAfterAnswer) Unwrap() []error { return []error{e.err, e.last} }
