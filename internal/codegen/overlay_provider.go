package main

// The overlay of the 20 provider-side operations (issue 10): endpoint
// services, their allow-lists, service resources and connections. It is
// part of the one overlay, kept in its own file so each reads in one
// sitting; init merges it into ops, enums and errorCodes.
//
// Corrections of the metadata made here:
//   - AddUserToVpcEndpointService, AttachResourceToVpcEndpointService and
//     DetachResourceFromVpcEndpointService marked read: Kind "write".
//   - TotalCount a string in ListVpcEndpointServicesByEndUser,
//     ListVpcEndpointServiceUsers and ListVpcEndpointConnections: Type
//     "int" (the decoder reads a number in a string exactly).
//   - UserId and UserARN both optional, one of them required in prose
//     only: a Check.
//   - ResourceAllocateMode and ResourceReplaceMode have empty enums; their
//     values come from the prose.
//   - ServiceSupportIPv6 is superseded by AddressIpVersion in the en-US
//     metadata: Deprecated.
//   - Bandwidth (100 to 10240 Mbit/s) and MaxResults (1 to 50 or 1000)
//     ranges are prose only: Checks.

func init() {
	for name, o := range providerOps {
		ops[name] = o
	}
	enums = append(enums, providerEnums...)
	for code, doc := range providerErrorCodes {
		errorCodes[code] = doc
	}
}

const (
	docServiceID    = "ServiceID is the endpoint service. Required."
	docEndpointID   = "EndpointID is the endpoint whose connection this is. Required."
	docMaxResults50 = "MaxResults is the page size, 1 to 50; 0 leaves it to the service (50)."
	docNextToken    = "NextToken is the NextToken of the previous page; empty for the first."
	docNextTokenOut = "NextToken fetches the next page; empty on the last page."
	docMaxResultOut = "MaxResults is the page size the service used."
	docIPv6Dep      = "use AddressIPVersion (AddressIPVersionDualStack), which the newer API metadata has in its place."
	docIPv6RespDep  = "the newer API metadata describes IPv6 support by AddressIpVersion (AddressIPVersionDualStack) in requests; this field stays for services that still report it."
	docBandwidth    = "Bandwidth is the connection's bandwidth in Mbit/s, 100 to 10240 (the service's default is 3072, and a connection to CLB or ALB resources may go below it); 0 leaves it unchanged. Network Load Balancer resources ignore it."
	docTraffic      = "TrafficControlMode chooses how the connection's bandwidth is controlled: TrafficControlModeScalability (NLB's default; the only mode for GWLB) or TrafficControlModeBandwidthLimit (the only mode for CLB), under which Bandwidth caps the connection."
	docSupported    = "SupportedRegions are the regions from which endpoints may connect to the service across regions, with the service's state in each (the SupportedRegionSet answer, added to the API in 2026)."
)

var providerEnums = []enum{
	{Name: "AddressIPVersion", Existing: true, Values: []enumValue{{Value: "IPv4"}, {Value: "DualStack"}}},
	{Name: "Payer", Existing: true, Values: []enumValue{{Value: "Endpoint"}, {Value: "EndpointService"}}},
	{Name: "ConnectionStatus", Existing: true, Values: []enumValue{
		{Value: "Pending"}, {Value: "Connecting"}, {Value: "Connected"}, {Value: "Disconnecting"},
		{Value: "Disconnected"}, {Value: "Deleting"}, {Value: "ServiceDeleted"}}},
	{
		Name: "ServiceStatus",
		Doc:  "ServiceStatus is the lifecycle state of an endpoint service.",
		Values: []enumValue{
			{"ServiceStatusCreating", "Creating", "is an endpoint service being created."},
			{"ServiceStatusPending", "Pending", "is an endpoint service being modified."},
			{"ServiceStatusActive", "Active", "is an endpoint service that is available."},
			{"ServiceStatusDeleting", "Deleting", "is an endpoint service being deleted."},
		},
	},
	{
		Name: "ServiceBusinessStatus",
		Doc:  "ServiceBusinessStatus is the billing state of an endpoint service.",
		Values: []enumValue{
			{"ServiceBusinessStatusNormal", "Normal", "is an endpoint service that runs normally."},
			{"ServiceBusinessStatusFinancialLocked", "FinancialLocked", "is an endpoint service locked over an overdue payment."},
		},
	},
	{
		Name: "ServiceType",
		Doc:  "ServiceType is the kind of an endpoint service: Interface or GatewayLoadBalancer, the values the API documents.",
		Values: []enumValue{
			{"ServiceTypeInterface", "Interface", "is an interface endpoint service, whose resources are CLB, ALB or NLB instances."},
			{"ServiceTypeGatewayLoadBalancer", "GatewayLoadBalancer", "is a Gateway Load Balancer endpoint service, whose resources are GWLB instances and whose endpoints are of EndpointTypeGatewayLoadBalancer (added to the API in 2025-26)."},
		},
	},
	{
		Name: "TrafficControlMode",
		Doc:  "TrafficControlMode is how the bandwidth of an endpoint connection is controlled (added to the API in December 2025).",
		Values: []enumValue{
			{"TrafficControlModeScalability", "Scalability", "scales the connection automatically; its Bandwidth has no effect."},
			{"TrafficControlModeBandwidthLimit", "BandwidthLimit", "caps the connection at its Bandwidth."},
		},
	},
	{
		Name: "RegionServiceStatus",
		Doc:  "RegionServiceStatus is the state of an endpoint service in a region it supports for cross-region connections.",
		Values: []enumValue{
			{"RegionServiceStatusPending", "Pending", "is a supported region being changed."},
			{"RegionServiceStatusAvailable", "Available", "is a region where the service is available."},
			{"RegionServiceStatusDeleting", "Deleting", "is a supported region being removed."},
			{"RegionServiceStatusFailed", "Failed", "is a region the service failed to be deployed in."},
			{"RegionServiceStatusClosed", "Closed", "is a region where the service is not available."},
		},
	},
	{
		Name: "UserListType",
		Doc:  "UserListType chooses which allow-list ListVpcEndpointServiceUsers returns: account IDs (Users) or ARNs (UserARNs).",
		Values: []enumValue{
			{"UserListTypeUsers", "Users", "lists the allowed account IDs, in the Users answer."},
			{"UserListTypeUserARNs", "UserARNs", "lists the allowed ARNs, in the UserARNs answer."},
		},
	},
	{
		Name: "ResourceAllocateMode",
		Doc:  "ResourceAllocateMode is how the service resource of a zone connection is chosen. It can be changed only while the connection is Disconnected.",
		Values: []enumValue{
			{"ResourceAllocateModeAuto", "Auto", "lets the service pick a resource at random, dropping a resource set by hand."},
			{"ResourceAllocateModeManual", "Manual", "uses the resource the request names (ResourceID and ResourceType are then required)."},
		},
	},
	{
		Name: "ResourceReplaceMode",
		Doc:  "ResourceReplaceMode is how a Connected zone connection moves to another service resource.",
		Values: []enumValue{
			{"ResourceReplaceModeGraceful", "Graceful", "migrates the zone's connections smoothly."},
			{"ResourceReplaceModeForce", "Force", "migrates them at once."},
		},
	},
}

