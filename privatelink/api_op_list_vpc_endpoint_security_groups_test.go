package privatelink

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listSecurityGroupsExample is the metadata's example answer of
// ListVpcEndpointSecurityGroups.
const listSecurityGroupsExample = `{
  "SecurityGroups": [
    {
      "SecurityGroupId": "sg-hp33bw6ynvm2yb0e****",
      "SecurityGroupStatus": "Attached"
    }
  ],
  "NextToken": "caeba0bbb2be03f84eb48b699f0a4883",
  "RequestId": "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
  "MaxResults": 50,
  "TotalCount": 12
}`

func TestListVpcEndpointSecurityGroups(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpointSecurityGroups", 200, listSecurityGroupsExample)
	resp, err := c.ListVpcEndpointSecurityGroups(context.Background(), &ListVpcEndpointSecurityGroupsRequest{EndpointID: "ep-1", MaxResults: 50, NextToken: "nt"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"EndpointId": "ep-1", "MaxResults": "50", "NextToken": "nt"}, srv.onlyCall(t).Params)
	assert.Equal(t, &ListVpcEndpointSecurityGroupsResponse{
		SecurityGroups: []SecurityGroup{{SecurityGroupID: "sg-hp33bw6ynvm2yb0e****", SecurityGroupStatus: SecurityGroupStatusAttached}},
		NextToken:      "caeba0bbb2be03f84eb48b699f0a4883",
		RequestID:      "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
		MaxResults:     50,
		TotalCount:     12,
	}, resp)
}

func TestListVpcEndpointSecurityGroupsLenient(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpointSecurityGroups", 200, `{"RequestId":"R","TotalCount":"2","MaxResults":null,"SecurityGroups":[{"SecurityGroupId":"sg-1","SecurityGroupStatus":"Quarantined","X":{}},{"SecurityGroupId":12}]}`)
	resp, err := c.ListVpcEndpointSecurityGroups(context.Background(), &ListVpcEndpointSecurityGroupsRequest{EndpointID: "ep-1"})
	require.NoError(t, err)
	assert.Equal(t, 2, resp.TotalCount)
	assert.Equal(t, 0, resp.MaxResults)
	assert.Equal(t, []SecurityGroup{{SecurityGroupID: "sg-1", SecurityGroupStatus: "Quarantined"}, {SecurityGroupID: "12"}}, resp.SecurityGroups)
	assert.Equal(t, map[string]string{"EndpointId": "ep-1"}, srv.onlyCall(t).Params)
}

func TestListVpcEndpointSecurityGroupsValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.ListVpcEndpointSecurityGroups(context.Background(), &ListVpcEndpointSecurityGroupsRequest{MaxResults: 51})
	assert.Equal(t, []string{"EndpointID", "MaxResults"}, problemFields(t, err))
	requireProblem(t, err, "MaxResults", "1 to 50")
	require.NoError(t, (&ListVpcEndpointSecurityGroupsRequest{EndpointID: "ep-1", MaxResults: 50}).Validate())
	_, err = c.ListVpcEndpointSecurityGroups(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestListVpcEndpointSecurityGroupsBuilder(t *testing.T) {
	req, err := NewListVpcEndpointSecurityGroups("ep-1").WithMaxResults(5).WithNextToken("nt").Build()
	require.NoError(t, err)
	assert.Equal(t, &ListVpcEndpointSecurityGroupsRequest{EndpointID: "ep-1", MaxResults: 5, NextToken: "nt"}, req)
	_, err = NewListVpcEndpointSecurityGroups("ep-1").WithMaxResults(100).Build()
	assert.Equal(t, []string{"MaxResults"}, problemFields(t, err))
}

func TestAllVpcEndpointSecurityGroups(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpointSecurityGroups", map[string]page{
		"":   {body: `{"RequestId":"R","NextToken":"p2","SecurityGroups":[{"SecurityGroupId":"sg-1","SecurityGroupStatus":"Attached"}]}`},
		"p2": {body: `{"RequestId":"R","NextToken":"p3","SecurityGroups":[{"SecurityGroupId":"sg-2","SecurityGroupStatus":"Attaching"}]}`},
		"p3": {status: http.StatusServiceUnavailable, body: errorBody("ServiceUnavailable", "busy")},
	})
	var ids []string
	var last error
	for g, err := range c.AllVpcEndpointSecurityGroups(context.Background(), &ListVpcEndpointSecurityGroupsRequest{EndpointID: "ep-1"}) {
		if err != nil {
			last = err
			continue
		}
		ids = append(ids, g.SecurityGroupID)
	}
	assert.Equal(t, []string{"sg-1", "sg-2"}, ids)
	assert.Equal(t, "ServiceUnavailable", ErrorCode(last))
	assert.Equal(t, []string{"", "p2", "p3"}, srv.tokensSent())

	for _, err := range c.AllVpcEndpointSecurityGroups(context.Background(), nil) {
		requireProblem(t, err, "", "request is nil")
	}
	assert.Len(t, srv.calls(), 3)
}
