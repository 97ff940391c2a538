package jsonx

import (
	"errors"
	"strings"
	"testing"
)

// errAt describes an expected failure: the byte offset and a fragment of the
// message. An empty msg means "no error".
type errAt struct {
	off int
	msg string
}

// checkErr compares the decoder's final error with want.
func checkErr(t *testing.T, in string, err error, want errAt) {
	t.Helper()
	if want.msg == "" {
		if err != nil {
			t.Errorf("%q: unexpected error %v", in, err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%q: error %v, want *Error containing %q at %d", in, err, want.msg, want.off)
		return
	}
	if e.Offset != want.off || !strings.Contains(e.Msg, want.msg) {
		t.Errorf("%q: error %q at %d, want %q at %d", in, e.Msg, e.Offset, want.msg, want.off)
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  errAt
	}{
		{in: `"abc"`, want: "abc"},
		{in: `""`, want: ""},
		{in: " \t\r\n\"x\" \n", want: "x"},
		// Control characters but tab, newline and carriage return become
		// U+FFFD, escaped or not.
		{in: `"a\"b\\c\/d\b\f\n\r\t"`, want: "a\"b\\c/d\uFFFD\uFFFD\n\r\t"},
		{in: `"\u001b[31m\u007f\u0085x"`, want: "\uFFFD[31m\uFFFD\uFFFDx"},
		{in: "\"a\x7fb\xc2\x85c\"", want: "a\uFFFDb\uFFFDc"},
		{in: `"pre \n post"`, want: "pre \n post"},
		{in: `"\u00e9\u20AC"`, want: "é€"},
		{in: `"\u0000"`, want: "\uFFFD"},
		{in: `"\ud83d\ude00"`, want: "😀"},
		{in: `"\uD83D\uDE00x"`, want: "😀x"},
		// Lone surrogates become U+FFFD and a following escape is read on its own.
		{in: `"\ud800"`, want: "\uFFFD"},
		{in: `"\udc00"`, want: "\uFFFD"},
		{in: `"\ud800x"`, want: "\uFFFDx"},
		{in: `"\ud800\u0041"`, want: "\uFFFDA"},
		{in: `"\ud800\ud83d\ude00"`, want: "\uFFFD😀"},
		{in: `"\udc00\udc00"`, want: "\uFFFD\uFFFD"},
		{in: `"\ud800\n"`, want: "\uFFFD\n"},
		{in: `"日本語"`, want: "日本語"},
		// Each byte of invalid UTF-8 becomes U+FFFD, as in encoding/json.
		{in: "\"\xff\xfe\"", want: "\uFFFD\uFFFD"},
		{in: "\"a\xc3\"", want: "a\uFFFD"},
		// Leniency: numbers give their text, booleans their name, null "".
		{in: `123`, want: "123"},
		{in: `-1.5e+10`, want: "-1.5e+10"},
		{in: `0`, want: "0"},
		{in: `true`, want: "true"},
		{in: `false`, want: "false"},
		{in: `null`, want: ""},
		// Errors.
		{in: `{}`, err: errAt{0, "cannot decode object as a string"}},
		{in: ` [1]`, err: errAt{1, "cannot decode array as a string"}},
		{in: ``, err: errAt{0, "unexpected end of input"}},
		{in: `   `, err: errAt{3, "unexpected end of input"}},
		{in: `"abc`, err: errAt{4, "unexpected end of input"}},
		{in: `"ab\`, err: errAt{4, "unexpected end of input"}},
		{in: `"a\nb`, err: errAt{5, "unexpected end of input"}},
		{in: "\"a\x01\"", err: errAt{2, "control character"}},
		{in: "\"a\\n\x1f\"", err: errAt{4, "control character"}},
		{in: "\"a\nb\"", err: errAt{2, "control character"}},
		{in: `"\x"`, err: errAt{2, "in string escape"}},
		{in: `"\U0041"`, err: errAt{2, "in string escape"}},
		{in: `"\u12G4"`, err: errAt{5, `'G' in \u escape`}},
		{in: `"\u12`, err: errAt{5, "unexpected end of input"}},
		{in: `"\ud800\u12`, err: errAt{11, "unexpected end of input"}},
		{in: `tru`, err: errAt{3, "unexpected end of input"}},
		{in: `trux`, err: errAt{3, "in literal true"}},
		{in: `fals`, err: errAt{4, "unexpected end of input"}},
		{in: `nul`, err: errAt{3, "unexpected end of input"}},
		{in: `nill`, err: errAt{1, "in literal null"}},
		{in: `-`, err: errAt{1, "unexpected end of input"}},
		{in: `-a`, err: errAt{1, "'a' in number"}},
		{in: `1.`, err: errAt{2, "unexpected end of input"}},
		{in: `1.e3`, err: errAt{2, "'e' in number"}},
		{in: `1e`, err: errAt{2, "unexpected end of input"}},
		{in: `1e+x`, err: errAt{3, "'x' in number"}},
		{in: `.5`, err: errAt{0, "looking for beginning of value"}},
		{in: `+1`, err: errAt{0, "looking for beginning of value"}},
		{in: `'a'`, err: errAt{0, "looking for beginning of value"}},
		{in: "\xef\xbb\xbf\"bom\"", err: errAt{0, "looking for beginning of value"}},
		// A complete value followed by more is caught by Finish.
		{in: `01`, want: "0", err: errAt{1, "after top-level value"}},
		{in: `"a"x`, want: "a", err: errAt{3, "after top-level value"}},
		{in: `"a" "b"`, want: "a", err: errAt{4, "after top-level value"}},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in))
		got := d.String()
		err := d.Finish()
		if got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkErr(t, tt.in, err, tt.err)
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  errAt
	}{
		{in: `0`, want: 0},
		{in: `-0`, want: 0},
		{in: `200`, want: 200},
		{in: `-123`, want: -123},
		{in: `123456789012345678`, want: 123456789012345678},
		{in: `9007199254740993`, want: 9007199254740993}, // not exact as float64
		{in: `9223372036854775807`, want: 9223372036854775807},
		{in: `-9223372036854775808`, want: -9223372036854775808},
		{in: `9223372036854775808`, err: errAt{0, "overflows int64"}},
		{in: `-9223372036854775809`, err: errAt{0, "overflows int64"}},
		{in: `99999999999999999999999`, err: errAt{0, "overflows int64"}},
		// Exact integers written with a fraction or an exponent.
		{in: `1.0`, want: 1},
		{in: `-2.000`, want: -2},
		{in: `1e3`, want: 1000},
		{in: `1E+3`, want: 1000},
		{in: `1.5e1`, want: 15},
		{in: `1500e-2`, want: 15},
		{in: `0.0`, want: 0},
		{in: `0.000e5`, want: 0},
		{in: `0e99999999999999999999`, want: 0},
		{in: `1e18`, want: 1000000000000000000},
		{in: `100000000000000000000e-2`, want: 1000000000000000000},
		{in: `9.223372036854775807e18`, want: 9223372036854775807},
		{in: `92233720368547758070e-1`, want: 9223372036854775807},
		{in: `-9223372036854775808.000`, want: -9223372036854775808},
		{in: `-9.223372036854775808e18`, want: -9223372036854775808},
		{in: `1e19`, err: errAt{0, "overflows int64"}},
		{in: `9.223372036854775808e18`, err: errAt{0, "overflows int64"}},
		{in: `1e99999999999999999999`, err: errAt{0, "overflows int64"}},
		{in: `1.5`, err: errAt{0, "is not an integer"}},
		{in: ` 1e-1`, err: errAt{1, "is not an integer"}},
		{in: `1e-99999999999999999999`, err: errAt{0, "is not an integer"}},
		{in: `12345678901234567890123e-5`, err: errAt{0, "is not an integer"}},
		// Leniency: strings holding a number, "" and null.
		{in: `"42"`, want: 42},
		{in: `"-42"`, want: -42},
		{in: `"1.0"`, want: 1},
		{in: `"1e3"`, want: 1000},
		{in: `"\u0034\u0032"`, want: 42},
		{in: `""`, want: 0},
		{in: `null`, want: 0},
		{in: `"9223372036854775807"`, want: 9223372036854775807},
		{in: `"9223372036854775808"`, err: errAt{0, "overflows int64"}},
		{in: `"1.5"`, err: errAt{0, "is not an integer"}},
		{in: `" 42"`, err: errAt{0, "does not hold a number"}},
		{in: `"42 "`, err: errAt{0, "does not hold a number"}},
		{in: `"+1"`, err: errAt{0, "does not hold a number"}},
		{in: `"0x10"`, err: errAt{0, "does not hold a number"}},
		{in: `"abc"`, err: errAt{0, "does not hold a number"}},
		{in: `"-"`, err: errAt{0, "does not hold a number"}},
		// Other kinds.
		{in: `true`, err: errAt{0, "cannot decode bool as an integer"}},
		{in: `false`, err: errAt{0, "cannot decode bool as an integer"}},
		{in: `{}`, err: errAt{0, "cannot decode object as an integer"}},
		{in: `[1]`, err: errAt{0, "cannot decode array as an integer"}},
		{in: `x`, err: errAt{0, "looking for beginning of value"}},
		{in: `1.`, err: errAt{2, "unexpected end of input"}},
		{in: `"12`, err: errAt{3, "unexpected end of input"}},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in))
		got := d.Int()
		err := d.Finish()
		if got != tt.want {
			t.Errorf("Int(%q) = %d, want %d", tt.in, got, tt.want)
		}
		checkErr(t, tt.in, err, tt.err)
	}
}

