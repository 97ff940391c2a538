package privatelinktest

import (
	"net/netip"
	"slices"
)

// The default account and world every Server starts with. The IDs have the
// shape of real ones (a type prefix, "hp3" as in cn-huhehaote IDs, then
// lower-case letters and digits) so that client-side format checks accept
// them.
const (
	// AccessKeyID is the access key of the default account.
	AccessKeyID = "LTAI5tEmuLat0rPr1vL1nk00"
	// AccessKeySecret is the secret of AccessKeyID.
	AccessKeySecret = "emulatorSecretDoNotUseInProduction0"

	// RegionID is the only region the emulator serves; requests naming
	// another RegionId are refused with InvalidRegionId.NotFound.
	RegionID = "cn-huhehaote"
	// ZoneA is the first zone of the region.
	ZoneA = "cn-huhehaote-a"
	// ZoneB is the second zone of the region.
	ZoneB = "cn-huhehaote-b"

	// VpcID is the default VPC.
	VpcID = "vpc-hp3emu0vpc7x2k5qz8w0e"
	// VSwitchA is the default VPC's vSwitch in ZoneA. It is dual-stack:
	// it has both VSwitchACIDR and VSwitchAIPv6CIDR.
	VSwitchA = "vsw-hp3emu0vswa9d7x2k5qz"
	// VSwitchACIDR is the IPv4 CIDR block of VSwitchA.
	VSwitchACIDR = "192.168.1.0/24"
	// VSwitchAIPv6CIDR is the IPv6 CIDR block of VSwitchA.
	VSwitchAIPv6CIDR = "2408:4005:34d:a100::/64"
	// VSwitchB is the default VPC's vSwitch in ZoneB. It is IPv4 only.
	VSwitchB = "vsw-hp3emu0vswb4c1m8z6w3"
	// VSwitchBCIDR is the IPv4 CIDR block of VSwitchB.
	VSwitchBCIDR = "192.168.2.0/24"
	// SecurityGroupID is the default VPC's security group.
	SecurityGroupID = "sg-hp3emu0sg0q5r8t1y4u7i"

	// ServiceID is an endpoint service in ZoneA and ZoneB that accepts
	// connections automatically and supports dual stack.
	ServiceID = "epsrv-hp3emu0auto3x9c2v5b"
	// ServiceName is the name of ServiceID.
	ServiceName = "com.aliyuncs.privatelink." + RegionID + "." + ServiceID
	// ManualServiceID is an IPv4-only endpoint service in ZoneA and ZoneB
	// that leaves connections Pending until Server.AcceptConnection.
	ManualServiceID = "epsrv-hp3emu0manual7n4m1k"
	// ManualServiceName is the name of ManualServiceID.
	ManualServiceName = "com.aliyuncs.privatelink." + RegionID + "." + ManualServiceID
	// GatewayServiceID is a Gateway Load Balancer endpoint service
	// (ServiceType GatewayLoadBalancer, ServiceResourceType gwlb) in ZoneA
	// and ZoneB that accepts connections automatically: it serves only
	// endpoints of EndpointType GatewayLoadBalancer, each in one zone and
	// without security groups.
	GatewayServiceID = "epsrv-hp3emu0gwlb0k8d3x6"
	// GatewayServiceName is the name of GatewayServiceID.
	GatewayServiceName = "com.aliyuncs.privatelink." + RegionID + "." + GatewayServiceID

	// DefaultResourceGroupID is the resource group of endpoints created
	// without ResourceGroupId.
	DefaultResourceGroupID = "rg-acfmemu0default0rgx"
)

