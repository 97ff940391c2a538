package privatelinktest

import (
	"slices"
	"unicode/utf8"
)

// Limits of the tag operations.
const (
	// maxTagResourceIDs is the documented limit of ResourceId.N.
	maxTagResourceIDs = 50
	// maxTagKeys is the documented limit of UntagResources' TagKey.N, and
	// the emulator's for Tag.N of TagResources and ListTagResources (a
	// resource has at most maxTags tags anyway).
	maxTagKeys = 20
	// tagPageSize is how many tags a ListTagResources page holds. The API
	// has no MaxResults; the service pages by NextToken alone.
	tagPageSize = 50
)

// Messages of the tag errors, from the errorCodes of the metadata.
const (
	msgMissingTagKey        = "The tag key is empty."
	msgMissingTagValue      = "The tag value is empty."
	msgIllegalTagKey        = "IllegalTagKeyParam"
	msgIllegalTagValue      = "The tag value is Illegal."
	msgDuplicatedTagKey     = "The tag keys is duplicated."
	msgTagsPerResource      = "The maximum number of tags for each resource is exceeded"
	msgResourceIDNotFound   = "The specified ResourceIds are not found in our records."
	msgTagInfoNotExist      = "Tag info not exist"
	msgMissingResourceOrTag = "The resource id and tag is empty."
)

// legalTagKey checks a tag key: 1 to 64 characters of valid UTF-8, not
// starting with a reserved prefix.
func legalTagKey(k string) bool {
	return utf8.ValidString(k) && utf8.RuneCountInString(k) <= 64 && !reservedTagPrefix(k)
}

// legalTagValue checks a tag value: at most 128 characters of valid UTF-8,
// not starting with a reserved prefix.
func legalTagValue(v string) bool {
	return utf8.ValidString(v) && utf8.RuneCountInString(v) <= 128 && !reservedTagPrefix(v)
}

// tagResourceType reads the required ResourceType of the tag operations
// and returns its documented lower-case spelling.
//
// The documentation lists only vpcendpoint and vpcendpointservice, but the
// value is compared without regard to case, as the service evidently
// compares it: Terraform's alicloud provider (v1.240.0,
// alicloud/service_alicloud_private_link_v2.go, SetResourceTags and
// DescribeVpcEndpointListTagResources) sends ResourceType=VpcEndpoint and
// VpcEndpointService to TagResources, UntagResources and ListTagResources
// on every apply, refresh and destroy, and its acceptance tests
// (resource_alicloud_privatelink_vpc_endpoint_test.go, "tags") run those
// calls against the live service. A value of any other name is still
// InvalidParameter.
func (c *call) tagResourceType() string {
	if c.required("ResourceType") == "" {
		return ""
	}
	return c.enumFold("ResourceType", tagTypeEndpoint, tagTypeService)
}

// resourceIDs reads ResourceId.N, at most maxTagResourceIDs, without
// repeats; required says whether at least one is needed.
func (c *call) resourceIDs(required bool) []string {
	ids := c.stringList("ResourceId", maxTagResourceIDs)
	if c.err == nil && required && len(ids) == 0 {
		c.fail(errMissing("ResourceId.1"))
	}
	return slices.Compact(slices.Sorted(slices.Values(ids)))
}

// ownedResources resolves ids, failing with InvalidResourceId.NotFound if
// the calling account has any of them not.
func (c *call) ownedResources(typ string, ids []string) []ownedResource {
	out := make([]ownedResource, 0, len(ids))
	for _, id := range ids {
		r, ok := c.resource(typ, id)
		if !ok {
			c.fail(errorf("InvalidResourceId.NotFound", msgResourceIDNotFound))
			return nil
		}
		out = append(out, r)
	}
	return out
}

