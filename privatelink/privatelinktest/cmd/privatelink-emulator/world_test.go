package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// TestSampleWorldLoads checks that the sample world in testdata parses,
// passes every check and builds an emulator (the emulator's own option
// checks run too).
func TestSampleWorldLoads(t *testing.T) {
	opts, err := loadWorld(filepath.Join("testdata", "world.json"))
	require.NoError(t, err)
	srv := privatelinktest.NewUnstartedServer(opts...)
	defer srv.Close()
	assert.False(t, srv.Activated("2234567890123456"))
	assert.Contains(t, srv.ResourceGroups(privatelinktest.AccountID), "rg-acfmteamalpha01")
}

// TestWorldProblemsAreListedWithPaths checks the error texts: every
// problem of a file at once, each with its field path and reason.
func TestWorldProblemsAreListedWithPaths(t *testing.T) {
	for name, tc := range map[string]struct {
		doc  string
		want []string
	}{
		"syntax": {
			doc:  "{\n  \"vpcs\": [\n    {\"id\": \"vpc-a\",}\n  ]\n}",
			want: []string{"line 3, column 20: invalid character '}'"},
		},
		"shape": {
			doc: `{"vpc": [], "accounts": [{"id": 12, "accessKeys": {"id": "k"}, "loadbalancer": []}], "quotas": {"totalEpPerVpc": 1.5},
				"services": [{"id": "epsrv-x", "zones": ["z"], "autoAccept": "yes", "Loadbalancer": 1}]}`,
			want: []string{
				`accounts[0].accessKeys: want an array, got an object`,
				`accounts[0].id: want a string, got 12`,
				`quotas.totalEpPerVpc: want an integer, got 1.5`,
				`services[0].Loadbalancer: unknown field (known: id, name, zones, autoAccept, dualStack, type)`,
				`services[0].autoAccept: want true or false, got "yes"`,
				`vpc: unknown field (known: accounts, vpcs, services, quotas, delays)`,
				`accounts[0].loadbalancer: unknown field (known: id, activated, resourceGroups, accessKeys, stsCredentials, loadBalancers)`,
			},
		},
		"values": {
			doc: `{
				"accounts": [
					{"id": "12x", "accessKeys": [{"id": "a", "secret": "s"}]},
					{"id": "2234567890123456"},
					{"id": "3234567890123456", "accessKeys": [{"id": "` + privatelinktest.AccessKeyID + `", "secret": "s"}, {"id": "k2", "secret": ""}],
					 "stsCredentials": [{"accessKeyId": "STS.x", "accessKeySecret": "s", "securityToken": "", "expires": "tomorrow"}],
					 "resourceGroups": ["group"],
					 "loadBalancers": [{"id": "lb-1", "type": "slb", "zoneId": "z"}, {"id": "lb-1", "type": "elb"}]}
				],
				"vpcs": [{"id": "vpc-1", "vSwitches": [{"id": "sw-1", "zoneId": "", "cidr": "10.0.0.0/30", "ipv6Cidr": "10.0.0.0/8"}], "securityGroups": ["sg-1", "sg-1"]}],
				"services": [{"id": "epsrv-1", "type": "Gateway"}],
				"quotas": {"totalEpPerVpc": -1, "endpoints": 3},
				"delays": {"creation": "soon", "deletion": "-1s", "connection": "x"}
			}`,
			want: []string{
				`accounts[0].id: "12x" is not an account ID: 1 to 19 digits`,
				`accounts[1].accessKeys: a new account needs at least one access key`,
				`accounts[2].accessKeys[0].id: access key "` + privatelinktest.AccessKeyID + `" is already the default account's key`,
				`accounts[2].accessKeys[1].secret: empty`,
				`accounts[2].stsCredentials[0].securityToken: empty`,
				`accounts[2].stsCredentials[0].expires: "tomorrow" is not an RFC 3339 time`,
				`accounts[2].resourceGroups[0]: "group" does not start with rg-`,
				`accounts[2].loadBalancers[1].id: lb-1 is already accounts[2].loadBalancers[0]`,
				`accounts[2].loadBalancers[1].type: "elb" is not slb, alb, nlb or gwlb`,
				`accounts[2].loadBalancers[1].zoneId: empty`,
				`vpcs[0].vSwitches[0].id: "sw-1" does not start with vsw-`,
				`vpcs[0].vSwitches[0].zoneId: empty`,
				`vpcs[0].vSwitches[0].cidr: "10.0.0.0/30" is not an IPv4 block of /29 or larger`,
				`vpcs[0].vSwitches[0].ipv6Cidr: "10.0.0.0/8" is not an IPv6 block`,
				`vpcs[0].securityGroups[1]: sg-1 is already vpcs[0].securityGroups[0]`,
				`services[0].zones: a service needs at least one zone`,
				`services[0].type: "Gateway" is not Interface, Reverse or GatewayLoadBalancer`,
				`quotas.endpoints: unknown quota`,
				`quotas.totalEpPerVpc: negative limit -1`,
				`delays.creation: "soon" is not a non-negative Go duration`,
				`delays.deletion: "-1s" is not a non-negative Go duration`,
				`delays.connection: "x" is not a non-negative Go duration`,
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, problems := parseWorld([]byte(tc.doc))
			all := strings.Join(problems, "\n")
			for _, w := range tc.want {
				assert.Contains(t, all, w)
			}
			assert.Len(t, problems, len(tc.want), all)
		})
	}
}

