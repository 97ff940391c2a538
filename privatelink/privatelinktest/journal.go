package privatelinktest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/signer"
)

// A Journal makes a Server's state survive a crash. Rather than snapshot
// internal structures, it records every executed request that changed
// state or drew a generated ID (the action, the access key's ID, the
// business parameters byte for byte, the clock reading it ran at) and
// every provider action of the Go API; a restarted Server replays the
// records through the same operation code, which rebuilds the same
// endpoints, the same IDs (the generator is seeded and consumed in the same
// order) and the same client-token answers. New operations therefore
// persist without persistence code of their own.
//
// Each request's record also notes how it was answered, so that a replay
// with another world, seed or flags is refused rather than silently
// rebuilding something else: the error code, the ID generator's position
// after it, the generated IDs its answer returned, and the answer's
// checksum, which is compared only when the record says the same version
// of the emulator, with answers of the same members, wrote it. A release
// that adds a field to an answer therefore still replays the journals of
// the releases before it, and re-stamps them (see Server.Replay).
//
// The file starts with journalMagic; each record is a frame of a 4-byte
// big-endian payload length, the payload's CRC-32C, the CRC-32C of those
// eight bytes, and the payload (a binary encoding, see journal_record.go).
// A record is written and fsynced before the request's answer is sent, so
// an acknowledged change is on disk, and a request whose record could not
// fit a frame is refused before it runs. A crash mid-write leaves a torn
// last record, which OpenJournal cuts off; damage anywhere else makes it
// refuse the file (see JournalDamageError), because dropping a damaged
// record would drop the acknowledged ones after it. Concurrent requests
// share fsyncs (group commit): a request waits only for an fsync that
// started after its record was written. The file is locked (see
// JournalLockedError), so two servers cannot append to it at once.
type Journal struct {
	path string
	f    *os.File
	lock *journalLock
	recs []journalRecord // read by OpenJournal, consumed by Replay
	n    int             // len(recs) as OpenJournal read them
	cut  *JournalCut     // what OpenJournal cut off, nil if nothing
	// converted is set when the file was a journal of the first format,
	// which Replay rewrites in the current one; firstFormat until it has,
	// and f is nil until then.
	converted   bool
	firstFormat bool
	// restamped is set when Replay rewrote a journal of the current
	// format because some of its answers were another version's.
	restamped bool

	wmu     sync.Mutex // serialises writes, so records never interleave
	written atomic.Int64
	smu     sync.Mutex // serialises fsyncs
	synced  int64      // under smu
	// failed is set by the first write or fsync error: the file may hold
	// a torn record, after which nothing appended would be replayed, so
	// the journal takes no more.
	failed atomic.Bool
	err    error // under smu
	closed bool  // under wmu
}

// journalMagic opens every journal file, so that a file of another kind
// named by mistake is refused rather than cut to nothing as "torn".
// journalMagicV1 opened the files of 0.2.0, whose payloads were JSON and
// whose frames had no header checksum; OpenJournal reads them, and
// Server.Replay rewrites them in the current format once they replay.
const (
	journalMagic   = "PLEMUJ2\n"
	journalMagicV1 = "PLEMUJ1\n"
)

// frameHeader is the length of a frame's header: payload length, payload
// CRC-32C, header CRC-32C. The header's own checksum lets OpenJournal tell
// a damaged length (refused) from a file that ends early (torn), and find
// the intact records after a damaged one.
const frameHeader = 12

// MaxJournalRecordBytes bounds a journal record's payload. A request whose
// record would be larger is refused (400 InvalidParameter) before it is
// performed, so whatever the server acknowledges can be replayed. Over HTTP
// no request comes near it: a record holds the decoded parameters of a
// request within MaxRequestBytes and MaxRequestParams, at most about
// 135 KiB. The bound holds for a Server driven below that layer too.
const MaxJournalRecordBytes = 4 << 20

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// JournalOption changes how OpenJournal treats the file it opens.
type JournalOption struct{ apply func(*journalOptions) }

type journalOptions struct{ truncateAtDamage bool }

