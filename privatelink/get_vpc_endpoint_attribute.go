package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/wire"
)

const actionGetVpcEndpointAttribute = "GetVpcEndpointAttribute"

// GetVpcEndpointAttributeRequest is the input of GetVpcEndpointAttribute.
type GetVpcEndpointAttributeRequest struct {
	// EndpointID is the endpoint to describe. Required.
	EndpointID string
}

// Validate checks that the endpoint is named and returns a
// *ValidationError, or nil.
func (r *GetVpcEndpointAttributeRequest) Validate() error {
	if r == nil {
		return nilRequest(actionGetVpcEndpointAttribute)
	}
	v := validator{action: actionGetVpcEndpointAttribute}
	v.required("EndpointID", r.EndpointID)
	return v.err()
}

func (r *GetVpcEndpointAttributeRequest) params() wire.Params {
	p := make(wire.Params, 0, 1)
	p.Set("EndpointId", r.EndpointID)
	return p
}

// GetVpcEndpointAttributeResponse is the output of GetVpcEndpointAttribute:
// the endpoint's attributes (resp.EndpointStatus, resp.ConnectionStatus and
// so on, through the embedded Endpoint) and those only this action reports.
type GetVpcEndpointAttributeResponse struct {
	Endpoint
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// Payer says who pays for the endpoint.
	Payer Payer
	// ZonePrivateIPAddressCount is the number of private IP addresses of
	// each zone's ENI (always 1 today).
	ZonePrivateIPAddressCount int
	// PrivateServiceName is the service's private domain name, when it has
	// one.
	PrivateServiceName string
}

func (r *GetVpcEndpointAttributeResponse) decodeField(d *jsonx.Decoder, key []byte) bool {
	switch string(key) {
	case "Payer":
		r.Payer = Payer(d.String())
	case "ZonePrivateIpAddressCount":
		r.ZonePrivateIPAddressCount = int(d.Int())
	case "PrivateServiceName":
		r.PrivateServiceName = d.String()
	default:
		return r.Endpoint.decodeField(d, key)
	}
	return true
}

// GetVpcEndpointAttribute calls the GetVpcEndpointAttribute API action: it
// returns the attributes of one endpoint. An endpoint that does not exist
// (including one just created, for a short while) gives an *APIError with
// code ErrCodeEndpointNotFound; see IsEndpointNotFound.
func (c *Client) GetVpcEndpointAttribute(ctx context.Context, req *GetVpcEndpointAttributeRequest) (*GetVpcEndpointAttributeResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	resp := &GetVpcEndpointAttributeResponse{}
	reqID, err := c.call(ctx, actionGetVpcEndpointAttribute, req.params(), "", resp.decodeField)
	if err != nil {
		return nil, err
	}
	resp.RequestID = reqID
	return resp, nil
}

// GetVpcEndpointAttributeBuilder builds a GetVpcEndpointAttributeRequest.
type GetVpcEndpointAttributeBuilder struct {
	req GetVpcEndpointAttributeRequest
}

// NewGetVpcEndpointAttribute starts a GetVpcEndpointAttribute request for
// endpointID.
func NewGetVpcEndpointAttribute(endpointID string) *GetVpcEndpointAttributeBuilder {
	return &GetVpcEndpointAttributeBuilder{req: GetVpcEndpointAttributeRequest{EndpointID: endpointID}}
}

// Build validates the request and returns a copy of it, or a
// *ValidationError.
func (b *GetVpcEndpointAttributeBuilder) Build() (*GetVpcEndpointAttributeRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}
