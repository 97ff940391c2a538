package interop

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// These tests run the emulator's tag, resource-group, region and
// activation operations end to end through Alibaba Cloud's v1 SDK, with
// its typed requests where it has them (TagResources, ChangeResourceGroup,
// DescribeRegions, DescribeZones, CheckProductOpen, OpenPrivateLinkService)
// and its CommonRequest where it has none (UntagResources,
// ListTagResources).

// wireLog records the requests on their way to the emulator: method,
// content type, query and form body.
type wireLog struct {
	mu   sync.Mutex
	reqs []loggedRequest
}

type loggedRequest struct {
	action, contentType string
	query, form         url.Values
}

// last returns the last request of action.
func (l *wireLog) last(t *testing.T, action string) loggedRequest {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.reqs) - 1; i >= 0; i-- {
		if l.reqs[i].action == action {
			return l.reqs[i]
		}
	}
	t.Fatalf("no %s request was sent", action)
	return loggedRequest{}
}

// startLoggedEmulator starts an emulator with opts behind a loopback server
// that logs each request and hands it on unchanged.
func startLoggedEmulator(t *testing.T, opts ...privatelinktest.Option) (*privatelinktest.Server, string, *wireLog) {
	t.Helper()
	isolate(t)
	srv := privatelinktest.NewServer(opts...)
	t.Cleanup(srv.Close)
	log := &wireLog{}
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		form, _ := url.ParseQuery(string(body))
		action := r.URL.Query().Get("Action")
		if a := r.Header.Get("x-acs-action"); a != "" {
			action = a
		}
		log.mu.Lock()
		log.reqs = append(log.reqs, loggedRequest{action: action, contentType: r.Header.Get("Content-Type"), query: r.URL.Query(), form: form})
		log.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		srv.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	return srv, front.URL[len("http://"):], log
}

// v1Client returns a v1 SDK client signing with key and secret.
func v1Client(t *testing.T, key, secret string) *privatelink.Client {
	t.Helper()
	c, err := privatelink.NewClientWithAccessKey(privatelinktest.RegionID, key, secret)
	require.NoError(t, err)
	return c
}

// common is a v1 CommonRequest for action at domain, for the operations
// the v1 SDK has no typed request for.
func common(domain, action string) *requests.CommonRequest {
	r := requests.NewCommonRequest()
	r.Method = requests.POST
	r.Scheme = "HTTP"
	r.Domain = domain
	r.Version = "2020-04-15"
	r.ApiName = action
	return r
}

type v1TagResource struct {
	TagKey, TagValue, ResourceID, ResourceType string
}

