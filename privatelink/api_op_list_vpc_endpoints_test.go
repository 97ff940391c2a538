package privatelink

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listEndpointsExample is the metadata's example answer of ListVpcEndpoints.
const listEndpointsExample = `{
  "Endpoints": [
    {
      "VpcId": "vpc-hp356stwkxg3fn2xe****",
      "EndpointName": "test",
      "EndpointType": "Interface",
      "CreateTime": "2021-09-24T18:00:07Z",
      "ServiceId": "epsrv-hp3vpx8yqxblby3i****",
      "ZoneAffinityEnabled": true,
      "EndpointDomain": "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
      "EndpointStatus": "Active",
      "RegionId": "cn-huhehaote",
      "ResourceOwner": true,
      "Bandwidth": 1024,
      "ConnectionStatus": "Disconnected",
      "EndpointDescription": "This is my Endpoint.",
      "EndpointId": "ep-hp33b2e43fays7s8****",
      "EndpointBusinessStatus": "Normal",
      "ServiceName": "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
      "Tags": [
        {
          "Key": "FinanceDept",
          "Value": "FinanceJoshua"
        }
      ],
      "ResourceGroupId": "1",
      "PolicyDocument": ""
    }
  ],
  "NextToken": "caeba0bbb2be03f84eb48b699f0a****",
  "RequestId": "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
  "MaxResults": 50,
  "TotalCount": 12
}`

func TestListVpcEndpointsSendsEveryFilter(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpoints", 200, `{"RequestId":"R","Endpoints":[]}`)
	_, err := c.ListVpcEndpoints(context.Background(), &ListVpcEndpointsRequest{
		EndpointID:       "ep-1",
		EndpointName:     "name",
		EndpointType:     EndpointTypeReverse,
		EndpointStatus:   EndpointStatusActive,
		ConnectionStatus: ConnectionStatusServiceDeleted,
		ServiceName:      "com.aliyuncs.privatelink.x",
		VpcID:            "vpc-1",
		ResourceGroupID:  "rg-1",
		AddressIPVersion: AddressIPVersionDualStack,
		Tags:             []Tag{{Key: "env", Value: "prod"}, {Key: "acs:rm:rgId"}},
		MaxResults:       1000,
		NextToken:        "tok-2",
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"EndpointId":       "ep-1",
		"EndpointName":     "name",
		"EndpointType":     "Reverse",
		"EndpointStatus":   "Active",
		"ConnectionStatus": "ServiceDeleted",
		"ServiceName":      "com.aliyuncs.privatelink.x",
		"VpcId":            "vpc-1",
		"ResourceGroupId":  "rg-1",
		"AddressIpVersion": "DualStack",
		"Tag.1.Key":        "env",
		"Tag.1.Value":      "prod",
		"Tag.2.Key":        "acs:rm:rgId",
		"MaxResults":       "1000",
		"NextToken":        "tok-2",
	}, srv.onlyCall(t).Params)

	// No filter, no parameter.
	c3, srv3 := setup(t)
	srv3.handle("ListVpcEndpoints", 200, `{"RequestId":"R"}`)
	resp, err := c3.ListVpcEndpoints(context.Background(), &ListVpcEndpointsRequest{})
	require.NoError(t, err)
	assert.Empty(t, srv3.onlyCall(t).Params)
	assert.Empty(t, resp.Endpoints)
}

func TestListVpcEndpointsDecodesTheExample(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpoints", 200, listEndpointsExample)
	resp, err := c.ListVpcEndpoints(context.Background(), &ListVpcEndpointsRequest{})
	require.NoError(t, err)
	assert.Equal(t, &ListVpcEndpointsResponse{
		Endpoints: []Endpoint{{
			VpcID:                  "vpc-hp356stwkxg3fn2xe****",
			EndpointName:           "test",
			EndpointType:           EndpointTypeInterface,
			CreateTime:             time.Date(2021, 9, 24, 18, 0, 7, 0, time.UTC),
			ServiceID:              "epsrv-hp3vpx8yqxblby3i****",
			ZoneAffinityEnabled:    true,
			EndpointDomain:         "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
			EndpointStatus:         EndpointStatusActive,
			RegionID:               "cn-huhehaote",
			ResourceOwner:          true,
			Bandwidth:              1024,
			ConnectionStatus:       ConnectionStatusDisconnected,
			EndpointDescription:    "This is my Endpoint.",
			EndpointID:             "ep-hp33b2e43fays7s8****",
			EndpointBusinessStatus: EndpointBusinessStatusNormal,
			ServiceName:            "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
			Tags:                   []Tag{{Key: "FinanceDept", Value: "FinanceJoshua"}},
			ResourceGroupID:        "1",
		}},
		NextToken:  "caeba0bbb2be03f84eb48b699f0a****",
		RequestID:  "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
		MaxResults: 50,
		TotalCount: 12,
	}, resp)
}

