package privatelink

// Hand-written conveniences of the generated CreateVpcEndpointBuilder and
// ListVpcEndpointsBuilder: adders for the common pairs.

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

// WithTag adds the tag key=value.
func (b *CreateVpcEndpointBuilder) WithTag(key, value string) *CreateVpcEndpointBuilder {
	b.req.Tags = append(b.req.Tags, Tag{Key: key, Value: value})
	return b
}

// WithTag selects endpoints carrying the tag; with an empty value only
// the key is sent.
func (b *ListVpcEndpointsBuilder) WithTag(key, value string) *ListVpcEndpointsBuilder {
	b.req.Tags = append(b.req.Tags, Tag{Key: key, Value: value})
	return b
}
