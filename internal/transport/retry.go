package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RetryPolicy bounds the attempts of one call and the waits between them.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt: 1 disables retries.
	MaxAttempts int
	// MinBackoff is the base of the exponential backoff.
	MinBackoff time.Duration
	// MaxBackoff caps the computed (not the server-hinted) wait.
	MaxBackoff time.Duration
	// BusyBudget is how long, from the start of the call, an answer with a
	// busy code (see BusyCode) is retried past MaxAttempts, with the same
	// capped backoff; 0 gives busy codes MaxAttempts like any other. It
	// applies only when retries are enabled (MaxAttempts > 1), and the
	// context deadline still wins.
	BusyBudget time.Duration
	// ThrottleBudget is the same for throttled answers (ThrottleAnswer):
	// how long, from the start of the call, they are retried past
	// MaxAttempts. A throttle passes when the quota refills, which the
	// gateway's TimeLeft says; a count of attempts does not know how long
	// that is. The wait before each such retry is the longer of the server
	// hint and the jittered backoff (see ThrottleWait), and the context
	// deadline still wins.
	ThrottleBudget time.Duration
}

// Default retry settings: four attempts fit well inside a typical 30 s
// deadline while riding out the short throttling and 5xx bursts that the
// gateway produces.
const (
	DefaultMaxAttempts = 4
	DefaultMinBackoff  = 200 * time.Millisecond
	DefaultMaxBackoff  = 8 * time.Second
	// MaxHint caps a server's Retry-After or rate-limit hint, so that a
	// misbehaving proxy cannot park a call for hours. ctx still wins.
	MaxHint = time.Minute
)

// retryableCodes are service error codes that describe a transient
// condition of the gateway: throttling and availability. The busy codes
// below are retryable too (ShouldRetry asks both), on their own budget.
var retryableCodes = map[string]bool{
	"Throttling":         true,
	"Throttling.User":    true,
	"Throttling.Api":     true,
	"ServiceUnavailable": true,
	"InternalError":      true,
}

// busyCodes say that the resource is in the middle of another change
// (a zone being added, a connection being made); it clears within seconds
// to minutes, far longer than MaxAttempts' backoff covers. Terraform's
// alicloud provider retries EndpointLocked, EndpointOperationDenied and
// EndpointConnectionOperationDenied for the whole update timeout (4
// minutes) with a 3-10 s wait: resource.Retry with IsExpectedErrors in
// resourceAlicloudPrivatelinkVpcEndpointUpdate,
// github.com/aliyun/terraform-provider-alicloud,
// alicloud/resource_alicloud_privatelink_vpc_endpoint.go (commit 0c6151bf).
var busyCodes = map[string]bool{
	"EndpointLocked":                    true,
	"ConcurrentCallNotSupported":        true,
	"EndpointOperationDenied":           true,
	"EndpointConnectionOperationDenied": true,
	"EndpointServiceLocked":             true,
	"EndpointServiceOperationDenied":    true,
}

// BusyCode reports whether code says the resource is busy with another
// change: such answers are retried for RetryPolicy.BusyBudget.
func BusyCode(code string) bool { return busyCodes[code] }

// ThrottleAnswer reports whether an answer refused the request for a rate
// limit, whoever's: a Throttling or Throttling.* code, or HTTP 429. Such
// answers are retried for RetryPolicy.ThrottleBudget. Only some of them
// say that this client's own rate is the cause: see OwnThrottle.
func ThrottleAnswer(status int, code string) bool {
	return code == "Throttling" || strings.HasPrefix(code, "Throttling.") || status == http.StatusTooManyRequests
}

