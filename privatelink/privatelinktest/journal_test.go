package privatelinktest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/signer"
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
	assert.Contains(t, err.Error(), "its answer differs", "the error says what differed")
	assert.Contains(t, err.Error(), "ID generator elsewhere")
}

// TestJournalIgnoresObjectsTheWorldGained checks that a journal counts
// creation-order positions from the world's own objects: a world that
// gains a service (as the default world gained a gwlb service after
// 0.2.0) replays a journal written without it, while a request whose
// outcome changed is still reported, naming what differed.
func TestJournalIgnoresObjectsTheWorldGained(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	ca := newClient(t, a)
	first := ca.create("ClientToken", "gained-1")
	ca.must("TagResources", "ResourceType", "vpcendpoint", "ResourceId.1", first, "Tag.1.Key", "env", "Tag.1.Value", "test")
	second := ca.create("ClientToken", "gained-2")
	want := a.Endpoints()
	a.Close()
	ja.Close()

	gained := WithService(Service{ID: "epsrv-hp3emu0gained0x7k2m", Name: "com.aliyuncs.privatelink." + RegionID + ".epsrv-hp3emu0gained0x7k2m",
		Zones: []string{ZoneA}})
	b, _, jb := journaled(t, path, gained)
	assert.Equal(t, want, b.Endpoints())
	assert.Equal(t, second, newClient(t, b).create("ClientToken", "gained-2"))
	b.Close()
	jb.Close()

	j, err := OpenJournal(path)
	require.NoError(t, err)
	defer j.Close()
	err = NewUnstartedServer(WithClock(NewFakeClock(fixedTime)), WithDeletionDelay(time.Minute),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret"),
		WithQuota(QuotaTotalEpPerVpc, 1)).Replay(j)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "record 3 (api CreateVpcEndpoint): replay diverged: it was refused with QuotaExceeded", err.Error())
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

// frameOffsets returns where each record of the journal file data starts.
func frameOffsets(t *testing.T, data []byte) []int {
	t.Helper()
	var offs []int
	for off := len(journalMagic); off < len(data); {
		payload, reason, _ := frameAt(data, off)
		require.Empty(t, reason, "record at offset %d", off)
		offs = append(offs, off)
		off += frameHeader + len(payload)
	}
	return offs
}

// tenCreates writes a journal of ten creates and returns its bytes and the
// offsets of its records.
func tenCreates(t *testing.T, path string) ([]byte, []int) {
	t.Helper()
	srv, _, j := journaled(t, path)
	c := newClient(t, srv)
	for i := range 10 {
		c.create("ClientToken", fmt.Sprint("ten-", i))
	}
	srv.Close()
	j.Close()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	offs := frameOffsets(t, data)
	require.Len(t, offs, 10)
	return data, offs
}

// TestJournalRefusesDamageBeforeTheLastRecord is issue 16's third defect:
// one altered byte in record 1 of 10 left 0 of 10 endpoints after a
// restart, and the file cut to 8 bytes, without a word. Only a torn last
// record may be dropped; damage elsewhere is refused with the record's
// number and offset, and TruncateAtDamage cuts there on request.
func TestJournalRefusesDamageBeforeTheLastRecord(t *testing.T) {
	for name, at := range map[string]func(offs []int) int{
		"payload": func(offs []int) int { return offs[0] + frameHeader + 5 },
		"length":  func(offs []int) int { return offs[0] + 2 },
		"middle":  func(offs []int) int { return offs[4] + frameHeader + 40 },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state")
			data, offs := tenCreates(t, path)
			damaged := bytes.Clone(data)
			pos := at(offs)
			damaged[pos] ^= 0x40
			require.NoError(t, os.WriteFile(path, damaged, 0o600))
			rec := 1
			for i, off := range offs {
				if off <= pos {
					rec = i + 1
				}
			}

			_, err := OpenJournal(path)
			var de *JournalDamageError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, path, de.Path)
			assert.Equal(t, rec, de.Record)
			assert.EqualValues(t, offs[rec-1], de.Offset)
			assert.Equal(t, 10-rec, de.Following)
			assert.Contains(t, err.Error(), fmt.Sprintf("record %d at offset %d", rec, offs[rec-1]))
			after, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, damaged, after, "a refused journal is left as it was")

			j, err := OpenJournal(path, TruncateAtDamage())
			require.NoError(t, err)
			assert.Equal(t, rec-1, j.Len())
			cut := j.Cut()
			require.NotNil(t, cut)
			assert.True(t, cut.Damaged)
			assert.Equal(t, JournalCut{Offset: int64(offs[rec-1]), Bytes: int64(len(data) - offs[rec-1]), Record: rec,
				Reason: cut.Reason, Damaged: true, Dropped: 10 - rec}, *cut)
			require.NoError(t, j.Close())
			after, err = os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, data[:offs[rec-1]], after, "cut at the end of the last intact record")
		})
	}
}

