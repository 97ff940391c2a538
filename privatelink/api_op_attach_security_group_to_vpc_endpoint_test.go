package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAttachSecurityGroupToVpcEndpoint(t *testing.T) {
	checkMutatingOp(t, mutatingOp{
		action: "AttachSecurityGroupToVpcEndpoint",
		call: func(c *Client, token string, dryRun bool) (string, string, error) {
			resp, err := c.AttachSecurityGroupToVpcEndpoint(context.Background(), &AttachSecurityGroupToVpcEndpointRequest{EndpointID: "ep-1", SecurityGroupID: "sg-1", ClientToken: token, DryRun: dryRun})
			if err != nil {
				return "", "", err
			}
			return resp.RequestID, resp.ClientToken, nil
		},
		params: map[string]string{"EndpointId": "ep-1", "SecurityGroupId": "sg-1"},
	})
}

func TestAttachSecurityGroupToVpcEndpointValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.AttachSecurityGroupToVpcEndpoint(context.Background(), &AttachSecurityGroupToVpcEndpointRequest{ClientToken: "x\x00"})
	assert.Equal(t, []string{"ClientToken", "EndpointID", "SecurityGroupID"}, problemFields(t, err))
	_, err = c.AttachSecurityGroupToVpcEndpoint(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestAttachSecurityGroupToVpcEndpointBuilder(t *testing.T) {
	req, err := NewAttachSecurityGroupToVpcEndpoint("ep-1", "sg-1").WithDryRun(true).WithClientToken("tok").Build()
	require.NoError(t, err)
	assert.Equal(t, &AttachSecurityGroupToVpcEndpointRequest{EndpointID: "ep-1", SecurityGroupID: "sg-1", ClientToken: "tok", DryRun: true}, req)
	_, err = NewAttachSecurityGroupToVpcEndpoint("", "sg-1").Build()
	assert.Equal(t, []string{"EndpointID"}, problemFields(t, err))
}
