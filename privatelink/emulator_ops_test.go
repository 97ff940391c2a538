package privatelink_test

import (
	"context"
	"errors"
	"net/netip"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// The world the end-to-end test adds to the emulator's default one: a
// second security group in the default VPC, and another VPC with a vSwitch
// and a group of its own, so that a VpcID filter has something to leave out.
const (
	opsSecondSG     = "sg-hp3ops0second0sg00000"
	opsOtherVpc     = "vpc-hp3ops0other0vpc0000"
	opsOtherVSwitch = "vsw-hp3ops0other0vsw0000"
	opsOtherSG      = "sg-hp3ops0other0sg000000"

	opsSTSKeyID  = "STS.NUops0emulator0key00"
	opsSTSSecret = "ops-sts-secret-0123456789"
	opsSTSToken  = "CAIS-ops-security-token-0123456789"

	opsCreationDelay = time.Minute
	opsZoneDelay     = 2 * time.Minute
	opsSGDelay       = 30 * time.Second
	opsDeletionDelay = 45 * time.Second
)

var (
	opsEpoch      = time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	opsEndpointID = regexp.MustCompile(`^ep-hp3[a-z0-9]{17}$`)
	opsEniID      = regexp.MustCompile(`^eni-hp3[a-z0-9]{17}$`)
)

// opsEnv is one emulator, a client for it and the clock both read.
type opsEnv struct {
	t      *testing.T
	ctx    context.Context
	srv    *privatelinktest.Server
	client *privatelink.Client
	clk    *privatelinktest.FakeClock
	keyID  string
}

func newOpsEnv(t *testing.T, sig signer.Version, sts bool) *opsEnv {
	t.Helper()
	clk := privatelinktest.NewFakeClock(opsEpoch)
	opts := []privatelinktest.Option{
		privatelinktest.WithClock(clk),
		privatelinktest.WithCreationDelay(opsCreationDelay),
		privatelinktest.WithZoneDelay(opsZoneDelay),
		privatelinktest.WithSecurityGroupDelay(opsSGDelay),
		privatelinktest.WithDeletionDelay(opsDeletionDelay),
		privatelinktest.WithSecurityGroup(opsSecondSG, privatelinktest.VpcID),
		privatelinktest.WithVpc(opsOtherVpc),
		privatelinktest.WithVSwitch(opsOtherVSwitch, opsOtherVpc, privatelinktest.ZoneA, "10.20.0.0/24", ""),
		privatelinktest.WithSecurityGroup(opsOtherSG, opsOtherVpc),
	}
	keyID, secret, token := privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""
	if sts {
		keyID, secret, token = opsSTSKeyID, opsSTSSecret, opsSTSToken
		opts = append(opts, privatelinktest.WithSTSCredential(keyID, secret, token))
	}
	srv := privatelinktest.NewServer(opts...)
	t.Cleanup(srv.Close)
	client, err := privatelink.NewClient(privatelinktest.RegionID,
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials(keyID, secret, token),
		privatelink.WithSignatureVersion(sig),
		// One attempt per call: every request in this test is meant to
		// succeed or fail the first time, and the emulator's counters
		// then match the calls one to one.
		privatelink.WithRetry(1, 0, 0))
	require.NoError(t, err)
	return &opsEnv{t: t, ctx: t.Context(), srv: srv, client: client, clk: clk, keyID: keyID}
}

func (e *opsEnv) snapshot(id string) privatelinktest.Endpoint {
	e.t.Helper()
	ep, ok := e.srv.Endpoint(id)
	require.True(e.t, ok, "the emulator has endpoint %s", id)
	return ep
}

func (e *opsEnv) get(id string) *privatelink.GetVpcEndpointAttributeResponse {
	e.t.Helper()
	got, err := e.client.GetVpcEndpointAttribute(e.ctx, &privatelink.GetVpcEndpointAttributeRequest{EndpointID: id})
	require.NoError(e.t, err)
	require.NotEmpty(e.t, got.RequestID)
	return got
}

// list returns the IDs of one ListVpcEndpoints page and the page.
func (e *opsEnv) list(req *privatelink.ListVpcEndpointsRequest) ([]string, *privatelink.ListVpcEndpointsResponse) {
	e.t.Helper()
	resp, err := e.client.ListVpcEndpoints(e.ctx, req)
	require.NoError(e.t, err)
	require.NotEmpty(e.t, resp.RequestID)
	ids := make([]string, 0, len(resp.Endpoints))
	for _, ep := range resp.Endpoints {
		ids = append(ids, ep.EndpointID)
	}
	return ids, resp
}

func (e *opsEnv) zones(id string) map[string]privatelink.Zone {
	e.t.Helper()
	resp, err := e.client.ListVpcEndpointZones(e.ctx, &privatelink.ListVpcEndpointZonesRequest{EndpointID: id})
	require.NoError(e.t, err)
	require.Equal(e.t, len(resp.Zones), resp.TotalCount)
	out := map[string]privatelink.Zone{}
	for _, z := range resp.Zones {
		out[z.ZoneID] = z
	}
	require.Len(e.t, out, len(resp.Zones), "no zone twice")
	return out
}

func (e *opsEnv) securityGroups(id string) map[string]privatelink.SecurityGroupStatus {
	e.t.Helper()
	resp, err := e.client.ListVpcEndpointSecurityGroups(e.ctx, &privatelink.ListVpcEndpointSecurityGroupsRequest{EndpointID: id})
	require.NoError(e.t, err)
	require.Equal(e.t, len(resp.SecurityGroups), resp.TotalCount)
	out := map[string]privatelink.SecurityGroupStatus{}
	for _, g := range resp.SecurityGroups {
		out[g.SecurityGroupID] = g.SecurityGroupStatus
	}
	return out
}

func (e *opsEnv) create(b *privatelink.CreateVpcEndpointBuilder) *privatelink.CreateVpcEndpointResponse {
	e.t.Helper()
	req, err := b.Build()
	require.NoError(e.t, err)
	resp, err := e.client.CreateVpcEndpoint(e.ctx, req)
	require.NoError(e.t, err)
	require.Regexp(e.t, opsEndpointID, resp.EndpointID)
	require.NotEmpty(e.t, resp.RequestID)
	require.NotEmpty(e.t, resp.ClientToken, "a generated ClientToken is reported")
	return resp
}

// TestEmulatorOperations drives the 11 endpoint operations through the SDK against
// the emulator, for each signature version and once more with STS
// credentials, and checks both what the SDK returns and what the emulator
// holds: create with two zones (one with an explicit IP), a security group,
// tags, name and description; get; list with every filter the test can
// tell apart and with paging; update with ZoneAffinityEnabled as an
// Optional; remove and add a zone and attach and detach a security group,
// seeing each transitional state on the fake clock before the settled
// one; and delete through Deleting to EndpointNotFound.
func TestEmulatorOperations(t *testing.T) {
	for _, tc := range []struct {
		name string
		sig  signer.Version
		sts  bool
	}{
		{"V1", signer.V1, false},
		{"V3", signer.V3, false},
		{"V1 with STS", signer.V1, true},
		{"V3 with STS", signer.V3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newOpsEnv(t, tc.sig, tc.sts)
			main := opsCreateAndGet(env)
			second, elsewhere := opsListEndpoints(env, main)
			opsUpdate(env, main)
			opsZones(env, main)
			opsSecurityGroups(env, main)
			opsDelete(env, main, second, elsewhere)
			assert.Zero(t, env.srv.Stats()["ListVpcEndpoints"].Errors+env.srv.Stats()["CreateVpcEndpoint"].Errors,
				"no request of the happy path was refused")
		})
	}
}