// TestJournalDropsOnlyATornTail checks what a crash can leave: the last
// record cut short, or damaged, or followed by a tail the file system
// filled with zeros. Each is dropped with nothing before it, and reported.
func TestJournalDropsOnlyATornTail(t *testing.T) {
	for name, damage := range map[string]func(b []byte, last int) []byte{
		"short":  func(b []byte, last int) []byte { return b[:len(b)-7] },
		"header": func(b []byte, last int) []byte { return b[:last+5] },
		"flip":   func(b []byte, last int) []byte { c := bytes.Clone(b); c[len(c)-3] ^= 1; return c },
		"zeros":  func(b []byte, last int) []byte { return append(bytes.Clone(b), make([]byte, 4096)...) },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state")
			data, offs := tenCreates(t, path)
			require.NoError(t, os.WriteFile(path, damage(data, offs[9]), 0o600))
			j, err := OpenJournal(path)
			require.NoError(t, err)
			want := 9
			if name == "zeros" {
				want = 10
			}
			assert.Equal(t, want, j.Len())
			require.NotNil(t, j.Cut(), "the cut is reported")
			assert.False(t, j.Cut().Damaged)
			assert.Equal(t, want+1, j.Cut().Record)
			require.NoError(t, j.Close())
		})
	}
}

// TestJournalIsLocked is issue 16's fourth defect: two servers on one
// state file overwrote each other's records. The second is refused, told
// the holder's process ID; a Reset keeps the lock, and closing the last
// Journal releases it.
func TestJournalIsLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	first, err := OpenJournal(path)
	require.NoError(t, err)
	_, err = OpenJournal(path)
	var le *JournalLockedError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, os.Getpid(), le.PID)
	assert.Contains(t, err.Error(), path)
	assert.Contains(t, err.Error(), fmt.Sprint("process ", os.Getpid()))
	_, err = CreateJournal(path)
	require.ErrorAs(t, err, &le, "CreateJournal may not wipe a journal in use either")

	second, err := first.Reset()
	require.NoError(t, err)
	require.NoError(t, first.Close())
	_, err = OpenJournal(path)
	require.ErrorAs(t, err, &le, "the reset journal still holds the lock")
	require.NoError(t, second.Close())
	third, err := OpenJournal(path)
	require.NoError(t, err)
	require.NoError(t, third.Close())
}

// padded returns n parameters named x with empty values: "x&x&…" in a
// body, the smallest a parameter can be on the wire.
func padded(n int) []signer.Param {
	ps := make([]signer.Param, n)
	for i := range ps {
		ps[i].Key = "x"
	}
	return ps
}

// bareForm encodes a form body as "k=v&x&x", writing a parameter with an
// empty value as its bare key.
func bareForm(ps []signer.Param) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(signer.PercentEncode(p.Key))
		if p.Value != "" {
			b.WriteByte('=')
			b.WriteString(signer.PercentEncode(p.Value))
		}
	}
	return b.String()
}

// oneMiB is the body limit the emulator had when issue 16's second defect
// was found; MaxRequestBytes now refuses such a request at the HTTP layer.
const oneMiB = 1 << 20