// serviceFields are the response fields that describe an endpoint service
// in GetVpcEndpointServiceAttribute and ListVpcEndpointServices.
func serviceFields(prefix string) map[string]field {
	return with(supportedRegionFields(prefix), map[string]field{
		prefix + "AutoAcceptEnabled":     {Doc: "AutoAcceptEnabled reports whether connection requests are accepted without the provider's action."},
		prefix + "ConnectBandwidth":      {Doc: "ConnectBandwidth is the default bandwidth of a new connection, in Mbit/s."},
		prefix + "CreateTime":            {Type: "time.Time", Doc: "CreateTime is when the service was created; zero when the service sent no time in RFC 3339 or its minute form (2021-09-24T18:00Z)."},
		prefix + "MaxBandwidth":          {Doc: "MaxBandwidth is the most bandwidth a connection may have, in Mbit/s."},
		prefix + "MinBandwidth":          {Doc: "MinBandwidth is the least bandwidth a connection may have, in Mbit/s."},
		prefix + "Payer":                 {Type: "Payer", Doc: "Payer says who pays for the endpoints' traffic."},
		prefix + "RegionId":              {Doc: "RegionID is the region of the service."},
		prefix + "ResourceGroupId":       {Doc: "ResourceGroupID is the resource group of the service."},
		prefix + "ServiceBusinessStatus": {Type: "ServiceBusinessStatus", Doc: "ServiceBusinessStatus is the service's billing state."},
		prefix + "ServiceDescription":    {Doc: "ServiceDescription is the service's description."},
		prefix + "ServiceDomain":         {Doc: "ServiceDomain is the service's domain name."},
		prefix + "ServiceId":             {Doc: "ServiceID is the service's ID."},
		prefix + "ServiceName":           {Doc: "ServiceName is the service's name, which endpoints give to connect."},
		prefix + "ServiceResourceType":   {Type: "ServiceResourceType", Doc: "ServiceResourceType is the kind of load balancer behind the service."},
		prefix + "ServiceStatus":         {Type: "ServiceStatus", Doc: "ServiceStatus is the service's lifecycle state."},
		prefix + "ServiceSupportIPv6":    {Go: "ServiceSupportIPv6", Doc: "ServiceSupportIPv6 reports whether the service supports IPv6.", Deprecated: docIPv6RespDep},
		prefix + "ServiceType":           {Type: "ServiceType", Doc: "ServiceType is the kind of service."},
		prefix + "ZoneAffinityEnabled":   {Doc: "ZoneAffinityEnabled reports whether endpoint domain names resolve to the nearest zone first."},
		prefix + "AddressIpVersion":      {Type: "AddressIPVersion", Doc: "AddressIPVersion is the service's IP version, IPv4 or DualStack."},
	})
}

// supportedRegionFields are the SupportedRegionSet answer of the service
// operations.
func supportedRegionFields(prefix string) map[string]field {
	return map[string]field{
		prefix + "SupportedRegionSet":                      {Go: "SupportedRegions", Doc: docSupported},
		prefix + "SupportedRegionSet.SupportedRegionId":    {Go: "SupportedRegionID", Doc: "SupportedRegionID is the region endpoints may connect from."},
		prefix + "SupportedRegionSet.ServiceRegionId":      {Go: "ServiceRegionID", Doc: "ServiceRegionID is the region of the endpoint service."},
		prefix + "SupportedRegionSet.RegionServiceStatus":  {Type: "RegionServiceStatus", Doc: "RegionServiceStatus is the service's state in the region."},
		prefix + "SupportedRegionSet.RegionBusinessStatus": {Type: "ServiceBusinessStatus", Doc: "RegionBusinessStatus is the service's billing state in the region."},
	}
}

// supportedRegionItem is the item type of SupportedRegionSet.
var supportedRegionItem = item{Name: "SupportedRegion", GeneratedBy: "CreateVpcEndpointService", Doc: "SupportedRegion is a region from which endpoints may connect to an endpoint service across regions, as CreateVpcEndpointService, GetVpcEndpointServiceAttribute and ListVpcEndpointServices report it."}

func with(m map[string]field, more ...map[string]field) map[string]field {
	for _, mm := range more {
		for k, v := range mm {
			m[k] = v
		}
	}
	return m
}

