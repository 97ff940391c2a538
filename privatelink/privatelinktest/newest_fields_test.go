package privatelinktest

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// The fields and parameters the newest API definition (darabonba
// privatelink-20200415 v5.0.10) added to the metadata this emulator was
// built from (issue 15). The answers are checked as raw JSON: the SDK's
// typed view of them is another package's concern.

// regionSet decodes a SupportedRegionSet.
func regionSet(t *testing.T, v any) []supportedRegion {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out []supportedRegion
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("SupportedRegionSet %s: %v", raw, err)
	}
	return out
}

// wantRegions is the SupportedRegionSet of a service supporting ids.
func wantRegions(ids ...string) []supportedRegion {
	out := make([]supportedRegion, 0, len(ids))
	for _, id := range ids {
		out = append(out, supportedRegion{SupportedRegionID: id, ServiceRegionID: RegionID, RegionServiceStatus: "Available", RegionBusinessStatus: "Normal"})
	}
	return out
}

// A service reports AddressIpVersion and SupportedRegionSet in
// CreateVpcEndpointService, GetVpcEndpointServiceAttribute and
// ListVpcEndpointServices; SupportedRegionList sets the remote regions and
// UpdateVpcEndpointServiceAttribute's Add/DeleteSupportedRegionSet change
// them.
func TestServiceAddressIPVersionAndSupportedRegions(t *testing.T) {
	srv := newTestServer(t)
	p := provider(t, srv)
	a := p.must("CreateVpcEndpointService", "ServiceResourceType", "nlb", "AddressIpVersion", "DualStack",
		"Resource.1.ResourceId", ProviderNLB, "Resource.1.ResourceType", "nlb", "Resource.1.ZoneId", ZoneA,
		"SupportedRegionList.1", "cn-hangzhou", "SupportedRegionList.2", "cn-hangzhou", "SupportedRegionList.3", RegionID)
	svc := a.str("ServiceId")
	check := func(what string, body map[string]any, version string, regions ...string) {
		t.Helper()
		if body["AddressIpVersion"] != version {
			t.Errorf("%s: AddressIpVersion %v, want %s", what, body["AddressIpVersion"], version)
		}
		if got, want := regionSet(t, body["SupportedRegionSet"]), wantRegions(regions...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: SupportedRegionSet %+v, want %+v", what, got, want)
		}
	}
	// The service's own region first, then each remote one once.
	check("create", a.body, "DualStack", RegionID, "cn-hangzhou")
	check("get", p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc).body, "DualStack", RegionID, "cn-hangzhou")

	p.must("UpdateVpcEndpointServiceAttribute", "ServiceId", svc, "AddSupportedRegionSet.1", "cn-shanghai",
		"AddSupportedRegionSet.2", "ap-southeast-1", "DeleteSupportedRegionSet.1", "cn-hangzhou", "DeleteSupportedRegionSet.2", "cn-beijing")
	l := p.must("ListVpcEndpointServices", "ServiceId", svc).list("Services")
	if len(l) != 1 {
		t.Fatalf("ListVpcEndpointServices: %v", l)
	}
	check("list after update", l[0], "DualStack", RegionID, "cn-shanghai", "ap-southeast-1")

	// An IPv4 service, and one of the world, report IPv4 and their region.
	v4 := p.must("CreateVpcEndpointService", "ServiceResourceType", "slb",
		"Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb", "Resource.1.ZoneId", ZoneA)
	check("IPv4 create", v4.body, "IPv4", RegionID)
	check("world's manual service", p.must("GetVpcEndpointServiceAttribute", "ServiceId", ManualServiceID).body, "IPv4", RegionID)
	p.fail(400, "InvalidParameter", "CreateVpcEndpointService", "SupportedRegionList.1", "")
}

