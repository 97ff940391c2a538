package jsonx

// maxDepth bounds nesting. It is encoding/json's limit, so that Skip accepts
// exactly what json.Valid accepts, and it bounds the memory the container
// stack can take (one bit per level).
const maxDepth = 10000

// What the decoder expects next. Tracking this (rather than trusting the
// caller) is what makes a misplaced call an error instead of silently
// accepting invalid JSON.
const (
	stValue uint8 = iota // a value: the next call must be a value method
	stOpen               // just after '{' or '[': a key or '}', an element or ']'
	stAfter              // a value is complete: ',' or the closer (or the end at depth 0)
)

// Decoder reads one complete JSON document held in memory. The first error is
// sticky (like bufio.Scanner): after it, every method returns zero values and
// Err reports it (with the byte offset).
//
// A Decoder is not safe for concurrent use. The zero value decodes an empty
// input; use NewDecoder or Reset to give it data.
type Decoder struct {
	data  []byte
	pos   int // next byte to look at
	err   error
	state uint8
	depth int    // number of open containers
	bits  uint64 // container kinds of levels 0..63: 1 = object, 0 = array
	more  []uint64
	buf   []byte // unescaped key or string; reused to avoid allocating
	spent int    // bytes charged to the memory budget (budget.go)
}

// NewDecoder returns a decoder reading data. The decoder does not copy data,
// and keys it returns may alias it, so data must not change while decoding.
func NewDecoder(data []byte) *Decoder {
	return &Decoder{data: data}
}

// Reset makes the decoder read data from the start, forgetting any error but
// keeping its scratch buffer so a reused decoder does not allocate again.
func (d *Decoder) Reset(data []byte) {
	*d = Decoder{data: data, buf: d.buf[:0], more: d.more[:0]}
}

// Err returns the first error the decoder met, or nil. It is an *Error.
func (d *Decoder) Err() error {
	return d.err
}

// Finish returns Err, or an error if the document was not decoded to its end:
// a container left open, no value decoded, or anything but whitespace after
// the top-level value. Response decoders end with `return d.Finish()`.
func (d *Decoder) Finish() error {
	if d.err != nil {
		return d.err
	}
	i := skipWS(d.data, d.pos)
	switch {
	case d.depth != 0 || d.state != stAfter:
		if i >= len(d.data) {
			d.fail(i, "unexpected end of input")
		} else if d.depth != 0 {
			d.fail(i, "Finish called inside an unfinished "+d.topKind().String())
		} else {
			d.fail(i, "Finish called before the top-level value was decoded")
		}
	case i < len(d.data):
		d.fail(i, "invalid character "+quoteByte(d.data[i])+" after top-level value")
	}
	return d.err
}

// Kind returns the kind of the next value without consuming it. It returns
// Invalid, without recording an error, when no value can be read here.
func (d *Decoder) Kind() Kind {
	if d.err != nil || d.state != stValue {
		return Invalid
	}
	d.pos = skipWS(d.data, d.pos)
	if d.pos >= len(d.data) {
		return Invalid
	}
	return kindOf(d.data[d.pos])
}

// Object enters an object: it consumes '{' and returns true, after which Key
// iterates the members. On null it consumes the null and returns false. Any
// other kind is an error, and it returns false.
func (d *Decoder) Object() bool {
	i, c, ok := d.begin()
	if !ok {
		return false
	}
	switch c {
	case '{':
		if !d.push(true, i) {
			return false
		}
		d.pos, d.state = i+1, stOpen
		return true
	case 'n':
		d.literal(i, "null")
		return false
	}
	d.wrongKind(i, c, "an object")
	return false
}

// Array enters an array: it consumes '[' and returns true, after which Next
// iterates the elements. On null it consumes the null and returns false. Any
// other kind is an error, and it returns false. Both together read as
// `if d.Array() { for d.Next() { ... } }`.
func (d *Decoder) Array() bool {
	i, c, ok := d.begin()
	if !ok {
		return false
	}
	switch c {
	case '[':
		if !d.push(false, i) {
			return false
		}
		d.pos, d.state = i+1, stOpen
		return true
	case 'n':
		d.literal(i, "null")
		return false
	}
	d.wrongKind(i, c, "an array")
	return false
}

