package signer

import (
	"slices"
	"strings"
)

const upperHex = "0123456789ABCDEF"

// unreserved marks the RFC 3986 unreserved bytes, the only ones both
// signature schemes leave as they are. A table beats a chain of range
// comparisons in the per-byte loops below.
var unreserved = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['_'], t['.'], t['~'] = true, true, true, true
	return t
}()

// encodedLen returns len(PercentEncode(s)) without building it, so callers
// can size their buffers exactly once.
func encodedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreserved[s[i]] {
			n += 2
		}
	}
	return n
}

// PercentEncode encodes s the way Alibaba Cloud's signers do: RFC 3986
// unreserved characters (A-Z a-z 0-9 - _ . ~) are kept and every other byte,
// including each byte of a multi-byte UTF-8 character, becomes %XX with
// upper-case hex. So a space is %20 (never +), * is %2A and ~ stays ~.
//
// This is the result of the official SDKs' url.QueryEscape followed by
// their +, * and %7E substitutions, computed in one pass. A string that
// needs no encoding is returned without allocating.
func PercentEncode(s string) string {
	n := encodedLen(s)
	if n == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(n)
	writeEncoded(&b, s)
	return b.String()
}

// AppendPercentEncode appends PercentEncode(s) to dst and returns the
// extended slice, for callers assembling a URL in their own buffer.
func AppendPercentEncode(dst []byte, s string) []byte {
	dst = slices.Grow(dst, encodedLen(s))
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// writeEncoded writes PercentEncode(s) to b, copying runs of unreserved
// bytes in one call instead of byte by byte.
func writeEncoded(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			continue
		}
		b.WriteString(s[start:i])
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
		start = i + 1
	}
	b.WriteString(s[start:])
}

// CanonicalQuery returns params sorted by Key, then by Value, comparing
// the decoded bytes, and encoded as "k=v&k=v" with PercentEncode applied
// to both key and value. It sorts a copy and leaves params untouched.
//
// The sort runs on decoded keys because that is what the official SDKs do
// (url.Values.Encode and the darabonba sorter both sort before escaping);
// sorting encoded keys would order "a[" before "aZ" and break compatibility.
// Equal keys are ordered by value so that the result does not depend on the
// order in which a caller appended repeated parameters.
func CanonicalQuery(params []Param) string {
	var stack [stackParams]Param
	sorted := sortedParams(stack[:0], params, "")
	var b strings.Builder
	b.Grow(canonicalQueryLen(sorted))
	writeCanonicalQuery(&b, sorted)
	return b.String()
}

// stackParams is how many parameters are sorted in a stack buffer before
// sortedParams falls back to the heap; a CreateVpcEndpoint request with
// several zones, security groups and tags stays below it.
const stackParams = 48

// compareParams orders by Key, then Value, in byte order.
func compareParams(a, b Param) int {
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	return strings.Compare(a.Value, b.Value)
}

// sortedParams appends to buf every param whose key is not skip, sorts
// the result and returns it. skip lets V1 verification drop Signature
// without a second copy.
func sortedParams(buf, params []Param, skip string) []Param {
	for _, p := range params {
		if skip != "" && p.Key == skip {
			continue
		}
		buf = append(buf, p)
	}
	slices.SortFunc(buf, compareParams)
	return buf
}

// canonicalQueryLen returns the length writeCanonicalQuery will write.
func canonicalQueryLen(sorted []Param) int {
	n := 0
	for i, p := range sorted {
		if i > 0 {
			n++
		}
		n += encodedLen(p.Key) + 1 + encodedLen(p.Value)
	}
	return n
}

// writeCanonicalQuery writes already sorted params as "k=v&k=v".
func writeCanonicalQuery(b *strings.Builder, sorted []Param) {
	for i, p := range sorted {
		if i > 0 {
			b.WriteByte('&')
		}
		writeEncoded(b, p.Key)
		b.WriteByte('=')
		writeEncoded(b, p.Value)
	}
}
