package privatelink

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"time"

	"github.com/privatelink-go/sdk/internal/ratecontrol"
	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/internal/wire"
	"github.com/privatelink-go/sdk/signer"
)

// Version is this SDK's version, sent in the User-Agent header.
const Version = "0.3.0"

// APIVersion is the PrivateLink API version the client speaks.
const APIVersion = "2020-04-15"

// Client calls the PrivateLink API of one region. It is safe for concurrent
// use and cheap to share: create one per region and reuse it.
type Client struct {
	regionID string
	tr       *transport.Transport
	logger   *slog.Logger
	observer *Observer // nil: none
	// waitDefaults are applied before the options of every wait.
	waitDefaults []WaitOption
	// adaptive is the transport's pacing controller; nil when pacing is
	// off.
	adaptive *ratecontrol.Controller
}

// regionPattern is the shape of a region ID: an area of two letters or
// more (cn, ap, and rus in Alibaba Cloud's SDK endpoint maps), then words
// of lower-case letters and digits, each after a "-". A region only new to
// this SDK still has it (TestNewClientAcceptsEveryRealRegion).
var regionPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// zoneSuffix matches the end of a zone ID: a region followed by "-" and a
// letter (cn-hangzhou-h) or by a letter after its number
// (ap-southeast-1a). No region ID ends so.
var zoneSuffix = regexp.MustCompile(`(-[a-z]|[0-9][a-z])$`)

// checkRegionID returns why regionID is not the shape of a region ID, or
// nil.
func checkRegionID(regionID string) error {
	if regionPattern.MatchString(regionID) {
		m := zoneSuffix.FindStringIndex(regionID)
		if m == nil {
			return nil
		}
		region := regionID[:len(regionID)-1]
		if regionID[m[0]] == '-' {
			region = regionID[:m[0]]
		}
		return fmt.Errorf("%q is a zone ID, not a region ID: the region of that zone is %q", regionID, region)
	}
	return fmt.Errorf("invalid region ID %q: a region ID is lower-case words joined by \"-\", such as \"cn-hangzhou\" or \"ap-southeast-1\"", regionID)
}

// NewClient returns a client for regionID (for example "cn-hangzhou"). A
// region ID of the wrong shape is refused, and a zone ID (cn-hangzhou-h)
// is refused with the name of its region.
// Without a credentials option it uses the credentials-go default chain
// (environment, OIDC/RRSA, CLI profile, credentials file, ECS RAM role,
// credentials URI), resolved on first use and asked before every call.
func NewClient(regionID string, opts ...Option) (*Client, error) {
	if err := checkRegionID(regionID); err != nil {
		return nil, fmt.Errorf("privatelink: NewClient: %w", err)
	}
	cfg := config{
		signature:      signer.V3,
		retry:          transport.RetryPolicy{MaxAttempts: DefaultMaxAttempts, MinBackoff: DefaultMinBackoff, MaxBackoff: DefaultMaxBackoff},
		userAgent:      fmt.Sprintf("privatelink-go/%s (%s; %s) Go/%s", Version, runtime.GOOS, runtime.GOARCH, runtime.Version()),
		connectTimeout: DefaultConnectTimeout,
		attemptTimeout: DefaultAttemptTimeout,
		busyRetry:      DefaultBusyRetry,
		throttleRetry:  DefaultThrottleRetry,
		adaptive:       true,
	}
	for _, opt := range opts {
		if opt.apply == nil {
			continue
		}
		if err := opt.apply(&cfg); err != nil {
			return nil, fmt.Errorf("privatelink: NewClient: %w", err)
		}
	}
	// WithRetry replaces the whole policy.
	cfg.retry.BusyBudget, cfg.retry.ThrottleBudget = cfg.busyRetry, cfg.throttleRetry
	if cfg.endpoint == "" {
		cfg.endpoint = "https://privatelink." + regionID + ".aliyuncs.com"
	}
	endpoint, err := url.Parse(cfg.endpoint)
	if err != nil {
		return nil, fmt.Errorf("privatelink: NewClient: %w", err)
	}
	if cfg.creds == nil {
		src := &credentialSource{defaultChain: true, reuse: credentialReuse}
		cfg.creds = src.get
	}
	logger := cfg.logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{regionID: regionID, logger: logger, observer: cfg.observer, waitDefaults: cfg.waitDefaults}
	hc, attemptTimeout := httpClient(&cfg)
	var adaptive *ratecontrol.Controller
	if cfg.adaptive {
		adaptive = ratecontrol.New(ratecontrol.Config{})
	}
	c.adaptive = adaptive
	c.tr = transport.New(transport.Config{
		Endpoint:       endpoint,
		RegionID:       regionID,
		Signature:      cfg.signature,
		Credentials:    cfg.creds,
		HTTPClient:     hc,
		AttemptTimeout: attemptTimeout,
		Retry:          cfg.retry,
		Logger:         cfg.logger,
		UserAgent:      cfg.userAgent,
		Limiter:        cfg.limiter,
		Adaptive:       adaptive,
		OnAttempt:      cfg.observer.onAttempt(),
		Now:            cfg.now,
		Nonce:          cfg.nonce,
		Jitter:         cfg.jitter,
	})
	return c, nil
}