// TestBadWorldFailsStart checks that the command refuses to start with a
// bad world file, naming the file and every problem, and with an action
// only the emulator knows is unknown.
func TestBadWorldFailsStart(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"vpcs": [{"id": "x", "vSwitches": [{"id": "vsw-1", "zoneId": "z", "cidr": "10.0.0.0/30"}]}], "delays": {"zone": "x"}}`), 0o600))
	var stderr strings.Builder
	assert.Equal(t, 2, run([]string{"-world", bad, "-addr", "127.0.0.1:0"}, &strings.Builder{}, &stderr))
	assert.Contains(t, stderr.String(), `-world "`+bad+`": 3 problem(s)`)
	assert.Contains(t, stderr.String(), `vpcs[0].vSwitches[0].cidr: "10.0.0.0/30" is not an IPv4 block of /29 or larger`)
	assert.Contains(t, stderr.String(), `vpcs[0].id: "x" does not start with vpc-`)
	assert.Contains(t, stderr.String(), `delays.zone: "x" is not a non-negative Go duration`)

	denied := filepath.Join(dir, "denied.json")
	require.NoError(t, os.WriteFile(denied, []byte(`{"accounts": [{"id": "`+privatelinktest.AccountID+`", "accessKeys": [{"id": "k", "secret": "s", "deniedActions": ["Fly"]}]}]}`), 0o600))
	stderr.Reset()
	assert.Equal(t, 1, run([]string{"-world", denied, "-addr", "127.0.0.1:0"}, &strings.Builder{}, &stderr))
	assert.Contains(t, stderr.String(), `unknown action "Fly"`)
}

// TestWorldServes starts the command with the sample world and uses it:
// an endpoint in the world's VPC and vSwitch to the world's service, and
// the world's second account, not yet activated, refused.
func TestWorldServes(t *testing.T) {
	e := start(t, "-world", filepath.Join("testdata", "world.json"))
	c := newClient(t, e)
	req := must(privatelink.NewCreateVpcEndpoint("vpc-hp3world0vpc1a2b3c4d5").
		WithServiceID("epsrv-hp3world0db1a2b3c4").
		WithZone(privatelinktest.ZoneA, "vsw-hp3world0vswa1a2b3c4").
		WithSecurityGroupIDs("sg-hp3world0sg1a2b3c4d5e").Build())
	out, err := c.CreateVpcEndpoint(context.Background(), req)
	require.NoError(t, err)
	got, err := get(t, c, out.EndpointID)
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusCreating, got.EndpointStatus, "the world's 2 s creation delay")

	second := newClient(t, e, privatelink.WithStaticCredentials("LTAI5tSecondAccount00001", "secondAccountSecret0000001", ""))
	_, err = second.CreateVpcEndpoint(context.Background(), req)
	var apiErr *privatelink.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "NeedOpenProduct", apiErr.Code)
}

// TestWorldGatewayLoadBalancer publishes a Gateway Load Balancer service
// from the sample world's gwlb load balancer. The call is raw (Invoke):
// the typed request's validation is the SDK's concern, this is the world
// file's.
func TestWorldGatewayLoadBalancer(t *testing.T) {
	e := start(t, "-world", filepath.Join("testdata", "world.json"))
	p := newClient(t, e, privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
	ctx := context.Background()
	out, err := p.Invoke(ctx, &privatelink.RawRequest{Action: "CreateVpcEndpointService", Idempotent: true, Params: map[string]string{
		"ServiceResourceType": "gwlb", "Resource.1.ResourceId": "gwlb-hp3world0gwlb1a2b3c", "Resource.1.ResourceType": "gwlb",
		"Resource.1.ZoneId": privatelinktest.ZoneB,
	}})
	require.NoError(t, err)
	var id string
	require.NoError(t, json.Unmarshal(out.Fields["ServiceId"], &id))
	got, err := p.Invoke(ctx, &privatelink.RawRequest{Action: "GetVpcEndpointServiceAttribute", Params: map[string]string{"ServiceId": id}})
	require.NoError(t, err)
	assert.JSONEq(t, `"GatewayLoadBalancer"`, string(got.Fields["ServiceType"]))
	assert.JSONEq(t, `"gwlb"`, string(got.Fields["ServiceResourceType"]))
	assert.JSONEq(t, `["`+privatelinktest.ZoneB+`"]`, string(got.Fields["Zones"]))
}

// TestWorldAccountIDsAreTheEmulatorsOwn checks that the file check and the
// emulator agree on account IDs: an ID the emulator would refuse (more
// than 19 digits, or 19 above the int64 maximum, the service's UID type)
// stops the start with exit status 2 and the field path, rather than
// passing the file check and failing later with exit status 1; an ID it
// takes passes.
func TestWorldAccountIDsAreTheEmulatorsOwn(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{"1", true},
		{"9223372036854775807", true},   // int64 maximum
		{"9223372036854775808", false},  // one above
		{"12345678901234567890", false}, // 20 digits
		{"0000000000000000000001", false},
		{"-1", false},
		{"+1", false},
		{"", false},
	} {
		t.Run(tc.id, func(t *testing.T) {
			doc := `{"accounts": [{"id": "` + tc.id + `", "accessKeys": [{"id": "k", "secret": "s"}]}]}`
			opts, problems := parseWorld([]byte(doc))
			emulatorTakes := func() (ok bool) {
				defer func() { ok = recover() == nil }()
				privatelinktest.NewUnstartedServer(opts...).Close()
				return true
			}
			if tc.ok {
				assert.Empty(t, problems)
				assert.True(t, emulatorTakes(), "the emulator refuses what the file check passed")
				return
			}
			require.Len(t, problems, 1)
			assert.Contains(t, problems[0], `accounts[0].id: "`+tc.id+`" is not an account ID: 1 to 19 digits, at most 9223372036854775807`)

			file := filepath.Join(t.TempDir(), "world.json")
			require.NoError(t, os.WriteFile(file, []byte(doc), 0o600))
			var stderr strings.Builder
			assert.Equal(t, 2, run([]string{"-world", file, "-addr", "127.0.0.1:0"}, &strings.Builder{}, &stderr))
			assert.Contains(t, stderr.String(), "accounts[0].id")
		})
	}
}