// ListVpcEndpointServicesByEndUser tells a consumer whether a service
// accepts automatically, has zone affinity, supports endpoint policies,
// and its IP version.
func TestEndUserServiceNewFields(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	p := provider(t, srv)
	p.must("UpdateVpcEndpointServiceAttribute", "ServiceId", ManualServiceID, "ZoneAffinityEnabled", "true")
	want := map[string]map[string]any{
		ServiceID:        {"AutoAcceptEnabled": true, "ZoneAffinityEnabled": false, "VpcEndpointPolicySupported": true, "AddressIpVersion": "DualStack"},
		ManualServiceID:  {"AutoAcceptEnabled": false, "ZoneAffinityEnabled": true, "VpcEndpointPolicySupported": true, "AddressIpVersion": "IPv4"},
		GatewayServiceID: {"AutoAcceptEnabled": true, "ZoneAffinityEnabled": false, "VpcEndpointPolicySupported": true, "AddressIpVersion": "IPv4"},
	}
	for id, fields := range want {
		l := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", id).list("Services")
		if len(l) != 1 {
			t.Fatalf("%s: %v", id, l)
		}
		for k, v := range fields {
			if l[0][k] != v {
				t.Errorf("%s: %s = %v, want %v", id, k, l[0][k], v)
			}
		}
	}
}

// A connection reports the regions of its endpoint and service, and its
// TrafficControlMode: the resource type's default until the provider sets
// one.
func TestConnectionRegionsAndTrafficControlMode(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	p := provider(t, srv)
	slbEndpoint := c.create()
	gwlbEndpoint := c.create("ServiceId", GatewayServiceID, "EndpointType", "GatewayLoadBalancer", "SecurityGroupId.1", "-")
	conn := func(svc, ep string) map[string]any {
		t.Helper()
		l := p.must("ListVpcEndpointConnections", "ServiceId", svc, "EndpointId", ep).list("Connections")
		if len(l) != 1 {
			t.Fatalf("connections of %s: %v", ep, l)
		}
		return l[0]
	}
	got := conn(ServiceID, slbEndpoint)
	if got["EndpointRegionId"] != RegionID || got["ServiceRegionId"] != RegionID || got["TrafficControlMode"] != "BandwidthLimit" {
		t.Fatalf("slb connection: %v", got)
	}
	if got := conn(GatewayServiceID, gwlbEndpoint)["TrafficControlMode"]; got != "Scalability" {
		t.Fatalf("gwlb connection: TrafficControlMode %v", got)
	}
	c.status(slbEndpoint) // Active and Connected
	p.must("UpdateVpcEndpointConnectionAttribute", "ServiceId", ServiceID, "EndpointId", slbEndpoint, "TrafficControlMode", "Scalability")
	if got := conn(ServiceID, slbEndpoint)["TrafficControlMode"]; got != "Scalability" {
		t.Fatalf("after update: TrafficControlMode %v", got)
	}
}

// Endpoints report ServiceRegionId and CrossRegionBandwidth; a service in
// another region is not found, since the emulator has one region.
func TestEndpointServiceRegion(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	a := c.must("CreateVpcEndpoint", createParams("ServiceRegionId", RegionID, "PolicyDocument", `{"Version":"1"}`)...)
	id := a.str("EndpointId")
	if a.str("ServiceRegionId") != RegionID {
		t.Fatalf("create: ServiceRegionId %q", a.str("ServiceRegionId"))
	}
	g := c.must("GetVpcEndpointAttribute", "EndpointId", id)
	if g.str("ServiceRegionId") != RegionID || g.body["CrossRegionBandwidth"] != float64(0) {
		t.Fatalf("get: %v", g)
	}
	l := c.must("ListVpcEndpoints", "ServiceRegionId", RegionID).list("Endpoints")
	if len(l) != 1 || l[0]["ServiceRegionId"] != RegionID || l[0]["CrossRegionBandwidth"] != float64(0) {
		t.Fatalf("list: %v", l)
	}
	if n := c.must("ListVpcEndpoints", "ServiceRegionId", "cn-hangzhou").num("TotalCount"); n != 0 {
		t.Fatalf("endpoints of services in cn-hangzhou: %d", n)
	}
	c.fail(400, "EndpointServiceNotFound", "CreateVpcEndpoint", createParams("ServiceRegionId", "cn-hangzhou")...)
	c.fail(400, "InvalidParameter", "CreateVpcEndpoint", createParams("CrossRegionBandwidth", "99")...)
	c.status(id)
	// ResetPolicy takes the policy back to none.
	c.must("UpdateVpcEndpointAttribute", "EndpointId", id, "ResetPolicy", "true", "CrossRegionBandwidth", "1000")
	if p := c.must("GetVpcEndpointAttribute", "EndpointId", id).str("PolicyDocument"); p != "" {
		t.Fatalf("after ResetPolicy: PolicyDocument %q", p)
	}
}

