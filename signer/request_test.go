package signer

// A realistic CreateVpcEndpoint request, shared by the tamper tests, the
// examples and the benchmarks: two zones, two security groups, two tags,
// and values that exercise the encoder (non-ASCII, space, * ~ + / % = & ?).

var createVpcEndpointParams = []Param{
	{"Action", "CreateVpcEndpoint"},
	{"Version", "2020-04-15"},
	{"RegionId", "cn-hangzhou"},
	{"ClientToken", "0c593ea1-3bea-11e9-b96b-88e9fe637760"},
	{"VpcId", "vpc-hp356stwkxg3fn2xe1234"},
	{"ServiceId", "epsrv-hp3vpx8yqxblby3i1234"},
	{"EndpointName", "私网终端节点-01"},
	{"EndpointDescription", "Endpoint für Tests * ~ + / % = & ?"},
	{"EndpointType", "Interface"},
	{"AddressIpVersion", "IPv4"},
	{"ZonePrivateIpAddressCount", "1"},
	{"DryRun", "false"},
	{"Zone.1.ZoneId", "cn-hangzhou-i"},
	{"Zone.1.VSwitchId", "vsw-hp3uf6045ljdhd5zr1234"},
	{"Zone.1.ip", "192.168.0.10"},
	{"Zone.2.ZoneId", "cn-hangzhou-j"},
	{"Zone.2.VSwitchId", "vsw-hp3uf6045ljdhd5zr5678"},
	{"Zone.2.ip", "192.168.1.10"},
	{"SecurityGroupId.1", "sg-hp33bw6ynvm2yb0e1234"},
	{"SecurityGroupId.2", "sg-hp33bw6ynvm2yb0e5678"},
	{"Tag.1.Key", "env"},
	{"Tag.1.Value", "prod team/a"},
	{"Tag.2.Key", "owner"},
	{"Tag.2.Value", "运维"},
}

// v1Common are the common parameters a V1 caller adds to every request.
var v1Common = []Param{
	{"Format", "JSON"},
	{"AccessKeyId", "LTAI5tExampleAccessKey"},
	{"SignatureMethod", "HMAC-SHA1"},
	{"SignatureVersion", "1.0"},
	{"SignatureNonce", "15215528852396"},
	{"Timestamp", "2025-11-03T08:04:05Z"},
}

const testSecret = "ExampleAccessKeySecret1234567890"

func createVpcEndpointV1() []Param {
	return append(append([]Param(nil), v1Common...), createVpcEndpointParams...)
}

func createVpcEndpointV3() V3Request {
	return V3Request{
		Method: "POST",
		Path:   "/",
		Query:  append([]Param(nil), createVpcEndpointParams[2:]...), // Action and Version travel as headers
		Headers: []Param{
			{"Host", "privatelink.cn-hangzhou.aliyuncs.com"},
			{"x-acs-action", "CreateVpcEndpoint"},
			{"x-acs-version", "2020-04-15"},
			{"x-acs-date", "2025-11-03T08:04:05Z"},
			{"x-acs-signature-nonce", "9f2c1e0d4b6a48f7a3c5e1d2b4f6a8c0"},
			{"x-acs-content-sha256", EmptyPayloadHash},
			{"User-Agent", "privatelink-go/0.1"},
		},
		PayloadHash: EmptyPayloadHash,
	}
}
