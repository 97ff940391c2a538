package privatelinktest

import (
	"net/netip"
)

// Address management for endpoint network interfaces. Like a real vSwitch,
// the first address and the last three of each CIDR block are reserved,
// and an address belongs to one interface at a time. Addresses are taken
// from the lowest free one up, which keeps allocations reproducible.

// usedAddrs returns the addresses of vswitchID held by endpoints that still
// exist at the time of the call (a zone being removed keeps its address
// until it is gone). Called with s.mu held.
func (s *Server) usedAddrs(vswitchID string) map[netip.Addr]bool {
	used := map[netip.Addr]bool{}
	for z := range s.switchZones[vswitchID] {
		if a, err := netip.ParseAddr(z.ip); err == nil {
			used[a] = true
		}
		if a, err := netip.ParseAddr(z.ipv6); err == nil {
			used[a] = true
		}
	}
	return used
}

// holdZone records that z, just added to an endpoint, takes its addresses
// on its vSwitch; releaseZone that it is gone.
func (s *Server) holdZone(z *epZone) {
	m := s.switchZones[z.vswitchID]
	if m == nil {
		m = map[*epZone]bool{}
		s.switchZones[z.vswitchID] = m
	}
	m[z] = true
}

func (s *Server) releaseZone(z *epZone) {
	delete(s.switchZones[z.vswitchID], z)
}

// lastAddr returns the highest address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	host := len(b)*8 - p.Bits()
	for i := len(b) - 1; i >= 0 && host > 0; i-- {
		n := min(host, 8)
		b[i] |= byte(1<<n - 1)
		host -= n
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// reserved reports whether a is the first or one of the last three
// addresses of p.
func reserved(p netip.Prefix, a netip.Addr) bool {
	if a == p.Addr() {
		return true
	}
	last := lastAddr(p)
	for range 3 {
		if a == last {
			return true
		}
		last = last.Prev()
	}
	return false
}

// assign returns the address for a new interface in p: requested when it
// is given and free, else the lowest free one. illegal is the error for a
// requested address that is malformed or outside p.
func assign(p netip.Prefix, requested string, used map[netip.Addr]bool, illegal func() *apiError) (string, *apiError) {
	if requested != "" {
		a, err := netip.ParseAddr(requested)
		if err != nil || a.Zone() != "" || a.Is4() != p.Addr().Is4() || a.Is4In6() || !p.Contains(a) {
			return "", illegal()
		}
		if reserved(p, a) || used[a] {
			return "", errorf("EniIpUnavailable", msgEniIPUnavailable)
		}
		return a.String(), nil
	}
	// The loop visits at most len(used)+1 free candidates past the
	// reserved first address, so it is short even for a /64.
	for a := p.Addr().Next(); a.IsValid() && p.Contains(a); a = a.Next() {
		if reserved(p, a) {
			break
		}
		if !used[a] {
			return a.String(), nil
		}
	}
	return "", errorf("ResourceNotEnough.VSwitchIp", msgVSwitchIPNotEnough)
}