// TestJournalKeepsTheLargestBody is issue 16's second defect: a correctly
// signed 1 MiB body of "x&x&…" was acknowledged, but its record (4.7 MB of
// JSON) exceeded the record limit, so the next start took it for a torn
// tail and dropped it and every change after it. Whatever is acknowledged
// replays: that body is now refused before any work, and the largest
// request the HTTP layer accepts is acknowledged and replays, with the
// change after it. TestJournalKeepsHalfAMillionParameters holds the
// journal to the same invariant below that layer.
func TestJournalKeepsTheLargestBody(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	c := newClient(t, a)
	id := c.create("ClientToken", "before-the-big-ones")

	head := kv("EndpointId", id, "EndpointName", "refused", "RegionId", RegionID)
	n := (oneMiB - len(bareForm(head)) - 1) / 2
	refused := c.do(spec{action: "UpdateVpcEndpointAttribute", params: append(head, padded(n)...), form: true, encodeForm: bareForm})
	require.Equal(t, 400, refused.status, refused.String())
	assert.Equal(t, "InvalidParameter", refused.code())

	// The largest accepted: the query the signature needs, and a body that
	// fills what MaxRequestBytes leaves, less a margin for the signature's
	// encoded length, which varies by a few bytes from one nonce to the
	// next.
	const margin = 64
	var sent int
	measure := func(r *http.Request) { sent = len(r.URL.RawQuery) + int(r.ContentLength) }
	largest := func(pad int) spec {
		return spec{action: "UpdateVpcEndpointAttribute", form: true, tamper: measure,
			params: kv("EndpointId", id, "EndpointName", "largest", "RegionId", RegionID, "Pad", strings.Repeat("p", pad))}
	}
	c.request(largest(0))
	big := c.do(largest(MaxRequestBytes - sent - margin))
	require.Equal(t, 200, big.status, big.String())
	require.LessOrEqual(t, sent, MaxRequestBytes)
	require.Greater(t, sent, MaxRequestBytes-2*margin, "within %d bytes of the limit", 2*margin)
	after := c.create("ClientToken", "after-the-big-ones")
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path)
	e, ok := b.Endpoint(id)
	require.True(t, ok)
	assert.Equal(t, "largest", e.Name, "the largest acknowledged request replayed")
	_, ok = b.Endpoint(after)
	assert.True(t, ok, "the change after it replayed")
}

// TestJournalKeepsHalfAMillionParameters is the same request as
// TestJournalKeepsTheLargestBody, below the HTTP layer: the journal keeps
// what the operation accepted, whatever caps HTTP adds.
func TestJournalKeepsHalfAMillionParameters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	id := newClient(t, a).create()
	pairs := []string{"EndpointId", id, "EndpointName", "many"}
	for range oneMiB / 2 {
		pairs = append(pairs, "x", "")
	}
	_, aerr := execCall(a, "UpdateVpcEndpointAttribute", pairs...)
	require.Nil(t, aerr)
	after := newClient(t, a).create()
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path)
	e, ok := b.Endpoint(id)
	require.True(t, ok)
	assert.Equal(t, "many", e.Name)
	_, ok = b.Endpoint(after)
	assert.True(t, ok)
}

// TestJournalRefusesARequestItCannotHold checks the journal's own bound,
// below whatever the HTTP layer lets through: a request whose record takes
// exactly the most a record may hold is performed and replays; one byte
// more is refused before it is performed, and nothing of it is journaled.
func TestJournalRefusesARequestItCannotHold(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	id := newClient(t, a).create()
	largest := MaxJournalRecordBytes - journalTailReserve
	// withPad returns the request's parameter pairs with a Pad parameter
	// that makes its record take size bytes.
	withPad := func(name string, size int) []string {
		pairs := []string{"EndpointId", id, "EndpointName", name, "Pad", ""}
		r := &journalRecord{Kind: recordAPI, Time: fixedTime, Action: "UpdateVpcEndpointAttribute", Key: AccessKeyID,
			Params: kv(append(pairs, "RegionId", RegionID)...)}
		for headSize(r) != size {
			pad := len(r.Params[2].Value) + size - headSize(r)
			pairs[5] = strings.Repeat("p", pad)
			r.Params[2].Value = pairs[5]
		}
		return pairs
	}
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	_, aerr := execCall(a, "UpdateVpcEndpointAttribute", withPad("over", largest+1)...)
	require.NotNil(t, aerr)
	assert.Equal(t, 400, aerr.status)
	assert.Equal(t, "InvalidParameter", aerr.code)
	e, _ := a.Endpoint(id)
	assert.NotEqual(t, "over", e.Name, "refused before it was performed")
	now, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, len(before), len(now), "nothing of it was journaled")

	_, aerr = execCall(a, "UpdateVpcEndpointAttribute", withPad("at", largest)...)
	require.Nil(t, aerr)
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path)
	e, ok := b.Endpoint(id)
	require.True(t, ok)
	assert.Equal(t, "at", e.Name, "the largest acceptable request replayed")
}

