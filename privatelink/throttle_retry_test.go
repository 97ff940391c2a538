package privatelink

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A quota refusal lasts until the quota refills, longer than the attempts
// of WithRetry: the throttle budget rides it out, and WithThrottleRetry(0)
// gives it only those attempts.
func TestThrottleIsRetriedPastMaxAttempts(t *testing.T) {
	throttled := func(w http.ResponseWriter) {
		w.Header().Set("x-ratelimit-user-api", "Limit:10,Remain:0,TimeLeft:1,Reset:0")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"RequestId":"R-thr","Code":"Throttling.User","Message":"Request was denied due to user flow control."}`))
	}
	answers := []func(http.ResponseWriter){throttled, throttled, throttled, throttled, throttled, throttled, jsonAnswer(200, okBody)}

	// Pacing is off so that only the retry budget is at work here.
	f, srv := newFake(t, answers...)
	c := newTestClient(t, srv.URL, WithAdaptiveRateLimit(false)) // default throttle budget
	_, _, err := rawCall(context.Background(), c, "tok-throttled")
	require.NoError(t, err)
	assert.Len(t, f.attempts(), 7)

	f, srv = newFake(t, answers...)
	c = newTestClient(t, srv.URL, WithAdaptiveRateLimit(false), WithThrottleRetry(0))
	_, _, err = rawCall(context.Background(), c, "tok-throttled")
	assert.Equal(t, ErrCodeThrottlingUser, ErrorCode(err))
	assert.Len(t, f.attempts(), 4)

	_, err = NewClient("cn-hangzhou", WithThrottleRetry(-time.Second))
	assert.ErrorContains(t, err, "WithThrottleRetry")
}