func TestBool(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		err  errAt
	}{
		{in: `true`, want: true},
		{in: `false`, want: false},
		{in: `null`, want: false},
		// Leniency: strings in any ASCII case, 1/0 as numbers and strings, "".
		{in: `"true"`, want: true},
		{in: `"TRUE"`, want: true},
		{in: `"True"`, want: true},
		{in: `"tRuE"`, want: true},
		{in: `"false"`, want: false},
		{in: `"FALSE"`, want: false},
		{in: `"False"`, want: false},
		{in: `"1"`, want: true},
		{in: `"0"`, want: false},
		{in: `1`, want: true},
		{in: `0`, want: false},
		{in: `""`, want: false},
		{in: `"\u0074rue"`, want: true},
		// Errors.
		{in: `"yes"`, err: errAt{0, `"yes" as a boolean`}},
		{in: `"t"`, err: errAt{0, "as a boolean"}},
		{in: `" true"`, err: errAt{0, "as a boolean"}},
		{in: `"falſe"`, err: errAt{0, "as a boolean"}}, // long s folds to s only in Unicode
		{in: `"2"`, err: errAt{0, "as a boolean"}},
		{in: `2`, err: errAt{0, `"2" as a boolean`}},
		{in: `-1`, err: errAt{0, "as a boolean"}},
		{in: `1.0`, err: errAt{0, "as a boolean"}},
		{in: `-0`, err: errAt{0, "as a boolean"}},
		{in: `{}`, err: errAt{0, "cannot decode object as a boolean"}},
		{in: ` []`, err: errAt{1, "cannot decode array as a boolean"}},
		{in: `True`, err: errAt{0, "looking for beginning of value"}},
		{in: `tru`, err: errAt{3, "unexpected end of input"}},
		{in: `fa1se`, err: errAt{2, "in literal false"}},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in))
		got := d.Bool()
		err := d.Finish()
		if got != tt.want {
			t.Errorf("Bool(%q) = %v, want %v", tt.in, got, tt.want)
		}
		checkErr(t, tt.in, err, tt.err)
	}
}

