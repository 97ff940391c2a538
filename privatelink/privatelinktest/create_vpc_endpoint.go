package privatelinktest

import (
	"encoding/json"
	"strings"
)

// createAnswer is CreateVpcEndpoint's answer, with the fields of the newer
// reference (AddressIpVersion, ZoneAffinityEnabled, ServiceRegionId,
// CrossRegionBandwidth) after those of the metadata.
type createAnswer struct {
	EndpointDomain         string `json:"EndpointDomain"`
	CreateTime             string `json:"CreateTime"`
	EndpointBusinessStatus string `json:"EndpointBusinessStatus"`
	EndpointDescription    string `json:"EndpointDescription"`
	ServiceID              string `json:"ServiceId"`
	EndpointStatus         string `json:"EndpointStatus"`
	VpcID                  string `json:"VpcId"`
	EndpointName           string `json:"EndpointName"`
	ServiceName            string `json:"ServiceName"`
	Bandwidth              int    `json:"Bandwidth"`
	EndpointID             string `json:"EndpointId"`
	ConnectionStatus       string `json:"ConnectionStatus"`
	AddressIPVersion       string `json:"AddressIpVersion"`
	ZoneAffinityEnabled    bool   `json:"ZoneAffinityEnabled"`
	ServiceRegionID        string `json:"ServiceRegionId"`
	CrossRegionBandwidth   int    `json:"CrossRegionBandwidth"`
}

// bandwidth is the connection bandwidth (Mbit/s) every endpoint reports:
// the value of the GetVpcEndpointAttribute example; the emulator does not
// model bandwidth.
const bandwidth = 1024

// zoneSpec is one requested zone: Zone.N.* of CreateVpcEndpoint or the
// ZoneId, VSwitchId, ip and Ipv6Address of AddZoneToVpcEndpoint.
type zoneSpec struct {
	zoneID, vswitchID, ip, ipv6 string
	// param names the parameter to blame for each field.
	param func(field string) string
}

