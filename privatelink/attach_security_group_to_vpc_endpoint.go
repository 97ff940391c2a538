package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionAttachSecurityGroupToVpcEndpoint = "AttachSecurityGroupToVpcEndpoint"

// AttachSecurityGroupToVpcEndpointRequest is the input of AttachSecurityGroupToVpcEndpoint.
type AttachSecurityGroupToVpcEndpointRequest struct {
	// EndpointID is the endpoint. Required.
	EndpointID string
	// SecurityGroupID is the security group. Required.
	SecurityGroupID string
	// ClientToken makes the call idempotent; see
	// CreateVpcEndpointRequest.ClientToken.
	ClientToken string
	// DryRun checks the request without attaching the group: a request that
	// passes fails with an error for which errors.Is(err, ErrDryRunPassed)
	// is true.
	DryRun bool
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil.
func (r *AttachSecurityGroupToVpcEndpointRequest) Validate() error {
	if r == nil {
		return nilRequest(actionAttachSecurityGroupToVpcEndpoint)
	}
	v := validator{action: actionAttachSecurityGroupToVpcEndpoint}
	v.required("EndpointID", r.EndpointID)
	v.required("SecurityGroupID", r.SecurityGroupID)
	v.clientToken(r.ClientToken)
	return v.err()
}

func (r *AttachSecurityGroupToVpcEndpointRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 4)
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.Set("EndpointId", r.EndpointID)
	p.Set("SecurityGroupId", r.SecurityGroupID)
	return p
}

// AttachSecurityGroupToVpcEndpointResponse is the output of AttachSecurityGroupToVpcEndpoint.
type AttachSecurityGroupToVpcEndpointResponse struct {
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried.
	ClientToken string
}

// AttachSecurityGroupToVpcEndpoint calls the AttachSecurityGroupToVpcEndpoint
// API action: it attaches a security group to an endpoint's ENIs. The
// endpoint is Pending until the group is attached. The call carries one
// ClientToken across its retries and reports it in errors.
func (c *Client) AttachSecurityGroupToVpcEndpoint(ctx context.Context, req *AttachSecurityGroupToVpcEndpointRequest) (*AttachSecurityGroupToVpcEndpointResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	reqID, err := c.call(ctx, actionAttachSecurityGroupToVpcEndpoint, req.params(token), token, skipFields)
	if err != nil {
		return nil, err
	}
	return &AttachSecurityGroupToVpcEndpointResponse{RequestID: reqID, ClientToken: token}, nil
}

// AttachSecurityGroupToVpcEndpointBuilder builds an
// AttachSecurityGroupToVpcEndpointRequest.
type AttachSecurityGroupToVpcEndpointBuilder struct {
	req AttachSecurityGroupToVpcEndpointRequest
}

// NewAttachSecurityGroupToVpcEndpoint starts a request that attaches securityGroupID to
// endpointID.
func NewAttachSecurityGroupToVpcEndpoint(endpointID, securityGroupID string) *AttachSecurityGroupToVpcEndpointBuilder {
	return &AttachSecurityGroupToVpcEndpointBuilder{req: AttachSecurityGroupToVpcEndpointRequest{EndpointID: endpointID, SecurityGroupID: securityGroupID}}
}

// WithDryRun makes the request a dry run when dryRun is true.
func (b *AttachSecurityGroupToVpcEndpointBuilder) WithDryRun(dryRun bool) *AttachSecurityGroupToVpcEndpointBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *AttachSecurityGroupToVpcEndpointBuilder) WithClientToken(token string) *AttachSecurityGroupToVpcEndpointBuilder {
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
func (b *AttachSecurityGroupToVpcEndpointBuilder) Build() (*AttachSecurityGroupToVpcEndpointRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
