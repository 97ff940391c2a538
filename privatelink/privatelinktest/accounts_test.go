package privatelinktest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	secondAccount = "2000000000000001"
	secondKey     = "LTAIsecondAccount000001"
	secondSecret  = "second-secret"
)

// An account sees only its own endpoints, tags, resource groups and client
// tokens; another account's resource answers as if it did not exist.
func TestAccountIsolation(t *testing.T) {
	srv := newTestServer(t, WithNewAccount(secondAccount, secondKey, secondSecret))
	c := newClient(t, srv)
	other := c.as(secondKey, secondSecret, "")

	id := c.create("ClientToken", "shared-token", "Tag.1.Key", "team", "Tag.1.Value", "red")
	if e, _ := srv.Endpoint(id); e.AccountID != AccountID || e.ResourceGroupID != DefaultResourceGroupID {
		t.Fatalf("default account's endpoint: %+v", e)
	}
	other.fail(http.StatusBadRequest, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", id)
	other.fail(http.StatusBadRequest, "EndpointNotFound", "DeleteVpcEndpoint", "EndpointId", id)
	other.fail(http.StatusBadRequest, "EndpointNotFound", "ListVpcEndpointZones", "EndpointId", id)
	if a := other.must("ListVpcEndpoints"); a.num("TotalCount") != 0 {
		t.Fatalf("another account lists %v", a)
	}
	other.fail(http.StatusBadRequest, "InvalidResourceId.NotFound", "TagResources", "ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "k", "Tag.1.Value", "v")
	other.fail(http.StatusBadRequest, "InvalidResourceId.NotFound", "UntagResources", "ResourceType", "vpcendpoint", "ResourceId.1", id, "All", "true")
	if got := other.must("ListTagResources", "ResourceType", "vpcendpoint", "Tag.1.Key", "team").list("TagResources"); len(got) != 0 {
		t.Fatalf("another account lists tags %v", got)
	}
	other.fail(http.StatusBadRequest, "ResourceNotFound", "ChangeResourceGroup", "ResourceId", id, "ResourceGroupId", defaultResourceGroupOf(secondAccount))

	// The same client token in another account is another request.
	mine := other.create("ClientToken", "shared-token")
	if mine == id {
		t.Fatal("another account's client token returned the first account's endpoint")
	}
	e, _ := srv.Endpoint(mine)
	if e.AccountID != secondAccount || e.ResourceGroupID != "rg-acfm"+secondAccount || e.CreatedBy != secondKey {
		t.Fatalf("second account's endpoint: %+v", e)
	}
	// Each account's groups are its own.
	c.fail(http.StatusBadRequest, "InvalidResourceGroup", "ChangeResourceGroup", "ResourceId", id, "ResourceGroupId", e.ResourceGroupID)
	if a := c.must("ListVpcEndpoints"); a.num("TotalCount") != 1 {
		t.Fatalf("the first account lists %v", a)
	}
	if got := srv.ResourceGroups(secondAccount); !slices.Equal(got, []string{"rg-acfm" + secondAccount}) {
		t.Fatalf("ResourceGroups: %v", got)
	}
	if srv.ResourceGroups("999") != nil {
		t.Fatal("an unknown account has resource groups")
	}
}

// WithAccount and WithSTSCredential keep adding keys of the default
// account; WithAccountKey and WithAccountSTSCredential add keys of any.
func TestAccountKeys(t *testing.T) {
	srv := newTestServer(t,
		WithAccount("LTAIdefault2", "d2"),
		WithSTSCredential("STS.default", "ds", "dt"),
		WithNewAccount(secondAccount, secondKey, secondSecret),
		WithAccountKey(secondAccount, "LTAIsecond2", "s2"),
		WithAccountSTSCredential(secondAccount, "STS.second", "ss", "st", time.Time{}),
	)
	c := newClient(t, srv)
	first := c.create()
	for _, cl := range []*client{c.as("LTAIdefault2", "d2", ""), c.as("STS.default", "ds", "dt")} {
		cl.must("GetVpcEndpointAttribute", "EndpointId", first)
	}
	second := c.as(secondKey, secondSecret, "").create()
	for _, cl := range []*client{c.as("LTAIsecond2", "s2", ""), c.as("STS.second", "ss", "st")} {
		cl.must("GetVpcEndpointAttribute", "EndpointId", second)
		cl.fail(http.StatusBadRequest, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", first)
	}
}

func TestAccountOptionsPanic(t *testing.T) {
	const x = "secret-never-in-a-panic"
	for name, opt := range map[string]Option{
		"non-numeric account":       WithNewAccount("acct-1", "LTAIx", x),
		"empty account":             WithNewAccount("", "LTAIx", x),
		"21-digit account":          WithNewAccount("123456789012345678901", "LTAIx", x),
		"account beyond int64":      WithNewAccount("9223372036854775808", "LTAIx", x),
		"provider account again":    WithNewAccount(ProviderAccountID, "LTAIx", x),
		"LB of unknown account":     WithLoadBalancer(secondAccount, LoadBalancer{ID: "lb-x", Type: "slb", ZoneID: ZoneA}),
		"LB of unknown type":        WithLoadBalancer(AccountID, LoadBalancer{ID: "lb-x", Type: "ecs", ZoneID: ZoneA}),
		"LB without zone":           WithLoadBalancer(AccountID, LoadBalancer{ID: "lb-x", Type: "slb"}),
		"negative service delay":    WithServiceDelay(-time.Second),
		"negative connection delay": WithConnectionDelay(-time.Second),
		"existing account":          WithNewAccount(AccountID, "LTAIx", x),
		"account without key":       WithNewAccount(secondAccount, "", x),
		"key of unknown account":    WithAccountKey(secondAccount, "LTAIx", x),
		"sts of unknown account":    WithAccountSTSCredential(secondAccount, "STS.x", x, "t", time.Time{}),
		"sts without token":         WithAccountSTSCredential(AccountID, "STS.x", x, "", time.Time{}),
		"unknown not activated":     WithNotActivated(secondAccount),
		"group of unknown account":  WithResourceGroup(secondAccount, "rg-x"),
		"group without rg-":         WithResourceGroup(AccountID, "group-x"),
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("NewServer did not panic")
				}
				if msg := fmt.Sprint(r); strings.Contains(msg, x) {
					t.Fatalf("the panic shows the secret: %s", msg)
				}
			}()
			newServer(opt)
		})
	}
}