// TestJournalSkipsAnswersFromClientTokens checks that a retry answered from
// the client-token store, which changes nothing, costs no record: a
// retry backlog of large requests would otherwise grow the journal by
// their whole size again.
func TestJournalSkipsAnswersFromClientTokens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, _ := journaled(t, path)
	c := newClient(t, a)
	id := c.create("ClientToken", "once", "Pad", strings.Repeat("p", 4096))
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, id, c.create("ClientToken", "once", "Pad", strings.Repeat("p", 4096)))
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, len(before), len(after))
}

// TestJournalConvertsTheFirstFormat checks that a journal written by 0.2.0
// (testdata/journal-v1: JSON records, written by that release's journaled
// helper: two creates with client tokens, a tag, a rename, a business
// status) is rewritten in the current format and replays to the same
// state.
func TestJournalConvertsTheFirstFormat(t *testing.T) {
	const first = "ep-hp3rsr0kncqzme9hkaas"
	v1, err := os.ReadFile("testdata/journal-v1")
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(v1, []byte(journalMagicV1)))
	path := filepath.Join(t.TempDir(), "state")
	require.NoError(t, os.WriteFile(path, v1, 0o600))

	// A replay that fails (here another seed) leaves the file as it was.
	j, err := OpenJournal(path)
	require.NoError(t, err)
	err = NewUnstartedServer(WithClock(NewFakeClock(fixedTime)), WithSeed(2),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")).Replay(j)
	require.ErrorContains(t, err, "ID generator elsewhere")
	require.NoError(t, j.Close())
	kept, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, v1, kept)

	a, _, ja := journaled(t, path)
	assert.True(t, ja.Converted())
	assert.Equal(t, 5, ja.Len())
	assert.Equal(t, 2, a.EndpointCount())
	e, ok := a.Endpoint(first)
	require.True(t, ok)
	assert.Equal(t, "named-in-v1", e.Name)
	assert.EqualValues(t, "FinancialLocked", e.BusinessStatus)
	assert.Equal(t, first, newClient(t, a).create("ClientToken", "v1-one"), "the token's answer survived the conversion")
	a.Close()
	ja.Close()

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data, []byte(journalMagic)), "rewritten in the current format")
	b, _, jb := journaled(t, path)
	assert.False(t, jb.Converted())
	assert.Equal(t, 5, jb.Len())
	assert.Equal(t, 2, b.EndpointCount())
}

// TestJournalFirstFormatDamage checks that a 0.2.0 journal is held to the
// same rule: a damaged last record is dropped, damage before it refused.
func TestJournalFirstFormatDamage(t *testing.T) {
	v1, err := os.ReadFile("testdata/journal-v1")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "state")

	first := bytes.Clone(v1)
	first[len(journalMagicV1)+8+3] ^= 1
	require.NoError(t, os.WriteFile(path, first, 0o600))
	_, err = OpenJournal(path)
	var de *JournalDamageError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 1, de.Record)

	last := bytes.Clone(v1)
	last[len(last)-2] ^= 1
	require.NoError(t, os.WriteFile(path, last, 0o600))
	j, err := OpenJournal(path)
	require.NoError(t, err)
	assert.Equal(t, 4, j.Len())
	require.NotNil(t, j.Cut())
	assert.False(t, j.Cut().Damaged)
	require.NoError(t, j.Close())
}

// TestJournalRefusesAnUndecodableRecord checks a record intact by both
// checksums whose payload does not decode (another version's, or a bug's):
// damage wherever it is, even last, since no crash writes one; the cut
// keeps the records before it.
func TestJournalRefusesAnUndecodableRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	data, offs := tenCreates(t, path)
	frame := make([]byte, frameHeader, frameHeader+3)
	frame = append(frame, 0xff, 0xfe, 0xfd)
	binary.BigEndian.PutUint32(frame, 3)
	binary.BigEndian.PutUint32(frame[4:], crc32.Checksum(frame[frameHeader:], castagnoli))
	binary.BigEndian.PutUint32(frame[8:], crc32.Checksum(frame[:8], castagnoli))
	for name, file := range map[string][]byte{
		"middle": append(append(bytes.Clone(data[:offs[3]]), frame...), data[offs[3]:]...),
		"last":   append(bytes.Clone(data), frame...),
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(path, file, 0o600))
			_, err := OpenJournal(path)
			var de *JournalDamageError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, de.Reason, "undecodable")
			j, err := OpenJournal(path, TruncateAtDamage())
			require.NoError(t, err)
			want := 10
			if name == "middle" {
				want = 3
			}
			assert.Equal(t, want, j.Len())
			require.NoError(t, j.Close())
		})
	}
}

