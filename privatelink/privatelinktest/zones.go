package privatelinktest

// zoneEntry is one element of ListVpcEndpointZones' Zones.
type zoneEntry struct {
	VSwitchID  string `json:"VSwitchId"`
	EniIP      string `json:"EniIp"`
	ZoneStatus string `json:"ZoneStatus"`
	ZoneID     string `json:"ZoneId"`
	EniID      string `json:"EniId"`
	ZoneDomain string `json:"ZoneDomain"`
	RegionID   string `json:"RegionId"`
	// ZoneIpv6Address is the interface's IPv6 address, empty for an IPv4
	// endpoint. (The metadata describes it as a "true"/"false" flag, but
	// its name and the newer API carry the address.)
	ZoneIpv6Address string `json:"ZoneIpv6Address"`
}

type listZonesAnswer struct {
	NextToken  string      `json:"NextToken"`
	MaxResults int         `json:"MaxResults"`
	TotalCount int         `json:"TotalCount"`
	Zones      []zoneEntry `json:"Zones"`
}

// maxListZones is ListVpcEndpointZones' largest MaxResults (the metadata's
// schema maximum).
const maxListZones = 1000

func listVpcEndpointZones(c *call) any {
	e := c.endpoint()
	if c.err != nil {
		return nil
	}
	page, next, size := paginate(c, "ListVpcEndpointZones/"+e.id, maxListZones, e.zones, func(z *epZone) uint64 { return z.seq })
	if c.err != nil {
		return nil
	}
	out := listZonesAnswer{NextToken: next, MaxResults: size, TotalCount: len(e.zones), Zones: make([]zoneEntry, 0, len(page))}
	for _, z := range page {
		out.Zones = append(out.Zones, zoneEntry{
			VSwitchID:       z.vswitchID,
			EniIP:           z.ip,
			ZoneStatus:      e.zoneStatus(z, c.now),
			ZoneID:          z.zoneID,
			EniID:           z.eniID,
			ZoneDomain:      e.zoneDomain(z),
			RegionID:        RegionID,
			ZoneIpv6Address: z.ipv6,
		})
	}
	return out
}

// addZoneToVpcEndpoint adds a zone: the zone is Creating and the endpoint
// Pending for the zone delay.
func addZoneToVpcEndpoint(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	z := zoneSpec{
		zoneID:    c.required("ZoneId"),
		vswitchID: c.required("VSwitchId"),
		ip:        c.str("ip"),
		ipv6:      c.str("Ipv6Address"),
		param:     func(f string) string { return f },
	}
	id := c.required("EndpointId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	e := c.lookup(id)
	if c.err != nil {
		return nil
	}
	if e.protectedFrom(c.req.accessKey) {
		c.fail(errorf("OperationDenied.EndpointProtected", msgEndpointProtected))
		return nil
	}
	if err := e.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	if e.serviceDeleted {
		c.fail(errServiceDeleted())
		return nil
	}
	if e.zone(z.zoneID) != nil {
		c.fail(errorf("EndpointZoneDuplicated", msgEndpointZoneDuplicated))
		return nil
	}
	if e.typ == typeGLB && len(e.zones) > 0 {
		c.fail(errorf("GatewayLoadBalancerZoneCountDeny", msgGLBZoneCountDeny))
		return nil
	}
	if limit := c.s.quotas[QuotaEpZonePerEndpoint]; e.activeZones()+1 > limit {
		c.fail(errQuota(QuotaEpZonePerEndpoint, e.activeZones(), limit))
		return nil
	}
	ez := c.placeZone(z, e.vpcID, e.service, e.ipVersion)
	if ez == nil {
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	ez.seq = c.s.seq()
	ez.readyAt = c.now.Add(c.s.zoneDelay)
	e.zones = append(e.zones, ez)
	c.s.holdZone(ez)
	e.pendingUntil = laterOf(e.pendingUntil, ez.readyAt)
	return emptyAnswer{}
}

// removeZoneFromVpcEndpoint removes a zone: the zone is Deleting and the
// endpoint Pending for the zone delay, then the zone is gone.
func removeZoneFromVpcEndpoint(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	zoneID := c.required("ZoneId")
	id := c.required("EndpointId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	e := c.lookup(id)
	if c.err != nil {
		return nil
	}
	if e.protectedFrom(c.req.accessKey) {
		c.fail(errorf("OperationDenied.EndpointProtected", msgEndpointProtected))
		return nil
	}
	if err := e.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	z := e.zone(zoneID)
	if z == nil || z.removing {
		c.fail(errorf("EndpointZoneNotFound", msgEndpointZoneNotFound))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	z.removing = true
	z.goneAt = c.now.Add(c.s.zoneDelay)
	c.s.scheduleSweep(e, z.goneAt)
	e.pendingUntil = laterOf(e.pendingUntil, z.goneAt)
	return emptyAnswer{}
}
