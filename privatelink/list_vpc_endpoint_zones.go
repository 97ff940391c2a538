package privatelink

import (
	"context"
	"iter"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/wire"
)

const actionListVpcEndpointZones = "ListVpcEndpointZones"

// MaxListVpcEndpointZonesResults is the largest page ListVpcEndpointZones
// accepts, per the API metadata.
const MaxListVpcEndpointZonesResults = 1000

// ListVpcEndpointZonesRequest is the input of ListVpcEndpointZones.
type ListVpcEndpointZonesRequest struct {
	// EndpointID is the endpoint whose zones to list. Required.
	EndpointID string
	// MaxResults is the page size, 1 to MaxListVpcEndpointZonesResults; 0
	// leaves the service's default (50).
	MaxResults int
	// NextToken is the NextToken of the previous page; empty for the first.
	NextToken string
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil.
func (r *ListVpcEndpointZonesRequest) Validate() error {
	if r == nil {
		return nilRequest(actionListVpcEndpointZones)
	}
	v := validator{action: actionListVpcEndpointZones}
	v.required("EndpointID", r.EndpointID)
	v.check("MaxResults", checkMaxResults(r.MaxResults, MaxListVpcEndpointZonesResults))
	return v.err()
}

func (r *ListVpcEndpointZonesRequest) params() wire.Params {
	p := make(wire.Params, 0, 3)
	p.String("NextToken", r.NextToken)
	p.Int("MaxResults", int64(r.MaxResults))
	p.Set("EndpointId", r.EndpointID)
	return p
}

// ListVpcEndpointZonesResponse is one page of ListVpcEndpointZones.
type ListVpcEndpointZonesResponse struct {
	Zones []Zone
	// NextToken fetches the next page; empty on the last page.
	NextToken string
	// MaxResults is the page size the service used.
	MaxResults int
	// TotalCount is the number of zones over all pages.
	TotalCount int
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
}

func (r *ListVpcEndpointZonesResponse) decodeField(d *jsonx.Decoder, key []byte) bool {
	switch string(key) {
	case "Zones":
		if d.Array() {
			for d.Next() {
				r.Zones = append(r.Zones, Zone{})
				r.Zones[len(r.Zones)-1].decodeObject(d)
			}
		}
	case "NextToken":
		r.NextToken = d.String()
	case "MaxResults":
		r.MaxResults = int(d.Int())
	case "TotalCount":
		r.TotalCount = int(d.Int())
	default:
		return false
	}
	return true
}

// ListVpcEndpointZones calls the ListVpcEndpointZones API action: it
// returns one page of an endpoint's zones with their ENIs, addresses,
// domains and states. Use AllVpcEndpointZones to iterate over every page.
func (c *Client) ListVpcEndpointZones(ctx context.Context, req *ListVpcEndpointZonesRequest) (*ListVpcEndpointZonesResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	resp := &ListVpcEndpointZonesResponse{}
	reqID, err := c.call(ctx, actionListVpcEndpointZones, req.params(), "", resp.decodeField)
	if err != nil {
		return nil, err
	}
	resp.RequestID = reqID
	return resp, nil
}

// AllVpcEndpointZones iterates over every zone of req.EndpointID,
// following NextToken from req.NextToken to the last page. It stops at the
// first error (an invalid request included), which it yields with a zero
// Zone, and fetches no further page once the loop body breaks. req is not
// modified.
func (c *Client) AllVpcEndpointZones(ctx context.Context, req *ListVpcEndpointZonesRequest) iter.Seq2[Zone, error] {
	var first string
	if req != nil {
		first = req.NextToken
	}
	return paginate(actionListVpcEndpointZones, first, func(token string) ([]Zone, string, error) {
		// A copy per page: the sequence may be ranged more than once, or
		// from several goroutines. nil stays nil so that Validate reports it.
		var r *ListVpcEndpointZonesRequest
		if req != nil {
			cp := *req
			cp.NextToken = token
			r = &cp
		}
		resp, err := c.ListVpcEndpointZones(ctx, r)
		if err != nil {
			return nil, "", err
		}
		return resp.Zones, resp.NextToken, nil
	})
}

// ListVpcEndpointZonesBuilder builds a ListVpcEndpointZonesRequest.
type ListVpcEndpointZonesBuilder struct {
	req ListVpcEndpointZonesRequest
}

// NewListVpcEndpointZones starts a ListVpcEndpointZones request for
// endpointID.
func NewListVpcEndpointZones(endpointID string) *ListVpcEndpointZonesBuilder {
	return &ListVpcEndpointZonesBuilder{req: ListVpcEndpointZonesRequest{EndpointID: endpointID}}
}

// WithMaxResults sets the page size.
func (b *ListVpcEndpointZonesBuilder) WithMaxResults(n int) *ListVpcEndpointZonesBuilder {
	b.req.MaxResults = n
	return b
}

// WithNextToken starts at the page NextToken points to.
func (b *ListVpcEndpointZonesBuilder) WithNextToken(token string) *ListVpcEndpointZonesBuilder {
	b.req.NextToken = token
	return b
}

// Build validates the request and returns a copy of it, or a
// *ValidationError listing every problem.
func (b *ListVpcEndpointZonesBuilder) Build() (*ListVpcEndpointZonesRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}
