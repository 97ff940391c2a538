package jsonx

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

type zone struct {
	ZoneID string
	IP     string
}

type endpoint struct {
	EndpointID string
	Bandwidth  int64
	Enabled    bool
	Zones      []zone
	Tags       map[string]string
}

func decodeZone(d *Decoder) zone {
	var z zone
	if d.Object() {
		for key, ok := d.Key(); ok; key, ok = d.Key() {
			switch string(key) {
			case "ZoneId":
				z.ZoneID = d.String()
			case "ip":
				z.IP = d.String()
			default:
				d.Skip()
			}
		}
	}
	return z
}

// decodeEndpoint is written the way response decoders use the package.
func decodeEndpoint(data []byte) (endpoint, error) {
	var r endpoint
	d := NewDecoder(data)
	if d.Object() {
		for key, ok := d.Key(); ok; key, ok = d.Key() {
			switch string(key) {
			case "EndpointId":
				r.EndpointID = d.String()
			case "Bandwidth":
				r.Bandwidth = d.Int()
			case "Enabled":
				r.Enabled = d.Bool()
			case "Zones":
				if d.Array() {
					for d.Next() {
						r.Zones = append(r.Zones, decodeZone(d))
					}
				}
			case "Tags":
				if d.Object() {
					r.Tags = map[string]string{}
					for key, ok := d.Key(); ok; key, ok = d.Key() {
						r.Tags[string(key)] = d.String()
					}
				}
			default:
				d.Skip()
			}
		}
	}
	return r, d.Finish()
}

func TestDecodeTypical(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want endpoint
		err  errAt
	}{
		{
			name: "all fields",
			in: `{"EndpointId":"ep-1","Bandwidth":200,"Enabled":true,
				"Zones":[{"ZoneId":"cn-a","ip":"10.0.0.1","Extra":{"x":[1,2,{"y":null}]}},{"ZoneId":"cn-b"}],
				"Tags":{"env":"prod","k\u00e9y":"v"},"Unknown":[[],{}]}`,
			want: endpoint{EndpointID: "ep-1", Bandwidth: 200, Enabled: true,
				Zones: []zone{{"cn-a", "10.0.0.1"}, {ZoneID: "cn-b"}},
				Tags:  map[string]string{"env": "prod", "kéy": "v"}},
		},
		{
			name: "lenient types",
			in:   `{"EndpointId":12345,"Bandwidth":"300","Enabled":"True"}`,
			want: endpoint{EndpointID: "12345", Bandwidth: 300, Enabled: true},
		},
		{
			name: "nulls and missing",
			in:   `{"EndpointId":null,"Bandwidth":null,"Enabled":null,"Zones":null,"Tags":null}`,
			want: endpoint{},
		},
		{name: "empty object", in: ` { } `, want: endpoint{}},
		{name: "null document", in: `null`, want: endpoint{}},
		{name: "empty containers", in: `{"Zones":[],"Tags":{}}`, want: endpoint{Tags: map[string]string{}}},
		{name: "whitespace everywhere", in: "{ \"Zones\" :\n[ { \"ZoneId\" : \"a\" } ,\t{ } ] }",
			want: endpoint{Zones: []zone{{ZoneID: "a"}, {}}}},
		{name: "duplicate keys: last wins", in: `{"Bandwidth":1,"Bandwidth":2}`, want: endpoint{Bandwidth: 2}},
		{name: "not an object", in: `[1]`, err: errAt{0, "cannot decode array as an object"}},
		{name: "string zones", in: `{"Zones":"a"}`, err: errAt{9, "cannot decode string as an array"}},
		{name: "trailing comma in object", in: `{"Bandwidth":1,}`, want: endpoint{Bandwidth: 1},
			err: errAt{15, "looking for beginning of object key"}},
		{name: "leading comma in object", in: `{,"Bandwidth":1}`, err: errAt{1, "looking for beginning of object key"}},
		{name: "missing colon", in: `{"Bandwidth" 1}`, err: errAt{13, "after object key"}},
		{name: "missing comma", in: `{"Bandwidth":1 "EndpointId":"x"}`, want: endpoint{Bandwidth: 1},
			err: errAt{15, "after object member"}},
		{name: "non-string key", in: `{1:2}`, err: errAt{1, "looking for beginning of object key"}},
		{name: "wrong closer", in: `{"Bandwidth":1]`, want: endpoint{Bandwidth: 1}, err: errAt{14, "after object member"}},
		{name: "trailing comma in array", in: `{"Zones":[{},]}`, want: endpoint{Zones: []zone{{}}},
			err: errAt{13, "looking for beginning of value"}},
		{name: "leading comma in array", in: `{"Zones":[,{}]}`, err: errAt{10, "looking for beginning of value"}},
		{name: "missing comma in array", in: `{"Zones":[{} {}]}`, want: endpoint{Zones: []zone{{}}},
			err: errAt{13, "after array element"}},
		{name: "array closed by brace", in: `{"Zones":[{}}`, want: endpoint{Zones: []zone{{}}},
			err: errAt{12, "after array element"}},
		{name: "truncated", in: `{"EndpointId":"ep-1"`, want: endpoint{EndpointID: "ep-1"},
			err: errAt{20, "unexpected end of input"}},
		{name: "truncated after key", in: `{"EndpointId":`, err: errAt{14, "unexpected end of input"}},
		{name: "truncated key", in: `{"End`, err: errAt{5, "unexpected end of input"}},
		{name: "truncated after comma", in: `{"Bandwidth":1,`, want: endpoint{Bandwidth: 1},
			err: errAt{15, "unexpected end of input"}},
		{name: "second document", in: `{} {}`, err: errAt{3, "after top-level value"}},
		{name: "empty input", in: ``, err: errAt{0, "unexpected end of input"}},
	}
	for _, tt := range tests {
		got, err := decodeEndpoint([]byte(tt.in))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
		checkErr(t, tt.name+": "+tt.in, err, tt.err)
	}
}