// TestJournalReplaysAFullTokenBudget checks that the token budget and the
// journal agree: the 503s of a full budget are not journaled, and the
// replay, which fills the budget with the same tokens at the same clock
// readings, leaves it full again, every token answering as it did.
func TestJournalReplaysAFullTokenBudget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	small := WithClientTokenMemory(16 << 10)
	a, _, ja := journaled(t, path, small)
	c := newClient(t, a)
	var ids []string
	for {
		r := c.call("CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprint("budget-", len(ids)))...)
		if r.status == 503 {
			break
		}
		require.Equal(t, 200, r.status, r.String())
		ids = append(ids, r.str("EndpointId"))
	}
	a.Close()
	ja.Close()

	b, _, _ := journaled(t, path, small)
	cb := newClient(t, b)
	for i, id := range ids {
		assert.Equal(t, id, cb.must("CreateVpcEndpoint", zonelessCreate("ClientToken", fmt.Sprint("budget-", i))...).str("EndpointId"))
	}
	r := cb.call("CreateVpcEndpoint", zonelessCreate("ClientToken", "one-more")...)
	assert.Equal(t, 503, r.status, "the budget is as full after the replay")
	assert.Equal(t, len(ids), b.EndpointCount())
}

// asAnotherVersion rewrites the journal at path as a version of the
// emulator whose answers differ would have written it: each successful
// request's answer is recomputed (by replaying the records on a fresh
// server built like journaled's), passed to edit, and its checksum, shape
// and IDs recorded under the version given.
func asAnotherVersion(t *testing.T, path, version string, edit func(action string, answer map[string]any)) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sc := scan(data)
	require.Empty(t, sc.reason)
	srv := NewUnstartedServer(WithClock(NewFakeClock(fixedTime)), WithDeletionDelay(time.Minute),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret"))
	defer srv.Close()
	out := []byte(journalMagic)
	for i := range sc.recs {
		r := &sc.recs[i]
		srv.clock = fixedClock(r.Time)
		got, err := srv.replayOne(r)
		require.NoError(t, err)
		if r.Kind == recordAPI && r.Code == "" {
			var answer map[string]any
			require.NoError(t, json.Unmarshal(got.body, &answer))
			edit(r.Action, answer)
			old, err := json.Marshal(answer)
			require.NoError(t, err)
			r.Sum, r.Answers = crc32.Checksum(old, castagnoli), version
			r.Shape, r.IDs = answerFacts(old)
		}
		frame, err := encodeFrame(r)
		require.NoError(t, err)
		out = append(out, frame...)
	}
	require.NoError(t, os.WriteFile(path, out, 0o600))
}

// withoutServiceRegionID edits a CreateVpcEndpoint answer into 0.2.0's,
// which had no ServiceRegionId.
func withoutServiceRegionID(action string, answer map[string]any) {
	if action == "CreateVpcEndpoint" {
		delete(answer, "ServiceRegionId")
	}
}

