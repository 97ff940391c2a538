package main

// The overlay: what the API metadata cannot say, kept by hand and reviewed
// like code. The generator refuses to run when the metadata has a
// parameter or response field of a generated operation that the overlay
// does not name, so a metadata update surfaces here.

// Known defects of the metadata and where the overlay corrects them. The
// ones marked (next) concern the endpoint operations (overlay_endpoint.go):
//   - RegionId listed twice (34 operations): apimeta keeps it once.
//   - AddZoneToVpcEndpoint, AttachSecurityGroupToVpcEndpoint and
//     DetachSecurityGroupFromVpcEndpoint marked read: Kind "write" (next).
//   - TotalCount a string in 3 operations: Type "int" (next).
//   - Bandwidth int32 in some operations, int64 in others: both int (next).
//   - ListVpcEndpointZones ZoneIpv6Address described as a true/false flag:
//     Doc says it is the zone's IPv6 address (next).
//   - CreateVpcEndpoint ServiceRegionId and CrossRegionBandwidth: the seed
//     reference lists them only among response fields; the en-US metadata
//     and the newest definition (request parameters since v5.0.8) agree
//     they are parameters, and their Doc follows them.
//   - ChangeResourceGroup and UntagResources have no operationType:
//     Kind "write".

// sourceChoices records, for every fact on which the three metadata sources
// disagree (the snapshot of the newest definition, apimeta.SnapshotFile,
// against the older two, or the en-US request metadata against the merged
// file), which one the SDK follows and why, keyed by the disagreement as
// apimeta.Disagreements names it. The generator stops on a disagreement not
// recorded here and on a record no longer needed. The record is a reason,
// not a switch: apimeta.Load follows the newest source on every fact, and
// nothing here changes what it loads. An entry choosing an older source
// can act only through the op's field: its Go Type, its Doc, or a Check
// that Validate adds. The overlay cannot override a parameter's location
// (In) or its required flag, nor keep a member or enum value only the
// older source has; following the older source there means changing
// apimeta.Load, and the entry says so.
//
// Empty for v5.0.10: the three sources agree on every fact they share
// (types, locations and required flags, and defects such as TotalCount a
// string); each newer one only adds parameters, fields and enum values.
var sourceChoices = map[string]string{}

// op is the overlay of one operation.
type op struct {
	// Doc is the method's doc comment after "X calls the X API action: ".
	Doc string
	// Kind corrects the metadata's operationType where it is wrong
	// ("read" or "write"); empty keeps the metadata's.
	Kind string
	// Idempotent operations take a ClientToken that the client fixes once
	// per logical call (and Build fixes in the request).
	Idempotent bool
	// Args are the wire names of the builder's required arguments, in
	// order; a list last is variadic.
	Args []string
	// BuilderDoc completes "NewX starts an X request ".
	BuilderDoc string
	// Params and Response name every request parameter (except RegionId)
	// and every response field (except RequestId) by wire name; a nested
	// field is "List.Field".
	Params   map[string]field
	Response map[string]field
	// Items names the Go type of the elements of a response list, by wire
	// name of the list.
	Items map[string]item
	// Paged, when set, is the Go name of the response list that All
	// iterates over, following NextToken; All is the iterator's name.
	Paged, All string
	// PagedAlso names a second list of the same item type that All
	// yields too, for an answer whose list the request chooses.
	PagedAlso string
	// Adders are extra builder methods for common pairs.
	Adders []adder
	// Order and RespOrder, when set, give the Go names of the request
	// fields and top-level response fields in the order of the struct,
	// which is also the order validation lists problems in; fields not
	// named follow in metadata order. The operations moved from hand-written
	// files keep their layout this way.
	Order, RespOrder []string
	// ExtraResponse are top-level scalar response fields the service sends
	// that the metadata lacks, by wire name (Type defaults to string).
	ExtraResponse map[string]field
	// Embed names a hand-written type the response embeds (Endpoint), whose
	// decodeField takes the fields marked Embedded; EmbedDoc documents it.
	Embed, EmbedDoc string
}

