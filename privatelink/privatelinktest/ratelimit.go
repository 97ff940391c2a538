package privatelinktest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// API rate limits, as the gateway enforces its quotas.
//
// Alibaba Cloud's API gateway limits each API per account (Quota Center,
// "API Rate Limits": for example 200 calls per 60 s) and refuses a call over
// the limit with HTTP 400, Code Throttling.User, Message "Request was denied
// due to user flow control.", without performing it. Its answers carry the
// x-ratelimit-user-api header, "Limit:..,Remain:..,TimeLeft:..,Reset:..",
// whose TimeLeft (milliseconds) the official SDKs read as the wait before
// a retry (darabonba-openapi utils.GetThrottlingTimeLeft), and so does this
// SDK (transport.Hint). The emulator sends that header on the answers it
// refuses; the gateway's exact Limit and Reset values on other answers are
// not documented, so it sends none there.

// rateLimit is one action's limit: a token bucket of burst tokens refilled
// at perSecond.
type rateLimit struct {
	perSecond float64
	burst     int
}

// bucketKey names the bucket of one account and action.
type bucketKey struct{ account, action string }

// bucket is a token bucket on the server's Clock. Guarded by Server.mu.
type bucket struct {
	tokens float64
	last   time.Time
}

// WithAPIRateLimit limits action to perSecond calls per account, with
// bursts of burst, as the gateway's API quotas do: a call over the limit is
// answered with Throttling.User (HTTP 400) and an x-ratelimit-user-api
// header whose TimeLeft says when the next call fits, and it is not
// performed (a throttled create creates nothing and leaves its ClientToken
// unused). Each account has its own buckets. Refusals are counted in
// ActionStats.RateLimited, apart from injected faults. The buckets run on
// the server's Clock (WithClock), so a FakeClock drives them; a clock that
// goes backwards refills nothing. It is an error to limit an action the
// emulator does not serve, or to give a rate that is not positive and finite
// or a burst below 1.
func WithAPIRateLimit(action string, perSecond float64, burst int) Option {
	return optionFunc(func(c *config) error {
		if !knownAction(action) {
			return fmt.Errorf("WithAPIRateLimit: unknown action %q", action)
		}
		if !(perSecond > 0) || math.IsInf(perSecond, 0) || burst < 1 {
			return fmt.Errorf("WithAPIRateLimit: need perSecond > 0 and burst >= 1, got %v and %d", perSecond, burst)
		}
		if c.rateLimits == nil {
			c.rateLimits = map[string]rateLimit{}
		}
		c.rateLimits[action] = rateLimit{perSecond: perSecond, burst: burst}
		return nil
	})
}

// limitRate takes a token for req's account and action, or refuses it with
// Throttling.User and sets the rate-limit header on h. Called with s.mu
// held, after authentication (the gateway must know the account to count
// its calls) and before fault injection and the operation.
func (s *Server) limitRate(req *apiRequest, st *ActionStats, h http.Header) *apiError {
	lim, ok := s.rateLimits[req.action]
	if !ok {
		return nil
	}
	cred := s.creds[req.accessKey]
	if cred == nil {
		return nil
	}
	key := bucketKey{account: cred.account.id, action: req.action}
	now := s.clock.Now()
	b := s.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(lim.burst), last: now}
		if s.buckets == nil {
			s.buckets = map[bucketKey]*bucket{}
		}
		s.buckets[key] = b
	}
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(float64(lim.burst), b.tokens+elapsed.Seconds()*lim.perSecond)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return nil
	}
	st.RateLimited++
	left := time.Duration(math.Ceil((1 - b.tokens) / lim.perSecond * float64(time.Second)))
	leftMillis := int64((left + time.Millisecond - 1) / time.Millisecond)
	h.Set("x-ratelimit-user-api", "Limit:"+strconv.Itoa(lim.burst)+",Remain:0,TimeLeft:"+
		strconv.FormatInt(leftMillis, 10)+",Reset:"+strconv.FormatInt(now.Add(left).UnixMilli(), 10))
	e := errThrottlingUser()
	// Counted in RateLimited, not Errors: Stats keeps quota refusals apart
	// from the emulator's own error answers, as it does injected faults.
	e.fault = true
	return e
}
