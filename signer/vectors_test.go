package signer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The published V1 vector from Alibaba Cloud's RPC signature documentation.
var v1VectorParams = []Param{
	{"Timestamp", "2016-02-23T12:46:24Z"},
	{"Format", "XML"},
	{"AccessKeyId", "testid"},
	{"Action", "DescribeRegions"},
	{"SignatureMethod", "HMAC-SHA1"},
	{"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
	{"SignatureVersion", "1.0"},
	{"Version", "2014-05-26"},
}

const (
	v1VectorCanonical = "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1" +
		"&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0" +
		"&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
	v1VectorStringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML" +
		"%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf" +
		"%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
	v1VectorSignature = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
)

func TestSignV1PublishedVector(t *testing.T) {
	orig := append([]Param(nil), v1VectorParams...)
	s := SignV1("GET", v1VectorParams, "testsecret")
	assert.Equal(t, v1VectorCanonical, s.CanonicalQuery)
	assert.Equal(t, v1VectorStringToSign, s.StringToSign)
	assert.Equal(t, v1VectorSignature, s.Signature)
	assert.Equal(t, v1VectorCanonical+"&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", s.Query())
	assert.Equal(t, orig, v1VectorParams, "SignV1 must not reorder the caller's slice")

	received := append(append([]Param(nil), v1VectorParams...), Param{"Signature", s.Signature})
	require.NoError(t, VerifyV1("GET", received, "testsecret"))
}

// The published V3 vector from Alibaba Cloud's ACS3-HMAC-SHA256 documentation.
var v3Vector = V3Request{
	Method: "POST",
	Path:   "/",
	Query: []Param{
		{"RegionId", "cn-shanghai"},
		{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
	},
	Headers: []Param{
		{"host", "ecs.cn-shanghai.aliyuncs.com"},
		{"x-acs-action", "RunInstances"},
		{"x-acs-version", "2014-05-26"},
		{"x-acs-date", "2023-10-26T10:22:32Z"},
		{"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"},
		{"x-acs-content-sha256", EmptyPayloadHash},
	},
	PayloadHash: EmptyPayloadHash,
}

const (
	v3VectorCanonicalRequest = "POST\n/\n" +
		"ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n" +
		"host:ecs.cn-shanghai.aliyuncs.com\n" +
		"x-acs-action:RunInstances\n" +
		"x-acs-content-sha256:" + EmptyPayloadHash + "\n" +
		"x-acs-date:2023-10-26T10:22:32Z\n" +
		"x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n" +
		"x-acs-version:2014-05-26\n" +
		"\n" +
		"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" +
		EmptyPayloadHash
	v3VectorHashed    = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
	v3VectorSignature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
	v3VectorSigned    = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
)

func TestSignV3PublishedVector(t *testing.T) {
	s := SignV3(v3Vector, "YourAccessKeyId", "YourAccessKeySecret")
	assert.Equal(t, v3VectorCanonicalRequest, s.CanonicalRequest)
	assert.Equal(t, "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai", s.CanonicalQuery)
	assert.Equal(t, CanonicalQuery(v3Vector.Query), s.CanonicalQuery)
	assert.Equal(t, v3VectorHashed, s.HashedCanonicalRequest)
	assert.Equal(t, AlgorithmV3+"\n"+v3VectorHashed, s.StringToSign)
	assert.Equal(t, v3VectorSigned, s.SignedHeaders)
	assert.Equal(t, v3VectorSignature, s.Signature)
	assert.Equal(t, "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders="+v3VectorSigned+
		",Signature="+v3VectorSignature, s.Authorization)

	require.NoError(t, VerifyV3(v3Vector, s.Authorization, "YourAccessKeySecret"))
}

func TestEmptyPayloadHash(t *testing.T) {
	assert.Equal(t, EmptyPayloadHash, HashPayload(nil))
	assert.Equal(t, EmptyPayloadHash, HashPayload([]byte{}))
	// SHA-256("abc") from FIPS 180-2, appendix B.1.
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HashPayload([]byte("abc")))
}
