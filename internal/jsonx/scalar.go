package jsonx

import (
	"encoding/binary"
	"strconv"
	"unicode/utf8"
)

// String reads a string value, unescaped (including \uXXXX escapes and
// surrogate pairs; a lone surrogate becomes U+FFFD, as in encoding/json).
// Because the service sometimes sends numbers and booleans where its schema
// says string, a number gives its literal text and true/false give
// "true"/"false"; null gives "". An object or array is an error.
// Only the returned string is allocated.
func (d *Decoder) String() string {
	i, c, ok := d.begin()
	if !ok {
		return ""
	}
	switch c {
	case '"':
		s, ok := d.readString(i)
		if !ok {
			return ""
		}
		return string(s)
	case 't':
		if d.literal(i, "true") {
			return "true"
		}
		return ""
	case 'f':
		if d.literal(i, "false") {
			return "false"
		}
		return ""
	case 'n':
		d.literal(i, "null")
		return ""
	}
	if lit, ok := d.readNumber(i); ok {
		return string(lit)
	}
	if d.err == nil {
		d.wrongKind(i, c, "a string")
	}
	return ""
}

// Int reads an integer: a number, or a string holding a JSON number with no
// surrounding spaces. The value must be an exact integer, so "1.0" and 1e3 are
// accepted but 1.5 is not. null and "" give 0. Overflow of int64, fractions
// and other kinds are errors.
func (d *Decoder) Int() int64 {
	i, c, ok := d.begin()
	if !ok {
		return 0
	}
	var lit []byte
	switch c {
	case '"':
		s, ok := d.readString(i)
		if !ok || len(s) == 0 {
			return 0
		}
		if end, _ := scanNumber(s, 0); end != len(s) {
			d.fail(i, "string "+quoteString(s)+" does not hold a number")
			return 0
		}
		lit = s
	case 'n':
		d.literal(i, "null")
		return 0
	default:
		if lit, ok = d.readNumber(i); !ok {
			if d.err == nil {
				d.wrongKind(i, c, "an integer")
			}
			return 0
		}
	}
	n, msg := parseInt(lit)
	if msg != "" {
		d.fail(i, "number "+quoteString(lit)+" "+msg)
		return 0
	}
	return n
}

// Bool reads a boolean: true/false, the strings "true"/"false" in any ASCII
// case, the numbers 1/0 or the strings "1"/"0". null and "" give false. Any
// other value is an error.
func (d *Decoder) Bool() bool {
	i, c, ok := d.begin()
	if !ok {
		return false
	}
	var s []byte
	switch c {
	case 't':
		return d.literal(i, "true")
	case 'f':
		d.literal(i, "false")
		return false
	case 'n':
		d.literal(i, "null")
		return false
	case '"':
		if s, ok = d.readString(i); !ok {
			return false
		}
		switch {
		case len(s) == 0, string(s) == "0", asciiEqualFold(s, "false"):
			return false
		case string(s) == "1", asciiEqualFold(s, "true"):
			return true
		}
	default:
		if s, ok = d.readNumber(i); !ok {
			if d.err == nil {
				d.wrongKind(i, c, "a boolean")
			}
			return false
		}
		switch string(s) {
		case "0":
			return false
		case "1":
			return true
		}
	}
	d.fail(i, "cannot decode "+quoteString(s)+" as a boolean")
	return false
}

// readNumber consumes the number starting at i and returns its literal text.
// It returns false without recording an error when no number starts at i, so
// the caller can report the kind it wanted.
func (d *Decoder) readNumber(i int) ([]byte, bool) {
	if kindOf(d.data[i]) != Number {
		return nil, false
	}
	end, bad := scanNumber(d.data, i)
	if end < 0 {
		if bad >= len(d.data) {
			d.fail(bad, "unexpected end of input")
		} else {
			d.fail(bad, "invalid character "+quoteByte(d.data[bad])+" in number")
		}
		return nil, false
	}
	d.pos, d.state = end, stAfter
	return d.data[i:end:end], true
}

// scanNumber returns the end of the RFC 8259 number starting at b[i], or -1
// and the offset of the first byte that does not fit the grammar.
func scanNumber(b []byte, i int) (end, bad int) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return -1, i
	}
	switch c := b[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i = skipDigits(b, i+1)
	default:
		return -1, i
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || !isDigit(b[i]) {
			return -1, i
		}
		i = skipDigits(b, i+1)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return -1, i
		}
		i = skipDigits(b, i+1)
	}
	return i, 0
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseInt converts a literal that scanNumber accepted to int64, exactly.
// It returns a message instead when the value is not an integer or does not
// fit. It does no floating point, so 9007199254740993 and 9.223372036854775807e18
// come out exact.
func parseInt(lit []byte) (int64, string) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	// Plain digits are what the service sends nearly always.
	if len(lit) < 19 {
		var u int64
		for _, c := range lit {
			if !isDigit(c) {
				goto general
			}
			u = u*10 + int64(c-'0')
		}
		if neg {
			return -u, ""
		}
		return u, ""
	}
