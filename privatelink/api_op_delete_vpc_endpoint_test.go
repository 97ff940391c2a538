package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeleteVpcEndpoint(t *testing.T) {
	checkMutatingOp(t, mutatingOp{
		action: "DeleteVpcEndpoint",
		call: func(c *Client, token string, dryRun bool) (string, string, error) {
			resp, err := c.DeleteVpcEndpoint(context.Background(), &DeleteVpcEndpointRequest{EndpointID: "ep-1", ClientToken: token, DryRun: dryRun})
			if err != nil {
				return "", "", err
			}
			return resp.RequestID, resp.ClientToken, nil
		},
		params: map[string]string{"EndpointId": "ep-1"},
	})
}

func TestDeleteVpcEndpointValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.DeleteVpcEndpoint(context.Background(), &DeleteVpcEndpointRequest{ClientToken: "ü"})
	assert.Equal(t, []string{"ClientToken", "EndpointID"}, problemFields(t, err))
	_, err = c.DeleteVpcEndpoint(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestDeleteVpcEndpointBuilder(t *testing.T) {
	req, err := NewDeleteVpcEndpoint("ep-1").WithDryRun(true).WithClientToken("tok").Build()
	require.NoError(t, err)
	assert.Equal(t, &DeleteVpcEndpointRequest{EndpointID: "ep-1", ClientToken: "tok", DryRun: true}, req)
	_, err = NewDeleteVpcEndpoint("").Build()
	assert.Equal(t, []string{"EndpointID"}, problemFields(t, err))
}