func TestListVpcEndpointsLenient(t *testing.T) {
	c, srv := setup(t)
	srv.handle("ListVpcEndpoints", 200, `{"RequestId":"R","MaxResults":"50","TotalCount":"2","NextToken":null,
		"Endpoints":[
			{"EndpointId":"ep-1","ProtectedEnabled":"True","CrossRegionBandwidth":"500","AddressIpVersion":"DualStack","ServiceRegionId":"cn-hangzhou","Tags":[{"Key":"k","Value":null,"Scope":"x"},null]},
			null,
			{"EndpointId":"ep-3","EndpointStatus":"Frozen","Extra":{"Deep":[[[]]]}}
		],
		"Unknown":"x"}`)
	resp, err := c.ListVpcEndpoints(context.Background(), &ListVpcEndpointsRequest{})
	require.NoError(t, err)
	assert.Equal(t, 50, resp.MaxResults)
	assert.Equal(t, 2, resp.TotalCount)
	assert.Empty(t, resp.NextToken)
	require.Len(t, resp.Endpoints, 3, "a null element stays a zero Endpoint, so positions are kept")
	assert.Equal(t, Endpoint{
		EndpointID: "ep-1", CrossRegionBandwidth: 500,
		AddressIPVersion: AddressIPVersionDualStack, ServiceRegionID: "cn-hangzhou",
		Tags: []Tag{{Key: "k"}, {}},
	}, resp.Endpoints[0])
	assert.Equal(t, Endpoint{}, resp.Endpoints[1])
	assert.Equal(t, EndpointStatus("Frozen"), resp.Endpoints[2].EndpointStatus)
	assert.False(t, resp.Endpoints[2].EndpointStatus.IsKnown())
}

func TestListVpcEndpointsValidates(t *testing.T) {
	tests := []struct {
		name  string
		req   ListVpcEndpointsRequest
		field string
		msg   string
	}{
		{name: "empty is valid", req: ListVpcEndpointsRequest{}},
		{name: "MaxResults 1", req: ListVpcEndpointsRequest{MaxResults: 1}},
		{name: "MaxResults 1000", req: ListVpcEndpointsRequest{MaxResults: 1000}},
		{name: "MaxResults 1001", req: ListVpcEndpointsRequest{MaxResults: 1001}, field: "MaxResults", msg: "1 to 1000"},
		{name: "MaxResults negative", req: ListVpcEndpointsRequest{MaxResults: -1}, field: "MaxResults", msg: "1 to 1000"},
		{name: "type unknown is sent", req: ListVpcEndpointsRequest{EndpointType: "Gateway"}},
		{name: "type blank", req: ListVpcEndpointsRequest{EndpointType: " "}, field: "EndpointType", msg: "blank"},
		{name: "status unknown is sent", req: ListVpcEndpointsRequest{EndpointStatus: "Ready"}},
		{name: "status blank", req: ListVpcEndpointsRequest{EndpointStatus: "\t"}, field: "EndpointStatus", msg: "blank"},
		{name: "status known", req: ListVpcEndpointsRequest{EndpointStatus: EndpointStatusDeleting}},
		{name: "connection status unknown is sent", req: ListVpcEndpointsRequest{ConnectionStatus: "Up"}},
		{name: "connection status blank", req: ListVpcEndpointsRequest{ConnectionStatus: "  "}, field: "ConnectionStatus", msg: "blank"},
		{name: "ip version unknown is sent", req: ListVpcEndpointsRequest{AddressIPVersion: "IPv6"}},
		{name: "ip version blank", req: ListVpcEndpointsRequest{AddressIPVersion: " "}, field: "AddressIPVersion", msg: "blank"},
		{name: "tag filter with system prefix", req: ListVpcEndpointsRequest{Tags: []Tag{{Key: "acs:rm:rgId", Value: "rg-1"}}}},
		{name: "tag filter without key", req: ListVpcEndpointsRequest{Tags: []Tag{{Value: "v"}}}, field: "Tags[0].Key", msg: "required"},
		{name: "tag filter key too long", req: ListVpcEndpointsRequest{Tags: []Tag{{Key: strings.Repeat("k", 65)}}}, field: "Tags[0].Key", msg: "1 to 64"},
		{name: "tag filter value too long", req: ListVpcEndpointsRequest{Tags: []Tag{{Key: "k", Value: strings.Repeat("v", 129)}}}, field: "Tags[0].Value", msg: "at most 128"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := setup(t)
			srv.handle("ListVpcEndpoints", 200, `{"RequestId":"R"}`)
			_, err := c.ListVpcEndpoints(context.Background(), &tt.req)
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			requireProblem(t, err, tt.field, tt.msg)
			assert.Empty(t, srv.calls(), "nothing is sent")
		})
	}
}