// OwnThrottle reports whether an answer is evidence that this client's own
// request rate caused the refusal, the only throttles adaptive pacing acts
// on:
//
//   - Throttling.User: the gateway's per-account, per-API quota is spent.
//   - A refusal carrying x-ratelimit-user-api or x-ratelimit-user whose
//     Remain is below 1 (and not -1, which the gateway uses for "no
//     limit"): the account's own counter is empty. Alibaba Cloud's Java
//     core SDK treats exactly that as throttled (AliyunThrottlingPattern
//     with "Remain:1" in aliyun-openapi-java-sdk's RetryUtil), and the
//     darabonba-openapi SDKs read TimeLeft from the same two headers.
//
// Throttling.Api counts every account's calls to the API, and Throttling
// and ServiceUnavailable are the gateway's own load: a client that slows
// down helps with none of them. A bare 429 does not count either: the
// gateway signals its quotas with Throttling.* codes on HTTP 400 or 503,
// so a 429 without them comes from something else on the path (a proxy,
// an API management layer) whose counter this client cannot know it owns.
// All of these are still retried (ThrottleAnswer), with their hints.
func OwnThrottle(status int, code string, h http.Header) bool {
	if code == "Throttling.User" {
		return true
	}
	if h == nil || (code == "" && status < 400) {
		return false
	}
	return remainSpent(h.Get("X-Ratelimit-User-Api")) || remainSpent(h.Get("X-Ratelimit-User"))
}

// remainSpent reports whether a "Limit:..,Remain:..,TimeLeft:..,Reset:.."
// value says no call is left: Remain is 0 (a negative Remain other than -1
// is read as 0).
func remainSpent(v string) bool {
	val, ok := rateLimitField(v, "Remain")
	if !ok || val == "-1" {
		return false
	}
	if strings.HasPrefix(val, "-") {
		return true
	}
	n, ok := saturatingUint(val)
	return ok && n < 1
}

// Reasons returned by ShouldRetry, stable strings for logs and tests.
const (
	ReasonOK             = ""
	ReasonContext        = "context done"
	ReasonTransport      = "transport error"
	ReasonPermanentError = "non-retryable transport error"
	ReasonStatus         = "retryable HTTP status"
	ReasonCode           = "retryable error code"
	ReasonClientError    = "client error"
	// ReasonWaitOutlastsDeadline ends a call whose wait before the next
	// attempt (backoff or server hint) would end after the context
	// deadline.
	ReasonWaitOutlastsDeadline = "the wait before the next attempt outlasts the context deadline"
)

// ShouldRetry is the retry decision for one finished attempt, as a pure
// function: ctxErr is the call context's error, err the transport error (nil
// when a response arrived), status and code the HTTP status and the service
// error code decoded from the body ("" when none). It says whether the
// failure is transient, not whether sending the call again is safe: that
// holds for a read and for a call with a ClientToken (the service runs a
// token's call once), but not for a write without one (OpenPrivateLinkService,
// ChangeResourceGroup, Invoke without Idempotent), which the call path
// retries only after an attempt that never reached the service or that
// the service refused (see Call.Read).
func ShouldRetry(ctxErr error, status int, code string, err error) (bool, string) {
	if ctxErr != nil {
		return false, ReasonContext
	}
	if err != nil {
		if permanentTransportError(err) {
			return false, ReasonPermanentError
		}
		return true, ReasonTransport
	}
	if code != "" && (retryableCodes[code] || busyCodes[code]) {
		return true, ReasonCode
	}
	switch {
	case status == http.StatusTooManyRequests:
		return true, ReasonStatus
	case status >= 500 && status != http.StatusNotImplemented:
		return true, ReasonStatus
	case status >= 400:
		return false, ReasonClientError
	}
	return false, ReasonOK
}

// permanentTransportError recognises failures that another attempt cannot
// fix: the caller's own cancellation, a host name that does not exist
// (NXDOMAIN: a mistyped region), TLS and certificate problems, and a
// malformed URL or unsupported scheme.
func permanentTransportError(err error) bool {
	if errors.Is(err, context.Canceled) || unknownHost(err) != "" {
		return true
	}
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalidCert      x509.CertificateInvalidError
		verifyErr        *tls.CertificateVerificationError
		recordHeader     tls.RecordHeaderError
		alert            tls.AlertError
	)
	if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) ||
		errors.As(err, &invalidCert) || errors.As(err, &verifyErr) ||
		errors.As(err, &recordHeader) || errors.As(err, &alert) {
		return true
	}
	var redirect *RedirectError
	if errors.As(err, &redirect) {
		return true // the API never redirects: the endpoint is wrong
	}
	var ue *url.Error
	if errors.As(err, &ue) && strings.Contains(ue.Err.Error(), "unsupported protocol scheme") {
		return true
	}
	return false
}

