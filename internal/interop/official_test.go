package interop

import (
	"context"
	"strconv"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
)

// Credentials used for every capture. They are the ones of the published V1
// signature vector, so a captured request can be compared with the docs.
const (
	testAccessKeyID     = "testid"
	testAccessKeySecret = "testsecret"
	testSecurityToken   = "CAIS-sts-token+with/reserved=chars"
)

// createInput is the one logical CreateVpcEndpoint call that every official
// SDK is made to send. Its values are chosen to exercise encoding: non-ASCII,
// every reserved character that the V1 and V3 encoders treat specially, a
// JSON document, an IPv6 address, booleans both ways and integers.
var createInput = struct {
	RegionID, VpcID, ServiceID, ServiceRegionID     string
	EndpointName, EndpointDescription, EndpointType string
	ClientToken, PolicyDocument, ResourceGroupID    string
	AddressIPVersion                                string
	DryRun, ProtectedEnabled, ZoneAffinityEnabled   bool
	ZonePrivateIPAddressCount, CrossRegionBandwidth int
	SecurityGroupIDs                                []string
	Zones                                           []zoneInput
	Tags                                            []tagInput
}{
	RegionID:                  "cn-huhehaote",
	VpcID:                     "vpc-hp356stwkxg3fn2xe0001",
	ServiceID:                 "epsrv-hp3xdsq46ael67lo0001",
	ServiceRegionID:           "cn-wulanchabu",
	EndpointName:              "日本語-エンドポイント",
	EndpointDescription:       "a b*c~d+e/f%g=h&i",
	EndpointType:              "Interface",
	ClientToken:               "0c593ea1-3bea-11e9-b96b-88e9fe637760",
	PolicyDocument:            `{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:List*"],"Resource":["acs:oss:oss-*:*:pvl-policy-test/policy-test.txt"],"Principal":{"RAM":["acs:ram::14199xxxxxx:*"]}}]}`,
	ResourceGroupID:           "rg-acfmy00001",
	AddressIPVersion:          "DualStack",
	DryRun:                    false,
	ProtectedEnabled:          true,
	ZoneAffinityEnabled:       true,
	ZonePrivateIPAddressCount: 1,
	CrossRegionBandwidth:      1000,
	SecurityGroupIDs:          []string{"sg-hp33bw6ynvm2yb0e0001", "sg-hp33bw6ynvm2yb0e0002"},
	Zones: []zoneInput{
		{VSwitchID: "vsw-hp3uf6045ljdhd5zr0001", ZoneID: "cn-huhehaote-a", IP: "192.168.0.10"},
		{VSwitchID: "vsw-hp3uf6045ljdhd5zr0002", ZoneID: "cn-huhehaote-b", IPv6Address: "2408:4005:34d:1:a58b:62a3:6b55:1"},
	},
	Tags: []tagInput{{Key: "env", Value: "prod"}, {Key: "cost center", Value: "网络/ops"}},
}

type zoneInput struct{ VSwitchID, ZoneID, IP, IPv6Address string }

type tagInput struct{ Key, Value string }

// createResponseBody is what the fake service answers; both SDKs must decode
// it, which shows the capture ran to completion and not into an error path.
const createResponseBody = `{"RequestId":"0ED8D006-F706-4D23-88ED-E11ED28DCAC0","EndpointId":"ep-hp33b2e43fays7s80001",` +
	`"EndpointStatus":"Creating","ConnectionStatus":"Disconnected","EndpointBusinessStatus":"Normal",` +
	`"CreateTime":"2022-01-02T19:11:12Z","Bandwidth":200}`

const wantEndpointID = "ep-hp33b2e43fays7s80001"

// isolate keeps the official SDKs on loopback: both honour the proxy
// variables even for 127.0.0.1 (they build their own proxy function), and the
// credentials library must never try the ECS metadata service.
func isolate(t testing.TB) {
	t.Helper()
	for _, k := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"} {
		t.Setenv(k, "")
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
}

// v1TypedFieldsMissing are parameters of the current API that the v1 SDK's
// generated CreateVpcEndpointRequest has no field for; a v1 user can only
// send them through the untyped QueryParams map, which is what we do.
var v1TypedFieldsMissing = []string{"PolicyDocument", "AddressIpVersion", "ZoneAffinityEnabled", "CrossRegionBandwidth", "ServiceRegionId"}

