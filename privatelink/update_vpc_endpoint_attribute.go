package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionUpdateVpcEndpointAttribute = "UpdateVpcEndpointAttribute"

// UpdateVpcEndpointAttributeRequest is the input of
// UpdateVpcEndpointAttribute. Fields left at their zero value are not sent
// and stay as they are.
type UpdateVpcEndpointAttributeRequest struct {
	// EndpointID is the endpoint to change. Required.
	EndpointID string
	// EndpointName is the new name; same rules as in CreateVpcEndpoint.
	EndpointName string
	// EndpointDescription is the new description; same rules as in
	// CreateVpcEndpoint.
	EndpointDescription string
	// PolicyDocument is the new RAM policy, a JSON document.
	PolicyDocument string
	// ResetPolicy puts the endpoint's default RAM policy back, instead of
	// setting PolicyDocument (the two do not go together). The en-US API
	// metadata lists it without a description.
	ResetPolicy bool
	// CrossRegionBandwidth is the new cross-region bandwidth in Mbit/s, for
	// a cross-region endpoint; 0 leaves it unchanged. The en-US API metadata
	// lists it without a description.
	CrossRegionBandwidth int
	// AddressIPVersion changes the IP version.
	AddressIPVersion AddressIPVersion
	// ZoneAffinityEnabled turns zone affinity on (Some(true)) or off
	// (Some(false)); unset leaves it alone. It is an Optional because
	// false is an instruction of its own here.
	ZoneAffinityEnabled Optional[bool]
	// ClientToken makes the call idempotent; see
	// CreateVpcEndpointRequest.ClientToken.
	ClientToken string
	// DryRun checks the request without changing anything: a request that
	// passes fails with an error for which errors.Is(err, ErrDryRunPassed)
	// is true.
	DryRun bool
}

// Validate checks the request against the API's documented rules and
// returns a *ValidationError listing every problem, or nil.
func (r *UpdateVpcEndpointAttributeRequest) Validate() error {
	if r == nil {
		return nilRequest(actionUpdateVpcEndpointAttribute)
	}
	v := validator{action: actionUpdateVpcEndpointAttribute}
	v.required("EndpointID", r.EndpointID)
	if r.EndpointName != "" {
		v.check("EndpointName", checkEndpointName(r.EndpointName))
	}
	if r.EndpointDescription != "" {
		v.check("EndpointDescription", checkEndpointDescription(r.EndpointDescription))
	}
	if r.PolicyDocument != "" {
		v.check("PolicyDocument", checkPolicyDocument(r.PolicyDocument))
		if r.ResetPolicy {
			v.add("ResetPolicy", "give PolicyDocument or ResetPolicy, not both")
		}
	}
	if r.CrossRegionBandwidth < 0 {
		v.add("CrossRegionBandwidth", "must not be negative, got "+itoa(r.CrossRegionBandwidth))
	}
	v.check("AddressIPVersion", checkAddressIPVersion(r.AddressIPVersion))
	v.clientToken(r.ClientToken)
	return v.err()
}

func (r *UpdateVpcEndpointAttributeRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 10)
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.Set("EndpointId", r.EndpointID)
	p.String("EndpointName", r.EndpointName)
	p.String("EndpointDescription", r.EndpointDescription)
	p.String("PolicyDocument", r.PolicyDocument)
	p.True("ResetPolicy", r.ResetPolicy)
	p.Int("CrossRegionBandwidth", int64(r.CrossRegionBandwidth))
	p.String("AddressIpVersion", string(r.AddressIPVersion))
	if enabled, ok := r.ZoneAffinityEnabled.Get(); ok {
		p.Bool("ZoneAffinityEnabled", enabled)
	}
	return p
}

// UpdateVpcEndpointAttributeResponse is the output of
// UpdateVpcEndpointAttribute.
type UpdateVpcEndpointAttributeResponse struct {
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried.
	ClientToken string
}

// UpdateVpcEndpointAttribute calls the UpdateVpcEndpointAttribute API
// action: it changes an endpoint's name, description, policy, IP version or
// zone affinity. Like every mutating call it carries one ClientToken across
// its retries and reports it in errors.
func (c *Client) UpdateVpcEndpointAttribute(ctx context.Context, req *UpdateVpcEndpointAttributeRequest) (*UpdateVpcEndpointAttributeResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	reqID, err := c.call(ctx, actionUpdateVpcEndpointAttribute, req.params(token), token, skipFields)
	if err != nil {
		return nil, err
	}
	return &UpdateVpcEndpointAttributeResponse{RequestID: reqID, ClientToken: token}, nil
}

// UpdateVpcEndpointAttributeBuilder builds an
// UpdateVpcEndpointAttributeRequest.
type UpdateVpcEndpointAttributeBuilder struct {
	req UpdateVpcEndpointAttributeRequest
}

// NewUpdateVpcEndpointAttribute starts an UpdateVpcEndpointAttribute
// request for endpointID.
func NewUpdateVpcEndpointAttribute(endpointID string) *UpdateVpcEndpointAttributeBuilder {
	return &UpdateVpcEndpointAttributeBuilder{req: UpdateVpcEndpointAttributeRequest{EndpointID: endpointID}}
}

// WithEndpointName renames the endpoint.
func (b *UpdateVpcEndpointAttributeBuilder) WithEndpointName(name string) *UpdateVpcEndpointAttributeBuilder {
	b.req.EndpointName = name
	return b
}

// WithEndpointDescription changes the description.
func (b *UpdateVpcEndpointAttributeBuilder) WithEndpointDescription(description string) *UpdateVpcEndpointAttributeBuilder {
	b.req.EndpointDescription = description
	return b
}

// WithPolicyDocument replaces the RAM policy.
func (b *UpdateVpcEndpointAttributeBuilder) WithPolicyDocument(doc string) *UpdateVpcEndpointAttributeBuilder {
	b.req.PolicyDocument = doc
	return b
}

// WithResetPolicy puts the default RAM policy back when resetPolicy is
// true; see UpdateVpcEndpointAttributeRequest.ResetPolicy.
func (b *UpdateVpcEndpointAttributeBuilder) WithResetPolicy(resetPolicy bool) *UpdateVpcEndpointAttributeBuilder {
	b.req.ResetPolicy = resetPolicy
	return b
}

// WithCrossRegionBandwidth changes the cross-region bandwidth, in Mbit/s.
func (b *UpdateVpcEndpointAttributeBuilder) WithCrossRegionBandwidth(crossRegionBandwidth int) *UpdateVpcEndpointAttributeBuilder {
	b.req.CrossRegionBandwidth = crossRegionBandwidth
	return b
}

// WithAddressIPVersion changes the IP version.
func (b *UpdateVpcEndpointAttributeBuilder) WithAddressIPVersion(v AddressIPVersion) *UpdateVpcEndpointAttributeBuilder {
	b.req.AddressIPVersion = v
	return b
}

// WithZoneAffinityEnabled turns zone affinity on or off.
func (b *UpdateVpcEndpointAttributeBuilder) WithZoneAffinityEnabled(enabled bool) *UpdateVpcEndpointAttributeBuilder {
	b.req.ZoneAffinityEnabled = Some(enabled)
	return b
}

// WithDryRun makes the request a dry run when dryRun is true.
func (b *UpdateVpcEndpointAttributeBuilder) WithDryRun(dryRun bool) *UpdateVpcEndpointAttributeBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *UpdateVpcEndpointAttributeBuilder) WithClientToken(token string) *UpdateVpcEndpointAttributeBuilder {
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
func (b *UpdateVpcEndpointAttributeBuilder) Build() (*UpdateVpcEndpointAttributeRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
