package privatelink

import (
	"net/http"
	"net/url"
	"time"

	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/signer"
)

// withNow replaces the client's clock, for tests of timestamp handling.
func withNow(now func() time.Time) Option {
	return optionFunc(func(c *config) error { c.now = now; return nil })
}

// withJitter replaces the backoff's random draw.
func withJitter(j func(int64) int64) Option {
	return optionFunc(func(c *config) error { c.jitter = j; return nil })
}

type transportCredentials = transport.Credentials

// newTransportForTest rebuilds c's transport with another credential source.
func newTransportForTest(c *Client, endpoint string, creds transport.CredentialsFunc) *transport.Transport {
	u, _ := url.Parse(endpoint)
	return transport.New(transport.Config{
		Endpoint: u, RegionID: c.regionID, Signature: signer.V3, Credentials: creds,
		HTTPClient: http.DefaultClient,
		Retry:      transport.RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond},
	})
}
