// Package jsonx is a small pull decoder for the JSON bodies Alibaba Cloud
// returns, written so that per-type response decoders need no reflection and
// allocate only for the strings they keep.
//
// # Usage
//
// A response decoder walks the document with Object/Key and Array/Next and
// reads scalars with String, Int and Bool; anything it does not know it Skips:
//
//	d := jsonx.NewDecoder(body)
//	if d.Object() {
//		for key, ok := d.Key(); ok; key, ok = d.Key() {
//			switch string(key) { // the compiler does not allocate here
//			case "EndpointId":
//				r.EndpointID = d.String()
//			case "Bandwidth":
//				r.Bandwidth = d.Int()
//			default:
//				d.Skip()
//			}
//		}
//	}
//	return d.Finish()
//
// # Leniency
//
// The service is not consistent about scalar types: integers sometimes arrive
// as strings, strings as numbers, booleans as strings or 0/1, and fields are
// missing or null. The scalar methods accept all of these (see each method),
// and null always gives the zero value. Structure is not lenient: the input
// must be valid RFC 8259 JSON, except that invalid UTF-8 inside strings is
// not rejected (as encoding/json does not reject it).
//
// # Strings
//
// A string or key read is always valid UTF-8 without control characters
// other than tab, newline and carriage return: each invalid byte becomes
// U+FFFD, as encoding/json does, and so does every other control character
// (C0, DEL, C1), escaped (\u001b) or raw (DEL and C1; a raw C0 control
// is a syntax error, as RFC 8259 says). Values the SDK
// shows in errors and logs can then neither forge a line nor drive a
// terminal. Skip and Raw leave the input as it is.
//
// # Duplicate keys
//
// A key sent twice in one object is decoded twice, so the last value wins,
// as with encoding/json: a scalar is overwritten, and a decoder resets a
// list before it reads one (the generated decoders do), so a list sent
// twice is the second list, never the two concatenated.
//
// # Memory
//
// Decoders charge what they allocate per list element to a budget of
// AllocPerInputByte bytes per byte of input, plus AllocFloor (Append and
// Charge): past it the decode fails, so the memory an answer can take is
// proportional to its size whatever its shape. An answer of [{},{},...]
// would otherwise multiply its size by the size of the element's struct.
//
// # Errors
//
// The first error is sticky, like bufio.Scanner's: afterwards every method
// returns zero values and Err (and Finish) report it as an *Error carrying the
// byte offset. Calling methods in an order the document does not allow
// (a value where a key must come, Key outside an object, leaving an object
// before its '}') is an error too, so a decode that ends with Finish()==nil
// has consumed exactly one valid JSON document.
package jsonx

import "strconv"

// Kind is the kind of a JSON value, as reported by Decoder.Kind.
type Kind uint8

// The kinds of JSON value. Invalid means there is no value to look at: the
// decoder has failed, the input ended, the next byte cannot start a value, or
// no value is expected at this point.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{
	Invalid: "invalid",
	Null:    "null",
	Bool:    "bool",
	Number:  "number",
	String:  "string",
	Array:   "array",
	Object:  "object",
}

// String returns the lower-case name of the kind, for messages.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error reports why decoding failed and where.
type Error struct {
	// Offset is the byte offset in the input of the first byte that could
	// not be accepted: the offending byte, the start of a value of the wrong
	// kind, or len(input) when the input ended too early.
	Offset int
	// Msg describes the problem.
	Msg string
}

// Error formats the message with its offset.
func (e *Error) Error() string {
	return "jsonx: " + e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

// kindOf classifies the byte that starts a value.
func kindOf(c byte) Kind {
	switch c {
	case '{':
		return Object
	case '[':
		return Array
	case '"':
		return String
	case 't', 'f':
		return Bool
	case 'n':
		return Null
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return Number
	}
	return Invalid
}

// quoteByte renders a byte for an error message the way encoding/json does.
func quoteByte(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	if c >= 0x80 {
		// A lone byte >= 0x80 is not a rune; show it as hex instead.
		return "byte 0x" + strconv.FormatUint(uint64(c), 16)
	}
	return "'" + s[1:len(s)-1] + "'"
}
