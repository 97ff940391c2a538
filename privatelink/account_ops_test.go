package privatelink

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

func requestIDOnly(string) string { return `{"RequestId":"REQ-1"}` }

// The exact parameters of each account-level operation, under both
// signature versions, with each request's signature checked by the
// server's own reference implementation.
func TestAccountOpsWire(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		call     func(c *Client) error
		query    map[string]string
		form     map[string]string
		regionIn string
	}{
		{
			name: "TagResources",
			call: func(c *Client) error {
				req, err := NewTagResources(TagResourceTypeVpcEndpoint, []string{"ep-1", "ep-2"}, Tag{Key: "env", Value: "prod"}).
					WithTag("team", "a b").WithDryRun(true).WithClientToken("tok-1").Build()
				require.NoError(t, err)
				resp, err := c.TagResources(ctx, req)
				if err == nil {
					assert.Equal(t, "tok-1", resp.ClientToken)
					assert.Equal(t, "REQ-1", resp.RequestID)
				}
				return err
			},
			query: map[string]string{},
			form: map[string]string{"ResourceType": "vpcendpoint", "ResourceId.1": "ep-1", "ResourceId.2": "ep-2",
				"Tag.1.Key": "env", "Tag.1.Value": "prod", "Tag.2.Key": "team", "Tag.2.Value": "a b",
				"DryRun": "true", "ClientToken": "tok-1"},
			regionIn: "form",
		},
		{
			name: "UntagResources",
			call: func(c *Client) error {
				req, err := NewUntagResources(TagResourceTypeVpcEndpointService, []string{"epsrv-1"}, "env", "team").
					WithAll(true).WithClientToken("tok-2").Build()
				require.NoError(t, err)
				_, err = c.UntagResources(ctx, req)
				return err
			},
			query: map[string]string{},
			form: map[string]string{"ResourceType": "vpcendpointservice", "ResourceId.1": "epsrv-1",
				"TagKey.1": "env", "TagKey.2": "team", "All": "true", "ClientToken": "tok-2"},
			regionIn: "form",
		},
		{
			name: "ListTagResources",
			call: func(c *Client) error {
				_, err := c.ListTagResources(ctx, &ListTagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint,
					ResourceIDs: []string{"ep-1"}, Tags: []Tag{{Key: "env"}, {Key: "team", Value: "a"}}, NextToken: "n1"})
				return err
			},
			query: map[string]string{"ResourceType": "vpcendpoint", "ResourceId.1": "ep-1", "Tag.1.Key": "env",
				"Tag.2.Key": "team", "Tag.2.Value": "a", "NextToken": "n1"},
			form:     map[string]string{},
			regionIn: "query",
		},
		{
			name: "ChangeResourceGroup",
			call: func(c *Client) error {
				req, err := NewChangeResourceGroup("ep-1", "rg-2").WithResourceType(ResourceGroupResourceTypeVpcEndpoint).Build()
				require.NoError(t, err)
				_, err = c.ChangeResourceGroup(ctx, req)
				return err
			},
			query: map[string]string{"ResourceId": "ep-1", "ResourceGroupId": "rg-2", "ResourceType": "VpcEndpoint"},
			form:  map[string]string{},
		},
		{
			name: "DescribeRegions",
			call: func(c *Client) error {
				_, err := c.DescribeRegions(ctx, &DescribeRegionsRequest{ServiceResourceType: ServiceResourceTypeNLB})
				return err
			},
			query:    map[string]string{"ServiceResourceType": "nlb"},
			form:     map[string]string{},
			regionIn: "query",
		},
		{
			name: "DescribeZones",
			call: func(c *Client) error {
				_, err := c.DescribeZones(ctx, nil)
				return err
			},
			query:    map[string]string{},
			form:     map[string]string{},
			regionIn: "query",
		},
		{
			name:  "CheckProductOpen",
			call:  func(c *Client) error { _, err := c.CheckProductOpen(ctx, nil); return err },
			query: map[string]string{},
			form:  map[string]string{},
		},
		{
			name: "OpenPrivateLinkService",
			call: func(c *Client) error {
				_, err := c.OpenPrivateLinkService(ctx, &OpenPrivateLinkServiceRequest{})
				return err
			},
			query: map[string]string{},
			form:  map[string]string{},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bothVersions(t, func(t *testing.T, version Option) {
				c, srv := newWireClient(t, version, requestIDOnly)
				require.NoError(t, tc.call(c))
				got := srv.only(t)
				assert.Equal(t, tc.name, got.Action)
				assert.Equal(t, tc.query, got.Query, "query")
				assert.Equal(t, tc.form, got.Form, "form body")
				assert.Equal(t, tc.regionIn, got.RegionIn, "where RegionId went")
			})
		})
	}
}