// opsCreateAndGet creates the main endpoint and checks it as created, as
// the emulator holds it, and as GetVpcEndpointAttribute reports it once
// the waiter has seen it Active and Connected.
func opsCreateAndGet(env *opsEnv) string {
	t := env.t
	created := env.create(privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithEndpointName("ops-main").
		WithEndpointDescription("end to end through the SDK").
		WithZoneIP(privatelinktest.ZoneA, privatelinktest.VSwitchA, "192.168.1.10").
		WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithTag("env", "test").
		WithTag("team", "network"))
	id := created.EndpointID

	assert.Equal(t, privatelink.EndpointStatusCreating, created.EndpointStatus)
	assert.Equal(t, privatelink.ConnectionStatusDisconnected, created.ConnectionStatus)
	assert.Equal(t, privatelink.EndpointBusinessStatusNormal, created.EndpointBusinessStatus)
	assert.Equal(t, "ops-main", created.EndpointName)
	assert.Equal(t, "end to end through the SDK", created.EndpointDescription)
	assert.Equal(t, privatelinktest.VpcID, created.VpcID)
	assert.Equal(t, privatelinktest.ServiceID, created.ServiceID)
	assert.Equal(t, privatelinktest.ServiceName, created.ServiceName)
	assert.Equal(t, privatelink.AddressIPVersionIPv4, created.AddressIPVersion)
	assert.False(t, created.ZoneAffinityEnabled)
	assert.True(t, created.CreateTime.Equal(opsEpoch), "CreateTime %v is the emulator's clock", created.CreateTime)
	assert.Positive(t, created.Bandwidth)

	snap := env.snapshot(id)
	assert.Equal(t, privatelink.EndpointStatusCreating, snap.Status)
	assert.Equal(t, privatelink.ConnectionStatusDisconnected, snap.ConnectionStatus)
	assert.Equal(t, created.EndpointDomain, snap.Domain)
	assert.Equal(t, "ops-main", snap.Name)
	assert.Equal(t, "end to end through the SDK", snap.Description)
	assert.Equal(t, privatelink.EndpointTypeInterface, snap.Type)
	assert.Equal(t, privatelinktest.VpcID, snap.VpcID)
	assert.Equal(t, privatelinktest.ServiceID, snap.ServiceID)
	assert.Equal(t, privatelink.AddressIPVersionIPv4, snap.AddressIPVersion)
	assert.Equal(t, privatelinktest.DefaultResourceGroupID, snap.ResourceGroupID)
	assert.Equal(t, created.ClientToken, snap.ClientToken, "the emulator saw the token the SDK reports")
	assert.Equal(t, env.keyID, snap.CreatedBy)
	assert.Equal(t, []privatelinktest.Tag{{Key: "env", Value: "test"}, {Key: "team", Value: "network"}}, snap.Tags)
	require.Len(t, snap.Zones, 2)
	assert.Equal(t, privatelinktest.ZoneA, snap.Zones[0].ZoneID)
	assert.Equal(t, privatelinktest.VSwitchA, snap.Zones[0].VSwitchID)
	assert.Equal(t, "192.168.1.10", snap.Zones[0].IP, "the explicit IP was sent as Zone.1.ip")
	assert.Equal(t, privatelinktest.ZoneB, snap.Zones[1].ZoneID)
	assert.Equal(t, privatelinktest.VSwitchB, snap.Zones[1].VSwitchID)
	assert.True(t, netip.MustParsePrefix(privatelinktest.VSwitchBCIDR).Contains(netip.MustParseAddr(snap.Zones[1].IP)),
		"the service chose %s in the vSwitch's block", snap.Zones[1].IP)
	for _, z := range snap.Zones {
		assert.Regexp(t, opsEniID, z.EniID)
		assert.Equal(t, privatelink.ZoneStatusCreating, z.Status)
		assert.Empty(t, z.IPv6)
	}
	assert.Equal(t, []privatelinktest.EndpointSecurityGroup{{ID: privatelinktest.SecurityGroupID, Status: "Attaching"}}, snap.SecurityGroups)

	assert.Equal(t, privatelink.EndpointStatusCreating, env.get(id).EndpointStatus, "still Creating: the clock has not moved")
	ready, err := env.client.WaitUntilVpcEndpointActive(env.ctx, id,
		privatelink.WaitClock(&fakeClock{FakeClock: env.clk}), privatelink.WaitConnected())
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusActive, ready.EndpointStatus)
	assert.GreaterOrEqual(t, env.clk.Now().Sub(opsEpoch), opsCreationDelay, "the waiter slept on the fake clock")

	got := env.get(id)
	assert.Equal(t, id, got.EndpointID)
	assert.Equal(t, privatelink.EndpointStatusActive, got.EndpointStatus)
	assert.Equal(t, privatelink.ConnectionStatusConnected, got.ConnectionStatus)
	assert.Equal(t, privatelink.EndpointBusinessStatusNormal, got.EndpointBusinessStatus)
	assert.Equal(t, privatelink.EndpointTypeInterface, got.EndpointType)
	assert.Equal(t, created.EndpointName, got.EndpointName)
	assert.Equal(t, created.EndpointDescription, got.EndpointDescription)
	assert.Equal(t, created.EndpointDomain, got.EndpointDomain)
	assert.Equal(t, created.VpcID, got.VpcID)
	assert.Equal(t, created.ServiceID, got.ServiceID)
	assert.Equal(t, created.ServiceName, got.ServiceName)
	assert.True(t, created.CreateTime.Equal(got.CreateTime))
	assert.Equal(t, created.Bandwidth, got.Bandwidth)
	assert.Equal(t, privatelinktest.RegionID, got.RegionID)
	assert.Equal(t, privatelinktest.DefaultResourceGroupID, got.ResourceGroupID)
	assert.Equal(t, privatelink.AddressIPVersionIPv4, got.AddressIPVersion)
	assert.False(t, got.ZoneAffinityEnabled)
	assert.True(t, got.ResourceOwner)
	assert.Equal(t, privatelink.PayerEndpoint, got.Payer)
	assert.Equal(t, 1, got.ZonePrivateIPAddressCount)

	snap = env.snapshot(id)
	assert.Equal(t, privatelink.EndpointStatusActive, snap.Status)
	assert.Equal(t, privatelink.ConnectionStatusConnected, snap.ConnectionStatus)
	assert.Equal(t, []privatelinktest.EndpointSecurityGroup{{ID: privatelinktest.SecurityGroupID, Status: "Attached"}}, snap.SecurityGroups)
	return id
}

