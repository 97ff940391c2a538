package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRemoveZoneFromVpcEndpoint(t *testing.T) {
	checkMutatingOp(t, mutatingOp{
		action: "RemoveZoneFromVpcEndpoint",
		call: func(c *Client, token string, dryRun bool) (string, string, error) {
			resp, err := c.RemoveZoneFromVpcEndpoint(context.Background(), &RemoveZoneFromVpcEndpointRequest{EndpointID: "ep-1", ZoneID: "cn-huhehaote-a", ClientToken: token, DryRun: dryRun})
			if err != nil {
				return "", "", err
			}
			return resp.RequestID, resp.ClientToken, nil
		},
		params: map[string]string{"EndpointId": "ep-1", "ZoneId": "cn-huhehaote-a"},
	})
}

func TestRemoveZoneFromVpcEndpointValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.RemoveZoneFromVpcEndpoint(context.Background(), &RemoveZoneFromVpcEndpointRequest{})
	assert.Equal(t, []string{"EndpointID", "ZoneID"}, problemFields(t, err))
	_, err = c.RemoveZoneFromVpcEndpoint(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestRemoveZoneFromVpcEndpointBuilder(t *testing.T) {
	req, err := NewRemoveZoneFromVpcEndpoint("ep-1", "z-a").WithDryRun(true).WithClientToken("tok").Build()
	require.NoError(t, err)
	assert.Equal(t, &RemoveZoneFromVpcEndpointRequest{EndpointID: "ep-1", ZoneID: "z-a", ClientToken: "tok", DryRun: true}, req)
	_, err = NewRemoveZoneFromVpcEndpoint("ep-1", "").Build()
	assert.Equal(t, []string{"ZoneID"}, problemFields(t, err))
}
