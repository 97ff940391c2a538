package jsonx

// Raw consumes the next value like Skip and returns its bytes as they appear
// in the input, without surrounding white space. The slice aliases the
// input: copy it to keep it beyond the input's life. It returns nil after
// an error.
func (d *Decoder) Raw() []byte {
	if d.err != nil || d.state != stValue {
		d.Skip() // records the misuse as Skip does
		return nil
	}
	start := skipWS(d.data, d.pos)
	d.Skip()
	if d.err != nil {
		return nil
	}
	end := d.pos
	for end > start && isWS(d.data[end-1]) {
		end--
	}
	return d.data[start:end]
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
