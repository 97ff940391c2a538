package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"testing"
	"unicode/utf8"
)

// walk decodes any value into the shapes encoding/json produces with
// UseNumber, using Kind to pick the method: it exercises every method on
// whatever the fuzzer finds.
func walk(d *Decoder) any {
	switch d.Kind() {
	case Object:
		m := map[string]any{}
		if d.Object() {
			for key, ok := d.Key(); ok; key, ok = d.Key() {
				k := string(key) // the next call may overwrite key
				m[k] = walk(d)
			}
		}
		return m
	case Array:
		s := []any{}
		if d.Array() {
			for d.Next() {
				s = append(s, walk(d))
			}
		}
		return s
	case String:
		return d.String()
	case Number:
		return json.Number(d.String())
	case Bool:
		return d.Bool()
	case Null:
		d.Skip()
		return nil
	}
	d.Skip() // records the syntax error
	return nil
}

// FuzzDecoder checks that no input panics, that Skip+Finish accepts exactly
// what json.Valid accepts (blaming the same byte when it rejects), and that a
// full walk with the typed methods agrees with encoding/json on every value.
func FuzzDecoder(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstStdlib(t, data)

		d := NewDecoder(data)
		got := walk(d)
		err := d.Finish()
		valid := json.Valid(data)
		if (err == nil) != valid {
			t.Fatalf("%q: walk error %v, json.Valid %v", data, err, valid)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(data) {
				t.Fatalf("%q: bad error %#v", data, err)
			}
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("%q: encoding/json: %v", data, err)
		}
		want, ok := sanitizeAll(want)
		if !ok {
			return // two keys that differ only in control characters: which wins depends on map order
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", data, got, want)
		}
	})
}

// FuzzString compares String (and Key) on a JSON string literal with
// encoding/json's Unmarshal into a string, for valid UTF-8 input. The input
// is also re-encoded by json.Marshal, so escapes encoding/json produces are
// covered whatever the fuzzer generates.
func FuzzString(f *testing.F) {
	f.Fuzz(func(t *testing.T, lit []byte) {
		compareString(t, lit)
		if !utf8.Valid(lit) {
			return // json.Marshal would replace the invalid bytes first
		}
		quoted, err := json.Marshal(string(lit))
		if err != nil {
			t.Fatal(err)
		}
		compareString(t, quoted)
	})
}

func compareString(t *testing.T, lit []byte) {
	t.Helper()
	var want string
	jsonErr := json.Unmarshal(lit, &want)
	var typeErr *json.UnmarshalTypeError
	if errors.As(jsonErr, &typeErr) {
		return // a number or boolean: String is lenient there on purpose
	}
	d := NewDecoder(lit)
	got := d.String()
	err := d.Finish()
	if (err == nil) != (jsonErr == nil) {
		t.Fatalf("%q: error %v, encoding/json %v", lit, err, jsonErr)
	}
	if err != nil {
		return // the value read before a trailing error is not compared
	}
	want = sanitize(want)
	if got != want {
		t.Fatalf("%q: String() = %q, encoding/json %q", lit, got, want)
	}
	if !utf8.ValidString(got) {
		t.Fatalf("%q: String() = %q is not valid UTF-8", lit, got)
	}
	if lit[skipWS(lit, 0)] != '"' {
		return // null
	}
	// The same literal as an object key.
	obj := append(append([]byte("{"), lit...), ":0}"...) // lit may carry spaces: still valid
	d.Reset(obj)
	d.Object()
	key, ok := d.Key()
	if !ok || string(key) != want {
		t.Fatalf("%q: Key() = %q, %v, want %q", obj, key, ok, want)
	}
}

// FuzzInt compares Int with exact rational arithmetic: a number (or a string
// holding one) must decode exactly when it is an integer that fits int64.
func FuzzInt(f *testing.F) {
	f.Fuzz(func(t *testing.T, lit []byte) {
		d := NewDecoder(lit)
		got := d.Int()
		err := d.Finish()

		num := lit
		if len(num) >= 2 && num[0] == '"' && num[len(num)-1] == '"' && !bytes.ContainsAny(num[1:len(num)-1], `"\`) {
			num = num[1 : len(num)-1] // a string holding a number, without escapes
			if len(num) == 0 {
				if err != nil || got != 0 {
					t.Fatalf(`"": %d, %v`, got, err)
				}
				return
			}
		}
		if end, _ := scanNumber(num, 0); end != len(num) || len(num) > 64 {
			return // not a bare number, or too long for big.Rat to check quickly
		}
		if e := bytes.IndexAny(num, "eE"); e >= 0 && len(num)-e > 5 {
			return // a huge exponent would make big.Rat build a huge number
		}
		r, ok := new(big.Rat).SetString(string(num))
		if !ok {
			t.Fatalf("big.Rat rejects %q", num)
		}
		fits := r.IsInt() && r.Num().IsInt64()
		if fits != (err == nil) {
			t.Fatalf("%q: Int() = %d, %v; exact value %s", lit, got, err, r.RatString())
		}
		if fits && got != r.Num().Int64() {
			t.Fatalf("%q: Int() = %d, want %s", lit, got, r.RatString())
		}
	})
}

// FuzzCalls drives the decoder with an arbitrary sequence of method calls.
// Whatever the order, nothing panics, errors point into the input, and
// Finish()==nil implies the input was one valid JSON document: a decoder
// with a bug can fail, but cannot accept invalid JSON.
func FuzzCalls(f *testing.F) {
	f.Fuzz(func(t *testing.T, ops, data []byte) {
		d := NewDecoder(data)
		for _, op := range ops {
			switch op % 10 {
			case 0:
				d.Object()
			case 1:
				d.Key()
			case 2:
				d.Array()
			case 3:
				d.Next()
			case 4:
				_ = d.String()
			case 5:
				d.Int()
			case 6:
				d.Bool()
			case 7:
				d.Skip()
			case 8:
				d.Kind()
			case 9:
				if d.Err() != nil {
					d.Reset(data) // and go on from the start
				}
			}
		}
		err := d.Finish()
		if err == nil && !json.Valid(data) {
			t.Fatalf("ops %v accepted invalid %q", ops, data)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(data) {
				t.Fatalf("%q: bad error %#v", data, err)
			}
		}
	})
}

// sanitize is encoding/json's string after the decoder's rule: every
// control character but tab, newline and carriage return becomes U+FFFD
// (encoding/json already replaces invalid UTF-8, byte by byte).
func sanitize(s string) string {
	var b []rune
	for _, r := range s {
		if isControl(r) && !keptControl(r) {
			r = utf8.RuneError
		}
		b = append(b, r)
	}
	return string(b)
}

// sanitizeAll applies sanitize to every string and key of a decoded value.
// It reports false when two keys of an object become one.
func sanitizeAll(v any) (any, bool) {
	ok := true
	switch x := v.(type) {
	case string:
		return sanitize(x), true
	case []any:
		for i := range x {
			var eok bool
			x[i], eok = sanitizeAll(x[i])
			ok = ok && eok
		}
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			var eok bool
			m[sanitize(k)], eok = sanitizeAll(e)
			ok = ok && eok
		}
		return m, ok && len(m) == len(x)
	}
	return v, ok
}