// opsListEndpoints adds an endpoint in another VPC (which becomes Active)
// and a second one in the default VPC (left Creating), then checks each
// ListVpcEndpoints filter and paging by one.
func opsListEndpoints(env *opsEnv, main string) (second, elsewhere string) {
	t := env.t
	elsewhere = env.create(privatelink.NewCreateVpcEndpoint(opsOtherVpc).
		WithServiceID(privatelinktest.ServiceID).
		WithEndpointName("ops-elsewhere").
		WithZone(privatelinktest.ZoneA, opsOtherVSwitch).
		WithSecurityGroupIDs(opsOtherSG).
		WithTag("env", "test")).EndpointID
	env.clk.Advance(opsCreationDelay)
	second = env.create(privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithEndpointName("ops-second").
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithTag("env", "prod").
		WithTag("team", "network")).EndpointID
	require.Equal(t, privatelink.EndpointStatusActive, env.snapshot(elsewhere).Status)
	require.Equal(t, privatelink.EndpointStatusCreating, env.snapshot(second).Status)
	mainSnap := env.snapshot(main)
	require.Equal(t, "192.168.1.1", env.snapshot(second).Zones[0].IP,
		"the lowest free address: 192.168.1.10 stays the main endpoint's")

	for _, tc := range []struct {
		name string
		req  privatelink.ListVpcEndpointsRequest
		want []string
	}{
		{"everything, in creation order", privatelink.ListVpcEndpointsRequest{}, []string{main, elsewhere, second}},
		{"VpcID", privatelink.ListVpcEndpointsRequest{VpcID: privatelinktest.VpcID}, []string{main, second}},
		{"other VpcID", privatelink.ListVpcEndpointsRequest{VpcID: opsOtherVpc}, []string{elsewhere}},
		{"EndpointName", privatelink.ListVpcEndpointsRequest{EndpointName: "ops-main"}, []string{main}},
		{"EndpointName of none", privatelink.ListVpcEndpointsRequest{EndpointName: "ops-nobody"}, []string{}},
		{"EndpointStatus Active", privatelink.ListVpcEndpointsRequest{EndpointStatus: privatelink.EndpointStatusActive}, []string{main, elsewhere}},
		{"EndpointStatus Creating", privatelink.ListVpcEndpointsRequest{EndpointStatus: privatelink.EndpointStatusCreating}, []string{second}},
		{"VpcID and EndpointStatus", privatelink.ListVpcEndpointsRequest{VpcID: privatelinktest.VpcID, EndpointStatus: privatelink.EndpointStatusActive}, []string{main}},
		{"one tag", privatelink.ListVpcEndpointsRequest{Tags: []privatelink.Tag{{Key: "env", Value: "test"}}}, []string{main, elsewhere}},
		{"every tag must match", privatelink.ListVpcEndpointsRequest{Tags: []privatelink.Tag{{Key: "env", Value: "test"}, {Key: "team", Value: "network"}}}, []string{main}},
		{"a tag key alone", privatelink.ListVpcEndpointsRequest{Tags: []privatelink.Tag{{Key: "team"}}}, []string{main, second}},
	} {
		ids, resp := env.list(&tc.req)
		assert.Equal(t, tc.want, ids, tc.name)
		assert.Equal(t, len(tc.want), resp.TotalCount, tc.name)
		assert.Empty(t, resp.NextToken, tc.name)
	}

	_, resp := env.list(&privatelink.ListVpcEndpointsRequest{EndpointName: "ops-main"})
	require.Len(t, resp.Endpoints, 1)
	listed := resp.Endpoints[0]
	assert.Equal(t, privatelink.EndpointStatusActive, listed.EndpointStatus)
	assert.Equal(t, privatelink.ConnectionStatusConnected, listed.ConnectionStatus)
	assert.Equal(t, mainSnap.Domain, listed.EndpointDomain)
	assert.Equal(t, mainSnap.Description, listed.EndpointDescription)
	assert.Equal(t, privatelinktest.ServiceName, listed.ServiceName)
	assert.Equal(t, privatelinktest.RegionID, listed.RegionID)
	assert.Equal(t, privatelink.EndpointTypeInterface, listed.EndpointType)
	assert.True(t, listed.CreateTime.Equal(mainSnap.CreateTime))
	var snapTags []privatelink.Tag
	for _, tag := range mainSnap.Tags {
		snapTags = append(snapTags, privatelink.Tag{Key: tag.Key, Value: tag.Value})
	}
	assert.Equal(t, snapTags, listed.Tags)

	// Paging by hand: one endpoint a page, NextToken empty on the last.
	var paged []string
	req := privatelink.ListVpcEndpointsRequest{MaxResults: 1}
	for page := 1; ; page++ {
		require.LessOrEqual(t, page, 3, "three endpoints, three pages")
		ids, resp := env.list(&req)
		require.Len(t, ids, 1)
		assert.Equal(t, 1, resp.MaxResults)
		assert.Equal(t, 3, resp.TotalCount)
		paged = append(paged, ids...)
		if resp.NextToken == "" {
			break
		}
		req.NextToken = resp.NextToken
	}
	assert.Equal(t, []string{main, elsewhere, second}, paged)

	// The iterator follows the same tokens: one request a page.
	before := env.srv.Stats()["ListVpcEndpoints"].Requests
	var all []string
	for ep, err := range env.client.AllVpcEndpoints(env.ctx, &privatelink.ListVpcEndpointsRequest{MaxResults: 1}) {
		require.NoError(t, err)
		all = append(all, ep.EndpointID)
	}
	assert.Equal(t, []string{main, elsewhere, second}, all)
	assert.Equal(t, 3, env.srv.Stats()["ListVpcEndpoints"].Requests-before)
	var inVpc []string
	for ep, err := range env.client.AllVpcEndpoints(env.ctx, &privatelink.ListVpcEndpointsRequest{VpcID: privatelinktest.VpcID, MaxResults: 1}) {
		require.NoError(t, err)
		inVpc = append(inVpc, ep.EndpointID)
	}
	assert.Equal(t, []string{main, second}, inVpc)
	return second, elsewhere
}

