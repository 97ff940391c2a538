package privatelinktest

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/signer"
)

// sdkForm encodes a form body as Alibaba Cloud's SDKs do: url.Values.Encode,
// with "+" for a space.
func sdkForm(ps []signer.Param) string {
	v := url.Values{}
	for _, p := range ps {
		v.Add(p.Key, p.Value)
	}
	return v.Encode()
}

// tagsOf returns the endpoint's tags as ListTagResources reports them.
func (c *client) tagsOf(id string) []Tag {
	c.t.Helper()
	var out []Tag
	for _, e := range c.must("ListTagResources", "ResourceType", "vpcendpoint", "ResourceId.1", id).list("TagResources") {
		out = append(out, Tag{Key: e["TagKey"].(string), Value: e["TagValue"].(string)})
	}
	return out
}

// TagResources and UntagResources take their parameters in a form body,
// which the emulator reads and verifies for both signatures, in the
// canonical encoding and in the SDKs' own ("+" for a space).
func TestTagResourcesFormBody(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create()
	encodings := map[string]func([]signer.Param) string{"canonical": nil, "sdk": sdkForm}
	for name, cl := range map[string]*client{"V1": c, "V3": c.withV3()} {
		for enc, encode := range encodings {
			t.Run(name+"/"+enc, func(t *testing.T) {
				value := "a b+c*~/网络 " + name + enc
				a := cl.do(spec{action: "TagResources", form: true, encodeForm: encode, params: kv(
					"ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "k "+name+enc, "Tag.1.Value", value)})
				if a.status != http.StatusOK {
					t.Fatalf("TagResources: %v", a)
				}
				e, _ := srv.Endpoint(id)
				if !slices.Contains(e.Tags, Tag{Key: "k " + name + enc, Value: value}) {
					t.Fatalf("tags %v lack the one sent", e.Tags)
				}
				a = cl.do(spec{action: "UntagResources", form: true, encodeForm: encode, params: kv(
					"ResourceType", "vpcendpoint", "ResourceId.1", id, "TagKey.1", "k "+name+enc)})
				if a.status != http.StatusOK {
					t.Fatalf("UntagResources: %v", a)
				}
				if e, _ := srv.Endpoint(id); len(e.Tags) != 0 {
					t.Fatalf("tags after untag: %v", e.Tags)
				}
			})
		}
	}

	// The form body is signed: changing it after signing is refused.
	for name, cl := range map[string]*client{"V1": c, "V3": c.withV3()} {
		a := cl.do(spec{action: "TagResources", form: true, params: kv("ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "k", "Tag.1.Value", "v"),
			tamper: func(r *http.Request) {
				body := "ResourceType=vpcendpoint&ResourceId.1=" + id + "&Tag.1.Key=k&Tag.1.Value=other&RegionId=" + RegionID
				r.Body = io.NopCloser(strings.NewReader(body))
				r.ContentLength = int64(len(body))
			}})
		if a.status != http.StatusBadRequest || a.code() != "SignatureDoesNotMatch" {
			t.Fatalf("%s tampered form: %v", name, a)
		}
	}
	if e, _ := srv.Endpoint(id); len(e.Tags) != 0 {
		t.Fatalf("a refused request tagged: %v", e.Tags)
	}
}

// The tags of CreateVpcEndpoint, ListVpcEndpoints and the tag operations
// are one store.
func TestTagsSharedWithEndpoints(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	a := c.create("Tag.1.Key", "team", "Tag.1.Value", "red")
	b := c.create()
	if got := c.tagsOf(a); !slices.Equal(got, []Tag{{"team", "red"}}) {
		t.Fatalf("created tags through ListTagResources: %v", got)
	}
	c.must("TagResources", "ResourceType", "vpcendpoint", "ResourceId.1", a, "ResourceId.2", b,
		"Tag.1.Key", "team", "Tag.1.Value", "blue", "Tag.2.Key", "env", "Tag.2.Value", "prod")
	// An existing key keeps its place and takes the new value.
	entry := c.must("ListVpcEndpoints", "EndpointId", a).list("Endpoints")[0]
	if tags, _ := entry["Tags"].([]any); len(tags) != 2 || tags[0].(map[string]any)["Value"] != "blue" || tags[1].(map[string]any)["Key"] != "env" {
		t.Fatalf("ListVpcEndpoints Tags: %v", entry["Tags"])
	}
	ids := func(pairs ...string) []string {
		var out []string
		for _, e := range c.must("ListVpcEndpoints", pairs...).list("Endpoints") {
			out = append(out, e["EndpointId"].(string))
		}
		return out
	}
	if got := ids("Tag.1.Key", "env", "Tag.1.Value", "prod"); !slices.Equal(got, []string{a, b}) {
		t.Fatalf("tag filter after TagResources: %v", got)
	}
	c.must("UntagResources", "ResourceType", "vpcendpoint", "ResourceId.1", b, "All", "true")
	if got := ids("Tag.1.Key", "env"); !slices.Equal(got, []string{a}) {
		t.Fatalf("tag filter after UntagResources All: %v", got)
	}
	if e, _ := srv.Endpoint(b); len(e.Tags) != 0 {
		t.Fatalf("snapshot tags after All: %v", e.Tags)
	}
	// TagKey.N wins over All.
	c.must("UntagResources", "ResourceType", "vpcendpoint", "ResourceId.1", a, "TagKey.1", "env", "All", "true")
	if got := c.tagsOf(a); !slices.Equal(got, []Tag{{"team", "blue"}}) {
		t.Fatalf("TagKey with All removed %v", got)
	}
}

func TestTagResourcesErrors(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("Tag.1.Key", "old", "Tag.1.Value", "1")
	base := []string{"ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "k", "Tag.1.Value", "v"}
	many := func(prefix string, n int, pair bool) []string {
		var out []string
		for i := 1; i <= n; i++ {
			if pair {
				out = append(out, prefix+"."+strconv.Itoa(i)+".Key", "key"+strconv.Itoa(i), prefix+"."+strconv.Itoa(i)+".Value", "v")
			} else {
				out = append(out, prefix+"."+strconv.Itoa(i), id)
			}
		}
		return out
	}
	tests := []struct {
		name  string
		extra []string
		code  string
	}{
		{"no resource type", []string{"ResourceType", "-"}, "MissingParameter"},
		{"unknown resource type", []string{"ResourceType", "VpcEndpointZone"}, "InvalidParameter"},
		{"no resource", []string{"ResourceId.1", "-"}, "MissingParameter"},
		{"51 resources", many("ResourceId", 51, false), "InvalidParameter"},
		{"no tag", []string{"Tag.1.Key", "-", "Tag.1.Value", "-"}, "MissingParameter"},
		{"value without key", []string{"Tag.1.Key", "-"}, "MissingTagKeyParam"},
		{"key without value", []string{"Tag.1.Value", "-"}, "MissingTagValueParam"},
		{"empty value", []string{"Tag.1.Value", ""}, "MissingTagValueParam"},
		{"key of 65", []string{"Tag.1.Key", strings.Repeat("k", 65)}, "IllegalTagKeyParam"},
		{"key aliyun", []string{"Tag.1.Key", "aliyun-x"}, "IllegalTagKeyParam"},
		{"key acs:", []string{"Tag.1.Key", "acs:x"}, "IllegalTagKeyParam"},
		{"value of 129", []string{"Tag.1.Value", strings.Repeat("v", 129)}, "IllegalTagValueParam"},
		{"value https://", []string{"Tag.1.Value", "https://x"}, "IllegalTagValueParam"},
		{"duplicated key", []string{"Tag.2.Key", "k", "Tag.2.Value", "w"}, "DuplicatedTagKey"},
		{"21 tags in a call", many("Tag", 21, true), "InvalidParameter"},
		{"unknown resource", []string{"ResourceId.2", "ep-hp3nosuchendpoint00000"}, "InvalidResourceId.NotFound"},
		{"a service", []string{"ResourceType", "vpcendpointservice", "ResourceId.1", ServiceID}, "InvalidResourceId.NotFound"},
		{"20 new tags on one old", many("Tag", 20, true), "QuotaExceed.TagsPerResource"},
		{"dry run", []string{"DryRun", "true"}, "DryRunOperation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.fail(http.StatusBadRequest, tt.code, "TagResources", mergePairs(base, tt.extra)...)
		})
	}
	if got := c.tagsOf(id); !slices.Equal(got, []Tag{{"old", "1"}}) {
		t.Fatalf("a failed call changed the tags: %v", got)
	}
	// 19 new keys and the old one make 20: the limit, not past it.
	c.must("TagResources", mergePairs(base, many("Tag", 19, true))...)
	if n := len(c.tagsOf(id)); n != 20 {
		t.Fatalf("%d tags, want 20", n)
	}
	// Setting an existing key adds nothing, so a full resource takes it.
	c.must("TagResources", "ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "old", "Tag.1.Value", "2")

	// The same client token and parameters are one request.
	tok := append(slices.Clone(base), "ClientToken", "tag-token")
	tok = mergePairs(tok, []string{"Tag.1.Key", "key1", "Tag.1.Value", "again"})
	c.must("TagResources", tok...)
	c.must("TagResources", tok...)
	c.fail(http.StatusBadRequest, "IdempotentParameterMismatch", "TagResources", mergePairs(tok, []string{"Tag.1.Value", "other"})...)
}

func TestUntagResourcesErrors(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("Tag.1.Key", "k", "Tag.1.Value", "v")
	other := c.create()
	base := []string{"ResourceType", "vpcendpoint", "ResourceId.1", id, "TagKey.1", "k"}
	var keys21 []string
	for i := 1; i <= 21; i++ {
		keys21 = append(keys21, "TagKey."+strconv.Itoa(i), "k"+strconv.Itoa(i))
	}
	tests := []struct {
		name  string
		extra []string
		code  string
	}{
		{"no resource type", []string{"ResourceType", "-"}, "MissingParameter"},
		{"bad resource type", []string{"ResourceType", "endpoint"}, "InvalidParameter"},
		{"no resource", []string{"ResourceId.1", "-"}, "MissingParameter"},
		{"neither keys nor All", []string{"TagKey.1", "-"}, "MissingParameter"},
		{"All false", []string{"TagKey.1", "-", "All", "false"}, "MissingParameter"},
		{"21 keys", keys21, "InvalidParameter"},
		{"key of 65", []string{"TagKey.1", strings.Repeat("k", 65)}, "IllegalTagKeyParam"},
		{"key acs:", []string{"TagKey.1", "acs:rm:rgId"}, "IllegalTagKeyParam"},
		{"duplicated key", []string{"TagKey.2", "k"}, "DuplicatedTagKey"},
		{"unknown resource", []string{"ResourceId.2", "ep-hp3nosuchendpoint00000"}, "InvalidResourceId.NotFound"},
		{"key on none of them", []string{"ResourceId.1", other}, "TagInfoNotExist"},
		{"dry run", []string{"DryRun", "true"}, "DryRunOperation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.fail(http.StatusBadRequest, tt.code, "UntagResources", mergePairs(base, tt.extra)...)
		})
	}
	if got := c.tagsOf(id); !slices.Equal(got, []Tag{{"k", "v"}}) {
		t.Fatalf("a failed call changed the tags: %v", got)
	}
	// A key on one of the resources is enough; All on an untagged one is
	// nothing to do, not an error.
	c.must("UntagResources", "ResourceType", "vpcendpoint", "ResourceId.1", id, "ResourceId.2", other, "TagKey.1", "k", "TagKey.2", "absent")
	c.must("UntagResources", "ResourceType", "vpcendpoint", "ResourceId.1", other, "All", "true")
	if got := c.tagsOf(id); len(got) != 0 {
		t.Fatalf("tags after untag: %v", got)
	}
}

func TestListTagResources(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	a := c.create("Tag.1.Key", "team", "Tag.1.Value", "red", "Tag.2.Key", "env", "Tag.2.Value", "prod")
	b := c.create("Tag.1.Key", "team", "Tag.1.Value", "blue")
	d := c.create()

	type pair struct{ id, key, value string }
	list := func(pairs ...string) []pair {
		t.Helper()
		ans := c.must("ListTagResources", append([]string{"ResourceType", "vpcendpoint"}, pairs...)...)
		if ans.str("NextToken") != "" {
			t.Fatalf("a short listing has a NextToken: %v", ans)
		}
		var out []pair
		for _, e := range ans.list("TagResources") {
			if e["ResourceType"] != "vpcendpoint" {
				t.Fatalf("ResourceType: %v", e)
			}
			out = append(out, pair{e["ResourceId"].(string), e["TagKey"].(string), e["TagValue"].(string)})
		}
		return out
	}
	tests := []struct {
		name  string
		pairs []string
		want  []pair
	}{
		{"by resource", []string{"ResourceId.1", a}, []pair{{a, "team", "red"}, {a, "env", "prod"}}},
		{"by two resources", []string{"ResourceId.1", b, "ResourceId.2", a}, []pair{{a, "team", "red"}, {a, "env", "prod"}, {b, "team", "blue"}}},
		{"untagged resource", []string{"ResourceId.1", d}, nil},
		{"unknown resource", []string{"ResourceId.1", "ep-hp3nosuchendpoint00000"}, nil},
		{"by key", []string{"Tag.1.Key", "team"}, []pair{{a, "team", "red"}, {b, "team", "blue"}}},
		{"by key and value", []string{"Tag.1.Key", "team", "Tag.1.Value", "blue"}, []pair{{b, "team", "blue"}}},
		{"by two tags", []string{"Tag.1.Key", "team", "Tag.2.Key", "env"}, []pair{{a, "team", "red"}, {a, "env", "prod"}}},
		{"resource and tag", []string{"ResourceId.1", b, "Tag.1.Key", "env"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := list(tt.pairs...); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}

	// The account owns no endpoint service, so none has tags.
	if got := c.must("ListTagResources", "ResourceType", "vpcendpointservice", "Tag.1.Key", "team").list("TagResources"); len(got) != 0 {
		t.Fatalf("services: %v", got)
	}

	errs := []struct {
		name  string
		pairs []string
		code  string
	}{
		{"no resource type", []string{"ResourceId.1", a}, "MissingParameter"},
		{"unknown resource type", []string{"ResourceType", "Endpoint", "ResourceId.1", a}, "InvalidParameter"},
		{"neither resource nor tag", []string{"ResourceType", "vpcendpoint"}, "MissingResourceIdOrTagParam"},
		{"value without key", []string{"ResourceType", "vpcendpoint", "Tag.1.Value", "red"}, "MissingTagKeyParam"},
		{"duplicated key", []string{"ResourceType", "vpcendpoint", "Tag.1.Key", "team", "Tag.2.Key", "team"}, "DuplicatedTagKey"},
		{"key of 65", []string{"ResourceType", "vpcendpoint", "Tag.1.Key", strings.Repeat("k", 65)}, "IllegalTagKeyParam"},
		{"value of 129", []string{"ResourceType", "vpcendpoint", "Tag.1.Key", "k", "Tag.1.Value", strings.Repeat("v", 129)}, "IllegalTagValueParam"},
		{"foreign token", []string{"ResourceType", "vpcendpoint", "ResourceId.1", a, "NextToken", "0123456789abcdef0123456789abcdef"}, "InvalidParameter"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			c.fail(http.StatusBadRequest, tt.code, "ListTagResources", tt.pairs...)
		})
	}
}

// ListTagResources pages by NextToken alone, in the order tags were set,
// and stays consistent when tags change between pages.
func TestListTagResourcesPaging(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	var ids []string
	for i := range 3 {
		pairs := []string{}
		for j := 1; j <= 20; j++ {
			pairs = append(pairs, "Tag."+strconv.Itoa(j)+".Key", "k"+strconv.Itoa(j), "Tag."+strconv.Itoa(j)+".Value", strconv.Itoa(i))
		}
		ids = append(ids, c.create(pairs...))
	}
	query := []string{"ResourceType", "vpcendpoint", "Tag.1.Key", "k1", "Tag.2.Key", "k2", "Tag.3.Key", "k3"}
	// 3 endpoints × 20 tags: every tag of the filter keys, 9 entries, fit
	// in a page; all 60 need two.
	if ans := c.must("ListTagResources", query...); len(ans.list("TagResources")) != 9 || ans.str("NextToken") != "" {
		t.Fatalf("filtered listing: %v", ans)
	}
	all := []string{"ResourceType", "vpcendpoint", "ResourceId.1", ids[0], "ResourceId.2", ids[1], "ResourceId.3", ids[2]}
	first := c.must("ListTagResources", all...)
	if n := len(first.list("TagResources")); n != tagPageSize || first.str("NextToken") == "" {
		t.Fatalf("first page: %d entries, NextToken %q", n, first.str("NextToken"))
	}
	if _, ok := first.body["MaxResults"]; ok {
		t.Fatalf("the answer has MaxResults: %v", first)
	}
	// A tag removed from the first page and one added meanwhile: the next
	// page neither repeats nor skips the tags that stayed.
	c.must("UntagResources", "ResourceType", "vpcendpoint", "ResourceId.1", ids[0], "TagKey.1", "k1")
	second := c.must("ListTagResources", append(all, "NextToken", first.str("NextToken"))...)
	if n := len(second.list("TagResources")); n != 60-tagPageSize || second.str("NextToken") != "" {
		t.Fatalf("second page: %d entries, NextToken %q", n, second.str("NextToken"))
	}
	if got := second.list("TagResources")[0]["ResourceId"]; got != ids[2] {
		t.Fatalf("second page starts at %v, want the third endpoint's tags", got)
	}
	// A token is bound to its account and resource type.
	c.fail(http.StatusBadRequest, "InvalidParameter", "ListTagResources", "ResourceType", "vpcendpointservice", "Tag.1.Key", "k", "NextToken", first.str("NextToken"))
}