func TestKeyAliasesInput(t *testing.T) {
	in := []byte(`{"plain":1,"esc\u0061ped":2}`)
	d := NewDecoder(in)
	if !d.Object() {
		t.Fatal("Object() = false")
	}
	key, _ := d.Key()
	if string(key) != "plain" {
		t.Fatalf("key %q", key)
	}
	if &key[0] != &in[2] {
		t.Error("key without escapes is not a sub-slice of the input")
	}
	if cap(key) != len(key) {
		t.Errorf("cap(key) = %d: appending to a key would overwrite the input", cap(key))
	}
	d.Skip()
	key, _ = d.Key()
	if string(key) != "escaped" {
		t.Fatalf("key %q, want escaped", key)
	}
	if p := uintptr(unsafe.Pointer(&key[0])); p >= uintptr(unsafe.Pointer(&in[0])) && p < uintptr(unsafe.Pointer(&in[0]))+uintptr(len(in)) {
		t.Error("unescaped key points into the input")
	}
	d.Skip()
	if _, ok := d.Key(); ok {
		t.Error("third Key() = true")
	}
	if err := d.Finish(); err != nil {
		t.Error(err)
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		in   string
		want Kind
	}{
		{`{}`, Object}, {` []`, Array}, {`"s"`, String}, {`true`, Bool}, {`false`, Bool},
		{`null`, Null}, {`-1`, Number}, {`0`, Number}, {`9`, Number},
		{``, Invalid}, {`  `, Invalid}, {`}`, Invalid}, {`x`, Invalid}, {`+1`, Invalid},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in))
		if got := d.Kind(); got != tt.want {
			t.Errorf("Kind(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if d.Kind() != tt.want {
			t.Errorf("Kind(%q) consumed something", tt.in)
		}
		if d.Err() != nil {
			t.Errorf("Kind(%q) recorded %v", tt.in, d.Err())
		}
	}
	// Kind is Invalid where no value can be read, without failing.
	d := NewDecoder([]byte(`[1]`))
	d.Array()
	if k := d.Kind(); k != Invalid {
		t.Errorf("Kind before Next = %v", k)
	}
	d.Next()
	if k := d.Kind(); k != Number {
		t.Errorf("Kind after Next = %v", k)
	}
	if d.Err() != nil {
		t.Error(d.Err())
	}
	if got := Kind(200).String(); got != "Kind(200)" {
		t.Errorf("Kind(200).String() = %q", got)
	}
}

