package privatelink

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedCreateResponse is the example answer of the CreateVpcEndpoint
// reference, verbatim.
const seedCreateResponse = `{
"EndpointDomain": "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
"RequestId": "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
"CreateTime": "2022-01-02T19:11:12Z",
"EndpointBusinessStatus": "Normal",
"EndpointDescription": "This is my Endpoint.",
"ServiceId": "epsrv-hp3vpx8yqxblby3i****",
"EndpointStatus": "Active",
"VpcId": "vpc-hp356stwkxg3fn2xe****",
"EndpointName": "test",
"ServiceName": "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
"Bandwidth": 200,
"EndpointId": "ep-hp33b2e43fays7s8****",
"ConnectionStatus": "Disconnected",
"AddressIpVersion": "IPv4",
"ZoneAffinityEnabled": false,
"ServiceRegionId": "",
"CrossRegionBandwidth": 0
}`

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// fullCreateRequest sets every parameter of CreateVpcEndpoint.
func fullCreateRequest() *CreateVpcEndpointRequest {
	return &CreateVpcEndpointRequest{
		VpcID:                     "vpc-hp356stwkxg3fn2xe0001",
		ServiceID:                 "epsrv-hp3xdsq46ael67lo0001",
		ServiceName:               "com.aliyuncs.privatelink.cn-wulanchabu.epsrv-hp3xdsq46ael67lo0001",
		ServiceRegionID:           "cn-wulanchabu",
		EndpointName:              "日本-endpoint_1",
		EndpointDescription:       "a b*c~d+e/f%g=h&i",
		EndpointType:              EndpointTypeInterface,
		AddressIPVersion:          AddressIPVersionDualStack,
		Zones:                     []Zone{{ZoneID: "cn-huhehaote-a", VSwitchID: "vsw-a", IP: "192.168.0.10"}, {ZoneID: "cn-huhehaote-b", VSwitchID: "vsw-b", IPv6Address: "2408:4005:34d:1:a58b:62a3:6b55:1"}},
		SecurityGroupIDs:          []string{"sg-1", "sg-2"},
		ZonePrivateIPAddressCount: 1,
		ZoneAffinityEnabled:       true,
		ProtectedEnabled:          true,
		CrossRegionBandwidth:      1000,
		ResourceGroupID:           "rg-acfmy00001",
		PolicyDocument:            `{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:List*"],"Resource":["*"],"Principal":"*"}]}`,
		Tags:                      []Tag{{Key: "env", Value: "prod"}, {Key: "cost center", Value: "网络/ops"}, {Key: "empty"}},
		ClientToken:               "0c593ea1-3bea-11e9-b96b-88e9fe637760",
		DryRun:                    true,
	}
}

func TestCreateVpcEndpointSendsEveryParameter(t *testing.T) {
	c, srv := setup(t)
	srv.handle("CreateVpcEndpoint", 200, seedCreateResponse)

	req := fullCreateRequest()
	_, err := c.CreateVpcEndpoint(context.Background(), req)
	require.NoError(t, err)

	assert.Equal(t, map[string]string{
		"ClientToken":               "0c593ea1-3bea-11e9-b96b-88e9fe637760",
		"DryRun":                    "true",
		"EndpointName":              "日本-endpoint_1",
		"EndpointType":              "Interface",
		"ZonePrivateIpAddressCount": "1",
		"EndpointDescription":       "a b*c~d+e/f%g=h&i",
		"VpcId":                     "vpc-hp356stwkxg3fn2xe0001",
		"ServiceId":                 "epsrv-hp3xdsq46ael67lo0001",
		"ServiceName":               "com.aliyuncs.privatelink.cn-wulanchabu.epsrv-hp3xdsq46ael67lo0001",
		"Zone.1.VSwitchId":          "vsw-a",
		"Zone.1.ZoneId":             "cn-huhehaote-a",
		"Zone.1.ip":                 "192.168.0.10",
		"Zone.2.VSwitchId":          "vsw-b",
		"Zone.2.ZoneId":             "cn-huhehaote-b",
		"Zone.2.Ipv6Address":        "2408:4005:34d:1:a58b:62a3:6b55:1",
		"SecurityGroupId.1":         "sg-1",
		"SecurityGroupId.2":         "sg-2",
		"ProtectedEnabled":          "true",
		"Tag.1.Key":                 "env",
		"Tag.1.Value":               "prod",
		"Tag.2.Key":                 "cost center",
		"Tag.2.Value":               "网络/ops",
		"Tag.3.Key":                 "empty",
		"ResourceGroupId":           "rg-acfmy00001",
		"PolicyDocument":            req.PolicyDocument,
		"AddressIpVersion":          "DualStack",
		"ZoneAffinityEnabled":       "true",
		"CrossRegionBandwidth":      "1000",
		"ServiceRegionId":           "cn-wulanchabu",
	}, srv.onlyCall(t).Params)
}

