package privatelinktest

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// Messages of the service errors, from the metadata.
const (
	msgEndpointServiceExist        = "The specified Endpoint Service already exists."
	msgLoadBalancerNotFound        = "The specified load balancer does not exist."
	msgAlbNotFound                 = "The specified Alb does not exist."
	msgMismatchResourceType        = "The %s is mismatched for %s and %s."
	msgServiceNotSupportIPv6       = "The param supportIpv6 of EndpointService is forbidden , resource is not support ipv6."
	msgResourceNotSupportIPv6      = "The resource is not support ipv6."
	msgResourceTypeNotSupport      = "The specified resource type is not supported."
	msgResourceTypeNotEqual        = "the service resource type not equal request type."
	msgServiceResourceExist        = "The specified resource already exists."
	msgServiceResourceNotFound     = "The specified service resource is not found."
	msgServiceResourceCannotRemove = "The service resource cannot be removed."
	msgServiceConnectionDependence = "You cannot delete EndpointService with Endpoint connected."
	msgServiceDependenceViolation  = "The specified EndpointService already contains a resource."
	msgDeleteFailedEndpointExist   = "The specified EndpointService id deleted failed , due to EndpointExist."
	msgResourceAutoAllocate        = "The specified endpoint service must have at least one automatically allocated resource in one zone."
)

// maxServiceResources is the documented limit of Resource.N.
const maxServiceResources = 10

// Connection bandwidths (Mbit/s): the default of a service, and the range
// of ConnectBandwidth.
const (
	defaultConnectBandwidth = 3072
	minConnectBandwidth     = 100
	maxConnectBandwidth     = 10240
)

// serviceResourceTypes are the documented ServiceResourceType values.
var serviceResourceTypes = []string{ResourceTypeSLB, ResourceTypeALB, ResourceTypeNLB, ResourceTypeGWLB}

// validResourceType reports whether t is a documented resource type. The
// comparison is exact: the documentation, Terraform's provider
// (service_resource_type, whose ValidateFunc is StringInSlice of these
// lower-case values, case-sensitive) and the SDKs all use the lower-case
// spelling, and nothing shows the service accepting another.
func validResourceType(t string) bool {
	return slices.Contains(serviceResourceTypes, t)
}

// dualStackResourceType reports whether services of resource type t may be
// dual-stack: "Only endpoint services whose backend resource type is nlb
// or gwlb support DualStack" (CreateVpcEndpointService, v5.0.10).
func dualStackResourceType(t string) bool {
	return t == ResourceTypeNLB || t == ResourceTypeGWLB
}

// serviceTypeOf is the ServiceType of a service of resource type t: gwlb
// resources serve GatewayLoadBalancer endpoints, the others Interface
// endpoints.
func serviceTypeOf(t string) string {
	if t == ResourceTypeGWLB {
		return typeGLB
	}
	return typeInterface
}

// maxSupportedRegions bounds SupportedRegionList.N and the
// Add/DeleteSupportedRegionSet.N of one call. The documentation sets no
// limit; this one only keeps a request's size bounded, and is far above the
// number of regions there are.
const maxSupportedRegions = 100

// lbNotFound is the code for a load balancer the caller does not have.
func lbNotFound(typ string) *apiError {
	if typ == ResourceTypeALB {
		return errorf("AlbNotFound", msgAlbNotFound)
	}
	return errorf("LoadBalancerNotFound", msgLoadBalancerNotFound)
}

// checkResource checks that the calling account may attach the load
// balancer id of type typ in zone (empty: its own) to svc, and returns it.
// code names the operation's code for a resource already in use.
func (c *call) checkResource(svcType string, supportIPv6 bool, id, typ, zone, inUseCode, inUseMsg string) *loadBalancer {
	lb := c.s.world.lbs[id]
	switch {
	case !validResourceType(typ):
		c.fail(errorf("EndpointServiceResourceTypeNotSupport", msgResourceTypeNotSupport))
	case lb == nil || lb.account != c.acct.id:
		c.fail(lbNotFound(typ))
	case lb.Type != typ:
		c.fail(errorf("Mismatch.ResourceType", msgMismatchResourceType, "ResourceType", id, typ))
	case zone != "" && zone != lb.ZoneID:
		c.fail(errorf("EndpointServiceNotSupportedZone", msgEndpointServiceNotSupportedZone))
	case c.s.lbInUse[id] != nil:
		c.fail(errorf(inUseCode, "%s", inUseMsg))
	case supportIPv6 && !lb.IPv6:
		c.fail(errorf("ServiceResourceNotSupportIpv6", msgResourceNotSupportIPv6))
	}
	if c.err != nil {
		return nil
	}
	return lb
}

