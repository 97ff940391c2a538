package jsonx

// Skip consumes the next value of any kind, validating it as strictly as the
// rest of the decoder. It is iterative, so hostile nesting cannot exhaust the
// goroutine stack; nesting beyond encoding/json's limit (10000) is an error.
func (d *Decoder) Skip() {
	i, c, ok := d.begin()
	if !ok {
		return
	}
	b := d.data
	base := d.depth
	for {
		// Here i is the offset of a value and c its first byte.
		switch c {
		case '{':
			if !d.push(true, i) {
				return
			}
			if i = skipWS(b, i+1); i < len(b) && b[i] == '}' {
				d.depth--
				i++
				break
			}
			if i, ok = d.skipKey(i); !ok {
				return
			}
			if i, c, ok = d.peek(i); !ok {
				return
			}
			continue
		case '[':
			if !d.push(false, i) {
				return
			}
			if i = skipWS(b, i+1); i < len(b) && b[i] == ']' {
				d.depth--
				i++
				break
			}
			if i, c, ok = d.peek(i); !ok {
				return
			}
			continue
		case '"':
			if i = d.skipString(i); i < 0 {
				return
			}
		case 't':
			if !d.literal(i, "true") {
				return
			}
			i = d.pos
		case 'f':
			if !d.literal(i, "false") {
				return
			}
			i = d.pos
		case 'n':
			if !d.literal(i, "null") {
				return
			}
			i = d.pos
		default:
			if _, ok := d.readNumber(i); !ok {
				if d.err == nil {
					d.fail(i, "invalid character "+quoteByte(c)+" looking for beginning of value")
				}
				return
			}
			i = d.pos
		}
		// A value ended at i: close containers until another value follows.
		for {
			if d.depth == base {
				d.pos, d.state = i, stAfter
				return
			}
			if i = skipWS(b, i); i >= len(b) {
				d.fail(i, "unexpected end of input")
				return
			}
			c = b[i]
			if d.topIsObject() {
				if c == '}' {
					d.depth--
					i++
					continue
				}
				if c != ',' {
					d.fail(i, "invalid character "+quoteByte(c)+" after object member")
					return
				}
				if i, ok = d.skipKey(skipWS(b, i+1)); !ok {
					return
				}
			} else {
				if c == ']' {
					d.depth--
					i++
					continue
				}
				if c != ',' {
					d.fail(i, "invalid character "+quoteByte(c)+" after array element")
					return
				}
				i++
			}
			break
		}
		if i, c, ok = d.peek(i); !ok {
			return
		}
	}
}

// peek skips whitespace from i and returns the offset and first byte of the
// value that must start there.
func (d *Decoder) peek(i int) (int, byte, bool) {
	if i = skipWS(d.data, i); i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return i, 0, false
	}
	return i, d.data[i], true
}

// skipKey consumes an object key starting at i and the colon after it, and
// returns the offset just past the colon.
func (d *Decoder) skipKey(i int) (int, bool) {
	if i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return i, false
	}
	if c := d.data[i]; c != '"' {
		d.fail(i, "invalid character "+quoteByte(c)+" looking for beginning of object key")
		return i, false
	}
	if i = d.skipString(i); i < 0 {
		return i, false
	}
	if i = skipWS(d.data, i); i >= len(d.data) {
		d.fail(i, "unexpected end of input")
		return i, false
	}
	if c := d.data[i]; c != ':' {
		d.fail(i, "invalid character "+quoteByte(c)+" after object key")
		return i, false
	}
	return i + 1, true
}

// skipString validates the string whose opening quote is at i without
// unescaping it, and returns the offset past its closing quote, or -1.
func (d *Decoder) skipString(i int) int {
	b := d.data
	j := i + 1
	for {
		if j = scanSafe(b, j); j >= len(b) {
			break
		}
		c := b[j]
		switch {
		case c == '"':
			return j + 1
		case c < 0x20:
			d.fail(j, "invalid control character "+quoteByte(c)+" in string")
			return -1
		}
		// A backslash.
		if j+1 >= len(b) {
			d.fail(j+1, "unexpected end of input")
			return -1
		}
		switch e := b[j+1]; {
		case unescapeByte[e] != 0:
			j += 2
		case e == 'u':
			if hex4(b, j+2) < 0 {
				d.badHex(j + 2)
				return -1
			}
			j += 6
		default:
			d.fail(j+1, "invalid character "+quoteByte(b[j+1])+" in string escape")
			return -1
		}
	}
	d.fail(j, "unexpected end of input")
	return -1
}
