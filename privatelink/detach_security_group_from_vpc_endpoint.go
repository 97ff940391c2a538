package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionDetachSecurityGroupFromVpcEndpoint = "DetachSecurityGroupFromVpcEndpoint"

// DetachSecurityGroupFromVpcEndpointRequest is the input of DetachSecurityGroupFromVpcEndpoint.
type DetachSecurityGroupFromVpcEndpointRequest struct {
	// EndpointID is the endpoint. Required.
	EndpointID string
	// SecurityGroupID is the security group. Required.
	SecurityGroupID string
	// ClientToken makes the call idempotent; see
	// CreateVpcEndpointRequest.ClientToken.
	ClientToken string
	// DryRun checks the request without detaching the group: a request that
	// passes fails with an error for which errors.Is(err, ErrDryRunPassed)
	// is true.
	DryRun bool
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil.
func (r *DetachSecurityGroupFromVpcEndpointRequest) Validate() error {
	if r == nil {
		return nilRequest(actionDetachSecurityGroupFromVpcEndpoint)
	}
	v := validator{action: actionDetachSecurityGroupFromVpcEndpoint}
	v.required("EndpointID", r.EndpointID)
	v.required("SecurityGroupID", r.SecurityGroupID)
	v.clientToken(r.ClientToken)
	return v.err()
}

func (r *DetachSecurityGroupFromVpcEndpointRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 4)
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.Set("EndpointId", r.EndpointID)
	p.Set("SecurityGroupId", r.SecurityGroupID)
	return p
}

// DetachSecurityGroupFromVpcEndpointResponse is the output of DetachSecurityGroupFromVpcEndpoint.
type DetachSecurityGroupFromVpcEndpointResponse struct {
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried.
	ClientToken string
}

// DetachSecurityGroupFromVpcEndpoint calls the
// DetachSecurityGroupFromVpcEndpoint API action: it detaches a security group
// from an endpoint's ENIs; an endpoint keeps at least one group (the service
// answers EndpointMustContainSecurityGroup otherwise). The call carries one
// ClientToken across its retries and reports it in errors.
func (c *Client) DetachSecurityGroupFromVpcEndpoint(ctx context.Context, req *DetachSecurityGroupFromVpcEndpointRequest) (*DetachSecurityGroupFromVpcEndpointResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	reqID, err := c.call(ctx, actionDetachSecurityGroupFromVpcEndpoint, req.params(token), token, skipFields)
	if err != nil {
		return nil, err
	}
	return &DetachSecurityGroupFromVpcEndpointResponse{RequestID: reqID, ClientToken: token}, nil
}

// DetachSecurityGroupFromVpcEndpointBuilder builds a
// DetachSecurityGroupFromVpcEndpointRequest.
type DetachSecurityGroupFromVpcEndpointBuilder struct {
	req DetachSecurityGroupFromVpcEndpointRequest
}

// NewDetachSecurityGroupFromVpcEndpoint starts a request that detaches securityGroupID from
// endpointID.
func NewDetachSecurityGroupFromVpcEndpoint(endpointID, securityGroupID string) *DetachSecurityGroupFromVpcEndpointBuilder {
	return &DetachSecurityGroupFromVpcEndpointBuilder{req: DetachSecurityGroupFromVpcEndpointRequest{EndpointID: endpointID, SecurityGroupID: securityGroupID}}
}

// WithDryRun makes the request a dry run when dryRun is true.
func (b *DetachSecurityGroupFromVpcEndpointBuilder) WithDryRun(dryRun bool) *DetachSecurityGroupFromVpcEndpointBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *DetachSecurityGroupFromVpcEndpointBuilder) WithClientToken(token string) *DetachSecurityGroupFromVpcEndpointBuilder {
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
func (b *DetachSecurityGroupFromVpcEndpointBuilder) Build() (*DetachSecurityGroupFromVpcEndpointRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
