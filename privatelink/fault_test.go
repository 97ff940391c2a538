package privatelink

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/privatelink-go/sdk/internal/transport"
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
