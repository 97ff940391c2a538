// Package ratecontrol paces requests per key (an API action, or a group of
// actions that share a quota) so that a client sends about as fast as the
// service's quota allows: a short slow start for a new key, unlimited until
// the first throttle, cut to 70% of the measured rate on a throttle, and back
// up along a CUBIC curve, as AWS's adaptive retry mode does.
//
// Alibaba Cloud's API gateway counts quotas per API: per account and API
// (Throttling.User, with its x-ratelimit-user-api header) and per API over
// all accounts (Throttling.Api); the Quota Center lists one rate per
// operation. A throttled CreateVpcEndpoint therefore says nothing about
// ListVpcEndpoints, and one controller per Client (one account) keyed by
// action matches how the gateway counts. Callers that know several actions
// share a quota pass one key for all of them. The keys are bounded (see
// Config.MaxKeys): past the bound, a new key takes the place of an idle
// one or shares one pace with the others that found no place.
//
// Observe's throttled must mean that the client's own rate caused the
// refusal (Throttling.User on Alibaba Cloud): a throttle that counts other
// clients' calls, or the gateway's own load, does not go away when this
// client slows down, and cutting the rate for it only makes the client
// slower.
//
// The controller composes with a hard ceiling (a golang.org/x/time/rate
// limiter the caller waits on as well) and with retries: every attempt,
// first or retried, waits and is observed.
package ratecontrol

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Clock tells the controller the time and lets it wait. Tests pass a fake
// one; privatelink.Clock has the same shape.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Config configures a Controller. The zero value is the default.
type Config struct {
	// Clock is the time source; nil means the real clock.
	Clock Clock
	// MinRate is the floor in requests per second; 0 means DefaultMinRate.
	MinRate float64
	// MaxKeys bounds the keys paced apart; 0 means DefaultMaxKeys. Past
	// it, a new key takes the place of one idle for IdleAfter, or else
	// shares the pace of OtherKey with every other key that found no
	// place.
	MaxKeys int
	// IdleAfter is how long a key that is not being limited must have
	// had no answer before a new key may take its place; 0 means
	// DefaultIdleAfter.
	IdleAfter time.Duration
}

// Key bounds: the PrivateLink API has 39 actions, so every action a
// program really uses keeps a place of its own; only a program that sends
// many distinct names (through Invoke) runs out of places.
const (
	DefaultMaxKeys   = 64
	DefaultIdleAfter = time.Minute
	// OtherKey names the pace shared by the keys that found no place.
	OtherKey = "(other actions)"
)

// Controller paces requests per key. It is safe for concurrent use; Wait
// and Observe do not allocate while a key is not being limited.
type Controller struct {
	clock     Clock
	minRate   float64
	maxKeys   int
	idleAfter int64 // in buckets

	mu        sync.Mutex                        // serialises writers of keys
	keys      atomic.Pointer[map[string]*state] // copy on write: read without a lock
	other     *state                            // the pace of keys without a place
	nextEvict atomic.Int64                      // unix nanos before which no search for an idle key runs
}

// New returns a Controller for cfg.
func New(cfg Config) *Controller {
	c := &Controller{clock: cfg.Clock, minRate: cfg.MinRate, maxKeys: cfg.MaxKeys}
	if c.clock == nil {
		c.clock = realClock{}
	}
	if !(c.minRate > 0) {
		c.minRate = DefaultMinRate
	}
	if c.maxKeys < 1 {
		c.maxKeys = DefaultMaxKeys
	}
	idle := cfg.IdleAfter
	if idle <= 0 {
		idle = DefaultIdleAfter
	}
	c.idleAfter = max(1, int64(idle)/bucketNanos)
	c.other = newState(c.clock.Now())
	m := map[string]*state{}
	c.keys.Store(&m)
	return c
}

func newState(now time.Time) *state {
	s := &state{}
	s.start.init(now)
	s.meter.init(now.UnixNano())
	wake := make(chan struct{})
	s.wake.Store(&wake)
	return s
}

// state is the controller of one key.
type state struct {
	start   slowStart                    // the key's first requests
	limited atomic.Bool                  // false: Wait returns at once
	lim     atomic.Pointer[rate.Limiter] // the paced rate while limited
	meter   meter
	// wake is closed, and replaced, when the pace changes much, so that
	// the goroutines waiting in Wait take new places in the queue at the
	// new rate.
	wake atomic.Pointer[chan struct{}]

	// Guarded by meter.mu.
	rate         float64   // the rate the limiter is set to
	lastMax      float64   // the rate at the last throttle
	lastThrottle time.Time // when the last cut happened
}