// opsUpdate changes name, description and zone affinity, and shows that an
// unset ZoneAffinityEnabled leaves it alone while Some(false) turns it off.
func opsUpdate(env *opsEnv, id string) {
	t := env.t
	update := func(req *privatelink.UpdateVpcEndpointAttributeRequest) {
		t.Helper()
		resp, err := env.client.UpdateVpcEndpointAttribute(env.ctx, req)
		require.NoError(t, err)
		assert.NotEmpty(t, resp.RequestID)
		assert.NotEmpty(t, resp.ClientToken)
	}
	req, err := privatelink.NewUpdateVpcEndpointAttribute(id).
		WithEndpointName("ops-renamed").
		WithEndpointDescription("renamed through the SDK").
		WithZoneAffinityEnabled(true).
		Build()
	require.NoError(t, err)
	update(req)
	got := env.get(id)
	assert.Equal(t, "ops-renamed", got.EndpointName)
	assert.Equal(t, "renamed through the SDK", got.EndpointDescription)
	assert.True(t, got.ZoneAffinityEnabled)
	assert.Equal(t, privatelink.EndpointStatusActive, got.EndpointStatus, "an attribute change does not make the endpoint Pending")
	snap := env.snapshot(id)
	assert.Equal(t, "ops-renamed", snap.Name)
	assert.Equal(t, "renamed through the SDK", snap.Description)
	assert.True(t, snap.ZoneAffinity)

	update(&privatelink.UpdateVpcEndpointAttributeRequest{EndpointID: id, EndpointDescription: "only the description"})
	got = env.get(id)
	assert.True(t, got.ZoneAffinityEnabled, "an unset Optional leaves zone affinity on")
	assert.Equal(t, "ops-renamed", got.EndpointName)
	assert.Equal(t, "only the description", got.EndpointDescription)

	update(&privatelink.UpdateVpcEndpointAttributeRequest{EndpointID: id, ZoneAffinityEnabled: privatelink.Some(false)})
	got = env.get(id)
	assert.False(t, got.ZoneAffinityEnabled, "Some(false) turns zone affinity off")
	assert.Equal(t, "ops-renamed", got.EndpointName)
	assert.Equal(t, "only the description", got.EndpointDescription)
	assert.False(t, env.snapshot(id).ZoneAffinity)
}