func TestCreateVpcEndpointMinimalRequestSendsOnlyWhatIsSet(t *testing.T) {
	c, srv := setup(t)
	srv.handle("CreateVpcEndpoint", 200, seedCreateResponse)

	resp, err := c.CreateVpcEndpoint(context.Background(), &CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceName: "com.aliyuncs.privatelink.x", SecurityGroupIDs: []string{"sg-1"}})
	require.NoError(t, err)

	call := srv.onlyCall(t)
	assert.Regexp(t, uuidV4, call.Params["ClientToken"], "generated token")
	assert.Equal(t, map[string]string{
		"ClientToken":       call.Params["ClientToken"],
		"VpcId":             "vpc-1",
		"SecurityGroupId.1": "sg-1",
		"ServiceName":       "com.aliyuncs.privatelink.x",
	}, call.Params)
	assert.Equal(t, call.Params["ClientToken"], resp.ClientToken, "the response reports the token sent")
}

func TestCreateVpcEndpointDecodesTheSeedExample(t *testing.T) {
	c, srv := setup(t)
	srv.handle("CreateVpcEndpoint", 200, seedCreateResponse)

	resp, err := c.CreateVpcEndpoint(context.Background(), &CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceID: "epsrv-1", SecurityGroupIDs: []string{"sg-1"}, ClientToken: "tok-1"})
	require.NoError(t, err)
	assert.Equal(t, &CreateVpcEndpointResponse{
		Endpoint: Endpoint{
			EndpointDomain:         "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
			CreateTime:             time.Date(2022, 1, 2, 19, 11, 12, 0, time.UTC),
			EndpointBusinessStatus: EndpointBusinessStatusNormal,
			EndpointDescription:    "This is my Endpoint.",
			ServiceID:              "epsrv-hp3vpx8yqxblby3i****",
			EndpointStatus:         EndpointStatusActive,
			VpcID:                  "vpc-hp356stwkxg3fn2xe****",
			EndpointName:           "test",
			ServiceName:            "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
			Bandwidth:              200,
			EndpointID:             "ep-hp33b2e43fays7s8****",
			ConnectionStatus:       ConnectionStatusDisconnected,
			AddressIPVersion:       AddressIPVersionIPv4,
		},
		RequestID:   "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
		ClientToken: "tok-1",
	}, resp)
}

func TestCreateVpcEndpointDecodesLenientAnswers(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Endpoint
	}{
		{
			name: "numbers and booleans as strings",
			body: `{"RequestId":"R","EndpointId":"ep-1","Bandwidth":"1024","CrossRegionBandwidth":"1000","ZoneAffinityEnabled":"true"}`,
			want: Endpoint{EndpointID: "ep-1", Bandwidth: 1024, CrossRegionBandwidth: 1000, ZoneAffinityEnabled: true},
		},
		{
			name: "strings as numbers",
			body: `{"RequestId":"R","EndpointId":12345,"ServiceRegionId":7}`,
			want: Endpoint{EndpointID: "12345", ServiceRegionID: "7"},
		},
		{
			name: "nulls",
			body: `{"RequestId":"R","EndpointId":"ep-1","EndpointName":null,"Bandwidth":null,"ZoneAffinityEnabled":null,"CreateTime":null,"Tags":null}`,
			want: Endpoint{EndpointID: "ep-1"},
		},
		{
			name: "unknown fields and enum values",
			body: `{"RequestId":"R","EndpointId":"ep-1","EndpointStatus":"Hibernating","ConnectionStatus":"Quantum","EndpointType":"Mesh","AddressIpVersion":"IPv6Only","NewField":{"a":[1,2,{"b":null}]},"Other":[]}`,
			want: Endpoint{EndpointID: "ep-1", EndpointStatus: "Hibernating", ConnectionStatus: "Quantum", EndpointType: "Mesh", AddressIPVersion: "IPv6Only"},
		},
		{
			name: "a time that is not RFC 3339",
			body: `{"RequestId":"R","EndpointId":"ep-1","CreateTime":"yesterday"}`,
			want: Endpoint{EndpointID: "ep-1"},
		},
		{
			name: "a time without seconds",
			body: `{"RequestId":"R","EndpointId":"ep-1","CreateTime":"2021-09-24T18:00Z"}`,
			want: Endpoint{EndpointID: "ep-1", CreateTime: time.Date(2021, 9, 24, 18, 0, 0, 0, time.UTC)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := setup(t)
			srv.handle("CreateVpcEndpoint", 200, tt.body)
			resp, err := c.CreateVpcEndpoint(context.Background(), &CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceID: "epsrv-1", SecurityGroupIDs: []string{"sg-1"}})
			require.NoError(t, err)
			assert.Equal(t, tt.want, resp.Endpoint)
			assert.Equal(t, "R", resp.RequestID)
		})
	}
}