// Backoff returns the wait before retry number retry (0 for the wait after
// the first attempt). A server hint (Retry-After, x-ratelimit-*) wins when
// present, lengthened by up to 10% so that clients throttled together do not
// return together, and capped at MaxHint; otherwise it is capped exponential
// backoff with full jitter: uniform in [0, min(MaxBackoff,
// MinBackoff*2^retry)]. jitter returns a value in [0, n); tests pass a fixed
// one.
func Backoff(p RetryPolicy, retry int, hint time.Duration, jitter func(n int64) int64) time.Duration {
	if jitter == nil {
		jitter = rand.Int64N
	}
	if hint > 0 {
		hint = min(hint, MaxHint)
		return min(hint+time.Duration(jitter(int64(hint/10)+1)), MaxHint)
	}
	ceiling := p.MaxBackoff
	if retry < 32 {
		if d := p.MinBackoff << retry; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(jitter(int64(ceiling) + 1))
}

// Hint extracts the server's advice on when to retry from response headers:
// Retry-After (seconds or an HTTP date) and Alibaba Cloud's
// x-ratelimit-user-api / x-ratelimit-user ("Limit:1,Remain:0,TimeLeft:2000,
// Reset:...", TimeLeft in milliseconds). The largest wins, capped at
// MaxHint; zero means none. Numbers are parsed with saturation, so a huge
// value means "a long time" (MaxHint), never an overflowed negative or zero
// wait.
func Hint(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	var d time.Duration
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if s, ok := saturatingUint(v); ok {
			d = scaleHint(s, time.Second)
		} else if t, err := http.ParseTime(v); err == nil && t.After(now) {
			d = min(t.Sub(now), MaxHint)
		}
	}
	for _, name := range [...]string{"X-Ratelimit-User-Api", "X-Ratelimit-User"} {
		if ms := timeLeft(h.Get(name)); ms > 0 {
			d = max(d, scaleHint(ms, time.Millisecond))
		}
	}
	return d
}

// scaleHint returns n units, capped at MaxHint before multiplying so that
// the product cannot overflow.
func scaleHint(n int64, unit time.Duration) time.Duration {
	if n > int64(MaxHint/unit) {
		return MaxHint
	}
	return time.Duration(n) * unit
}

// saturatingUint parses a decimal number of digits only, saturating at
// math.MaxInt64 instead of failing on overflow.
func saturatingUint(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (math.MaxInt64-9)/10 {
			n = math.MaxInt64
			continue
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// ThrottleWait is the wait before retrying a throttled attempt: the longer
// of the server's hint (lengthened by up to 10%, see Backoff) and the
// capped, fully jittered backoff for retry. The hint says when the next
// call fits the quota; the backoff, which grows with every retry, spreads
// goroutines that were refused together, so that they do not all come
// back for the one call the quota has room for.
func ThrottleWait(p RetryPolicy, retry int, hint time.Duration, jitter func(n int64) int64) time.Duration {
	return max(Backoff(p, retry, hint, jitter), Backoff(p, retry, 0, jitter))
}

func timeLeft(v string) int64 {
	val, _ := rateLimitField(v, "TimeLeft")
	n, _ := saturatingUint(val)
	return n
}

// rateLimitField returns the trimmed value of the first pair named key
// (in any case) of a "Limit:..,Remain:..,TimeLeft:..,Reset:.." value, and
// whether there was one.
func rateLimitField(v, key string) (string, bool) {
	for v != "" {
		var pair string
		pair, v, _ = strings.Cut(v, ",")
		k, val, ok := strings.Cut(pair, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), key) {
			return strings.TrimSpace(val), true
		}
	}
	return "", false
}

// unknownHost returns the name a resolver said does not exist, or "". A
// temporary resolver failure (timeout, SERVFAIL) is not IsNotFound and stays
// retryable.
func unknownHost(err error) string {
	if err == nil {
		return "" // spares the successful call the allocation of errors.As
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return dnsErr.Name
	}
	return ""
}

// explainUnknownHost names the host that does not resolve and the likely
// cause: the endpoint is built from the region ID.
func explainUnknownHost(err error) error {
	if host := unknownHost(err); host != "" {
		return fmt.Errorf("host %s does not exist: check the region ID (or the endpoint): %w", host, err)
	}
	return err
}