// TestMisuse checks that calls out of order are errors, so that a decoder
// with a bug cannot make invalid or partly read JSON look fine.
func TestMisuse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		run  func(d *Decoder)
		err  errAt
	}{
		{"Key at top level", `{"a":1}`, func(d *Decoder) { d.Key() }, errAt{0, "Key called"}},
		{"Next at top level", `[1]`, func(d *Decoder) { d.Next() }, errAt{0, "Next called"}},
		{"Next in object", `{"a":1}`, func(d *Decoder) { d.Object(); d.Next() }, errAt{1, "Next called"}},
		{"Key in array", `[1]`, func(d *Decoder) { d.Array(); d.Key() }, errAt{1, "Key called"}},
		{"value before Key", `{"a":1}`, func(d *Decoder) { d.Object(); d.Int() }, errAt{1, "value read where none"}},
		{"value before Next", `[1]`, func(d *Decoder) { d.Array(); d.Skip() }, errAt{1, "value read where none"}},
		{"Key twice", `{"a":1,"b":2}`, func(d *Decoder) { d.Object(); d.Key(); d.Key() }, errAt{5, "Key called"}},
		{"Key after key", `{"a":1}`, func(d *Decoder) { d.Object(); d.Key(); d.Object() }, errAt{5, "cannot decode number as an object"}},
		{"Next twice", `[1,2]`, func(d *Decoder) { d.Array(); d.Next(); d.Next() }, errAt{1, "Next called"}},
		{"two top-level values", `1 2`, func(d *Decoder) { d.Int(); d.Int() }, errAt{1, "value read where none"}},
		{"early exit from object", `{"a":1,"b":2}`, func(d *Decoder) { d.Object(); d.Key(); d.Int() },
			errAt{6, "inside an unfinished object"}},
		{"early exit from truncated object", `{"a":1`, func(d *Decoder) { d.Object(); d.Key(); d.Int() },
			errAt{6, "unexpected end of input"}},
		{"early exit from array", `[[1],2]`, func(d *Decoder) { d.Array(); d.Next(); d.Skip() },
			errAt{4, "inside an unfinished array"}},
		{"nothing decoded", `{}`, func(d *Decoder) {}, errAt{0, "before the top-level value"}},
		{"nothing decoded, empty", ` `, func(d *Decoder) {}, errAt{1, "unexpected end of input"}},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in))
		tt.run(d)
		checkErr(t, tt.name, d.Finish(), tt.err)
	}
}

func TestStickyError(t *testing.T) {
	d := NewDecoder([]byte(`{"a":tx,"b":"s","c":[1]}`))
	if !d.Object() {
		t.Fatal("Object() = false")
	}
	d.Key()
	if d.Bool() {
		t.Error("Bool() on bad literal = true")
	}
	first := d.Err()
	checkErr(t, "bad literal", first, errAt{6, "in literal true"})
	if k, ok := d.Key(); ok || k != nil {
		t.Errorf("Key() after error = %q, %v", k, ok)
	}
	if d.String() != "" || d.Int() != 0 || d.Bool() || d.Object() || d.Array() || d.Next() || d.Kind() != Invalid {
		t.Error("a method returned a non-zero value after an error")
	}
	d.Skip()
	if d.Err() != first || d.Finish() != first {
		t.Errorf("error changed: %v, then %v", first, d.Err())
	}
	// Reset forgets the error.
	d.Reset([]byte(`"ok"`))
	if s := d.String(); s != "ok" || d.Finish() != nil {
		t.Errorf("after Reset: %q, %v", s, d.Err())
	}
	// The zero Decoder is an empty input.
	var z Decoder
	z.Skip()
	checkErr(t, "zero Decoder", z.Finish(), errAt{0, "unexpected end of input"})
}