// serviceDescription reads ServiceDescription: at most 256 characters, not
// starting with http:// or https://, as an endpoint's.
func (c *call) serviceDescription() (string, bool) {
	d, ok := c.req.first["ServiceDescription"]
	if ok && (utf8.RuneCountInString(d) > 256 || !utf8.ValidString(d) || len(d) >= 7 && (d[:7] == "http://" || len(d) >= 8 && d[:8] == "https://")) {
		c.fail(errorf("IllegalParamFormat.ServiceDescription", "The param format of %s is illegal.", "ServiceDescription"))
	}
	return d, ok
}

// createServiceAnswer is CreateVpcEndpointService's answer.
type createServiceAnswer struct {
	ServiceBusinessStatus string `json:"ServiceBusinessStatus"`
	ServiceName           string `json:"ServiceName"`
	ServiceStatus         string `json:"ServiceStatus"`
	ServiceDescription    string `json:"ServiceDescription"`
	CreateTime            string `json:"CreateTime"`
	ServiceDomain         string `json:"ServiceDomain"`
	ZoneAffinityEnabled   bool   `json:"ZoneAffinityEnabled"`
	AutoAcceptEnabled     bool   `json:"AutoAcceptEnabled"`
	ServiceID             string `json:"ServiceId"`
	ServiceSupportIPv6    bool   `json:"ServiceSupportIPv6"`
	ResourceGroupID       string `json:"ResourceGroupId"`
	// AddressIpVersion and SupportedRegionSet are of the newest reference
	// (darabonba v5.0.8 and v5.0.9).
	AddressIPVersion   string            `json:"AddressIpVersion"`
	SupportedRegionSet []supportedRegion `json:"SupportedRegionSet"`
}

