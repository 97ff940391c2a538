package privatelink

import (
	"context"
	"iter"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/wire"
)

const actionListVpcEndpointSecurityGroups = "ListVpcEndpointSecurityGroups"

// MaxListVpcEndpointSecurityGroupsResults is the largest page
// ListVpcEndpointSecurityGroups accepts, per the API metadata.
const MaxListVpcEndpointSecurityGroupsResults = 50

// ListVpcEndpointSecurityGroupsRequest is the input of
// ListVpcEndpointSecurityGroups.
type ListVpcEndpointSecurityGroupsRequest struct {
	// EndpointID is the endpoint whose security groups to list. Required.
	EndpointID string
	// MaxResults is the page size, 1 to
	// MaxListVpcEndpointSecurityGroupsResults; 0 leaves the service's
	// default (50).
	MaxResults int
	// NextToken is the NextToken of the previous page; empty for the first.
	NextToken string
}

// Validate checks the request and returns a *ValidationError listing
// every problem, or nil.
func (r *ListVpcEndpointSecurityGroupsRequest) Validate() error {
	if r == nil {
		return nilRequest(actionListVpcEndpointSecurityGroups)
	}
	v := validator{action: actionListVpcEndpointSecurityGroups}
	v.required("EndpointID", r.EndpointID)
	v.check("MaxResults", checkMaxResults(r.MaxResults, MaxListVpcEndpointSecurityGroupsResults))
	return v.err()
}

func (r *ListVpcEndpointSecurityGroupsRequest) params() wire.Params {
	p := make(wire.Params, 0, 3)
	p.String("NextToken", r.NextToken)
	p.Int("MaxResults", int64(r.MaxResults))
	p.Set("EndpointId", r.EndpointID)
	return p
}

// ListVpcEndpointSecurityGroupsResponse is one page of
// ListVpcEndpointSecurityGroups.
type ListVpcEndpointSecurityGroupsResponse struct {
	SecurityGroups []SecurityGroup
	// NextToken fetches the next page; empty on the last page.
	NextToken string
	// MaxResults is the page size the service used.
	MaxResults int
	// TotalCount is the number of security groups over all pages.
	TotalCount int
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
}

func (r *ListVpcEndpointSecurityGroupsResponse) decodeField(d *jsonx.Decoder, key []byte) bool {
	switch string(key) {
	case "SecurityGroups":
		if d.Array() {
			for d.Next() {
				r.SecurityGroups = append(r.SecurityGroups, SecurityGroup{})
				r.SecurityGroups[len(r.SecurityGroups)-1].decodeObject(d)
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

// ListVpcEndpointSecurityGroups calls the ListVpcEndpointSecurityGroups API
// action: it returns one page of the security groups associated with an
// endpoint. Use AllVpcEndpointSecurityGroups to iterate over every page.
func (c *Client) ListVpcEndpointSecurityGroups(ctx context.Context, req *ListVpcEndpointSecurityGroupsRequest) (*ListVpcEndpointSecurityGroupsResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	resp := &ListVpcEndpointSecurityGroupsResponse{}
	reqID, err := c.call(ctx, actionListVpcEndpointSecurityGroups, req.params(), "", resp.decodeField)
	if err != nil {
		return nil, err
	}
	resp.RequestID = reqID
	return resp, nil
}

// AllVpcEndpointSecurityGroups iterates over every security group of
// req.EndpointID, following NextToken from req.NextToken to the last page.
// It stops at the first error (an invalid request included), which it
// yields with a zero SecurityGroup, and fetches no further page once the
// loop body breaks. req is not modified.
func (c *Client) AllVpcEndpointSecurityGroups(ctx context.Context, req *ListVpcEndpointSecurityGroupsRequest) iter.Seq2[SecurityGroup, error] {
	var first string
	if req != nil {
		first = req.NextToken
	}
	return paginate(actionListVpcEndpointSecurityGroups, first, func(token string) ([]SecurityGroup, string, error) {
		// A copy per page: the sequence may be ranged more than once, or
		// from several goroutines. nil stays nil so that Validate reports it.
		var r *ListVpcEndpointSecurityGroupsRequest
		if req != nil {
			cp := *req
			cp.NextToken = token
			r = &cp
		}
		resp, err := c.ListVpcEndpointSecurityGroups(ctx, r)
		if err != nil {
			return nil, "", err
		}
		return resp.SecurityGroups, resp.NextToken, nil
	})
}

// ListVpcEndpointSecurityGroupsBuilder builds a
// ListVpcEndpointSecurityGroupsRequest.
type ListVpcEndpointSecurityGroupsBuilder struct {
	req ListVpcEndpointSecurityGroupsRequest
}

// NewListVpcEndpointSecurityGroups starts a ListVpcEndpointSecurityGroups
// request for endpointID.
func NewListVpcEndpointSecurityGroups(endpointID string) *ListVpcEndpointSecurityGroupsBuilder {
	return &ListVpcEndpointSecurityGroupsBuilder{req: ListVpcEndpointSecurityGroupsRequest{EndpointID: endpointID}}
}

// WithMaxResults sets the page size.
func (b *ListVpcEndpointSecurityGroupsBuilder) WithMaxResults(n int) *ListVpcEndpointSecurityGroupsBuilder {
	b.req.MaxResults = n
	return b
}

// WithNextToken starts at the page NextToken points to.
func (b *ListVpcEndpointSecurityGroupsBuilder) WithNextToken(token string) *ListVpcEndpointSecurityGroupsBuilder {
	b.req.NextToken = token
	return b
}

// Build validates the request and returns a copy of it, or a
// *ValidationError listing every problem.
func (b *ListVpcEndpointSecurityGroupsBuilder) Build() (*ListVpcEndpointSecurityGroupsRequest, error) {
	r := b.req
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}