func TestCreateVpcEndpointKeepsItsTokenAcrossRetriesAndInErrors(t *testing.T) {
	c, srv := setup(t, WithRetry(3, 0, 0))
	srv.handle("CreateVpcEndpoint", http.StatusServiceUnavailable, errorBody("ServiceUnavailable", "busy"))

	_, err := c.CreateVpcEndpoint(context.Background(), &CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceID: "epsrv-1", SecurityGroupIDs: []string{"sg-1"}})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)

	calls := srv.calls()
	require.Len(t, calls, 3)
	token := calls[0].Params["ClientToken"]
	assert.Regexp(t, uuidV4, token)
	for _, call := range calls {
		assert.Equal(t, token, call.Params["ClientToken"], "every attempt carries the same token")
	}
	assert.Equal(t, token, apiErr.ClientToken)
	got, ok := ClientTokenFromError(err)
	assert.True(t, ok)
	assert.Equal(t, token, got)
}

func TestCreateVpcEndpointGeneratesAFreshTokenPerCall(t *testing.T) {
	c, srv := setup(t)
	srv.handle("CreateVpcEndpoint", 200, seedCreateResponse)
	req := &CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceID: "epsrv-1", SecurityGroupIDs: []string{"sg-1"}}
	a, err := c.CreateVpcEndpoint(context.Background(), req)
	require.NoError(t, err)
	b, err := c.CreateVpcEndpoint(context.Background(), req)
	require.NoError(t, err)
	assert.NotEqual(t, a.ClientToken, b.ClientToken)
	assert.Empty(t, req.ClientToken, "the caller's request is not modified")
}

func TestCreateVpcEndpointTokenInTransportErrors(t *testing.T) {
	c, srv := setup(t)
	srv.handleFunc("CreateVpcEndpoint", func(w http.ResponseWriter, _ apiCall) {
		// A connection cut before any answer: the request may have reached
		// the service, so the token must come back.
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	_, err := c.CreateVpcEndpoint(context.Background(), &CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceID: "epsrv-1", SecurityGroupIDs: []string{"sg-1"}, ClientToken: "my-token"})
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr)
	assert.Equal(t, "my-token", reqErr.ClientToken)
	assert.Equal(t, "my-token", srv.onlyCall(t).Params["ClientToken"])
}

func TestCreateVpcEndpointDryRun(t *testing.T) {
	c, srv := setup(t)
	srv.handle("CreateVpcEndpoint", http.StatusBadRequest, errorBody("DryRunOperation", "Request validation has been passed with DryRun flag set."))

	req, err := NewCreateVpcEndpoint("vpc-1").WithServiceID("epsrv-1").WithSecurityGroupIDs("sg-1").WithDryRun(true).Build()
	require.NoError(t, err)
	resp, err := c.CreateVpcEndpoint(context.Background(), req)
	assert.Nil(t, resp)
	require.ErrorIs(t, err, ErrDryRunPassed)
	assert.Equal(t, "true", srv.onlyCall(t).Params["DryRun"])

	// A failed dry run reports the real problem, not a pass.
	srv.handle("CreateVpcEndpoint", http.StatusBadRequest, errorBody("VpcNotFound", "The specified VPC does not exist."))
	_, err = c.CreateVpcEndpoint(context.Background(), req)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrDryRunPassed)
	assert.Equal(t, "VpcNotFound", ErrorCode(err))
}