// An account without PrivateLink answers NeedOpenProduct to everything but
// CheckProductOpen and OpenPrivateLinkService, which activates it once.
func TestActivation(t *testing.T) {
	srv := newTestServer(t,
		WithNewAccount(secondAccount, secondKey, secondSecret),
		WithNotActivated(secondAccount),
	)
	c := newClient(t, srv)
	fresh := c.as(secondKey, secondSecret, "")
	if srv.Activated(secondAccount) || !srv.Activated(AccountID) || srv.Activated("999") {
		t.Fatal("Activated before OpenPrivateLinkService")
	}
	id := c.create()
	for _, action := range []struct {
		name  string
		pairs []string
	}{
		{"CreateVpcEndpoint", createParams()},
		{"GetVpcEndpointAttribute", []string{"EndpointId", id}},
		{"ListVpcEndpoints", nil},
		{"TagResources", []string{"ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "k", "Tag.1.Value", "v"}},
		{"ListTagResources", []string{"ResourceType", "vpcendpoint", "ResourceId.1", id}},
		{"ChangeResourceGroup", []string{"ResourceId", id, "ResourceGroupId", DefaultResourceGroupID}},
		{"DescribeRegions", nil},
		{"DescribeZones", nil},
	} {
		fresh.fail(http.StatusBadRequest, "NeedOpenProduct", action.name, action.pairs...)
	}
	if a := fresh.must("CheckProductOpen"); a.body["Success"] != false {
		t.Fatalf("CheckProductOpen before: %v", a)
	}
	// The other account is unaffected.
	if a := c.must("CheckProductOpen"); a.body["Success"] != true {
		t.Fatalf("CheckProductOpen of the activated account: %v", a)
	}
	c.fail(http.StatusBadRequest, "OrderOpend", "OpenPrivateLinkService")

	// OwnerId (v5.0.10) names no other account: the signer's is activated.
	a := fresh.must("OpenPrivateLinkService", "OwnerId", AccountID)
	if order := a.str("OrderId"); len(order) != 12 || order[0] == '0' {
		t.Fatalf("OrderId: %v", a)
	}
	if !srv.Activated(secondAccount) {
		t.Fatal("not Activated after OpenPrivateLinkService")
	}
	if a := fresh.must("CheckProductOpen"); a.body["Success"] != true {
		t.Fatalf("CheckProductOpen after: %v", a)
	}
	fresh.must("ListVpcEndpoints")
	fresh.fail(http.StatusBadRequest, "OrderOpend", "OpenPrivateLinkService")
}

// The default account can start without PrivateLink too.
func TestActivationOfDefaultAccount(t *testing.T) {
	srv := newTestServer(t, WithNotActivated(AccountID))
	c := newClient(t, srv)
	c.fail(http.StatusBadRequest, "NeedOpenProduct", "CreateVpcEndpoint", createParams()...)
	c.withV3().must("OpenPrivateLinkService")
	c.create()
}

// Which actions need RegionId, and which take none.
func TestRegionRules(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	id := c.create()
	noRegion := func(action string, pairs ...string) answer {
		return c.do(spec{action: action, params: kv(pairs...), noRegion: true})
	}
	tests := []struct {
		action string
		pairs  []string
		// status and code without RegionId, and with another region.
		without, other string
	}{
		{"ListVpcEndpoints", nil, "MissingParameter", "InvalidRegionId.NotFound"},
		{"GetVpcEndpointAttribute", []string{"EndpointId", id}, "MissingParameter", "InvalidRegionId.NotFound"},
		{"TagResources", []string{"ResourceType", "vpcendpoint", "ResourceId.1", id, "Tag.1.Key", "k", "Tag.1.Value", "v"}, "MissingParameter", "InvalidRegionId.NotFound"},
		{"DescribeZones", nil, "MissingParameter", "InvalidRegionId.NotFound"},
		{"ChangeResourceGroup", []string{"ResourceId", id, "ResourceGroupId", DefaultResourceGroupID}, "", "InvalidRegionId.NotFound"},
		{"DescribeRegions", nil, "", ""},
		{"CheckProductOpen", nil, "", ""},
		{"OpenPrivateLinkService", nil, "OrderOpend", "OrderOpend"},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			if a := noRegion(tt.action, tt.pairs...); a.code() != tt.without {
				t.Fatalf("without RegionId: %v, want %q", a, tt.without)
			}
			if a := noRegion(tt.action, append(tt.pairs, "RegionId", "cn-hangzhou")...); a.code() != tt.other {
				t.Fatalf("with RegionId cn-hangzhou: %v, want %q", a, tt.other)
			}
		})
	}
	c.fail(http.StatusNotFound, "InvalidRegionId.NotFound", "DescribeRegions", "RegionId", "mars-north-1")
}
