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
	enums = append(enums,
		enum{Name: "EndpointType", Existing: true, Values: []enumValue{{Value: "Interface"}, {Value: "Reverse"}, {Value: "GatewayLoadBalancer"}}},
		enum{Name: "EndpointStatus", Existing: true, Values: []enumValue{{Value: "Creating"}, {Value: "Active"}, {Value: "Pending"}, {Value: "Deleting"}}},
		enum{Name: "ZoneStatus", Existing: true, Values: []enumValue{{Value: "Creating"}, {Value: "Wait"}, {Value: "Connecting"}, {Value: "Connected"},
			{Value: "Disconnecting"}, {Value: "Disconnected"}, {Value: "Deleting"}, {Value: "Migrating"}, {Value: "Migrated"}}},
	)
}

// endpointFields are the response fields the embedded Endpoint decodes.
func endpointFields(prefix string, names ...string) map[string]field {
	m := map[string]field{}
	for _, n := range names {
		m[prefix+n] = field{Embedded: true}
	}
	return m
}

const (
	docEndpointClientToken = "ClientToken makes the call idempotent; see CreateVpcEndpointRequest.ClientToken."
	docEndpointDryRun      = "DryRun checks the request without acting on it: a request that passes fails with an error for which errors.Is(err, ErrDryRunPassed) is true."
)

