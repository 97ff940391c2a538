package privatelinktest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// journaled starts a server on a fake clock that replays the journal at
// path and journals to it, as the command does with -state.
func journaled(t *testing.T, path string, opts ...Option) (*Server, *FakeClock, *Journal) {
	t.Helper()
	j, err := OpenJournal(path)
	require.NoError(t, err)
	clk := NewFakeClock(fixedTime)
	srv := NewUnstartedServer(append([]Option{WithClock(clk), WithDeletionDelay(time.Minute),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")}, opts...)...)
	require.NoError(t, srv.Replay(j))
	srv.Start()
	t.Cleanup(func() { srv.Close(); j.Close() })
	return srv, clk, j
}

// TestJournalReplayAnswersIdentically checks that a server rebuilt from
// the journal has the same endpoints, answers client-token retries with
// the original answers, and generates the same next ID as the original.
func TestJournalReplayAnswersIdentically(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, clkA, ja := journaled(t, path)
	ca := newClient(t, a)
	first := ca.create("ClientToken", "tok-1")
	second := ca.as("STS.journal", "stsSecretJournal", "stsTokenJournalSecret").create("ClientToken", "tok-2", "Zone.1.ZoneId", ZoneB, "Zone.1.VSwitchId", VSwitchB)
	ca.fail(400, "IdempotentParameterMismatch", "CreateVpcEndpoint", createParams("ClientToken", "tok-1", "EndpointName", "other")...)
	ca.must("TagResources", "ResourceType", "vpcendpoint", "ResourceId.1", first, "Tag.1.Key", "env", "Tag.1.Value", "test")
	ca.must("DeleteVpcEndpoint", "EndpointId", second, "ClientToken", "del-1")
	require.NoError(t, a.SetBusinessStatus(first, "FinancialLocked"))
	_, err := a.AdvanceClock(30 * time.Second)
	require.NoError(t, err)
	retry := ca.must("CreateVpcEndpoint", createParams("ClientToken", "tok-1")...)
	want := a.Endpoints()
	a.Close()
	ja.Close()

	b, clkB, jb := journaled(t, path)
	assert.Equal(t, clkA.Now(), clkB.Now(), "the fake clock resumes where it stood")
	assert.Equal(t, want, b.Endpoints())
	cb := newClient(t, b)
	again := cb.must("CreateVpcEndpoint", createParams("ClientToken", "tok-1")...)
	assert.Equal(t, retry.body["EndpointId"], again.body["EndpointId"])
	assert.Equal(t, retry.body["CreateTime"], again.body["CreateTime"])
	cb.must("DeleteVpcEndpoint", "EndpointId", second, "ClientToken", "del-1")
	assert.Len(t, b.Endpoints(), 2, "no retry created or removed anything")

	// The ID generator resumes where it stood: the next new endpoint gets
	// the ID the original would have given it.
	third := cb.create("ClientToken", "tok-3")
	b.Close()
	jb.Close()
	c, _, _ := journaled(t, path)
	got, ok := c.EndpointByClientToken("tok-3")
	require.True(t, ok)
	assert.Equal(t, third, got.ID)
	e, ok := c.Endpoint(first)
	require.True(t, ok)
	assert.EqualValues(t, "FinancialLocked", e.BusinessStatus, "the provider action was replayed")
}

// TestJournalKeepsNoSecret checks that no secret, security token or
// signature reaches the file.
func TestJournalKeepsNoSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	srv, _, _ := journaled(t, path)
	newClient(t, srv).as("STS.journal", "stsSecretJournal", "stsTokenJournalSecret").create()
	newClient(t, srv).withV3().create()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, secret := range []string{"stsSecretJournal", "stsTokenJournalSecret", AccessKeySecret, "Signature", "SignatureNonce"} {
		assert.NotContains(t, string(data), secret)
	}
}

// TestJournalCutsTornRecord checks that a record cut short by a crash, or
// corrupted, is dropped with everything after it, and that appending goes
// on from the good prefix.
func TestJournalCutsTornRecord(t *testing.T) {
	for name, damage := range map[string]func([]byte) []byte{
		"torn":    func(b []byte) []byte { return b[:len(b)-5] },
		"corrupt": func(b []byte) []byte { c := bytes.Clone(b); c[len(c)-3] ^= 0xff; return c },
		"garbage": func(b []byte) []byte { return append(bytes.Clone(b), 0, 0, 0) },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state")
			srv, _, j0 := journaled(t, path)
			c := newClient(t, srv)
			c.create()
			good, err := os.ReadFile(path)
			require.NoError(t, err)
			c.create()
			srv.Close()
			j0.Close()
			full, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, damage(full), 0o600))

			j, err := OpenJournal(path)
			require.NoError(t, err)
			want := 2
			if name != "garbage" {
				want = 1
				after, err := os.ReadFile(path)
				require.NoError(t, err)
				assert.Equal(t, good, after, "the file is cut back to its good prefix")
			}
			assert.Equal(t, want, j.Len())
			require.NoError(t, j.Close())
			srv2, _, j2 := journaled(t, path)
			assert.Len(t, srv2.Endpoints(), want)
			newClient(t, srv2).create()
			srv2.Close()
			j2.Close()
			j, err = OpenJournal(path)
			require.NoError(t, err)
			assert.Equal(t, want+1, j.Len(), "appends follow the good prefix")
			j.Close()
		})
	}
}

