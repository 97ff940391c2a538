package privatelink

// Checks of the endpoint requests that the generated Validate methods call
// (see internal/codegen/overlay_endpoint.go).

import "strings"

// zones checks the zones of a create request.
func (v *validator) zones(zones []Zone, ipVersion AddressIPVersion) {
	if len(zones) > MaxZones {
		v.add("Zones", "at most "+itoa(MaxZones)+" zones, got "+itoa(len(zones)))
	}
	for i, z := range zones {
		if z.ZoneID == "" {
			v.add(indexed("Zones", i, "ZoneID"), "required")
		}
		if looksLikeVSwitchID(z.ZoneID) {
			v.add(indexed("Zones", i, "ZoneID"), swappedZoneMessage(z.ZoneID))
		}
		if z.VSwitchID == "" {
			v.add(indexed("Zones", i, "VSwitchID"), "required")
		} else if msg := checkVSwitchID(z.VSwitchID); msg != "" && !looksLikeVSwitchID(z.ZoneID) {
			// (Swapped arguments are reported once, at ZoneID.)
			v.add(indexed("Zones", i, "VSwitchID"), msg)
		}
		if z.IP != "" {
			if msg := checkIPv4(z.IP); msg != "" {
				v.add(indexed("Zones", i, "IP"), msg)
			}
		}
		if z.IPv6Address != "" {
			if msg := checkIPv6(z.IPv6Address); msg != "" {
				v.add(indexed("Zones", i, "IPv6Address"), msg)
			} else if ipVersion == "" || strings.EqualFold(string(ipVersion), string(AddressIPVersionIPv4)) {
				// Only IPv4, the service's default, certainly has no IPv6
				// address; a version this release does not know may
				// (enums are open), so it is left to the service.
				v.add(indexed("Zones", i, "IPv6Address"), "not allowed with AddressIPVersion IPv4 (the default): set DualStack")
			}
		}
		for j := range i {
			if z.ZoneID != "" && zones[j].ZoneID == z.ZoneID {
				v.add(indexed("Zones", i, "ZoneID"), "duplicate of "+indexed("Zones", j, "ZoneID"))
				break
			}
		}
	}
}

// securityGroupIDs checks the security groups of a create request.
func (v *validator) securityGroupIDs(ids []string) {
	if len(ids) > MaxSecurityGroups {
		v.add("SecurityGroupIDs", "at most "+itoa(MaxSecurityGroups)+" security groups, got "+itoa(len(ids)))
	}
	for i, id := range ids {
		if id == "" {
			v.add(indexed("SecurityGroupIDs", i, ""), "must not be empty")
			continue
		}
		for j := range i {
			if ids[j] == id {
				v.add(indexed("SecurityGroupIDs", i, ""), "duplicate of "+indexed("SecurityGroupIDs", j, ""))
				break
			}
		}
	}
}

// params encodes the request with the ClientToken the call uses, in the
// order of the API reference.

// securityGroupsForType checks that an endpoint type gets the security
// groups it needs: an Interface endpoint at least one, a
// GatewayLoadBalancer endpoint none.
func (v *validator) securityGroupsForType(t EndpointType, ids []string) {
	switch t {
	case "", EndpointTypeInterface:
		if len(ids) == 0 {
			v.add("SecurityGroupIDs", "an Interface endpoint needs at least one security group (the service answers EndpointMustContainSecurityGroup)")
		}
	case EndpointTypeGatewayLoadBalancer:
		if len(ids) > 0 {
			v.add("SecurityGroupIDs", "a GatewayLoadBalancer endpoint takes no security group (the service answers GatewayLoadBalancerNotSupportSecurityGroup)")
		}
	}
}
