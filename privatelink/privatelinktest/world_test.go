package privatelinktest

import (
	"net/netip"
	"strings"
	"testing"
)

// The default world is what the constants promise.
func TestDefaultWorld(t *testing.T) {
	w := newServer().world
	a, b := w.vswitches[VSwitchA], w.vswitches[VSwitchB]
	if a == nil || a.vpcID != VpcID || a.zoneID != ZoneA || a.cidr != netip.MustParsePrefix(VSwitchACIDR) || a.ipv6CIDR != netip.MustParsePrefix(VSwitchAIPv6CIDR) {
		t.Fatalf("VSwitchA: %+v", a)
	}
	if b == nil || b.vpcID != VpcID || b.zoneID != ZoneB || b.cidr != netip.MustParsePrefix(VSwitchBCIDR) || b.ipv6CIDR.IsValid() {
		t.Fatalf("VSwitchB: %+v", b)
	}
	if sg := w.sgs[SecurityGroupID]; sg == nil || sg.vpcID != VpcID {
		t.Fatalf("security group: %+v", sg)
	}
	auto, manual := w.services[ServiceID], w.services[ManualServiceID]
	if auto == nil || !auto.AutoAccept || !auto.DualStack || auto.Name != ServiceName || !auto.supportsZone(ZoneA) || !auto.supportsZone(ZoneB) {
		t.Fatalf("ServiceID: %+v", auto)
	}
	if manual == nil || manual.AutoAccept || manual.DualStack || manual.Name != ManualServiceName {
		t.Fatalf("ManualServiceID: %+v", manual)
	}
	for prefix, id := range map[string]string{"vpc-": VpcID, "vsw-": VSwitchA, "sg-": SecurityGroupID, "epsrv-": ServiceID, "rg-": DefaultResourceGroupID} {
		if !strings.HasPrefix(id, prefix) {
			t.Errorf("%s does not start with %s", id, prefix)
		}
	}
	if !strings.HasPrefix(ServiceName, "com.aliyuncs.privatelink."+RegionID+".epsrv-") {
		t.Errorf("ServiceName %s", ServiceName)
	}
}

func TestWorldServiceLookup(t *testing.T) {
	w := newServer().world
	for _, tt := range []struct {
		id, name string
		want     string
	}{
		{ServiceID, "", ServiceID},
		{"", ServiceName, ServiceID},
		{ServiceID, ServiceName, ServiceID},
		{ServiceID, ManualServiceName, ""},
		{"epsrv-none", "", ""},
		{"", "com.none", ""},
	} {
		got := w.service(tt.id, tt.name)
		if (got == nil && tt.want != "") || (got != nil && got.ID != tt.want) {
			t.Errorf("service(%q, %q) = %+v, want %q", tt.id, tt.name, got, tt.want)
		}
	}
}