// captureV1SDK sends createInput through github.com/aliyun/alibaba-cloud-sdk-go
// (services/privatelink), which signs with V1 HMAC-SHA1. edit runs on the
// finished request just before it is sent.
func captureV1SDK(t *testing.T, sts bool, edit ...func(*privatelink.CreateVpcEndpointRequest)) *wireRequest {
	t.Helper()
	isolate(t)
	rec := newRecorder(t, 200, createResponseBody)

	var (
		client *privatelink.Client
		err    error
	)
	if sts {
		client, err = privatelink.NewClientWithStsToken(createInput.RegionID, testAccessKeyID, testAccessKeySecret, testSecurityToken)
	} else {
		client, err = privatelink.NewClientWithAccessKey(createInput.RegionID, testAccessKeyID, testAccessKeySecret)
	}
	if err != nil {
		t.Fatal(err)
	}

	in := createInput
	req := privatelink.CreateCreateVpcEndpointRequest()
	// An explicit domain bypasses the SDK's endpoint map and location
	// service lookups, so nothing but the recorder is contacted.
	req.Domain = rec.hostPort()
	req.Scheme = "HTTP"
	req.RegionId = in.RegionID
	req.VpcId = in.VpcID
	req.ServiceId = in.ServiceID
	req.EndpointName = in.EndpointName
	req.EndpointDescription = in.EndpointDescription
	req.EndpointType = in.EndpointType
	req.ClientToken = in.ClientToken
	req.ResourceGroupId = in.ResourceGroupID
	req.DryRun = requests.NewBoolean(in.DryRun)
	req.ProtectedEnabled = requests.NewBoolean(in.ProtectedEnabled)
	req.ZonePrivateIpAddressCount = requests.NewInteger(in.ZonePrivateIPAddressCount)
	sgs := append([]string(nil), in.SecurityGroupIDs...)
	req.SecurityGroupId = &sgs
	zones := make([]privatelink.CreateVpcEndpointZone, len(in.Zones))
	for i, z := range in.Zones {
		zones[i] = privatelink.CreateVpcEndpointZone{VSwitchId: z.VSwitchID, ZoneId: z.ZoneID, Ip: z.IP}
		if z.IPv6Address != "" {
			// No Ipv6Address field in the v1 zone struct either.
			req.QueryParams["Zone."+strconv.Itoa(i+1)+".Ipv6Address"] = z.IPv6Address
		}
	}
	req.Zone = &zones
	tags := make([]privatelink.CreateVpcEndpointTag, len(in.Tags))
	for i, tg := range in.Tags {
		tags[i] = privatelink.CreateVpcEndpointTag{Key: tg.Key, Value: tg.Value}
	}
	req.Tag = &tags
	req.QueryParams["PolicyDocument"] = in.PolicyDocument
	req.QueryParams["AddressIpVersion"] = in.AddressIPVersion
	req.QueryParams["ZoneAffinityEnabled"] = strconv.FormatBool(in.ZoneAffinityEnabled)
	req.QueryParams["CrossRegionBandwidth"] = strconv.Itoa(in.CrossRegionBandwidth)
	req.QueryParams["ServiceRegionId"] = in.ServiceRegionID
	for _, e := range edit {
		e(req)
	}

	resp, err := client.CreateVpcEndpoint(req)
	if err != nil {
		t.Fatalf("v1 SDK CreateVpcEndpoint: %v", err)
	}
	if resp.EndpointId != wantEndpointID {
		t.Fatalf("v1 SDK decoded EndpointId %q, want %q", resp.EndpointId, wantEndpointID)
	}
	r := rec.only(t)
	r.SDKStringToSign = req.GetStringToSign()
	return r
}

// darabonbaMode selects which of darabonba-openapi's signing paths runs.
type darabonbaMode int

const (
	// darabonbaV3 is the default: ACS3-HMAC-SHA256 in the Authorization header.
	darabonbaV3 darabonbaMode = iota
	// darabonbaV1 is Config.SignatureAlgorithm = "v2", which routes RPC calls
	// through DoRPCRequest: V1 HMAC-SHA1 with a Signature query parameter.
	darabonbaV1
)

