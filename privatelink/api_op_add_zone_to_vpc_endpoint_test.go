package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddZoneToVpcEndpoint(t *testing.T) {
	checkMutatingOp(t, mutatingOp{
		action: "AddZoneToVpcEndpoint",
		call: func(c *Client, token string, dryRun bool) (string, string, error) {
			resp, err := c.AddZoneToVpcEndpoint(context.Background(), &AddZoneToVpcEndpointRequest{
				EndpointID: "ep-1", ZoneID: "cn-huhehaote-b", VSwitchID: "vsw-b",
				IP: "192.168.2.23", IPv6Address: "2408:4005:3b6:1:6955:c3cb:34c:1",
				ClientToken: token, DryRun: dryRun,
			})
			if err != nil {
				return "", "", err
			}
			return resp.RequestID, resp.ClientToken, nil
		},
		params: map[string]string{
			"EndpointId":  "ep-1",
			"ZoneId":      "cn-huhehaote-b",
			"VSwitchId":   "vsw-b",
			"ip":          "192.168.2.23",
			"Ipv6Address": "2408:4005:3b6:1:6955:c3cb:34c:1",
		},
	})
}

func TestAddZoneToVpcEndpointOmitsUnsetAddresses(t *testing.T) {
	c, srv := setup(t)
	srv.handle("AddZoneToVpcEndpoint", 200, `{"RequestId":"R"}`)
	_, err := c.AddZoneToVpcEndpoint(context.Background(), &AddZoneToVpcEndpointRequest{EndpointID: "ep-1", ZoneID: "z", VSwitchID: "vsw-v", ClientToken: "t"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"ClientToken": "t", "EndpointId": "ep-1", "ZoneId": "z", "VSwitchId": "vsw-v"}, srv.onlyCall(t).Params)
}

func TestAddZoneToVpcEndpointValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.AddZoneToVpcEndpoint(context.Background(), &AddZoneToVpcEndpointRequest{IP: "10.0.0.256", IPv6Address: "10.0.0.1"})
	assert.Equal(t, []string{"EndpointID", "IP", "IPv6Address", "VSwitchID", "ZoneID"}, problemFields(t, err))
	requireProblem(t, err, "IP", "not an IPv4")
	requireProblem(t, err, "IPv6Address", "not an IPv6")
	_, err = c.AddZoneToVpcEndpoint(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestAddZoneToVpcEndpointBuilder(t *testing.T) {
	req, err := NewAddZoneToVpcEndpoint("ep-1", "z", "vsw-v").WithIP("10.0.0.1").WithIPv6Address("2408::1").WithDryRun(true).WithClientToken("tok").Build()
	require.NoError(t, err)
	assert.Equal(t, &AddZoneToVpcEndpointRequest{EndpointID: "ep-1", ZoneID: "z", VSwitchID: "vsw-v", IP: "10.0.0.1", IPv6Address: "2408::1", ClientToken: "tok", DryRun: true}, req)
	_, err = NewAddZoneToVpcEndpoint("ep-1", "z", "").Build()
	assert.Equal(t, []string{"VSwitchID"}, problemFields(t, err))
}
