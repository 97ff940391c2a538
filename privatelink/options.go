package privatelink

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"golang.org/x/time/rate"

	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/signer"
)

// Default timeouts, as in Alibaba Cloud's official SDKs.
const (
	DefaultConnectTimeout = 5 * time.Second
	DefaultAttemptTimeout = 10 * time.Second
)

// Default retry settings; see WithRetry. They equal the transport's own
// defaults, which a test keeps in step.
const (
	DefaultMaxAttempts = 4
	DefaultMinBackoff  = 200 * time.Millisecond
	DefaultMaxBackoff  = 8 * time.Second
)

// SignatureVersion selects a request signature scheme for
// WithSignatureVersion, so that choosing one needs no other import.
type SignatureVersion = signer.Version

// Request signature schemes for WithSignatureVersion.
const (
	// SignatureV1 is the RPC signature: HMAC-SHA1, SignatureVersion 1.0.
	SignatureV1 SignatureVersion = 1
	// SignatureV3 is ACS3-HMAC-SHA256, the default.
	SignatureV3 SignatureVersion = 3
)

// Option configures a Client; the With* functions of this package make
// them. Options check what they are given: NewClient returns the first
// problem.
type Option struct {
	apply func(*config) error
}

// optionFunc makes an Option of f.
func optionFunc(f func(*config) error) Option { return Option{apply: f} }

type config struct {
	// waitDefaults are the WithWaitOptions, applied before every wait's own.
	waitDefaults   []WaitOption
	endpoint       string
	creds          transport.CredentialsFunc
	signature      signer.Version
	httpClient     *http.Client
	retry          transport.RetryPolicy
	logger         *slog.Logger
	userAgent      string
	limiter        *rate.Limiter
	connectTimeout time.Duration
	attemptTimeout time.Duration
	observer       *Observer
	busyRetry      time.Duration
	throttleRetry  time.Duration
	adaptive       bool

	// test hooks
	now    func() time.Time
	nonce  func() string
	jitter func(int64) int64
}

// WithEndpoint sends requests to rawURL instead of
// https://privatelink.<region>.aliyuncs.com: a VPC endpoint of the API, a
// proxy, or the privatelinktest emulator. rawURL is a URL
// ("https://privatelink-vpc.cn-hangzhou.aliyuncs.com", optionally with a
// base path) or, as Alibaba Cloud's SDKs, CLI and Terraform take it, a bare
// host[:port], which means https. Plain http is used only when the URL says
// so.
func WithEndpoint(rawURL string) Option {
	return optionFunc(func(c *config) error {
		const form = `want "https://host[:port][/path]", "http://..." or a bare host[:port]`
		if strings.ContainsFunc(rawURL, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return fmt.Errorf("WithEndpoint: the endpoint holds a control character; %s", form)
		}
		bare := rawURL != "" && !strings.Contains(rawURL, "://")
		if bare {
			rawURL = "https://" + rawURL
		}
		u, err := url.Parse(rawURL)
		if err != nil {
			return fmt.Errorf("WithEndpoint: %w; %s", urlParseCause(err), form)
		}
		if h := u.Hostname(); bare && (h == "https" || h == "http") {
			// "https//host" or "http:/host": a scheme missing its "://",
			// not a host named https.
			return fmt.Errorf("WithEndpoint: the endpoint starts with a scheme without \"://\"; %s", form)
		}
		if u.Scheme != "https" && u.Scheme != "http" {
			return fmt.Errorf("WithEndpoint: scheme must be https or http, got %q; %s", safeEndpoint(u), form)
		}
		if u.Host == "" {
			return fmt.Errorf("WithEndpoint: no host in %q; %s", safeEndpoint(u), form)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return fmt.Errorf("WithEndpoint: %q must not carry a query, fragment or user info; %s", safeEndpoint(u), form)
		}
		c.endpoint = rawURL
		return nil
	})
}

// WithStaticCredentials signs with a fixed AccessKey pair, and an STS
// security token when securityToken is not empty.
func WithStaticCredentials(accessKeyID, accessKeySecret, securityToken string) Option {
	return optionFunc(func(c *config) error {
		if accessKeyID == "" || accessKeySecret == "" {
			return errors.New("WithStaticCredentials: access key ID and secret are required")
		}
		c.creds = staticCredentials(transport.Credentials{
			AccessKeyID: accessKeyID, AccessKeySecret: accessKeySecret, SecurityToken: securityToken,
		})
		return nil
	})
}