func TestErrorString(t *testing.T) {
	d := NewDecoder([]byte(`[1,]`))
	d.Skip()
	want := "jsonx: invalid character ']' looking for beginning of value at offset 3"
	if got := d.Err().Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for c, want := range map[byte]string{'\'': `'\''`, '"': `'"'`, '\n': `'\n'`, 0xff: "byte 0xff", 'a': "'a'"} {
		if got := quoteByte(c); got != want {
			t.Errorf("quoteByte(%q) = %s, want %s", c, got, want)
		}
	}
}

// decodeNested walks n levels of alternating objects and arrays,
// {"k":[{"k":[...]}]}, the way a hand-written decoder would, so that the
// container stack is exercised beyond its inline 64 levels.
func decodeNested(d *Decoder, level, n int) int {
	if level == n {
		return int(d.Int())
	}
	v := 0
	if level%2 == 0 {
		if d.Object() {
			for key, ok := d.Key(); ok; key, ok = d.Key() {
				if string(key) != "k" {
					d.Skip()
					continue
				}
				v = decodeNested(d, level+1, n)
			}
		}
		return v
	}
	if d.Array() {
		for d.Next() {
			v = decodeNested(d, level+1, n)
		}
	}
	return v
}

func nested(n int, leaf string) string {
	var b strings.Builder
	for i := range n {
		if i%2 == 0 {
			b.WriteString(`{"x":[],"k":`)
		} else {
			b.WriteString(`[`)
		}
	}
	b.WriteString(leaf)
	for i := n - 1; i >= 0; i-- {
		if i%2 == 0 {
			b.WriteString(`}`)
		} else {
			b.WriteString(`]`)
		}
	}
	return b.String()
}

func TestDeepNesting(t *testing.T) {
	for _, n := range []int{1, 63, 64, 65, 200, 1000} {
		in := nested(n, "7")
		d := NewDecoder([]byte(in))
		if got := decodeNested(d, 0, n); got != 7 || d.Finish() != nil {
			t.Errorf("depth %d: got %d, %v", n, got, d.Err())
		}
		d.Reset([]byte(in))
		d.Skip()
		if err := d.Finish(); err != nil {
			t.Errorf("Skip depth %d: %v", n, err)
		}
		// Mismatched closer at the innermost level beyond 64.
		bad := strings.Replace(in, "7]", "7}", 1)
		if bad == in {
			bad = strings.Replace(in, "7}", "7]", 1)
		}
		d.Reset([]byte(bad))
		d.Skip()
		if d.Finish() == nil {
			t.Errorf("Skip depth %d accepted a mismatched closer", n)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	for _, open := range []string{"[", `{"a":`} {
		ok := strings.Repeat(open, maxDepth) + "1" + strings.Repeat(closer(open), maxDepth)
		d := NewDecoder([]byte(ok))
		d.Skip()
		if err := d.Finish(); err != nil {
			t.Errorf("depth %d of %s: %v", maxDepth, open, err)
		}
		tooDeep := strings.Repeat(open, maxDepth+1) + "1" + strings.Repeat(closer(open), maxDepth+1)
		d.Reset([]byte(tooDeep))
		d.Skip()
		checkErr(t, "too deep "+open, d.Finish(), errAt{maxDepth * len(open), "exceeded max nesting depth"})
		// The same limit holds when the caller descends itself.
		d.Reset([]byte(tooDeep))
		for i := 0; i <= maxDepth; i++ {
			if open == "[" {
				d.Array()
				d.Next()
			} else {
				d.Object()
				d.Key()
			}
		}
		checkErr(t, "too deep by hand "+open, d.Err(), errAt{maxDepth * len(open), "exceeded max nesting depth"})
	}
}

func closer(open string) string {
	if open == "[" {
		return "]"
	}
	return "}"
}