// opsZones lists the zones, removes ZoneB and adds it back with an explicit
// IP, seeing Deleting and Creating (with the endpoint Pending) before the
// zone delay passes on the fake clock.
func opsZones(env *opsEnv, id string) {
	t := env.t
	snap := env.snapshot(id)
	zones := env.zones(id)
	require.Len(t, zones, 2)
	for _, sz := range snap.Zones {
		z := zones[sz.ZoneID]
		assert.Equal(t, sz.VSwitchID, z.VSwitchID)
		assert.Equal(t, sz.IP, z.IP)
		assert.Equal(t, sz.EniID, z.EniID)
		assert.Equal(t, sz.Domain, z.ZoneDomain)
		assert.Equal(t, privatelinktest.RegionID, z.RegionID)
		assert.Empty(t, z.IPv6Address)
		assert.Equal(t, privatelink.ZoneStatusConnected, z.ZoneStatus)
		assert.Equal(t, privatelink.ZoneStatusConnected, sz.Status)
	}
	assert.Equal(t, "192.168.1.10", zones[privatelinktest.ZoneA].IP)

	removed, err := env.client.RemoveZoneFromVpcEndpoint(env.ctx, &privatelink.RemoveZoneFromVpcEndpointRequest{EndpointID: id, ZoneID: privatelinktest.ZoneB})
	require.NoError(t, err)
	assert.NotEmpty(t, removed.RequestID)
	assert.NotEmpty(t, removed.ClientToken)
	zones = env.zones(id)
	assert.Equal(t, privatelink.ZoneStatusDeleting, zones[privatelinktest.ZoneB].ZoneStatus, "transitional")
	assert.Equal(t, privatelink.ZoneStatusConnected, zones[privatelinktest.ZoneA].ZoneStatus)
	assert.Equal(t, privatelink.EndpointStatusPending, env.get(id).EndpointStatus)
	snap = env.snapshot(id)
	assert.Equal(t, privatelink.EndpointStatusPending, snap.Status)
	require.Len(t, snap.Zones, 2)
	assert.Equal(t, privatelink.ZoneStatusDeleting, snap.Zones[1].Status)

	env.clk.Advance(opsZoneDelay)
	zones = env.zones(id)
	assert.Len(t, zones, 1, "settled: ZoneB is gone")
	assert.Contains(t, zones, privatelinktest.ZoneA)
	assert.Equal(t, privatelink.EndpointStatusActive, env.get(id).EndpointStatus)
	require.Len(t, env.snapshot(id).Zones, 1)

	addReq, err := privatelink.NewAddZoneToVpcEndpoint(id, privatelinktest.ZoneB, privatelinktest.VSwitchB).WithIP("192.168.2.20").Build()
	require.NoError(t, err)
	added, err := env.client.AddZoneToVpcEndpoint(env.ctx, addReq)
	require.NoError(t, err)
	assert.NotEmpty(t, added.RequestID)
	assert.NotEmpty(t, added.ClientToken)
	zones = env.zones(id)
	require.Contains(t, zones, privatelinktest.ZoneB)
	assert.Equal(t, privatelink.ZoneStatusCreating, zones[privatelinktest.ZoneB].ZoneStatus, "transitional")
	assert.Equal(t, "192.168.2.20", zones[privatelinktest.ZoneB].IP, "the explicit IP was sent as ip")
	assert.Equal(t, privatelink.EndpointStatusPending, env.get(id).EndpointStatus)
	snap = env.snapshot(id)
	require.Len(t, snap.Zones, 2)
	assert.Equal(t, privatelink.ZoneStatusCreating, snap.Zones[1].Status)
	assert.Equal(t, "192.168.2.20", snap.Zones[1].IP)

	env.clk.Advance(opsZoneDelay)
	zones = env.zones(id)
	assert.Equal(t, privatelink.ZoneStatusConnected, zones[privatelinktest.ZoneB].ZoneStatus, "settled")
	assert.Equal(t, privatelink.EndpointStatusActive, env.get(id).EndpointStatus)
	var all []string
	for z, err := range env.client.AllVpcEndpointZones(env.ctx, &privatelink.ListVpcEndpointZonesRequest{EndpointID: id, MaxResults: 1}) {
		require.NoError(t, err)
		all = append(all, z.ZoneID+"="+string(z.ZoneStatus))
	}
	assert.Equal(t, []string{privatelinktest.ZoneA + "=Connected", privatelinktest.ZoneB + "=Connected"}, all)
}