// TestJournalReplaysAnotherVersionsAnswers checks that a journal written
// by a version whose answers lack a field (as 0.2.0's CreateVpcEndpoint
// lacked ServiceRegionId) replays, keeping its IDs and client tokens, and
// is rewritten with this version's answers, after which its checksums are
// compared again.
func TestJournalReplaysAnotherVersionsAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	ca := newClient(t, a)
	first := ca.create("ClientToken", "prev-1")
	second := ca.create("ClientToken", "prev-2", "Zone.1.ZoneId", ZoneB, "Zone.1.VSwitchId", VSwitchB)
	ca.must("UpdateVpcEndpointAttribute", "EndpointId", first, "EndpointName", "renamed")
	require.NoError(t, a.SetBusinessStatus(second, "FinancialLocked"))
	want := a.Endpoints()
	a.Close()
	ja.Close()
	current, err := os.ReadFile(path)
	require.NoError(t, err)

	asAnotherVersion(t, path, "0.1.0-previous", withoutServiceRegionID)
	prev, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotEqual(t, current, prev, "the previous version's records differ")

	b, _, jb := journaled(t, path)
	assert.True(t, jb.Restamped())
	assert.False(t, jb.Converted())
	assert.Equal(t, 4, jb.Len())
	assert.Equal(t, want, b.Endpoints())
	cb := newClient(t, b)
	assert.Equal(t, first, cb.create("ClientToken", "prev-1"), "the token's answer survived")
	assert.Equal(t, second, cb.create("ClientToken", "prev-2", "Zone.1.ZoneId", ZoneB, "Zone.1.VSwitchId", VSwitchB))
	b.Close()
	jb.Close()

	// Re-stamped: the records are this version's again, so the next start
	// checks the answers' checksums.
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sc := scan(data)
	require.Empty(t, sc.reason)
	require.Len(t, sc.recs, 4)
	for i, r := range sc.recs {
		if r.Kind == recordAPI {
			assert.Equal(t, journalAnswers, r.Answers, "record %d", i+1)
		}
	}
	assert.Equal(t, current, data, "the re-stamped records are this version's")
	c, _, jc := journaled(t, path)
	assert.False(t, jc.Restamped())
	assert.Equal(t, want, c.Endpoints())
	c.Close()
	jc.Close()

	sc.recs[0].Sum ^= 1
	out := []byte(journalMagic)
	for i := range sc.recs {
		frame, err := encodeFrame(&sc.recs[i])
		require.NoError(t, err)
		out = append(out, frame...)
	}
	require.NoError(t, os.WriteFile(path, out, 0o600))
	j, err := OpenJournal(path)
	require.NoError(t, err)
	defer j.Close()
	err = NewUnstartedServer(WithClock(NewFakeClock(fixedTime)), WithDeletionDelay(time.Minute),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")).Replay(j)
	require.ErrorContains(t, err, "record 1 (api CreateVpcEndpoint): replay diverged: its answer differs")
}

// TestJournalAnotherVersionStillDiverges checks that the answers of
// another version, whose checksums are not compared, are still checked
// for what a divergent replay changes: the IDs an answer returns, the
// error code, the ID generator; and that a replay that fails leaves the
// file as it was.
func TestJournalAnotherVersionStillDiverges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	ca := newClient(t, a)
	first := ca.create("ClientToken", "div-1")
	ca.create("ClientToken", "div-2")
	a.Close()
	ja.Close()
	asAnotherVersion(t, path, "0.1.0-previous", withoutServiceRegionID)
	prev, err := os.ReadFile(path)
	require.NoError(t, err)

	replay := func(opts ...Option) error {
		t.Helper()
		j, err := OpenJournal(path)
		require.NoError(t, err)
		defer j.Close()
		return NewUnstartedServer(append([]Option{WithClock(NewFakeClock(fixedTime)), WithDeletionDelay(time.Minute),
			WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")}, opts...)...).Replay(j)
	}

	// Another seed: other IDs. The answer's checksum is not compared, yet
	// the lost ID is named.
	err = replay(WithSeed(2))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "record 1 (api CreateVpcEndpoint): replay diverged: its answer lacks the ID "+first+" it returned (it returns ep-hp3")
	assert.NotContains(t, err.Error(), "its answer differs", "another version's checksum is not compared")
	assert.Contains(t, err.Error(), "ID generator elsewhere")

	// A quota that refuses the second create: another error code.
	err = replay(WithQuota(QuotaTotalEpPerVpc, 1))
	require.ErrorContains(t, err, "record 2 (api CreateVpcEndpoint): replay diverged: it was refused with QuotaExceeded.totalEpPerVpc, where it had succeeded")

	// A recorded ID the answer does not return, the generator in place:
	// the ID check alone catches it.
	data := bytes.Clone(prev)
	sc := scan(data)
	sc.recs[1].IDs = []string{"ep-hp3aaaaaaaaaaaaaaaaa"}
	out := []byte(journalMagic)
	for i := range sc.recs {
		frame, err := encodeFrame(&sc.recs[i])
		require.NoError(t, err)
		out = append(out, frame...)
	}
	require.NoError(t, os.WriteFile(path, out, 0o600))
	err = replay()
	require.ErrorContains(t, err, "record 2 (api CreateVpcEndpoint): replay diverged: its answer lacks the ID ep-hp3aaaaaaaaaaaaaaaaa it returned")
	assert.NotContains(t, err.Error(), "ID generator elsewhere")
	kept, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, out, kept, "a replay that fails leaves the file as it was")
}