// createVpcEndpoint validates every parameter, then checks the request
// against the world in the order the service reports problems: VPC,
// service, type, IP version, security groups, zones and addresses, quotas.
// Only then does a dry run answer DryRunOperation, or an endpoint come into
// being in state Creating.
func createVpcEndpoint(c *call) any {
	s := c.s
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	name, _, desc, _ := c.nameAndDescription()
	// EndpointType is not checked against its documented values: a type
	// other than the service's is refused with the documented
	// Mismatch.EndpointType below, which is what a value the service does
	// not know meets too (every service has a type). Terraform's provider
	// and the SDKs send the documented spelling.
	typ := c.str("EndpointType")
	if typ == "" {
		typ = typeInterface
	}
	c.integer("ZonePrivateIpAddressCount", 1, 1, 1)
	vpcID := c.required("VpcId")
	serviceID, serviceName := c.str("ServiceId"), c.str("ServiceName")
	if c.err == nil && serviceID == "" && serviceName == "" {
		c.fail(errMissing("ServiceId"))
	}
	var zones []zoneSpec
	for _, it := range c.indexed("Zone", maxZones) {
		z := zoneSpec{
			zoneID: it.fields["ZoneId"], vswitchID: it.fields["VSwitchId"],
			ip: it.fields["ip"], ipv6: it.fields["Ipv6Address"],
			param: func(f string) string { return it.key("Zone", f) },
		}
		if z.zoneID == "" {
			c.fail(errMissing(z.param("ZoneId")))
		}
		if z.vswitchID == "" {
			c.fail(errMissing(z.param("VSwitchId")))
		}
		zones = append(zones, z)
	}
	sgIDs := c.stringList("SecurityGroupId", maxSecurityGroups)
	protected := c.boolean("ProtectedEnabled")
	tags := c.tags(maxTags)
	rg := c.resourceGroup()
	policy := c.policyDocument()
	ipVersion := c.ipVersion()
	if ipVersion == "" {
		ipVersion = ipv4
	}
	affinity := c.boolean("ZoneAffinityEnabled")
	// ServiceRegionId defaults to the endpoint's region. A service in
	// another region (a cross-region endpoint) is not found: the emulator
	// has one region. CrossRegionBandwidth applies only to cross-region
	// endpoints, so it is checked against its documented minimum and has
	// no effect.
	svcRegion := c.str("ServiceRegionId")
	c.bigInt("CrossRegionBandwidth", minCrossRegionBandwidth, 1<<31-1)
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	if c.err != nil {
		return nil
	}

	// Checks against the world.
	if s.world.vpcs[vpcID] == nil {
		c.fail(errorf("VpcNotFound", msgVpcNotFound))
		return nil
	}
	var svc *service
	if serviceID != "" {
		svc = s.services[serviceID]
		if svc != nil && serviceName != "" && svc.Name != serviceName {
			svc = nil
		}
	} else {
		svc = s.serviceNames[serviceName]
	}
	switch {
	case svc == nil, svcRegion != "" && svcRegion != RegionID:
		c.fail(errorf("EndpointServiceNotFound", msgEndpointServiceNotFound))
		return nil
	case s.serviceGone(svc, c.now):
		// The metadata gives a deleted service a code of its own, so a
		// client can tell "gone" from "never existed".
		c.fail(errServiceDeleted())
		return nil
	case !svc.allows(c.acct):
		c.fail(errorf("EndpointServiceNotAuthorized", msgEndpointServiceNotAuthorized))
		return nil
	case svc.status(c.now) != svcActive:
		c.fail(errorf("IncorrectStatus.VpcEndpointService", msgIncorrectStatus, "VpcEndpointService", svc.ID))
		return nil
	}
	if typ != svc.endpointType() {
		c.fail(errorf("Mismatch.EndpointType", msgMismatchEndpointType, "EndpointType", typ, svc.endpointType()))
		return nil
	}
	if ipVersion == dualStack && !c.dualStackAllowed(typ, svc) {
		return nil
	}
	if !c.checkSecurityGroups(typ, vpcID, sgIDs) {
		return nil
	}
	if typ == typeGLB && len(zones) > 1 {
		c.fail(errorf("GatewayLoadBalancerZoneCountDeny", msgGLBZoneCountDeny))
		return nil
	}
	seen := map[string]bool{}
	for _, z := range zones {
		if seen[z.zoneID] {
			c.fail(errorf("EndpointZoneDuplicated", msgEndpointZoneDuplicated))
			return nil
		}
		seen[z.zoneID] = true
	}
	if limit := s.quotas[QuotaEpZonePerEndpoint]; len(zones) > limit {
		c.fail(errQuota(QuotaEpZonePerEndpoint, len(zones), limit))
		return nil
	}
	// One private address per zone (ZonePrivateIpAddressCount is 1).
	if limit := s.quotas[QuotaIPPerEndpoint]; len(zones) > limit {
		c.fail(errQuota(QuotaIPPerEndpoint, len(zones), limit))
		return nil
	}
	placed := make([]*epZone, 0, len(zones))
	for _, z := range zones {
		ez := c.placeZone(z, vpcID, svc, ipVersion)
		if ez == nil {
			return nil
		}
		placed = append(placed, ez)
	}
	inVPC := s.epPerVPC[vpcID]
	if limit := s.quotas[QuotaTotalEpPerVpc]; inVPC >= limit {
		c.fail(errQuota(QuotaTotalEpPerVpc, inVPC, limit))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}

	e := &endpoint{
		seq:         s.seq(),
		id:          s.uniqueEndpointID(),
		name:        name,
		description: desc,
		typ:         typ,
		vpcID:       vpcID,
		service:     svc,
		ipVersion:   ipVersion,
		affinity:    affinity,
		protected:   protected,
		policy:      policy,
		labels:      c.newLabels(tags, rg),
		clientToken: c.token,
		account:     c.acct,
		owner:       c.req.accessKey,
		ownerSTS:    c.req.sts,
		createdAt:   c.now,
		activeAt:    c.now.Add(s.creationDelay),
		connState:   connPending,
	}
	if svc.AutoAccept {
		e.setConnection(connConnected, c.now, s.connDelay)
	}
	for _, z := range placed {
		z.seq = s.seq()
		z.readyAt = e.activeAt
		e.zones = append(e.zones, z)
		s.holdZone(z)
	}
	for _, id := range sgIDs {
		e.sgs = append(e.sgs, &sgAttachment{seq: s.seq(), id: id, readyAt: e.activeAt})
	}
	s.endpoints[e.id] = e
	svc.endpoints[e.id] = e
	s.epPerVPC[vpcID]++
	return createAnswer{
		EndpointDomain:         e.domain(),
		CreateTime:             e.createdAt.UTC().Format(timeFormat),
		EndpointBusinessStatus: businessNormal,
		EndpointDescription:    e.description,
		ServiceID:              svc.ID,
		EndpointStatus:         statusCreating,
		VpcID:                  vpcID,
		EndpointName:           e.name,
		ServiceName:            svc.Name,
		Bandwidth:              bandwidth,
		EndpointID:             e.id,
		ConnectionStatus:       connDisconnected,
		AddressIPVersion:       ipVersion,
		ZoneAffinityEnabled:    affinity,
		ServiceRegionID:        RegionID,
	}
}

func (s *Server) uniqueEndpointID() string {
	for {
		id := s.newID("ep")
		if s.endpoints[id] == nil {
			return id
		}
	}
}

// minCrossRegionBandwidth is CrossRegionBandwidth's documented minimum
// (Mbit/s); its maximum is an account quota.
const minCrossRegionBandwidth = 100