// listTags sends ListTagResources (query parameters, as the metadata
// puts them) through the v1 SDK's CommonRequest.
func listTags(t *testing.T, c *privatelink.Client, domain string, params map[string]string) ([]v1TagResource, string) {
	t.Helper()
	r := common(domain, "ListTagResources")
	for k, v := range params {
		r.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(r)
	require.NoError(t, err)
	var body struct {
		TagResources []struct{ TagKey, TagValue, ResourceId, ResourceType string }
		NextToken    string
	}
	require.NoError(t, json.Unmarshal(resp.GetHttpContentBytes(), &body))
	out := make([]v1TagResource, 0, len(body.TagResources))
	for _, e := range body.TagResources {
		out = append(out, v1TagResource{e.TagKey, e.TagValue, e.ResourceId, e.ResourceType})
	}
	return out, body.NextToken
}

// TestV1SDKTagsOnEmulator tags, lists and untags an endpoint through the
// v1 SDK, and moves it to another resource group. TagResources and
// UntagResources go in a form body, which the emulator verifies and reads.
func TestV1SDKTagsOnEmulator(t *testing.T) {
	const otherGroup = "rg-acfminterop0second"
	srv, domain, log := startLoggedEmulator(t,
		privatelinktest.WithSecurityGroup(secondSecurityGroup, privatelinktest.VpcID),
		privatelinktest.WithResourceGroup(privatelinktest.AccountID, otherGroup))
	c := v1Client(t, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret)
	official := &v1SDKClient{c: c, domain: domain}
	in := defaultEmuCreate("interop-tags-0001")
	id, err := official.create(in)
	require.NoError(t, err)

	tag := privatelink.CreateTagResourcesRequest()
	official.at(tag.RpcRequest)
	tag.ResourceType = "vpcendpoint"
	tag.ResourceId = &[]string{id}
	tag.Tag = &[]privatelink.TagResourcesTag{{Key: "team", Value: "blue green"}, {Key: "env", Value: "staging+1"}}
	tag.ClientToken = "interop-tag-token"
	_, err = c.TagResources(tag)
	require.NoError(t, err)
	sent := log.last(t, "TagResources")
	require.Equal(t, "application/x-www-form-urlencoded", sent.contentType)
	require.Equal(t, "blue green", sent.form.Get("Tag.1.Value"), "the tags travel in the form body")
	require.Empty(t, sent.query.Get("Tag.1.Key"), "and not in the query")

	// The endpoint's own tags and the new ones are one set, whichever API
	// reads them.
	want := []privatelinktest.Tag{{Key: "env", Value: "staging+1"}, {Key: "cost center", Value: "网络/ops"}, {Key: "team", Value: "blue green"}}
	e, _ := srv.Endpoint(id)
	require.Equal(t, want, e.Tags)
	list := privatelink.CreateListVpcEndpointsRequest()
	official.at(list.RpcRequest)
	list.Tag = &[]privatelink.ListVpcEndpointsTag{{Key: "team", Value: "blue green"}}
	listed, err := c.ListVpcEndpoints(list)
	require.NoError(t, err)
	require.Len(t, listed.Endpoints, 1)
	require.Equal(t, []privatelink.TagModel{{Key: "env", Value: "staging+1"}, {Key: "cost center", Value: "网络/ops"}, {Key: "team", Value: "blue green"}}, listed.Endpoints[0].Tags)

	got, next := listTags(t, c, domain, map[string]string{"ResourceType": "vpcendpoint", "Tag.1.Key": "team"})
	require.Empty(t, next)
	require.Equal(t, []v1TagResource{{"team", "blue green", id, "vpcendpoint"}}, got)

	untag := common(domain, "UntagResources")
	untag.FormParams = map[string]string{"ResourceType": "vpcendpoint", "ResourceId.1": id, "TagKey.1": "team", "TagKey.2": "cost center"}
	_, err = c.ProcessCommonRequest(untag)
	require.NoError(t, err)
	require.Equal(t, "cost center", log.last(t, "UntagResources").form.Get("TagKey.2"))
	got, _ = listTags(t, c, domain, map[string]string{"ResourceType": "vpcendpoint", "ResourceId.1": id})
	require.Equal(t, []v1TagResource{{"env", "staging+1", id, "vpcendpoint"}}, got)

	// The documented error codes reach the SDK's own error type.
	tag.ClientToken = ""
	tag.Tag = &[]privatelink.TagResourcesTag{{Key: "acs:reserved", Value: "v"}}
	_, err = c.TagResources(tag)
	require.Equal(t, serviceError{"IllegalTagKeyParam", 400}, official.serviceError(t, err))
	_, err = c.ProcessCommonRequest(untag)
	require.Equal(t, serviceError{"TagInfoNotExist", 400}, official.serviceError(t, err))
	_, err = c.ProcessCommonRequest(common(domain, "ListTagResources"))
	require.Equal(t, serviceError{"MissingParameter", 400}, official.serviceError(t, err))

	move := privatelink.CreateChangeResourceGroupRequest()
	official.at(move.RpcRequest)
	move.ResourceId = id
	move.ResourceGroupId = otherGroup
	move.ResourceRegionId = privatelinktest.RegionID
	_, err = c.ChangeResourceGroup(move)
	require.NoError(t, err)
	e, _ = srv.Endpoint(id)
	require.Equal(t, otherGroup, e.ResourceGroupID)
	move.ResourceGroupId = "rg-acfmnosuchgroup"
	_, err = c.ChangeResourceGroup(move)
	require.Equal(t, serviceError{"InvalidResourceGroup", 400}, official.serviceError(t, err))
}

// TestDarabonbaV3FormBodyOnEmulator sends TagResources as the generated V3
// clients do, with the parameters in a form body whose SHA-256 is signed
// in x-acs-content-sha256.
func TestDarabonbaV3FormBodyOnEmulator(t *testing.T) {
	srv, domain, log := startLoggedEmulator(t, privatelinktest.WithSecurityGroup(secondSecurityGroup, privatelinktest.VpcID))
	id, err := (&v1SDKClient{c: v1Client(t, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret), domain: domain}).create(defaultEmuCreate("interop-v3-form"))
	require.NoError(t, err)
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(privatelinktest.AccessKeyID),
		AccessKeySecret: dara.String(privatelinktest.AccessKeySecret),
		RegionId:        dara.String(privatelinktest.RegionID),
		Endpoint:        dara.String(domain),
		Protocol:        dara.String("HTTP"),
	}
	c, err := openapi.NewClient(cfg)
	require.NoError(t, err)
	body := map[string]interface{}{
		"RegionId": dara.String(privatelinktest.RegionID), "ResourceType": dara.String("vpcendpoint"),
		"ResourceId": []*string{dara.String(id)},
		"Tag":        []map[string]interface{}{{"Key": dara.String("team"), "Value": dara.String("a b*c~")}},
	}
	params := &openapiutil.Params{
		Action: dara.String("TagResources"), Version: dara.String("2020-04-15"), Protocol: dara.String("HTTPS"),
		Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"),
		Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
	}
	_, err = c.CallApiWithCtx(context.Background(), params, &openapiutil.OpenApiRequest{Body: openapiutil.ParseToMap(body)}, &dara.RuntimeOptions{})
	require.NoError(t, err)
	sent := log.last(t, "TagResources")
	require.Equal(t, "application/x-www-form-urlencoded", sent.contentType)
	require.Equal(t, "a b*c~", sent.form.Get("Tag.1.Value"))
	e, _ := srv.Endpoint(id)
	require.True(t, slices.Contains(e.Tags, privatelinktest.Tag{Key: "team", Value: "a b*c~"}), "tags: %v", e.Tags)
}

