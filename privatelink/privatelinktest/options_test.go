package privatelinktest

import (
	"net/http"
	"testing"
	"time"
)

// A world built from options is usable end to end: its VPC, vSwitch,
// security group and service take endpoints like the default ones.
func TestOptionsCustomWorld(t *testing.T) {
	const (
		vpc = "vpc-hp3custom00000000000"
		vsw = "vsw-hp3custom00000000000"
		sg  = "sg-hp3custom0000000000"
		svc = "epsrv-hp3custom000000000"
	)
	srv := newTestServer(t,
		WithVpc(vpc),
		WithVSwitch(vsw, vpc, "cn-huhehaote-c", "10.20.0.0/16", "2408:4005:34d:c100::/56"),
		WithSecurityGroup(sg, vpc),
		WithService(Service{ID: svc, Zones: []string{"cn-huhehaote-c"}, AutoAccept: true, DualStack: true}),
	)
	c := newClient(t, srv)
	a := c.must("CreateVpcEndpoint",
		"VpcId", vpc, "ServiceId", svc, "SecurityGroupId.1", sg, "AddressIpVersion", "DualStack",
		"Zone.1.ZoneId", "cn-huhehaote-c", "Zone.1.VSwitchId", vsw)
	if a.str("ServiceName") != "com.aliyuncs.privatelink.cn-huhehaote."+svc {
		t.Fatalf("derived service name: %v", a)
	}
	e, _ := srv.Endpoint(a.str("EndpointId"))
	if e.Zones[0].IP != "10.20.0.1" || e.Zones[0].IPv6 != "2408:4005:34d:c100::1" {
		t.Fatalf("addresses in the custom vSwitch: %+v", e.Zones[0])
	}
}

func TestOptionsReplaceService(t *testing.T) {
	// Redefining a service by ID replaces it, name included.
	srv := newTestServer(t, WithService(Service{ID: ServiceID, Name: "com.example.renamed", Zones: []string{ZoneA}}))
	c := newClient(t, srv)
	c.fail(400, "EndpointServiceNotFound", "CreateVpcEndpoint", createParams("ServiceId", "-", "ServiceName", ServiceName)...)
	id := c.create("ServiceId", "-", "ServiceName", "com.example.renamed")
	if e, _ := srv.Endpoint(id); e.ConnectionStatus != "Pending" {
		t.Fatalf("the replacement service does not accept automatically: %+v", e)
	}
}

func TestOptionsAccounts(t *testing.T) {
	srv := newTestServer(t, WithAccount("LTAIextra", "extra-secret"))
	c := newClient(t, srv)
	// Every key acts on the same account's endpoints.
	id := c.create()
	c.as("LTAIextra", "extra-secret", "").must("GetVpcEndpointAttribute", "EndpointId", id)
	if a := c.as("LTAIextra", AccessKeySecret, "").call("ListVpcEndpoints"); a.code() != "SignatureDoesNotMatch" {
		t.Fatalf("another key's secret: %v", a)
	}
}

func TestOptionsSeedMakesIDsReproducible(t *testing.T) {
	ids := func(seed int64) [2]string {
		srv := newTestServer(t, WithSeed(seed))
		c := newClient(t, srv)
		return [2]string{c.create(), c.create()}
	}
	if a, b := ids(3), ids(3); a != b {
		t.Fatalf("seed 3 gave %v then %v", a, b)
	}
	if a, b := ids(3), ids(4); a == b {
		t.Fatal("seeds 3 and 4 gave the same IDs")
	}
}

func TestOptionsDelays(t *testing.T) {
	srv := newServer(WithCreationDelay(time.Second), WithDeletionDelay(2*time.Second), WithZoneDelay(3*time.Second), WithSecurityGroupDelay(4*time.Second))
	if srv.creationDelay != time.Second || srv.deletionDelay != 2*time.Second || srv.zoneDelay != 3*time.Second || srv.sgDelay != 4*time.Second {
		t.Fatalf("delays: %v %v %v %v", srv.creationDelay, srv.deletionDelay, srv.zoneDelay, srv.sgDelay)
	}
	if d := newServer(); d.creationDelay != 0 || d.deletionDelay != 0 || d.zoneDelay != 0 || d.sgDelay != 0 {
		t.Fatal("default delays are not 0")
	}
}

func TestOptionsDeniedActionIsPerKey(t *testing.T) {
	srv := newTestServer(t, WithAccount("LTAIro", "ro-secret"), WithDeniedAction("LTAIro", "CreateVpcEndpoint"))
	c := newClient(t, srv)
	ro := c.as("LTAIro", "ro-secret", "")
	ro.fail(http.StatusForbidden, "Forbidden.RAM", "CreateVpcEndpoint", createParams()...)
	ro.must("ListVpcEndpoints")
	c.create()
}

func TestNewServerPanicsOnBadOption(t *testing.T) {
	for name, opt := range map[string]Option{
		"vswitch in unknown vpc": WithVSwitch("vsw-x", "vpc-nope", ZoneA, "10.0.0.0/24", ""),
		"bad cidr":               WithVSwitch("vsw-x", VpcID, ZoneA, "10.0.0.0/33", ""),
		"bad ipv6 cidr":          WithVSwitch("vsw-x", VpcID, ZoneA, "10.0.0.0/24", "10.1.0.0/16"),
		"bad vpc id":             WithVpc("net-1"),
		"sg in unknown vpc":      WithSecurityGroup("sg-x", "vpc-nope"),
		"service without zones":  WithService(Service{ID: "epsrv-x"}),
		"service bad type":       WithService(Service{ID: "epsrv-x", Zones: []string{ZoneA}, Type: "Gateway"}),
		"unknown quota":          WithQuota("endpointsPerAccount", 3),
		"negative quota":         WithQuota(QuotaTotalEpPerVpc, -1),
		"negative delay":         WithCreationDelay(-time.Second),
		"negative visibility":    WithVisibilityDelay(-time.Second),
		"nil clock":              WithClock(nil),
		"empty account":          WithAccount("", "x"),
		"empty sts token":        WithSTSCredential("STS.x", "y", ""),
		"deny unknown key":       WithDeniedAction("LTAInobody", "ListVpcEndpoints"),
		"deny unknown action":    WithDeniedAction(AccessKeyID, "DescribeEverything"),
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("NewServer did not panic")
				}
			}()
			newServer(opt)
		})
	}
}

// A zero Option, as a caller's conditional option slot leaves it, is
// ignored like privatelink.Option{} is, instead of panicking on a nil func.
func TestZeroOptionIsIgnored(t *testing.T) {
	srv := newTestServer(t, Option{}, WithVpc("vpc-hp3zero0000000000000"), Option{})
	c := newClient(t, srv)
	a := c.must("CreateVpcEndpoint",
		"VpcId", VpcID, "ServiceId", ServiceID, "SecurityGroupId.1", SecurityGroupID,
		"Zone.1.ZoneId", ZoneA, "Zone.1.VSwitchId", VSwitchA)
	if a.str("EndpointId") == "" {
		t.Fatalf("no endpoint created: %v", a)
	}
}