// createVpcEndpointService publishes a service of the calling account from
// its load balancers: Creating for the service delay, then Active.
func createVpcEndpointService(c *call) any {
	s := c.s
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	autoAccept := c.boolean("AutoAcceptEnabled")
	affinity := c.boolean("ZoneAffinityEnabled")
	supportIPv6 := c.boolean("ServiceSupportIPv6")
	// Payer is exact: the documented values are what Terraform (payer,
	// StringInSlice, case-sensitive) and the SDKs send, and who pays is
	// not a value to guess at.
	payer := c.enum("Payer", "Endpoint", "EndpointService")
	if payer == "" {
		payer = "Endpoint"
	}
	desc, _ := c.serviceDescription()
	ipVersion := c.ipVersion()
	regions := c.stringList("SupportedRegionList", maxSupportedRegions)
	resType, typeSet := c.req.first["ServiceResourceType"]
	if c.err == nil && typeSet && !validResourceType(resType) {
		c.fail(errorf("IllegalParamFormat.ServiceResourceType", "The param format of %s is illegal.", "ServiceResourceType"))
	}
	type resSpec struct{ id, typ, zone string }
	var specs []resSpec
	for _, it := range c.indexed("Resource", maxServiceResources) {
		r := resSpec{it.fields["ResourceId"], it.fields["ResourceType"], it.fields["ZoneId"]}
		switch {
		case r.id == "":
			c.fail(errorf("MissingParam."+it.key("Resource", "ResourceId"), "The param of %s is missing.", it.key("Resource", "ResourceId")))
		case r.typ == "":
			c.fail(errorf("MissingParam."+it.key("Resource", "ResourceType"), "The param of %s is missing.", it.key("Resource", "ResourceType")))
		}
		specs = append(specs, r)
	}
	tags := c.tags(maxTags)
	rg := c.resourceGroup()
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	if c.err != nil {
		return nil
	}
	if !typeSet {
		resType = ResourceTypeSLB
		if len(specs) > 0 {
			resType = specs[0].typ
		}
	}
	if ipVersion == dualStack && !dualStackResourceType(resType) {
		c.fail(errorf("Mismatch.ResourceType", msgMismatchResourceType, "AddressIpVersion", dualStack, resType))
		return nil
	}
	// Either parameter asks for IPv6: AddressIpVersion replaced
	// ServiceSupportIPv6, and the service reports one fact.
	ipv6 := ipVersion == dualStack || supportIPv6
	seen := map[string]bool{}
	var lbs []*loadBalancer
	for _, r := range specs {
		if r.typ != resType {
			c.fail(errorf("Mismatch.ResourceType", msgMismatchResourceType, "ResourceType", r.typ, resType))
			return nil
		}
		if seen[r.id] {
			c.fail(errorf("EndpointServiceExist", msgEndpointServiceExist))
			return nil
		}
		seen[r.id] = true
		lb := c.checkResource(resType, false, r.id, r.typ, r.zone, "EndpointServiceExist", msgEndpointServiceExist)
		if lb == nil {
			return nil
		}
		if ipv6 && !lb.IPv6 {
			c.fail(errorf("EndpointServiceNotSupportIpv6", msgServiceNotSupportIPv6))
			return nil
		}
		lbs = append(lbs, lb)
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	id := s.uniqueServiceID()
	def := &Service{ID: id, Name: "com.aliyuncs.privatelink." + RegionID + "." + id, AutoAccept: autoAccept,
		DualStack: ipv6, Type: serviceTypeOf(resType)}
	svc := s.newService(def, c.acct, c.now)
	svc.labels = c.newLabels(tags, rg)
	svc.description = desc
	svc.payer = payer
	svc.resourceType = resType
	svc.affinity = affinity
	svc.clientToken = c.token
	svc.activeAt = c.now.Add(s.serviceDelay)
	svc.addRemoteRegions(regions)
	for _, lb := range lbs {
		svc.resources = append(svc.resources, &svcResource{seq: s.seq(), lb: lb, zone: lb.ZoneID, auto: true})
		s.lbInUse[lb.ID] = svc
	}
	// ServiceStatus is Creating even with no service delay, as
	// CreateVpcEndpoint answers: the answer is the service at its creation.
	return createServiceAnswer{
		ServiceBusinessStatus: businessNormal,
		ServiceName:           def.Name,
		ServiceStatus:         svcCreating,
		ServiceDescription:    desc,
		CreateTime:            c.now.UTC().Format(timeFormat),
		ServiceDomain:         svc.domain(),
		ZoneAffinityEnabled:   affinity,
		AutoAcceptEnabled:     autoAccept,
		ServiceID:             id,
		ServiceSupportIPv6:    ipv6,
		ResourceGroupID:       rg,
		AddressIPVersion:      svc.addressIPVersion(),
		SupportedRegionSet:    svc.supportedRegionSet(),
	}
}

func (s *Server) uniqueServiceID() string {
	for {
		id := s.newID("epsrv")
		if s.services[id] == nil {
			return id
		}
	}
}

// serviceAttributeAnswer is GetVpcEndpointServiceAttribute's answer.
type serviceAttributeAnswer struct {
	Payer                 string   `json:"Payer"`
	ServiceDescription    string   `json:"ServiceDescription"`
	CreateTime            string   `json:"CreateTime"`
	MaxBandwidth          int      `json:"MaxBandwidth"`
	MinBandwidth          int      `json:"MinBandwidth"`
	ServiceDomain         string   `json:"ServiceDomain"`
	AutoAcceptEnabled     bool     `json:"AutoAcceptEnabled"`
	ZoneAffinityEnabled   bool     `json:"ZoneAffinityEnabled"`
	ServiceID             string   `json:"ServiceId"`
	Zones                 []string `json:"Zones"`
	ServiceBusinessStatus string   `json:"ServiceBusinessStatus"`
	ServiceName           string   `json:"ServiceName"`
	ServiceStatus         string   `json:"ServiceStatus"`
	ConnectBandwidth      int      `json:"ConnectBandwidth"`
	RegionID              string   `json:"RegionId"`
	ServiceType           string   `json:"ServiceType"`
	ServiceResourceType   string   `json:"ServiceResourceType"`
	ServiceSupportIPv6    bool     `json:"ServiceSupportIPv6"`
	ResourceGroupID       string   `json:"ResourceGroupId"`
	// Of the newest reference, as in createServiceAnswer.
	AddressIPVersion   string            `json:"AddressIpVersion"`
	SupportedRegionSet []supportedRegion `json:"SupportedRegionSet"`
}

func (v *service) connectBW() int {
	if v.connectBandwidth == 0 {
		return defaultConnectBandwidth
	}
	return v.connectBandwidth
}

func (v *service) attributes(c *call) serviceAttributeAnswer {
	return serviceAttributeAnswer{
		Payer:                 v.payer,
		ServiceDescription:    v.description,
		CreateTime:            v.createdAt.UTC().Format(timeFormat),
		MaxBandwidth:          maxConnectBandwidth,
		MinBandwidth:          minConnectBandwidth,
		ServiceDomain:         v.domain(),
		AutoAcceptEnabled:     v.AutoAccept,
		ZoneAffinityEnabled:   v.affinity,
		ServiceID:             v.ID,
		Zones:                 append(make([]string, 0, len(v.zones())), v.zones()...),
		ServiceBusinessStatus: businessNormal,
		ServiceName:           v.Name,
		ServiceStatus:         v.status(c.now),
		ConnectBandwidth:      v.connectBW(),
		RegionID:              RegionID,
		ServiceType:           v.endpointType(),
		ServiceResourceType:   v.resourceType,
		ServiceSupportIPv6:    v.DualStack,
		ResourceGroupID:       v.rg,
		AddressIPVersion:      v.addressIPVersion(),
		SupportedRegionSet:    v.supportedRegionSet(),
	}
}

func getVpcEndpointServiceAttribute(c *call) any {
	v := c.ownService(c.required("ServiceId"))
	if c.err != nil {
		return nil
	}
	return v.attributes(c)
}

// serviceEntry is one element of ListVpcEndpointServices' Services.
type serviceEntry struct {
	AutoAcceptEnabled     bool   `json:"AutoAcceptEnabled"`
	ServiceID             string `json:"ServiceId"`
	CreateTime            string `json:"CreateTime"`
	MinBandwidth          int    `json:"MinBandwidth"`
	MaxBandwidth          int    `json:"MaxBandwidth"`
	ServiceStatus         string `json:"ServiceStatus"`
	ZoneAffinityEnabled   bool   `json:"ZoneAffinityEnabled"`
	RegionID              string `json:"RegionId"`
	ServiceDomain         string `json:"ServiceDomain"`
	Payer                 string `json:"Payer"`
	ServiceBusinessStatus string `json:"ServiceBusinessStatus"`
	ConnectBandwidth      int    `json:"ConnectBandwidth"`
	ServiceName           string `json:"ServiceName"`
	ServiceDescription    string `json:"ServiceDescription"`
	ServiceResourceType   string `json:"ServiceResourceType"`
	ServiceType           string `json:"ServiceType"`
	ServiceSupportIPv6    bool   `json:"ServiceSupportIPv6"`
	Tags                  []Tag  `json:"Tags"`
	ResourceGroupID       string `json:"ResourceGroupId"`
	// Of the newest reference, as in createServiceAnswer.
	AddressIPVersion   string            `json:"AddressIpVersion"`
	SupportedRegionSet []supportedRegion `json:"SupportedRegionSet"`
}

type listServicesAnswer struct {
	Services   []serviceEntry `json:"Services"`
	NextToken  string         `json:"NextToken"`
	MaxResults int            `json:"MaxResults"`
	TotalCount int            `json:"TotalCount"`
}

// listVpcEndpointServices lists the calling account's services.
func listVpcEndpointServices(c *call) any {
	id := c.str("ServiceId")
	name := c.str("ServiceName")
	status := c.filter("ServiceStatus")
	business := c.filter("ServiceBusinessStatus")
	resType := c.filter("ServiceResourceType")
	resID := c.str("ResourceId")
	rg := c.str("ResourceGroupId")
	ipVersion := c.filter("AddressIpVersion")
	auto, autoSet := c.optBool("AutoAcceptEnabled")
	aff, affSet := c.optBool("ZoneAffinityEnabled")
	tags := c.tagFilters()
	size := c.pageSize(maxListEndpoints)
	if c.err != nil {
		return nil
	}
	var match []*service
	for _, v := range c.acct.services {
		switch {
		case c.s.serviceGone(v, c.now),
			id != "" && v.ID != id,
			name != "" && v.Name != name,
			status != "" && v.status(c.now) != status,
			business != "" && business != businessNormal,
			resType != "" && v.resourceType != resType,
			resID != "" && v.resource(resID) == nil,
			rg != "" && v.rg != rg,
			// A dual-stack service serves IPv4 too, so IPv4 matches
			// every service.
			ipVersion == dualStack && !v.DualStack,
			ipVersion != "" && ipVersion != ipv4 && ipVersion != dualStack,
			autoSet && v.AutoAccept != auto,
			affSet && v.affinity != aff,
			!hasTags(v.tags, tags):
			continue
		}
		match = append(match, v)
	}
	slices.SortFunc(match, func(a, b *service) int { return compareSeq(a.seq, b.seq) })
	page, next := paginateBy(c, "ListVpcEndpointServices/"+c.acct.id, size, match, func(v *service) uint64 { return v.seq })
	if c.err != nil {
		return nil
	}
	out := listServicesAnswer{Services: make([]serviceEntry, 0, len(page)), NextToken: next, MaxResults: size, TotalCount: len(match)}
	for _, v := range page {
		a := v.attributes(c)
		out.Services = append(out.Services, serviceEntry{
			AutoAcceptEnabled: a.AutoAcceptEnabled, ServiceID: a.ServiceID, CreateTime: a.CreateTime,
			MinBandwidth: a.MinBandwidth, MaxBandwidth: a.MaxBandwidth, ServiceStatus: a.ServiceStatus,
			ZoneAffinityEnabled: a.ZoneAffinityEnabled, RegionID: RegionID, ServiceDomain: a.ServiceDomain,
			Payer: a.Payer, ServiceBusinessStatus: a.ServiceBusinessStatus, ConnectBandwidth: a.ConnectBandwidth,
			ServiceName: a.ServiceName, ServiceDescription: a.ServiceDescription, ServiceResourceType: a.ServiceResourceType,
			ServiceType: a.ServiceType, ServiceSupportIPv6: a.ServiceSupportIPv6,
			Tags: append(make([]Tag, 0, len(v.tags)), v.tags...), ResourceGroupID: v.rg,
			AddressIPVersion: a.AddressIPVersion, SupportedRegionSet: a.SupportedRegionSet,
		})
	}
	return out
}

// updateVpcEndpointServiceAttribute changes an Active service. A new
// AutoAcceptEnabled applies to connections made from then on.
func updateVpcEndpointServiceAttribute(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	auto, autoSet := c.optBool("AutoAcceptEnabled")
	aff, affSet := c.optBool("ZoneAffinityEnabled")
	v6, v6Set := c.optBool("ServiceSupportIPv6")
	desc, descSet := c.serviceDescription()
	ipVersion := c.ipVersion()
	bw, bwSet := c.bigInt("ConnectBandwidth", minConnectBandwidth, maxConnectBandwidth)
	addRegions := c.stringList("AddSupportedRegionSet", maxSupportedRegions)
	delRegions := c.stringList("DeleteSupportedRegionSet", maxSupportedRegions)
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	if err := v.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	if v6Set && v6 || ipVersion == dualStack {
		if ipVersion == dualStack && !dualStackResourceType(v.resourceType) {
			c.fail(errorf("ServiceResourceNotSupportIpv6", msgResourceNotSupportIPv6))
			return nil
		}
		for _, r := range v.resources {
			if !r.lb.IPv6 {
				c.fail(errorf("ServiceResourceNotSupportIpv6", msgResourceNotSupportIPv6))
				return nil
			}
		}
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	if autoSet {
		v.AutoAccept = auto
	}
	if affSet {
		v.affinity = aff
	}
	if v6Set {
		v.DualStack = v6
	}
	if ipVersion != "" {
		v.DualStack = ipVersion == dualStack
	}
	if descSet {
		v.description = desc
	}
	if bwSet {
		v.connectBandwidth = int(bw)
	}
	// Deleting a region that is not supported changes nothing; the
	// service's own region cannot be deleted, as it is not a remote one.
	v.remoteRegions = slices.DeleteFunc(v.remoteRegions, func(r string) bool { return slices.Contains(delRegions, r) })
	v.addRemoteRegions(addRegions)
	return emptyAnswer{}
}

// deleteVpcEndpointService deletes a service that nothing depends on:
// endpoints with a live connection (or one going away) refuse with
// EndpointServiceConnectionDependence, other endpoints with
// DeleteFailedDueToEndpointExist, resources with
// EndpointServiceDependenceViolation.
func deleteVpcEndpointService(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	if err := v.lockFor(c.now, false); err != nil {
		c.fail(err)
		return nil
	}
	live, other := false, false
	for _, e := range v.endpoints {
		if e.gone(c.now) {
			continue
		}
		switch e.connectionStatus(c.now) {
		case connPending, connDisconnected:
			other = true
		default:
			live = true
		}
	}
	switch {
	case live:
		c.fail(errorf("EndpointServiceConnectionDependence", msgServiceConnectionDependence))
	case other:
		c.fail(errorf("DeleteFailedDueToEndpointExist", msgDeleteFailedEndpointExist))
	case len(v.resources) > 0:
		c.fail(errorf("EndpointServiceDependenceViolation", msgServiceDependenceViolation))
	case dryRun:
		c.fail(errDryRun())
	}
	if c.err != nil {
		return nil
	}
	v.deleting = true
	v.goneAt = c.now.Add(c.s.serviceDelay)
	return emptyAnswer{}
}

// endUserServiceEntry is one element of ListVpcEndpointServicesByEndUser's
// Services.
type endUserServiceEntry struct {
	Payer               string   `json:"Payer"`
	ServiceDomain       string   `json:"ServiceDomain"`
	Zones               []string `json:"Zones"`
	ServiceID           string   `json:"ServiceId"`
	ServiceName         string   `json:"ServiceName"`
	ServiceType         string   `json:"ServiceType"`
	ServiceSupportIPv6  bool     `json:"ServiceSupportIPv6"`
	Tags                []Tag    `json:"Tags"`
	ResourceGroupID     string   `json:"ResourceGroupId"`
	ServiceResourceType string   `json:"ServiceResourceType"`
	// Of the newest reference (darabonba v5.0.5 to v5.0.7).
	AutoAcceptEnabled   bool `json:"AutoAcceptEnabled"`
	ZoneAffinityEnabled bool `json:"ZoneAffinityEnabled"`
	// VpcEndpointPolicySupported is true for every service: the emulator
	// takes a PolicyDocument on every endpoint.
	VpcEndpointPolicySupported bool   `json:"VpcEndpointPolicySupported"`
	AddressIPVersion           string `json:"AddressIpVersion"`
}

// listEndUserAnswer has TotalCount as a string, as the metadata says.
type listEndUserAnswer struct {
	Services   []endUserServiceEntry `json:"Services"`
	NextToken  string                `json:"NextToken"`
	MaxResults int                   `json:"MaxResults"`
	TotalCount string                `json:"TotalCount"`
}

// listVpcEndpointServicesByEndUser lists the services, neither Creating nor
// Deleting, that the calling account may connect to. Tags and resource groups are the provider's, so
// a consumer's Tag and ResourceGroupId filters match the provider's
// labels.
func listVpcEndpointServicesByEndUser(c *call) any {
	id := c.str("ServiceId")
	name := c.str("ServiceName")
	typ := c.filter("ServiceType")
	rg := c.str("ResourceGroupId")
	// ServiceRegionId filters like the others (filter): the emulator's
	// services are all in RegionID, so another region has none.
	region := c.filter("ServiceRegionId")
	tags := c.tagFilters()
	size := c.pageSize(maxListEndpoints)
	if c.err != nil {
		return nil
	}
	var match []*service
	for _, v := range c.s.services {
		switch {
		case c.s.serviceGone(v, c.now), v.status(c.now) == svcCreating, v.deleting,
			id != "" && v.ID != id,
			name != "" && v.Name != name,
			typ != "" && v.endpointType() != typ,
			region != "" && region != RegionID,
			rg != "" && v.rg != rg,
			!v.allows(c.acct),
			!hasTags(v.tags, tags):
			continue
		}
		match = append(match, v)
	}
	slices.SortFunc(match, func(a, b *service) int { return compareSeq(a.seq, b.seq) })
	page, next := paginateBy(c, "ListVpcEndpointServicesByEndUser/"+c.acct.id, size, match, func(v *service) uint64 { return v.seq })
	if c.err != nil {
		return nil
	}
	out := listEndUserAnswer{Services: make([]endUserServiceEntry, 0, len(page)), NextToken: next, MaxResults: size, TotalCount: strconv.Itoa(len(match))}
	for _, v := range page {
		out.Services = append(out.Services, endUserServiceEntry{
			Payer: v.payer, ServiceDomain: v.domain(), Zones: append(make([]string, 0, len(v.zones())), v.zones()...),
			ServiceID: v.ID, ServiceName: v.Name, ServiceType: v.endpointType(), ServiceSupportIPv6: v.DualStack,
			Tags: append(make([]Tag, 0, len(v.tags)), v.tags...), ResourceGroupID: v.rg, ServiceResourceType: v.resourceType,
			AutoAcceptEnabled: v.AutoAccept, ZoneAffinityEnabled: v.affinity, VpcEndpointPolicySupported: true,
			AddressIPVersion: v.addressIPVersion(),
		})
	}
	return out
}
