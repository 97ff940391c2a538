package jsonx

import (
	"encoding/json"
	"errors"
	"testing"
)

// skipAll validates data the way FuzzDecoder does: Skip, then Finish.
func skipAll(data []byte) error {
	d := NewDecoder(data)
	d.Skip()
	return d.Finish()
}

// checkAgainstStdlib verifies that Skip+Finish accepts data exactly when
// json.Valid does and, on rejection, blames the same byte as encoding/json.
// encoding/json's Offset counts the bytes read including the offending one,
// so it is ours plus one, except at the end of the input, where both say
// len(data).
func checkAgainstStdlib(t *testing.T, data []byte) {
	t.Helper()
	err := skipAll(data)
	valid := json.Valid(data)
	if (err == nil) != valid {
		t.Fatalf("%q: Skip+Finish error %v, json.Valid %v", data, err, valid)
	}
	if valid {
		return
	}
	var v any
	var se *json.SyntaxError
	if !errors.As(json.Unmarshal(data, &v), &se) {
		t.Fatalf("%q: json.Unmarshal gave no *json.SyntaxError", data)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %v is not *Error", data, err)
	}
	want := int(se.Offset) - 1
	if e.Offset == len(data) {
		want = int(se.Offset)
	}
	if e.Offset != want {
		t.Fatalf("%q: offset %d (%s), encoding/json says %d (%s)", data, e.Offset, e.Msg, se.Offset, se.Error())
	}
}

func TestSkip(t *testing.T) {
	inputs := []string{
		// Valid.
		`0`, `-0`, `-0.0e-0`, `1E+2`, `123.456e789`, `"x"`, `""`, `true`, `false`, `null`,
		`[]`, `{}`, ` [ ] `, "\t{\n}\r\n", `[1,"a",true,false,null,{},[]]`,
		`{"a":{"b":[{"c":null}]},"d":"\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t"}`,
		`{"":0}`, `{"a":1,"a":2}`, "\"\xff\xfe invalid utf-8\"", `"\ud800"`,
		// Invalid.
		``, ` `, `[`, `]`, `{`, `}`, `[1,]`, `[,1]`, `[1 2]`, `{"a":1,}`, `{,}`, `{"a"}`,
		`{"a":}`, `{"a" 1}`, `{1:1}`, `{"a":1]`, `[1}`, `[}`, `{]`, `[[]`, `[]]`,
		`01`, `-01`, `1.`, `.1`, `1e`, `1e+`, `+1`, `-`, `--1`, `0x1`, `1.5.5`, `Infinity`, `NaN`,
		`tru`, `trUe`, `nulll`, `falsee`, `True`, `"abc`, `"\x"`, `"\u12"`, `"\u12x4"`,
		"\"a\x00\"", "\"\x1f\"", "\"\t\"", `'a'`, `1 2`, `{} {}`, `[] x`, "\xef\xbb\xbf{}",
		"\x00", "[\x00]", "\xff", `[1,,2]`, `{"a":1,,"b":2}`, `{"a"::1}`, `["a":1]`,
	}
	for _, in := range inputs {
		checkAgainstStdlib(t, []byte(in))
	}
}

func TestSkipAllocs(t *testing.T) {
	in := []byte(`{"a":[1,2,{"b":"c\n"}],"d":{"e":null,"f":[true,false,-1.5e3]}}`)
	d := NewDecoder(in)
	if allocs := testing.AllocsPerRun(100, func() {
		d.Reset(in)
		d.Skip()
		if d.Finish() != nil {
			t.Fatal(d.Err())
		}
	}); allocs != 0 {
		t.Errorf("Skip: %v allocs, want 0", allocs)
	}
}