// TestStringAllocs pins the allocation promise: a string without escapes
// costs exactly its own allocation, and one with escapes too once the
// scratch buffer has grown.
func TestStringAllocs(t *testing.T) {
	plain := []byte(`"ep-hp33b2e43fays7s8****"`)
	escaped := []byte(`"line\none \u00e9"`)
	d := NewDecoder(nil)
	for _, in := range [][]byte{plain, escaped} {
		d.Reset(in)
		_ = d.String() // grow the scratch buffer
		allocs := testing.AllocsPerRun(100, func() {
			d.Reset(in)
			if d.String() == "" {
				t.Fatal("empty")
			}
		})
		if allocs != 1 {
			t.Errorf("String(%s): %v allocs, want 1", in, allocs)
		}
	}
	num := []byte(`"123"`)
	if allocs := testing.AllocsPerRun(100, func() {
		d.Reset(num)
		if d.Int() != 123 || d.Finish() != nil {
			t.Fatal("bad Int")
		}
	}); allocs != 0 {
		t.Errorf("Int: %v allocs, want 0", allocs)
	}
}

// TestScanSafe checks the eight-bytes-at-a-time scan against the plain loop
// for every byte value at every lane, and for every pair of adjacent byte
// values, where borrows from one lane into the next could mislead it.
func TestScanSafe(t *testing.T) {
	ref := func(b []byte, i int) int {
		for i < len(b) && safe[b[i]] {
			i++
		}
		return i
	}
	buf := make([]byte, 19)
	for c := range 256 {
		for p := range buf {
			for k := range buf {
				buf[k] = 'a'
			}
			buf[p] = byte(c)
			for start := range 3 {
				if got, want := scanSafe(buf, start), ref(buf, start); got != want {
					t.Fatalf("byte %#x at %d from %d: %d, want %d", c, p, start, got, want)
				}
			}
		}
	}
	for c1 := range 256 {
		for c2 := range 256 {
			for p := range 9 {
				for k := range buf {
					buf[k] = 0xff
				}
				buf[p], buf[p+1] = byte(c1), byte(c2)
				if got, want := scanSafe(buf, 0), ref(buf, 0); got != want {
					t.Fatalf("bytes %#x %#x at %d: %d, want %d", c1, c2, p, got, want)
				}
			}
		}
	}
}

func TestQuoteString(t *testing.T) {
	long := strings.Repeat("9", 50)
	for in, want := range map[string]string{
		`1.5`:      `"1.5"`,
		"a\"b\x01": `"a\"b\x01"`,
		long:       `"` + long[:40] + `"...`,
	} {
		if got := quoteString([]byte(in)); got != want {
			t.Errorf("quoteString(%q) = %s, want %s", in, got, want)
		}
	}
}
