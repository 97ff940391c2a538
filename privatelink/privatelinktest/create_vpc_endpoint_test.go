package privatelinktest

import (
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestCreateVpcEndpoint(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithCreationDelay(time.Minute))
	c := newClient(t, srv)
	a := c.must("CreateVpcEndpoint", createParams(
		"EndpointName", "my-endpoint",
		"EndpointDescription", "An endpoint for tests.",
		"Zone.2.ZoneId", ZoneB,
		"Zone.2.VSwitchId", VSwitchB,
		"Zone.2.ip", "192.168.2.77",
		"Tag.1.Key", "env",
		"Tag.1.Value", "test",
		"ZoneAffinityEnabled", "true",
	)...)
	id := a.str("EndpointId")
	want := map[string]string{
		"EndpointStatus":         "Creating",
		"ConnectionStatus":       "Disconnected",
		"EndpointBusinessStatus": "Normal",
		"ServiceId":              ServiceID,
		"ServiceName":            ServiceName,
		"VpcId":                  VpcID,
		"EndpointName":           "my-endpoint",
		"EndpointDescription":    "An endpoint for tests.",
		"EndpointDomain":         id + "." + ServiceID + "." + RegionID + ".privatelink.aliyuncs.com",
		"CreateTime":             "2025-03-01T12:00:00Z",
		"AddressIpVersion":       "IPv4",
	}
	for k, v := range want {
		if got := a.str(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if !strings.HasPrefix(id, "ep-hp3") || len(id) != len("ep-hp3")+17 {
		t.Errorf("EndpointId %q does not look like an endpoint ID", id)
	}
	if a.body["ZoneAffinityEnabled"] != true || a.num("Bandwidth") != bandwidth {
		t.Errorf("ZoneAffinityEnabled/Bandwidth: %v", a)
	}

	e, ok := srv.Endpoint(id)
	if !ok || len(e.Zones) != 2 || len(e.SecurityGroups) != 1 || len(e.Tags) != 1 {
		t.Fatalf("snapshot: %+v", e)
	}
	if e.Zones[1].IP != "192.168.2.77" {
		t.Errorf("requested ip not used: %+v", e.Zones[1])
	}
	if a, _ := netip.ParseAddr(e.Zones[0].IP); !netip.MustParsePrefix(VSwitchACIDR).Contains(a) {
		t.Errorf("zone A address %s not in %s", e.Zones[0].IP, VSwitchACIDR)
	}
	if !strings.HasPrefix(e.Zones[0].EniID, "eni-hp3") || e.Zones[0].IPv6 != "" {
		t.Errorf("zone A: %+v", e.Zones[0])
	}
	if e.Status != "Creating" || e.Zones[0].Status != "Creating" || e.SecurityGroups[0].Status != "Attaching" {
		t.Errorf("states before the creation delay: %+v", e)
	}

	clk.Advance(time.Minute)
	g := c.must("GetVpcEndpointAttribute", "EndpointId", id)
	if g.str("EndpointStatus") != "Active" || g.str("ConnectionStatus") != "Connected" {
		t.Fatalf("after the creation delay: %v", g)
	}
	e, _ = srv.Endpoint(id)
	if e.Zones[0].Status != "Connected" || e.SecurityGroups[0].Status != "Attached" {
		t.Fatalf("zones and groups after the creation delay: %+v", e)
	}
}

// With the default delay of 0 the endpoint is Active on the next read.
func TestCreateVpcEndpointDefaultDelay(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create()
	if got := c.status(id); got != "Active" {
		t.Fatalf("status on the next read = %s, want Active", got)
	}
}

func TestCreateVpcEndpointByServiceName(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	a := c.must("CreateVpcEndpoint", createParams("ServiceId", "-", "ServiceName", ServiceName)...)
	if a.str("ServiceId") != ServiceID {
		t.Fatalf("by name: %v", a)
	}
}

func TestCreateVpcEndpointErrors(t *testing.T) {
	srv := newTestServer(t,
		WithVpc("vpc-hp3other0000000000000"),
		WithSecurityGroup("sg-hp3otherg00000000000", "vpc-hp3other0000000000000"),
		WithVSwitch("vsw-hp3otherv00000000000", "vpc-hp3other0000000000000", ZoneA, "10.0.0.0/24", ""),
		WithVSwitch("vsw-hp3zonec000000000000", VpcID, "cn-huhehaote-c", "192.168.3.0/24", ""),
		WithService(Service{ID: "epsrv-hp3reverse000000000", Zones: []string{ZoneA}, AutoAccept: true, Type: "Reverse", DualStack: true}),
		WithService(Service{ID: "epsrv-hp3glb000000000000", Zones: []string{ZoneA, ZoneB}, AutoAccept: true, Type: "GatewayLoadBalancer"}),
	)
	c := newClient(t, srv)
	tests := []struct {
		name  string
		extra []string
		code  string
	}{
		{"missing VpcId", []string{"VpcId", "-"}, "MissingParameter"},
		{"missing service", []string{"ServiceId", "-"}, "MissingParameter"},
		{"zone without vswitch", []string{"Zone.1.VSwitchId", "-"}, "MissingParameter"},
		{"zone without zone id", []string{"Zone.1.ZoneId", "-"}, "MissingParameter"},
		{"bad DryRun", []string{"DryRun", "yes"}, "InvalidParameter"},
		{"bad ZoneAffinityEnabled", []string{"ZoneAffinityEnabled", "1"}, "InvalidParameter"},
		{"ip count 2", []string{"ZonePrivateIpAddressCount", "2"}, "InvalidParameter"},
		{"ip count not a number", []string{"ZonePrivateIpAddressCount", "one"}, "InvalidParameter"},
		{"name too short", []string{"EndpointName", "a"}, "InvalidParameter"},
		{"name starts with digit", []string{"EndpointName", "1abc"}, "InvalidParameter"},
		{"name with space", []string{"EndpointName", "ab c"}, "InvalidParameter"},
		{"name too long", []string{"EndpointName", "a" + strings.Repeat("b", 128)}, "InvalidParameter"},
		{"description url", []string{"EndpointDescription", "https://example.com"}, "InvalidParameter"},
		{"description too long", []string{"EndpointDescription", strings.Repeat("d", 257)}, "InvalidParameter"},
		{"unknown endpoint type", []string{"EndpointType", "Gateway"}, "Mismatch.EndpointType"},
		{"endpoint type in lower case", []string{"EndpointType", "interface"}, "Mismatch.EndpointType"},
		{"bad ip version", []string{"AddressIpVersion", "IPv6"}, "IllegalParam.AddressIpVersion"},
		{"zone index 0", []string{"Zone.0.ZoneId", ZoneB}, "InvalidParameter"},
		{"zone index 11", []string{"Zone.11.ZoneId", ZoneB, "Zone.11.VSwitchId", VSwitchB}, "InvalidParameter"},
		{"security group index 11", []string{"SecurityGroupId.11", SecurityGroupID}, "InvalidParameter"},
		{"tag without key", []string{"Tag.1.Value", "v"}, "MissingParameter"},
		{"reserved tag key", []string{"Tag.1.Key", "aliyun:x"}, "InvalidParameter"},
		{"reserved tag value", []string{"Tag.1.Key", "k", "Tag.1.Value", "acs:x"}, "InvalidParameter"},
		{"long tag key", []string{"Tag.1.Key", strings.Repeat("k", 65)}, "InvalidParameter"},
		{"long tag value", []string{"Tag.1.Key", "k", "Tag.1.Value", strings.Repeat("v", 129)}, "InvalidParameter"},
		{"duplicate tag key", []string{"Tag.1.Key", "k", "Tag.2.Key", "k"}, "InvalidParameter"},
		{"tag index 21", []string{"Tag.21.Key", "k"}, "InvalidParameter"},
		{"client token too long", []string{"ClientToken", strings.Repeat("t", 65)}, "InvalidParameter"},
		{"client token not ASCII", []string{"ClientToken", "токен"}, "InvalidParameter"},
		{"bad resource group", []string{"ResourceGroupId", "group-1"}, "InvalidParameter"},
		{"bad policy", []string{"PolicyDocument", "{not json"}, "InvalidParameter"},
		{"unknown vpc", []string{"VpcId", "vpc-hp3nothere00000000000"}, "VpcNotFound"},
		{"unknown service id", []string{"ServiceId", "epsrv-hp3nothere000000000"}, "EndpointServiceNotFound"},
		{"unknown service name", []string{"ServiceId", "-", "ServiceName", "com.aliyuncs.privatelink.cn-huhehaote.epsrv-x"}, "EndpointServiceNotFound"},
		{"service id and other name", []string{"ServiceName", ManualServiceName}, "EndpointServiceNotFound"},
		{"type mismatch", []string{"EndpointType", "Reverse"}, "Mismatch.EndpointType"},
		{"no security group", []string{"SecurityGroupId.1", "-"}, "EndpointMustContainSecurityGroup"},
		{"unknown security group", []string{"SecurityGroupId.1", "sg-hp3nothere0000000000"}, "SecurityGroupNotFound"},
		{"security group of other vpc", []string{"SecurityGroupId.1", "sg-hp3otherg00000000000"}, "SecurityGroupNotFound"},
		{"security group twice", []string{"SecurityGroupId.2", SecurityGroupID}, "InvalidParameter"},
		{"zone twice", []string{"Zone.2.ZoneId", ZoneA, "Zone.2.VSwitchId", VSwitchA}, "EndpointZoneDuplicated"},
		{"zone the service lacks", []string{"Zone.1.ZoneId", "cn-huhehaote-c", "Zone.1.VSwitchId", "vsw-hp3zonec000000000000"}, "EndpointServiceNotSupportedZone"},
		{"unknown vswitch", []string{"Zone.1.VSwitchId", "vsw-hp3nothere0000000000"}, "VSwitchNotFound"},
		{"vswitch of other zone", []string{"Zone.1.VSwitchId", VSwitchB}, "VSwitchNotFound"},
		{"vswitch of other vpc", []string{"Zone.1.VSwitchId", "vsw-hp3otherv00000000000"}, "VSwitchNotFound"},
		{"ip outside vswitch", []string{"Zone.1.ip", "192.168.2.10"}, "IllegalParam.Ip"},
		{"ip malformed", []string{"Zone.1.ip", "192.168.1"}, "IllegalParam.Ip"},
		{"ip is IPv6", []string{"Zone.1.ip", "2408:4005:34d:a100::10"}, "IllegalParam.Ip"},
		{"ip reserved first", []string{"Zone.1.ip", "192.168.1.0"}, "EniIpUnavailable"},
		{"ip reserved last", []string{"Zone.1.ip", "192.168.1.253"}, "EniIpUnavailable"},
		{"ipv6 without dual stack", []string{"Zone.1.Ipv6Address", "2408:4005:34d:a100::10"}, "OperationDenied.AddressIpVersionNotSupportSpecifyIpv6"},
		{"dual stack service lacks it", []string{"ServiceId", ManualServiceID, "AddressIpVersion", "DualStack"}, "OperationDenied.EndpointServiceNotSupportDualstack"},
		{"dual stack vswitch lacks it", []string{"AddressIpVersion", "DualStack", "Zone.1.ZoneId", ZoneB, "Zone.1.VSwitchId", VSwitchB}, "OperationDenied.VSwitchNotSupportDualstack"},
		{"dual stack reverse", []string{"ServiceId", "epsrv-hp3reverse000000000", "EndpointType", "Reverse", "AddressIpVersion", "DualStack"}, "OperationDenied.EndpointTypeNotSupportDualstack"},
		{"ipv6 outside vswitch", []string{"AddressIpVersion", "DualStack", "Zone.1.Ipv6Address", "2408:4005:34d:b100::10"}, "IllegalParam.Ipv6Address"},
		{"ipv6 malformed", []string{"AddressIpVersion", "DualStack", "Zone.1.Ipv6Address", "2408::34d::1"}, "IllegalParam.Ipv6Address"},
		{"glb with security group", []string{"ServiceId", "epsrv-hp3glb000000000000", "EndpointType", "GatewayLoadBalancer"}, "GatewayLoadBalancerNotSupportSecurityGroup"},
		{"glb two zones", []string{"ServiceId", "epsrv-hp3glb000000000000", "EndpointType", "GatewayLoadBalancer", "SecurityGroupId.1", "-", "Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB}, "GatewayLoadBalancerZoneCountDeny"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := c.call("CreateVpcEndpoint", createParams(tt.extra...)...)
			if a.status != 400 || a.code() != tt.code {
				t.Fatalf("got %v, want 400 %s", a, tt.code)
			}
		})
	}
	if n := srv.EndpointCount(); n != 0 {
		t.Fatalf("%d endpoints created by failing requests", n)
	}
}

// The lower-case Zone.N.ip is the wire name; Zone.N.Ip is an unknown
// parameter and, as on the service, ignored.
func TestCreateVpcEndpointZoneIPCase(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("Zone.1.Ip", "192.168.1.200")
	e, _ := srv.Endpoint(id)
	if e.Zones[0].IP == "192.168.1.200" {
		t.Fatal("Zone.1.Ip was taken for Zone.1.ip")
	}
}

func TestCreateVpcEndpointAddresses(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	first := c.create("Zone.1.ip", "192.168.1.10")
	c.fail(400, "EniIpUnavailable", "CreateVpcEndpoint", createParams("Zone.1.ip", "192.168.1.10")...)
	// Automatic addresses start at the lowest free one.
	second := c.create()
	e, _ := srv.Endpoint(second)
	if e.Zones[0].IP != "192.168.1.1" {
		t.Fatalf("automatic address %s, want 192.168.1.1", e.Zones[0].IP)
	}
	// A deleted endpoint's address is free once it is gone.
	c.must("DeleteVpcEndpoint", "EndpointId", first)
	c.create("Zone.1.ip", "192.168.1.10")
}

func TestCreateVpcEndpointVSwitchExhausted(t *testing.T) {
	// A /29 has 8 addresses: the first and the last three are reserved.
	srv := newTestServer(t,
		WithVSwitch("vsw-hp3tiny000000000000", VpcID, ZoneA, "10.9.9.0/29", ""),
	)
	c := newClient(t, srv)
	for i := range 4 {
		id := c.create("Zone.1.VSwitchId", "vsw-hp3tiny000000000000")
		e, _ := srv.Endpoint(id)
		if want := "10.9.9." + string(rune('1'+i)); e.Zones[0].IP != want {
			t.Fatalf("address %d = %s, want %s", i, e.Zones[0].IP, want)
		}
	}
	c.fail(400, "ResourceNotEnough.VSwitchIp", "CreateVpcEndpoint", createParams("Zone.1.VSwitchId", "vsw-hp3tiny000000000000")...)
}

func TestCreateVpcEndpointDualStack(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	a := c.must("CreateVpcEndpoint", createParams("AddressIpVersion", "DualStack", "Zone.1.Ipv6Address", "2408:4005:34d:a100::42")...)
	if a.str("AddressIpVersion") != "DualStack" {
		t.Fatalf("AddressIpVersion: %v", a)
	}
	e, _ := srv.Endpoint(a.str("EndpointId"))
	if e.Zones[0].IPv6 != "2408:4005:34d:a100::42" {
		t.Fatalf("IPv6 = %q", e.Zones[0].IPv6)
	}
	z := c.must("ListVpcEndpointZones", "EndpointId", e.ID).list("Zones")
	if z[0]["ZoneIpv6Address"] != "2408:4005:34d:a100::42" {
		t.Fatalf("ZoneIpv6Address: %v", z)
	}
	c.fail(400, "EniIpUnavailable", "CreateVpcEndpoint", createParams("AddressIpVersion", "DualStack", "Zone.1.Ipv6Address", "2408:4005:34d:a100::42")...)
	// Without an address one is assigned from the vSwitch's block.
	b := c.create("AddressIpVersion", "DualStack")
	e, _ = srv.Endpoint(b)
	if a, err := netip.ParseAddr(e.Zones[0].IPv6); err != nil || !netip.MustParsePrefix(VSwitchAIPv6CIDR).Contains(a) {
		t.Fatalf("assigned IPv6 %q not in %s", e.Zones[0].IPv6, VSwitchAIPv6CIDR)
	}
}

func TestCreateVpcEndpointQuotas(t *testing.T) {
	srv := newTestServer(t, WithQuota(QuotaTotalEpPerVpc, 2), WithQuota(QuotaEpZonePerEndpoint, 1))
	c := newClient(t, srv)
	a := c.fail(400, "QuotaExceeded.epZonePerEndpoint", "CreateVpcEndpoint", createParams("Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)...)
	if !strings.Contains(a.str("Message"), "usage 2/1") {
		t.Errorf("message: %s", a.str("Message"))
	}
	c.create()
	c.create()
	a = c.fail(400, "QuotaExceeded.totalEpPerVpc", "CreateVpcEndpoint", createParams()...)
	if a.str("Message") != "The quota of totalEpPerVpc is exceeded, usage 2/2." {
		t.Errorf("message: %s", a.str("Message"))
	}
}

func TestCreateVpcEndpointDryRun(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	a := c.fail(400, "DryRunOperation", "CreateVpcEndpoint", createParams("DryRun", "true")...)
	if a.str("Message") != "Request validation has been passed with DryRun flag set." {
		t.Errorf("message: %s", a.str("Message"))
	}
	// A dry run reports the first failing check, not DryRunOperation.
	c.fail(400, "VpcNotFound", "CreateVpcEndpoint", createParams("DryRun", "true", "VpcId", "vpc-hp3nothere00000000000")...)
	if srv.EndpointCount() != 0 {
		t.Fatal("a dry run created an endpoint")
	}
	c.must("CreateVpcEndpoint", createParams("DryRun", "false")...)
}

func TestCreateVpcEndpointManualService(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create("ServiceId", ManualServiceID)
	a := c.must("GetVpcEndpointAttribute", "EndpointId", id)
	if a.str("EndpointStatus") != "Active" || a.str("ConnectionStatus") != "Pending" {
		t.Fatalf("manual service before acceptance: %v", a)
	}
	if z := c.must("ListVpcEndpointZones", "EndpointId", id).list("Zones"); z[0]["ZoneStatus"] != "Wait" {
		t.Fatalf("zone before acceptance: %v", z)
	}
	if err := srv.AcceptConnection(id); err != nil {
		t.Fatal(err)
	}
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", id).str("ConnectionStatus"); got != "Connected" {
		t.Fatalf("after acceptance: %s", got)
	}
	if z := c.must("ListVpcEndpointZones", "EndpointId", id).list("Zones"); z[0]["ZoneStatus"] != "Connected" {
		t.Fatalf("zone after acceptance: %v", z)
	}
}

func TestCreateVpcEndpointGatewayLoadBalancer(t *testing.T) {
	srv := newTestServer(t, WithService(Service{ID: "epsrv-hp3glb000000000000", Zones: []string{ZoneA, ZoneB}, AutoAccept: true, Type: "GatewayLoadBalancer"}))
	c := newClient(t, srv)
	id := c.create("ServiceId", "epsrv-hp3glb000000000000", "EndpointType", "GatewayLoadBalancer", "SecurityGroupId.1", "-")
	c.fail(400, "GatewayLoadBalancerZoneCountDeny", "AddZoneToVpcEndpoint", "EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	c.fail(400, "GatewayLoadBalancerNotSupportSecurityGroup", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
}