// lookup returns key's state: its own, the shared one when every place is
// taken, or nil when key has none yet (it is then not limited).
func (c *Controller) lookup(key string) *state {
	m := *c.keys.Load()
	if s := m[key]; s != nil {
		return s
	}
	if len(m) >= c.maxKeys {
		return c.other
	}
	return nil
}

// Keys returns how many keys have a pace of their own: at most MaxKeys,
// however many distinct keys were seen (the rest share OtherKey's).
func (c *Controller) Keys() int { return len(*c.keys.Load()) }

// state returns key's state, creating it on first use. Only the first
// answer for a key takes the lock, and the map it copies holds at most
// MaxKeys entries: a program that sends 100,000 distinct action names pays
// for that copy at most MaxKeys times, then shares OtherKey's pace, or
// takes the place of a key that has been idle (see Config.IdleAfter),
// looked for at most once a second.
func (c *Controller) state(key string, now time.Time) *state {
	m := *c.keys.Load()
	if s := m[key]; s != nil {
		return s
	}
	if len(m) >= c.maxKeys && now.UnixNano() < c.nextEvict.Load() {
		return c.other
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.keys.Load()
	if s := old[key]; s != nil {
		return s
	}
	evict := ""
	if len(old) >= c.maxKeys {
		if now.UnixNano() < c.nextEvict.Load() {
			return c.other
		}
		evict = c.idleKey(old, now)
		if evict == "" {
			c.nextEvict.Store(now.UnixNano() + int64(time.Second))
			return c.other
		}
	}
	s := newState(now)
	next := make(map[string]*state, len(old)+1)
	for k, v := range old {
		if k != evict {
			next[k] = v
		}
	}
	next[key] = s
	c.keys.Store(&next)
	return s
}

// idleKey returns a key of m that is not limited and has had no answer
// for IdleAfter, or "". Called with c.mu held.
func (c *Controller) idleKey(m map[string]*state, now time.Time) string {
	current := now.UnixNano() / bucketNanos
	for k, s := range m {
		if !s.limited.Load() && current-s.meter.bucket.Load() >= c.idleAfter {
			return k
		}
	}
	return ""
}

// Wait blocks until a request for key may be sent, and returns how long it
// waited. It returns at once while key is not limited, except in its slow
// start (see SlowStartWindow), when a request waits for room in the window. Its error is ctx's,
// or one that wraps context.DeadlineExceeded when the wait would outlast
// ctx's deadline (it then fails at once rather than sleep in vain).
//
// A waiting goroutine holds a place in the key's queue, reserved at the
// rate of the moment. When the rate changes much (see wakeFactor) the
// limiter is replaced by a fresh one, and every waiter queues again on it;
// so it is when the key is released. A place reserved at the floor rate
// would otherwise keep a goroutine asleep for as long as 64 places at one
// request every two seconds take, long after the rate has recovered.
// Cancelling the old places one by one instead would not do: x/time/rate
// gives back the tokens of a cancelled reservation only when no later one
// exists, so each round of requeueing would add the whole queue as debt.
func (c *Controller) Wait(ctx context.Context, key string) (time.Duration, error) {
	s := c.lookup(key)
	if s == nil {
		s = c.state(key, c.clock.Now())
	}
	var waited time.Duration
	if s.start.on.Load() {
		d, err := c.admit(ctx, &s.start)
		if err != nil {
			return d, err
		}
		waited = d
	}
	for {
		// The wake channel is read before the limiter, so that a change
		// made after this reservation is always seen.
		wake := *s.wake.Load()
		if !s.limited.Load() {
			return waited, nil
		}
		lim := s.lim.Load()
		now := c.clock.Now()
		r := lim.ReserveN(now, 1)
		d := r.DelayFrom(now)
		if d <= 0 {
			return waited, nil
		}
		if dl, ok := ctx.Deadline(); ok && now.Add(d).After(dl) {
			r.CancelAt(now)
			return waited, fmt.Errorf("ratecontrol: %s paced to %.2g requests/s: wait of %v would outlast the deadline: %w",
				key, float64(lim.Limit()), d, context.DeadlineExceeded)
		}
		select {
		case <-c.clock.After(d):
			return waited + d, nil
		case <-wake:
			// The pace changed: the limiter this place was reserved on
			// has been replaced (or the key released), so the place is
			// not given back, it is simply abandoned with the limiter.
			waited += c.clock.Now().Sub(now)
		case <-ctx.Done():
			// Give the slot back so that the goroutines queued behind this
			// one do not wait for a request that is never sent.
			at := c.clock.Now()
			r.CancelAt(at)
			return waited + at.Sub(now), ctx.Err()
		}
	}
}

// wakeFactor is how much the rate must change, up or down, for the waiters
// to queue again: often enough to follow the recovery curve, rarely enough
// that goroutines do not lose their places on every answer.
const wakeFactor = 1.25

// wakeWaiters makes every goroutine in Wait for s queue again.
func (s *state) wakeWaiters() {
	next := make(chan struct{})
	close(*s.wake.Swap(&next))
}

// Observe records the answer to a request for key that was sent at sent:
// throttled reports whether the service refused it for its quota (see
// IsThrottle). Every answer counts towards the measured rate; a throttle
// cuts the rate, and an answer that was not throttled moves the rate along
// the recovery curve. A throttle of a request sent before the last cut does
// not cut again: it tells of the rate before that cut, and 64 goroutines
// throttled at once must cut the rate once, not 64 times.
func (c *Controller) Observe(key string, sent time.Time, throttled bool) {
	now := c.clock.Now()
	s := c.state(key, now)
	s.start.observe(throttled)
	nanos := now.UnixNano()
	rolled := s.meter.record(nanos)
	if !rolled && !throttled && !s.limited.Load() {
		return // the hot path: counted, nothing to adjust
	}
	s.meter.mu.Lock()
	defer s.meter.mu.Unlock()
	if rolled {
		s.meter.roll(nanos)
	}
	limited := s.limited.Load()
	var target float64
	switch {
	case throttled && limited && sent.Before(s.lastThrottle):
		return
	case throttled:
		measured := s.meter.estimate()
		if limited {
			measured = min(max(measured, MaxCut/Beta*s.rate), s.rate)
		}
		s.lastMax, s.lastThrottle = measured, now
		target = cut(measured)
	case !limited:
		return
	default:
		target = curve(now.Sub(s.lastThrottle).Seconds(), s.lastMax)
		if target >= RecoverFactor*s.lastMax && s.meter.estimate() >= RecoverFactor*s.lastMax &&
			now.Sub(s.lastThrottle) >= RecoverQuiet {
			s.limited.Store(false)
			s.wakeWaiters()
			return
		}
		// Probe no faster than twice what is actually being sent: a
		// client that sends little learns nothing about the quota from
		// its silence.
		target = min(target, 2*s.meter.estimate())
	}
	s.setRate(max(target, c.minRate), now, limited)
}

// setRate paces the key at r from now. A key that was not limited starts
// with an empty bucket: the burst that met the throttle is spent. So does
// a key whose rate changes by more than wakeFactor: its waiters queue
// again on the new limiter (see Wait).
func (s *state) setRate(r float64, now time.Time, wasLimited bool) {
	s.rate = r
	burst := max(1, int(r))
	if wasLimited {
		lim := s.lim.Load()
		old := float64(lim.Limit())
		if r <= old*wakeFactor && r*wakeFactor >= old {
			lim.SetLimitAt(now, rate.Limit(r))
			lim.SetBurstAt(now, burst)
			return
		}
	}
	lim := rate.NewLimiter(rate.Limit(r), burst)
	lim.AllowN(now, burst)
	s.lim.Store(lim)
	s.limited.Store(true)
	if wasLimited {
		s.wakeWaiters()
	}
}

// Rate reports the rate key is paced at, and whether it is limited at all.
func (c *Controller) Rate(key string) (requestsPerSecond float64, limited bool) {
	s := c.lookup(key)
	if s == nil || !s.limited.Load() {
		return 0, false
	}
	s.meter.mu.Lock()
	defer s.meter.mu.Unlock()
	return s.rate, true
}

// IsThrottle reports whether an answer with HTTP status and service error
// code is a rate refusal of any kind: the gateway's Throttling,
// Throttling.User, Throttling.Api (or any other Throttling.* code), or HTTP
// 429. It says what observers report as throttled; the controller is told
// only of the throttles of the client's own rate, which the caller picks
// out (the transport's OwnThrottle). A 503 ServiceUnavailable is an
// outage, not a quota.
func IsThrottle(status int, code string) bool {
	if code == "Throttling" || (len(code) > len("Throttling.") && code[:len("Throttling.")] == "Throttling.") {
		return true
	}
	return status == 429
}
