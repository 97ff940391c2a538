package privatelink

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listZonesExample is the metadata's example answer of ListVpcEndpointZones
// ("false" in ZoneIpv6Address is the example's; the field holds the ENI's
// IPv6 address in newer references).
const listZonesExample = `{
  "NextToken": "caeba0bbb2be03f84eb48b699f0a4883",
  "RequestId": "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
  "MaxResults": 50,
  "TotalCount": 12,
  "Zones": [
    {
      "VSwitchId": "vsw-hjkshjvdkdvd****",
      "EniIp": "192.168.2.23",
      "ZoneStatus": "Wait",
      "ZoneId": "cn-huhehaote-a",
      "EniId": "eni-hp3c8qj1tyct8aqy****",
      "ZoneDomain": "ep-hp3f033dp24c5yc9****-cn-huhehaote.epsrv-hp3itcpowf37m3d5****.cn-huhehaote-a.privatelink.aliyuncs.com",
      "RegionId": "cn-huhehaote",
      "ZoneIpv6Address": "false"
    }
  ]
}`

func TestListVpcEndpointZones(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpointZones", 200, listZonesExample)
	resp, err := c.ListVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{EndpointID: "ep-1", MaxResults: 20, NextToken: "nt"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"EndpointId": "ep-1", "MaxResults": "20", "NextToken": "nt"}, srv.onlyCall(t).Params)
	assert.Equal(t, &ListVpcEndpointZonesResponse{
		Zones: []Zone{{
			ZoneID:      "cn-huhehaote-a",
			VSwitchID:   "vsw-hjkshjvdkdvd****",
			IP:          "192.168.2.23",
			IPv6Address: "false",
			EniID:       "eni-hp3c8qj1tyct8aqy****",
			ZoneStatus:  ZoneStatusWait,
			ZoneDomain:  "ep-hp3f033dp24c5yc9****-cn-huhehaote.epsrv-hp3itcpowf37m3d5****.cn-huhehaote-a.privatelink.aliyuncs.com",
			RegionID:    "cn-huhehaote",
		}},
		NextToken:  "caeba0bbb2be03f84eb48b699f0a4883",
		RequestID:  "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
		MaxResults: 50,
		TotalCount: 12,
	}, resp)
}

func TestListVpcEndpointZonesLenient(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpointZones", 200, `{"RequestId":"R","TotalCount":"1","MaxResults":"50","Zones":[{"ZoneId":"z","ZoneStatus":"Migrating","ServiceStatus":"Normal","ZoneIpv6Address":"2408::9","New":1},null],"Zones2":null}`)
	resp, err := c.ListVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{EndpointID: "ep-1"})
	require.NoError(t, err)
	assert.Equal(t, 1, resp.TotalCount)
	assert.Equal(t, []Zone{{ZoneID: "z", ZoneStatus: "Migrating", IPv6Address: "2408::9"}, {}}, resp.Zones)
	assert.Equal(t, map[string]string{"EndpointId": "ep-1"}, srv.onlyCall(t).Params)
}

func TestListVpcEndpointZonesValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.ListVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{MaxResults: 1001})
	assert.Equal(t, []string{"EndpointID", "MaxResults"}, problemFields(t, err))
	requireProblem(t, err, "MaxResults", "1 to 1000")
	require.NoError(t, (&ListVpcEndpointZonesRequest{EndpointID: "ep-1", MaxResults: 1000}).Validate())
	_, err = c.ListVpcEndpointZones(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestListVpcEndpointZonesBuilder(t *testing.T) {
	req, err := NewListVpcEndpointZones("ep-1").WithMaxResults(5).WithNextToken("nt").Build()
	require.NoError(t, err)
	assert.Equal(t, &ListVpcEndpointZonesRequest{EndpointID: "ep-1", MaxResults: 5, NextToken: "nt"}, req)
	_, err = NewListVpcEndpointZones("").Build()
	assert.Equal(t, []string{"EndpointID"}, problemFields(t, err))
}

func TestAllVpcEndpointZones(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpointZones", map[string]page{
		"":   {body: `{"RequestId":"R","NextToken":"p2","Zones":[{"ZoneId":"a","ZoneStatus":"Connected"}]}`},
		"p2": {body: `{"RequestId":"R","Zones":[{"ZoneId":"b","ZoneStatus":"Creating"}]}`},
	})
	var got []Zone
	for z, err := range c.AllVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{EndpointID: "ep-1"}) {
		require.NoError(t, err)
		got = append(got, z)
	}
	assert.Equal(t, []Zone{{ZoneID: "a", ZoneStatus: ZoneStatusConnected}, {ZoneID: "b", ZoneStatus: ZoneStatusCreating}}, got)
	assert.Equal(t, []string{"", "p2"}, srv.tokensSent())
	for _, call := range srv.calls() {
		assert.Equal(t, "ep-1", call.Params["EndpointId"])
	}

	// Early break: one page only.
	c2, srv2 := setup(t)
	srv2.handlePages("ListVpcEndpointZones", map[string]page{
		"": {body: `{"RequestId":"R","NextToken":"p2","Zones":[{"ZoneId":"a"},{"ZoneId":"b"}]}`},
	})
	for range c2.AllVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{EndpointID: "ep-1"}) {
		break
	}
	assert.Len(t, srv2.calls(), 1)
}

func TestAllVpcEndpointZonesErrors(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpointZones", http.StatusBadRequest, errorBody("EndpointNotFound", "gone"))
	n := 0
	for z, err := range c.AllVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{EndpointID: "ep-gone"}) {
		n++
		assert.Equal(t, Zone{}, z)
		assert.True(t, IsNotFound(err))
	}
	assert.Equal(t, 1, n, "exactly one error is yielded")

	for _, err := range c.AllVpcEndpointZones(context.Background(), nil) {
		requireProblem(t, err, "", "request is nil")
	}
	for _, err := range c.AllVpcEndpointZones(context.Background(), &ListVpcEndpointZonesRequest{}) {
		requireProblem(t, err, "EndpointID", "required")
	}
	assert.Len(t, srv.calls(), 1)
}
