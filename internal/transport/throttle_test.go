package transport

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/ratecontrol"
	"github.com/privatelink-go/sdk/signer"
)

func TestThrottleAnswer(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
		want   bool
	}{
		{400, "Throttling.User", true},
		{400, "Throttling.Api", true},
		{503, "Throttling", true},
		{429, "", true},
		{503, "ServiceUnavailable", false},
		{400, "EndpointLocked", false},
		{400, "ThrottlingX", false},
		{200, "", false},
	} {
		assert.Equal(t, tc.want, ThrottleAnswer(tc.status, tc.code), "%d %q", tc.status, tc.code)
	}
}

// Only the evidence that this client's own rate caused a refusal moves the
// pace: Throttling.User, or a refusal whose x-ratelimit-user(-api) header
// says no call is left.
func TestOwnThrottle(t *testing.T) {
	header := func(name, v string) http.Header {
		h := http.Header{}
		h.Set(name, v)
		return h
	}
	spent := "Limit:10,Remain:0,TimeLeft:100,Reset:1733529600000"
	for _, tc := range []struct {
		name   string
		status int
		code   string
		h      http.Header
		want   bool
	}{
		{"Throttling.User", 400, "Throttling.User", nil, true},
		{"Throttling.User with its header", 400, "Throttling.User", header("x-ratelimit-user-api", spent), true},
		{"Throttling.Api: all accounts", 400, "Throttling.Api", nil, false},
		{"Throttling: the gateway's load", 503, "Throttling", nil, false},
		{"ServiceUnavailable", 503, "ServiceUnavailable", nil, false},
		{"bare 429: someone else's counter", 429, "", nil, false},
		{"429 with a spent user header", 429, "", header("x-ratelimit-user", spent), true},
		{"Throttling with a spent user-api header", 503, "Throttling", header("x-ratelimit-user-api", spent), true},
		{"Throttling with calls remaining", 503, "Throttling", header("x-ratelimit-user-api", "Limit:10,Remain:4,TimeLeft:0"), false},
		{"Remain -1: no limit", 503, "Throttling", header("x-ratelimit-user-api", "Limit:-1,Remain:-1"), false},
		{"Remain negative", 503, "Throttling", header("x-ratelimit-user-api", "Remain:-3"), true},
		{"spaces and case", 429, "", header("x-ratelimit-user-api", " limit : 1 , remain : 0 "), true},
		{"garbage Remain", 429, "", header("x-ratelimit-user-api", "Remain:none"), false},
		{"no Remain", 429, "", header("x-ratelimit-user-api", "TimeLeft:100"), false},
		{"a success with Remain 0 took the last call", 200, "", header("x-ratelimit-user-api", spent), false},
	} {
		assert.Equal(t, tc.want, OwnThrottle(tc.status, tc.code, tc.h), tc.name)
	}
}

// The wait after a throttle is at least the hint (when the quota has room
// again) and at least the jittered backoff, which grows with each retry
// and spreads goroutines refused together.
func TestThrottleWait(t *testing.T) {
	p := RetryPolicy{MinBackoff: 200 * time.Millisecond, MaxBackoff: 8 * time.Second}
	top := func(n int64) int64 { return n - 1 }
	zero := func(int64) int64 { return 0 }
	assert.Equal(t, 100*time.Millisecond, ThrottleWait(p, 0, 100*time.Millisecond, zero))
	assert.Equal(t, 200*time.Millisecond, ThrottleWait(p, 0, 100*time.Millisecond, top), "backoff wins when longer")
	assert.Equal(t, 1600*time.Millisecond, ThrottleWait(p, 3, 100*time.Millisecond, top))
	assert.Equal(t, 5500*time.Millisecond, ThrottleWait(p, 0, 5*time.Second, top), "hint and its 10% win when longer")
	assert.Equal(t, 8*time.Second, ThrottleWait(p, 40, 0, top), "capped")
}

