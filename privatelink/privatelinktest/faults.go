package privatelinktest

import (
	"fmt"
	"time"
)

// Faults describes the failures injected into the answers of one action.
// Each rate is a probability between 0 and 1, drawn per request from the
// random source seeded by WithSeed. Faults apply to requests that pass
// authentication, so a refused request's nonce is used up, as on the real
// gateway, and a retry must be signed afresh.
type Faults struct {
	// ThrottleRate is the share of requests refused for throttling, half
	// with Throttling.User (400) and half with Throttling (503), without
	// performing the operation.
	ThrottleRate float64
	// ThrottleCode, when set, is the one code of the injected throttles:
	// "Throttling" (HTTP 503, the gateway's own load), "Throttling.Api"
	// (HTTP 400, every account's calls to the API) or "Throttling.User"
	// (HTTP 400, this account's quota). Empty keeps half Throttling.User,
	// half Throttling. None carries an x-ratelimit-user-api header: only
	// WithAPIRateLimit, which counts calls, knows what it would say.
	ThrottleCode string
	// ServerErrorRate is the share of requests refused with InternalError
	// (500) or ServiceUnavailable (503), half each, without performing the
	// operation.
	ServerErrorRate float64
	// DropAfterRate is the share of requests that are performed, and then
	// the connection is closed without an answer: the client cannot tell
	// whether the operation happened. It applies to requests that reached
	// the operation, whatever its outcome.
	DropAfterRate float64
	// Latency is added before answering (after the operation is done),
	// to the share of answers LatencyRate says. A client that gives up
	// first, on its attempt timeout, cannot tell whether the operation
	// happened.
	Latency time.Duration
	// LatencyRate is the share of answers delayed by Latency. 0 delays
	// every answer, the meaning Latency had before LatencyRate existed, so
	// that Faults{Latency: d} still slows everything down; 1 does the
	// same. It has no effect without Latency.
	LatencyRate float64
	// RetryAfter, when positive, adds a Retry-After header (whole seconds,
	// rounded up) to injected throttling and 503 answers: the hint a
	// client may honour.
	RetryAfter time.Duration
}

// ActionStats counts what happened to the requests for one action.
type ActionStats struct {
	// Requests counts every request naming the action, refused or not.
	Requests int
	// Successes counts operations performed successfully, including those
	// whose answer was then dropped.
	Successes int
	// Errors counts error answers the emulator gave on its own account:
	// validation, authentication and business errors (DryRunOperation
	// included), not injected faults.
	Errors int
	// Throttled counts injected throttling answers.
	Throttled int
	// RateLimited counts the calls WithAPIRateLimit refused: throttles the
	// client caused by its rate, unlike the injected ones in Throttled.
	RateLimited int
	// ServerErrors counts injected 500 and 503 answers.
	ServerErrors int
	// Dropped counts connections closed without an answer.
	Dropped int
	// Delayed counts answers held back by Faults.Latency, whether they
	// were then written, dropped, or abandoned by a client that stopped
	// waiting.
	Delayed int
}