// field is one request parameter or response field.
type field struct {
	// Go is the field's Go name; empty derives it from the wire name.
	// A dotted name ("Tag.Key") decodes into a nested struct field.
	Go string
	// Type overrides the Go type: an enum, "int" for a number the metadata
	// calls a string, or the element type of a list of objects.
	Type string
	// Doc is the field's doc comment.
	Doc string
	// Max names the constant (in constants) that bounds a list's length.
	Max string
	// Each names a check function (in validation.go) for every element.
	Each string
	// Check is a statement that validates the field, with %[1]s the
	// field's Go name, for checks validation.go already has.
	Check string
	// Optional makes a boolean an Optional[bool]: the API gives false a
	// meaning distinct from unset (an update turning a feature off, a
	// list filter matching false).
	Optional bool
	// Deprecated, when set, says what replaces the field; the Go field and
	// its setter get a "Deprecated:" paragraph.
	Deprecated string
	// Subs gives the Go types of a list of objects' sub-fields, by wire
	// name, where they are not string.
	Subs map[string]string
	// SubNames gives the Go names of a list of objects' sub-fields, by
	// wire name, where goName does not derive them ("ip" is IP).
	SubNames map[string]string
	// Embedded marks a response field that the op's Embed type decodes.
	Embedded bool
}

// requestItems are the hand-written element types of list-of-objects
// request parameters, each with the wire names of the sub-fields it has a Go
// field for. A sub-field the metadata adds stops the generator until the
// type has a field for it and its name is listed here.
var requestItems = map[string][]string{
	"Tag":                {"Key", "Value"},
	"Zone":               {"ZoneId", "VSwitchId", "ip", "Ipv6Address"},
	"ServiceResourceRef": {"ResourceType", "ResourceId", "ZoneId"},
}

// item is a generated struct type for the elements of a response list.
type item struct {
	Name string
	Doc  string
	// Existing means the type is hand-written (types.go), like Tag.
	Existing bool
	// GeneratedBy names the operation whose file generates the type, when
	// several operations' answers share it.
	GeneratedBy string
}

// adder is an extra builder method.
type adder struct {
	Name, Params, Body, Doc string
}

// enum is a named string type with its constants.
type enum struct {
	Name, Doc string
	Values    []enumValue
	// CaseSensitive, when set, is the evidence that the service refuses a
	// value differing from a known one only in case; Validate then refuses
	// such a value too. Without evidence an enum is left open to case
	// variants as to every other value (privatelink/validation_enum.go).
	CaseSensitive string
	// Existing means the type, its constants and IsKnown are hand-written
	// (types*.go); Values still lists the values, which checkEnumValues
	// compares with those the metadata documents, so that a new one stops
	// the generator until the hand-written type has it too.
	Existing bool
}

type enumValue struct {
	Const, Value, Doc string
}

var enums = []enum{
	{
		Name: "TagResourceType",
		Doc:  "TagResourceType is the type of a resource in TagResources, UntagResources and ListTagResources, which spell it in lower case (ChangeResourceGroup spells it differently: see ResourceGroupResourceType).",
		Values: []enumValue{
			{"TagResourceTypeVpcEndpoint", "vpcendpoint", "is an endpoint."},
			{"TagResourceTypeVpcEndpointService", "vpcendpointservice", "is an endpoint service."},
		},
	},
	{
		Name: "ResourceGroupResourceType",
		Doc:  "ResourceGroupResourceType is the type of a resource in ChangeResourceGroup, which spells it in camel case (the tag APIs spell it differently: see TagResourceType).",
		Values: []enumValue{
			{"ResourceGroupResourceTypeVpcEndpoint", "VpcEndpoint", "is an endpoint, the service's default."},
			{"ResourceGroupResourceTypeVpcEndpointService", "VpcEndpointService", "is an endpoint service."},
		},
	},
	{
		Name: "ServiceResourceType",
		Doc:  "ServiceResourceType is the kind of load balancer behind an endpoint service.",
		Values: []enumValue{
			{"ServiceResourceTypeSLB", "slb", "is a Classic Load Balancer (CLB) instance."},
			{"ServiceResourceTypeALB", "alb", "is an Application Load Balancer instance."},
			{"ServiceResourceTypeNLB", "nlb", "is a Network Load Balancer instance."},
			{"ServiceResourceTypeGWLB", "gwlb", "is a Gateway Load Balancer instance, behind a GatewayLoadBalancer service (added to the API in 2025-26)."},
			{"ServiceResourceTypeAll", "ALL", "selects every kind, in DescribeRegions only (spelled in capitals there)."},
		},
	},
	{
		Name: "CrossRegionSide",
		Doc:  "CrossRegionSide chooses, in a cross-region DescribeZones, whose zones to list: the endpoint's side or the endpoint service's.",
		Values: []enumValue{
			{"CrossRegionSideEndpoint", "Endpoint", "lists the zones for the endpoint, the service's default."},
			{"CrossRegionSideEndpointService", "EndpointService", "lists the zones for the endpoint service."},
		},
	},
}