// tagResources adds tags to resources, or changes the values of keys they
// already have. Every resource must exist and stay within maxTags tags, or
// nothing changes.
func tagResources(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	typ := c.tagResourceType()
	ids := c.resourceIDs(true)
	tags := c.tagsToSet()
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	if c.err != nil {
		return nil
	}
	rs := c.ownedResources(typ, ids)
	if c.err != nil {
		return nil
	}
	for _, r := range rs {
		n := len(r.tags)
		for _, t := range tags {
			if !r.has(t.Key) {
				n++
			}
		}
		if n > maxTags {
			c.fail(errorf("QuotaExceed.TagsPerResource", msgTagsPerResource))
			return nil
		}
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	for _, r := range rs {
		for _, t := range tags {
			r.set(c.s, t)
		}
	}
	return emptyAnswer{}
}

// tagsToSet reads the Tag.N of TagResources: at least one, each with a key
// and a value (the metadata marks both required), legal and unique.
func (c *call) tagsToSet() []Tag {
	items := c.indexed("Tag", maxTagKeys)
	out := make([]Tag, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		k, v := it.fields["Key"], it.fields["Value"]
		switch {
		case k == "":
			c.fail(errorf("MissingTagKeyParam", msgMissingTagKey))
		case v == "":
			c.fail(errorf("MissingTagValueParam", msgMissingTagValue))
		case !legalTagKey(k):
			c.fail(errorf("IllegalTagKeyParam", msgIllegalTagKey))
		case !legalTagValue(v):
			c.fail(errorf("IllegalTagValueParam", msgIllegalTagValue))
		case seen[k]:
			c.fail(errorf("DuplicatedTagKey", msgDuplicatedTagKey))
		}
		if c.err != nil {
			return nil
		}
		seen[k] = true
		out = append(out, Tag{Key: k, Value: v})
	}
	if c.err == nil && len(out) == 0 {
		c.fail(errMissing("Tag.1.Key"))
	}
	return out
}

// untagResources removes the tags of TagKey.N from resources, or all their
// tags with All=true (which TagKey.N overrides). Naming keys that none of
// the resources has fails with TagInfoNotExist: there is nothing to remove.
func untagResources(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	typ := c.tagResourceType()
	ids := c.resourceIDs(true)
	keys := c.stringList("TagKey", maxTagKeys)
	seen := map[string]bool{}
	for _, k := range keys {
		switch {
		case !legalTagKey(k):
			c.fail(errorf("IllegalTagKeyParam", msgIllegalTagKey))
		case seen[k]:
			c.fail(errorf("DuplicatedTagKey", msgDuplicatedTagKey))
		}
		seen[k] = true
	}
	all := c.boolean("All")
	if c.err == nil && len(keys) == 0 && !all {
		c.fail(errMissing("TagKey.1"))
	}
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	if c.err != nil {
		return nil
	}
	rs := c.ownedResources(typ, ids)
	if c.err != nil {
		return nil
	}
	if len(keys) > 0 && !slices.ContainsFunc(rs, func(r ownedResource) bool { return slices.ContainsFunc(keys, r.has) }) {
		c.fail(errorf("TagInfoNotExist", msgTagInfoNotExist))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	for _, r := range rs {
		if len(keys) == 0 {
			r.tags, r.tagSeq = nil, nil
			continue
		}
		for _, k := range keys {
			r.remove(k)
		}
	}
	return emptyAnswer{}
}

// tagResourceEntry is one element of ListTagResources' TagResources: one
// tag of one resource.
type tagResourceEntry struct {
	TagKey       string `json:"TagKey"`
	TagValue     string `json:"TagValue"`
	ResourceID   string `json:"ResourceId"`
	ResourceType string `json:"ResourceType"`
}

type listTagResourcesAnswer struct {
	TagResources []tagResourceEntry `json:"TagResources"`
	NextToken    string             `json:"NextToken"`
}

// listTagResources lists the tags of the resources ResourceId.N names, of
// the resources that carry every tag of Tag.N, or of both at once. With
// Tag.N only the tags of its keys are listed; a Tag.N with a key alone
// matches every value. Pages follow the order tags were first set.
func listTagResources(c *call) any {
	typ := c.tagResourceType()
	ids := c.resourceIDs(false)
	filters := c.tagFilterList()
	if c.err == nil && len(ids) == 0 && len(filters) == 0 {
		c.fail(errorf("MissingResourceIdOrTagParam", msgMissingResourceOrTag))
	}
	if c.err != nil {
		return nil
	}
	var rs []ownedResource
	if len(ids) > 0 {
		for _, id := range ids {
			if r, ok := c.resource(typ, id); ok {
				rs = append(rs, r)
			}
		}
	} else {
		rs = c.resources(typ)
	}
	type item struct {
		entry tagResourceEntry
		seq   uint64
	}
	var items []item
	for _, r := range rs {
		if !hasTags(r.tags, filters) {
			continue
		}
		for _, t := range r.tags {
			if len(filters) > 0 && !slices.ContainsFunc(filters, func(f Tag) bool { return f.Key == t.Key }) {
				continue
			}
			items = append(items, item{tagResourceEntry{t.Key, t.Value, r.id, typ}, r.tagSeq[t.Key]})
		}
	}
	slices.SortFunc(items, func(a, b item) int { return compareSeq(a.seq, b.seq) })
	page, next := paginateBy(c, "ListTagResources/"+c.acct.id+"/"+typ, tagPageSize, items, func(it item) uint64 { return it.seq })
	if c.err != nil {
		return nil
	}
	out := listTagResourcesAnswer{TagResources: make([]tagResourceEntry, 0, len(page)), NextToken: next}
	for _, it := range page {
		out.TagResources = append(out.TagResources, it.entry)
	}
	return out
}

// tagFilterList reads the Tag.N filters of ListTagResources: a value needs
// a key, keys are unique.
func (c *call) tagFilterList() []Tag {
	items := c.indexed("Tag", maxTagKeys)
	out := make([]Tag, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		k, v := it.fields["Key"], it.fields["Value"]
		switch {
		case k == "":
			c.fail(errorf("MissingTagKeyParam", msgMissingTagKey))
		case !utf8.ValidString(k) || utf8.RuneCountInString(k) > 64:
			c.fail(errorf("IllegalTagKeyParam", msgIllegalTagKey))
		case !utf8.ValidString(v) || utf8.RuneCountInString(v) > 128:
			c.fail(errorf("IllegalTagValueParam", msgIllegalTagValue))
		case seen[k]:
			c.fail(errorf("DuplicatedTagKey", msgDuplicatedTagKey))
		}
		if c.err != nil {
			return nil
		}
		seen[k] = true
		out = append(out, Tag{Key: k, Value: v})
	}
	return out
}
