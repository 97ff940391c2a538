package privatelinktest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// provider returns a client of the provider account.
func provider(t testing.TB, srv *Server) *client {
	return newClient(t, srv).as(ProviderAccessKeyID, ProviderAccessKeySecret, "")
}

// newService makes a service of c's account and returns its ID.
func (c *client) newService(pairs ...string) string {
	c.t.Helper()
	a := c.must("CreateVpcEndpointService", pairs...)
	id := a.str("ServiceId")
	if !strings.HasPrefix(id, "epsrv-hp3") {
		c.t.Fatalf("ServiceId %q in %v", id, a)
	}
	return id
}

// connectionOf returns the provider's view of one connection.
func connectionOf(t *testing.T, p *client, serviceID, endpointID string) map[string]any {
	t.Helper()
	a := p.must("ListVpcEndpointConnections", "ServiceId", serviceID, "EndpointId", endpointID)
	cs := a.list("Connections")
	if len(cs) != 1 {
		t.Fatalf("connections of %s: %v", endpointID, a)
	}
	return cs[0]
}

func zoneStatuses(conn map[string]any) map[string]string {
	out := map[string]string{}
	zs, _ := conn["Zones"].([]any)
	for _, z := range zs {
		m, _ := z.(map[string]any)
		out[m["ZoneId"].(string)] = m["ZoneStatus"].(string)
	}
	return out
}