// safeEndpoint returns an endpoint URL as an error may quote it: user
// info, query and fragment can hold credentials, so they are left out.
func safeEndpoint(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.ForceQuery, c.Fragment, c.RawFragment = nil, "", false, "", ""
	return c.String()
}

// urlParseCause returns why a URL did not parse without the URL itself,
// which *url.Error would quote whole, password and all.
func urlParseCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("the URL does not parse: %w", ue.Err)
	}
	return err
}

// RegionID returns the region the client calls.
func (c *Client) RegionID() string { return c.regionID }

// httpClient returns the client the transport uses and the per-attempt
// timeout: the caller's client (never modified) with its Timeout, when set,
// as the attempt timeout; or a pooled one sized for concurrent automation.
func httpClient(cfg *config) (*http.Client, time.Duration) {
	if cfg.httpClient != nil {
		if cfg.httpClient.Timeout > 0 {
			return cfg.httpClient, cfg.httpClient.Timeout
		}
		return cfg.httpClient, cfg.attemptTimeout
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: cfg.connectTimeout, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = cfg.connectTimeout
	// The default of 2 idle connections per host forces a new TLS handshake
	// for most requests as soon as a few goroutines share the client.
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	return &http.Client{Transport: tr}, cfg.attemptTimeout
}

// call sends action with query parameters through do and feeds the answer's
// members to field; it returns the request ID. The operations are generated
// and call do themselves; call remains for the package's tests, which send
// raw actions. A call without a ClientToken is treated as a read.
func (c *Client) call(ctx context.Context, action string, params wire.Params, clientToken string, field transport.FieldFunc) (string, error) {
	return c.do(ctx, &transport.Call{Action: action, Params: params, ClientToken: clientToken, Read: clientToken == ""}, field)
}

// observedCall is do with the client's Observer told when the call starts
// and ends; kept apart so that a client without one pays nothing for it.
func (c *Client) observedCall(ctx context.Context, call *transport.Call, field transport.FieldFunc) (string, error) {
	start := CallStartEvent{Action: call.Action, RegionID: c.regionID, ClientToken: call.ClientToken, Start: time.Now()}
	ctx = c.observer.callStart(ctx, start)
	meta, err := c.tr.Do(ctx, call, field)
	if err != nil {
		err = wrapError(call, c.regionID, meta, err)
	}
	c.observer.callEnd(ctx, start, meta, err)
	return meta.RequestID, err
}

// CloseIdleConnections closes the idle keep-alive connections of the
// client's HTTP transport, for example before a long pause. The client
// stays usable. (A failing call never does this by itself: the pool is
// shared by every goroutine using the client.)
func (c *Client) CloseIdleConnections() { c.tr.CloseIdleConnections() }