// An idempotent call without a token generates one, sends it, and reports
// it; Build fixes one in the request so a resend is the same operation.
func TestTagResourcesClientToken(t *testing.T) {
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)
	resp, err := c.TagResources(context.Background(), &TagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint,
		ResourceIDs: []string{"ep-1"}, Tags: []Tag{{Key: "k", Value: "v"}}})
	require.NoError(t, err)
	assert.NotEmpty(t, resp.ClientToken)
	assert.Equal(t, resp.ClientToken, srv.only(t).Form["ClientToken"])

	req, err := NewUntagResources(TagResourceTypeVpcEndpoint, []string{"ep-1"}).WithAll(true).Build()
	require.NoError(t, err)
	assert.NotEmpty(t, req.ClientToken)
	again, err := NewUntagResources(TagResourceTypeVpcEndpoint, []string{"ep-1"}).WithAll(true).Build()
	require.NoError(t, err)
	assert.NotEqual(t, req.ClientToken, again.ClientToken, "each Build is its own operation")
}

func TestAccountOpsValidate(t *testing.T) {
	ctx := context.Background()
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)
	ids := make([]string, MaxTagResourceIDs+1)
	for i := range ids {
		ids[i] = "ep"
	}
	ids[3] = ""
	_, err := c.TagResources(ctx, &TagResourcesRequest{ResourceType: "VpcEndpoint", ResourceIDs: ids,
		Tags: []Tag{{Key: "aliyun-x", Value: "v"}, {Key: "k", Value: strings.Repeat("x", 129)}}})
	// ResourceType "VpcEndpoint" is not a problem: enums are open, and the
	// service accepts this spelling (Terraform's provider sends it).
	assert.Equal(t, []string{"ResourceIDs", "ResourceIDs[3]", "Tags[0].Key", "Tags[1].Value"}, problemFields(t, err))
	requireProblem(t, err, "Tags[0].Key", `must not start with "aliyun"`)

	_, err = c.TagResources(ctx, &TagResourcesRequest{})
	assert.Equal(t, []string{"ResourceIDs", "ResourceType", "Tags"}, problemFields(t, err))

	keys := make([]string, MaxUntagTagKeys+1)
	for i := range keys {
		keys[i] = "k"
	}
	_, err = c.UntagResources(ctx, &UntagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint, ResourceIDs: []string{"ep-1"}, TagKeys: keys})
	assert.Equal(t, []string{"TagKeys"}, problemFields(t, err))
	_, err = c.UntagResources(ctx, &UntagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint, ResourceIDs: []string{"ep-1"}})
	requireProblem(t, err, "TagKeys", "TagKeys or All is required")

	_, err = c.ListTagResources(ctx, &ListTagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint})
	requireProblem(t, err, "ResourceIDs", "ResourceIDs or Tags is required")
	_, err = c.ListTagResources(ctx, nil)
	requireProblem(t, err, "", "request is nil")

	_, err = c.ChangeResourceGroup(ctx, &ChangeResourceGroupRequest{ResourceType: "vpcendpoint"})
	assert.Equal(t, []string{"ResourceGroupID", "ResourceID"}, problemFields(t, err), "the tag APIs' spelling is not refused")

	_, err = c.DescribeZones(ctx, &DescribeZonesRequest{ServiceResourceType: " "})
	requireProblem(t, err, "ServiceResourceType", "blank")
	srv.mu.Lock()
	assert.Empty(t, srv.seen, "nothing is sent for an invalid request")
	srv.mu.Unlock()
}

// The answers decode tolerantly: XML-style wrappers become plain slices,
// unknown members and enum values survive or are skipped, and scalars of
// the wrong JSON type are read as the service meant them.
func TestAccountOpsDecode(t *testing.T) {
	ctx := context.Background()
	bodies := map[string]string{
		"DescribeRegions":        `{"RequestId":"R","Regions":{"Region":[{"RegionId":"cn-hangzhou","RegionEndpoint":"privatelink.cn-hangzhou.aliyuncs.com","LocalName":"华东1（杭州）","New":1},{"RegionId":"cn-beijing"}],"Extra":[1]},"Unknown":{"a":null}}`,
		"DescribeZones":          `{"RequestId":"R","Zones":{"Zone":[{"ZoneId":"cn-hangzhou-b","LocalName":"B"}]}}`,
		"CheckProductOpen":       `{"RequestId":"R","Success":"true"}`,
		"OpenPrivateLinkService": `{"RequestId":"R","OrderId":32451234}`,
		"ListTagResources":       `{"RequestId":"R","NextToken":null,"TagResources":[{"ResourceId":"ep-1","ResourceType":"vpcendpointfuture","TagKey":"env","TagValue":"prod"}]}`,
	}
	c, _ := newWireClient(t, WithSignatureVersion(signer.V1), func(action string) string { return bodies[action] })
	regions, err := c.DescribeRegions(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []Region{{RegionID: "cn-hangzhou", RegionEndpoint: "privatelink.cn-hangzhou.aliyuncs.com", LocalName: "华东1（杭州）"}, {RegionID: "cn-beijing"}}, regions.Regions)
	assert.Equal(t, "R", regions.RequestID)
	zones, err := c.DescribeZones(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []AvailabilityZone{{ZoneID: "cn-hangzhou-b", LocalName: "B"}}, zones.Zones)
	open, err := c.CheckProductOpen(ctx, nil)
	require.NoError(t, err)
	assert.True(t, open.Success)
	order, err := c.OpenPrivateLinkService(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, "32451234", order.OrderID)
	tags, err := c.ListTagResources(ctx, &ListTagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint, ResourceIDs: []string{"ep-1"}})
	require.NoError(t, err)
	assert.Equal(t, []TagResource{{ResourceID: "ep-1", ResourceType: "vpcendpointfuture", Tag: Tag{Key: "env", Value: "prod"}}}, tags.TagResources)
	assert.False(t, tags.TagResources[0].ResourceType.IsKnown())
}

