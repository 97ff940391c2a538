package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionAddZoneToVpcEndpoint = "AddZoneToVpcEndpoint"

// AddZoneToVpcEndpointRequest is the input of AddZoneToVpcEndpoint.
type AddZoneToVpcEndpointRequest struct {
	// EndpointID is the endpoint to extend. Required.
	EndpointID string
	// ZoneID is the zone to add. Required.
	ZoneID string
	// VSwitchID is the vSwitch in ZoneID that the new ENI is created in.
	// Required.
	VSwitchID string
	// IP is the ENI's IPv4 address ("ip" on the wire); empty lets the
	// service choose.
	IP string
	// IPv6Address is the ENI's IPv6 address, for dual-stack endpoints.
	IPv6Address string
	// ClientToken makes the call idempotent; see
	// CreateVpcEndpointRequest.ClientToken.
	ClientToken string
	// DryRun checks the request without adding the zone: a request that
	// passes fails with an error for which errors.Is(err, ErrDryRunPassed)
	// is true.
	DryRun bool
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil. Whether the endpoint is dual-stack is known only
// to the service, which checks IPv6Address against it.
func (r *AddZoneToVpcEndpointRequest) Validate() error {
	if r == nil {
		return nilRequest(actionAddZoneToVpcEndpoint)
	}
	v := validator{action: actionAddZoneToVpcEndpoint}
	v.required("EndpointID", r.EndpointID)
	v.required("ZoneID", r.ZoneID)
	if looksLikeVSwitchID(r.ZoneID) {
		v.add("ZoneID", swappedZoneMessage(r.ZoneID))
	}
	v.required("VSwitchID", r.VSwitchID)
	if r.IP != "" {
		v.check("IP", checkIPv4(r.IP))
	}
	if r.IPv6Address != "" {
		v.check("IPv6Address", checkIPv6(r.IPv6Address))
	}
	v.clientToken(r.ClientToken)
	return v.err()
}

func (r *AddZoneToVpcEndpointRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 7)
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.Set("EndpointId", r.EndpointID)
	p.Set("ZoneId", r.ZoneID)
	p.Set("VSwitchId", r.VSwitchID)
	p.String("ip", r.IP) // lower-case is the parameter's real name
	p.String("Ipv6Address", r.IPv6Address)
	return p
}

// AddZoneToVpcEndpointResponse is the output of AddZoneToVpcEndpoint.
type AddZoneToVpcEndpointResponse struct {
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried.
	ClientToken string
}

// AddZoneToVpcEndpoint calls the AddZoneToVpcEndpoint API action: it adds
// a zone (an ENI in a vSwitch of that zone) to an endpoint. The endpoint is
// Pending until the zone is ready; ListVpcEndpointZones reports the zone's
// state. The call carries one ClientToken across its retries and reports it
// in errors.
func (c *Client) AddZoneToVpcEndpoint(ctx context.Context, req *AddZoneToVpcEndpointRequest) (*AddZoneToVpcEndpointResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	reqID, err := c.call(ctx, actionAddZoneToVpcEndpoint, req.params(token), token, skipFields)
	if err != nil {
		return nil, err
	}
	return &AddZoneToVpcEndpointResponse{RequestID: reqID, ClientToken: token}, nil
}

// AddZoneToVpcEndpointBuilder builds an AddZoneToVpcEndpointRequest.
type AddZoneToVpcEndpointBuilder struct {
	req AddZoneToVpcEndpointRequest
}

// NewAddZoneToVpcEndpoint starts a request that adds zoneID, with an ENI in
// vSwitchID, to endpointID.
func NewAddZoneToVpcEndpoint(endpointID, zoneID, vSwitchID string) *AddZoneToVpcEndpointBuilder {
	return &AddZoneToVpcEndpointBuilder{req: AddZoneToVpcEndpointRequest{EndpointID: endpointID, ZoneID: zoneID, VSwitchID: vSwitchID}}
}

// WithIP sets the ENI's IPv4 address.
func (b *AddZoneToVpcEndpointBuilder) WithIP(ip string) *AddZoneToVpcEndpointBuilder {
	b.req.IP = ip
	return b
}

// WithIPv6Address sets the ENI's IPv6 address.
func (b *AddZoneToVpcEndpointBuilder) WithIPv6Address(ip string) *AddZoneToVpcEndpointBuilder {
	b.req.IPv6Address = ip
	return b
}

// WithDryRun makes the request a dry run when dryRun is true.
func (b *AddZoneToVpcEndpointBuilder) WithDryRun(dryRun bool) *AddZoneToVpcEndpointBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *AddZoneToVpcEndpointBuilder) WithClientToken(token string) *AddZoneToVpcEndpointBuilder {
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
func (b *AddZoneToVpcEndpointBuilder) Build() (*AddZoneToVpcEndpointRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
