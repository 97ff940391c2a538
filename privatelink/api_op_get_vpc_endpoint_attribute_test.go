package privatelink

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// getExample is the metadata's example answer of GetVpcEndpointAttribute,
// with the fields newer SDKs know (AddressIpVersion, CrossRegionBandwidth,
// ServiceRegionId) and the v1 SDK's PrivateServiceName.
const getExample = `{
  "Payer": "Endpoint",
  "EndpointDomain": "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
  "RequestId": "8D8992C1-6712-423C-BAC5-E5E817484C6B",
  "CreateTime": "2021-09-24T18:00:07Z",
  "ResourceOwner": true,
  "EndpointBusinessStatus": "Normal",
  "EndpointDescription": "This is my Endpoint.",
  "ServiceId": "epsrv-hp3vpx8yqxblby3i****",
  "EndpointStatus": "Active",
  "VpcId": "vpc-fdfhkjafhjvcvdjf****",
  "EndpointName": "test",
  "ZonePrivateIpAddressCount": 1,
  "EndpointType": "Interface",
  "ServiceName": "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
  "Bandwidth": 1024,
  "EndpointId": "ep-hp33b2e43fays7s8****",
  "RegionId": "cn-huhehaote",
  "ConnectionStatus": "Connected",
  "ZoneAffinityEnabled": true,
  "ResourceGroupId": "rg-acfmz7nocpei***",
  "PolicyDocument": "{\n  \"Version\": \"1\",\n  \"Statement\": []\n}",
  "AddressIpVersion": "DualStack",
  "CrossRegionBandwidth": 1000,
  "ServiceRegionId": "cn-hangzhou",
  "PrivateServiceName": "svc.example.com"
}`

func TestGetVpcEndpointAttribute(t *testing.T) {
	c, srv := setup(t)
	srv.handle("GetVpcEndpointAttribute", 200, getExample)

	resp, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: "ep-hp33b2e43fays7s8****"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"EndpointId": "ep-hp33b2e43fays7s8****"}, srv.onlyCall(t).Params)
	assert.Equal(t, &GetVpcEndpointAttributeResponse{
		Endpoint: Endpoint{
			EndpointID:             "ep-hp33b2e43fays7s8****",
			EndpointName:           "test",
			EndpointDescription:    "This is my Endpoint.",
			EndpointType:           EndpointTypeInterface,
			EndpointStatus:         EndpointStatusActive,
			ConnectionStatus:       ConnectionStatusConnected,
			EndpointBusinessStatus: EndpointBusinessStatusNormal,
			EndpointDomain:         "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
			VpcID:                  "vpc-fdfhkjafhjvcvdjf****",
			ServiceID:              "epsrv-hp3vpx8yqxblby3i****",
			ServiceName:            "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
			ServiceRegionID:        "cn-hangzhou",
			RegionID:               "cn-huhehaote",
			ResourceGroupID:        "rg-acfmz7nocpei***",
			CreateTime:             time.Date(2021, 9, 24, 18, 0, 7, 0, time.UTC),
			Bandwidth:              1024,
			CrossRegionBandwidth:   1000,
			AddressIPVersion:       AddressIPVersionDualStack,
			ZoneAffinityEnabled:    true,
			ResourceOwner:          true,
			PolicyDocument:         "{\n  \"Version\": \"1\",\n  \"Statement\": []\n}",
		},
		RequestID:                 "8D8992C1-6712-423C-BAC5-E5E817484C6B",
		Payer:                     PayerEndpoint,
		ZonePrivateIPAddressCount: 1,
		PrivateServiceName:        "svc.example.com",
	}, resp)
}

func TestGetVpcEndpointAttributeLenient(t *testing.T) {
	c, srv := setup(t)
	srv.handle("GetVpcEndpointAttribute", 200, `{"RequestId":"R","EndpointId":"ep-1","ZonePrivateIpAddressCount":"1","Bandwidth":"3072","ResourceOwner":"false","ZoneAffinityEnabled":1,"Payer":"Someone","Unknown":{"x":[true]},"EndpointStatus":null}`)
	resp, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: "ep-1"})
	require.NoError(t, err)
	assert.Equal(t, 1, resp.ZonePrivateIPAddressCount)
	assert.Equal(t, 3072, resp.Bandwidth)
	assert.False(t, resp.ResourceOwner)
	assert.True(t, resp.ZoneAffinityEnabled)
	assert.Equal(t, Payer("Someone"), resp.Payer)
	assert.Equal(t, EndpointStatus(""), resp.EndpointStatus)
	assert.Equal(t, "ep-1", resp.EndpointID)
}

func TestGetVpcEndpointAttributeNotFound(t *testing.T) {
	c, srv := setup(t)
	srv.handle("GetVpcEndpointAttribute", http.StatusBadRequest, errorBody("EndpointNotFound", "The specified Endpoint does not exist."))
	resp, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: "ep-gone"})
	assert.Nil(t, resp)
	assert.True(t, IsNotFound(err))
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "GetVpcEndpointAttribute", apiErr.Action)
	assert.Empty(t, apiErr.ClientToken, "a read carries no token")
}

func TestGetVpcEndpointAttributeBrokenAnswer(t *testing.T) {
	c, srv := setup(t)
	srv.handle("GetVpcEndpointAttribute", 200, `{"RequestId":"R","EndpointId":"ep-1","Bandwidth":"lots"}`)
	_, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: "ep-1"})
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr, "an undecodable field fails the call rather than giving a wrong value")
}

func TestGetVpcEndpointAttributeValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{})
	assert.Equal(t, []string{"EndpointID"}, problemFields(t, err))
	_, err = c.GetVpcEndpointAttribute(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())

	req, err := NewGetVpcEndpointAttribute("ep-1").Build()
	require.NoError(t, err)
	assert.Equal(t, &GetVpcEndpointAttributeRequest{EndpointID: "ep-1"}, req)
	_, err = NewGetVpcEndpointAttribute("").Build()
	assert.Equal(t, []string{"EndpointID"}, problemFields(t, err))
}
