package main

// The overlay of the endpoint operations moved onto the generator from
// their hand-written files, with their public API unchanged. Corrections of
// the metadata: AddZoneToVpcEndpoint, AttachSecurityGroupToVpcEndpoint and
// DetachSecurityGroupFromVpcEndpoint are marked read (Kind "write");
// AddZoneToVpcEndpoint's "ip" is IP in Go; their
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
	"AddZoneToVpcEndpoint": {
		Doc:        "it adds a zone (an ENI in a vSwitch of that zone) to an endpoint. The endpoint is Pending until the zone is ready; ListVpcEndpointZones reports the zone's state.",
		Idempotent: true,
		Kind:       "write",
		Args:       []string{"EndpointId", "ZoneId", "VSwitchId"},
		BuilderDoc: "that adds zoneID, with an ENI in vSwitchID, to endpointID.",
		Params: map[string]field{
			"ClientToken": {Doc: docEndpointClientToken},
			"DryRun":      {Doc: docEndpointDryRun},
			"EndpointId":  {Doc: "EndpointID is the endpoint to extend. Required."},
			"Ipv6Address": {Doc: "IPv6Address is the ENI's IPv6 address, for dual-stack endpoints; whether the endpoint is one is known only to the service, which checks it.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkIPv6(r.%[1]s))\n}"},
			"VSwitchId": {Doc: "VSwitchID is the vSwitch in ZoneID that the new ENI is created in. Required."},
			"ZoneId": {Doc: "ZoneID is the zone to add. Required.",
				Check: "if looksLikeVSwitchID(r.%[1]s) {\nv.add(%[1]q, swappedZoneMessage(r.%[1]s))\n}"},
			"ip": {Go: "IP", Doc: "IP is the ENI's IPv4 address (\"ip\" on the wire); empty lets the service choose.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkIPv4(r.%[1]s))\n}"},
		},
	},
	"RemoveZoneFromVpcEndpoint": {
		Doc:        "it removes a zone and its ENI from an endpoint. The zone is Deleting until it is gone.",
		Idempotent: true,
		Args:       []string{"EndpointId", "ZoneId"},
		BuilderDoc: "that removes zoneID from endpointID.",
		Params: map[string]field{
			"ClientToken": {Doc: docEndpointClientToken},
			"DryRun":      {Doc: docEndpointDryRun},
			"EndpointId":  {Doc: "EndpointID is the endpoint. Required."},
			"ZoneId":      {Doc: "ZoneID is the zone to remove. Required."},
		},
	},
	"UpdateVpcEndpointAttribute": {
		Doc:        "it changes an endpoint's name, description, policy, IP version, zone affinity or cross-region bandwidth; fields left unset stay as they are.",
		Idempotent: true,
		Args:       []string{"EndpointId"},
		BuilderDoc: "for endpointID; set what to change with the With methods.",
		Params: map[string]field{
			"AddressIpVersion": {Type: "AddressIPVersion", Doc: "AddressIPVersion changes the IP version."},
			"ClientToken":      {Doc: docEndpointClientToken},
			"CrossRegionBandwidth": {Doc: "CrossRegionBandwidth is the new cross-region bandwidth in Mbit/s, for a cross-region endpoint; 0 leaves it unchanged. The en-US API metadata lists it without a description.",
				Check: "if r.%[1]s < 0 {\nv.add(%[1]q, \"must not be negative, got \"+itoa(r.%[1]s))\n}"},
			"DryRun": {Doc: docEndpointDryRun},
			"EndpointDescription": {Doc: "EndpointDescription is the new description; same rules as in CreateVpcEndpoint.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkEndpointDescription(r.%[1]s))\n}"},
			"EndpointId": {Doc: "EndpointID is the endpoint to change. Required."},
			"EndpointName": {Doc: "EndpointName is the new name; same rules as in CreateVpcEndpoint.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkEndpointName(r.%[1]s))\n}"},
			"PolicyDocument": {Doc: "PolicyDocument is the new RAM policy, a JSON document.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkPolicyDocument(r.%[1]s))\nif r.ResetPolicy {\nv.add(\"ResetPolicy\", \"give PolicyDocument or ResetPolicy, not both\")\n}\n}"},
			"ResetPolicy":         {Doc: "ResetPolicy puts the endpoint's default RAM policy back, instead of setting PolicyDocument (the two do not go together). The en-US API metadata lists it without a description."},
			"ZoneAffinityEnabled": {Optional: true, Doc: "ZoneAffinityEnabled turns zone affinity on (Some(true)) or off (Some(false)); unset leaves it alone. It is an Optional because false is an instruction of its own here."},
		},
	},
}