// TruncateAtDamage makes OpenJournal cut a damaged journal at the end of
// its last intact record, dropping the damaged record and every record
// after it, instead of refusing the file. Journal.Cut reports what went.
// It is the emulator command's -state-truncate-at-damage: a deliberate
// choice to lose changes, never the default.
func TruncateAtDamage() JournalOption {
	return JournalOption{func(o *journalOptions) { o.truncateAtDamage = true }}
}

// JournalCut describes what OpenJournal cut off the end of a journal.
type JournalCut struct {
	// Offset is the file's new length: where the first dropped record
	// started.
	Offset int64
	// Bytes is how many bytes were dropped.
	Bytes int64
	// Record is the number, from 1, of the first dropped record.
	Record int
	// Reason says what was wrong with it.
	Reason string
	// Damaged is true when TruncateAtDamage cut a damaged journal; false
	// when the cut record was a torn last record, which a crash during its
	// write leaves and which was never acknowledged.
	Damaged bool
	// Dropped counts the intact records after the damaged one that went
	// with it (TruncateAtDamage only).
	Dropped int
}

// JournalDamageError is OpenJournal's answer to a journal damaged before
// its last record. A crash can only tear the record being written, the
// last; damage with intact records after it is corruption, and dropping it
// would drop those records, which were acknowledged. OpenJournal with
// TruncateAtDamage cuts the file at Offset instead.
type JournalDamageError struct {
	Path string
	// Offset is where the damaged record starts, the end of the last
	// intact one.
	Offset int64
	// Record is the damaged record's number, from 1.
	Record int
	// Reason says what is wrong with it.
	Reason string
	// Following counts the intact records found after it.
	Following int
}

// Error names the file, the damaged record and its offset, and how many
// intact records follow it.
func (e *JournalDamageError) Error() string {
	if e.Following == 0 {
		return fmt.Sprintf("journal %s: record %d at offset %d is damaged (%s)", e.Path, e.Record, e.Offset, e.Reason)
	}
	return fmt.Sprintf("journal %s: record %d at offset %d is damaged (%s), and %d intact records follow it; refusing to drop them",
		e.Path, e.Record, e.Offset, e.Reason, e.Following)
}

// OpenJournal opens the journal at path, creating an empty one if there is
// none, locks it, and reads its records for Server.Replay. A torn last
// record (a crash during its write; it was never acknowledged) is cut off
// and reported by Cut. Damage anywhere else is a *JournalDamageError,
// unless TruncateAtDamage is given. A file that is not a journal is an
// error, and so is a journal another process (or another Journal of this
// one) holds: a *JournalLockedError. A journal of the first format
// (0.2.0) is rewritten in the current one.
func OpenJournal(path string, opts ...JournalOption) (*Journal, error) {
	var o journalOptions
	for _, opt := range opts {
		if opt.apply != nil {
			opt.apply(&o)
		}
	}
	lk, err := lockJournal(path)
	if err != nil {
		return nil, err
	}
	j, err := openLocked(path, o)
	if err != nil {
		lk.release()
		return nil, err
	}
	j.lock = lk
	return j, nil
}