general:
	// value = digits(intPart ++ frac) * 10^scale
	i := skipDigits(lit, 0)
	intPart, rest := lit[:i], lit[i:]
	var frac []byte
	if len(rest) > 0 && rest[0] == '.' {
		j := skipDigits(rest, 1)
		frac, rest = rest[1:j], rest[j:]
	}
	var exp int64
	if len(rest) > 0 { // 'e' or 'E', then an optional sign and digits
		rest = rest[1:]
		expNeg := rest[0] == '-'
		if rest[0] == '+' || rest[0] == '-' {
			rest = rest[1:]
		}
		for _, c := range rest {
			if exp < 1e12 { // saturate: any larger exponent means overflow or a fraction anyway
				exp = exp*10 + int64(c-'0')
			}
		}
		if expNeg {
			exp = -exp
		}
	}
	digit := func(k int) byte {
		if k < len(intPart) {
			return intPart[k]
		}
		return frac[k-len(intPart)]
	}
	lo, hi := 0, len(intPart)+len(frac) // significant digits are [lo, hi)
	for lo < hi && digit(lo) == '0' {
		lo++
	}
	scale := exp - int64(len(frac))
	for hi > lo && digit(hi-1) == '0' {
		hi--
		scale++
	}
	if lo == hi {
		return 0, ""
	}
	if scale < 0 {
		return 0, "is not an integer"
	}
	if int64(hi-lo)+scale > 19 {
		return 0, "overflows int64"
	}
	// At most 19 digits: below 10^19 < 2^64, so uint64 cannot wrap.
	var u uint64
	for k := lo; k < hi; k++ {
		u = u*10 + uint64(digit(k)-'0')
	}
	for ; scale > 0; scale-- {
		u *= 10
	}
	if neg {
		if u > 1<<63 {
			return 0, "overflows int64"
		}
		return -int64(u), ""
	}
	if u > 1<<63-1 {
		return 0, "overflows int64"
	}
	return int64(u), ""
}

// asciiEqualFold compares s with the lower-case ASCII word, ignoring ASCII
// case only: bytes.EqualFold would also let "falſe" (long s) through.
func asciiEqualFold(s []byte, word string) bool {
	if len(s) != len(word) {
		return false
	}
	for k := range s {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k] {
			return false
		}
	}
	return true
}

// quoteString renders s, or its first 40 bytes, for an error message; quoting
// keeps control characters and quotes from the input readable.
func quoteString(s []byte) string {
	const max = 40
	if len(s) > max {
		return strconv.Quote(string(s[:max])) + "..."
	}
	return strconv.Quote(string(s))
}

// safe marks the bytes a string can hold as they are: everything but the
// quote, the backslash and control characters. Bytes >= 0x80 are safe, which
// is how invalid UTF-8 passes through.
var safe = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Byte-lane constants for scanSafe.
const (
	lanes01 = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// scanSafe returns the offset of the first byte at or after i that is not
// safe. It tests eight bytes at a time, because scanning strings is most of
// the decoding time. Each test is exact about whether a lane matches (borrows
// only disturb lanes above a real match), and the byte loop finds which.
func scanSafe(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		ctl := (x - lanes01*0x20) &^ x // a lane < 0x20; lanes >= 0x80 are masked by &^x
		q := x ^ (lanes01 * '"')
		q = (q - lanes01) &^ q // a lane equal to '"'
		e := x ^ (lanes01 * '\\')
		e = (e - lanes01) &^ e // a lane equal to '\\'
		if (ctl|q|e)&lanes80 != 0 {
			break
		}
	}
	for i < len(b) && safe[b[i]] {
		i++
	}
	return i
}

// plain marks the bytes a decoded string keeps as they are without a
// closer look: printable ASCII but the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanPlain returns the offset of the first byte at or after i that is not
// plain, eight bytes at a time like scanSafe.
func scanPlain(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		ctl := (x - lanes01*0x20) &^ x // a lane < 0x20 (lanes >= 0x80 are caught below)
		q := x ^ (lanes01 * '"')
		q = (q - lanes01) &^ q // a lane equal to '"'
		e := x ^ (lanes01 * '\\')
		e = (e - lanes01) &^ e // a lane equal to '\\'
		del := x ^ (lanes01 * 0x7f)
		del = (del - lanes01) &^ del // a lane equal to DEL
		if (ctl|q|e|del|x)&lanes80 != 0 {
			break
		}
	}
	for i < len(b) && plain[b[i]] {
		i++
	}
	return i
}