// The provider account of the default world: the other party of every
// connection. It owns ServiceID, ManualServiceID and the load balancers
// below, from which it can publish endpoint services of its own.
const (
	// ProviderAccountID is the UID of the provider account.
	ProviderAccountID = "1098765432109876"
	// ProviderAccessKeyID is the access key of the provider account.
	ProviderAccessKeyID = "LTAI5tEmuLat0rPr0v1der00"
	// ProviderAccessKeySecret is the secret of ProviderAccessKeyID.
	ProviderAccessKeySecret = "emulatorProviderSecretDoNotUseInProd"
	// ProviderResourceGroupID is the default resource group of the
	// provider account.
	ProviderResourceGroupID = "rg-acfm" + ProviderAccountID
	// ProviderVpcID is the provider's VPC, where its load balancers are.
	ProviderVpcID = "vpc-hp3emu0provider0vpc0"
	// ProviderLoadBalancerA is a Classic Load Balancer (slb) of the
	// provider in ZoneA, IPv4 only.
	ProviderLoadBalancerA = "lb-hp3emu0clba0x7k2m9q4"
	// ProviderLoadBalancerB is a Classic Load Balancer (slb) of the
	// provider in ZoneB, IPv4 only.
	ProviderLoadBalancerB = "lb-hp3emu0clbb0x7k2m9q4"
	// ProviderNLB is a dual-stack Network Load Balancer (nlb) of the
	// provider in ZoneA.
	ProviderNLB = "nlb-hp3emu0nlba0x7k2m9q"
	// ProviderALB is an Application Load Balancer (alb) of the provider in
	// ZoneB, IPv4 only.
	ProviderALB = "alb-hp3emu0albb0x7k2m9q"
	// ProviderGWLB is a dual-stack Gateway Load Balancer (gwlb) of the
	// provider in ZoneA.
	ProviderGWLB = "gwlb-hp3emu0gwlba0x7k2m9"
	// ProviderGWLBB is a dual-stack Gateway Load Balancer (gwlb) of the
	// provider in ZoneB.
	ProviderGWLBB = "gwlb-hp3emu0gwlbb0x7k2m9"
)

// Quota names accepted by WithQuota. They are the names the service puts in
// its QuotaExceeded.<name> error codes.
const (
	// QuotaTotalEpPerVpc limits the endpoints of one VPC.
	QuotaTotalEpPerVpc = "totalEpPerVpc"
	// QuotaEpZonePerEndpoint limits the zones of one endpoint.
	QuotaEpZonePerEndpoint = "epZonePerEndpoint"
	// QuotaIPPerEndpoint limits the private IP addresses of one endpoint
	// (one per zone, as ZonePrivateIpAddressCount is always 1).
	QuotaIPPerEndpoint = "IpQuotaPerEp"
)

// defaultQuotas are the emulator's defaults. epZonePerEndpoint is the
// documented maximum of 10 zones, and IpQuotaPerEp follows from it;
// totalEpPerVpc is an emulator choice, set low enough that a test can reach
// it with WithQuota but not by accident.
var defaultQuotas = map[string]int{
	QuotaTotalEpPerVpc:     100,
	QuotaEpZonePerEndpoint: 10,
	QuotaIPPerEndpoint:     10,
}

// Endpoint, service and type enumerations as they appear on the wire.
const (
	typeInterface = "Interface"
	typeReverse   = "Reverse"
	typeGLB       = "GatewayLoadBalancer"

	ipv4      = "IPv4"
	dualStack = "DualStack"
)

// Service describes an endpoint service for WithService.
type Service struct {
	// ID is the service ID, "epsrv-" followed by letters and digits.
	ID string
	// Name defaults to com.aliyuncs.privatelink.<RegionID>.<ID>.
	Name string
	// Zones are the zones the service is deployed in; endpoints may only
	// add zones from this list.
	Zones []string
	// AutoAccept makes connections Connected as soon as the endpoint is
	// Active; without it they stay Pending until Server.AcceptConnection
	// or the provider's EnableVpcEndpointConnection.
	AutoAccept bool
	// DualStack lets endpoints with AddressIpVersion=DualStack use it.
	DualStack bool
	// Type is the endpoint type the service serves: Interface (the
	// default), Reverse or GatewayLoadBalancer. A GatewayLoadBalancer
	// service has ServiceResourceType gwlb, the others slb.
	Type string
}

// Service resource types: the kinds of load balancer a service publishes.
const (
	// ResourceTypeSLB is a Classic Load Balancer (CLB).
	ResourceTypeSLB = "slb"
	// ResourceTypeALB is an Application Load Balancer.
	ResourceTypeALB = "alb"
	// ResourceTypeNLB is a Network Load Balancer, one of the two kinds
	// (with ResourceTypeGWLB) that can serve a dual-stack service.
	ResourceTypeNLB = "nlb"
	// ResourceTypeGWLB is a Gateway Load Balancer. A service of gwlb
	// resources has ServiceType GatewayLoadBalancer and serves only
	// GatewayLoadBalancer endpoints.
	ResourceTypeGWLB = "gwlb"
)

// LoadBalancer describes a load balancer for WithLoadBalancer: a resource
// its account can attach to an endpoint service.
type LoadBalancer struct {
	// ID is the instance ID.
	ID string
	// Type is ResourceTypeSLB, ResourceTypeALB, ResourceTypeNLB or
	// ResourceTypeGWLB.
	Type string
	// ZoneID is the zone the load balancer serves.
	ZoneID string
	// VpcID, VSwitchID and IP are what ListVpcEndpointServiceResources
	// reports; the emulator does not check them against the world.
	VpcID string
	// VSwitchID is the load balancer's vSwitch; see VpcID.
	VSwitchID string
	// IP is the load balancer's address; see VpcID.
	IP string
	// IPv6 says whether the load balancer is dual-stack, which a service
	// with ServiceSupportIPv6 needs.
	IPv6 bool
}