// The two parties of one emulator through the whole life of a service, at
// the raw-request level.
func TestProviderConsumerLifecycle(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithServiceDelay(time.Minute), WithConnectionDelay(30*time.Second),
		WithDeletionDelay(time.Minute))
	p, c := provider(t, srv), newClient(t, srv)

	// The provider publishes a service from its two load balancers.
	a := p.must("CreateVpcEndpointService", "ServiceResourceType", "slb", "AutoAcceptEnabled", "false",
		"ServiceDescription", "orders API",
		"Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb", "Resource.1.ZoneId", ZoneA,
		"Resource.2.ResourceId", ProviderLoadBalancerB, "Resource.2.ResourceType", "slb", "Resource.2.ZoneId", ZoneB)
	svc := a.str("ServiceId")
	if a.str("ServiceStatus") != "Creating" || a.body["AutoAcceptEnabled"] != false || a.str("ServiceBusinessStatus") != "Normal" {
		t.Fatalf("create: %v", a)
	}
	c.fail(400, "EndpointServiceNotAuthorized", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
	clk.Advance(time.Minute)
	g := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc)
	if g.str("ServiceStatus") != "Active" || g.str("ServiceResourceType") != "slb" || len(g.body["Zones"].([]any)) != 2 {
		t.Fatalf("after the service delay: %v", g)
	}
	c.fail(400, "EndpointServiceNotFound", "GetVpcEndpointServiceAttribute", "ServiceId", svc)

	// The consumer sees it only once allowed.
	if got := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc); got.str("TotalCount") != "0" {
		t.Fatalf("before AddUser: %v", got)
	}
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	u := p.must("ListVpcEndpointServiceUsers", "ServiceId", svc)
	if !strings.Contains(string(u.raw), `"Users":[{"UserId":`+AccountID+`}]`) || u.str("TotalCount") != "1" {
		t.Fatalf("users: %s", u.raw)
	}
	if got := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc); got.str("TotalCount") != "1" || got.list("Services")[0]["ServiceName"] != g.str("ServiceName") {
		t.Fatalf("after AddUser: %v", got)
	}

	// The consumer connects; the service accepts by hand.
	ep := c.create("ServiceId", svc, "Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)
	if st := c.status(ep); st != "Active" {
		t.Fatalf("endpoint %s", st)
	}
	conn := connectionOf(t, p, svc, ep)
	if conn["ConnectionStatus"] != "Pending" || c.must("GetVpcEndpointAttribute", "EndpointId", ep).str("ConnectionStatus") != "Pending" {
		t.Fatalf("before acceptance: %v", conn)
	}
	raw := string(p.must("ListVpcEndpointConnections", "ServiceId", svc).raw)
	if !strings.Contains(raw, `"EndpointOwnerId":`+AccountID+`,`) || !strings.Contains(raw, `"TotalCount":"1"`) {
		t.Fatalf("EndpointOwnerId or TotalCount: %s", raw)
	}
	p.fail(400, "DeleteFailedDueToEndpointExist", "DeleteVpcEndpointService", "ServiceId", svc)

	p.must("EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	if got := connectionOf(t, p, svc, ep)["ConnectionStatus"]; got != "Connecting" {
		t.Fatalf("after Enable: %v", got)
	}
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", ep).str("ConnectionStatus"); got != "Connecting" {
		t.Fatalf("consumer during Connecting: %s", got)
	}
	c.fail(400, "EndpointConnectionOperationDenied", "UpdateVpcEndpointAttribute", "EndpointId", ep, "EndpointName", "renamed")
	p.fail(400, "EndpointConnectionOperationDenied", "EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	clk.Advance(30 * time.Second)
	if got := connectionOf(t, p, svc, ep); got["ConnectionStatus"] != "Connected" || zoneStatuses(got)[ZoneB] != "Connected" {
		t.Fatalf("provider after Connecting: %v", got)
	}
	if conn, zones := connOf(t, c, srv, ep); conn != "Connected" || zones[0] != "Connected" || zones[1] != "Connected" {
		t.Fatalf("consumer after Connecting: %s %v", conn, zones)
	}
	if got := c.must("ListVpcEndpoints", "EndpointId", ep).list("Endpoints")[0]["ConnectionStatus"]; got != "Connected" {
		t.Fatalf("ListVpcEndpoints: %v", got)
	}

	// Nothing the connection needs goes away under it.
	p.fail(400, "EndpointServiceConnectionDependence", "DeleteVpcEndpointService", "ServiceId", svc)
	p.fail(400, "EndpointServiceConnectionDependence", "DetachResourceFromVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerB)

	// One zone is disconnected; the connection stays.
	p.must("DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneB)
	if got := zoneStatuses(connectionOf(t, p, svc, ep)); got[ZoneB] != "Disconnecting" || got[ZoneA] != "Connected" {
		t.Fatalf("zone B while disconnecting: %v", got)
	}
	c.fail(400, "EndpointDependenceViolation", "DeleteVpcEndpoint", "EndpointId", ep)
	clk.Advance(30 * time.Second)
	if conn, zones := connOf(t, c, srv, ep); conn != "Connected" || zones[0] != "Connected" || zones[1] != "Disconnected" {
		t.Fatalf("consumer after disabling zone B: %s %v", conn, zones)
	}

	// The consumer leaves; the provider cleans up.
	c.must("DeleteVpcEndpoint", "EndpointId", ep)
	if got := connectionOf(t, p, svc, ep)["ConnectionStatus"]; got != "Deleting" {
		t.Fatalf("connection of a deleting endpoint: %v", got)
	}
	p.fail(400, "EndpointServiceConnectionDependence", "DeleteVpcEndpointService", "ServiceId", svc)
	clk.Advance(time.Minute)
	if n := p.must("ListVpcEndpointConnections", "ServiceId", svc).str("TotalCount"); n != "0" {
		t.Fatalf("connections after the endpoint is gone: %s", n)
	}
	p.fail(400, "EndpointServiceDependenceViolation", "DeleteVpcEndpointService", "ServiceId", svc)
	p.must("DetachResourceFromVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerA)
	clk.Advance(time.Minute)
	p.must("DetachResourceFromVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerB, "ResourceType", "slb")
	clk.Advance(time.Minute)
	p.must("DeleteVpcEndpointService", "ServiceId", svc)
	if got := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc).str("ServiceStatus"); got != "Deleting" {
		t.Fatalf("after DeleteVpcEndpointService: %s", got)
	}
	clk.Advance(time.Minute)
	p.fail(400, "EndpointServiceNotFound", "GetVpcEndpointServiceAttribute", "ServiceId", svc)
	c.fail(400, "EndpointServiceDeleted", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
	// Its load balancers are free again.
	p.newService("Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
}

// Each operation's checks, with the code the metadata gives each.
func TestProviderOperationErrors(t *testing.T) {
	srv := newTestServer(t, WithQuota(QuotaIPPerEndpoint, 1))
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("AutoAcceptEnabled", "true", "Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "acs:ram::"+AccountID+":root")
	ep := c.create("ServiceId", svc)
	sub := func(pairs []string) []string {
		out := append([]string(nil), pairs...)
		for i, v := range out {
			out[i] = strings.NewReplacer("$svc", svc, "$ep", ep).Replace(v)
		}
		return out
	}
	const p404 = http.StatusNotFound
	for _, tt := range []struct {
		name     string
		consumer bool
		action   string
		params   []string
		status   int
		code     string
	}{
		{"create: unknown resource type", false, "CreateVpcEndpointService", []string{"ServiceResourceType", "ecs"}, 400, "IllegalParamFormat.ServiceResourceType"},
		{"create: resource without ID", false, "CreateVpcEndpointService", []string{"Resource.1.ResourceType", "slb"}, 400, "MissingParam.Resource.1.ResourceId"},
		{"create: another account's LB", true, "CreateVpcEndpointService", []string{"Resource.1.ResourceId", ProviderLoadBalancerB, "Resource.1.ResourceType", "slb"}, 400, "LoadBalancerNotFound"},
		{"create: unknown ALB", false, "CreateVpcEndpointService", []string{"Resource.1.ResourceId", "alb-none", "Resource.1.ResourceType", "alb"}, 400, "AlbNotFound"},
		{"create: LB of another type", false, "CreateVpcEndpointService", []string{"Resource.1.ResourceId", ProviderNLB, "Resource.1.ResourceType", "slb"}, 400, "Mismatch.ResourceType"},
		{"create: LB in another zone", false, "CreateVpcEndpointService", []string{"Resource.1.ResourceId", ProviderLoadBalancerB, "Resource.1.ResourceType", "slb", "Resource.1.ZoneId", ZoneA}, 400, "EndpointServiceNotSupportedZone"},
		{"create: LB in use", false, "CreateVpcEndpointService", []string{"Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb"}, 400, "EndpointServiceExist"},
		{"create: IPv6 on an IPv4 LB", false, "CreateVpcEndpointService", []string{"ServiceSupportIPv6", "true", "Resource.1.ResourceId", ProviderLoadBalancerB, "Resource.1.ResourceType", "slb"}, 400, "EndpointServiceNotSupportIpv6"},
		{"create: dual stack needs nlb", false, "CreateVpcEndpointService", []string{"AddressIpVersion", "DualStack", "ServiceResourceType", "slb"}, 400, "Mismatch.ResourceType"},
		{"create: 11 resources", false, "CreateVpcEndpointService", []string{"Resource.11.ResourceId", "lb-x", "Resource.11.ResourceType", "slb"}, 400, "InvalidParameter"},
		{"create: dry run", false, "CreateVpcEndpointService", []string{"DryRun", "true", "Resource.1.ResourceId", ProviderLoadBalancerB, "Resource.1.ResourceType", "slb"}, 400, "DryRunOperation"},
		{"get: no ServiceId", false, "GetVpcEndpointServiceAttribute", nil, 400, "MissingParameter"},
		{"get: another account's", true, "GetVpcEndpointServiceAttribute", []string{"ServiceId", "$svc"}, 400, "EndpointServiceNotFound"},
		{"list: MaxResults 1001", false, "ListVpcEndpointServices", []string{"MaxResults", "1001"}, 400, "InvalidParameter"},
		{"update: ConnectBandwidth 99", false, "UpdateVpcEndpointServiceAttribute", []string{"ServiceId", "$svc", "ConnectBandwidth", "99"}, 400, "InvalidParameter"},
		{"update: IPv6 on slb", false, "UpdateVpcEndpointServiceAttribute", []string{"ServiceId", "$svc", "ServiceSupportIPv6", "true"}, 400, "ServiceResourceNotSupportIpv6"},
		{"update: unknown", false, "UpdateVpcEndpointServiceAttribute", []string{"ServiceId", "epsrv-none"}, 400, "EndpointServiceNotFound"},
		{"delete: unknown", false, "DeleteVpcEndpointService", []string{"ServiceId", "epsrv-none"}, 400, "EndpointServiceNotFound"},
		{"delete: connected", false, "DeleteVpcEndpointService", []string{"ServiceId", "$svc"}, 400, "EndpointServiceConnectionDependence"},
		{"add user: both", false, "AddUserToVpcEndpointService", []string{"ServiceId", "$svc", "UserId", "1", "UserARN", "*"}, 400, "Mismatch.UserIdAndUserArn"},
		{"add user: neither", false, "AddUserToVpcEndpointService", []string{"ServiceId", "$svc"}, 400, "MissingParam.UserArn"},
		{"add user: negative", false, "AddUserToVpcEndpointService", []string{"ServiceId", "$svc", "UserId", "-1"}, 400, "InvalidParameter"},
		{"add user: beyond int64", false, "AddUserToVpcEndpointService", []string{"ServiceId", "$svc", "UserId", "9223372036854775808"}, 400, "InvalidParameter"},
		{"add user: bad ARN", false, "AddUserToVpcEndpointService", []string{"ServiceId", "$svc", "UserARN", "acs:ram::x:root"}, 400, "InvalidParameter"},
		{"add user: another account's", true, "AddUserToVpcEndpointService", []string{"ServiceId", "$svc", "UserId", "1"}, 400, "EndpointServiceNotFound"},
		{"remove user: neither", false, "RemoveUserFromVpcEndpointService", []string{"ServiceId", "$svc"}, 400, "MissingParam.UserArn"},
		{"remove user: both", false, "RemoveUserFromVpcEndpointService", []string{"ServiceId", "$svc", "UserId", "1", "UserARN", "*"}, 400, "Mismatch.UserIdAndUserArn"},
		{"list users: type", false, "ListVpcEndpointServiceUsers", []string{"ServiceId", "$svc", "UserListType", "Roles"}, 400, "InvalidParameter"},
		{"list users: MaxResults -1", false, "ListVpcEndpointServiceUsers", []string{"ServiceId", "$svc", "MaxResults", "-1"}, 400, "InvalidParameter"},
		{"attach: type", false, "AttachResourceToVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerB, "ResourceType", "ecs"}, 400, "EndpointServiceResourceTypeNotSupport"},
		{"attach: again", false, "AttachResourceToVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerA, "ResourceType", "slb"}, 400, "EndpointServiceResourceExist"},
		{"attach: alb to an slb service", false, "AttachResourceToVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", ProviderALB, "ResourceType", "alb"}, 400, "EndpointServiceResourceTypeNotEqual"},
		{"attach: unknown LB", false, "AttachResourceToVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", "lb-none", "ResourceType", "slb"}, 400, "LoadBalancerNotFound"},
		{"attach: to a world service", false, "AttachResourceToVpcEndpointService", []string{"ServiceId", ServiceID, "ResourceId", ProviderLoadBalancerB, "ResourceType", "slb"}, 400, "EndpointServiceOperationDenied"},
		{"attach: no ResourceType", false, "AttachResourceToVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerB}, 400, "MissingParameter"},
		{"detach: not attached", false, "DetachResourceFromVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerB}, 400, "EndpointServiceResourceNotFound"},
		{"detach: last in a connected zone", false, "DetachResourceFromVpcEndpointService", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerA}, 400, "EndpointServiceConnectionDependence"},
		{"list resources: MaxResults 1001", false, "ListVpcEndpointServiceResources", []string{"ServiceId", "$svc", "MaxResults", "1001"}, 400, "InvalidParameter"},
		{"resource attr: missing flag", false, "UpdateVpcEndpointServiceResourceAttribute", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerA}, 400, "MissingParameter"},
		{"resource attr: last automatic", false, "UpdateVpcEndpointServiceResourceAttribute", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerA, "AutoAllocatedEnabled", "false"}, 400, "ResourceAutoAllocateViolation"},
		{"resource attr: unknown", false, "UpdateVpcEndpointServiceResourceAttribute", []string{"ServiceId", "$svc", "ResourceId", ProviderLoadBalancerB, "AutoAllocatedEnabled", "true"}, 400, "EndpointServiceResourceNotFound"},
		{"connections: MaxResults 0", false, "ListVpcEndpointConnections", []string{"MaxResults", "0"}, 400, "InvalidParameter"},
		{"connections: owner -1", false, "ListVpcEndpointConnections", []string{"EndpointOwnerId", "-1"}, 400, "InvalidParameter"},
		{"connections: another account's service", true, "ListVpcEndpointConnections", []string{"ServiceId", "$svc"}, 400, "EndpointServiceNotFound"},
		{"enable: unknown endpoint", false, "EnableVpcEndpointConnection", []string{"ServiceId", "$svc", "EndpointId", "ep-none"}, 400, "EndpointConnectionNotFound"},
		{"enable: bandwidth", false, "EnableVpcEndpointConnection", []string{"ServiceId", "$svc", "EndpointId", "$ep", "Bandwidth", "10241"}, 400, "InvalidParameter"},
		{"enable: no EndpointId", false, "EnableVpcEndpointConnection", []string{"ServiceId", "$svc"}, 400, "MissingParameter"},
		{"disable: other service", false, "DisableVpcEndpointConnection", []string{"ServiceId", ServiceID, "EndpointId", "$ep"}, 400, "EndpointConnectionNotFound"},
		{"update connection: unknown endpoint", false, "UpdateVpcEndpointConnectionAttribute", []string{"ServiceId", "$svc", "EndpointId", "ep-none"}, 400, "EndpointNotFound"},
		{"update connection: bandwidth", false, "UpdateVpcEndpointConnectionAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "Bandwidth", "99"}, 400, "InvalidParameter"},
		{"enable zone: unknown zone", false, "EnableVpcEndpointZoneConnection", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneB}, p404, "ResourceNotFound.VpcEndpointZone"},
		{"enable zone: no ZoneId", false, "EnableVpcEndpointZoneConnection", []string{"ServiceId", "$svc", "EndpointId", "$ep"}, 400, "MissingParameter"},
		{"disable zone: unknown endpoint", false, "DisableVpcEndpointZoneConnection", []string{"ServiceId", "$svc", "EndpointId", "ep-none", "ZoneId", ZoneA}, 400, "EndpointConnectionNotFound"},
		{"zone resource: no mode", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA}, 400, "MissingParam.ResourceAllocateMode"},
		{"zone resource: bad allocate mode", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA, "ResourceAllocateMode", "Mannual"}, 400, "IllegalParam.ResourceAllocateMode"},
		{"zone resource: bad replace mode", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA, "ResourceReplaceMode", "Soft"}, 400, "IllegalParam.ResourceReplaceMode"},
		{"zone resource: manual without resource", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA, "ResourceAllocateMode", "Manual"}, 400, "MissingParam.ResourceId"},
		{"zone resource: allocate while connected", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA, "ResourceAllocateMode", "Auto"}, 400, "ZoneOperationDenied"},
		{"zone resource: unknown resource", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA, "ResourceReplaceMode", "Graceful", "ResourceId", ProviderLoadBalancerB}, 400, "EndpointServiceResourceNotFound"},
		{"zone resource: unknown zone", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneB, "ResourceAllocateMode", "Auto"}, 400, "EndpointZoneNotFound"},
		{"zone resource: type", false, "UpdateVpcEndpointZoneConnectionResourceAttribute", []string{"ServiceId", "$svc", "EndpointId", "$ep", "ZoneId", ZoneA, "ResourceAllocateMode", "Auto", "ResourceType", "ecs"}, 400, "EndpointServiceResourceTypeNotSupport"},
		{"create endpoint: IP quota", true, "CreateVpcEndpoint", createParams("Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB), 400, "QuotaExceeded.IpQuotaPerEp"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cl := *p
			if tt.consumer {
				cl = *c
			}
			cl.t = t
			cl.fail(tt.status, tt.code, tt.action, sub(tt.params)...)
		})
	}
}