// ipVersion reads the AddressIpVersion of a create or update, which has its
// own error code, IllegalParam.AddressIpVersion: the service checks it.
// The comparison is exact, IPv4 or DualStack: every client sends that
// spelling (Terraform's address_ip_version validates it case-sensitively,
// and its acceptance tests send IPv4 and DualStack; the aliyun CLI and
// the SDKs pass values through). Terraform also allows IPv6 there, but
// nothing documents it nor shows the service taking it, so it stays
// refused. The list operations' AddressIpVersion is a filter instead.
func (c *call) ipVersion() string {
	v, ok := c.req.first["AddressIpVersion"]
	if !ok {
		return ""
	}
	if v != ipv4 && v != dualStack {
		c.fail(errorf("IllegalParam.AddressIpVersion", msgIllegalAddressIPVersion))
		return ""
	}
	return v
}

// resourceGroup reads ResourceGroupId, defaulting to the account's default
// resource group.
func (c *call) resourceGroup() string {
	rg, ok := c.req.first["ResourceGroupId"]
	if !ok || rg == "" {
		return c.acct.defaultRG
	}
	if !strings.HasPrefix(rg, "rg-") {
		c.fail(errInvalid("ResourceGroupId", "a resource group ID starts with rg-"))
	}
	return rg
}

// policyDocument reads PolicyDocument, which must be a JSON object.
func (c *call) policyDocument() string {
	p, ok := c.req.first["PolicyDocument"]
	if !ok {
		return ""
	}
	var doc map[string]any
	if json.Unmarshal([]byte(p), &doc) != nil {
		c.fail(errInvalid("PolicyDocument", "it must be a JSON policy document"))
	}
	return p
}

// dualStackAllowed checks that an endpoint of type typ to svc may be
// dual-stack.
func (c *call) dualStackAllowed(typ string, svc *service) bool {
	switch {
	case typ == typeReverse:
		c.fail(errorf("OperationDenied.EndpointTypeNotSupportDualstack", msgEndpointTypeNotSupportDualstack))
	case !svc.DualStack:
		c.fail(errorf("OperationDenied.EndpointServiceNotSupportDualstack", msgServiceNotSupportDualstack))
	}
	return c.err == nil
}

// checkSecurityGroups checks the groups of a new endpoint: each must exist
// in the endpoint's VPC, once; Interface endpoints need one, gateway load
// balancer endpoints take none.
func (c *call) checkSecurityGroups(typ, vpcID string, ids []string) bool {
	seen := map[string]bool{}
	for _, id := range ids {
		if sg := c.s.world.sgs[id]; sg == nil || sg.vpcID != vpcID {
			c.fail(errorf("SecurityGroupNotFound", msgSecurityGroupNotFound))
			return false
		}
		if seen[id] {
			c.fail(errInvalid("SecurityGroupId", "security group "+id+" is given twice"))
			return false
		}
		seen[id] = true
	}
	switch {
	case typ == typeInterface && len(ids) == 0:
		c.fail(errorf("EndpointMustContainSecurityGroup", msgMustContainSecurityGroup))
	case typ == typeGLB && len(ids) > 0:
		c.fail(errorf("GatewayLoadBalancerNotSupportSecurityGroup", msgGLBNotSupportSecurityGroup))
	}
	return c.err == nil
}

// placeZone checks one requested zone against the service, the vSwitch and
// the addresses, and returns the zone with its interface and addresses.
func (c *call) placeZone(z zoneSpec, vpcID string, svc *service, ipVersion string) *epZone {
	s := c.s
	if !svc.supportsZone(z.zoneID) {
		c.fail(errorf("EndpointServiceNotSupportedZone", msgEndpointServiceNotSupportedZone))
		return nil
	}
	vs := s.world.vswitches[z.vswitchID]
	if vs == nil || vs.vpcID != vpcID || vs.zoneID != z.zoneID {
		c.fail(errorf("VSwitchNotFound", msgVSwitchNotFound))
		return nil
	}
	if z.ipv6 != "" && ipVersion != dualStack {
		c.fail(errorf("OperationDenied.AddressIpVersionNotSupportSpecifyIpv6", msgNotSupportSpecifyIPv6))
		return nil
	}
	if ipVersion == dualStack && !vs.ipv6CIDR.IsValid() {
		c.fail(errorf("OperationDenied.VSwitchNotSupportDualstack", msgVSwitchNotSupportDualstack))
		return nil
	}
	used := s.usedAddrs(vs.id)
	ip, err := assign(vs.cidr, z.ip, used, func() *apiError { return errorf("IllegalParam.Ip", msgIllegalIP) })
	if err != nil {
		c.fail(err)
		return nil
	}
	ez := &epZone{zoneID: z.zoneID, vswitchID: vs.id, eniID: s.newID("eni"), ip: ip}
	if r := svc.resourceIn(z.zoneID); r != nil {
		ez.resourceID = r.lb.ID
	}
	if ipVersion == dualStack {
		ez.ipv6, err = assign(vs.ipv6CIDR, z.ipv6, used, func() *apiError { return errorf("IllegalParam.Ipv6Address", msgIllegalIPv6) })
		if err != nil {
			c.fail(err)
			return nil
		}
	}
	return ez
}
