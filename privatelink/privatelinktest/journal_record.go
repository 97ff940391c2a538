package privatelinktest

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// journalRecord is one journaled change.
type journalRecord struct {
	// Kind is recordAPI (a request), recordAdmin (a provider action of the
	// Go API) or recordClock (a FakeClock advance through AdvanceClock).
	Kind byte
	Time time.Time // the server's clock when it ran
	// api records.
	Action string
	Key    string // access key ID, never its secret
	STS    bool
	// Params are the business parameters, byte for byte as received:
	// Go strings hold any bytes, and the binary encoding keeps them.
	Params []signer.Param
	// Code is the answer's error code, empty on success; Sum the CRC-32C
	// of a successful answer. Replay checks both (Sum only as Answers
	// below says), and the ID generator's position after the request
	// (Seq, RNG), to detect a divergent replay:
	// one with another world, seed or flags than the run that wrote it.
	Code string
	Sum  uint32
	Seq  uint64
	RNG  []byte
	// admin records: the method and its arguments.
	Op   string
	Args []string
	// Answers is the version whose answer Sum is the checksum of
	// (journalAnswers when it was written; empty in records of journals
	// from before it was recorded), Shape the fingerprint of that
	// answer's members (answerFacts), and IDs the generated IDs the
	// answer returned, sorted, at most maxRecordIDs. Replay compares Sum
	// only when both Answers and Shape are this version's; otherwise it
	// checks what stays comparable across releases (the error code, Seq,
	// RNG, and that the answer still returns each of IDs), so a release that adds
	// a field to an answer still replays the journals of the one before.
	Answers string
	Shape   uint32
	IDs     []string
}

// The kinds of record.
const (
	recordAPI   byte = 1
	recordAdmin byte = 2
	recordClock byte = 3
)

func kindName(k byte) string {
	switch k {
	case recordAPI:
		return "api"
	case recordAdmin:
		return "admin"
	case recordClock:
		return "clock"
	}
	return "unknown"
}

// The payload of a record is binary, not JSON: JSON strings must be UTF-8,
// and encoding/json replaces an invalid byte with U+FFFD, so a parameter
// replayed from JSON could differ from the one received (issue 16). Every
// field is written, in this order, whatever its value:
//
//	kind      1 byte
//	time      bytes (time.Time.MarshalBinary)
//	action    string
//	key       string
//	sts       1 byte (0 or 1)
//	params    uvarint count, then key string and value string each
//	code      string
//	sum       4 bytes, big-endian
//	seq       uvarint
//	rng       bytes
//	op        string
//	args      uvarint count, then a string each
//	answers   string
//	shape     4 bytes, big-endian
//	ids       uvarint count, then a string each
//
// where a string or bytes field is a uvarint length and that many bytes.
// The last three fields came after the first release of this encoding
// (still in development, PLEMUJ2 before them): a payload that ends after
// args is a record without them, whose answer is checked as another
// version's.

// journalTailReserve bounds the encoded size of the fields known only once
// a request has run (code, sum, seq, rng, answers, shape, ids), so that
// whether a record fits can be decided before the request is performed.
// TestJournalTailReserve checks the largest tail against it.
const journalTailReserve = 512

// appendRecord appends r's encoding to b.
func appendRecord(b []byte, r *journalRecord) []byte {
	b = append(b, r.Kind)
	t, _ := r.Time.MarshalBinary() // fails only for a zone offset beyond ±18h, which no clock here has
	b = appendBytes(b, t)
	b = appendBytes(b, []byte(r.Action))
	b = appendBytes(b, []byte(r.Key))
	sts := byte(0)
	if r.STS {
		sts = 1
	}
	b = append(b, sts)
	b = binary.AppendUvarint(b, uint64(len(r.Params)))
	for _, p := range r.Params {
		b = appendBytes(b, []byte(p.Key))
		b = appendBytes(b, []byte(p.Value))
	}
	b = appendBytes(b, []byte(r.Code))
	b = binary.BigEndian.AppendUint32(b, r.Sum)
	b = binary.AppendUvarint(b, r.Seq)
	b = appendBytes(b, r.RNG)
	b = appendBytes(b, []byte(r.Op))
	b = binary.AppendUvarint(b, uint64(len(r.Args)))
	for _, a := range r.Args {
		b = appendBytes(b, []byte(a))
	}
	b = appendBytes(b, []byte(r.Answers))
	b = binary.BigEndian.AppendUint32(b, r.Shape)
	b = binary.AppendUvarint(b, uint64(len(r.IDs)))
	for _, id := range r.IDs {
		b = appendBytes(b, []byte(id))
	}
	return b
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

func fieldLen(n int) int { return uvarintLen(uint64(n)) + n }

// headSize returns the encoded size of r's fields up to and including its
// parameters: what a request contributes before it runs.
func headSize(r *journalRecord) int {
	t, _ := r.Time.MarshalBinary()
	n := 1 + fieldLen(len(t)) + fieldLen(len(r.Action)) + fieldLen(len(r.Key)) + 1 + uvarintLen(uint64(len(r.Params)))
	for _, p := range r.Params {
		n += fieldLen(len(p.Key)) + fieldLen(len(p.Value))
	}
	return n
}

var errBadRecord = errors.New("malformed record")

// recordReader decodes the fields of a payload in order.
type recordReader struct {
	b   []byte
	err error
}

func (d *recordReader) byte() byte {
	if d.err != nil || len(d.b) < 1 {
		d.err = errBadRecord
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *recordReader) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errBadRecord
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *recordReader) bytes() []byte {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.err = errBadRecord
		return nil
	}
	s := d.b[:n:n]
	d.b = d.b[n:]
	return s
}

