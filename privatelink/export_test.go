package privatelink

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/privatelink-go/sdk/internal/ratecontrol"
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

// WaitJitterDraw pins a waiter's jitter draw, for the external tests.
func WaitJitterDraw(u float64) WaitOption { return withJitterDraw(u) }

// The operations' action names, for the external tests.
const (
	ActionAddZoneToVpcEndpoint               = actionAddZoneToVpcEndpoint
	ActionAttachSecurityGroupToVpcEndpoint   = actionAttachSecurityGroupToVpcEndpoint
	ActionCreateVpcEndpoint                  = actionCreateVpcEndpoint
	ActionDeleteVpcEndpoint                  = actionDeleteVpcEndpoint
	ActionDetachSecurityGroupFromVpcEndpoint = actionDetachSecurityGroupFromVpcEndpoint
	ActionGetVpcEndpointAttribute            = actionGetVpcEndpointAttribute
	ActionListVpcEndpointSecurityGroups      = actionListVpcEndpointSecurityGroups
	ActionListVpcEndpointZones               = actionListVpcEndpointZones
	ActionListVpcEndpoints                   = actionListVpcEndpoints
	ActionRemoveZoneFromVpcEndpoint          = actionRemoveZoneFromVpcEndpoint
	ActionUpdateVpcEndpointAttribute         = actionUpdateVpcEndpointAttribute
)

// WithNow replaces the client's clock, for the external tests.
func WithNow(now func() time.Time) Option { return withNow(now) }

// CallUnvalidated sends req without client-side validation, so that a
// test sees the service's own answer to a request the SDK would refuse.
func CallUnvalidated(ctx context.Context, c *Client, req any) error {
	var err error
	switch r := req.(type) {
	case *CreateVpcEndpointRequest:
		token := resolveClientToken(r.ClientToken)
		_, err = c.call(ctx, actionCreateVpcEndpoint, r.params(token), token, skipFields)
	case *GetVpcEndpointAttributeRequest:
		_, err = c.call(ctx, actionGetVpcEndpointAttribute, r.params(), "", skipFields)
	case *ListVpcEndpointsRequest:
		_, err = c.call(ctx, actionListVpcEndpoints, r.params(), "", skipFields)
	default:
		panic(fmt.Sprintf("CallUnvalidated: unsupported %T", req))
	}
	return err
}

// CallAction sends action with no parameters.
func CallAction(ctx context.Context, c *Client, action string) error {
	_, err := c.call(ctx, action, nil, "", skipFields)
	return err
}

// Request exposes the request under construction, for tests that edit it
// into one the builder's setters cannot make.
func (b *CreateVpcEndpointBuilder) Request() *CreateVpcEndpointRequest { return &b.req }

// PacedKeys returns how many action names c's adaptive pacing keeps a pace
// of its own for (0 with pacing off), for the external tests.
func PacedKeys(c *Client) int {
	if c.adaptive == nil {
		return 0
	}
	return c.adaptive.Keys()
}

// MaxPacedKeys bounds PacedKeys.
const MaxPacedKeys = ratecontrol.DefaultMaxKeys
