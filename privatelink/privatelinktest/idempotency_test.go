package privatelinktest

import (
	"bytes"
	"testing"

	"github.com/privatelink-go/sdk/signer"
)

// stripRequestID returns an answer's body without its RequestId, which is
// the one thing a replay changes.
func stripRequestID(a answer) []byte {
	return bytes.Replace(a.raw, []byte(`"RequestId":"`+a.str("RequestId")+`",`), nil, 1)
}

func TestCreateVpcEndpointClientToken(t *testing.T) {
	srv := newTestServer(t, WithAccount("LTAIsecond", "second-secret"))
	c := newClient(t, srv)
	params := createParams("ClientToken", "token-1", "EndpointName", "once")
	first := c.must("CreateVpcEndpoint", params...)
	// A retry: other nonce, other timestamp, other signature version and
	// parameter order; the same business parameters.
	reversed := make([]string, 0, len(params))
	for i := len(params) - 2; i >= 0; i -= 2 {
		reversed = append(reversed, params[i], params[i+1])
	}
	again := c.withV3().must("CreateVpcEndpoint", reversed...)
	if again.str("EndpointId") != first.str("EndpointId") || !bytes.Equal(stripRequestID(again), stripRequestID(first)) {
		t.Fatalf("replay differs:\n%s\n%s", first.raw, again.raw)
	}
	if again.str("RequestId") == first.str("RequestId") {
		t.Fatal("replay reused the RequestId")
	}
	if n := srv.EndpointCount(); n != 1 {
		t.Fatalf("EndpointCount = %d after a retried create", n)
	}
	e, ok := srv.EndpointByClientToken("token-1")
	if !ok || e.ID != first.str("EndpointId") || e.ClientToken != "token-1" {
		t.Fatalf("EndpointByClientToken: %+v %v", e, ok)
	}
	if _, ok := srv.EndpointByClientToken("token-2"); ok {
		t.Fatal("EndpointByClientToken found an unused token")
	}

	// Other parameters with the same token.
	a := c.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpoint", createParams("ClientToken", "token-1", "EndpointName", "twice")...)
	if a.str("Message") == "" {
		t.Fatal("no message")
	}
	// Tokens belong to the account, not to the access key: a retry signed
	// with refreshed STS credentials (a new AccessKeyId) finds the original.
	other := c.as("LTAIsecond", "second-secret", "").must("CreateVpcEndpoint", params...)
	if other.str("EndpointId") != first.str("EndpointId") {
		t.Fatal("another access key of the account created a second endpoint with the same token")
	}
	if n := srv.EndpointCount(); n != 1 {
		t.Fatalf("%d endpoints, want 1", n)
	}
	// ... but per action: the token of the create means nothing to a delete.
	c.must("DeleteVpcEndpoint", "EndpointId", other.str("EndpointId"), "ClientToken", "token-1")
}

// A request that failed or was a dry run leaves its token unused.
func TestClientTokenNotRecordedOnFailureOrDryRun(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	c.fail(400, "VpcNotFound", "CreateVpcEndpoint", createParams("ClientToken", "t", "VpcId", "vpc-hp3nothere00000000000")...)
	c.fail(400, "DryRunOperation", "CreateVpcEndpoint", createParams("ClientToken", "t", "DryRun", "true")...)
	c.must("CreateVpcEndpoint", createParams("ClientToken", "t")...)
	if srv.EndpointCount() != 1 {
		t.Fatalf("EndpointCount = %d", srv.EndpointCount())
	}
}

// Every mutating operation that takes ClientToken answers a retry with its
// first answer instead of the error a second execution would give.
func TestMutatingOperationsReplay(t *testing.T) {
	srv := newTestServer(t, WithSecurityGroup(otherSG, VpcID))
	c := newClient(t, srv)
	id := c.create()
	steps := []struct {
		action string
		pairs  []string
		// secondError is what executing the request twice would answer.
		secondError string
	}{
		{"AddZoneToVpcEndpoint", []string{"EndpointId", id, "ZoneId", ZoneB, "VSwitchId", VSwitchB}, "EndpointZoneDuplicated"},
		{"RemoveZoneFromVpcEndpoint", []string{"EndpointId", id, "ZoneId", ZoneB}, "EndpointZoneNotFound"},
		{"AttachSecurityGroupToVpcEndpoint", []string{"EndpointId", id, "SecurityGroupId", otherSG}, "SecurityGroupExist"},
		{"DetachSecurityGroupFromVpcEndpoint", []string{"EndpointId", id, "SecurityGroupId", otherSG}, "SecurityGroupNotFound"},
		{"UpdateVpcEndpointAttribute", []string{"EndpointId", id, "EndpointName", "renamed"}, ""},
		{"DeleteVpcEndpoint", []string{"EndpointId", id}, "EndpointNotFound"},
	}
	for _, st := range steps {
		t.Run(st.action, func(t *testing.T) {
			token := "tok-" + st.action
			c.must(st.action, append(st.pairs, "ClientToken", token)...)
			c.must(st.action, append(st.pairs, "ClientToken", token)...)
			if st.secondError != "" {
				c.fail(400, st.secondError, st.action, append(st.pairs, "ClientToken", token+"-new")...)
			}
			c.fail(400, "IdempotentParameterMismatch", st.action, append(st.pairs, "ClientToken", token, "DryRun", "false", "Extra", "1")...)
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := kv("RegionId", RegionID, "VpcId", VpcID, "Zone.1.ZoneId", ZoneA)
	same := append(kv("Zone.1.ZoneId", ZoneA, "Timestamp", "x", "SignatureNonce", "n", "Signature", "s", "ClientToken", "t", "VpcId", VpcID), signer.Param{Key: "RegionId", Value: RegionID})
	if fingerprint(base) != fingerprint(same) {
		t.Fatal("order or signature parameters changed the fingerprint")
	}
	for _, other := range [][]signer.Param{
		kv("RegionId", RegionID, "VpcId", VpcID),
		kv("RegionId", RegionID, "VpcId", VpcID, "Zone.1.ZoneId", ZoneB),
		kv("RegionId", RegionID, "VpcId", VpcID+"Zone.1.ZoneId"+ZoneA),
		kv("RegionId", RegionID, "VpcId", VpcID, "Zone.1.ZoneId", ZoneA, "Zone.1.ZoneId", ZoneA),
	} {
		if fingerprint(base) == fingerprint(other) {
			t.Fatalf("%v and %v share a fingerprint", base, other)
		}
	}
}
