package privatelink

// Hand-written conveniences of the generated CreateVpcEndpointBuilder: adders
// for the common zone pairs. WithTag is generated for every request with tags.

// WithZone adds a zone whose ENI gets an address chosen by the service.
// The zone ID comes first (for example "cn-hangzhou-a", then "vsw-...");
// Build refuses a vSwitch ID given as the zone.
func (b *CreateVpcEndpointBuilder) WithZone(zoneID, vSwitchID string) *CreateVpcEndpointBuilder {
	b.req.Zones = append(b.req.Zones, Zone{ZoneID: zoneID, VSwitchID: vSwitchID})
	return b
}

// WithZoneIP adds a zone whose ENI gets the IPv4 address ip.
func (b *CreateVpcEndpointBuilder) WithZoneIP(zoneID, vSwitchID, ip string) *CreateVpcEndpointBuilder {
	b.req.Zones = append(b.req.Zones, Zone{ZoneID: zoneID, VSwitchID: vSwitchID, IP: ip})
	return b
}
