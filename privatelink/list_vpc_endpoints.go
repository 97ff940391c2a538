package privatelink

import (
	"context"
	"iter"
	"slices"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/wire"
)

const actionListVpcEndpoints = "ListVpcEndpoints"

// MaxListVpcEndpointsResults is the largest page ListVpcEndpoints serves.
const MaxListVpcEndpointsResults = 1000

// ListVpcEndpointsRequest is the input of ListVpcEndpoints. Every field is
// an optional filter; zero values are not sent.
type ListVpcEndpointsRequest struct {
	EndpointID       string
	EndpointName     string
	EndpointType     EndpointType
	EndpointStatus   EndpointStatus
	ConnectionStatus ConnectionStatus
	ServiceName      string
	// ServiceRegionID selects cross-region endpoints whose endpoint service
	// is in this region; the en-US API metadata lists it without a
	// description.
	ServiceRegionID  string
	VpcID            string
	ResourceGroupID  string
	AddressIPVersion AddressIPVersion
	// Tags selects endpoints that carry every one of these tags.
	Tags []Tag
	// MaxResults is the page size, 1 to MaxListVpcEndpointsResults; 0
	// leaves the service's default (50).
	MaxResults int
	// NextToken is the NextToken of the previous page; empty for the first.
	NextToken string
}

// Validate checks the filters and returns a *ValidationError listing
// every problem, or nil.
func (r *ListVpcEndpointsRequest) Validate() error {
	if r == nil {
		return nilRequest(actionListVpcEndpoints)
	}
	v := validator{action: actionListVpcEndpoints}
	v.check("EndpointType", checkEndpointType(r.EndpointType))
	if r.EndpointStatus != "" && !r.EndpointStatus.IsKnown() {
		v.add("EndpointStatus", "unknown endpoint status "+quote(string(r.EndpointStatus))+" (want Creating, Active, Pending or Deleting)")
	}
	if r.ConnectionStatus != "" && !r.ConnectionStatus.IsKnown() {
		v.add("ConnectionStatus", "unknown connection status "+quote(string(r.ConnectionStatus))+
			" (want Pending, Connecting, Connected, Disconnecting, Disconnected, Deleting or ServiceDeleted)")
	}
	v.check("AddressIPVersion", checkAddressIPVersion(r.AddressIPVersion))
	v.tagFilters("Tags", r.Tags)
	v.check("MaxResults", checkMaxResults(r.MaxResults, MaxListVpcEndpointsResults))
	return v.err()
}

func (r *ListVpcEndpointsRequest) params() wire.Params {
	p := make(wire.Params, 0, 12+2*len(r.Tags))
	p.String("NextToken", r.NextToken)
	p.Int("MaxResults", int64(r.MaxResults))
	p.String("EndpointId", r.EndpointID)
	p.String("ServiceName", r.ServiceName)
	p.String("ServiceRegionId", r.ServiceRegionID)
	p.String("VpcId", r.VpcID)
	p.String("EndpointName", r.EndpointName)
	p.String("EndpointType", string(r.EndpointType))
	p.String("EndpointStatus", string(r.EndpointStatus))
	p.String("ConnectionStatus", string(r.ConnectionStatus))
	for i, t := range r.Tags {
		p.Set(wire.Indexed("Tag", i, "Key"), t.Key)
		// A tag without a value is sent as its key alone, as in
		// CreateVpcEndpoint.
		if t.Value != "" {
			p.Set(wire.Indexed("Tag", i, "Value"), t.Value)
		}
	}
	p.String("ResourceGroupId", r.ResourceGroupID)
	p.String("AddressIpVersion", string(r.AddressIPVersion))
	return p
}

// ListVpcEndpointsResponse is one page of ListVpcEndpoints.
type ListVpcEndpointsResponse struct {
	Endpoints []Endpoint
	// NextToken fetches the next page; empty on the last page.
	NextToken string
	// MaxResults is the page size the service used.
	MaxResults int
	// TotalCount is the number of endpoints that match, over all pages.
	TotalCount int
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
}