func (d *recordReader) string() string { return string(d.bytes()) }

// count reads a list's length, refusing one that the rest of the payload
// cannot hold (each element takes at least min bytes), so that a corrupt
// count cannot make the decoder allocate.
func (d *recordReader) count(min int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)/min) {
		d.err = errBadRecord
	}
	return int(n)
}

// decodeRecord decodes a payload written by appendRecord.
func decodeRecord(payload []byte) (journalRecord, error) {
	d := &recordReader{b: payload}
	var r journalRecord
	r.Kind = d.byte()
	if t := d.bytes(); d.err == nil {
		if err := r.Time.UnmarshalBinary(t); err != nil {
			return r, errBadRecord
		}
	}
	r.Action = d.string()
	r.Key = d.string()
	switch d.byte() {
	case 0:
	case 1:
		r.STS = true
	default:
		d.err = errBadRecord
	}
	if n := d.count(2); d.err == nil && n > 0 {
		r.Params = make([]signer.Param, n)
		for i := range r.Params {
			r.Params[i] = signer.Param{Key: d.string(), Value: d.string()}
		}
	}
	r.Code = d.string()
	if d.err == nil && len(d.b) >= 4 {
		r.Sum = binary.BigEndian.Uint32(d.b)
		d.b = d.b[4:]
	} else {
		d.err = errBadRecord
	}
	r.Seq = d.uvarint()
	if rng := d.bytes(); len(rng) > 0 {
		r.RNG = rng
	}
	r.Op = d.string()
	if n := d.count(1); d.err == nil && n > 0 {
		r.Args = make([]string, n)
		for i := range r.Args {
			r.Args[i] = d.string()
		}
	}
	if d.err == nil && len(d.b) != 0 {
		// The fields added after the first records of this encoding.
		r.Answers = d.string()
		if d.err == nil && len(d.b) >= 4 {
			r.Shape = binary.BigEndian.Uint32(d.b)
			d.b = d.b[4:]
		} else {
			d.err = errBadRecord
		}
		if n := d.count(1); d.err == nil && n > 0 {
			r.IDs = make([]string, n)
			for i := range r.IDs {
				r.IDs[i] = d.string()
			}
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errBadRecord
	}
	if d.err == nil && (r.Kind < recordAPI || r.Kind > recordClock) {
		d.err = errors.New("unknown record kind")
	}
	return r, d.err
}

// v1Record is a record of the first journal format (journalMagicV1),
// whose payload was JSON. Reading it lets a journal written by 0.2.0 be
// converted rather than refused.
type v1Record struct {
	Kind   string      `json:"k"`
	Time   time.Time   `json:"t"`
	Action string      `json:"a,omitempty"`
	Key    string      `json:"key,omitempty"`
	STS    bool        `json:"sts,omitempty"`
	Params [][2]string `json:"p,omitempty"`
	Code   string      `json:"code,omitempty"`
	Sum    uint32      `json:"sum,omitempty"`
	Seq    uint64      `json:"seq,omitempty"`
	RNG    []byte      `json:"rng,omitempty"`
	Op     string      `json:"op,omitempty"`
	Args   []string    `json:"args,omitempty"`
}

func decodeV1Record(payload []byte) (journalRecord, error) {
	var v v1Record
	if err := json.Unmarshal(payload, &v); err != nil {
		return journalRecord{}, err
	}
	r := journalRecord{Time: v.Time, Action: v.Action, Key: v.Key, STS: v.STS, Code: v.Code,
		Sum: v.Sum, Seq: v.Seq, RNG: v.RNG, Op: v.Op, Args: v.Args}
	switch v.Kind {
	case "api":
		r.Kind = recordAPI
	case "admin":
		r.Kind = recordAdmin
	case "clock":
		r.Kind = recordClock
	default:
		return r, errors.New("unknown record kind")
	}
	for _, p := range v.Params {
		r.Params = append(r.Params, signer.Param{Key: p[0], Value: p[1]})
	}
	return r, nil
}
