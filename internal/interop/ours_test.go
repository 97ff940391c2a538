package interop

import (
	"context"
	"testing"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/signer"
)

// oursName replaces createInput.EndpointName whenever our client takes part.
// The phase-1 name "日本語-エンドポイント" continues in Katakana, which the
// documented rule (a letter or Chinese character, then letters, Chinese
// characters, digits, '-' and '_') does not allow: our client refuses it
// before sending and the emulator answers InvalidParameter (both pinned by
// tests), while the official SDKs send it unchecked. This name is non-ASCII
// and valid.
const oursName = "日本語终端节点-ep_01"

// oursCreateRequest is createInput expressed with our builder, with oursName
// and without DryRun: our request types cannot say "DryRun=false" (a zero
// value means unset, the service's default is false), so the official
// captures compared with it leave DryRun unset too.
func oursCreateRequest(t testing.TB) *privatelink.CreateVpcEndpointRequest {
	t.Helper()
	in := createInput
	b := privatelink.NewCreateVpcEndpoint(in.VpcID).
		WithServiceID(in.ServiceID).
		WithServiceRegionID(in.ServiceRegionID).
		WithEndpointName(oursName).
		WithEndpointDescription(in.EndpointDescription).
		WithEndpointType(privatelink.EndpointType(in.EndpointType)).
		WithAddressIPVersion(privatelink.AddressIPVersion(in.AddressIPVersion)).
		WithZonePrivateIPAddressCount(in.ZonePrivateIPAddressCount).
		WithCrossRegionBandwidth(in.CrossRegionBandwidth).
		WithResourceGroupID(in.ResourceGroupID).
		WithPolicyDocument(in.PolicyDocument).
		WithClientToken(in.ClientToken).
		WithSecurityGroupIDs(in.SecurityGroupIDs...)
	if in.ZoneAffinityEnabled {
		b.WithZoneAffinityEnabled(true)
	}
	if in.ProtectedEnabled {
		b.WithProtectedEnabled(true)
	}
	for _, z := range in.Zones {
		b.WithZones(privatelink.Zone{ZoneID: z.ZoneID, VSwitchID: z.VSwitchID, IP: z.IP, IPv6Address: z.IPv6Address})
	}
	for _, tg := range in.Tags {
		b.WithTag(tg.Key, tg.Value)
	}
	req, err := b.Build()
	if err != nil {
		t.Fatalf("our builder refused the logical call: %v", err)
	}
	return req
}

// newOursClient returns our client for baseURL, signing with version v and
// making a single attempt, so that a recorder sees exactly one request.
func newOursClient(t testing.TB, baseURL string, v signer.Version, id, secret, token string) *privatelink.Client {
	t.Helper()
	c, err := privatelink.NewClient(createInput.RegionID,
		privatelink.WithEndpoint(baseURL),
		privatelink.WithStaticCredentials(id, secret, token),
		privatelink.WithSignatureVersion(v),
		privatelink.WithRetry(1, 0, 0),
	)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// captureOurs sends oursCreateRequest through our client and returns the
// request as it appeared on the socket.
func captureOurs(t *testing.T, v signer.Version, sts bool) *wireRequest {
	t.Helper()
	isolate(t)
	rec := newRecorder(t, 200, createResponseBody)
	token := ""
	if sts {
		token = testSecurityToken
	}
	c := newOursClient(t, rec.srv.URL, v, testAccessKeyID, testAccessKeySecret, token)
	resp, err := c.CreateVpcEndpoint(context.Background(), oursCreateRequest(t))
	if err != nil {
		t.Fatalf("our CreateVpcEndpoint: %v", err)
	}
	if resp.EndpointID != wantEndpointID {
		t.Fatalf("our client decoded EndpointId %q, want %q", resp.EndpointID, wantEndpointID)
	}
	return rec.only(t)
}