// WithCredential signs with credentials from a credentials-go Credential (RAM
// role, OIDC, ECS role, ...). It is asked before every call, so rotating STS
// credentials keep working.
func WithCredential(cred credentials.Credential) Option {
	return optionFunc(func(c *config) error {
		if cred == nil {
			return errors.New("WithCredential: nil credential")
		}
		src := &credentialSource{cred: cred, reuse: credentialReuse}
		c.creds = src.get
		return nil
	})
}

// WithSignatureVersion selects the request signature: SignatureV3
// (ACS3-HMAC-SHA256, the default) or SignatureV1 (HMAC-SHA1).
func WithSignatureVersion(v SignatureVersion) Option {
	return optionFunc(func(c *config) error {
		if v != signer.V1 && v != signer.V3 {
			return fmt.Errorf("WithSignatureVersion: unsupported version %v", v)
		}
		c.signature = v
		return nil
	})
}

// WithHTTPClient sends requests with hc. Its Timeout, when set, is the
// per-attempt timeout; when zero, the SDK's attempt timeout applies (hc is
// copied, never modified). The connect timeout applies only to the SDK's own
// default transport.
func WithHTTPClient(hc *http.Client) Option {
	return optionFunc(func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil client")
		}
		c.httpClient = hc
		return nil
	})
}

// WithRetry sets the retry policy: at most maxAttempts attempts in all (1
// disables retries) with capped exponential backoff and full jitter between
// minBackoff and maxBackoff. Server hints (Retry-After, x-ratelimit-*) take
// precedence over the computed wait; the context deadline always wins.
func WithRetry(maxAttempts int, minBackoff, maxBackoff time.Duration) Option {
	return optionFunc(func(c *config) error {
		if maxAttempts < 1 || maxAttempts > 20 {
			return fmt.Errorf("WithRetry: maxAttempts must be in [1, 20], got %d", maxAttempts)
		}
		if minBackoff < 0 || maxBackoff < minBackoff {
			return fmt.Errorf("WithRetry: need 0 <= minBackoff <= maxBackoff, got %v and %v", minBackoff, maxBackoff)
		}
		c.retry = transport.RetryPolicy{MaxAttempts: maxAttempts, MinBackoff: minBackoff, MaxBackoff: maxBackoff}
		return nil
	})
}

// WithTimeouts sets the TCP connect timeout and the per-attempt timeout
// (request sent to body read). Zero keeps the default. The context deadline
// of a call always wins.
func WithTimeouts(connect, attempt time.Duration) Option {
	return optionFunc(func(c *config) error {
		if connect < 0 || attempt < 0 {
			return errors.New("WithTimeouts: timeouts must not be negative")
		}
		if connect > 0 {
			c.connectTimeout = connect
		}
		if attempt > 0 {
			c.attemptTimeout = attempt
		}
		return nil
	})
}

// WithLogger logs every HTTP attempt (action, attempt, status, request ID,
// latency, ClientToken) at Debug level, and retried failures at Info. Secrets,
// signatures and security tokens are never logged.
func WithLogger(l *slog.Logger) Option {
	return optionFunc(func(c *config) error {
		if l == nil {
			return errors.New("WithLogger: nil logger")
		}
		c.logger = l
		return nil
	})
}

// WithUserAgent appends suffix (for example "my-controller/1.2") to the
// User-Agent header. A suffix with a control character (a line break, NUL,
// DEL, a tab) is refused: net/http sends no header value holding one but
// the tab, so every call would fail, and a tab, which it would send, has
// no place in a product token either.
func WithUserAgent(suffix string) Option {
	return optionFunc(func(c *config) error {
		suffix = strings.TrimSpace(suffix)
		for i := 0; i < len(suffix); i++ {
			if b := suffix[i]; b < ' ' || b == 0x7f {
				// net/http refuses such a header value (all but the
				// tab), so every call would fail.
				return fmt.Errorf("WithUserAgent: suffix must be one line of text without control characters, found %s", quoteByteAt(suffix, i))
			}
		}
		if suffix != "" {
			c.userAgent += " " + suffix
		}
		return nil
	})
}

// WithRateLimit caps the client's request rate (every attempt counts) at
// requestsPerSecond with bursts of burst, shared by all goroutines using the
// client: the way to stay under the account's API quota in bulk automation.
func WithRateLimit(requestsPerSecond float64, burst int) Option {
	return optionFunc(func(c *config) error {
		if !(requestsPerSecond > 0) || math.IsInf(requestsPerSecond, 0) || burst < 1 {
			return fmt.Errorf("WithRateLimit: need requestsPerSecond > 0 and burst >= 1, got %v and %d", requestsPerSecond, burst)
		}
		c.limiter = rate.NewLimiter(rate.Limit(requestsPerSecond), burst)
		return nil
	})
}

