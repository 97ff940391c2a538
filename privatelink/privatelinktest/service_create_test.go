package privatelinktest

import "testing"

// CreateVpcEndpointService answers Creating even when the service delay
// is 0, as CreateVpcEndpoint answers Creating: the answer describes the
// service at its creation, and the next read sees it Active. The SDK
// documents the create's ServiceStatus as "Creating at first".
func TestCreateServiceAnswersCreatingWithoutDelay(t *testing.T) {
	srv := newTestServer(t)
	p := provider(t, srv)
	a := p.must("CreateVpcEndpointService", "ServiceResourceType", "slb",
		"Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb", "Resource.1.ZoneId", ZoneA)
	if got := a.str("ServiceStatus"); got != "Creating" {
		t.Fatalf("create answered ServiceStatus %q, want Creating", got)
	}
	if got := p.must("GetVpcEndpointServiceAttribute", "ServiceId", a.str("ServiceId")).str("ServiceStatus"); got != "Active" {
		t.Fatalf("the next read: ServiceStatus %q, want Active", got)
	}
}

// A service's IPv6 support is one fact whichever parameter asked for it:
// created with AddressIpVersion DualStack (the newer parameter in place of
// ServiceSupportIPv6), it reports ServiceSupportIPv6 true to its provider,
// as it does to consumers, and takes only dual-stack load balancers.
func TestDualStackServiceReportsIPv6(t *testing.T) {
	const v4NLB = "nlb-hp3emu0v4only0x7k2m9"
	srv := newTestServer(t, WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: v4NLB, Type: ResourceTypeNLB, ZoneID: ZoneB}))
	p, c := provider(t, srv), newClient(t, srv)
	p.fail(400, "EndpointServiceNotSupportIpv6", "CreateVpcEndpointService", "AddressIpVersion", "DualStack", "ServiceResourceType", "nlb",
		"Resource.1.ResourceId", v4NLB, "Resource.1.ResourceType", "nlb", "Resource.1.ZoneId", ZoneB)
	a := p.must("CreateVpcEndpointService", "AddressIpVersion", "DualStack", "ServiceResourceType", "nlb",
		"Resource.1.ResourceId", ProviderNLB, "Resource.1.ResourceType", "nlb", "Resource.1.ZoneId", ZoneA)
	svc := a.str("ServiceId")
	if a.body["ServiceSupportIPv6"] != true {
		t.Errorf("create answered ServiceSupportIPv6 %v", a.body["ServiceSupportIPv6"])
	}
	if g := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc); g.body["ServiceSupportIPv6"] != true {
		t.Errorf("GetVpcEndpointServiceAttribute: ServiceSupportIPv6 %v", g.body["ServiceSupportIPv6"])
	}
	l := p.must("ListVpcEndpointServices", "ServiceId", svc, "AddressIpVersion", "DualStack").list("Services")
	if len(l) != 1 || l[0]["ServiceSupportIPv6"] != true {
		t.Errorf("ListVpcEndpointServices by DualStack: %v", l)
	}
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	if u := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc).list("Services"); len(u) != 1 || u[0]["ServiceSupportIPv6"] != true {
		t.Errorf("the consumer's view: %v", u)
	}
	p.fail(400, "ServiceResourceNotSupportIpv6", "AttachResourceToVpcEndpointService", "ServiceId", svc,
		"ResourceId", v4NLB, "ResourceType", "nlb", "ZoneId", ZoneB)
}