// Key reads the next member key of the current object and positions the
// decoder before its value, which the caller must then consume (with a value
// method or Skip). It returns false when it has consumed the closing '}', or
// on error. The key is unescaped; it aliases the input when it has no escapes,
// and is valid only until the next call on the decoder.
func (d *Decoder) Key() ([]byte, bool) {
	if d.err != nil {
		return nil, false
	}
	if d.depth == 0 || d.state == stValue || !d.topIsObject() {
		d.fail(d.pos, "Key called where no object member can follow")
		return nil, false
	}
	i := skipWS(d.data, d.pos)
	if i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return nil, false
	}
	c := d.data[i]
	if c == '}' {
		d.pos, d.state = i+1, stAfter
		d.depth--
		return nil, false
	}
	if d.state == stAfter {
		if c != ',' {
			d.fail(i, "invalid character "+quoteByte(c)+" after object member")
			return nil, false
		}
		if i = skipWS(d.data, i+1); i >= len(d.data) {
			d.fail(i, "unexpected end of input")
			return nil, false
		}
		c = d.data[i]
	}
	if c != '"' {
		d.fail(i, "invalid character "+quoteByte(c)+" looking for beginning of object key")
		return nil, false
	}
	key, ok := d.readString(i)
	if !ok {
		return nil, false
	}
	i = skipWS(d.data, d.pos)
	if i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return nil, false
	}
	if d.data[i] != ':' {
		d.fail(i, "invalid character "+quoteByte(d.data[i])+" after object key")
		return nil, false
	}
	d.pos, d.state = i+1, stValue
	return key, true
}

// Next reports whether another element of the current array follows, and if
// so positions the decoder before it; the caller must then consume it. It
// returns false when it has consumed the closing ']', or on error.
func (d *Decoder) Next() bool {
	if d.err != nil {
		return false
	}
	if d.depth == 0 || d.state == stValue || d.topIsObject() {
		d.fail(d.pos, "Next called where no array element can follow")
		return false
	}
	i := skipWS(d.data, d.pos)
	if i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return false
	}
	c := d.data[i]
	if c == ']' {
		d.pos, d.state = i+1, stAfter
		d.depth--
		return false
	}
	if d.state == stAfter {
		if c != ',' {
			d.fail(i, "invalid character "+quoteByte(c)+" after array element")
			return false
		}
		if i = skipWS(d.data, i+1); i >= len(d.data) {
			d.fail(i, "unexpected end of input")
			return false
		}
		c = d.data[i]
	}
	// Reject "[,1]" and "[1,]" here rather than in the loop body, so the
	// caller never runs an iteration for an element that does not exist.
	if kindOf(c) == Invalid {
		d.fail(i, "invalid character "+quoteByte(c)+" looking for beginning of value")
		return false
	}
	d.pos, d.state = i, stValue
	return true
}

// begin starts reading a value: it checks that one is expected, skips
// whitespace and returns the value's offset and first byte.
func (d *Decoder) begin() (int, byte, bool) {
	if d.err != nil {
		return 0, 0, false
	}
	if d.state != stValue {
		d.fail(d.pos, "value read where none can follow (missing Key or Next call?)")
		return 0, 0, false
	}
	i := skipWS(d.data, d.pos)
	if i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return 0, 0, false
	}
	return i, d.data[i], true
}

// literal consumes the literal word (true, false or null) expected at i.
func (d *Decoder) literal(i int, word string) bool {
	for k := 0; k < len(word); k++ {
		if i+k >= len(d.data) {
			d.fail(i+k, "unexpected end of input")
			return false
		}
		if c := d.data[i+k]; c != word[k] {
			d.fail(i+k, "invalid character "+quoteByte(c)+" in literal "+word)
			return false
		}
	}
	d.pos, d.state = i+len(word), stAfter
	return true
}

// wrongKind records that the value at i (first byte c) is not what the
// caller asked for; a byte that starts no value is a syntax error instead.
func (d *Decoder) wrongKind(i int, c byte, want string) {
	k := kindOf(c)
	if k == Invalid {
		d.fail(i, "invalid character "+quoteByte(c)+" looking for beginning of value")
		return
	}
	d.fail(i, "cannot decode "+k.String()+" as "+want)
}

// fail records the first error; later ones are consequences and are dropped.
func (d *Decoder) fail(off int, msg string) {
	if d.err == nil {
		d.err = &Error{Offset: off, Msg: msg}
	}
}

// push opens a container level; obj tells an object from an array.
func (d *Decoder) push(obj bool, at int) bool {
	k := d.depth
	if k >= maxDepth {
		d.fail(at, "exceeded max nesting depth")
		return false
	}
	if k < 64 {
		if obj {
			d.bits |= 1 << uint(k)
		} else {
			d.bits &^= 1 << uint(k)
		}
	} else {
		w, b := (k-64)>>6, uint(k-64)&63
		for len(d.more) <= w {
			d.more = append(d.more, 0)
		}
		if obj {
			d.more[w] |= 1 << b
		} else {
			d.more[w] &^= 1 << b
		}
	}
	d.depth++
	return true
}

// topIsObject reports whether the innermost open container is an object.
// The caller ensures depth > 0.
func (d *Decoder) topIsObject() bool {
	k := d.depth - 1
	if k < 64 {
		return d.bits&(1<<uint(k)) != 0
	}
	return d.more[(k-64)>>6]&(1<<(uint(k-64)&63)) != 0
}

// topKind names the innermost open container, for messages.
func (d *Decoder) topKind() Kind {
	if d.topIsObject() {
		return Object
	}
	return Array
}

// skipWS returns the offset of the first non-whitespace byte at or after i.
func skipWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}