const (
	docClientToken = "ClientToken makes the call idempotent: the same token with the same parameters is one logical operation. At most 64 printable ASCII characters. When empty, the client generates a fresh one for each call, reports it in the response and in errors, and leaves the request unchanged, so the same struct sent twice without a token is two operations; Build fixes a token in the request, so a built request sent twice is one."
	docDryRun      = "DryRun asks the service to check the request without acting on it. A request that passes fails with an *APIError for which errors.Is(err, ErrDryRunPassed) is true."
	docResourceIDs = "ResourceIDs are the endpoints or endpoint services, at most MaxTagResourceIDs."
)

// constant is a generated integer constant.
type constant struct {
	Name  string
	Value int
	Doc   string
}

var constants = []constant{
	{"MaxTagResourceIDs", 50, "MaxTagResourceIDs is the most resources one TagResources, UntagResources or ListTagResources call takes."},
	{"MaxUntagTagKeys", 20, "MaxUntagTagKeys is the most tag keys one UntagResources call takes."},
}

var ops = map[string]op{
	"TagResources": {
		Doc:        "it adds tags to endpoints or endpoint services, all of one type. A tag whose key a resource already has gets the new value.",
		Idempotent: true,
		Args:       []string{"ResourceType", "ResourceId", "Tag"},
		BuilderDoc: "that puts tags on the resources of resourceType with the given IDs.",
		Params: map[string]field{
			"ResourceType": {Type: "TagResourceType", Doc: "ResourceType is the type of every resource in ResourceIDs. Required."},
			"ResourceId":   {Go: "ResourceIDs", Max: "MaxTagResourceIDs", Doc: docResourceIDs + " Required.", Each: "checkNotEmpty"},
			"Tag":          {Go: "Tags", Type: "Tag", Doc: "Tags are the tags to add, at most MaxTags, no key twice. Required.", Check: "v.tags(%[1]q, r.%[1]s)"},
			"ClientToken":  {Doc: docClientToken},
			"DryRun":       {Doc: docDryRun},
		},
	},
	"UntagResources": {
		Doc:        "it removes tags from endpoints or endpoint services, all of one type: the tags with the given keys, or every tag when All is set and no key is given.",
		Idempotent: true,
		Kind:       "write",
		// Shaped like NewTagResources: the resources as a slice, then what
		// the call applies to them, variadic.
		Args:       []string{"ResourceType", "ResourceId", "TagKey"},
		BuilderDoc: "that removes the tags with tagKeys from the resources of resourceType with the given IDs; with no key, WithAll(true) removes every tag.",
		Params: map[string]field{
			"ResourceType": {Type: "TagResourceType", Doc: "ResourceType is the type of every resource in ResourceIDs. Required."},
			"ResourceId":   {Go: "ResourceIDs", Max: "MaxTagResourceIDs", Doc: docResourceIDs + " Required.", Each: "checkNotEmpty"},
			"TagKey": {Go: "TagKeys", Max: "MaxUntagTagKeys", Doc: "TagKeys are the keys of the tags to remove, at most MaxUntagTagKeys. TagKeys or All is required.", Each: "checkTagKey",
				Check: "if len(r.%[1]s) == 0 && !r.All {\nv.add(%[1]q, \"TagKeys or All is required\")\n}"},
			"All":         {Doc: "All removes every tag of the resources. The service ignores it when TagKeys is not empty."},
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
		},
	},
	"ListTagResources": {
		Doc:        "it returns one page of the tags of endpoints or endpoint services: those of the resources in ResourceIDs, or of the resources carrying the tags in Tags. Use AllTagResources to iterate over every page.",
		Args:       []string{"ResourceType"},
		BuilderDoc: "that lists the tags of resources of resourceType; select them with WithResourceIDs or WithTags.",
		Params: map[string]field{
			"ResourceType": {Type: "TagResourceType", Doc: "ResourceType is the type of the resources to list. Required."},
			"ResourceId": {Go: "ResourceIDs", Max: "MaxTagResourceIDs", Doc: docResourceIDs + " ResourceIDs or Tags is required.", Each: "checkNotEmpty",
				// The service answers MissingResourceIdOrTagParam.
				Check: "if len(r.%[1]s) == 0 && len(r.Tags) == 0 {\nv.add(%[1]q, \"ResourceIDs or Tags is required\")\n}"},
			"Tag":         {Go: "Tags", Type: "Tag", Doc: "Tags selects resources that carry these tags; with an empty value, only the key is sent.", Check: "v.tagFilters(%[1]q, r.%[1]s)"},
			"ClientToken": {Doc: "ClientToken is sent as given; the metadata lists it, though listing changes nothing."},
			"NextToken":   {Doc: "NextToken is the NextToken of the previous page; empty for the first."},
		},
		Response: map[string]field{
			"TagResources":              {Doc: "TagResources holds one entry per tag of each resource."},
			"TagResources.ResourceId":   {Go: "ResourceID", Doc: "ResourceID is the tagged endpoint or endpoint service."},
			"TagResources.ResourceType": {Type: "TagResourceType", Doc: "ResourceType is the type of the resource."},
			"TagResources.TagKey":       {Go: "Tag.Key", Doc: "Tag is the tag."},
			"TagResources.TagValue":     {Go: "Tag.Value"},
			"NextToken":                 {Doc: "NextToken fetches the next page; empty on the last page."},
		},
		Items: map[string]item{"TagResources": {Name: "TagResource", Doc: "TagResource is one tag of one resource, as ListTagResources reports it."}},
		Paged: "TagResources",
		All:   "AllTagResources",
	},
	"ChangeResourceGroup": {
		Doc:        "it moves an endpoint or endpoint service into another resource group.",
		Kind:       "write",
		Args:       []string{"ResourceId", "ResourceGroupId"},
		BuilderDoc: "that moves resourceID into resourceGroupID.",
		Params: map[string]field{
			"ResourceId":      {Doc: "ResourceID is the endpoint or endpoint service to move. Required."},
			"ResourceGroupId": {Doc: "ResourceGroupID is the resource group to move it into. Required."},
			"ResourceType":    {Type: "ResourceGroupResourceType", Doc: "ResourceType is the type of the resource; empty means ResourceGroupResourceTypeVpcEndpoint."},
		},
	},
	"DescribeRegions": {
		Doc:        "it returns the regions where PrivateLink is available.",
		BuilderDoc: "for every region.",
		Params: map[string]field{
			"ServiceResourceType": {Type: "ServiceResourceType", Doc: "ServiceResourceType selects the regions that support endpoint services of this kind; ServiceResourceTypeAll selects every region."},
		},
		Response: map[string]field{
			"Regions.Region.ServiceResourceTypes.ServiceResourceType": {Go: "ServiceResourceTypes", Type: "ServiceResourceType", Doc: "ServiceResourceTypes are the kinds of load balancer the region's endpoint services may have (the service's ServiceResourceTypes.ServiceResourceType list)."},
			"Regions.Region":                {Go: "Regions", Doc: "Regions are the regions, from the service's Regions.Region list."},
			"Regions.Region.RegionId":       {Go: "RegionID", Doc: "RegionID is the region's ID, for example \"cn-hangzhou\"."},
			"Regions.Region.RegionEndpoint": {Doc: "RegionEndpoint is the host name of the region's PrivateLink API."},
			"Regions.Region.LocalName":      {Doc: "LocalName is the region's name in the service's language."},
		},
		Items: map[string]item{"Regions.Region": {Name: "Region", Doc: "Region is a region where PrivateLink is available."}},
	},
	"DescribeZones": {
		Doc:        "it returns the zones of the client's region where PrivateLink is available.",
		BuilderDoc: "for every zone of the client's region.",
		Params: map[string]field{
			"ServiceResourceType": {Type: "ServiceResourceType", Doc: "ServiceResourceType selects the zones that support endpoint services of this kind."},
			"CrossRegion":         {Doc: "CrossRegion lists the zones available to cross-region connections (added in API v5.0.10)."},
			"CrossRegionSide":     {Type: "CrossRegionSide", Doc: "CrossRegionSide chooses the side of a cross-region connection whose zones to list; only with CrossRegion."},
		},
		Response: map[string]field{
			"Zones.Zone":           {Go: "Zones", Doc: "Zones are the zones, from the service's Zones.Zone list."},
			"Zones.Zone.ZoneId":    {Go: "ZoneID", Doc: "ZoneID is the zone's ID, for example \"cn-hangzhou-b\"."},
			"Zones.Zone.LocalName": {Doc: "LocalName is the zone's name in the service's language."},
		},
		Items: map[string]item{"Zones.Zone": {Name: "AvailabilityZone", Doc: "AvailabilityZone is a zone where PrivateLink is available (an endpoint's own zones are Zone)."}},
	},
	"CheckProductOpen": {
		Doc:        "it reports whether the account has activated PrivateLink. An account that has not may get an *APIError with code ErrCodeNeedOpenProduct instead of Success false.",
		BuilderDoc: "for the caller's account.",
		Response: map[string]field{
			"Success": {Doc: "Success is true when PrivateLink is activated."},
		},
	},
	"OpenPrivateLinkService": {
		Doc:        "it activates PrivateLink for the account. An account that already has it gets an *APIError with code ErrCodeOrderOpend.",
		BuilderDoc: "for the caller's account.",
		Params: map[string]field{
			"OwnerId": {Go: "OwnerID", Doc: "OwnerID is an account ID the request carries. It is undocumented: only the newest API definition (v5.0.10) lists it, with no description, and no source says what the service does with it. The account to activate is the one of the credentials; leave OwnerID zero unless Alibaba Cloud asks for it.",
				Check: "v.check(%[1]q, checkAccountID(r.%[1]s))"},
		},
		Response: map[string]field{
			"OrderId": {Go: "OrderID", Doc: "OrderID is the activation order."},
		},
	},
}