// The generated github.com/alibabacloud-go/privatelink-20200415 client is not
// served by the module proxy (every major version answers 403 "not
// available"), so the request it builds is reproduced here from its published
// source: a map of the set fields, flattened by openapiutil.Query, sent with
// fixed Params through CallApiWithCtx. The model types only need the JSON
// names, which Query marshals.
type darabonbaZone struct {
	Ipv6Address *string `json:"Ipv6Address,omitempty"`
	VSwitchID   *string `json:"VSwitchId,omitempty"`
	ZoneID      *string `json:"ZoneId,omitempty"`
	IP          *string `json:"ip,omitempty"`
}

type darabonbaTag struct {
	Key   *string `json:"Key,omitempty"`
	Value *string `json:"Value,omitempty"`
}

// optString mirrors the generated models, which leave an empty field unset.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return dara.String(s)
}

// captureDarabonba sends createInput through
// github.com/alibabacloud-go/darabonba-openapi/v2 as the generated client would.
// edit runs on the generated client's query map before it is flattened.
func captureDarabonba(t *testing.T, mode darabonbaMode, sts bool, edit ...func(query map[string]interface{})) *wireRequest {
	t.Helper()
	isolate(t)
	rec := newRecorder(t, 200, createResponseBody)
	in := createInput

	cfg := &openapi.Config{
		AccessKeyId:     dara.String(testAccessKeyID),
		AccessKeySecret: dara.String(testAccessKeySecret),
		RegionId:        dara.String(in.RegionID),
		Endpoint:        dara.String(rec.hostPort()),
		Protocol:        dara.String("HTTP"),
	}
	if sts {
		cfg.SecurityToken = dara.String(testSecurityToken)
	}
	if mode == darabonbaV1 {
		cfg.SignatureAlgorithm = dara.String("v2")
	}
	client, err := openapi.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}

	sgs := make([]*string, len(in.SecurityGroupIDs))
	for i, s := range in.SecurityGroupIDs {
		sgs[i] = dara.String(s)
	}
	zones := make([]*darabonbaZone, len(in.Zones))
	for i, z := range in.Zones {
		zones[i] = &darabonbaZone{Ipv6Address: optString(z.IPv6Address), VSwitchID: optString(z.VSwitchID), ZoneID: optString(z.ZoneID), IP: optString(z.IP)}
	}
	tags := make([]*darabonbaTag, len(in.Tags))
	for i, tg := range in.Tags {
		tags[i] = &darabonbaTag{Key: dara.String(tg.Key), Value: dara.String(tg.Value)}
	}
	query := map[string]interface{}{
		"AddressIpVersion":          dara.String(in.AddressIPVersion),
		"ClientToken":               dara.String(in.ClientToken),
		"CrossRegionBandwidth":      dara.Int32(int32(in.CrossRegionBandwidth)),
		"DryRun":                    dara.Bool(in.DryRun),
		"EndpointDescription":       dara.String(in.EndpointDescription),
		"EndpointName":              dara.String(in.EndpointName),
		"EndpointType":              dara.String(in.EndpointType),
		"PolicyDocument":            dara.String(in.PolicyDocument),
		"ProtectedEnabled":          dara.Bool(in.ProtectedEnabled),
		"RegionId":                  dara.String(in.RegionID),
		"ResourceGroupId":           dara.String(in.ResourceGroupID),
		"SecurityGroupId":           sgs,
		"ServiceId":                 dara.String(in.ServiceID),
		"ServiceRegionId":           dara.String(in.ServiceRegionID),
		"Tag":                       tags,
		"VpcId":                     dara.String(in.VpcID),
		"Zone":                      zones,
		"ZoneAffinityEnabled":       dara.Bool(in.ZoneAffinityEnabled),
		"ZonePrivateIpAddressCount": dara.Int64(int64(in.ZonePrivateIPAddressCount)),
	}
	for _, e := range edit {
		e(query)
	}
	req := &openapiutil.OpenApiRequest{Query: openapiutil.Query(query)}
	params := &openapiutil.Params{
		Action:      dara.String("CreateVpcEndpoint"),
		Version:     dara.String("2020-04-15"),
		Protocol:    dara.String("HTTPS"),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("json"),
	}
	body, err := client.CallApiWithCtx(context.Background(), params, req, &dara.RuntimeOptions{})
	if err != nil {
		t.Fatalf("darabonba CallApi: %v", err)
	}
	got, _ := body["body"].(map[string]interface{})
	if got["EndpointId"] != wantEndpointID {
		t.Fatalf("darabonba decoded body %v, want EndpointId %q", body["body"], wantEndpointID)
	}
	return rec.only(t)
}