// keptControl reports whether a decoded string keeps the control
// character r: tab, newline and carriage return, which text such as a
// service's message may hold. Every other C0 control, DEL and the C1
// controls become U+FFFD.
func keptControl(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }

// isControl reports whether r is a C0 or C1 control character or DEL.
func isControl(r rune) bool { return r < 0x20 || 0x7f <= r && r < 0xa0 }

// readString consumes the string starting at the quote at i and returns its
// unescaped content: a sub-slice of the input when it is plain printable
// ASCII, otherwise d.buf. The content is valid UTF-8 without control
// characters but tab, newline and carriage return: an invalid byte and
// any other control character, raw or escaped, become U+FFFD (a raw C0
// control is a syntax error, as RFC 8259 says).
func (d *Decoder) readString(i int) ([]byte, bool) {
	b := d.data
	start := i + 1
	j := scanPlain(b, start)
	if j < len(b) && b[j] == '"' {
		d.pos, d.state = j+1, stAfter
		return b[start:j:j], true
	}
	buf := append(d.buf[:0], b[start:j]...)
	for j < len(b) {
		switch c := b[j]; {
		case c == '"':
			d.buf = buf
			d.pos, d.state = j+1, stAfter
			return buf, true
		case c == '\\':
			if j+1 >= len(b) {
				d.fail(j+1, "unexpected end of input")
				return nil, false
			}
			if e := unescapeByte[b[j+1]]; e != 0 {
				if isControl(rune(e)) && !keptControl(rune(e)) {
					buf = utf8.AppendRune(buf, utf8.RuneError) // \b, \f
				} else {
					buf = append(buf, e)
				}
				j += 2
				continue
			}
			if b[j+1] != 'u' {
				d.fail(j+1, "invalid character "+quoteByte(b[j+1])+" in string escape")
				return nil, false
			}
			r := hex4(b, j+2)
			if r < 0 {
				d.badHex(j + 2)
				return nil, false
			}
			j += 6
			if 0xD800 <= r && r < 0xE000 {
				// Combine a surrogate pair; anything else is U+FFFD, and a
				// following escape is then read on its own (encoding/json's rules).
				r2 := -1
				if r < 0xDC00 && j+1 < len(b) && b[j] == '\\' && b[j+1] == 'u' {
					r2 = hex4(b, j+2)
				}
				if 0xDC00 <= r2 && r2 < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
					j += 6
				} else {
					r = utf8.RuneError
				}
			}
			if isControl(rune(r)) && !keptControl(rune(r)) {
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, rune(r))
		case c < 0x20:
			d.fail(j, "invalid control character "+quoteByte(c)+" in string")
			return nil, false
		case c >= 0x7f:
			// DEL, or the start of a multi-byte rune: an invalid byte
			// becomes U+FFFD on its own, as in encoding/json.
			r, size := utf8.DecodeRune(b[j:])
			if isControl(r) || r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, b[j:j+size]...)
			}
			j += size
		default:
			k := scanPlain(b, j+1)
			buf = append(buf, b[j:k]...)
			j = k
		}
	}
	d.buf = buf
	d.fail(j, "unexpected end of input")
	return nil, false
}

// unescapeByte maps the byte after a backslash to what it stands for, for the
// single-character escapes; 0 means "not one of them".
var unescapeByte = [256]byte{
	'"': '"', '\\': '\\', '/': '/',
	'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

// badHex records the error for a \u escape whose four hex digits start at i.
func (d *Decoder) badHex(i int) {
	for k := i; k < i+4; k++ {
		if k >= len(d.data) {
			d.fail(k, "unexpected end of input")
			return
		}
		if c := d.data[k]; hex4Digit(c) < 0 {
			d.fail(k, "invalid character "+quoteByte(c)+" in \\u escape")
			return
		}
	}
}

// hex4 decodes the four hex digits at b[i:], or returns -1.
func hex4(b []byte, i int) int {
	if i+4 > len(b) {
		return -1
	}
	r := 0
	for _, c := range b[i : i+4] {
		h := hex4Digit(c)
		if h < 0 {
			return -1
		}
		r = r<<4 | h
	}
	return r
}

// hex4Digit returns the value of a hex digit, or -1.
func hex4Digit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