// opsSecurityGroups attaches a second group and detaches the first, seeing
// Attaching and Detaching (with the endpoint Pending) before they settle.
func opsSecurityGroups(env *opsEnv, id string) {
	t := env.t
	assert.Equal(t, map[string]privatelink.SecurityGroupStatus{privatelinktest.SecurityGroupID: privatelink.SecurityGroupStatusAttached},
		env.securityGroups(id))

	attached, err := env.client.AttachSecurityGroupToVpcEndpoint(env.ctx,
		&privatelink.AttachSecurityGroupToVpcEndpointRequest{EndpointID: id, SecurityGroupID: opsSecondSG})
	require.NoError(t, err)
	assert.NotEmpty(t, attached.RequestID)
	assert.NotEmpty(t, attached.ClientToken)
	assert.Equal(t, map[string]privatelink.SecurityGroupStatus{
		privatelinktest.SecurityGroupID: privatelink.SecurityGroupStatusAttached,
		opsSecondSG:                     privatelink.SecurityGroupStatusAttaching,
	}, env.securityGroups(id))
	assert.Equal(t, privatelink.EndpointStatusPending, env.get(id).EndpointStatus)
	assert.Equal(t, []privatelinktest.EndpointSecurityGroup{
		{ID: privatelinktest.SecurityGroupID, Status: "Attached"}, {ID: opsSecondSG, Status: "Attaching"},
	}, env.snapshot(id).SecurityGroups)

	env.clk.Advance(opsSGDelay)
	assert.Equal(t, map[string]privatelink.SecurityGroupStatus{
		privatelinktest.SecurityGroupID: privatelink.SecurityGroupStatusAttached,
		opsSecondSG:                     privatelink.SecurityGroupStatusAttached,
	}, env.securityGroups(id))
	assert.Equal(t, privatelink.EndpointStatusActive, env.get(id).EndpointStatus)

	detached, err := env.client.DetachSecurityGroupFromVpcEndpoint(env.ctx,
		&privatelink.DetachSecurityGroupFromVpcEndpointRequest{EndpointID: id, SecurityGroupID: privatelinktest.SecurityGroupID})
	require.NoError(t, err)
	assert.NotEmpty(t, detached.RequestID)
	assert.NotEmpty(t, detached.ClientToken)
	assert.Equal(t, map[string]privatelink.SecurityGroupStatus{
		privatelinktest.SecurityGroupID: privatelink.SecurityGroupStatusDetaching,
		opsSecondSG:                     privatelink.SecurityGroupStatusAttached,
	}, env.securityGroups(id))
	assert.Equal(t, privatelink.EndpointStatusPending, env.get(id).EndpointStatus)

	env.clk.Advance(opsSGDelay)
	assert.Equal(t, map[string]privatelink.SecurityGroupStatus{opsSecondSG: privatelink.SecurityGroupStatusAttached},
		env.securityGroups(id))
	assert.Equal(t, privatelink.EndpointStatusActive, env.get(id).EndpointStatus)
	assert.Equal(t, []privatelinktest.EndpointSecurityGroup{{ID: opsSecondSG, Status: "Attached"}}, env.snapshot(id).SecurityGroups)
}