func TestListVpcEndpointsBuilder(t *testing.T) {
	b := NewListVpcEndpoints().
		WithEndpointID("ep-1").
		WithEndpointName("n").
		WithEndpointType(EndpointTypeInterface).
		WithEndpointStatus(EndpointStatusActive).
		WithConnectionStatus(ConnectionStatusConnected).
		WithServiceName("svc").
		WithVpcID("vpc-1").
		WithResourceGroupID("rg-1").
		WithAddressIPVersion(AddressIPVersionIPv4).
		WithTag("k", "v").
		WithMaxResults(10).
		WithNextToken("nt")
	req, err := b.Build()
	require.NoError(t, err)
	assert.Equal(t, &ListVpcEndpointsRequest{
		EndpointID: "ep-1", EndpointName: "n", EndpointType: EndpointTypeInterface, EndpointStatus: EndpointStatusActive,
		ConnectionStatus: ConnectionStatusConnected, ServiceName: "svc", VpcID: "vpc-1", ResourceGroupID: "rg-1",
		AddressIPVersion: AddressIPVersionIPv4, Tags: []Tag{{Key: "k", Value: "v"}}, MaxResults: 10, NextToken: "nt",
	}, req)
	b.WithTag("k2", "v2")
	assert.Len(t, req.Tags, 1, "a built request does not change with the builder")
	_, err = NewListVpcEndpoints().WithMaxResults(5000).Build()
	assert.Equal(t, []string{"MaxResults"}, problemFields(t, err))
}

