package privatelinktest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// A Journal makes a Server's state survive a crash. Rather than snapshot
// internal structures, it records every executed request that may change
// state (the action, the access key's ID, the business parameters, the
// clock reading it ran at) and every provider action of the Go API; a
// restarted Server replays the records through the same operation code,
// which rebuilds the same endpoints, the same IDs (the generator is seeded
// and consumed in the same order) and the same client-token answers. New
// operations therefore persist without persistence code of their own.
//
// The file starts with journalMagic; each record is a 4-byte big-endian
// length, a 4-byte CRC-32C of the payload, and the payload (JSON). A
// record is written and fsynced before the request's answer is sent, so an
// acknowledged change is on disk. A crash mid-write leaves a torn last
// record, which the CRC exposes: OpenJournal cuts the file before it.
// Concurrent requests share fsyncs (group commit): a request waits only
// for an fsync that started after its record was written.
type Journal struct {
	path string
	f    *os.File
	recs []journalRecord // read by OpenJournal, consumed by Replay

	wmu     sync.Mutex // serialises writes, so records never interleave
	written atomic.Int64
	smu     sync.Mutex // serialises fsyncs
	synced  int64      // under smu
	// failed is set by the first write or fsync error: the file may hold
	// a torn record, after which nothing appended would be replayed, so
	// the journal takes no more.
	failed atomic.Bool
	err    error // under smu
}

// journalMagic opens every journal file, so that a file of another kind
// named by mistake is refused rather than cut to nothing as "torn".
const journalMagic = "PLEMUJ1\n"

// maxRecordBytes bounds a record's length field: a larger one can only be
// a corrupt length, and reading it would allocate that much.
const maxRecordBytes = 4 << 20

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// journalRecord is one journaled change.
type journalRecord struct {
	// Kind is "api" (a request), "admin" (a provider action of the Go API)
	// or "clock" (a FakeClock advance through AdvanceClock).
	Kind string    `json:"k"`
	Time time.Time `json:"t"` // the server's clock when it ran
	// api records.
	Action string      `json:"a,omitempty"`
	Key    string      `json:"key,omitempty"` // access key ID, never its secret
	STS    bool        `json:"sts,omitempty"`
	Params [][2]string `json:"p,omitempty"`
	// Code is the answer's error code, empty on success; Sum the CRC-32C
	// of a successful answer. Replay checks both, and the ID generator's
	// position after the request (Seq, RNG), to detect a divergent replay:
	// one with another world, seed or flags than the run that wrote it.
	Code string `json:"code,omitempty"`
	Sum  uint32 `json:"sum,omitempty"`
	Seq  uint64 `json:"seq,omitempty"`
	RNG  []byte `json:"rng,omitempty"`
	// admin records: the method and its arguments.
	Op   string   `json:"op,omitempty"`
	Args []string `json:"args,omitempty"`
}