// errorCodes documents the errorCodes the metadata gives the generated
// operations, each of which becomes an ErrCode constant. The generator
// stops on a code missing here.
var errorCodes = map[string]string{
	"AccountTypeRestricted":                 "The account may not activate PrivateLink before its beta application is approved.",
	"DuplicatedTagKey":                      "A tag key appears twice in the request.",
	"IllegalTagKeyParam":                    "A tag key is malformed.",
	"IllegalTagValueParam":                  "A tag value is malformed.",
	"InvalidAccountStatus.NotEnoughBalance": "The account's balance is too low to activate PrivateLink.",
	"InvalidResourceGroup":                  "The resource group does not exist.",
	"InvalidResourceId.NotFound":            "A resource to tag or untag does not exist.",
	"MissingParameter.ResourceGroupId":      "ChangeResourceGroup lacks the resource group.",
	"MissingParameter.ResourceId":           "ChangeResourceGroup lacks the resource.",
	"MissingParameter.ResourceRegionId":     "ChangeResourceGroup lacks the resource's region.",
	"MissingResourceIdOrTagParam":           "ListTagResources has neither resource IDs nor tags.",
	"MissingTagKeyParam":                    "A tag key is empty.",
	"MissingTagValueParam":                  "A tag value is empty.",
	"NeedOpenProduct":                       "PrivateLink is not activated for the account.",
	"NoPermission.ChangeResourceGroup":      "The caller may not change resource groups.",
	"OrderOpend":                            "PrivateLink is already activated for the account (the code is spelled so).",
	"QuotaExceed.TagsPerResource":           "A resource would have more tags than allowed.",
	"ResourceNotFound":                      "The resource of ChangeResourceGroup does not exist.",
	"SystemError":                           "The service failed while changing the resource group.",
	"TagInfoNotExist":                       "A tag to remove does not exist.",
}

// idChecks maps the wire names of the parameters that hold one kind of
// resource ID to the check of that kind's shape (validation_ids.go), which
// Validate applies to every such parameter of every operation, a list's
// elements included: "vcp-typo" as a VpcId, or an endpoint service's name
// as a ServiceId, is certain to fail (or, as a list filter, to match
// nothing, which reads as "none exist"), so it fails before sending. The
// prefixes are the ones every ID of the kind has; load balancer IDs
// (ResourceId) are not checked, since the reference gives no prefix for
// them.
var idChecks = map[string]string{
	"EndpointId":      "checkEndpointID",
	"ServiceId":       "checkServiceID",
	"VpcId":           "checkVpcID",
	"VSwitchId":       "checkVSwitchID",
	"SecurityGroupId": "checkSecurityGroupID",
}

// typedIDChecks maps the type of a request's ResourceType to the check of
// its ResourceId (or ResourceId.N), whose kind that type names: an
// endpoint ID for an endpoint, a service ID for a service
// (validation_ids.go).
var typedIDChecks = map[string]string{
	"TagResourceType":           "checkTaggedResourceID",
	"ResourceGroupResourceType": "checkGroupedResourceID",
}