var providerOps = map[string]op{
	"CreateVpcEndpointService": {
		Doc:        "it creates an endpoint service in front of load balancers. The service starts Creating; WaitUntilVpcEndpointServiceActive waits until it is Active.",
		Idempotent: true,
		BuilderDoc: "for a new endpoint service; add its load balancers with WithResources or WithResource.",
		Params: map[string]field{
			"AddressIpVersion":    {Type: "AddressIPVersion", Doc: "AddressIPVersion is IPv4 (the default) or DualStack, which only services whose resources are NLB instances that support dual stack may have."},
			"AutoAcceptEnabled":   {Doc: "AutoAcceptEnabled accepts connection requests without the provider's action."},
			"ClientToken":         {Doc: docClientToken},
			"DryRun":              {Doc: docDryRun},
			"Payer":               {Type: "Payer", Doc: "Payer says who pays: PayerEndpoint (the service consumer) or PayerEndpointService (the provider)."},
			"Resource":            {Go: "Resources", Type: "ServiceResourceRef", Subs: map[string]string{"ResourceType": "ServiceResourceType"}, Doc: "Resources are the load balancers behind the service, at most MaxServiceResources; more can be attached later.", Check: "v.serviceResources(%[1]q, r.%[1]s, r.ServiceResourceType)"},
			"ResourceGroupId":     {Doc: "ResourceGroupID is the resource group of the service."},
			"ServiceDescription":  {Doc: "ServiceDescription describes the service."},
			"ServiceResourceType": {Type: "ServiceResourceType", Doc: "ServiceResourceType is the kind of load balancer behind the service."},
			"ServiceSupportIPv6":  {Go: "ServiceSupportIPv6", Doc: "ServiceSupportIPv6 turns IPv6 on for the service.", Deprecated: docIPv6Dep},
			"SupportedRegionList": {Go: "SupportedRegions", Doc: "SupportedRegions are the regions in which the endpoint service is available: service consumers may connect endpoints to it from these regions.", Each: "checkNotEmpty"},
			"Tag":                 {Go: "Tags", Type: "Tag", Doc: "Tags are the service's tags, at most MaxTags, no key twice.", Check: "v.tags(%[1]q, r.%[1]s)"},
			"ZoneAffinityEnabled": {Doc: "ZoneAffinityEnabled resolves endpoint domain names to the nearest zone first."},
		},
		Response: with(map[string]field{
			"AutoAcceptEnabled":     {Doc: "AutoAcceptEnabled reports whether connection requests are accepted without the provider's action."},
			"CreateTime":            {Type: "time.Time", Doc: "CreateTime is when the service was created; zero when the service sent no time in RFC 3339 or its minute form (2021-09-24T18:00Z)."},
			"ResourceGroupId":       {Doc: "ResourceGroupID is the resource group of the service."},
			"ServiceBusinessStatus": {Type: "ServiceBusinessStatus", Doc: "ServiceBusinessStatus is the service's billing state."},
			"ServiceDescription":    {Doc: "ServiceDescription is the service's description."},
			"ServiceDomain":         {Doc: "ServiceDomain is the service's domain name."},
			"ServiceId":             {Doc: "ServiceID is the new service's ID."},
			"ServiceName":           {Doc: "ServiceName is the service's name, which endpoints give to connect."},
			"ServiceStatus":         {Type: "ServiceStatus", Doc: "ServiceStatus is the service's state, Creating at first."},
			"ServiceSupportIPv6":    {Go: "ServiceSupportIPv6", Doc: "ServiceSupportIPv6 reports whether the service supports IPv6.", Deprecated: docIPv6RespDep},
			"ZoneAffinityEnabled":   {Doc: "ZoneAffinityEnabled reports whether endpoint domain names resolve to the nearest zone first."},
		}, supportedRegionFields(""), map[string]field{
			"AddressIpVersion": {Type: "AddressIPVersion", Doc: "AddressIPVersion is the service's IP version, IPv4 or DualStack."},
		}),
		Items: map[string]item{"SupportedRegionSet": supportedRegionItem},
		Adders: []adder{{Name: "WithResource", Params: "resourceType ServiceResourceType, resourceID, zoneID string",
			Body: "b.req.Resources = append(b.req.Resources, ServiceResourceRef{ResourceType: resourceType, ResourceID: resourceID, ZoneID: zoneID})",
			Doc:  "WithResource adds the load balancer resourceID of resourceType in zoneID."}},
	},
	"GetVpcEndpointServiceAttribute": {
		Doc:        "it returns the attributes of an endpoint service.",
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID.",
		Params:     map[string]field{"ServiceId": {Doc: docServiceID}},
		Response: with(serviceFields(""), map[string]field{
			"Zones": {Doc: "Zones are the zones of the service's resources."},
		}),
		Items: map[string]item{"SupportedRegionSet": supportedRegionItem},
	},
	"ListVpcEndpointServices": {
		Doc:        "it returns one page of the caller's endpoint services, filtered by the request's fields. Use AllVpcEndpointServices to iterate over every page.",
		BuilderDoc: "for every endpoint service of the caller; narrow it with the With methods.",
		Params: map[string]field{
			"AddressIpVersion":      {Type: "AddressIPVersion", Doc: "AddressIPVersion selects services of this IP version."},
			"AutoAcceptEnabled":     {Optional: true, Doc: "AutoAcceptEnabled selects services that accept connections automatically (Some(true)) or not (Some(false)); unset selects both."},
			"MaxResults":            {Doc: "MaxResults is the page size, 1 to 1000; 0 leaves it to the service (50).", Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, 1000))"},
			"NextToken":             {Doc: docNextToken},
			"ResourceGroupId":       {Doc: "ResourceGroupID selects services of this resource group."},
			"ResourceId":            {Doc: "ResourceID selects services with this load balancer behind them."},
			"ServiceBusinessStatus": {Type: "ServiceBusinessStatus", Doc: "ServiceBusinessStatus selects services in this billing state."},
			"ServiceId":             {Doc: "ServiceID selects one service."},
			"ServiceName":           {Doc: "ServiceName selects services of this name."},
			"ServiceResourceType":   {Type: "ServiceResourceType", Doc: "ServiceResourceType selects services whose resources are of this kind."},
			"ServiceStatus":         {Type: "ServiceStatus", Doc: "ServiceStatus selects services in this state."},
			"Tag":                   {Go: "Tags", Type: "Tag", Doc: "Tags selects services that carry these tags.", Check: "v.tagFilters(%[1]q, r.%[1]s)"},
			"ZoneAffinityEnabled":   {Optional: true, Doc: "ZoneAffinityEnabled selects services with zone affinity on (Some(true)) or off (Some(false)); unset selects both."},
		},
		Response: with(serviceFields("Services."), map[string]field{
			"Services":            {Doc: "Services are this page's endpoint services."},
			"Services.Tags":       {Doc: "Tags are the service's tags."},
			"Services.Tags.Key":   {},
			"Services.Tags.Value": {},
			"MaxResults":          {Doc: docMaxResultOut},
			"NextToken":           {Doc: docNextTokenOut},
			"TotalCount":          {Doc: "TotalCount is the number of services that match, over all pages."},
		}),
		Items: map[string]item{
			"Services":                    {Name: "EndpointService", Doc: "EndpointService is an endpoint service as ListVpcEndpointServices reports it."},
			"Services.Tags":               {Name: "Tag", Existing: true},
			"Services.SupportedRegionSet": supportedRegionItem,
		},
		Paged: "Services",
		All:   "AllVpcEndpointServices",
	},
	"UpdateVpcEndpointServiceAttribute": {
		Doc:        "it changes the attributes of an endpoint service; fields left unset keep their values.",
		Idempotent: true,
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID; set what to change with the With methods.",
		Params: map[string]field{
			"AddSupportedRegionSet":    {Go: "AddSupportedRegions", Doc: "AddSupportedRegions are remote regions to add to the service's supported regions, those endpoints may connect from.", Each: "checkNotEmpty"},
			"AddressIpVersion":         {Type: "AddressIPVersion", Doc: "AddressIPVersion changes the service's IP version; DualStack only for services whose resources are NLB instances."},
			"AutoAcceptEnabled":        {Optional: true, Doc: "AutoAcceptEnabled turns automatic acceptance of connection requests on (Some(true)) or off (Some(false)); unset leaves it alone."},
			"ClientToken":              {Doc: docClientToken},
			"ConnectBandwidth":         {Doc: "ConnectBandwidth is the default bandwidth of new connections in Mbit/s, 100 to 10240, for CLB and ALB resources only; 0 leaves it unchanged.", Check: "v.check(%[1]q, checkBandwidth(r.%[1]s))"},
			"DeleteSupportedRegionSet": {Go: "DeleteSupportedRegions", Doc: "DeleteSupportedRegions are remote regions to remove from the service's supported regions.", Each: "checkNotEmpty"},
			"DryRun":                   {Doc: docDryRun},
			"ServiceDescription":       {Doc: "ServiceDescription is the new description."},
			"ServiceId":                {Doc: docServiceID},
			"ServiceSupportIPv6":       {Go: "ServiceSupportIPv6", Optional: true, Doc: "ServiceSupportIPv6 turns IPv6 on (Some(true)) or off (Some(false)); unset leaves it alone.", Deprecated: docIPv6Dep},
			"ZoneAffinityEnabled":      {Optional: true, Doc: "ZoneAffinityEnabled turns zone affinity on (Some(true)) or off (Some(false)); unset leaves it alone."},
		},
	},
	"DeleteVpcEndpointService": {
		Doc:        "it deletes an endpoint service, which must have no connected endpoints. While connections are going away the service answers ErrCodeEndpointServiceConnectionDependence; DeleteVpcEndpointServiceAndWait retries that code within a budget and waits until the service is gone.",
		Idempotent: true,
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID.",
		Params: map[string]field{
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
			"ServiceId":   {Doc: docServiceID},
		},
	},
	"ListVpcEndpointServicesByEndUser": {
		Doc:        "it returns one page of the endpoint services the caller may connect endpoints to. Use AllVpcEndpointServicesByEndUser to iterate over every page.",
		BuilderDoc: "for every service the caller may use; narrow it with the With methods.",
		Params: map[string]field{
			"MaxResults":      {Doc: "MaxResults is the page size, 1 to 1000; 0 leaves it to the service (50).", Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, 1000))"},
			"NextToken":       {Doc: docNextToken},
			"ResourceGroupId": {Doc: "ResourceGroupID selects services of this resource group."},
			"ServiceId":       {Doc: "ServiceID selects one service."},
			"ServiceName":     {Doc: "ServiceName selects services of this name."},
			"ServiceRegionId": {Go: "ServiceRegionID", Doc: "ServiceRegionID selects services of another region, for cross-region endpoints; the API metadata lists it without a description."},
			"ServiceType":     {Type: "ServiceType", Doc: "ServiceType selects services of this kind."},
			"Tag":             {Go: "Tags", Type: "Tag", Doc: "Tags selects services that carry these tags.", Check: "v.tagFilters(%[1]q, r.%[1]s)"},
		},
		Response: map[string]field{
			"Services":                            {Doc: "Services are this page's services."},
			"Services.Payer":                      {Type: "Payer", Doc: "Payer says who pays for the endpoints' traffic."},
			"Services.ResourceGroupId":            {Doc: "ResourceGroupID is the resource group of the service."},
			"Services.ServiceDomain":              {Doc: "ServiceDomain is the service's domain name."},
			"Services.ServiceId":                  {Doc: "ServiceID is the service to pass to CreateVpcEndpoint."},
			"Services.ServiceName":                {Doc: "ServiceName is the service's name."},
			"Services.ServiceResourceType":        {Type: "ServiceResourceType", Doc: "ServiceResourceType is the kind of load balancer behind the service."},
			"Services.ServiceSupportIPv6":         {Go: "ServiceSupportIPv6", Doc: "ServiceSupportIPv6 reports whether the service supports IPv6.", Deprecated: docIPv6RespDep},
			"Services.ServiceType":                {Type: "ServiceType", Doc: "ServiceType is the kind of service."},
			"Services.Tags":                       {Doc: "Tags are the service's tags."},
			"Services.Tags.Key":                   {},
			"Services.Tags.Value":                 {},
			"Services.Zones":                      {Doc: "Zones are the zones an endpoint may use with the service."},
			"Services.AddressIpVersion":           {Type: "AddressIPVersion", Doc: "AddressIPVersion is the service's IP version, IPv4 or DualStack."},
			"Services.AutoAcceptEnabled":          {Doc: "AutoAcceptEnabled reports whether the service accepts connection requests without its provider's action."},
			"Services.VpcEndpointPolicySupported": {Doc: "VpcEndpointPolicySupported reports whether endpoints of the service may have a RAM policy (PolicyDocument)."},
			"Services.ZoneAffinityEnabled":        {Doc: "ZoneAffinityEnabled reports whether endpoint domain names of the service resolve to the nearest zone first."},
			"MaxResults":                          {Doc: docMaxResultOut},
			"NextToken":                           {Doc: docNextTokenOut},
			"TotalCount":                          {Type: "int", Doc: "TotalCount is the number of services that match, over all pages (a string in the API metadata)."},
		},
		Items: map[string]item{
			"Services":      {Name: "AvailableService", Doc: "AvailableService is an endpoint service the caller may connect endpoints to, as ListVpcEndpointServicesByEndUser reports it."},
			"Services.Tags": {Name: "Tag", Existing: true},
		},
		Paged: "Services",
		All:   "AllVpcEndpointServicesByEndUser",
	},
	"AddUserToVpcEndpointService": {
		Doc:        "it adds an account ID or an ARN to the endpoint service's allow-list.",
		Idempotent: true,
		Kind:       "write",
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID; name the user with WithUserID or WithUserARN.",
		Params: map[string]field{
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
			"ServiceId":   {Doc: docServiceID},
			"UserARN":     {Doc: "UserARN is the ARN to allow. Exactly one of UserID and UserARN is required."},
			"UserId":      {Go: "UserID", Doc: "UserID is the Alibaba Cloud account ID to allow, up to 9223372036854775807. Exactly one of UserID and UserARN is required.", Check: "v.userIDOrARN(r.%[1]s, r.UserARN)"},
		},
	},
	"RemoveUserFromVpcEndpointService": {
		Doc:        "it removes an account ID or an ARN from the endpoint service's allow-list.",
		Idempotent: true,
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID; name the user with WithUserID or WithUserARN.",
		Params: map[string]field{
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
			"ServiceId":   {Doc: docServiceID},
			"UserARN":     {Doc: "UserARN is the ARN to remove. Exactly one of UserID and UserARN is required."},
			"UserId":      {Go: "UserID", Doc: "UserID is the Alibaba Cloud account ID to remove. Exactly one of UserID and UserARN is required.", Check: "v.userIDOrARN(r.%[1]s, r.UserARN)"},
		},
	},
	"ListVpcEndpointServiceUsers": {
		Doc:        "it returns one page of the endpoint service's allow-list: account IDs in Users or ARNs in UserARNs, as UserListType chooses. Use AllVpcEndpointServiceUsers to iterate over every page.",
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID.",
		Params: map[string]field{
			"MaxResults":   {Doc: docMaxResults50, Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, 50))"},
			"NextToken":    {Doc: docNextToken},
			"ServiceId":    {Doc: docServiceID},
			"UserId":       {Go: "UserID", Doc: "UserID selects one account ID.", Check: "v.check(%[1]q, checkAccountID(r.%[1]s))"},
			"UserListType": {Type: "UserListType", Doc: "UserListType chooses the list: UserListTypeUsers (account IDs) or UserListTypeUserARNs."},
		},
		Response: map[string]field{
			"MaxResults":       {Doc: docMaxResultOut},
			"NextToken":        {Doc: docNextTokenOut},
			"TotalCount":       {Type: "int", Doc: "TotalCount is the number of entries, over all pages (a string in the API metadata)."},
			"UserARNs":         {Go: "UserARNs", Doc: "UserARNs are this page's allowed ARNs, for UserListTypeUserARNs."},
			"UserARNs.UserARN": {},
			"Users":            {Doc: "Users are this page's allowed account IDs, for UserListTypeUsers."},
			"Users.UserId":     {},
		},
		Items: map[string]item{
			"UserARNs": {Name: "ServiceUser", Existing: true},
			"Users":    {Name: "ServiceUser", Existing: true},
		},
		Paged:     "Users",
		PagedAlso: "UserARNs",
		All:       "AllVpcEndpointServiceUsers",
	},
	"AttachResourceToVpcEndpointService": {
		Doc:        "it puts a load balancer behind an endpoint service.",
		Idempotent: true,
		Kind:       "write",
		Args:       []string{"ServiceId", "ResourceType", "ResourceId"},
		BuilderDoc: "that attaches the load balancer resourceID of resourceType to serviceID.",
		Params: map[string]field{
			"ClientToken":  {Doc: docClientToken},
			"DryRun":       {Doc: docDryRun},
			"ResourceId":   {Go: "ResourceID", Doc: "ResourceID is the load balancer. Required."},
			"ResourceType": {Type: "ServiceResourceType", Doc: "ResourceType is the kind of load balancer. Required."},
			"ServiceId":    {Doc: docServiceID},
			"ZoneId":       {Doc: "ZoneID is the zone of the resource, for resources that span zones (ALB, NLB)."},
		},
	},
	"DetachResourceFromVpcEndpointService": {
		Doc:        "it takes a load balancer from behind an endpoint service. A resource that connections still use answers ErrCodeEndpointServiceConnectionDependence.",
		Idempotent: true,
		Kind:       "write",
		Args:       []string{"ServiceId", "ResourceId"},
		BuilderDoc: "that detaches the load balancer resourceID from serviceID.",
		Params: map[string]field{
			"ClientToken":  {Doc: docClientToken},
			"DryRun":       {Doc: docDryRun},
			"ResourceId":   {Go: "ResourceID", Doc: "ResourceID is the load balancer. Required."},
			"ResourceType": {Type: "ServiceResourceType", Doc: "ResourceType is the kind of load balancer."},
			"ServiceId":    {Doc: docServiceID},
			"ZoneId":       {Doc: "ZoneID is the zone of the resource, for resources that span zones."},
		},
	},
	"ListVpcEndpointServiceResources": {
		Doc:        "it returns one page of the load balancers behind an endpoint service. The answer has no TotalCount. Use AllVpcEndpointServiceResources to iterate over every page.",
		Args:       []string{"ServiceId"},
		BuilderDoc: "for serviceID.",
		Params: map[string]field{
			"MaxResults": {Doc: docMaxResults50, Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, 50))"},
			"NextToken":  {Doc: docNextToken},
			"ServiceId":  {Doc: docServiceID},
		},
		Response: map[string]field{
			"MaxResults":                     {Doc: docMaxResultOut},
			"NextToken":                      {Doc: docNextTokenOut},
			"Resources":                      {Doc: "Resources are this page's service resources."},
			"Resources.AutoAllocatedEnabled": {Doc: "AutoAllocatedEnabled reports whether the service may allocate the resource to zone connections automatically."},
			"Resources.Ip":                   {Doc: "IP is the resource's IP address."},
			"Resources.RegionId":             {Doc: "RegionID is the resource's region."},
			"Resources.RelatedDeprecatedEndpointCount": {Type: "int", Doc: "RelatedDeprecatedEndpointCount is the number of endpoint connections that still use the resource while they migrate away from it."},
			"Resources.RelatedEndpointCount":           {Type: "int", Doc: "RelatedEndpointCount is the number of endpoint connections that use the resource."},
			"Resources.ResourceId":                     {Doc: "ResourceID is the load balancer."},
			"Resources.ResourceSupportIPv6":            {Go: "ResourceSupportIPv6", Doc: "ResourceSupportIPv6 reports whether the resource supports IPv6."},
			"Resources.ResourceType":                   {Type: "ServiceResourceType", Doc: "ResourceType is the kind of load balancer."},
			"Resources.VSwitchId":                      {Doc: "VSwitchID is the vSwitch of the resource."},
			"Resources.VpcId":                          {Doc: "VpcID is the VPC of the resource."},
			"Resources.ZoneId":                         {Doc: "ZoneID is the zone of the resource."},
		},
		Items: map[string]item{"Resources": {Name: "ServiceResource", Doc: "ServiceResource is a load balancer behind an endpoint service, as ListVpcEndpointServiceResources reports it."}},
		Paged: "Resources",
		All:   "AllVpcEndpointServiceResources",
	},
	"UpdateVpcEndpointServiceResourceAttribute": {
		Doc:        "it sets whether the service may allocate a resource to zone connections automatically. The service keeps at least one such resource per zone (ErrCodeResourceAutoAllocateViolation).",
		Idempotent: true,
		Args:       []string{"ServiceId", "ResourceId", "AutoAllocatedEnabled"},
		BuilderDoc: "that sets the automatic allocation of the resource resourceID of serviceID to autoAllocatedEnabled.",
		Params: map[string]field{
			"AutoAllocatedEnabled": {Doc: "AutoAllocatedEnabled allows automatic allocation (true) or not (false); always sent."},
			"ClientToken":          {Doc: docClientToken},
			"DryRun":               {Doc: docDryRun},
			"ResourceId":           {Go: "ResourceID", Doc: "ResourceID is the service resource. Required."},
			"ServiceId":            {Doc: docServiceID},
			"ZoneId":               {Doc: "ZoneID is the zone of the resource, for resources that span zones."},
		},
	},
	"ListVpcEndpointConnections": {
		Doc:        "it returns one page of the connections of endpoints to the caller's endpoint services, the provider's view of them. Use AllVpcEndpointConnections to iterate over every page.",
		BuilderDoc: "for every connection; narrow it with the With methods.",
		Params: map[string]field{
			"ConnectionStatus":   {Type: "ConnectionStatus", Doc: "ConnectionStatus selects connections in this state."},
			"EndpointId":         {Doc: "EndpointID selects the connection of one endpoint."},
			"EndpointOwnerId":    {Go: "EndpointOwnerID", Doc: "EndpointOwnerID selects connections of endpoints of this account.", Check: "v.check(%[1]q, checkAccountID(r.%[1]s))"},
			"EniId":              {Doc: "EniID selects the connection with this endpoint network interface."},
			"MaxResults":         {Doc: "MaxResults is the page size, 1 to 50 (the service's minimum is 1); 0 leaves it to the service (50).", Check: "v.check(%[1]q, checkMaxResults(r.%[1]s, 50))"},
			"NextToken":          {Doc: docNextToken},
			"ReplacedResourceId": {Doc: "ReplacedResourceID selects connections migrating away from this service resource."},
			"ResourceGroupId":    {Doc: "ResourceGroupID selects connections of endpoints in this resource group."},
			"ResourceId":         {Doc: "ResourceID selects connections using this service resource."},
			"ServiceId":          {Doc: "ServiceID selects the connections to one service."},
		},
		Response: map[string]field{
			"Connections":                          {Doc: "Connections are this page's connections."},
			"Connections.Bandwidth":                {Doc: "Bandwidth is the connection's bandwidth in Mbit/s."},
			"Connections.ConnectionStatus":         {Type: "ConnectionStatus", Doc: "ConnectionStatus is the connection's state."},
			"Connections.EndpointId":               {Doc: "EndpointID is the connected endpoint."},
			"Connections.EndpointOwnerId":          {Go: "EndpointOwnerID", Doc: "EndpointOwnerID is the account the endpoint belongs to."},
			"Connections.EndpointVpcId":            {Doc: "EndpointVpcID is the endpoint's VPC."},
			"Connections.ModifiedTime":             {Type: "time.Time", Doc: "ModifiedTime is when the connection last changed; zero when the service sent no time in RFC 3339 or its minute form (2021-09-24T18:00Z)."},
			"Connections.ResourceGroupId":          {Doc: "ResourceGroupID is the endpoint's resource group."},
			"Connections.ResourceOwner":            {Doc: "ResourceOwner reports whether the endpoint and the service belong to the same account."},
			"Connections.ServiceId":                {Doc: "ServiceID is the endpoint service."},
			"Connections.Zones":                    {Doc: "Zones are the connection's zones."},
			"Connections.EndpointRegionId":         {Doc: "EndpointRegionID is the endpoint's region, which differs from the service's for a cross-region connection."},
			"Connections.ServiceRegionId":          {Doc: "ServiceRegionID is the endpoint service's region."},
			"Connections.TrafficControlMode":       {Type: "TrafficControlMode", Doc: "TrafficControlMode is how the connection's bandwidth is controlled."},
			"Connections.Zones.EniId":              {Doc: "EniID is the endpoint's network interface in the zone."},
			"Connections.Zones.ReplacedEniId":      {Doc: "ReplacedEniID is the network interface being replaced, while the zone migrates smoothly."},
			"Connections.Zones.ReplacedResourceId": {Doc: "ReplacedResourceID is the service resource being replaced, while the zone migrates smoothly."},
			"Connections.Zones.ResourceId":         {Doc: "ResourceID is the service resource that serves the zone."},
			"Connections.Zones.VSwitchId":          {Doc: "VSwitchID is the endpoint's vSwitch in the zone."},
			"Connections.Zones.ZoneDomain":         {Doc: "ZoneDomain is the zone's domain name."},
			"Connections.Zones.ZoneId":             {Doc: "ZoneID is the zone."},
			"Connections.Zones.ZoneStatus":         {Type: "ZoneStatus", Doc: "ZoneStatus is the state of the zone's connection (Migrating and Migrated during a migration)."},
			"MaxResults":                           {Doc: docMaxResultOut},
			"NextToken":                            {Doc: docNextTokenOut},
			"TotalCount":                           {Type: "int", Doc: "TotalCount is the number of connections that match, over all pages (a string in the API metadata)."},
		},
		Items: map[string]item{
			"Connections":       {Name: "Connection", Doc: "Connection is the connection of an endpoint to an endpoint service, as ListVpcEndpointConnections reports it."},
			"Connections.Zones": {Name: "ConnectionZone", Doc: "ConnectionZone is one zone of a connection."},
		},
		Paged: "Connections",
		All:   "AllVpcEndpointConnections",
	},
	"EnableVpcEndpointConnection": {
		Doc:        "it accepts an endpoint's connection request. The connection turns Connected later; WaitUntilVpcEndpointConnectionStatus waits for it.",
		Idempotent: true,
		Args:       []string{"ServiceId", "EndpointId"},
		BuilderDoc: "that accepts the connection of endpointID to serviceID.",
		Params: map[string]field{
			"Bandwidth":          {Doc: docBandwidth, Check: "v.check(%[1]q, checkBandwidth(r.%[1]s))"},
			"ClientToken":        {Doc: docClientToken},
			"DryRun":             {Doc: docDryRun},
			"EndpointId":         {Doc: docEndpointID},
			"ServiceId":          {Doc: docServiceID},
			"TrafficControlMode": {Type: "TrafficControlMode", Doc: docTraffic},
		},
	},
	"DisableVpcEndpointConnection": {
		Doc:        "it rejects an endpoint's connection request, or closes an established connection. The connection turns Disconnected later.",
		Idempotent: true,
		Args:       []string{"ServiceId", "EndpointId"},
		BuilderDoc: "that rejects or closes the connection of endpointID to serviceID.",
		Params: map[string]field{
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
			"EndpointId":  {Doc: docEndpointID},
			"ServiceId":   {Doc: docServiceID},
		},
	},
	"UpdateVpcEndpointConnectionAttribute": {
		Doc:        "it changes the bandwidth of an endpoint's connection.",
		Idempotent: true,
		Args:       []string{"ServiceId", "EndpointId"},
		BuilderDoc: "for the connection of endpointID to serviceID; set what to change with the With methods.",
		Params: map[string]field{
			"Bandwidth":          {Doc: docBandwidth, Check: "v.check(%[1]q, checkBandwidth(r.%[1]s))"},
			"ClientToken":        {Doc: docClientToken},
			"DryRun":             {Doc: docDryRun},
			"EndpointId":         {Doc: docEndpointID},
			"ServiceId":          {Doc: docServiceID},
			"TrafficControlMode": {Type: "TrafficControlMode", Doc: docTraffic},
		},
	},
	"EnableVpcEndpointZoneConnection": {
		Doc:        "it reconnects one zone of an endpoint's connection, for example after a zone failover drill. The zone turns Connected later; WaitUntilVpcEndpointZoneConnectionStatus waits for it.",
		Idempotent: true,
		Args:       []string{"ServiceId", "EndpointId", "ZoneId"},
		BuilderDoc: "that connects zoneID of the connection of endpointID to serviceID.",
		Params: map[string]field{
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
			"EndpointId":  {Doc: docEndpointID},
			"ServiceId":   {Doc: docServiceID},
			"ZoneId":      {Doc: "ZoneID is the zone. Required."},
		},
	},
	"DisableVpcEndpointZoneConnection": {
		Doc:        "it disconnects one zone of an endpoint's connection, so that traffic fails over to the other zones. The zone turns Disconnected later; WaitUntilVpcEndpointZoneConnectionStatus waits for it.",
		Idempotent: true,
		Args:       []string{"ServiceId", "EndpointId", "ZoneId"},
		BuilderDoc: "that disconnects zoneID of the connection of endpointID to serviceID.",
		Params: map[string]field{
			"ClientToken":      {Doc: docClientToken},
			"DryRun":           {Doc: docDryRun},
			"EndpointId":       {Doc: docEndpointID},
			"ReplacedResource": {Doc: "ReplacedResource closes the zone's old connections after a smooth migration of its service resource."},
			"ServiceId":        {Doc: docServiceID},
			"ZoneId":           {Doc: "ZoneID is the zone. Required."},
		},
	},
	"UpdateVpcEndpointZoneConnectionResourceAttribute": {
		Doc:        "it chooses or migrates the service resource of one zone of an endpoint's connection.",
		Idempotent: true,
		Args:       []string{"ServiceId", "EndpointId", "ZoneId"},
		BuilderDoc: "for zoneID of the connection of endpointID to serviceID; set the mode with the With methods.",
		Params: map[string]field{
			"ClientToken": {Doc: docClientToken},
			"DryRun":      {Doc: docDryRun},
			"EndpointId":  {Doc: docEndpointID},
			"ResourceAllocateMode": {Type: "ResourceAllocateMode", Doc: "ResourceAllocateMode chooses how the zone's resource is allocated; only while the connection is Disconnected.",
				// The prose: Manual, or any replace mode, needs the resource.
				Check: "if r.%[1]s == ResourceAllocateModeManual || r.ResourceReplaceMode != \"\" {\nv.required(\"ResourceID\", r.ResourceID)\nv.required(\"ResourceType\", string(r.ResourceType))\n}"},
			"ResourceId":          {Go: "ResourceID", Doc: "ResourceID is the service resource to allocate or migrate to; required with ResourceAllocateModeManual or a ResourceReplaceMode."},
			"ResourceReplaceMode": {Type: "ResourceReplaceMode", Doc: "ResourceReplaceMode migrates a Connected zone to ResourceID."},
			"ResourceType":        {Type: "ServiceResourceType", Doc: "ResourceType is the kind of ResourceID; required with it."},
			"ServiceId":           {Doc: docServiceID},
			"ZoneId":              {Doc: "ZoneID is the zone. Required."},
		},
	},
}