// TestJournalReplaysRecordsWithoutAnswerVersions checks the records of
// this release's first journals (PLEMUJ2 before records held the answers'
// version, shape and IDs): they decode, replay as another version's, and
// are re-stamped.
func TestJournalReplaysRecordsWithoutAnswerVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	id := newClient(t, a).create("ClientToken", "bare-1")
	a.Close()
	ja.Close()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sc := scan(data)
	out := []byte(journalMagic)
	for i := range sc.recs {
		r := sc.recs[i]
		payload := appendRecord(nil, &r)
		// Without the last three fields, as those journals wrote them.
		payload = payload[:len(payload)-(fieldLen(len(r.Answers))+4+uvarintLen(uint64(len(r.IDs)))+idsLen(r.IDs))]
		frame := make([]byte, frameHeader, frameHeader+len(payload))
		frame = append(frame, payload...)
		binary.BigEndian.PutUint32(frame, uint32(len(payload)))
		binary.BigEndian.PutUint32(frame[4:], crc32.Checksum(payload, castagnoli))
		binary.BigEndian.PutUint32(frame[8:], crc32.Checksum(frame[:8], castagnoli))
		out = append(out, frame...)
	}
	require.NoError(t, os.WriteFile(path, out, 0o600))
	bare := scan(out)
	require.Empty(t, bare.reason)
	require.Len(t, bare.recs, 1)
	assert.Empty(t, bare.recs[0].Answers)

	b, _, jb := journaled(t, path)
	assert.True(t, jb.Restamped())
	assert.Equal(t, id, newClient(t, b).create("ClientToken", "bare-1"))
	b.Close()
	jb.Close()
	again, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, data, again, "re-stamped as this version writes it")
}

func idsLen(ids []string) int {
	n := 0
	for _, id := range ids {
		n += fieldLen(len(id))
	}
	return n
}

// TestJournalTailReserve checks that the largest tail a record can have
// (the longest error code, or an answer's maximum of IDs, with the ID
// generator's state) fits journalTailReserve, which journalBegin sets
// aside before a request runs.
func TestJournalTailReserve(t *testing.T) {
	rng, err := NewUnstartedServer().idSrc.MarshalBinary()
	require.NoError(t, err)
	ids := make([]string, maxRecordIDs)
	for i := range ids {
		ids[i] = strings.Repeat("z", 16) + "-hp3" + strings.Repeat("9", 17)
		require.True(t, generatedID(ids[i]))
	}
	r := journalRecord{Kind: recordAPI, Code: strings.Repeat("C", 100), Sum: ^uint32(0), Seq: ^uint64(0), RNG: rng,
		Answers: journalAnswers + strings.Repeat("-rc.99", 4), Shape: ^uint32(0), IDs: ids}
	tail := len(appendRecord(nil, &r)) - headSize(&r)
	assert.LessOrEqual(t, tail, journalTailReserve)
}

// TestJournalNoticesAnswersThatChangedShape checks that a build whose
// answers gained a field replays a journal of the same version number
// (a build between releases, which nobody re-versioned): the answer's
// shape says it is another version's.
func TestJournalNoticesAnswersThatChangedShape(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, ja := journaled(t, path)
	id := newClient(t, a).create("ClientToken", "shape-1")
	a.Close()
	ja.Close()
	asAnotherVersion(t, path, journalAnswers, withoutServiceRegionID)

	b, _, jb := journaled(t, path)
	assert.True(t, jb.Restamped())
	assert.Equal(t, id, newClient(t, b).create("ClientToken", "shape-1"))
}

// BenchmarkAnswerFacts measures what recording an answer's shape and IDs
// adds to a journaled request, on a CreateVpcEndpoint answer.
func BenchmarkAnswerFacts(b *testing.B) {
	srv := NewUnstartedServer(WithClock(NewFakeClock(fixedTime)))
	defer srv.Close()
	srv.Start()
	r := newClient(b, srv).must("CreateVpcEndpoint", createParams()...)
	body := r.raw
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		answerFacts(body)
	}
}