// DefaultBusyRetry is how long a call retries answers saying the endpoint or
// endpoint service is busy with another change; see WithBusyRetry.
const DefaultBusyRetry = 2 * time.Minute

// WithBusyRetry sets how long, from the start of a call, answers saying the
// resource is busy with another change (EndpointLocked,
// ConcurrentCallNotSupported, EndpointOperationDenied,
// EndpointConnectionOperationDenied, EndpointServiceLocked,
// EndpointServiceOperationDenied) keep being retried after the attempts of
// WithRetry are spent, with the same capped backoff. Such a lock lasts
// seconds to minutes (an update right after AddZoneToVpcEndpoint meets it),
// which is why Terraform's alicloud provider retries these codes for its
// whole update timeout (resource_alicloud_privatelink_vpc_endpoint.go).
// The default is DefaultBusyRetry; 0 gives busy answers only the attempts of
// WithRetry; WithRetry(1, ...) disables this too. The context deadline
// always wins.
func WithBusyRetry(budget time.Duration) Option {
	return optionFunc(func(c *config) error {
		if budget < 0 {
			return fmt.Errorf("WithBusyRetry: budget must not be negative, got %v", budget)
		}
		c.busyRetry = budget
		return nil
	})
}

// DefaultThrottleRetry is how long a call retries answers refusing it for a
// rate limit; see WithThrottleRetry.
const DefaultThrottleRetry = 2 * time.Minute

// WithThrottleRetry sets how long, from the start of a call, throttled
// answers (Throttling, Throttling.User, Throttling.Api, any other
// Throttling.* code, HTTP 429) keep being retried after the attempts of
// WithRetry are spent. A throttle passes when the quota refills, not after
// a number of attempts: a bulk job over its quota then slows down instead
// of failing, and a call fails with the throttle only when the quota
// cannot serve it within the budget or the context deadline. The wait
// before each retry is the longer of the server's hint (Retry-After, or
// the TimeLeft of x-ratelimit-user-api) and the capped, jittered backoff of
// WithRetry, so that goroutines refused together do not come back
// together. The default is DefaultThrottleRetry; 0 gives throttled answers
// only the attempts of WithRetry; WithRetry(1, ...) disables this too. The
// context deadline always wins.
func WithThrottleRetry(budget time.Duration) Option {
	return optionFunc(func(c *config) error {
		if budget < 0 {
			return fmt.Errorf("WithThrottleRetry: budget must not be negative, got %v", budget)
		}
		c.throttleRetry = budget
		return nil
	})
}

// WithAdaptiveRateLimit turns adaptive pacing on (the default) or off.
//
// While on, each API action is paced by the answers that say this
// client's own rate is over the account's quota: Throttling.User, or a
// refusal whose x-ratelimit-user-api or x-ratelimit-user header says no
// call is left (Remain:0). Until the first such answer an action is not
// paced, and costs nothing measurable, except that its first requests start
// slowly: at most 4 in flight, one more per answer, for at most a second or
// until 64 are in flight, so that 64 goroutines starting together do not
// all meet a quota that lets 10 through. After it, the action is paced
// at 70% of the rate measured when it came, climbing back along a CUBIC
// curve (as AWS's adaptive retry mode) and unpaced again once the client
// has sent twice that rate without another. Actions are paced apart, as
// the gateway counts its quotas per account and API; past 64 distinct
// action names (only Invoke can send that many), a new name takes the
// place of one idle for a minute, or else shares one pace with the others.
//
// Throttles that are not about this client's rate never move the pace:
// Throttling.Api (every account's calls to the API), Throttling (the
// gateway's own load), a bare HTTP 429 (a counter on the path that this
// client cannot know it owns), ServiceUnavailable and the busy codes. They
// are retried, with backoff and hints, as WithRetry, WithThrottleRetry and
// WithBusyRetry say.
//
// Adaptive pacing composes with WithRateLimit, a hard ceiling every
// attempt also waits for; retried attempts wait for both. The pace is
// shared by every goroutine using the client, not by several clients or
// processes: each learns the quota from its own throttles (see
// docs/quotas.md for several replicas sharing one quota). Turn it off
// only to manage the rate entirely by hand, with WithRateLimit.
func WithAdaptiveRateLimit(enabled bool) Option {
	return optionFunc(func(c *config) error { c.adaptive = enabled; return nil })
}
