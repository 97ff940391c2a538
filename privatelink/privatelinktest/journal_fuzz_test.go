package privatelinktest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"reflect"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

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
		{Kind: recordAPI, Time: t, Action: "CreateVpcEndpoint", Key: AccessKeyID, Sum: 7, Seq: 3, RNG: []byte{4},
			Answers: journalAnswers, Shape: 0xfeedface, IDs: []string{"ep-hp3aaaaaaaaaaaaaaaaa", "x\xff"}},
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
		head.Answers, head.Shape, head.IDs = "", 0, nil
		if n := len(appendRecord(nil, &head)) - 15; n != headSize(&r) { // the empty tail takes 15 bytes
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

// refAnswerFacts is answerFacts written with encoding/json's decoder: the
// reference the byte scanner is checked against.
func refAnswerFacts(body []byte) (uint32, []string) {
	var hashes []uint32
	var ids []string
	var walk func(dec *json.Decoder, path string) error
	walk = func(dec *json.Decoder, path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case json.Delim:
			for dec.More() {
				p := path
				if v == '{' {
					kt, err := dec.Token()
					if err != nil {
						return err
					}
					if p != "" {
						p += "."
					}
					p += kt.(string)
					hashes = append(hashes, crc32.Checksum([]byte(p), castagnoli))
				}
				if err := walk(dec, p); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case string:
			if generatedID(v) {
				ids = append(ids, v)
			}
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := walk(dec, ""); err != nil {
		return 0, nil
	}
	slices.Sort(hashes)
	var shape uint32
	for _, h := range slices.Compact(hashes) {
		shape = crc32.Update(shape, castagnoli, binary.BigEndian.AppendUint32(nil, h))
	}
	slices.Sort(ids)
	return shape, slices.Compact(ids)
}

// FuzzAnswerFacts checks answerFacts' byte scanner against the decoder on
// JSON objects as json.Marshal writes them: valid UTF-8 (the decoder
// replaces an invalid byte, the scanner keeps it), and without escapes,
// which it writes in no member name and no ID of the emulator's.
func FuzzAnswerFacts(f *testing.F) {
	f.Add([]byte(`{"EndpointId":"ep-hp3aaaaaaaaaaaaaaaaa","Zones":[{"ZoneId":"z","EniId":"eni-hp3bbbbbbbbbbbbbbbbb"},{"ZoneId":"y","X":{"A":[1,2,{"B":null}]}}],"N":1.5e3,"T":true}`))
	f.Add([]byte(`{"a":{},"b":[],"c":[[]],"d":{"e":{"f":"ep-hp3aaaaaaaaaaaaaaaaa"}},"g":"ep-hp3aaaaaaaaaaaaaaaaa"}`))
	f.Add([]byte(`{"Zones":[{"A":1}],"Zones.A":2}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if bytes.IndexByte(body, '\\') >= 0 || !utf8.Valid(body) || !json.Valid(body) || len(bytes.TrimSpace(body)) == 0 || bytes.TrimSpace(body)[0] != '{' {
			return
		}
		shape, ids := answerFacts(body)
		wantShape, wantIDs := refAnswerFacts(body)
		if shape != wantShape || !slices.Equal(ids, wantIDs) {
			t.Fatalf("answerFacts(%s) = %08x %q, the decoder's %08x %q", body, shape, ids, wantShape, wantIDs)
		}
	})
}
