package main

// The overlay of the endpoint operations moved onto the generator from
// their hand-written files, with their public API unchanged. Corrections of
// the metadata: AttachSecurityGroupToVpcEndpoint and
// DetachSecurityGroupFromVpcEndpoint are marked read (Kind "write"); their
// list item types (SecurityGroup, Zone) are the hand-written ones of
// types.go, which the endpoint's other answers share. The page-size
// constants stay hand-written in endpoint_limits.go.

func init() {
	for name, o := range endpointOps {
		ops[name] = o
	}
}

const (
	docEndpointClientToken = "ClientToken makes the call idempotent; see CreateVpcEndpointRequest.ClientToken."
	docEndpointDryRun      = "DryRun checks the request without acting on it: a request that passes fails with an error for which errors.Is(err, ErrDryRunPassed) is true."
)

var endpointOps = map[string]op{
	"DeleteVpcEndpoint": {
		Doc:        "it starts deleting an endpoint. The endpoint goes to Deleting and then is gone (GetVpcEndpointAttribute answers EndpointNotFound); wait for that with WaitUntilVpcEndpointDeleted.",
		Idempotent: true,
		Args:       []string{"EndpointId"},
		BuilderDoc: "for endpointID.",
		Params: map[string]field{
			"ClientToken": {Doc: docEndpointClientToken},
			"DryRun":      {Doc: docEndpointDryRun},
			"EndpointId":  {Doc: "EndpointID is the endpoint to delete. Required."},
		},
	},
	"AttachSecurityGroupToVpcEndpoint": {
		Doc:        "it attaches a security group to an endpoint's ENIs. The endpoint is Pending until the group is attached.",
		Idempotent: true,
		Kind:       "write",
		Args:       []string{"EndpointId", "SecurityGroupId"},
		BuilderDoc: "that attaches securityGroupID to endpointID.",
		Params: map[string]field{
			"ClientToken":     {Doc: docEndpointClientToken},
			"DryRun":          {Doc: docEndpointDryRun},
			"EndpointId":      {Doc: "EndpointID is the endpoint. Required."},
			"SecurityGroupId": {Doc: "SecurityGroupID is the security group. Required."},
		},
	},
	"DetachSecurityGroupFromVpcEndpoint": {
		Doc:        "it detaches a security group from an endpoint's ENIs; an endpoint keeps at least one group (the service answers EndpointMustContainSecurityGroup otherwise).",
		Idempotent: true,
		Kind:       "write",
		Args:       []string{"EndpointId", "SecurityGroupId"},
		BuilderDoc: "that detaches securityGroupID from endpointID.",
		Params: map[string]field{
			"ClientToken":     {Doc: docEndpointClientToken},
			"DryRun":          {Doc: docEndpointDryRun},
			"EndpointId":      {Doc: "EndpointID is the endpoint. Required."},
			"SecurityGroupId": {Doc: "SecurityGroupID is the security group. Required."},
		},
	},
	"ListVpcEndpointSecurityGroups": {
		Doc:        "it returns one page of the security groups associated with an endpoint. Use AllVpcEndpointSecurityGroups to iterate over every page.",
		Args:       []string{"EndpointId"},
		BuilderDoc: "for endpointID.",
		Params: map[string]field{
			"EndpointId": {Doc: "EndpointID is the endpoint whose security groups to list. Required."},
			"MaxResults": {Doc: "MaxResults is the page size, 1 to MaxListVpcEndpointSecurityGroupsResults; 0 leaves the service's default (50).",
				Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, MaxListVpcEndpointSecurityGroupsResults))"},
			"NextToken": {Doc: "NextToken is the NextToken of the previous page; empty for the first."},
		},
		Response: map[string]field{
			"MaxResults":                         {Doc: "MaxResults is the page size the service used."},
			"NextToken":                          {Doc: "NextToken fetches the next page; empty on the last page."},
			"SecurityGroups":                     {Doc: "SecurityGroups are this page's security groups."},
			"SecurityGroups.SecurityGroupId":     {},
			"SecurityGroups.SecurityGroupStatus": {},
			"TotalCount":                         {Doc: "TotalCount is the number of security groups over all pages."},
		},
		Items: map[string]item{"SecurityGroups": {Name: "SecurityGroup", Existing: true}},
		Paged: "SecurityGroups",
		All:   "AllVpcEndpointSecurityGroups",
	},
	"ListVpcEndpointZones": {
		Doc:        "it returns one page of an endpoint's zones with their ENIs, addresses, domains and states. Use AllVpcEndpointZones to iterate over every page.",
		Args:       []string{"EndpointId"},
		BuilderDoc: "for endpointID.",
		Params: map[string]field{
			"EndpointId": {Doc: "EndpointID is the endpoint whose zones to list. Required."},
			"MaxResults": {Doc: "MaxResults is the page size, 1 to MaxListVpcEndpointZonesResults; 0 leaves the service's default (50).",
				Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, MaxListVpcEndpointZonesResults))"},
			"NextToken": {Doc: "NextToken is the NextToken of the previous page; empty for the first."},
		},
		Response: map[string]field{
			"MaxResults":            {Doc: "MaxResults is the page size the service used."},
			"NextToken":             {Doc: "NextToken fetches the next page; empty on the last page."},
			"TotalCount":            {Doc: "TotalCount is the number of zones over all pages."},
			"Zones":                 {Doc: "Zones are this page's zones, as Zone values a create request takes back."},
			"Zones.EniId":           {},
			"Zones.EniIp":           {},
			"Zones.RegionId":        {},
			"Zones.VSwitchId":       {},
			"Zones.ZoneDomain":      {},
			"Zones.ZoneId":          {},
			"Zones.ZoneIpv6Address": {},
			"Zones.ZoneStatus":      {},
		},
		Items: map[string]item{"Zones": {Name: "Zone", Existing: true}},
		Paged: "Zones",
		All:   "AllVpcEndpointZones",
	},
}