// providerErrorCodes documents the codes the metadata gives the provider
// operations beyond those error_codes.go already has.
var providerErrorCodes = map[string]string{
	"AlbNotFound":                                                  "The ALB instance does not exist.",
	"Conflict.ServiceName":                                         "The service name is taken.",
	"DeleteFailedDueToEndpointExist":                               "The endpoint service still has endpoints.",
	"EndpointServiceConnectionDependence":                          "The endpoint service or resource still has connections; DeleteVpcEndpointServiceAndWait retries it within a budget while they go away.",
	"EndpointServiceDependenceViolation":                           "The endpoint service still has resources.",
	"EndpointServiceDowngradeNotAllowed":                           "The endpoint service may not be downgraded.",
	"EndpointServiceExist":                                         "The endpoint service already exists.",
	"EndpointServiceNotSupportIpv6":                                "The service's resources do not support IPv6.",
	"EndpointServicePayerForbidden":                                "The account may not set the payer (it is not on the allow-list).",
	"EndpointServiceResourceCannotRemove":                          "The service resource cannot be detached.",
	"EndpointServiceResourceExist":                                 "The service resource is already attached.",
	"EndpointServiceResourceTypeNotEqual":                          "The resource's type differs from the request's.",
	"EndpointServiceResourceTypeNotSupport":                        "The resource type is not supported.",
	"IllegalParam.ResourceAllocateMode":                            "ResourceAllocateMode is invalid.",
	"IllegalParam.ResourceReplaceMode":                             "ResourceReplaceMode is invalid.",
	"IncorrectBusinessStatus.VpcEndpoint":                          "The endpoint's billing state does not allow the change.",
	"IncorrectBusinessStatus.VpcEndpointService":                   "The endpoint service's billing state does not allow the change.",
	"IncorrectStatus.VpcEndpoint":                                  "The endpoint's state does not allow the change.",
	"IncorrectStatus.VpcEndpointConnection":                        "The connection's state does not allow the change.",
	"IncorrectStatus.VpcEndpointZone":                              "The zone's state does not allow the change.",
	"InvalidParam.PrivateDnsName":                                  "The private DNS name must end with aliyun.com, aliyun-inc.com or aliyuncs.com.",
	"LoadBalancerNotFound":                                         "The load balancer does not exist.",
	"LoadBalancerNotSupportPrivateLink":                            "The CLB instance does not support PrivateLink.",
	"Mismatch.ResourceType":                                        "The resource's type does not match.",
	"Mismatch.UserIdAndUserArn":                                    "UserId and UserARN do not match.",
	"Mismatch.ZoneId":                                              "The zone does not match.",
	"MissingParam.ResourceAllocateMode":                            "ResourceAllocateMode is missing.",
	"MissingParam.ResourceId":                                      "ResourceId is missing.",
	"MissingParam.UserArn":                                         "Neither UserId nor UserARN was given.",
	"OperationDenied.CurrentResourceAutoAllocated":                 "The zone's resource is allocated automatically.",
	"OperationDenied.NoAvailableServiceResource":                   "Some zones of the endpoint service have no resource.",
	"OperationDenied.PrivateServiceDomainBusinessStatus":           "The private service domain's billing state does not allow the change.",
	"OperationDenied.VpcNatServiceResourceTypeNotSupportBandwidth": "The service's resource type does not support bandwidth limits.",
	"ResourceAutoAllocateViolation":                                "Each zone needs at least one automatically allocated resource.",
	"ResourceNotFound.NatGateway":                                  "The NAT gateway does not exist.",
	"ResourceNotFound.VpcEndpoint":                                 "The endpoint does not exist.",
	"ResourceNotFound.VpcEndpointConnection":                       "The connection does not exist.",
	"ResourceNotFound.VpcEndpointService":                          "The endpoint service does not exist.",
	"ResourceNotFound.VpcEndpointZone":                             "The endpoint zone does not exist.",
	"ServiceResourceNotSupportIpv6":                                "The resource does not support IPv6.",
	"UpdateBandWidthUnSupported":                                   "The service does not support bandwidth updates.",
	"ZoneOperationDenied":                                          "The zone may not be changed.",
}