func openLocked(path string, o journalOptions) (*Journal, error) {
	data, err := os.ReadFile(path)
	torn := func(magic string) bool { return len(data) < len(magic) && magic[:len(data)] == string(data) }
	if errors.Is(err, os.ErrNotExist) || err == nil && torn(journalMagic) {
		// No file, or one torn while createLocked wrote its header.
		return createLocked(path, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	v1 := bytes.HasPrefix(data, []byte(journalMagicV1))
	if !v1 && !bytes.HasPrefix(data, []byte(journalMagic)) {
		return nil, fmt.Errorf("journal: %s is not a privatelink-emulator journal", path)
	}
	var sc scanResult
	if v1 {
		sc = scanV1(data)
	} else {
		sc = scan(data)
	}
	var cut *JournalCut
	if sc.reason != "" {
		cut = &JournalCut{Offset: int64(sc.good), Bytes: int64(len(data) - sc.good), Record: len(sc.recs) + 1,
			Reason: sc.reason, Damaged: sc.damaged, Dropped: sc.following}
		if sc.damaged && !o.truncateAtDamage {
			return nil, &JournalDamageError{Path: path, Offset: int64(sc.good), Record: len(sc.recs) + 1,
				Reason: sc.reason, Following: sc.following}
		}
	}
	if v1 {
		// Replay rewrites the file in the current format, once it has
		// replayed the records and so knows what this version answers and
		// counts (see Server.Replay); until then the file stays as 0.2.0
		// wrote it, so a replay that fails changes nothing.
		return &Journal{path: path, recs: sc.recs, n: len(sc.recs), cut: cut, converted: true, firstFormat: true}, nil
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if cut != nil {
		if err := f.Truncate(cut.Offset); err != nil {
			f.Close()
			return nil, fmt.Errorf("journal: cutting %s at offset %d: %w", path, cut.Offset, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, fmt.Errorf("journal: %w", err)
		}
	}
	if _, err := f.Seek(int64(sc.good), io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &Journal{path: path, f: f, recs: sc.recs, n: len(sc.recs), cut: cut}, nil
}

// scanResult is what scan found in a journal file.
type scanResult struct {
	recs []journalRecord
	good int // the end of the last intact record
	// reason says why the bytes from good on are not a record, "" when the
	// file ends at good.
	reason string
	// damaged is set when those bytes are not a torn last record: an
	// intact record follows them, or they are an intact frame whose
	// payload does not decode.
	damaged   bool
	following int // intact records after the damage
}

// frameAt checks the frame at off: it returns the payload, or why there is
// no intact frame there and whether the file merely ends inside one (a
// frame whose header is intact, or incomplete, but whose payload the file
// does not hold in full).
func frameAt(data []byte, off int) (payload []byte, reason string, short bool) {
	rest := data[off:]
	if len(rest) < frameHeader {
		return nil, fmt.Sprintf("the file ends %d bytes into a frame header", len(rest)), true
	}
	if crc32.Checksum(rest[:8], castagnoli) != binary.BigEndian.Uint32(rest[8:]) {
		return nil, "frame header checksum mismatch", false
	}
	n := binary.BigEndian.Uint32(rest)
	if n > MaxJournalRecordBytes {
		return nil, fmt.Sprintf("length %d exceeds the record limit", n), false
	}
	if uint64(len(rest)-frameHeader) < uint64(n) {
		return nil, fmt.Sprintf("the file ends %d bytes into a %d-byte record", len(rest)-frameHeader, n), true
	}
	payload = rest[frameHeader : frameHeader+int(n)]
	if crc32.Checksum(payload, castagnoli) != binary.BigEndian.Uint32(rest[4:]) {
		return nil, "payload checksum mismatch", false
	}
	return payload, "", false
}

// scan reads the records of a journal of the current format. It stops at
// the first bytes that are not an intact record and classifies them: a
// torn last record when no intact frame follows anywhere after them (a
// crash leaves a prefix of the frame, or a tail the file system zeroed),
// damage otherwise.
func scan(data []byte) scanResult {
	var sc scanResult
	off := len(journalMagic)
	for off < len(data) {
		payload, reason, _ := frameAt(data, off)
		if reason == "" {
			r, err := decodeRecord(payload)
			if err != nil {
				// Intact by both checksums yet undecodable: written by
				// another version or a bug, never torn.
				sc.good, sc.reason, sc.damaged = off, "undecodable record: "+err.Error(), true
				sc.following = countIntact(data, off+frameHeader+len(payload))
				return sc
			}
			sc.recs = append(sc.recs, r)
			off += frameHeader + len(payload)
			continue
		}
		sc.good, sc.reason = off, reason
		for p := off + 1; p+frameHeader <= len(data); p++ {
			if _, r, _ := frameAt(data, p); r == "" {
				sc.damaged = true
				sc.following = countIntact(data, p)
				break
			}
		}
		return sc
	}
	sc.good = off
	return sc
}

// countIntact counts the intact frames that follow each other from off.
func countIntact(data []byte, off int) int {
	n := 0
	for off < len(data) {
		payload, reason, _ := frameAt(data, off)
		if reason != "" {
			break
		}
		n++
		off += frameHeader + len(payload)
	}
	return n
}

// scanV1 reads a journal of the first format: frames of length, CRC-32C
// and JSON payload, with no header checksum. Without one, an intact record
// after damage cannot be found reliably, so only a frame the file ends
// inside, or a last frame that ends exactly at the end of the file, counts
// as torn; anything else is damage.
func scanV1(data []byte) scanResult {
	var sc scanResult
	off := len(journalMagicV1)
	for off < len(data) {
		rest := data[off:]
		if len(rest) < 8 {
			sc.good, sc.reason = off, "the file ends inside a frame header"
			return sc
		}
		n := binary.BigEndian.Uint32(rest)
		switch {
		case n > MaxJournalRecordBytes:
			sc.good, sc.reason, sc.damaged = off, fmt.Sprintf("length %d exceeds the record limit", n), true
			return sc
		case uint64(len(rest)-8) < uint64(n):
			sc.good, sc.reason = off, fmt.Sprintf("the file ends %d bytes into a %d-byte record", len(rest)-8, n)
			return sc
		}
		payload := rest[8 : 8+int(n)]
		if crc32.Checksum(payload, castagnoli) != binary.BigEndian.Uint32(rest[4:]) {
			sc.good, sc.reason = off, "payload checksum mismatch"
			sc.damaged = off+8+int(n) != len(data)
			return sc
		}
		r, err := decodeV1Record(payload)
		if err != nil {
			sc.good, sc.reason, sc.damaged = off, "undecodable record: "+err.Error(), true
			return sc
		}
		sc.recs = append(sc.recs, r)
		off += 8 + int(n)
	}
	sc.good = off
	return sc
}

// CreateJournal replaces whatever is at path with an empty journal,
// atomically: it writes a temporary file beside it, fsyncs it, renames it
// over path and fsyncs the directory, so a crash leaves either the old file
// or the new one. It locks the journal as OpenJournal does. A server's own
// journal is emptied with Journal.Reset, which keeps the lock.
func CreateJournal(path string) (*Journal, error) {
	lk, err := lockJournal(path)
	if err != nil {
		return nil, err
	}
	j, err := createLocked(path, nil)
	if err != nil {
		lk.release()
		return nil, err
	}
	j.lock = lk
	return j, nil
}

// Reset replaces the journal's file with an empty journal, atomically as
// CreateJournal does, and returns the new Journal. The lock passes to it:
// the file stays locked until both are closed. Close j once the server
// that used it is closed; a change it still records fails.
func (j *Journal) Reset() (*Journal, error) {
	j.wmu.Lock()
	closed := j.closed
	j.wmu.Unlock()
	if closed || j.lock == nil {
		return nil, errors.New("journal: Reset of a closed journal")
	}
	nj, err := createLocked(j.path, nil)
	if err != nil {
		return nil, err
	}
	j.lock.acquire()
	nj.lock = j.lock
	return nj, nil
}

// createLocked writes a journal holding recs to a temporary file and
// renames it over path.
func createLocked(path string, recs []journalRecord) (*Journal, error) {
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
	w := bufio.NewWriter(f)
	_, _ = w.WriteString(journalMagic)
	for i := range recs {
		frame, err := encodeFrame(&recs[i])
		if err != nil {
			return fail(err)
		}
		_, _ = w.Write(frame)
	}
	if err := w.Flush(); err != nil {
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

// Path returns the journal's file name.
func (j *Journal) Path() string { return j.path }

// Len returns how many records the journal held when it was opened.
func (j *Journal) Len() int { return j.n }

// Cut reports what OpenJournal cut off the end of the file: a torn last
// record, or with TruncateAtDamage a damaged one and what followed it. It
// returns nil when nothing was cut.
func (j *Journal) Cut() *JournalCut { return j.cut }

// Converted reports whether the file was a journal of the first format
// (privatelink-go 0.2.0), which Server.Replay rewrites in the current one.
func (j *Journal) Converted() bool { return j.converted }

// Restamped reports whether Server.Replay rewrote the journal because
// some of its answers were recorded by another version of the emulator (a
// release or build whose answers have other fields): their checksums
// could not be compared, so the records were checked by their error
// codes, IDs and ID generator, and now carry this version's checksums.
// A journal of the first format reports Converted instead.
func (j *Journal) Restamped() bool {
	j.wmu.Lock()
	defer j.wmu.Unlock()
	return j.restamped
}

// Close closes the journal's file and releases its lock once no Journal
// made by Reset shares it. Records appended afterwards fail.
func (j *Journal) Close() error {
	j.wmu.Lock()
	defer j.wmu.Unlock()
	j.failed.Store(true)
	if j.closed {
		return nil
	}
	j.closed = true
	var err error
	if j.f != nil {
		err = j.f.Close()
	}
	if j.lock != nil {
		j.lock.release()
	}
	return err
}

// encodeFrame returns r framed for the file: length, payload CRC-32C,
// header CRC-32C, payload.
func encodeFrame(r *journalRecord) ([]byte, error) {
	frame := appendRecord(make([]byte, frameHeader, frameHeader+headSize(r)+journalTailReserve), r)
	n := len(frame) - frameHeader
	if n > MaxJournalRecordBytes {
		return nil, fmt.Errorf("journal: a %d-byte record exceeds the limit of %d", n, MaxJournalRecordBytes)
	}
	binary.BigEndian.PutUint32(frame, uint32(n))
	binary.BigEndian.PutUint32(frame[4:], crc32.Checksum(frame[frameHeader:], castagnoli))
	binary.BigEndian.PutUint32(frame[8:], crc32.Checksum(frame[:8], castagnoli))
	return frame, nil
}

// append writes one record and returns its number, for sync.
func (j *Journal) append(r *journalRecord) (int64, error) {
	frame, err := encodeFrame(r)
	j.wmu.Lock()
	defer j.wmu.Unlock()
	if err != nil {
		// The request was checked against the limit before it ran, so
		// this cannot happen; if it did, its change is in memory but not
		// on disk, and the journal must take no more.
		j.failed.Store(true)
		return 0, err
	}
	if j.failed.Load() {
		return 0, errJournalFailed
	}
	if j.f == nil {
		return 0, errors.New("journal: a journal of the first format takes records only once Replay has converted it")
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

// journalParams returns a request's business parameters, the ones its
// record keeps: no signature, nonce or security token ever reaches the
// disk. ClientToken and DryRun are business here.
func journalParams(params []signer.Param) []signer.Param {
	out := make([]signer.Param, 0, len(params))
	for _, p := range params {
		if !notBusiness[p.Key] || p.Key == "ClientToken" || p.Key == "DryRun" {
			out = append(out, p)
		}
	}
	return out
}

// journalBegin prepares the record of a request that may change state and
// checks, before the request is performed, that the record will fit a
// frame: a request the journal could not hold is refused rather than
// acknowledged and lost on the next start. It also notes the ID
// generator's position, so that journalCall can tell a refusal that drew
// IDs from one that did not. Called with s.mu held.
func (s *Server) journalBegin(c *call) *apiError {
	r := &journalRecord{Kind: recordAPI, Time: c.now, Action: c.req.action, Key: c.req.accessKey, STS: c.req.sts,
		Params: journalParams(c.req.params)}
	if n := headSize(r) + journalTailReserve; n > MaxJournalRecordBytes {
		return errorf("InvalidParameter", "The request's parameters take %d bytes in the emulator's journal, over its record limit of %d: "+
			"the emulator refuses a change it could not keep.", n-journalTailReserve, MaxJournalRecordBytes-journalTailReserve)
	}
	c.jrec = r
	c.jseq = s.nextSeq
	c.jrng, _ = s.idSrc.MarshalBinary()
	return nil
}

// journalCall appends an executed request to the journal and notes the
// record's number in req for ServeHTTP to wait on. An answer from the
// client-token store changed nothing and is not journaled, but it waits
// for every record written so far: the request that stored it may still
// be waiting for its fsync, and a retry acknowledged before then would be
// lost by a crash with it. A refused request is
// journaled only when it drew from the ID generator (a dry-run create
// places its zones, drawing interface IDs, before it is refused): replay
// must draw the same IDs, and reproduces the refusal. One that drew none
// changed nothing, so it is not journaled. Called with s.mu held.
func (s *Server) journalCall(c *call, body []byte) *apiError {
	r := c.jrec
	if r == nil {
		return nil
	}
	r.Seq = s.nextSeq - s.worldSeq
	r.RNG, _ = s.idSrc.MarshalBinary()
	unmoved := s.nextSeq == c.jseq && bytes.Equal(r.RNG, c.jrng)
	if c.err == nil && c.fromToken && unmoved {
		// The stored answer of a client token: nothing changed, and the
		// replayed store answers the same, once the record that stored
		// it (one of those written so far, under s.mu) is on disk.
		c.req.journalN = s.journal.written.Load()
		return nil
	}
	if c.err != nil {
		if unmoved {
			return nil
		}
		r.Code = c.err.code
	} else {
		r.Sum = crc32.Checksum(body, castagnoli)
		r.Answers = journalAnswers
		var ids []string
		r.Shape, ids = answerFacts(body)
		r.IDs = recordIDs(ids)
	}
	n, err := s.journal.append(r)
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

// journalAdmin records a provider action that has succeeded at now, the
// instant it acted at, and waits for it to be on disk: these are rare, so
// they do not share fsyncs. The record must carry that instant, not a
// second reading of the clock: replay runs the action at the record's
// time, and a later one would move every transition it started. The
// action is journaled after it succeeded because replay must not meet a
// failing one; when the journal fails, the caller gets the error, never an
// acknowledgement, and the journal takes no more changes. Called with s.mu
// held.
func (s *Server) journalAdmin(now time.Time, op string, args ...string) error {
	return s.journalRecord(&journalRecord{Kind: recordAdmin, Time: now, Op: op, Args: args})
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
// elsewhere, is reported as an error that says what differed. With a
// FakeClock, the clock is set to the last record's time.
//
// Each request's record holds the CRC-32C of its answer and, since the
// journal recorded them, the version whose answer that is (journalAnswers:
// the SDK's privatelink.Version), a fingerprint of the answer's members
// (answerFacts) and the IDs the emulator generated that it returned. The
// checksum is compared only when the version and the fingerprint are this
// build's: a release, or a build between releases, that adds a field to an
// answer (as CreateVpcEndpoint's ServiceRegionId was added after 0.2.0)
// answers the same request with other bytes, which is not divergence. Such
// a record is checked by what stays comparable across releases: the
// answer's error code, the creation-order position and the ID generator's
// state after it, and that the answer still returns every ID it returned.
// Once the journal has replayed, its records are rewritten with this
// build's checksums, fingerprints and version (atomically, as
// CreateJournal writes), so the next start checks them in full.
//
// A journal of the first format (Journal.Converted) is rewritten in the
// current one in the same way; its answers carry no version, so they are
// checked as another version's. 0.2.0 also counted creation-order
// positions from zero, through the world's own objects, whose number has
// changed since (the default world gained a gwlb service), so the offset
// is taken from the first request and the rest are checked against it.
func (s *Server) Replay(j *Journal) error {
	if s.journal != nil {
		return errors.New("privatelinktest: Replay: the server already has a journal")
	}
	orig := s.clock
	defer func() { s.clock = orig }()
	var last time.Time
	var offset uint64 // first format: its position minus this version's
	based := false
	rewrite := j.firstFormat
	for i := range j.recs {
		r := &j.recs[i]
		s.clock = fixedClock(r.Time)
		got, err := s.replayOne(r)
		if err == nil && r.Kind == recordAPI {
			want := replayOutcome{code: r.Code, sum: r.Sum, seq: r.Seq, rng: r.RNG, ids: r.IDs}
			if j.firstFormat {
				if !based {
					offset, based = r.Seq-got.seq, true
				}
				// uint64 arithmetic wraps, so the subtraction is exact
				// whichever position is the larger.
				want.seq = r.Seq - offset
			}
			restamp := j.firstFormat
			if r.Code == "" && got.code == "" && (r.Answers != journalAnswers || r.Shape != got.shape) {
				// Another version's answer: its bytes are not comparable.
				want.sum, restamp = got.sum, true
			}
			if err = diverged(got, want); err == nil && restamp {
				r.Seq, r.Sum, r.Answers, r.Shape, r.IDs = got.seq, got.sum, journalAnswers, got.shape, recordIDs(got.ids)
				if got.code != "" {
					r.Answers, r.Shape, r.IDs = "", 0, nil
				}
				rewrite = true
			}
		}
		if err != nil {
			return fmt.Errorf("privatelinktest: journal %s, record %d (%s %s%s): %w", j.path, i+1, kindName(r.Kind), r.Action, r.Op, err)
		}
		last = r.Time
	}
	if rewrite {
		nj, err := createLocked(j.path, j.recs)
		if err != nil {
			if j.firstFormat {
				return fmt.Errorf("privatelinktest: converting journal %s to the current format: %w", j.path, err)
			}
			return fmt.Errorf("privatelinktest: rewriting journal %s with this version's answers: %w", j.path, err)
		}
		j.wmu.Lock()
		old := j.f
		j.f, j.firstFormat = nj.f, false
		j.restamped = !j.converted
		j.wmu.Unlock()
		if old != nil {
			old.Close()
		}
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

// journalAnswers is the version whose answers a record's checksum is of.
// It is the SDK's version, which every release changes; answerFacts
// catches the answers that change shape between releases.
const journalAnswers = privatelink.Version

// maxRecordIDs bounds the generated IDs a record keeps (a created
// resource's, an answer's echo of those it names), so that the record's
// tail stays within journalTailReserve.
const maxRecordIDs = 8

// recordIDs returns the IDs a record keeps of an answer's.
func recordIDs(ids []string) []string {
	if len(ids) > maxRecordIDs {
		ids = ids[:maxRecordIDs]
	}
	return ids
}

// answerFacts returns what a record keeps of a successful answer besides
// its checksum: its shape, a fingerprint of the set of its members' paths
// ("Zones.ZoneId"; the same whatever the values, and whatever the order of
// the members), which changes when a build adds, removes or renames a
// field, so that such a change is detected without anyone remembering to
// declare it; and the IDs the emulator generated that it holds (strings of
// newID's form), sorted and without repeats. body is json.Marshal's
// output; one that does not parse has shape 0 and no IDs.
//
// It runs for every journaled request, under the server's lock, so it
// scans the bytes rather than decoding them (BenchmarkAnswerFacts).
func answerFacts(body []byte) (shape uint32, ids []string) {
	var (
		pathBuf  [128]byte
		path     = pathBuf[:0] // the current member's path
		baseBuf  [8]int
		bases    = baseBuf[:0] // the path's length at each open object
		stackBuf [16]byte
		stack    = stackBuf[:0] // the open objects and arrays
		hashBuf  [32]uint32
		hashes   = hashBuf[:0] // of each member's path
		wantKey  bool
	)
	inObject := func() bool { return len(stack) > 0 && stack[len(stack)-1] == '{' }
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '{':
			stack = append(stack, '{')
			bases = append(bases, len(path))
			wantKey = true
		case '[':
			stack = append(stack, '[')
		case '}':
			if !inObject() {
				return 0, nil
			}
			stack = stack[:len(stack)-1]
			path = path[:bases[len(bases)-1]]
			bases = bases[:len(bases)-1]
		case ']':
			if len(stack) == 0 || stack[len(stack)-1] != '[' {
				return 0, nil
			}
			stack = stack[:len(stack)-1]
		case ',':
			wantKey = inObject()
		case '"':
			end := i + 1
			for end < len(body) && body[end] != '"' {
				if body[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(body) {
				return 0, nil
			}
			str := body[i+1 : end]
			if wantKey && inObject() {
				path = path[:bases[len(bases)-1]]
				if len(path) > 0 {
					path = append(path, '.')
				}
				path = append(path, str...)
				hashes = append(hashes, crc32.Checksum(path, castagnoli))
				wantKey = false
			} else if generatedID(str) {
				ids = append(ids, string(str))
			}
			i = end
		}
	}
	if len(stack) != 0 {
		return 0, nil
	}
	slices.Sort(hashes)
	hashes = slices.Compact(hashes)
	var sum [4]byte
	for _, h := range hashes {
		binary.BigEndian.PutUint32(sum[:], h)
		shape = crc32.Update(shape, castagnoli, sum[:])
	}
	slices.Sort(ids)
	return shape, slices.Compact(ids)
}

// generatedID reports whether s has the form of newID's IDs: a prefix of
// lower-case letters, "-hp3" and 17 letters and digits.
func generatedID[T string | []byte](s T) bool {
	const tail = 4 + 17
	i := len(s) - tail
	if i < 1 || string(s[i:i+4]) != "-hp3" {
		return false
	}
	for k := range i {
		if s[k] < 'a' || s[k] > 'z' {
			return false
		}
	}
	for k := i + 4; k < len(s); k++ {
		if c := s[k]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// replayOutcome is what a replayed request did, as a record notes it: the
// answer's error code, or the CRC-32C of its body, its shape and the
// generated IDs it returned; the creation-order position (from the
// world's) and the ID generator's state after it.
type replayOutcome struct {
	code  string
	sum   uint32
	shape uint32
	ids   []string
	seq   uint64
	rng   []byte
	body  []byte // the answer, for tests
}

// diverged says how a replayed request differed from its record, or
// returns nil. A journal replays the same only with the options that
// wrote it, so the error names those, and what differed. Of the IDs, it
// checks that the replayed answer returns each recorded one: an answer
// that gained a field may return more.
func diverged(got, want replayOutcome) error {
	var diffs []string
	switch {
	case got.code != want.code && want.code == "":
		diffs = append(diffs, fmt.Sprintf("it was refused with %s, where it had succeeded", got.code))
	case got.code != want.code && got.code == "":
		diffs = append(diffs, fmt.Sprintf("it succeeded, where it had been refused with %s", want.code))
	case got.code != want.code:
		diffs = append(diffs, fmt.Sprintf("it was refused with %s, where it had been refused with %s", got.code, want.code))
	default:
		var lost []string
		for _, id := range want.ids {
			if _, ok := slices.BinarySearch(got.ids, id); !ok {
				lost = append(lost, id)
			}
		}
		if len(lost) > 0 {
			returned := "none"
			if len(got.ids) > 0 {
				returned = strings.Join(got.ids, ", ")
			}
			diffs = append(diffs, fmt.Sprintf("its answer lacks the ID %s it returned (it returns %s)", strings.Join(lost, ", "), returned))
		}
		if got.sum != want.sum {
			diffs = append(diffs, fmt.Sprintf("its answer differs (CRC-32C %08x, recorded %08x)", got.sum, want.sum))
		}
	}
	if got.seq != want.seq {
		diffs = append(diffs, fmt.Sprintf("it left the creation order at position %d, recorded %d", got.seq, want.seq))
	}
	if !bytes.Equal(got.rng, want.rng) {
		diffs = append(diffs, "it left the ID generator elsewhere (other IDs follow)")
	}
	if len(diffs) == 0 {
		return nil
	}
	return fmt.Errorf("replay diverged: %s: was the journal written with another world, seed or flags?", strings.Join(diffs, "; "))
}

// replayOne performs a record. For an api record it returns what the
// request did, for Replay to compare with the record.
func (s *Server) replayOne(r *journalRecord) (replayOutcome, error) {
	switch r.Kind {
	case recordClock:
		return replayOutcome{}, nil
	case recordAdmin:
		f := adminReplay[r.Op]
		if f == nil {
			return replayOutcome{}, errors.New("unknown provider action")
		}
		return replayOutcome{}, f(s, r.Args)
	case recordAPI:
	default:
		return replayOutcome{}, errors.New("unknown record kind")
	}
	req := &apiRequest{action: r.Action, accessKey: r.Key, sts: r.STS, params: r.Params, first: map[string]string{}}
	for _, p := range r.Params {
		if _, ok := req.first[p.Key]; !ok {
			req.first[p.Key] = p.Value
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.creds[r.Key] == nil || !knownAction(r.Action) {
		return replayOutcome{}, fmt.Errorf("access key %s or action unknown to this world", r.Key)
	}
	body, aerr := s.execute(req)
	var got replayOutcome
	if aerr != nil {
		got.code = aerr.code
	} else {
		got.sum = crc32.Checksum(body, castagnoli)
		got.shape, got.ids = answerFacts(body)
		got.body = body
	}
	got.seq = s.nextSeq - s.worldSeq
	got.rng, _ = s.idSrc.MarshalBinary()
	return got, nil
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
	if err := s.journalRecord(&journalRecord{Kind: recordClock, Time: now, Op: "AdvanceClock"}); err != nil {
		return time.Time{}, err
	}
	fc.Set(now)
	return now, nil
}