// DescribeRegions lists the service resource types of each region and
// filters by ServiceResourceType: slb by default, ALL for every region.
func TestDescribeRegionsServiceResourceTypes(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	regionsOf := func(pairs ...string) map[string][]string {
		t.Helper()
		a := c.must("DescribeRegions", pairs...)
		var body struct {
			Regions struct {
				Region []regionEntry
			}
		}
		if err := json.Unmarshal(a.raw, &body); err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for _, r := range body.Regions.Region {
			out[r.RegionID] = r.ServiceResourceTypes.ServiceResourceType
		}
		return out
	}
	all := regionsOf()
	if len(all) != len(regions) || !slices.Equal(all[RegionID], []string{"slb", "alb", "nlb", "gwlb"}) || !slices.Equal(all["cn-hangzhou"], []string{"slb", "alb", "nlb"}) {
		t.Fatalf("default (slb): %v", all)
	}
	for _, typ := range []string{"gwlb", "GWLB"} {
		if got := regionsOf("ServiceResourceType", typ); len(got) != 1 || got[RegionID] == nil {
			t.Fatalf("%s: %v", typ, got)
		}
	}
	for _, typ := range []string{"ALL", "all", "nlb"} {
		if got := regionsOf("ServiceResourceType", typ); len(got) != len(regions) {
			t.Fatalf("%s: %v", typ, got)
		}
	}
	if got := regionsOf("ServiceResourceType", "ecs"); len(got) != 0 {
		t.Fatalf("a type no region offers: %v", got)
	}
}

// DescribeZones takes CrossRegion and CrossRegionSide; every zone of the
// emulator supports cross-region connections on both sides.
func TestDescribeZonesCrossRegion(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	plain := string(c.must("DescribeZones").raw)
	zones := func(a answer) any { return a.body["Zones"] }
	want := zones(c.must("DescribeZones"))
	for _, pairs := range [][]string{
		{"CrossRegion", "true"},
		{"CrossRegion", "true", "CrossRegionSide", "EndpointService"},
		{"CrossRegion", "false", "CrossRegionSide", "Endpoint"},
	} {
		if got := zones(c.must("DescribeZones", pairs...)); !reflect.DeepEqual(got, want) {
			t.Fatalf("%v: %v, want %s", pairs, got, plain)
		}
	}
	c.fail(400, "InvalidParameter", "DescribeZones", "CrossRegion", "yes")
}