// opsDelete deletes the main endpoint and follows it through Deleting to
// EndpointNotFound, then deletes the one in the other VPC with the waiter.
func opsDelete(env *opsEnv, main, second, elsewhere string) {
	t := env.t
	deleted, err := env.client.DeleteVpcEndpoint(env.ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: main})
	require.NoError(t, err)
	assert.NotEmpty(t, deleted.RequestID)
	assert.NotEmpty(t, deleted.ClientToken)

	got := env.get(main)
	assert.Equal(t, privatelink.EndpointStatusDeleting, got.EndpointStatus)
	assert.Equal(t, privatelink.ConnectionStatusDeleting, got.ConnectionStatus)
	snap := env.snapshot(main)
	assert.Equal(t, privatelink.EndpointStatusDeleting, snap.Status)
	for _, z := range snap.Zones {
		assert.Equal(t, privatelink.ZoneStatusDeleting, z.Status)
	}
	for _, z := range env.zones(main) {
		assert.Equal(t, privatelink.ZoneStatusDeleting, z.ZoneStatus)
	}
	ids, _ := env.list(&privatelink.ListVpcEndpointsRequest{EndpointStatus: privatelink.EndpointStatusDeleting})
	assert.Equal(t, []string{main}, ids)

	env.clk.Advance(opsDeletionDelay)
	_, err = env.client.GetVpcEndpointAttribute(env.ctx, &privatelink.GetVpcEndpointAttributeRequest{EndpointID: main})
	var apiErr *privatelink.APIError
	require.True(t, errors.As(err, &apiErr), "want *APIError, got %v", err)
	assert.Equal(t, privatelink.ErrCodeEndpointNotFound, apiErr.Code)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.True(t, privatelink.IsEndpointNotFound(err))
	_, ok := env.srv.Endpoint(main)
	assert.False(t, ok, "gone from the emulator")
	ids, _ = env.list(&privatelink.ListVpcEndpointsRequest{VpcID: privatelinktest.VpcID})
	assert.Equal(t, []string{second}, ids)

	_, err = env.client.DeleteVpcEndpoint(env.ctx, &privatelink.DeleteVpcEndpointRequest{EndpointID: elsewhere})
	require.NoError(t, err)
	require.NoError(t, env.client.WaitUntilVpcEndpointDeleted(env.ctx, elsewhere, privatelink.WaitClock(&fakeClock{FakeClock: env.clk})))
	_, ok = env.srv.Endpoint(elsewhere)
	assert.False(t, ok)
	assert.Equal(t, 1, env.srv.EndpointCount())
}
