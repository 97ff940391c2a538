package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionRemoveZoneFromVpcEndpoint = "RemoveZoneFromVpcEndpoint"

// RemoveZoneFromVpcEndpointRequest is the input of
// RemoveZoneFromVpcEndpoint.
type RemoveZoneFromVpcEndpointRequest struct {
	// EndpointID is the endpoint to shrink. Required.
	EndpointID string
	// ZoneID is the zone to remove. Required.
	ZoneID string
	// ClientToken makes the call idempotent; see
	// CreateVpcEndpointRequest.ClientToken.
	ClientToken string
	// DryRun checks the request without removing the zone: a request that
	// passes fails with an error for which errors.Is(err, ErrDryRunPassed)
	// is true.
	DryRun bool
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil.
func (r *RemoveZoneFromVpcEndpointRequest) Validate() error {
	if r == nil {
		return nilRequest(actionRemoveZoneFromVpcEndpoint)
	}
	v := validator{action: actionRemoveZoneFromVpcEndpoint}
	v.required("EndpointID", r.EndpointID)
	v.required("ZoneID", r.ZoneID)
	v.clientToken(r.ClientToken)
	return v.err()
}

func (r *RemoveZoneFromVpcEndpointRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 4)
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.Set("EndpointId", r.EndpointID)
	p.Set("ZoneId", r.ZoneID)
	return p
}

// RemoveZoneFromVpcEndpointResponse is the output of
// RemoveZoneFromVpcEndpoint.
type RemoveZoneFromVpcEndpointResponse struct {
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried.
	ClientToken string
}

// RemoveZoneFromVpcEndpoint calls the RemoveZoneFromVpcEndpoint API
// action: it removes a zone and its ENI from an endpoint. The zone is
// Deleting until it is gone. The call carries one ClientToken across its
// retries and reports it in errors.
func (c *Client) RemoveZoneFromVpcEndpoint(ctx context.Context, req *RemoveZoneFromVpcEndpointRequest) (*RemoveZoneFromVpcEndpointResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	reqID, err := c.call(ctx, actionRemoveZoneFromVpcEndpoint, req.params(token), token, skipFields)
	if err != nil {
		return nil, err
	}
	return &RemoveZoneFromVpcEndpointResponse{RequestID: reqID, ClientToken: token}, nil
}

// RemoveZoneFromVpcEndpointBuilder builds a
// RemoveZoneFromVpcEndpointRequest.
type RemoveZoneFromVpcEndpointBuilder struct {
	req RemoveZoneFromVpcEndpointRequest
}

// NewRemoveZoneFromVpcEndpoint starts a request that removes zoneID from
// endpointID.
func NewRemoveZoneFromVpcEndpoint(endpointID, zoneID string) *RemoveZoneFromVpcEndpointBuilder {
	return &RemoveZoneFromVpcEndpointBuilder{req: RemoveZoneFromVpcEndpointRequest{EndpointID: endpointID, ZoneID: zoneID}}
}

// WithDryRun makes the request a dry run when dryRun is true.
func (b *RemoveZoneFromVpcEndpointBuilder) WithDryRun(dryRun bool) *RemoveZoneFromVpcEndpointBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *RemoveZoneFromVpcEndpointBuilder) WithClientToken(token string) *RemoveZoneFromVpcEndpointBuilder {
	b.req.ClientToken = token
	return b
}

// Build validates the request and returns a copy of it, or a
// *ValidationError listing every problem. The copy carries a fixed
// ClientToken (the one set with WithClientToken, or a generated one), so
// sending it twice, as after a timeout, is one logical operation; persist
// req.ClientToken to finish the same operation from another process. Each
// Build is a new operation with a new token; later builder calls do not
// change a request already built.
func (b *RemoveZoneFromVpcEndpointBuilder) Build() (*RemoveZoneFromVpcEndpointRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