// SetFaults sets the faults injected into answers to action; "" or "*"
// sets the default for every action without faults of its own. The zero
// Faults removes them. It panics if a rate is outside [0, 1] or a duration
// is negative.
func (s *Server) SetFaults(action string, f Faults) {
	for name, r := range map[string]float64{"ThrottleRate": f.ThrottleRate, "ServerErrorRate": f.ServerErrorRate, "DropAfterRate": f.DropAfterRate, "LatencyRate": f.LatencyRate} {
		if !(r >= 0 && r <= 1) {
			panic(fmt.Sprintf("privatelinktest: SetFaults %s=%v is not within [0, 1]", name, r))
		}
	}
	if f.ThrottleRate+f.ServerErrorRate > 1 {
		panic("privatelinktest: SetFaults ThrottleRate+ServerErrorRate exceeds 1")
	}
	switch f.ThrottleCode {
	case "", "Throttling", "Throttling.Api", "Throttling.User":
	default:
		panic(fmt.Sprintf("privatelinktest: SetFaults ThrottleCode %q is not Throttling, Throttling.Api or Throttling.User", f.ThrottleCode))
	}
	if f.Latency < 0 || f.RetryAfter < 0 {
		panic("privatelinktest: SetFaults with a negative duration")
	}
	if action == "" {
		action = "*"
	}
	if action != "*" && !knownAction(action) {
		panic(fmt.Sprintf("privatelinktest: SetFaults for unknown action %q", action))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f == (Faults{}) {
		delete(s.faults, action)
		return
	}
	s.faults[action] = f
}

// Stats returns a copy of the per-action counters. A request naming an
// action the emulator does not serve is counted under that name, as the
// request log names it; past maxUnknownActions such names, or for a name
// no action could have (over 64 bytes, or other than ASCII letters, digits,
// '.', '_' and '-'), under "(other)". A request with no action is counted
// under "".
func (s *Server) Stats() map[string]ActionStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]ActionStats, len(s.stats))
	for k, v := range s.stats {
		out[k] = *v
	}
	return out
}

// Requests returns how many HTTP requests the server has received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// maxUnknownActions bounds how many names of actions the emulator does not
// serve get counters of their own, so that garbage input cannot grow the
// map: the rest share otherActions.
const maxUnknownActions = 32

// otherActions is the Stats key of unknown actions past maxUnknownActions.
const otherActions = "(other)"

// statsFor returns the counters of action, creating them. Called with s.mu
// held.
func (s *Server) statsFor(action string) *ActionStats {
	st := s.stats[action]
	if st != nil {
		return st
	}
	if action != "" && !knownAction(action) {
		if s.unknownActions >= maxUnknownActions || !plausibleAction(action) {
			action = otherActions
			if st = s.stats[action]; st != nil {
				return st
			}
		} else {
			s.unknownActions++
		}
	}
	st = &ActionStats{}
	s.stats[action] = st
	return st
}

// plausibleAction reports whether name could be an API's action: short,
// and only letters, digits, '.', '_' and '-'.
func plausibleAction(name string) bool {
	if len(name) > 64 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// faultsFor returns the faults for action. Called with s.mu held.
func (s *Server) faultsFor(action string) Faults {
	if f, ok := s.faults[action]; ok {
		return f
	}
	return s.faults["*"]
}

// delays draws whether this request's answer is held back by the
// latency, and counts it. Rates of 0 and 1 draw nothing, so that adding
// LatencyRate changed no fault sequence a seed gave before. Called with
// s.mu held.
func (s *Server) delays(f Faults, st *ActionStats) bool {
	if f.Latency <= 0 {
		return false
	}
	if f.LatencyRate > 0 && f.LatencyRate < 1 && s.faultRand.Float64() >= f.LatencyRate {
		return false
	}
	st.Delayed++
	return true
}

// injectFault draws whether this request is refused by a fault. Called
// with s.mu held.
func (s *Server) injectFault(f Faults, st *ActionStats) *apiError {
	if f.ThrottleRate == 0 && f.ServerErrorRate == 0 {
		return nil
	}
	r := s.faultRand.Float64()
	half := s.faultRand.IntN(2) == 0
	var e *apiError
	switch {
	case r < f.ThrottleRate:
		st.Throttled++
		switch {
		case f.ThrottleCode == "Throttling.Api":
			e = errThrottlingAPI()
		case f.ThrottleCode == "Throttling":
			e = errThrottling()
		case f.ThrottleCode == "Throttling.User" || half:
			e = errThrottlingUser()
		default:
			e = errThrottling()
		}
	case r < f.ThrottleRate+f.ServerErrorRate:
		st.ServerErrors++
		if half {
			e = errInternal()
		} else {
			e = errServiceUnavailable()
		}
	default:
		return nil
	}
	e.fault = true
	if f.RetryAfter > 0 && e.code != "InternalError" {
		e.retryAfter = int((f.RetryAfter + time.Second - 1) / time.Second)
	}
	return e
}
