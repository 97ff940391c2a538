package privatelinktest

import (
	"net/netip"
	"testing"
)

func TestReservedAddresses(t *testing.T) {
	p := netip.MustParsePrefix("192.168.1.0/24")
	for a, want := range map[string]bool{
		"192.168.1.0": true, "192.168.1.1": false, "192.168.1.252": false,
		"192.168.1.253": true, "192.168.1.254": true, "192.168.1.255": true,
	} {
		if got := reserved(p, netip.MustParseAddr(a)); got != want {
			t.Errorf("reserved(%s) = %v", a, got)
		}
	}
	p6 := netip.MustParsePrefix("2408:4005:34d:a100::/64")
	if !reserved(p6, netip.MustParseAddr("2408:4005:34d:a100:ffff:ffff:ffff:fffd")) || reserved(p6, netip.MustParseAddr("2408:4005:34d:a100::1")) {
		t.Error("IPv6 reservation")
	}
	if got := lastAddr(netip.MustParsePrefix("10.0.0.0/22")); got != netip.MustParseAddr("10.0.3.255") {
		t.Errorf("lastAddr /22 = %s", got)
	}
}

func TestAssign(t *testing.T) {
	p := netip.MustParsePrefix("10.0.0.0/29")
	illegal := func() *apiError { return errorf("IllegalParam.Ip", msgIllegalIP) }
	used := map[netip.Addr]bool{netip.MustParseAddr("10.0.0.1"): true}
	if a, err := assign(p, "", used, illegal); err != nil || a != "10.0.0.2" {
		t.Fatalf("automatic: %s %v", a, err)
	}
	for req, code := range map[string]string{
		"10.0.0.1": "EniIpUnavailable", "10.0.0.0": "EniIpUnavailable", "10.0.0.7": "EniIpUnavailable",
		"10.0.1.1": "IllegalParam.Ip", "::1": "IllegalParam.Ip", "::ffff:10.0.0.3": "IllegalParam.Ip", "x": "IllegalParam.Ip",
	} {
		if _, err := assign(p, req, used, illegal); err == nil || err.code != code {
			t.Errorf("assign(%s): %v, want %s", req, err, code)
		}
	}
	if a, err := assign(p, "10.0.0.4", used, illegal); err != nil || a != "10.0.0.4" {
		t.Fatalf("requested: %s %v", a, err)
	}
	for _, a := range []string{"10.0.0.2", "10.0.0.3", "10.0.0.4"} {
		used[netip.MustParseAddr(a)] = true
	}
	if _, err := assign(p, "", used, illegal); err == nil || err.code != "ResourceNotEnough.VSwitchIp" {
		t.Fatalf("exhausted: %v", err)
	}
}