// A Gateway Load Balancer service: created from gwlb resources (dual-stack
// allowed, as for nlb), it has ServiceType GatewayLoadBalancer, is listed
// and described as such, takes only gwlb resources, and serves only
// GatewayLoadBalancer endpoints, each in one zone, with Scalability
// connections.
func TestGatewayLoadBalancerService(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	p := provider(t, srv)
	a := p.must("CreateVpcEndpointService", "ServiceResourceType", "gwlb", "AddressIpVersion", "DualStack", "AutoAcceptEnabled", "true",
		"Resource.1.ResourceId", ProviderGWLB, "Resource.1.ResourceType", "gwlb", "Resource.1.ZoneId", ZoneA)
	svc := a.str("ServiceId")
	if a.str("AddressIpVersion") != "DualStack" || a.body["ServiceSupportIPv6"] != true {
		t.Fatalf("create: %v", a)
	}
	g := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc)
	if g.str("ServiceType") != "GatewayLoadBalancer" || g.str("ServiceResourceType") != "gwlb" || g.str("ServiceStatus") != "Active" {
		t.Fatalf("get: %v", g)
	}
	l := p.must("ListVpcEndpointServices", "ServiceResourceType", "gwlb").list("Services")
	ids := []string{}
	for _, s := range l {
		ids = append(ids, s["ServiceId"].(string))
		if s["ServiceType"] != "GatewayLoadBalancer" {
			t.Errorf("list: %v", s)
		}
	}
	if !slices.Equal(ids, []string{GatewayServiceID, svc}) {
		t.Fatalf("gwlb services: %v", ids)
	}

	p.fail(400, "EndpointServiceResourceTypeNotEqual", "AttachResourceToVpcEndpointService", "ServiceId", svc,
		"ResourceId", ProviderLoadBalancerB, "ResourceType", "slb", "ZoneId", ZoneB)
	p.must("AttachResourceToVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderGWLBB, "ResourceType", "gwlb", "ZoneId", ZoneB)
	if r := p.must("ListVpcEndpointServiceResources", "ServiceId", svc).list("Resources"); len(r) != 2 || r[1]["ResourceType"] != "gwlb" {
		t.Fatalf("resources: %v", r)
	}
	p.fail(400, "Mismatch.ResourceType", "CreateVpcEndpointService", "ServiceResourceType", "gwlb",
		"Resource.1.ResourceId", ProviderNLB, "Resource.1.ResourceType", "nlb", "Resource.1.ZoneId", ZoneA)

	// The consumer finds it by ServiceType and connects a gateway
	// endpoint; an interface endpoint does not match it.
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	byType := c.must("ListVpcEndpointServicesByEndUser", "ServiceType", "GatewayLoadBalancer").list("Services")
	if len(byType) != 2 || byType[1]["ServiceId"] != svc || byType[1]["ServiceResourceType"] != "gwlb" {
		t.Fatalf("by ServiceType: %v", byType)
	}
	c.fail(400, "Mismatch.EndpointType", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
	ep := c.create("ServiceId", svc, "EndpointType", "GatewayLoadBalancer", "SecurityGroupId.1", "-")
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", ep); got.str("EndpointType") != "GatewayLoadBalancer" || got.str("ConnectionStatus") != "Connected" {
		t.Fatalf("endpoint: %v", got)
	}
	conns := p.must("ListVpcEndpointConnections", "ServiceId", svc).list("Connections")
	if len(conns) != 1 || conns[0]["TrafficControlMode"] != "Scalability" {
		t.Fatalf("connections: %v", conns)
	}
}

// The provider's list filters take values outside their documented sets,
// as Terraform's data sources send them, and match nothing with them; the
// documented ServiceDeleted and Deleting match what they say.
func TestProviderFiltersMatchNothingUnknown(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	p := provider(t, srv)
	c.create()
	for _, tt := range []struct {
		action string
		pairs  []string
		list   string
		want   int
	}{
		{"ListVpcEndpointConnections", []string{"ConnectionStatus", "ServiceDeleted"}, "Connections", 0},
		{"ListVpcEndpointConnections", []string{"ConnectionStatus", "Deleted"}, "Connections", 0},
		{"ListVpcEndpointConnections", []string{"ConnectionStatus", "Connected"}, "Connections", 1},
		{"ListVpcEndpointServices", []string{"ServiceStatus", "Deleted"}, "Services", 0},
		{"ListVpcEndpointServices", []string{"ServiceBusinessStatus", "SecurityLocked"}, "Services", 0},
		{"ListVpcEndpointServices", []string{"ServiceResourceType", "ecs"}, "Services", 0},
		{"ListVpcEndpointServices", []string{"AddressIpVersion", "IPv6"}, "Services", 0},
		{"ListVpcEndpointServices", []string{"AddressIpVersion", "IPv4"}, "Services", 3},
		{"ListVpcEndpointServicesByEndUser", []string{"ServiceType", "Other"}, "Services", 0},
		{"ListVpcEndpointServicesByEndUser", []string{"ServiceRegionId", "cn-hangzhou"}, "Services", 0},
		{"ListVpcEndpointServicesByEndUser", []string{"ServiceRegionId", RegionID}, "Services", 3},
	} {
		who := p
		if tt.action == "ListVpcEndpointServicesByEndUser" {
			who = c
		}
		if got := who.must(tt.action, tt.pairs...).list(tt.list); len(got) != tt.want {
			t.Errorf("%s %v: %d, want %d", tt.action, tt.pairs, len(got), tt.want)
		}
	}
}

