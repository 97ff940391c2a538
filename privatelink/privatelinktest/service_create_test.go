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
