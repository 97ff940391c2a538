package privatelink

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPredicates(t *testing.T) {
	api := func(status int, code string) error {
		return fmt.Errorf("wrapped: %w", &APIError{StatusCode: status, Code: code})
	}
	cases := []struct {
		err                                                 error
		notFound, endpointNotFound, throttling, retry, auth bool
	}{
		{api(400, ErrCodeEndpointNotFound), true, true, false, false, false},
		{api(400, ErrCodeVpcNotFound), true, false, false, false, false},
		{api(400, ErrCodeEndpointServiceNotFound), true, false, false, false, false},
		{api(400, ErrCodeInvalidRegionIDNotFound), false, false, false, false, false},
		{api(404, ErrCodeInvalidAccessKeyIDNotFound), false, false, false, false, true},
		{api(404, ErrCodeInvalidAPINotFound), false, false, false, false, false},
		{api(400, ErrCodeThrottlingUser), false, false, true, true, false},
		{api(503, ErrCodeThrottling), false, false, true, true, false},
		{api(400, ErrCodeThrottlingAPI), false, false, true, true, false},
		{api(503, ErrCodeServiceUnavailable), false, false, false, true, false},
		{api(400, ErrCodeEndpointLocked), false, false, false, true, false},
		{api(400, ErrCodeSignatureDoesNotMatch), false, false, false, false, true},
		{api(403, ErrCodeForbiddenRAM), false, false, false, false, true},
		{api(400, ErrCodeInvalidSecurityTokenExpired), false, false, false, false, true},
		{api(400, ErrCodeMissingSecurityToken), false, false, false, false, true},
		{&RequestError{Action: "X", StatusCode: 502, Err: io.ErrUnexpectedEOF}, false, false, false, true, false},
		{&RequestError{Action: "X", StatusCode: 501, Err: io.ErrUnexpectedEOF}, false, false, false, false, false},
		{&RequestError{Action: "X", Err: io.ErrUnexpectedEOF}, false, false, false, true, false},
		{&RequestError{Action: "X", Err: context.Canceled}, false, false, false, false, false},
		{errors.New("plain"), false, false, false, false, false},
		{nil, false, false, false, false, false},
	}
	for _, tc := range cases {
		name := "nil"
		if tc.err != nil {
			name = tc.err.Error()
		}
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.notFound, IsNotFound(tc.err), "IsNotFound")
			assert.Equal(t, tc.endpointNotFound, IsEndpointNotFound(tc.err), "IsEndpointNotFound")
			assert.Equal(t, tc.throttling, IsThrottling(tc.err), "IsThrottling")
			assert.Equal(t, tc.retry, IsRetryable(tc.err), "IsRetryable")
			assert.Equal(t, tc.auth, IsAuthError(tc.err), "IsAuthError")
		})
	}
}

func TestErrorMessages(t *testing.T) {
	apiErr := &APIError{StatusCode: 400, Code: "EndpointNotFound", Message: "The specified endpoint does not exist.",
		RequestID: "REQ-1", Action: "GetVpcEndpointAttribute"}
	assert.Equal(t, "privatelink: GetVpcEndpointAttribute: EndpointNotFound (HTTP 400): The specified endpoint does not exist. (RequestId: REQ-1)", apiErr.Error())

	reqErr := &RequestError{Action: "CreateVpcEndpoint", ClientToken: "tok", Attempts: 3, StatusCode: 502,
		ContentType: "text/html", Snippet: "<html>", Err: errors.New("body is not a JSON object")}
	assert.Equal(t, `privatelink: CreateVpcEndpoint: unexpected answer (HTTP 502, text/html): after 3 attempts: body is not a JSON object; body starts "<html>" (ClientToken: tok)`, reqErr.Error())

	transportErr := &RequestError{Action: "DeleteVpcEndpoint", Attempts: 1, Err: io.ErrUnexpectedEOF}
	assert.Equal(t, "privatelink: DeleteVpcEndpoint: unexpected EOF", transportErr.Error())
}

func TestClientTokenFromError(t *testing.T) {
	for _, err := range []error{
		&APIError{Code: "InternalError", ClientToken: "t1"},
		fmt.Errorf("ctx: %w", &RequestError{Action: "X", ClientToken: "t1", Err: io.EOF}),
		&WaitError{EndpointID: "ep-1", ClientToken: "t1", Err: context.DeadlineExceeded},
	} {
		tok, ok := ClientTokenFromError(err)
		assert.True(t, ok, "%v", err)
		assert.Equal(t, "t1", tok)
	}
	_, ok := ClientTokenFromError(&APIError{Code: "InvalidParameter"})
	assert.False(t, ok, "a read-only call carries no token")
	_, ok = ClientTokenFromError(nil)
	assert.False(t, ok)
}