// Who may connect: the owner, a UserId, a root ARN, or everyone.
func TestServiceAllowList(t *testing.T) {
	const otherID, otherKey, otherSecret = "2000000000000001", "LTAI5tOtherConsumer0000", "otherConsumerSecret00000000"
	srv := newTestServer(t, WithNewAccount(otherID, otherKey, otherSecret))
	p, c := provider(t, srv), newClient(t, srv)
	o := c.as(otherKey, otherSecret, "")
	svc := p.newService("Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb", "AutoAcceptEnabled", "true")
	byEndUser := func(cl *client) string {
		return cl.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc).str("TotalCount")
	}
	for _, cl := range []*client{c, o} {
		cl.fail(400, "EndpointServiceNotAuthorized", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
		if n := byEndUser(cl); n != "0" {
			t.Fatalf("listed before allowed: %s", n)
		}
	}
	// The owner may always connect.
	if n := byEndUser(p); n != "1" {
		t.Fatalf("owner's ByEndUser: %s", n)
	}
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "acs:ram::"+otherID+":root")
	o.create("ServiceId", svc)
	c.fail(400, "EndpointServiceNotAuthorized", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
	// Adding twice is one entry.
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "acs:ram::"+otherID+":root")
	arns := p.must("ListVpcEndpointServiceUsers", "ServiceId", svc, "UserListType", "UserARNs")
	if arns.str("TotalCount") != "1" || arns.list("UserARNs")[0]["UserARN"] != "acs:ram::"+otherID+":root" || arns.body["Users"] != nil {
		t.Fatalf("UserARNs: %v", arns)
	}
	if users := p.must("ListVpcEndpointServiceUsers", "ServiceId", svc); users.str("TotalCount") != "0" {
		t.Fatalf("Users: %v", users)
	}
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	id := c.create("ServiceId", svc)
	if c.must("GetVpcEndpointAttribute", "EndpointId", id).str("ConnectionStatus") != "Connected" {
		t.Fatal("automatically accepted connection not Connected")
	}
	// Removing entries refuses new endpoints, not existing connections.
	p.must("RemoveUserFromVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	p.must("RemoveUserFromVpcEndpointService", "ServiceId", svc, "UserARN", "acs:ram::"+otherID+":root")
	p.must("RemoveUserFromVpcEndpointService", "ServiceId", svc, "UserId", "42") // not there: no code
	o.fail(400, "EndpointServiceNotAuthorized", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
	if c.must("GetVpcEndpointAttribute", "EndpointId", id).str("ConnectionStatus") != "Connected" {
		t.Fatal("removing a user dropped a connection")
	}
	// The largest UserId goes through as an exact integer.
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", "9223372036854775807")
	raw := string(p.must("ListVpcEndpointServiceUsers", "ServiceId", svc, "UserId", "9223372036854775807").raw)
	if !strings.Contains(raw, `"Users":[{"UserId":9223372036854775807}]`) {
		t.Fatalf("large UserId: %s", raw)
	}
	// The world's three services are open to everyone.
	if n := o.must("ListVpcEndpointServicesByEndUser").str("TotalCount"); n != "3" {
		t.Fatalf("services for the other account: %s", n)
	}
}

// Busy states: a service in transition, and a connection between states.
func TestProviderTransitions(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithServiceDelay(time.Minute), WithConnectionDelay(time.Minute))
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	p.fail(400, "EndpointServiceOperationDenied", "UpdateVpcEndpointServiceAttribute", "ServiceId", svc, "ServiceDescription", "busy")
	p.fail(400, "EndpointServiceOperationDenied", "DeleteVpcEndpointService", "ServiceId", svc)
	p.fail(400, "EndpointServiceOperationDenied", "AttachResourceToVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerB, "ResourceType", "slb")
	c.fail(400, "IncorrectStatus.VpcEndpointService", "CreateVpcEndpoint", createParams("ServiceId", svc)...)
	clk.Advance(time.Minute)

	ep := c.create("ServiceId", svc)
	p.must("EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep, "Bandwidth", "5000")
	// While Connecting, the consumer's changes and the provider's wait.
	c.fail(400, "EndpointConnectionOperationDenied", "AttachSecurityGroupToVpcEndpoint", "EndpointId", ep, "SecurityGroupId", SecurityGroupID)
	c.fail(400, "EndpointConnectionOperationDenied", "AddZoneToVpcEndpoint", "EndpointId", ep, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	c.fail(400, "EndpointDependenceViolation", "DeleteVpcEndpoint", "EndpointId", ep)
	p.fail(400, "EndpointConnectionOperationDenied", "DisableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	p.fail(400, "EndpointConnectionOperationDenied", "UpdateVpcEndpointConnectionAttribute", "ServiceId", svc, "EndpointId", ep, "Bandwidth", "6000")
	p.fail(400, "EndpointConnectionOperationDenied", "DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	if err := srv.AcceptConnection(ep); err == nil {
		t.Error("AcceptConnection during Connecting succeeded")
	}
	clk.Advance(time.Minute)
	if got := connectionOf(t, p, svc, ep); got["Bandwidth"] != 5000.0 || got["ConnectionStatus"] != "Connected" {
		t.Fatalf("after Enable with Bandwidth: %v", got)
	}
	p.must("UpdateVpcEndpointConnectionAttribute", "ServiceId", svc, "EndpointId", ep, "Bandwidth", "6000")
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", ep).num("Bandwidth"); got != 6000 {
		t.Fatalf("consumer's Bandwidth %d", got)
	}

	// A second resource makes the service Pending for the service delay.
	p.must("AttachResourceToVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerB, "ResourceType", "slb")
	if got := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc).str("ServiceStatus"); got != "Pending" {
		t.Fatalf("after attach: %s", got)
	}
	p.fail(400, "EndpointServiceLocked", "UpdateVpcEndpointServiceAttribute", "ServiceId", svc, "ServiceDescription", "busy")
	p.fail(400, "EndpointServiceLocked", "UpdateVpcEndpointServiceResourceAttribute", "ServiceId", svc, "ResourceId", ProviderLoadBalancerA, "AutoAllocatedEnabled", "true")
	p.fail(400, "EndpointServiceResourceCannotRemove", "DetachResourceFromVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerB)
	p.fail(400, "IncorrectStatus.VpcEndpointService", "DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	p.fail(400, "EndpointServiceLocked", "UpdateVpcEndpointZoneConnectionResourceAttribute", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA, "ResourceAllocateMode", "Auto")
	clk.Advance(time.Minute)
	if n := len(p.must("ListVpcEndpointServiceResources", "ServiceId", svc).list("Resources")); n != 2 {
		t.Fatalf("%d resources", n)
	}
	// Billing locks the endpoint: no zone changes.
	if err := srv.SetBusinessStatus(ep, "FinancialLocked"); err != nil {
		t.Fatal(err)
	}
	p.fail(400, "IncorrectBusinessStatus.VpcEndpoint", "DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	if err := srv.SetBusinessStatus(ep, "Normal"); err != nil {
		t.Fatal(err)
	}
	// Disabling goes through Disconnecting; the shortcut then refuses.
	p.must("DisableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", ep).str("ConnectionStatus"); got != "Disconnecting" {
		t.Fatalf("consumer during Disconnecting: %s", got)
	}
	if err := srv.RejectConnection(ep); err == nil {
		t.Error("RejectConnection during Disconnecting succeeded")
	}
	clk.Advance(time.Minute)
	if conn, zones := connOf(t, c, srv, ep); conn != "Disconnected" || zones[0] != "Disconnected" {
		t.Fatalf("after Disable: %s %v", conn, zones)
	}
	p.fail(400, "IncorrectStatus.VpcEndpointConnection", "EnableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	// The shortcut is the same machine: Connecting, then Connected.
	if err := srv.AcceptConnection(ep); err != nil {
		t.Fatal(err)
	}
	if got := connectionOf(t, p, svc, ep)["ConnectionStatus"]; got != "Connecting" {
		t.Fatalf("after AcceptConnection: %v", got)
	}
}

// Zone connections and their resources, as the provider tunes them.
func TestZoneConnectionResources(t *testing.T) {
	srv := newTestServer(t)
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("AutoAcceptEnabled", "true", "Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	// ZoneB has no resource yet.
	c.fail(400, "EndpointServiceNotSupportedZone", "CreateVpcEndpoint", createParams("ServiceId", svc, "Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)...)
	ep := c.create("ServiceId", svc)
	z := connectionOf(t, p, svc, ep)["Zones"].([]any)[0].(map[string]any)
	if z["ResourceId"] != ProviderLoadBalancerA || z["ZoneStatus"] != "Connected" {
		t.Fatalf("zone: %v", z)
	}
	res := p.must("ListVpcEndpointServiceResources", "ServiceId", svc)
	if _, has := res.body["TotalCount"]; has {
		t.Errorf("ListVpcEndpointServiceResources has a TotalCount: %s", res.raw)
	}
	if r := res.list("Resources")[0]; r["RelatedEndpointCount"] != 1.0 || r["AutoAllocatedEnabled"] != true || r["ZoneId"] != ZoneA {
		t.Fatalf("resource: %v", r)
	}
	p.must("DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	p.must("DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA) // already: no change
	if got := zoneStatuses(connectionOf(t, p, svc, ep)); got[ZoneA] != "Disconnected" {
		t.Fatalf("after disabling: %v", got)
	}
	p.must("EnableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	if got := zoneStatuses(connectionOf(t, p, svc, ep)); got[ZoneA] != "Connected" {
		t.Fatalf("after enabling: %v", got)
	}
	// Disconnected, the zone's allocation can be set by hand.
	p.must("DisableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	p.must("UpdateVpcEndpointZoneConnectionResourceAttribute", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA,
		"ResourceAllocateMode", "Manual", "ResourceId", ProviderLoadBalancerA, "ResourceType", "slb")
	p.fail(400, "ZoneOperationDenied", "UpdateVpcEndpointZoneConnectionResourceAttribute", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA,
		"ResourceReplaceMode", "Graceful", "ResourceId", ProviderLoadBalancerA)
	p.must("EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	// The connection filter by resource and owner.
	if n := p.must("ListVpcEndpointConnections", "ResourceId", ProviderLoadBalancerA, "EndpointOwnerId", AccountID).str("TotalCount"); n != "1" {
		t.Fatalf("by resource and owner: %s", n)
	}
	if n := p.must("ListVpcEndpointConnections", "EndpointOwnerId", "1").str("TotalCount"); n != "0" {
		t.Fatalf("by another owner: %s", n)
	}
	if n := p.must("ListVpcEndpointConnections", "ConnectionStatus", "Connected").str("TotalCount"); n != "1" {
		t.Fatalf("by status: %s", n)
	}
}

// Services carry tags and resource groups through the tag operations.
func TestServiceTags(t *testing.T) {
	srv := newTestServer(t)
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("Tag.1.Key", "team", "Tag.1.Value", "orders")
	p.must("TagResources", "ResourceType", "vpcendpointservice", "ResourceId.1", svc, "Tag.1.Key", "env", "Tag.1.Value", "prod")
	got := p.must("ListTagResources", "ResourceType", "vpcendpointservice", "ResourceId.1", svc).list("TagResources")
	if len(got) != 2 || got[0]["TagKey"] != "team" || got[1]["TagKey"] != "env" {
		t.Fatalf("tags: %v", got)
	}
	l := p.must("ListVpcEndpointServices", "Tag.1.Key", "env", "Tag.1.Value", "prod")
	if l.num("TotalCount") != 1 || len(l.list("Services")[0]["Tags"].([]any)) != 2 {
		t.Fatalf("ListVpcEndpointServices by tag: %v", l)
	}
	// The consumer does not own the service.
	c.fail(400, "InvalidResourceId.NotFound", "TagResources", "ResourceType", "vpcendpointservice", "ResourceId.1", svc, "Tag.1.Key", "k", "Tag.1.Value", "v")
	p.must("UntagResources", "ResourceType", "vpcendpointservice", "ResourceId.1", svc, "TagKey.1", "env")
	p.must("ChangeResourceGroup", "ResourceType", "VpcEndpointService", "ResourceId", svc, "ResourceGroupId", ProviderResourceGroupID)
	if g := p.must("GetVpcEndpointServiceAttribute", "ServiceId", svc); g.str("ResourceGroupId") != ProviderResourceGroupID {
		t.Fatalf("resource group: %v", g)
	}
}

// A client token makes a provider's call one logical operation, per account.
func TestServiceClientTokens(t *testing.T) {
	srv := newTestServer(t)
	p, c := provider(t, srv), newClient(t, srv)
	first := p.newService("ClientToken", "tok-1", "ServiceDescription", "one")
	if again := p.newService("ClientToken", "tok-1", "ServiceDescription", "one"); again != first {
		t.Fatalf("a retry made a second service: %s, %s", first, again)
	}
	p.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpointService", "ClientToken", "tok-1", "ServiceDescription", "two")
	if other := c.newService("ClientToken", "tok-1", "ServiceDescription", "one"); other == first {
		t.Fatal("the token of another account replayed its answer")
	}
	p.must("AddUserToVpcEndpointService", "ServiceId", first, "UserId", AccountID, "ClientToken", "tok-2")
	p.must("AddUserToVpcEndpointService", "ServiceId", first, "UserId", AccountID, "ClientToken", "tok-2")
	p.fail(400, "IdempotentParameterMismatch", "AddUserToVpcEndpointService", "ServiceId", first, "UserId", "7", "ClientToken", "tok-2")
	p.must("DeleteVpcEndpointService", "ServiceId", first, "ClientToken", "tok-3")
	// The retry of a delete that succeeded gets its answer, not NotFound.
	p.must("DeleteVpcEndpointService", "ServiceId", first, "ClientToken", "tok-3")
	// The world's three services are left.
	if n := p.must("ListVpcEndpointServices", "MaxResults", "0").num("TotalCount"); n != 3 {
		t.Fatalf("provider services after delete: %d", n)
	}
}

// DeleteService goes through the service's deletion.
func TestDeleteServiceCreated(t *testing.T) {
	srv := newTestServer(t)
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("AutoAcceptEnabled", "true", "Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	ep := c.create("ServiceId", svc)
	if err := srv.DeleteService(svc); err != nil {
		t.Fatal(err)
	}
	if got := c.must("GetVpcEndpointAttribute", "EndpointId", ep).str("ConnectionStatus"); got != "ServiceDeleted" {
		t.Fatalf("endpoint of a deleted service: %s", got)
	}
	p.fail(400, "EndpointServiceNotFound", "GetVpcEndpointServiceAttribute", "ServiceId", svc)
	if err := srv.DeleteService(svc); err == nil {
		t.Error("DeleteService twice succeeded")
	}
	// Its load balancer is free again.
	p.newService("Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
}

// Removals complete at their own instants though the server scans only
// when one is due, and the per-VPC count follows them.
func TestSweepSchedule(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithZoneDelay(time.Minute), WithDeletionDelay(time.Hour), WithQuota(QuotaTotalEpPerVpc, 2))
	c := newClient(t, srv)
	e1 := c.create("Zone.2.ZoneId", ZoneB, "Zone.2.VSwitchId", VSwitchB)
	e2 := c.create()
	c.fail(400, "QuotaExceeded.totalEpPerVpc", "CreateVpcEndpoint", createParams()...)
	c.must("RemoveZoneFromVpcEndpoint", "EndpointId", e1, "ZoneId", ZoneB)
	c.must("DeleteVpcEndpoint", "EndpointId", e2)
	clk.Advance(time.Minute)
	if n := len(c.must("ListVpcEndpointZones", "EndpointId", e1).list("Zones")); n != 1 {
		t.Fatalf("%d zones after the zone delay", n)
	}
	if st := c.status(e2); st != "Deleting" {
		t.Fatalf("e2 is %s before the deletion delay", st)
	}
	clk.Advance(time.Hour)
	c.fail(400, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", e2)
	c.create() // the VPC has room again
}

// The zone operations replay their answer for a retry with the same
// client token, even once the zone's state has moved on.
func TestZoneConnectionClientToken(t *testing.T) {
	srv := newTestServer(t)
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("AutoAcceptEnabled", "true", "Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	ep := c.create("ServiceId", svc)
	args := []string{"ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA, "ClientToken", "zone-tok"}
	p.must("DisableVpcEndpointZoneConnection", args...)
	p.must("DisableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	// Without the token this would be IncorrectStatus.VpcEndpointConnection.
	p.must("DisableVpcEndpointZoneConnection", args...)
	p.fail(400, "IncorrectStatus.VpcEndpointConnection", "DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneA)
	p.fail(400, "IdempotentParameterMismatch", "DisableVpcEndpointZoneConnection", "ServiceId", svc, "EndpointId", ep, "ZoneId", ZoneB, "ClientToken", "zone-tok")
	// A dry run checks and changes nothing.
	p.fail(400, "DryRunOperation", "EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep, "DryRun", "true")
	if got := connectionOf(t, p, svc, ep)["ConnectionStatus"]; got != "Disconnected" {
		t.Fatalf("after a dry run: %v", got)
	}
}

// A service being deleted is no longer offered to consumers.
func TestByEndUserSkipsDeleting(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithServiceDelay(time.Minute))
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService()
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	if n := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc).str("TotalCount"); n != "0" {
		t.Fatalf("a Creating service offered: %s", n)
	}
	clk.Advance(time.Minute)
	if n := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc).str("TotalCount"); n != "1" {
		t.Fatalf("an Active service not offered: %s", n)
	}
	p.must("DeleteVpcEndpointService", "ServiceId", svc)
	if n := c.must("ListVpcEndpointServicesByEndUser", "ServiceId", svc).str("TotalCount"); n != "0" {
		t.Fatalf("a Deleting service offered: %s", n)
	}
}

func TestEndpointServiceSnapshot(t *testing.T) {
	srv := newTestServer(t)
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("ClientToken", "snap", "Tag.1.Key", "k", "Tag.1.Value", "v",
		"Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	ep := c.create("ServiceId", svc)
	got, ok := srv.EndpointService(svc)
	if !ok || got.AccountID != ProviderAccountID || got.Status != "Active" || got.AutoAccept || got.ResourceType != "slb" ||
		got.ClientToken != "snap" || got.ResourceGroupID != ProviderResourceGroupID || len(got.Tags) != 1 {
		t.Fatalf("snapshot: %+v", got)
	}
	if len(got.AllowedUserIDs) != 1 || got.AllowedUserIDs[0] != 1234567890123456 || len(got.AllowedARNs) != 1 || got.AllowedARNs[0] != "*" {
		t.Fatalf("allow-list: %+v", got)
	}
	if len(got.Resources) != 1 || got.Resources[0] != (ServiceResource{ProviderLoadBalancerA, "slb", ZoneA, true}) || len(got.Zones) != 1 {
		t.Fatalf("resources: %+v", got)
	}
	if len(got.EndpointIDs) != 1 || got.EndpointIDs[0] != ep {
		t.Fatalf("endpoints: %+v", got)
	}
	world, ok := srv.EndpointService(ServiceID)
	if !ok || world.AccountID != ProviderAccountID || !world.AutoAccept || len(world.Zones) != 2 || world.AllowedARNs[0] != "*" {
		t.Fatalf("the world's service: %+v", world)
	}
	if err := srv.DeleteService(svc); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.EndpointService(svc); ok {
		t.Fatal("a deleted service has a snapshot")
	}
}

// A zone is served by a resource of the service in its zone: the one it
// was placed on, added later, or the one left when its own is detached.
func TestZoneResourceAssignment(t *testing.T) {
	const lbA2 = "lb-hp3emu0clba2x7k2m9q"
	srv := newTestServer(t, WithLoadBalancer(ProviderAccountID, LoadBalancer{ID: lbA2, Type: "slb", ZoneID: ZoneA}))
	p, c := provider(t, srv), newClient(t, srv)
	svc := p.newService("AutoAcceptEnabled", "true", "Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserARN", "*")
	ep := c.create("ServiceId", svc)
	p.must("AttachResourceToVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerB, "ResourceType", "slb")
	p.must("AttachResourceToVpcEndpointService", "ServiceId", svc, "ResourceId", lbA2, "ResourceType", "slb", "ZoneId", ZoneA)
	c.must("AddZoneToVpcEndpoint", "EndpointId", ep, "ZoneId", ZoneB, "VSwitchId", VSwitchB)
	resources := func() map[string]any {
		out := map[string]any{}
		for _, z := range connectionOf(t, p, svc, ep)["Zones"].([]any) {
			m := z.(map[string]any)
			out[m["ZoneId"].(string)] = m["ResourceId"]
		}
		return out
	}
	if got := resources(); got[ZoneA] != ProviderLoadBalancerA || got[ZoneB] != ProviderLoadBalancerB {
		t.Fatalf("placed: %v", got)
	}
	p.must("DetachResourceFromVpcEndpointService", "ServiceId", svc, "ResourceId", ProviderLoadBalancerA)
	if got := resources(); got[ZoneA] != lbA2 {
		t.Fatalf("after detaching A: %v", got)
	}
	if n := p.must("ListVpcEndpointConnections", "ServiceId", svc, "ResourceId", lbA2).str("TotalCount"); n != "1" {
		t.Fatalf("by the new resource: %s", n)
	}
}
