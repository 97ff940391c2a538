package interop

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ours "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/signer"
)

// TagResources reads its parameters from the form body. These tests put the
// v1 SDK's TagResources and ours on the recorder: the form bodies must carry
// the same parameters, and our signatures must be what darabonba's signing
// functions compute over what arrived, body included.

const tagToken = "5d0c6a5e-tag-resources-token"

func oursTagRequest() *ours.TagResourcesRequest {
	return &ours.TagResourcesRequest{
		ResourceType: ours.TagResourceTypeVpcEndpoint,
		ResourceIDs:  []string{"ep-1", "ep-2"},
		Tags:         []ours.Tag{{Key: "env", Value: "prod test*~"}, {Key: "team", Value: "a/b"}},
		ClientToken:  tagToken,
	}
}

func captureV1SDKTagResources(t *testing.T) *wireRequest {
	t.Helper()
	isolate(t)
	rec := newRecorder(t, 200, `{"RequestId":"R"}`)
	client, err := privatelink.NewClientWithAccessKey(createInput.RegionID, testAccessKeyID, testAccessKeySecret)
	require.NoError(t, err)
	req := privatelink.CreateTagResourcesRequest()
	req.Domain = rec.hostPort()
	req.Scheme = "HTTP"
	req.RegionId = createInput.RegionID
	in := oursTagRequest()
	req.ResourceType = string(in.ResourceType)
	ids := in.ResourceIDs
	req.ResourceId = &ids
	tags := make([]privatelink.TagResourcesTag, len(in.Tags))
	for i, tg := range in.Tags {
		tags[i] = privatelink.TagResourcesTag{Key: tg.Key, Value: tg.Value}
	}
	req.Tag = &tags
	req.ClientToken = in.ClientToken
	_, err = client.TagResources(req)
	require.NoError(t, err)
	return rec.only(t)
}

func captureOursTagResources(t *testing.T, v signer.Version) *wireRequest {
	t.Helper()
	isolate(t)
	rec := newRecorder(t, 200, `{"RequestId":"R"}`)
	c := newOursClient(t, rec.srv.URL, v, testAccessKeyID, testAccessKeySecret, "")
	_, err := c.TagResources(context.Background(), oursTagRequest())
	require.NoError(t, err)
	return rec.only(t)
}

func formOf(t *testing.T, r *wireRequest) url.Values {
	t.Helper()
	form, err := url.ParseQuery(string(r.Body))
	require.NoError(t, err)
	return form
}

func TestOursTagResourcesFormMatchesV1SDK(t *testing.T) {
	official := captureV1SDKTagResources(t)
	mine := captureOursTagResources(t, signer.V1)

	officialForm, myForm := formOf(t, official), formOf(t, mine)
	// The v1 SDK's signer puts RegionId in the query whatever the API
	// says; ours follows the metadata, which puts it in the body. The
	// service reads both, and both signatures cover it.
	assert.Equal(t, []string{createInput.RegionID}, official.Query["RegionId"])
	assert.Equal(t, []string{createInput.RegionID}, myForm["RegionId"])
	delete(myForm, "RegionId")
	assert.Equal(t, officialForm, myForm, "form parameters")
	business, _ := splitQuery(mine)
	assert.Empty(t, business, "no API parameter in our query")
	ct, _ := mine.header("Content-Type")
	assert.Equal(t, "application/x-www-form-urlencoded", ct)

	params := queryParams(t, mine) // query and form, as V1 signs them
	require.Equal(t, mine.single(t, "Signature"), officialV1(mine.Method, without(params, "Signature"), testAccessKeySecret),
		"darabonba GetRPCSignature over the received query and form")
	require.NoError(t, signer.VerifyV1(mine.Method, params, testAccessKeySecret))
}

func TestOursTagResourcesV3SignsBody(t *testing.T) {
	mine := captureOursTagResources(t, signer.V3)
	auth, ok := mine.header("Authorization")
	require.True(t, ok)
	require.Empty(t, mine.Query, "V3 sends a form call's parameters in the body only")
	hash := signer.HashPayload(mine.Body)
	got, _ := mine.header("X-Acs-Content-Sha256")
	require.Equal(t, hash, got)
	assert.Equal(t, []string{"vpcendpoint"}, formOf(t, mine)["ResourceType"])

	headers := make([]signer.Param, 0, len(mine.RawHeaders))
	for _, h := range mine.RawHeaders {
		headers = append(headers, signer.Param{Key: strings.ToLower(h.Name), Value: h.Value})
	}
	require.Equal(t, auth, officialV3(mine.Method, nil, headers, hash, testAccessKeyID, testAccessKeySecret),
		"darabonba GetAuthorization over the received request")
	assert.Contains(t, auth, "SignedHeaders=content-type;host;")
}
