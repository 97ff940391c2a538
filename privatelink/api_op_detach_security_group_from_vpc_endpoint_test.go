package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetachSecurityGroupFromVpcEndpoint(t *testing.T) {
	checkMutatingOp(t, mutatingOp{
		action: "DetachSecurityGroupFromVpcEndpoint",
		call: func(c *Client, token string, dryRun bool) (string, string, error) {
			resp, err := c.DetachSecurityGroupFromVpcEndpoint(context.Background(), &DetachSecurityGroupFromVpcEndpointRequest{EndpointID: "ep-1", SecurityGroupID: "sg-1", ClientToken: token, DryRun: dryRun})
			if err != nil {
				return "", "", err
			}
			return resp.RequestID, resp.ClientToken, nil
		},
		params: map[string]string{"EndpointId": "ep-1", "SecurityGroupId": "sg-1"},
	})
}

func TestDetachSecurityGroupFromVpcEndpointValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.DetachSecurityGroupFromVpcEndpoint(context.Background(), &DetachSecurityGroupFromVpcEndpointRequest{ClientToken: "x\x00"})
	assert.Equal(t, []string{"ClientToken", "EndpointID", "SecurityGroupID"}, problemFields(t, err))
	_, err = c.DetachSecurityGroupFromVpcEndpoint(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestDetachSecurityGroupFromVpcEndpointBuilder(t *testing.T) {
	req, err := NewDetachSecurityGroupFromVpcEndpoint("ep-1", "sg-1").WithDryRun(true).WithClientToken("tok").Build()
	require.NoError(t, err)
	assert.Equal(t, &DetachSecurityGroupFromVpcEndpointRequest{EndpointID: "ep-1", SecurityGroupID: "sg-1", ClientToken: "tok", DryRun: true}, req)
	_, err = NewDetachSecurityGroupFromVpcEndpoint("", "sg-1").Build()
	assert.Equal(t, []string{"EndpointID"}, problemFields(t, err))
}
