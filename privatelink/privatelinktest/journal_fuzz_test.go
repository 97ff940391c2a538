package privatelinktest

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// sampleRecords are records of each kind, with the bytes JSON could not
// keep.
func sampleRecords() []journalRecord {
	t := time.Date(2025, 3, 1, 12, 0, 0, 5, time.UTC)
	return []journalRecord{
		{Kind: recordAPI, Time: t, Action: "UpdateVpcEndpointAttribute", Key: AccessKeyID, STS: true,
			Params: []signer.Param{{Key: "EndpointDescription", Value: "ab\xff"}, {Key: "", Value: ""}, {Key: "x\x00", Value: "\xc3"}},
			Code:   "InvalidParameter", Sum: 0xdeadbeef, Seq: 1 << 40, RNG: []byte{1, 2, 3}},
		{Kind: recordAdmin, Time: t.In(time.FixedZone("x", 3600)), Op: "SetBusinessStatus", Args: []string{"ep-1", "Financial\xffLocked"}},
		{Kind: recordClock, Time: t},
	}
}

// TestJournalRecordRoundTrip checks that every field, and every byte of
// every parameter, survives encoding, and that headSize is the size of the
// fields before the tail.
func TestJournalRecordRoundTrip(t *testing.T) {
	for _, r := range sampleRecords() {
		b := appendRecord(nil, &r)
		got, err := decodeRecord(b)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if !got.Time.Equal(r.Time) {
			t.Fatalf("time %v, want %v", got.Time, r.Time)
		}
		got.Time = r.Time
		if !reflect.DeepEqual(got, r) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, r)
		}
		head := r
		head.Code, head.Sum, head.Seq, head.RNG, head.Op, head.Args = "", 0, 0, nil, "", nil
		if n := len(appendRecord(nil, &head)) - 9; n != headSize(&r) { // the empty tail takes 9 bytes
			t.Fatalf("headSize %d, encoded head %d", headSize(&r), n)
		}
	}
}

// FuzzJournalRecord feeds arbitrary payloads to the record decoder: it
// must not panic, and what it accepts must encode to a payload that
// decodes to the same record.
func FuzzJournalRecord(f *testing.F) {
	for _, r := range sampleRecords() {
		f.Add(appendRecord(nil, &r))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		r, err := decodeRecord(payload)
		if err != nil {
			return
		}
		again, err := decodeRecord(appendRecord(nil, &r))
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		if !again.Time.Equal(r.Time) {
			t.Fatalf("time changed: %v, %v", again.Time, r.Time)
		}
		again.Time = r.Time
		if !reflect.DeepEqual(again, r) {
			t.Fatalf("re-encoding changed the record:\n%+v\n%+v", again, r)
		}
	})
}

// FuzzJournalScan feeds arbitrary journal files to the scanner: it must
// not panic; the intact prefix it reports must rescan to the same records;
// and a file it finds whole must end at that prefix.
func FuzzJournalScan(f *testing.F) {
	var file []byte
	file = append(file, journalMagic...)
	for _, r := range sampleRecords() {
		frame, err := encodeFrame(&r)
		if err != nil {
			f.Fatal(err)
		}
		file = append(file, frame...)
	}
	f.Add(file)
	f.Add(file[:len(file)-3])
	damaged := bytes.Clone(file)
	damaged[len(journalMagic)+frameHeader+2] ^= 1
	f.Add(damaged)
	f.Add(append(bytes.Clone(file), make([]byte, 40)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		data = append([]byte(journalMagic), data...)
		sc := scan(data)
		if sc.good < len(journalMagic) || sc.good > len(data) {
			t.Fatalf("good prefix %d of %d bytes", sc.good, len(data))
		}
		if sc.reason == "" && (sc.good != len(data) || sc.damaged) {
			t.Fatalf("no damage reported, yet the prefix is %d of %d bytes", sc.good, len(data))
		}
		if sc.damaged {
			return
		}
		prefix := scan(data[:sc.good])
		if prefix.reason != "" || len(prefix.recs) != len(sc.recs) {
			t.Fatalf("the intact prefix rescans to %d records (%q), want %d", len(prefix.recs), prefix.reason, len(sc.recs))
		}
	})
}