// TestJournalRefusesOtherFilesAndDivergence checks that a file that is not
// a journal is refused untouched, and that replaying with another seed is
// reported rather than silently giving other IDs.
func TestJournalRefusesOtherFilesAndDivergence(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "world.json")
	require.NoError(t, os.WriteFile(other, []byte(`{"vpcs":[]}`), 0o600))
	_, err := OpenJournal(other)
	require.ErrorContains(t, err, "is not a privatelink-emulator journal")
	data, _ := os.ReadFile(other)
	assert.Equal(t, `{"vpcs":[]}`, string(data))

	path := filepath.Join(dir, "state")
	srv, _, j0 := journaled(t, path)
	newClient(t, srv).create()
	srv.Close()
	j0.Close()
	j, err := OpenJournal(path)
	require.NoError(t, err)
	defer j.Close()
	err = NewUnstartedServer(WithClock(NewFakeClock(fixedTime)), WithSeed(2),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")).Replay(j)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "record 1") && strings.Contains(err.Error(), "diverged"), err.Error())
}

// TestJournalReplaysTheProviderWorld checks that the provider's operations
// persist with no code of their own: a service created through the API,
// its allow-list, a consumer's endpoint to it and the connection the
// provider enabled all come back from the journal, with the same IDs.
func TestJournalReplaysTheProviderWorld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	p, c := provider(t, a), newClient(t, a)
	svc := p.newService("ServiceResourceType", "slb", "AutoAcceptEnabled", "false",
		"Resource.1.ResourceId", ProviderLoadBalancerA, "Resource.1.ResourceType", "slb", "Resource.1.ZoneId", ZoneA)
	p.must("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", AccountID)
	ep := c.create("ServiceId", svc, "ClientToken", "provider-world")
	p.must("EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", ep)
	wantSvc, ok := a.EndpointService(svc)
	require.True(t, ok)
	wantEps := a.Endpoints()
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path)
	gotSvc, ok := b.EndpointService(svc)
	require.True(t, ok)
	assert.Equal(t, wantSvc, gotSvc)
	assert.Equal(t, wantEps, b.Endpoints())
	assert.Equal(t, ep, newClient(t, b).create("ServiceId", svc, "ClientToken", "provider-world"))
}

// TestJournalRefusalLeavesStateStartable is issue 16's first defect: an
// update refused for an invalid UTF-8 description was journaled as text,
// its byte turned into U+FFFD, and the replay, which then succeeded, made
// the journal unstartable. A refusal that consumed no ID is not journaled
// at all, and the parameters that are journaled come back byte for byte.
func TestJournalRefusalLeavesStateStartable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	ca := newClient(t, a)
	id := ca.create("ClientToken", "utf8")
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	refused := ca.call("UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointDescription", "ab\xff")
	require.Equal(t, 400, refused.status, refused.String())
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, len(before), len(after), "a refusal that consumed no ID is not journaled")
	// An unknown parameter is business, so it is part of the token's
	// fingerprint: its byte must survive the restart exactly.
	ca.must("UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "nn", "Extra", "x\xff", "ClientToken", "raw-bytes")
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path)
	cb := newClient(t, b)
	assert.Equal(t, id, cb.create("ClientToken", "utf8"))
	cb.must("UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "nn", "Extra", "x\xff", "ClientToken", "raw-bytes")
	cb.fail(400, "IdempotentParameterMismatch", "UpdateVpcEndpointAttribute",
		"EndpointId", id, "EndpointName", "nn", "Extra", "x\uFFFD", "ClientToken", "raw-bytes")
}

// TestJournalRefusalThatConsumedIDsReplays checks the other half of
// journaling refusals: a dry-run create draws its zones' interface IDs
// before it is refused, so it is journaled, and its replay reproduces the
// refusal and the generator's position: the next endpoint after the
// restart gets the ID it gets on a server that never restarted.
func TestJournalRefusalThatConsumedIDsReplays(t *testing.T) {
	ref := newClient(t, newTestServer(t, WithClock(NewFakeClock(fixedTime)), WithDeletionDelay(time.Minute),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")))
	ref.fail(400, "DryRunOperation", "CreateVpcEndpoint", createParams("DryRun", "true")...)
	want := ref.create()

	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	newClient(t, a).fail(400, "DryRunOperation", "CreateVpcEndpoint", createParams("DryRun", "true")...)
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Greater(t, len(after), len(before), "the refusal drew IDs, so it is journaled")
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path)
	assert.Equal(t, want, newClient(t, b).create())
}