// OpenJournal opens the journal at path, creating an empty one if there is
// none, and reads its records for Server.Replay. A torn or corrupt record
// and everything after it are cut off (a crash mid-write leaves at most
// one, the last). A file that is not a journal is an error.
func OpenJournal(path string) (*Journal, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(data) < len(journalMagic) && journalMagic[:len(data)] == string(data) {
		// No file, or one torn while CreateJournal wrote its header.
		return CreateJournal(path)
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if !bytes.HasPrefix(data, []byte(journalMagic)) {
		return nil, fmt.Errorf("journal: %s is not a privatelink-emulator journal", path)
	}
	recs, good := parseRecords(data)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if good < len(data) {
		if err := f.Truncate(int64(good)); err != nil {
			f.Close()
			return nil, fmt.Errorf("journal: cutting the torn record: %w", err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, fmt.Errorf("journal: %w", err)
		}
	}
	if _, err := f.Seek(int64(good), io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &Journal{path: path, f: f, recs: recs}, nil
}

// parseRecords returns the records of data up to the first torn or corrupt
// one, and the length of that good prefix.
func parseRecords(data []byte) ([]journalRecord, int) {
	var recs []journalRecord
	off := len(journalMagic)
	for len(data)-off >= 8 {
		n := binary.BigEndian.Uint32(data[off:])
		sum := binary.BigEndian.Uint32(data[off+4:])
		if n > maxRecordBytes || uint64(len(data)-off-8) < uint64(n) {
			break
		}
		payload := data[off+8 : off+8+int(n)]
		if crc32.Checksum(payload, castagnoli) != sum {
			break
		}
		var r journalRecord
		if json.Unmarshal(payload, &r) != nil {
			break
		}
		recs = append(recs, r)
		off += 8 + int(n)
	}
	return recs, off
}

// CreateJournal replaces whatever is at path with an empty journal,
// atomically: it writes a temporary file beside it, fsyncs it, renames it
// over path and fsyncs the directory, so a crash leaves either the old file
// or the new one. Resetting the emulator's state is creating its journal
// afresh.
func CreateJournal(path string) (*Journal, error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	fail := func(err error) (*Journal, error) {
		f.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("journal: %w", err)
	}
	if _, err := f.WriteString(journalMagic); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fail(err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &Journal{path: path, f: f}, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Len returns how many records the journal held when it was opened.
func (j *Journal) Len() int { return len(j.recs) }

// Close closes the journal's file. Records appended afterwards fail.
func (j *Journal) Close() error {
	j.wmu.Lock()
	defer j.wmu.Unlock()
	j.failed.Store(true)
	return j.f.Close()
}

// append writes one record and returns its number, for sync.
func (j *Journal) append(r *journalRecord) (int64, error) {
	payload, err := json.Marshal(r)
	if err != nil {
		return 0, err
	}
	frame := make([]byte, 8, 8+len(payload))
	binary.BigEndian.PutUint32(frame, uint32(len(payload)))
	binary.BigEndian.PutUint32(frame[4:], crc32.Checksum(payload, castagnoli))
	frame = append(frame, payload...)
	j.wmu.Lock()
	defer j.wmu.Unlock()
	if j.failed.Load() {
		return 0, errJournalFailed
	}
	if _, err := j.f.Write(frame); err != nil {
		j.failed.Store(true)
		return 0, err
	}
	return j.written.Add(1), nil
}

// sync returns once record n is on disk. One fsync covers every record
// written before it started, so concurrent callers mostly find their
// record already synced by another's.
func (j *Journal) sync(n int64) error {
	j.smu.Lock()
	defer j.smu.Unlock()
	if j.synced >= n {
		return nil
	}
	if j.err != nil {
		return j.err
	}
	target := j.written.Load()
	if err := j.f.Sync(); err != nil {
		j.failed.Store(true)
		j.err = err
		return err
	}
	j.synced = target
	return nil
}

var errJournalFailed = errors.New("journal: an earlier write failed")

// errJournal is the answer to a change the journal could not record.
func errJournal() *apiError {
	return newError(http.StatusServiceUnavailable, "ServiceUnavailable",
		"The emulator could not write its journal; it accepts no more changes.")
}

// readOnlyActions change nothing and consume no generated ID, so they are
// not journaled. An action missing here is journaled, which costs a record
// but is never wrong.
var readOnlyActions = map[string]bool{
	"GetVpcEndpointAttribute":       true,
	"ListVpcEndpoints":              true,
	"ListVpcEndpointZones":          true,
	"ListVpcEndpointSecurityGroups": true,
	"ListTagResources":              true,
	"DescribeRegions":               true,
	"DescribeZones":                 true,
	"CheckProductOpen":              true,
	// The provider's reads.
	"GetVpcEndpointServiceAttribute":   true,
	"ListVpcEndpointServices":          true,
	"ListVpcEndpointServicesByEndUser": true,
	"ListVpcEndpointServiceUsers":      true,
	"ListVpcEndpointServiceResources":  true,
	"ListVpcEndpointConnections":       true,
}

// journalCall appends an executed request to the journal and notes the
// record's number in req for ServeHTTP to wait on. Failed requests are
// journaled too: they may have consumed generated IDs. Called with s.mu
// held.
func (s *Server) journalCall(c *call, body []byte) *apiError {
	if s.journal == nil || readOnlyActions[c.req.action] {
		return nil
	}
	r := journalRecord{Kind: "api", Time: c.now, Action: c.req.action, Key: c.req.accessKey, STS: c.req.sts, Seq: s.nextSeq}
	for _, p := range c.req.params {
		// Business parameters only: no signature, nonce or security token
		// ever reaches the disk. ClientToken and DryRun are business here.
		if !notBusiness[p.Key] || p.Key == "ClientToken" || p.Key == "DryRun" {
			r.Params = append(r.Params, [2]string{p.Key, p.Value})
		}
	}
	if c.err != nil {
		r.Code = c.err.code
	} else {
		r.Sum = crc32.Checksum(body, castagnoli)
	}
	r.RNG, _ = s.idSrc.MarshalBinary()
	n, err := s.journal.append(&r)
	if err != nil {
		return errJournal()
	}
	c.req.journalN = n
	return nil
}

// journalWait waits until the request's record, if any, is on disk.
func (s *Server) journalWait(req *apiRequest) *apiError {
	if req == nil || req.journalN == 0 {
		return nil
	}
	if s.journal.sync(req.journalN) != nil {
		return errJournal()
	}
	return nil
}

// journalAdmin records a provider action before it takes effect and waits
// for it to be on disk: these are rare, so they do not share fsyncs.
// Called with s.mu held.
func (s *Server) journalAdmin(op string, args ...string) error {
	return s.journalRecord(&journalRecord{Kind: "admin", Time: s.clock.Now(), Op: op, Args: args})
}

func (s *Server) journalRecord(r *journalRecord) error {
	if s.journal == nil {
		return nil
	}
	n, err := s.journal.append(r)
	if err == nil {
		err = s.journal.sync(n)
	}
	if err != nil {
		return fmt.Errorf("privatelinktest: %s: %w", r.Op, err)
	}
	return nil
}

// adminReplay maps each journaled provider action to the method that
// replays it. A new state-changing method of the Go API must journal
// itself with journalAdmin and be listed here.
var adminReplay = map[string]func(s *Server, args []string) error{
	"AcceptConnection":  func(s *Server, a []string) error { return s.AcceptConnection(a[0]) },
	"RejectConnection":  func(s *Server, a []string) error { return s.RejectConnection(a[0]) },
	"SetBusinessStatus": func(s *Server, a []string) error { return s.SetBusinessStatus(a[0], a[1]) },
	"DeleteService":     func(s *Server, a []string) error { return s.DeleteService(a[0]) },
}

// fixedClock reads the instant a journaled change ran at, during replay.
type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// Replay rebuilds the server's state from the journal's records, then
// makes the server journal every further change to j. Call it on a
// server from NewUnstartedServer, before it serves, built with the same
// options (world, seed, delays, quotas) as the run that wrote the journal:
// a record whose replay answers differently, or leaves the ID generator
// elsewhere, is reported as an error. With a FakeClock, the clock is set to
// the last record's time.
func (s *Server) Replay(j *Journal) error {
	if s.journal != nil {
		return errors.New("privatelinktest: Replay: the server already has a journal")
	}
	orig := s.clock
	defer func() { s.clock = orig }()
	var last time.Time
	for i, r := range j.recs {
		s.clock = fixedClock(r.Time)
		if err := s.replayOne(&r); err != nil {
			return fmt.Errorf("privatelinktest: journal %s, record %d (%s %s%s): %w", j.path, i+1, r.Kind, r.Action, r.Op, err)
		}
		last = r.Time
	}
	j.recs = nil
	if fc, ok := orig.(*FakeClock); ok && !last.IsZero() {
		fc.Set(last)
	}
	s.mu.Lock()
	s.journal = j
	s.mu.Unlock()
	return nil
}

func (s *Server) replayOne(r *journalRecord) error {
	switch r.Kind {
	case "clock":
		return nil
	case "admin":
		f := adminReplay[r.Op]
		if f == nil {
			return errors.New("unknown provider action")
		}
		return f(s, r.Args)
	case "api":
	default:
		return errors.New("unknown record kind")
	}
	req := &apiRequest{action: r.Action, accessKey: r.Key, sts: r.STS, first: map[string]string{}}
	for _, p := range r.Params {
		req.params = append(req.params, signer.Param{Key: p[0], Value: p[1]})
		if _, ok := req.first[p[0]]; !ok {
			req.first[p[0]] = p[1]
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.creds[r.Key] == nil || !knownAction(r.Action) {
		return fmt.Errorf("access key %s or action unknown to this world", r.Key)
	}
	body, aerr := s.execute(req)
	code, sum := "", uint32(0)
	if aerr != nil {
		code = aerr.code
	} else {
		sum = crc32.Checksum(body, castagnoli)
	}
	rng, _ := s.idSrc.MarshalBinary()
	if code != r.Code || sum != r.Sum || s.nextSeq != r.Seq || !bytes.Equal(rng, r.RNG) {
		return fmt.Errorf("replay diverged (answer %q, want %q): was the journal written with another world, seed or flags?", code, r.Code)
	}
	return nil
}

// AdvanceClock advances the server's FakeClock by d and journals it, so
// that a restarted server's clock resumes where it stood. It is an error
// when the server's clock is not a FakeClock.
func (s *Server) AdvanceClock(d time.Duration) (time.Time, error) {
	fc, ok := s.clock.(*FakeClock)
	if !ok {
		return time.Time{}, errors.New("privatelinktest: AdvanceClock: the server's clock is not a FakeClock")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := fc.Now().Add(d)
	if err := s.journalRecord(&journalRecord{Kind: "clock", Time: now, Op: "AdvanceClock"}); err != nil {
		return time.Time{}, err
	}
	fc.Set(now)
	return now, nil
}