// TestV1SDKRegionsOnEmulator lists regions and zones through the v1 SDK,
// which decodes the Regions.Region and Zones.Zone wrappers.
func TestV1SDKRegionsOnEmulator(t *testing.T) {
	_, domain, _ := startLoggedEmulator(t)
	c := v1Client(t, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret)
	at := &v1SDKClient{c: c, domain: domain}

	regions := privatelink.CreateDescribeRegionsRequest()
	at.at(regions.RpcRequest)
	rr, err := c.DescribeRegions(regions)
	require.NoError(t, err)
	require.True(t, slices.Contains(rr.Regions.Region, privatelink.Region{
		RegionId: privatelinktest.RegionID, LocalName: "华北5（呼和浩特）", RegionEndpoint: "privatelink." + privatelinktest.RegionID + ".aliyuncs.com",
	}), "regions: %+v", rr.Regions.Region)

	zones := privatelink.CreateDescribeZonesRequest()
	at.at(zones.RpcRequest)
	zr, err := c.DescribeZones(zones)
	require.NoError(t, err)
	var ids []string
	for _, z := range zr.Zones.Zone {
		ids = append(ids, z.ZoneId)
	}
	require.Equal(t, []string{privatelinktest.ZoneA, privatelinktest.ZoneB}, ids)
	require.Equal(t, "华北5 可用区A", zr.Zones.Zone[0].LocalName)
}

// TestV1SDKActivationOnEmulator: a second account without PrivateLink is
// refused with NeedOpenProduct, reads CheckProductOpen false, opens the
// service and then works; the default account is unaffected throughout.
func TestV1SDKActivationOnEmulator(t *testing.T) {
	const (
		account = "2000000000000002"
		key     = "LTAIinteropFresh0000001"
		secret  = "interop-fresh-secret"
	)
	srv, domain, _ := startLoggedEmulator(t,
		privatelinktest.WithSecurityGroup(secondSecurityGroup, privatelinktest.VpcID),
		privatelinktest.WithNewAccount(account, key, secret),
		privatelinktest.WithNotActivated(account),
	)
	c := v1Client(t, key, secret)
	fresh := &v1SDKClient{c: c, domain: domain}

	_, err := fresh.create(defaultEmuCreate("interop-fresh-0001"))
	require.Equal(t, serviceError{"NeedOpenProduct", 400}, fresh.serviceError(t, err))
	_, err = fresh.listByVpc(privatelinktest.VpcID)
	require.Equal(t, serviceError{"NeedOpenProduct", 400}, fresh.serviceError(t, err))

	check := func() bool {
		t.Helper()
		req := privatelink.CreateCheckProductOpenRequest()
		fresh.at(req.RpcRequest)
		resp, err := c.CheckProductOpen(req)
		require.NoError(t, err)
		return resp.Success
	}
	open := func() (string, error) {
		req := privatelink.CreateOpenPrivateLinkServiceRequest()
		fresh.at(req.RpcRequest)
		resp, err := c.OpenPrivateLinkService(req)
		if err != nil {
			return "", err
		}
		return resp.OrderId, nil
	}
	require.False(t, check())
	order, err := open()
	require.NoError(t, err)
	require.NotEmpty(t, order)
	require.True(t, check())
	require.True(t, srv.Activated(account))
	_, err = open()
	require.Equal(t, serviceError{"OrderOpend", 400}, fresh.serviceError(t, err))

	// Activated, the account works, and sees only its own endpoints.
	mine, err := fresh.create(defaultEmuCreate("interop-fresh-0001"))
	require.NoError(t, err)
	owner := &v1SDKClient{c: v1Client(t, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret), domain: domain}
	_, err = owner.get(mine)
	require.Equal(t, serviceError{"EndpointNotFound", 400}, owner.serviceError(t, err))
	ids, err := owner.listByVpc(privatelinktest.VpcID)
	require.NoError(t, err)
	require.Empty(t, ids)
	ids, err = fresh.listByVpc(privatelinktest.VpcID)
	require.NoError(t, err)
	require.Equal(t, []string{mine}, ids)
}