func TestCreateVpcEndpointValidatesBeforeSending(t *testing.T) {
	c, srv := setup(t) // no handler: any request fails the test

	req := &CreateVpcEndpointRequest{
		EndpointName: "1bad",
		Zones:        []Zone{{ZoneID: "a", VSwitchID: "vsw-a"}, {ZoneID: "a"}},
		ClientToken:  "tök",
	}
	_, err := c.CreateVpcEndpoint(context.Background(), req)
	assert.Equal(t, []string{"ClientToken", "EndpointName", "SecurityGroupIDs", "ServiceID", "VpcID", "Zones[1].VSwitchID", "Zones[1].ZoneID"}, problemFields(t, err))
	assert.Contains(t, err.Error(), "Zones[1].VSwitchID: required")
	assert.Contains(t, err.Error(), "Zones[1].ZoneID: duplicate of Zones[0].ZoneID")
	assert.Empty(t, srv.calls())

	_, err = c.CreateVpcEndpoint(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestCreateVpcEndpointBuilder(t *testing.T) {
	want := fullCreateRequest()
	b := NewCreateVpcEndpoint(want.VpcID).
		WithServiceID(want.ServiceID).
		WithServiceName(want.ServiceName).
		WithServiceRegionID(want.ServiceRegionID).
		WithEndpointName(want.EndpointName).
		WithEndpointDescription(want.EndpointDescription).
		WithEndpointType(want.EndpointType).
		WithAddressIPVersion(want.AddressIPVersion).
		WithZoneIP("cn-huhehaote-a", "vsw-a", "192.168.0.10").
		WithZones(Zone{ZoneID: "cn-huhehaote-b", VSwitchID: "vsw-b", IPv6Address: "2408:4005:34d:1:a58b:62a3:6b55:1"}).
		WithSecurityGroupIDs("sg-1", "sg-2").
		WithZonePrivateIPAddressCount(1).
		WithZoneAffinityEnabled(true).
		WithProtectedEnabled(true).
		WithCrossRegionBandwidth(1000).
		WithResourceGroupID(want.ResourceGroupID).
		WithPolicyDocument(want.PolicyDocument).
		WithTag("env", "prod").
		WithTag("cost center", "网络/ops").
		WithTag("empty", "").
		WithClientToken(want.ClientToken).
		WithDryRun(true)
	got, err := b.Build()
	require.NoError(t, err)
	assert.Equal(t, want, got)

	// A built request does not change when the builder goes on.
	b.WithZone("cn-huhehaote-c", "vsw-c").WithTag("later", "x").WithSecurityGroupIDs("sg-3")
	assert.Equal(t, want, got)
	again, err := b.Build()
	require.NoError(t, err)
	assert.Len(t, again.Zones, 3)
	assert.Equal(t, Zone{ZoneID: "cn-huhehaote-c", VSwitchID: "vsw-c"}, again.Zones[2])

	// Build validates and agrees with Validate.
	_, err = NewCreateVpcEndpoint("").Build()
	assert.Equal(t, []string{"SecurityGroupIDs", "ServiceID", "VpcID"}, problemFields(t, err))
}

func TestCreateVpcEndpointValidRequestAllocations(t *testing.T) {
	skipAllocsUnderRace(t)
	req := fullCreateRequest()
	allocs := testing.AllocsPerRun(100, func() {
		if err := req.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	// Field paths and messages are only built for problems, so a request
	// that passes costs no garbage, policy check (json.Valid) included.
	assert.Zero(t, allocs, "validating a good request allocates nothing")
}

func TestAPIErrorIsDryRunPassedOnlyForDryRunOperation(t *testing.T) {
	assert.True(t, errors.Is(&APIError{Code: ErrCodeDryRunOperation}, ErrDryRunPassed))
	assert.False(t, errors.Is(&APIError{Code: ErrCodeInvalidParameter}, ErrDryRunPassed))
	assert.False(t, errors.Is(&APIError{Code: ErrCodeDryRunOperation}, errors.New("other")))
	var target *APIError
	assert.True(t, errors.As(&APIError{Code: ErrCodeDryRunOperation}, &target), "errors.As is unaffected")
}

// BenchmarkCreateVpcEndpointRequest measures what a Create call costs the
// client before the transport: validation and parameter encoding.
func BenchmarkCreateVpcEndpointRequest(b *testing.B) {
	req := fullCreateRequest()
	b.ReportAllocs()
	for b.Loop() {
		if err := req.Validate(); err != nil {
			b.Fatal(err)
		}
		if p := req.params(req.ClientToken); len(p) == 0 {
			b.Fatal("no params")
		}
	}
}