func (r *ListVpcEndpointsResponse) decodeField(d *jsonx.Decoder, key []byte) bool {
	switch string(key) {
	case "Endpoints":
		if d.Array() {
			for d.Next() {
				// Decoding in place avoids copying each Endpoint.
				r.Endpoints = append(r.Endpoints, Endpoint{})
				r.Endpoints[len(r.Endpoints)-1].decodeObject(d)
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

// ListVpcEndpoints calls the ListVpcEndpoints API action: it returns one
// page of the region's endpoints that match req's filters. Use
// AllVpcEndpoints to iterate over every page.
func (c *Client) ListVpcEndpoints(ctx context.Context, req *ListVpcEndpointsRequest) (*ListVpcEndpointsResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	resp := &ListVpcEndpointsResponse{}
	reqID, err := c.call(ctx, actionListVpcEndpoints, req.params(), "", resp.decodeField)
	if err != nil {
		return nil, err
	}
	resp.RequestID = reqID
	return resp, nil
}

// AllVpcEndpoints iterates over every endpoint that matches req (nil
// matches all), following NextToken from req.NextToken to the last page.
// It stops at the first error, which it yields with a zero Endpoint, and
// fetches no further page once the loop body breaks. req is not modified.
//
//	for ep, err := range client.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{VpcID: vpc}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(ep.EndpointID, ep.EndpointStatus)
//	}
func (c *Client) AllVpcEndpoints(ctx context.Context, req *ListVpcEndpointsRequest) iter.Seq2[Endpoint, error] {
	var base ListVpcEndpointsRequest
	if req != nil {
		base = *req
		base.Tags = slices.Clone(base.Tags) // later changes to req's tags must not leak in
	}
	return paginate(actionListVpcEndpoints, base.NextToken, func(token string) ([]Endpoint, string, error) {
		// A copy per page: the sequence may be ranged more than once, or
		// from several goroutines.
		r := base
		r.NextToken = token
		resp, err := c.ListVpcEndpoints(ctx, &r)
		if err != nil {
			return nil, "", err
		}
		return resp.Endpoints, resp.NextToken, nil
	})
}

// ListVpcEndpointsBuilder builds a ListVpcEndpointsRequest.
type ListVpcEndpointsBuilder struct {
	req ListVpcEndpointsRequest
}

// NewListVpcEndpoints starts a ListVpcEndpoints request that matches every
// endpoint of the region until filters are added.
func NewListVpcEndpoints() *ListVpcEndpointsBuilder {
	return &ListVpcEndpointsBuilder{}
}

// WithEndpointID selects one endpoint.
func (b *ListVpcEndpointsBuilder) WithEndpointID(id string) *ListVpcEndpointsBuilder {
	b.req.EndpointID = id
	return b
}

// WithEndpointName selects endpoints by name.
func (b *ListVpcEndpointsBuilder) WithEndpointName(name string) *ListVpcEndpointsBuilder {
	b.req.EndpointName = name
	return b
}

// WithEndpointType selects endpoints of one type.
func (b *ListVpcEndpointsBuilder) WithEndpointType(t EndpointType) *ListVpcEndpointsBuilder {
	b.req.EndpointType = t
	return b
}

// WithEndpointStatus selects endpoints in one state.
func (b *ListVpcEndpointsBuilder) WithEndpointStatus(s EndpointStatus) *ListVpcEndpointsBuilder {
	b.req.EndpointStatus = s
	return b
}

// WithConnectionStatus selects endpoints whose connection is in one state.
func (b *ListVpcEndpointsBuilder) WithConnectionStatus(s ConnectionStatus) *ListVpcEndpointsBuilder {
	b.req.ConnectionStatus = s
	return b
}

// WithServiceRegionID selects cross-region endpoints whose endpoint service
// is in serviceRegionID.
func (b *ListVpcEndpointsBuilder) WithServiceRegionID(serviceRegionID string) *ListVpcEndpointsBuilder {
	b.req.ServiceRegionID = serviceRegionID
	return b
}

// WithServiceName selects endpoints of one endpoint service.
func (b *ListVpcEndpointsBuilder) WithServiceName(name string) *ListVpcEndpointsBuilder {
	b.req.ServiceName = name
	return b
}

// WithVpcID selects endpoints in one VPC.
func (b *ListVpcEndpointsBuilder) WithVpcID(id string) *ListVpcEndpointsBuilder {
	b.req.VpcID = id
	return b
}

// WithResourceGroupID selects endpoints in one resource group.
func (b *ListVpcEndpointsBuilder) WithResourceGroupID(id string) *ListVpcEndpointsBuilder {
	b.req.ResourceGroupID = id
	return b
}

// WithAddressIPVersion selects endpoints of one IP version.
func (b *ListVpcEndpointsBuilder) WithAddressIPVersion(v AddressIPVersion) *ListVpcEndpointsBuilder {
	b.req.AddressIPVersion = v
	return b
}

// WithTags selects endpoints carrying all of tags (see WithTag).
func (b *ListVpcEndpointsBuilder) WithTags(tags ...Tag) *ListVpcEndpointsBuilder {
	b.req.Tags = append(b.req.Tags, tags...)
	return b
}

// WithTag selects endpoints carrying the tag; with an empty value only
// the key is sent.
func (b *ListVpcEndpointsBuilder) WithTag(key, value string) *ListVpcEndpointsBuilder {
	b.req.Tags = append(b.req.Tags, Tag{Key: key, Value: value})
	return b
}

// WithMaxResults sets the page size.
func (b *ListVpcEndpointsBuilder) WithMaxResults(n int) *ListVpcEndpointsBuilder {
	b.req.MaxResults = n
	return b
}

// WithNextToken starts at the page NextToken points to.
func (b *ListVpcEndpointsBuilder) WithNextToken(token string) *ListVpcEndpointsBuilder {
	b.req.NextToken = token
	return b
}

// Build validates the request and returns a copy of it, or a
// *ValidationError listing every problem.
func (b *ListVpcEndpointsBuilder) Build() (*ListVpcEndpointsRequest, error) {
	r := b.req
	r.Tags = slices.Clone(r.Tags)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}