var endpointOps = map[string]op{
	"DeleteVpcEndpoint": {
		Order:      []string{"EndpointID", "ClientToken", "DryRun"},
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
		Order:      []string{"EndpointID", "SecurityGroupID", "ClientToken", "DryRun"},
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
		Order:      []string{"EndpointID", "SecurityGroupID", "ClientToken", "DryRun"},
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
		Order:      []string{"EndpointID", "MaxResults", "NextToken"},
		RespOrder:  []string{"SecurityGroups", "NextToken", "MaxResults", "TotalCount"},
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
		Order:      []string{"EndpointID", "MaxResults", "NextToken"},
		RespOrder:  []string{"Zones", "NextToken", "MaxResults", "TotalCount"},
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
		Order:      []string{"EndpointID", "ZoneID", "VSwitchID", "IP", "IPv6Address", "ClientToken", "DryRun"},
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
		Order:      []string{"EndpointID", "ZoneID", "ClientToken", "DryRun"},
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
		Order:      []string{"EndpointID", "EndpointName", "EndpointDescription", "PolicyDocument", "ResetPolicy", "CrossRegionBandwidth", "AddressIPVersion", "ZoneAffinityEnabled", "ClientToken", "DryRun"},
		Doc:        "it changes an endpoint's name, description, policy, IP version, zone affinity or cross-region bandwidth; fields left unset stay as they are.",
		Idempotent: true,
		Args:       []string{"EndpointId"},
		BuilderDoc: "for endpointID; set what to change with the With methods.",
		Params: map[string]field{
			"AddressIpVersion": {Type: "AddressIPVersion", Doc: "AddressIPVersion changes the IP version."},
			"ClientToken":      {Doc: docEndpointClientToken},
			"CrossRegionBandwidth": {Doc: "CrossRegionBandwidth is the new cross-region bandwidth in Mbit/s, for a cross-region endpoint only: at least 100, at most the account's quota; 0 leaves it unchanged.",
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
	"GetVpcEndpointAttribute": {
		RespOrder:  []string{"Payer", "ZonePrivateIPAddressCount", "PrivateServiceName"},
		Doc:        "it returns the attributes of one endpoint. An endpoint that does not exist (including one just created, for a short while) gives an *APIError with code ErrCodeEndpointNotFound; see IsEndpointNotFound.",
		Args:       []string{"EndpointId"},
		BuilderDoc: "for endpointID.",
		Params:     map[string]field{"EndpointId": {Doc: "EndpointID is the endpoint to describe. Required."}},
		Embed:      "Endpoint",
		EmbedDoc:   "Endpoint holds the endpoint's attributes (resp.EndpointStatus, resp.ConnectionStatus and so on).",
		Response: with(endpointFields("", "AddressIpVersion", "CrossRegionBandwidth", "ServiceRegionId", "Bandwidth", "ConnectionStatus", "CreateTime", "EndpointBusinessStatus", "EndpointDescription",
			"EndpointDomain", "EndpointId", "EndpointName", "EndpointStatus", "EndpointType", "PolicyDocument", "RegionId",
			"ResourceGroupId", "ResourceOwner", "ServiceId", "ServiceName", "VpcId", "ZoneAffinityEnabled"), map[string]field{
			"Payer":                     {Type: "Payer", Doc: "Payer says who pays for the endpoint."},
			"ZonePrivateIpAddressCount": {Type: "int", Doc: "ZonePrivateIPAddressCount is the number of private IP addresses of each zone's ENI (always 1 today)."},
		}),
		// The service sends it; the metadata of 2020-04-15 does not list it.
		ExtraResponse: map[string]field{
			"PrivateServiceName": {Doc: "PrivateServiceName is the service's private domain name, when it has one."},
		},
	},
	"ListVpcEndpoints": {
		Order:      []string{"EndpointID", "EndpointName", "EndpointType", "EndpointStatus", "ConnectionStatus", "ServiceName", "ServiceRegionID", "VpcID", "ResourceGroupID", "AddressIPVersion", "Tags", "MaxResults", "NextToken"},
		RespOrder:  []string{"Endpoints", "NextToken", "MaxResults", "TotalCount"},
		Doc:        "it returns one page of the region's endpoints that match req's filters. Use AllVpcEndpoints to iterate over every page.",
		BuilderDoc: "that matches every endpoint of the region until filters are added.",
		Params: map[string]field{
			"AddressIpVersion": {Type: "AddressIPVersion", Doc: "AddressIPVersion selects endpoints of one IP version."},
			"ConnectionStatus": {Type: "ConnectionStatus", Doc: "ConnectionStatus selects endpoints whose connection is in one state."},
			"EndpointId":       {Doc: "EndpointID selects one endpoint."},
			"EndpointName":     {Doc: "EndpointName selects endpoints by name."},
			"EndpointStatus":   {Type: "EndpointStatus", Doc: "EndpointStatus selects endpoints in one state."},
			"EndpointType":     {Type: "EndpointType", Doc: "EndpointType selects endpoints of one type."},
			"MaxResults": {Doc: "MaxResults is the page size, 1 to MaxListVpcEndpointsResults; 0 leaves the service's default (50).",
				Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, MaxListVpcEndpointsResults))"},
			"NextToken":       {Doc: "NextToken is the NextToken of the previous page; empty for the first."},
			"ResourceGroupId": {Doc: "ResourceGroupID selects endpoints in one resource group."},
			"ServiceName":     {Doc: "ServiceName selects endpoints of one endpoint service."},
			"ServiceRegionId": {Doc: "ServiceRegionID selects cross-region endpoints whose endpoint service is in this region; the en-US API metadata lists it without a description."},
			"Tag":             {Go: "Tags", Type: "Tag", Doc: "Tags selects endpoints that carry every one of these tags; a tag without a value is sent as its key alone.", Check: "v.tagFilters(%[1]q, r.%[1]s)"},
			"VpcId":           {Doc: "VpcID selects endpoints in one VPC."},
		},
		Response: with(endpointFields("Endpoints.", "AddressIpVersion", "CrossRegionBandwidth", "ServiceRegionId", "Bandwidth", "ConnectionStatus", "CreateTime", "EndpointBusinessStatus", "EndpointDescription",
			"EndpointDomain", "EndpointId", "EndpointName", "EndpointStatus", "EndpointType", "PolicyDocument", "RegionId",
			"ResourceGroupId", "ResourceOwner", "ServiceId", "ServiceName", "Tags", "Tags.Key", "Tags.Value", "VpcId", "ZoneAffinityEnabled"), map[string]field{
			"Endpoints":  {Doc: "Endpoints are this page's endpoints."},
			"MaxResults": {Doc: "MaxResults is the page size the service used."},
			"NextToken":  {Doc: "NextToken fetches the next page; empty on the last page."},
			"TotalCount": {Doc: "TotalCount is the number of endpoints that match, over all pages."},
		}),
		Items: map[string]item{"Endpoints": {Name: "Endpoint", Existing: true}, "Endpoints.Tags": {Name: "Tag", Existing: true}},
		Paged: "Endpoints",
		All:   "AllVpcEndpoints",
	},
	"CreateVpcEndpoint": {
		Order:      []string{"VpcID", "ServiceID", "ServiceName", "ServiceRegionID", "EndpointName", "EndpointDescription", "EndpointType", "AddressIPVersion", "Zones", "SecurityGroupIDs", "ZonePrivateIPAddressCount", "ZoneAffinityEnabled", "ProtectedEnabled", "CrossRegionBandwidth", "ResourceGroupID", "PolicyDocument", "Tags", "ClientToken", "DryRun"},
		Doc:        "it creates an endpoint that connects req.VpcID to an endpoint service. Creation is asynchronous: the endpoint is returned in state Creating and becomes Active later (poll GetVpcEndpointAttribute, or use a waiter), and the ClientToken lets the call be repeated without creating a second endpoint.",
		Idempotent: true,
		Args:       []string{"VpcId"},
		BuilderDoc: "for the endpoint in vpcID. Add the service with WithServiceID or WithServiceName.",
		Params: map[string]field{
			"AddressIpVersion": {Type: "AddressIPVersion", Doc: "AddressIPVersion defaults to AddressIPVersionIPv4."},
			"ClientToken":      {Doc: "ClientToken makes the call idempotent: the same token with the same parameters returns the original endpoint instead of creating another. At most 64 printable ASCII characters. When empty, the client generates a fresh one for each call, reports it in the response and in errors, and leaves the request unchanged: the same struct sent twice without a token creates two endpoints. To make a re-send the same create, set one (NewClientToken) or build the request with NewCreateVpcEndpoint, whose Build fixes one."},
			"CrossRegionBandwidth": {Doc: "CrossRegionBandwidth is the bandwidth of a cross-region endpoint in Mbit/s: at least 100, at most the account's quota.",
				Check: "if r.%[1]s < 0 {\nv.add(%[1]q, \"must not be negative, got \"+itoa(r.%[1]s))\n}"},
			"DryRun": {Doc: "DryRun asks the service to check the request without creating anything. A request that passes fails with an *APIError for which errors.Is(err, ErrDryRunPassed) is true; any other error is what the real request would have met."},
			"EndpointDescription": {Doc: "EndpointDescription is 2 to 256 characters and must not start with http:// or https://.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkEndpointDescription(r.%[1]s))\n}"},
			"EndpointName": {Doc: "EndpointName is 2 to 128 characters: an English letter or Chinese character, then letters, Chinese characters, digits, '-' and '_'.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkEndpointName(r.%[1]s))\n}"},
			"EndpointType": {Type: "EndpointType", Doc: "EndpointType defaults to EndpointTypeInterface."},
			"PolicyDocument": {Doc: "PolicyDocument is the endpoint's RAM policy, a JSON document.",
				Check: "if r.%[1]s != \"\" {\nv.check(%[1]q, checkPolicyDocument(r.%[1]s))\n}"},
			"ProtectedEnabled": {Doc: "ProtectedEnabled turns on managed protection: with STS credentials, only the creator may then change or delete the endpoint."},
			"ResourceGroupId":  {Doc: "ResourceGroupID is the resource group of the endpoint."},
			"SecurityGroupId": {Go: "SecurityGroupIDs", Doc: "SecurityGroupIDs lists at most MaxSecurityGroups security groups for the endpoint's ENIs, none twice. An Interface endpoint needs at least one; a GatewayLoadBalancer endpoint takes none.",
				Check: "v.securityGroupIDs(r.%[1]s)\nv.securityGroupsForType(r.EndpointType, r.%[1]s)"},
			"ServiceId": {Doc: "ServiceID is the endpoint service to connect to. ServiceID or ServiceName is required.",
				Check: "if r.%[1]s == \"\" && r.ServiceName == \"\" {\nv.add(%[1]q, \"ServiceID or ServiceName is required\")\n}"},
			"ServiceName":     {Doc: "ServiceName is the name of the endpoint service to connect to, for example \"com.aliyuncs.privatelink.cn-huhehaote.epsrv-...\"."},
			"ServiceRegionId": {Doc: "ServiceRegionID is the region of the endpoint service, for a cross-region endpoint; the service's default is the endpoint's region."},
			"Tag":             {Go: "Tags", Type: "Tag", Doc: "Tags lists at most MaxTags tags, no key twice.", Check: "v.tags(%[1]q, r.%[1]s)"},
			"VpcId":           {Doc: "VpcID is the VPC to create the endpoint in. Required."},
			"Zone": {Go: "Zones", Type: "Zone", SubNames: map[string]string{"ip": "IP"},
				Doc:   "Zones lists at most MaxZones zones, each with ZoneID and VSwitchID and no zone twice. Only ZoneID, VSwitchID, IP and IPv6Address are sent.",
				Check: "v.zones(r.%[1]s, r.AddressIPVersion)"},
			"ZoneAffinityEnabled": {Doc: "ZoneAffinityEnabled routes requests to the endpoint's ENI in the client's zone."},
			"ZonePrivateIpAddressCount": {Type: "int", Doc: "ZonePrivateIPAddressCount is the number of private IP addresses of each zone's ENI; the only accepted value is 1.",
				Check: "if r.%[1]s != 0 && r.%[1]s != 1 {\nv.add(%[1]q, \"must be 1 (or 0 to leave it unset), got \"+itoa(r.%[1]s))\n}"},
		},
		Embed:    "Endpoint",
		EmbedDoc: "Endpoint is the new endpoint, usually EndpointStatusCreating.",
		Response: endpointFields("", "Bandwidth", "ConnectionStatus", "CreateTime", "EndpointBusinessStatus", "EndpointDescription",
			"EndpointDomain", "EndpointId", "EndpointName", "EndpointStatus", "ServiceId", "ServiceName", "VpcId",
			"AddressIpVersion", "CrossRegionBandwidth", "ServiceRegionId", "ZoneAffinityEnabled"),
	},
}
