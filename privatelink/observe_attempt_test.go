package privatelink

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestObserverSeesEachAttempt(t *testing.T) {
	var (
		mu       sync.Mutex
		attempts []AttemptEvent
		ends     []CallEvent
	)
	c, s := setup(t, WithRetry(3, time.Millisecond, time.Millisecond), withJitter(func(n int64) int64 { return n - 1 }),
		WithObserver(Observer{
			Attempt: func(_ context.Context, ev AttemptEvent) { mu.Lock(); attempts = append(attempts, ev); mu.Unlock() },
			CallEnd: func(_ context.Context, ev CallEvent) { ends = append(ends, ev) },
		}))
	script(s, "GetVpcEndpointAttribute", throttled, active)
	_, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	require.NoError(t, err)
	require.Len(t, attempts, 2)
	first, second := attempts[0], attempts[1]
	assert.Equal(t, "GetVpcEndpointAttribute", first.Action)
	assert.Equal(t, 1, first.Attempt)
	assert.True(t, first.Throttled)
	assert.True(t, first.Retry)
	assert.Equal(t, http.StatusBadRequest, first.StatusCode)
	assert.Equal(t, ErrCodeThrottlingUser, first.ErrorCode)
	assert.Equal(t, "REQ-1", first.RequestID)
	assert.NoError(t, first.Err, "a service answer explains the attempt")
	assert.Positive(t, first.Latency)
	assert.Equal(t, 2, second.Attempt)
	assert.False(t, second.Throttled)
	assert.False(t, second.Retry)
	assert.Equal(t, http.StatusOK, second.StatusCode)
	assert.Empty(t, second.ErrorCode)
	assert.Equal(t, "REQ-2", second.RequestID)
	assert.GreaterOrEqual(t, second.Waited, time.Millisecond, "the backoff before the retry")
	require.Len(t, ends, 1)
	assert.Equal(t, 2, ends[0].Attempts)
}

// The last attempt of a call that runs out of attempts is not a retry, and
// a transport failure is reported with its (redacted) error.
func TestObserverAttemptRetryFlagAndTransportError(t *testing.T) {
	var (
		mu       sync.Mutex
		attempts []AttemptEvent
	)
	c, s := setup(t, WithRetry(2, time.Millisecond, time.Millisecond),
		WithObserver(Observer{Attempt: func(_ context.Context, ev AttemptEvent) { mu.Lock(); attempts = append(attempts, ev); mu.Unlock() }}))
	script(s, "GetVpcEndpointAttribute", answer{hangup: true})
	_, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	require.Error(t, err)
	require.Len(t, attempts, 2)
	assert.True(t, attempts[0].Retry)
	assert.False(t, attempts[1].Retry, "no attempt follows the last one")
	for _, a := range attempts {
		assert.Zero(t, a.StatusCode)
		assert.Error(t, a.Err)
		assert.False(t, a.Throttled)
	}
}

// Operations built by the generator (here DescribeRegions) take the
// observed call path: before, a client with an Observer saw none of their
// calls.
func TestObserverSeesGeneratedOperations(t *testing.T) {
	var rec recorder
	var attempts int
	obs := rec.observer()
	obs.Attempt = func(context.Context, AttemptEvent) { attempts++ }
	c, s := setup(t, WithObserver(obs))
	s.handleFunc("DescribeRegions", func(w http.ResponseWriter, _ apiCall) {
		writeJSON(w, http.StatusOK, `{"RequestId":"REQ-R","Regions":{"Region":[]}}`)
	})
	_, err := c.DescribeRegions(context.Background(), &DescribeRegionsRequest{})
	require.NoError(t, err)
	assert.Equal(t, []string{"start DescribeRegions", "end DescribeRegions (ctx DescribeRegions)"}, rec.log)
	assert.Equal(t, 1, attempts)
	require.Len(t, rec.ends, 1)
	assert.Equal(t, "REQ-R", rec.ends[0].RequestID)
}

// With adaptive control on, a throttle paces the action's next calls; the
// pace is the action's own, so another action is not slowed.
func TestAdaptiveRateLimitPacesAThrottledAction(t *testing.T) {
	c, s := setup(t, WithAdaptiveRateLimit(true))
	n := script(s, "GetVpcEndpointAttribute", throttled, active)
	s.handleFunc("DescribeRegions", func(w http.ResponseWriter, _ apiCall) {
		writeJSON(w, http.StatusOK, `{"RequestId":"REQ-R","Regions":{"Region":[]}}`)
	})
	ctx := context.Background()
	_, err := c.GetVpcEndpointAttribute(ctx, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	require.True(t, IsThrottling(err), "%v", err)
	// The throttle cut the action to 70% of one answer per half second
	// with an empty bucket: a call with a shorter deadline is refused at
	// once rather than sent.
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = c.GetVpcEndpointAttribute(short, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	assert.EqualValues(t, 1, n.Load(), "the paced call was not sent")
	_, err = c.DescribeRegions(short, &DescribeRegionsRequest{})
	assert.NoError(t, err, "another action keeps its own, unlimited pace")
}

// Adaptive pacing is on by default: a Throttling.User paces the action.
func TestAdaptiveRateLimitIsOnByDefault(t *testing.T) {
	c, s := setup(t)
	n := script(s, "GetVpcEndpointAttribute", throttled, active)
	ctx := context.Background()
	_, err := c.GetVpcEndpointAttribute(ctx, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	require.True(t, IsThrottling(err), "%v", err)
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = c.GetVpcEndpointAttribute(short, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	assert.EqualValues(t, 1, n.Load(), "the paced call was not sent")
}

// WithAdaptiveRateLimit(false) turns pacing off: after a throttle, calls
// go out at once and are retried as WithRetry says.
func TestAdaptiveRateLimitCanBeTurnedOff(t *testing.T) {
	c, s := setup(t, WithRetry(2, 0, 0), WithAdaptiveRateLimit(false))
	n := script(s, "GetVpcEndpointAttribute", throttled, active)
	ctx := context.Background()
	for i := range 3 {
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		_, err := c.GetVpcEndpointAttribute(short, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
		cancel()
		require.NoError(t, err, fmt.Sprint("call ", i))
	}
	assert.EqualValues(t, 4, n.Load())
}

// Throttles that are not about this client's rate (every account's calls,
// the gateway's load) are retried but leave the pace alone.
func TestOtherThrottlesDoNotPace(t *testing.T) {
	for _, code := range []string{ErrCodeThrottling, ErrCodeThrottlingAPI} {
		c, s := setup(t)
		n := script(s, "GetVpcEndpointAttribute", apiFailure(http.StatusServiceUnavailable, code), active)
		ctx := context.Background()
		_, err := c.GetVpcEndpointAttribute(ctx, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
		require.True(t, IsThrottling(err), "%v", err)
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		_, err = c.GetVpcEndpointAttribute(short, &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
		cancel()
		require.NoError(t, err, code)
		assert.EqualValues(t, 2, n.Load(), code)
	}
}