// AllTagResources follows NextToken, which ListTagResources pages by alone.
func TestAllTagResources(t *testing.T) {
	pages := map[string]string{
		"":   `{"RequestId":"R1","NextToken":"p2","TagResources":[{"ResourceId":"ep-1","TagKey":"a","TagValue":"1"}]}`,
		"p2": `{"RequestId":"R2","NextToken":"","TagResources":[{"ResourceId":"ep-2","TagKey":"b","TagValue":"2"}]}`,
	}
	var srv *wireServer
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), func(string) string {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		return pages[srv.seen[len(srv.seen)-1].Query["NextToken"]]
	})
	var got []string
	for tr, err := range c.AllTagResources(context.Background(), &ListTagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint, Tags: []Tag{{Key: "a"}}}) {
		require.NoError(t, err)
		got = append(got, tr.ResourceID+":"+tr.Tag.Key+"="+tr.Tag.Value)
	}
	assert.Equal(t, []string{"ep-1:a=1", "ep-2:b=2"}, got)
	srv.mu.Lock()
	defer srv.mu.Unlock()
	require.Len(t, srv.seen, 2)
	assert.NotContains(t, srv.seen[0].Query, "MaxResults", "ListTagResources has no MaxResults")
}

// Invoke reaches an action the SDK does not type: CheckResourceSupportOperate
// is in the v1 SDK (services/privatelink) but not in the API metadata.
func TestInvoke(t *testing.T) {
	bothVersions(t, func(t *testing.T, version Option) {
		c, srv := newWireClient(t, version, func(string) string {
			return `{"RequestId":"R","Success":true,"Detail":{"a":[1,2]}}`
		})
		resp, err := c.Invoke(context.Background(), &RawRequest{
			Action: "CheckResourceSupportOperate",
			Params: map[string]string{"ResourceId": "ep-1", "ResourceType": "vpcendpoint", "ZoneId": "cn-huhehaote-a"},
		})
		require.NoError(t, err)
		assert.Equal(t, "R", resp.RequestID)
		assert.Equal(t, map[string]json.RawMessage{"Success": json.RawMessage(`true`), "Detail": json.RawMessage(`{"a":[1,2]}`)}, resp.Fields)
		got := srv.only(t)
		assert.Equal(t, wireCall{Action: "CheckResourceSupportOperate", RegionIn: "query", Form: map[string]string{},
			Query: map[string]string{"ResourceId": "ep-1", "ResourceType": "vpcendpoint", "ZoneId": "cn-huhehaote-a"}}, got)
	})
}

// Invoke with a form body, no RegionId and a generated ClientToken, as
// the typed idempotent calls do.
func TestInvokeFormIdempotent(t *testing.T) {
	c, srv := newWireClient(t, WithSignatureVersion(signer.V1), requestIDOnly)
	resp, err := c.Invoke(context.Background(), &RawRequest{Action: "TagResources", Form: map[string]string{"ResourceId.1": "ep-1"}, Idempotent: true})
	require.NoError(t, err)
	got := srv.only(t)
	assert.Equal(t, "form", got.RegionIn)
	assert.Equal(t, map[string]string{"ResourceId.1": "ep-1", "ClientToken": resp.ClientToken}, got.Form)
	assert.NotEmpty(t, resp.ClientToken)

	c, srv = newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)
	_, err = c.Invoke(context.Background(), &RawRequest{Action: "OpenPrivateLinkService", OmitRegionID: true})
	require.NoError(t, err)
	assert.Equal(t, "", srv.only(t).RegionIn)
}

func TestInvokeValidates(t *testing.T) {
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)
	_, err := c.Invoke(context.Background(), &RawRequest{Params: map[string]string{"RegionId": "x", "": "y", "A": "1"},
		Form: map[string]string{"A": "2"}, ClientToken: "t"})
	assert.Equal(t, []string{"Action", "ClientToken", "Form[\"A\"]", "Params", "Params[\"RegionId\"]"}, problemFields(t, err))
	_, err = c.Invoke(context.Background(), nil)
	var ve *ValidationError
	assert.True(t, errors.As(err, &ve))
	srv.mu.Lock()
	assert.Empty(t, srv.seen)
	srv.mu.Unlock()
}