// endpointsPage is a ListVpcEndpoints answer with the given IDs and token.
func endpointsPage(next string, ids ...string) page {
	var b strings.Builder
	b.WriteString(`{"RequestId":"R","NextToken":"` + next + `","Endpoints":[`)
	for i, id := range ids {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"EndpointId":"` + id + `"}`)
	}
	b.WriteString("]}")
	return page{body: b.String()}
}

func collectEndpoints(t *testing.T, c *Client, req *ListVpcEndpointsRequest, stopAfter int) ([]string, error) {
	t.Helper()
	var ids []string
	for ep, err := range c.AllVpcEndpoints(context.Background(), req) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, ep.EndpointID)
		if len(ids) == stopAfter {
			break
		}
	}
	return ids, nil
}

func TestAllVpcEndpointsFollowsNextToken(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpoints", map[string]page{
		"":   endpointsPage("p2", "ep-1", "ep-2"),
		"p2": endpointsPage("p3"), // an empty page in the middle does not end the listing
		"p3": endpointsPage("", "ep-3"),
	})
	req := &ListVpcEndpointsRequest{VpcID: "vpc-1", MaxResults: 2}
	ids, err := collectEndpoints(t, c, req, -1)
	require.NoError(t, err)
	assert.Equal(t, []string{"ep-1", "ep-2", "ep-3"}, ids)
	assert.Equal(t, []string{"", "p2", "p3"}, srv.tokensSent())
	for _, call := range srv.calls() {
		assert.Equal(t, "vpc-1", call.Params["VpcId"], "filters go with every page")
		assert.Equal(t, "2", call.Params["MaxResults"])
	}
	assert.Empty(t, req.NextToken, "the caller's request is not modified")
}

func TestAllVpcEndpointsStartsAtTheRequestsToken(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpoints", map[string]page{"p2": endpointsPage("", "ep-9")})
	ids, err := collectEndpoints(t, c, &ListVpcEndpointsRequest{NextToken: "p2"}, -1)
	require.NoError(t, err)
	assert.Equal(t, []string{"ep-9"}, ids)
}

func TestAllVpcEndpointsEarlyBreakFetchesNoMore(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpoints", map[string]page{
		"":   endpointsPage("p2", "ep-1", "ep-2"),
		"p2": endpointsPage("", "ep-3"),
	})
	ids, err := collectEndpoints(t, c, nil, 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"ep-1", "ep-2"}, ids)
	assert.Equal(t, []string{""}, srv.tokensSent(), "the second page is never requested")
}

func TestAllVpcEndpointsStopsAtTheFirstError(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpoints", map[string]page{
		"":   endpointsPage("p2", "ep-1"),
		"p2": {status: http.StatusBadRequest, body: errorBody("InvalidParameter", "NextToken is invalid")},
	})
	var ids []string
	var errs []error
	for ep, err := range c.AllVpcEndpoints(context.Background(), nil) {
		if err != nil {
			errs = append(errs, err)
			assert.Equal(t, Endpoint{}, ep)
			continue // the iterator must end by itself after an error
		}
		ids = append(ids, ep.EndpointID)
	}
	assert.Equal(t, []string{"ep-1"}, ids)
	require.Len(t, errs, 1)
	assert.Equal(t, "InvalidParameter", ErrorCode(errs[0]))
}

func TestAllVpcEndpointsRepeatedTokenEndsTheLoop(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpoints", map[string]page{
		"":     endpointsPage("same", "ep-1"),
		"same": endpointsPage("same", "ep-2"),
	})
	ids, err := collectEndpoints(t, c, nil, -1)
	var pe *PaginationError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "ListVpcEndpoints", pe.Action)
	assert.Equal(t, "same", pe.NextToken)
	assert.Contains(t, err.Error(), `NextToken "same" again`)
	assert.Equal(t, []string{"ep-1", "ep-2"}, ids)
	assert.Len(t, srv.calls(), 2)
}

func TestAllVpcEndpointsInvalidRequestYieldsTheValidationError(t *testing.T) {
	c, srv := setup(t)
	_, err := collectEndpoints(t, c, &ListVpcEndpointsRequest{MaxResults: -5}, -1)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Empty(t, srv.calls())
}

// bigListPage is a ListVpcEndpoints page of n endpoints shaped like the
// example, each with two tags.
func bigListPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"RequestId":"0ED8D006-F706-4D23-88ED-E11ED28DCAC0","NextToken":"caeba0bbb2be03f84eb48b699f0a4883","MaxResults":50,"TotalCount":1000,"Endpoints":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"VpcId":"vpc-hp356stwkxg3fn2xe0001","EndpointName":"test","EndpointType":"Interface","CreateTime":"2021-09-24T18:00:07Z",` +
			`"ServiceId":"epsrv-hp3vpx8yqxblby3i0001","ZoneAffinityEnabled":true,"EndpointDomain":"ep-hp33b2e43fays7s80001.epsrv-hp3xdsq46ael67lo0001.cn-huhehaote.privatelink.aliyuncs.com",` +
			`"EndpointStatus":"Active","RegionId":"cn-huhehaote","ResourceOwner":true,"Bandwidth":1024,"ConnectionStatus":"Connected",` +
			`"EndpointDescription":"This is my Endpoint.","EndpointId":"ep-hp33b2e43fays7s80001","EndpointBusinessStatus":"Normal",` +
			`"ServiceName":"com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo0001","AddressIpVersion":"IPv4","ServiceRegionId":"cn-huhehaote","CrossRegionBandwidth":0,` +
			`"Tags":[{"Key":"FinanceDept","Value":"FinanceJoshua"},{"Key":"env","Value":"prod"}],"ResourceGroupId":"rg-acfmz7nocpei001","PolicyDocument":""}`)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// reflectListPage mirrors the page for encoding/json, as a reflection-based
// SDK would decode it; it is the baseline of BenchmarkDecodeListVpcEndpoints.
type reflectListPage struct {
	RequestId  string
	NextToken  string
	MaxResults int
	TotalCount int
	Endpoints  []struct {
		VpcId, EndpointName, EndpointType, CreateTime, ServiceId, EndpointDomain, EndpointStatus string
		RegionId, ConnectionStatus, EndpointDescription, EndpointId, EndpointBusinessStatus      string
		ServiceName, AddressIpVersion, ServiceRegionId, ResourceGroupId, PolicyDocument          string
		ZoneAffinityEnabled, ResourceOwner                                                       bool
		Bandwidth, CrossRegionBandwidth                                                          int
		Tags                                                                                     []struct{ Key, Value string }
	}
}

func BenchmarkDecodeListVpcEndpoints(b *testing.B) {
	body := bigListPage(50)
	b.Run("jsonx", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var resp ListVpcEndpointsResponse
			if err := decodeBody(body, resp.decodeField); err != nil || len(resp.Endpoints) != 50 {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var resp reflectListPage
			if err := json.Unmarshal(body, &resp); err != nil || len(resp.Endpoints) != 50 {
				b.Fatal(err)
			}
		}
	})
}
