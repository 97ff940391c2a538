package signer_test

import (
	"fmt"

	"github.com/privatelink-go/sdk/signer"
)

// ExampleSignV1 signs Alibaba Cloud's published V1 test request. The caller
// supplies Timestamp and SignatureNonce, so the result is reproducible.
func ExampleSignV1() {
	params := []signer.Param{
		{Key: "AccessKeyId", Value: "testid"},
		{Key: "Action", Value: "DescribeRegions"},
		{Key: "Format", Value: "XML"},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "SignatureNonce", Value: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		{Key: "SignatureVersion", Value: "1.0"},
		{Key: "Timestamp", Value: "2016-02-23T12:46:24Z"},
		{Key: "Version", Value: "2014-05-26"},
	}
	s := signer.SignV1("GET", params, "testsecret")
	fmt.Println(s.StringToSign)
	fmt.Println(s.Signature)

	// The server side: verify what was received, Signature included.
	received := append(params, signer.Param{Key: "Signature", Value: s.Signature})
	fmt.Println(signer.VerifyV1("GET", received, "testsecret"))
	// Output:
	// GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26
	// OLeaidS1JvxuMvnyHOwuJ+uX5qY=
	// <nil>
}

// ExampleSignV3 signs Alibaba Cloud's published V3 test request.
func ExampleSignV3() {
	r := signer.V3Request{
		Method: "POST",
		Path:   "/",
		Query: []signer.Param{
			{Key: "ImageId", Value: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
			{Key: "RegionId", Value: "cn-shanghai"},
		},
		Headers: []signer.Param{
			{Key: "host", Value: "ecs.cn-shanghai.aliyuncs.com"},
			{Key: "x-acs-action", Value: "RunInstances"},
			{Key: "x-acs-version", Value: "2014-05-26"},
			{Key: "x-acs-date", Value: "2023-10-26T10:22:32Z"},
			{Key: "x-acs-signature-nonce", Value: "3156853299f313e23d1673dc12e1703d"},
			{Key: "x-acs-content-sha256", Value: signer.EmptyPayloadHash},
		},
		PayloadHash: signer.HashPayload(nil),
	}
	s := signer.SignV3(r, "YourAccessKeyId", "YourAccessKeySecret")
	fmt.Println(s.HashedCanonicalRequest)
	fmt.Println(s.Authorization)
	fmt.Println(signer.VerifyV3(r, s.Authorization, "YourAccessKeySecret"))
	// Output:
	// 7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259
	// ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0
	// <nil>
}

// ExampleVerifyError shows what a server reports for a bad signature: the
// client diffs StringToSign with its own V1Signature.StringToSign.
func ExampleVerifyError() {
	params := []signer.Param{
		{Key: "Action", Value: "ListVpcEndpoints"},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "Signature", Value: "d3JvbmcgYnV0IHdlbGwtZm9ybWVk"},
	}
	err := signer.VerifyV1("POST", params, "secret")
	fmt.Println(err)
	// Output:
	// SignatureDoesNotMatch: the request signature does not match our calculation: V1 signature differs; server string to sign is: "POST&%2F&Action%3DListVpcEndpoints%26SignatureMethod%3DHMAC-SHA1"
}