// The new state (supported regions, a connection's TrafficControlMode, a
// gwlb service) is rebuilt from the journal like the rest, since it comes
// from requests.
func TestJournalReplaysNewState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	p := provider(t, a)
	svc := p.must("CreateVpcEndpointService", "ServiceResourceType", "gwlb", "AutoAcceptEnabled", "true",
		"Resource.1.ResourceId", ProviderGWLB, "Resource.1.ResourceType", "gwlb", "Resource.1.ZoneId", ZoneA,
		"SupportedRegionList.1", "cn-hangzhou").str("ServiceId")
	p.must("UpdateVpcEndpointServiceAttribute", "ServiceId", svc, "AddSupportedRegionSet.1", "cn-beijing")
	ep := newClient(t, a).create("ServiceId", GatewayServiceID, "EndpointType", "GatewayLoadBalancer", "SecurityGroupId.1", "-")
	newClient(t, a).status(ep)
	p.must("UpdateVpcEndpointConnectionAttribute", "ServiceId", GatewayServiceID, "EndpointId", ep, "TrafficControlMode", "BandwidthLimit")
	wantSvc := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc).body
	wantConn := p.must("ListVpcEndpointConnections", "ServiceId", GatewayServiceID).list("Connections")
	a.Close()
	ja.Close() // the journal is locked while open, as -state is against a second server

	b, _, _ := journaled(t, path)
	q := provider(t, b)
	got := q.must("GetVpcEndpointServiceAttribute", "ServiceId", svc).body
	for _, k := range []string{"ServiceType", "ServiceResourceType", "SupportedRegionSet", "AddressIpVersion"} {
		if !reflect.DeepEqual(got[k], wantSvc[k]) {
			t.Errorf("%s after replay: %v, want %v", k, got[k], wantSvc[k])
		}
	}
	if conn := q.must("ListVpcEndpointConnections", "ServiceId", GatewayServiceID).list("Connections"); len(conn) != 1 ||
		conn[0]["TrafficControlMode"] != "BandwidthLimit" || conn[0]["TrafficControlMode"] != wantConn[0]["TrafficControlMode"] {
		t.Errorf("connections after replay: %v", conn)
	}
}

// The Go inspection API shows the new state too.
func TestInspectNewState(t *testing.T) {
	srv := newTestServer(t)
	p := provider(t, srv)
	svc := p.must("CreateVpcEndpointService", "ServiceResourceType", "gwlb",
		"Resource.1.ResourceId", ProviderGWLB, "Resource.1.ResourceType", "gwlb", "Resource.1.ZoneId", ZoneA,
		"SupportedRegionList.1", "cn-hangzhou").str("ServiceId")
	got, ok := srv.EndpointService(svc)
	if !ok || got.Type != "GatewayLoadBalancer" || got.ResourceType != ResourceTypeGWLB || !slices.Equal(got.SupportedRegions, []string{RegionID, "cn-hangzhou"}) {
		t.Fatalf("service snapshot: %+v", got)
	}
	ep := newClient(t, srv).create()
	if e, _ := srv.Endpoint(ep); e.TrafficControlMode != "BandwidthLimit" {
		t.Fatalf("endpoint snapshot: TrafficControlMode %q", e.TrafficControlMode)
	}
}
