package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionDeleteVpcEndpoint = "DeleteVpcEndpoint"

// DeleteVpcEndpointRequest is the input of DeleteVpcEndpoint.
type DeleteVpcEndpointRequest struct {
	// EndpointID is the endpoint to delete. Required.
	EndpointID string
	// ClientToken makes the call idempotent; see
	// CreateVpcEndpointRequest.ClientToken.
	ClientToken string
	// DryRun checks the request without deleting anything: a request that
	// passes fails with an error for which errors.Is(err, ErrDryRunPassed)
	// is true.
	DryRun bool
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil.
func (r *DeleteVpcEndpointRequest) Validate() error {
	if r == nil {
		return nilRequest(actionDeleteVpcEndpoint)
	}
	v := validator{action: actionDeleteVpcEndpoint}
	v.required("EndpointID", r.EndpointID)
	v.clientToken(r.ClientToken)
	return v.err()
}

func (r *DeleteVpcEndpointRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 3)
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.Set("EndpointId", r.EndpointID)
	return p
}

// DeleteVpcEndpointResponse is the output of DeleteVpcEndpoint.
type DeleteVpcEndpointResponse struct {
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried.
	ClientToken string
}

// DeleteVpcEndpoint calls the DeleteVpcEndpoint API action: it starts
// deleting an endpoint. The endpoint goes to Deleting and then is gone
// (GetVpcEndpointAttribute answers EndpointNotFound); wait for that with
// WaitUntilVpcEndpointDeleted. The call carries one ClientToken across its
// retries and reports it in errors.
func (c *Client) DeleteVpcEndpoint(ctx context.Context, req *DeleteVpcEndpointRequest) (*DeleteVpcEndpointResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	reqID, err := c.call(ctx, actionDeleteVpcEndpoint, req.params(token), token, skipFields)
	if err != nil {
		return nil, err
	}
	return &DeleteVpcEndpointResponse{RequestID: reqID, ClientToken: token}, nil
}

// DeleteVpcEndpointBuilder builds a DeleteVpcEndpointRequest.
type DeleteVpcEndpointBuilder struct {
	req DeleteVpcEndpointRequest
}

// NewDeleteVpcEndpoint starts a DeleteVpcEndpoint request for endpointID.
func NewDeleteVpcEndpoint(endpointID string) *DeleteVpcEndpointBuilder {
	return &DeleteVpcEndpointBuilder{req: DeleteVpcEndpointRequest{EndpointID: endpointID}}
}

// WithDryRun makes the request a dry run when dryRun is true.
func (b *DeleteVpcEndpointBuilder) WithDryRun(dryRun bool) *DeleteVpcEndpointBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *DeleteVpcEndpointBuilder) WithClientToken(token string) *DeleteVpcEndpointBuilder {
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
func (b *DeleteVpcEndpointBuilder) Build() (*DeleteVpcEndpointRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