// Throttled answers are retried past MaxAttempts while the throttle budget
// lasts, and never past it; without a budget they get MaxAttempts.
func TestThrottlesHaveTheirOwnBudget(t *testing.T) {
	answer := func(throttledFor int32, status int, code string) (*atomic.Int32, http.HandlerFunc) {
		var n atomic.Int32
		return &n, func(w http.ResponseWriter, _ *http.Request) {
			if n.Add(1) <= throttledFor {
				w.Header().Set("x-ratelimit-user-api", "Limit:1,Remain:0,TimeLeft:1,Reset:0")
				w.WriteHeader(status)
				if code != "" {
					w.Write([]byte(`{"RequestId":"R","Code":"` + code + `"}`))
				}
				return
			}
			w.Write([]byte(`{"RequestId":"R-ok"}`))
		}
	}
	for _, tc := range []struct {
		status int
		code   string
	}{{400, "Throttling.User"}, {400, "Throttling.Api"}, {503, "Throttling"}, {429, ""}} {
		t.Run(tc.code+http.StatusText(tc.status), func(t *testing.T) {
			n, h := answer(6, tc.status, tc.code)
			tr := newTestTransport(t, signer.V3, h)
			tr.cfg.Retry.ThrottleBudget = time.Minute
			meta, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
			require.NoError(t, err)
			assert.Equal(t, 7, meta.Attempts)
			assert.Equal(t, int32(7), n.Load())
		})
	}
	t.Run("ServiceUnavailable keeps MaxAttempts", func(t *testing.T) {
		n, h := answer(6, 503, "ServiceUnavailable")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.ThrottleBudget = time.Minute
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "ServiceUnavailable", ErrorCode(err))
		assert.Equal(t, int32(2), n.Load())
	})
	t.Run("no budget: MaxAttempts", func(t *testing.T) {
		n, h := answer(6, 400, "Throttling.User")
		tr := newTestTransport(t, signer.V3, h)
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "Throttling.User", ErrorCode(err))
		assert.Equal(t, int32(2), n.Load())
	})
	t.Run("retries disabled", func(t *testing.T) {
		n, h := answer(6, 400, "Throttling.User")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.MaxAttempts = 1
		tr.cfg.Retry.ThrottleBudget = time.Minute
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "Throttling.User", ErrorCode(err))
		assert.Equal(t, int32(1), n.Load())
	})
	t.Run("the budget ends", func(t *testing.T) {
		n, h := answer(1<<30, 400, "Throttling.User")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.ThrottleBudget = 100 * time.Millisecond
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		var se *ServiceError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, "Throttling.User", se.Code)
		assert.Equal(t, int(n.Load()), se.Attempts)
		assert.Greater(t, se.Attempts, 2)
	})
	t.Run("the deadline ends it first", func(t *testing.T) {
		_, h := answer(1<<30, 400, "Throttling.User")
		tr := newTestTransport(t, signer.V3, h)
		tr.cfg.Retry.ThrottleBudget = time.Hour
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := tr.Do(ctx, &Call{Action: "X"}, noFields)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

// The controller hears of a throttle only when it is this client's own:
// Throttling, Throttling.Api, ServiceUnavailable, a busy code and a bare
// 429 are retried but leave the pace alone.
func TestOnlyOwnThrottlesMoveThePace(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
		want   bool
	}{
		{400, "Throttling.User", true}, {400, "Throttling.Api", false}, {503, "Throttling", false},
		{503, "ServiceUnavailable", false}, {400, "EndpointLocked", false}, {429, "", false},
	} {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			if n.Add(1) == 1 {
				w.WriteHeader(tc.status)
				if tc.code != "" {
					w.Write([]byte(`{"RequestId":"R","Code":"` + tc.code + `"}`))
				}
				return
			}
			w.Write([]byte(`{"RequestId":"R-ok"}`))
		})
		tr.cfg.Adaptive = ratecontrol.New(ratecontrol.Config{})
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		require.NoError(t, err)
		_, limited := tr.cfg.Adaptive.Rate("X")
		assert.Equal(t, tc.want, limited, "HTTP %d %q", tc.status, tc.code)
	}
}