// loadBalancer is a LoadBalancer owned by an account.
type loadBalancer struct {
	LoadBalancer
	account string
}

type vpc struct {
	id string
}

type vswitch struct {
	id, vpcID, zoneID string
	cidr              netip.Prefix
	ipv6CIDR          netip.Prefix // invalid (zero) when the vSwitch is IPv4 only
}

type securityGroup struct {
	id, vpcID string
}

// world holds the resources endpoints refer to. It is fixed once NewServer
// returns; only endpoints change afterwards.
type world struct {
	vpcs      map[string]*vpc
	vswitches map[string]*vswitch
	sgs       map[string]*securityGroup
	services  map[string]*Service // by ID
	byName    map[string]*Service // by Name
	zones     map[string]bool     // every zone some vSwitch or service is in
	lbs       map[string]*loadBalancer
}

func newWorld() *world {
	return &world{
		vpcs:      map[string]*vpc{},
		vswitches: map[string]*vswitch{},
		sgs:       map[string]*securityGroup{},
		services:  map[string]*Service{},
		byName:    map[string]*Service{},
		zones:     map[string]bool{},
		lbs:       map[string]*loadBalancer{},
	}
}

// defaultWorldOptions build the world the exported constants describe.
func defaultWorldOptions() []Option {
	return []Option{
		WithAccount(AccessKeyID, AccessKeySecret),
		WithVpc(VpcID),
		WithVSwitch(VSwitchA, VpcID, ZoneA, VSwitchACIDR, VSwitchAIPv6CIDR),
		WithVSwitch(VSwitchB, VpcID, ZoneB, VSwitchBCIDR, ""),
		WithSecurityGroup(SecurityGroupID, VpcID),
		WithService(Service{ID: ServiceID, Name: ServiceName, Zones: []string{ZoneA, ZoneB}, AutoAccept: true, DualStack: true}),
		WithService(Service{ID: ManualServiceID, Name: ManualServiceName, Zones: []string{ZoneA, ZoneB}}),
		WithService(Service{ID: GatewayServiceID, Name: GatewayServiceName, Zones: []string{ZoneA, ZoneB}, AutoAccept: true, Type: typeGLB}),
		WithNewAccount(ProviderAccountID, ProviderAccessKeyID, ProviderAccessKeySecret),
		WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: ProviderLoadBalancerA, Type: ResourceTypeSLB, ZoneID: ZoneA,
			VpcID: ProviderVpcID, VSwitchID: "vsw-hp3emu0prova0x7k2m9", IP: "10.0.1.10"}),
		WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: ProviderLoadBalancerB, Type: ResourceTypeSLB, ZoneID: ZoneB,
			VpcID: ProviderVpcID, VSwitchID: "vsw-hp3emu0provb0x7k2m9", IP: "10.0.2.10"}),
		WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: ProviderNLB, Type: ResourceTypeNLB, ZoneID: ZoneA,
			VpcID: ProviderVpcID, VSwitchID: "vsw-hp3emu0prova0x7k2m9", IP: "10.0.1.20", IPv6: true}),
		WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: ProviderALB, Type: ResourceTypeALB, ZoneID: ZoneB,
			VpcID: ProviderVpcID, VSwitchID: "vsw-hp3emu0provb0x7k2m9", IP: "10.0.2.20"}),
		WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: ProviderGWLB, Type: ResourceTypeGWLB, ZoneID: ZoneA,
			VpcID: ProviderVpcID, VSwitchID: "vsw-hp3emu0prova0x7k2m9", IP: "10.0.1.30", IPv6: true}),
		WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: ProviderGWLBB, Type: ResourceTypeGWLB, ZoneID: ZoneB,
			VpcID: ProviderVpcID, VSwitchID: "vsw-hp3emu0provb0x7k2m9", IP: "10.0.2.30", IPv6: true}),
	}
}

func (w *world) service(id, name string) *Service {
	if id != "" {
		s := w.services[id]
		if s == nil || (name != "" && s.Name != name) {
			return nil
		}
		return s
	}
	return w.byName[name]
}

func (s *Service) supportsZone(zone string) bool { return slices.Contains(s.Zones, zone) }

func (s *Service) endpointType() string {
	if s.Type == "" {
		return typeInterface
	}
	return s.Type
}
