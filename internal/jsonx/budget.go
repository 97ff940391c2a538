package jsonx

import (
	"strconv"
	"unsafe"
)

// Memory budget. A decoder that turns a two-byte "{}" into a struct of
// hundreds of bytes multiplies its input: an 8 MiB answer of [{},{},...]
// decoded into a list of endpoints once took 440 MiB live and 2.2 GiB
// allocated. Decoders therefore charge what they allocate per element
// (Append does it) to a budget proportional to the input, and the decode
// fails once it is spent: memory stays within AllocPerInputByte times the
// input (plus AllocFloor), whatever the input holds. Strings are not
// charged: their bytes are copied from the input, so they cannot outgrow it.
const (
	// AllocPerInputByte is how many bytes decoders may charge per byte of
	// input. An answer of the real service charges less than two: an
	// endpoint's JSON is longer than its struct, a tag's about as long,
	// an ID's string header (16 bytes) smaller than the quoted ID.
	AllocPerInputByte = 8
	// AllocFloor is charged on top, so that a small answer of an odd
	// shape still decodes.
	AllocFloor = 1 << 20
)

// Charge counts n bytes against the decoder's budget. Once the budget is
// spent it records an error and returns false, and the caller must not
// allocate.
func (d *Decoder) Charge(n int) bool {
	if d.err != nil {
		return false
	}
	d.spent += n
	if limit := len(d.data)*AllocPerInputByte + AllocFloor; d.spent > limit || n < 0 {
		d.fail(d.pos, "decoding would take more than "+strconv.Itoa(limit)+" bytes of memory ("+
			strconv.Itoa(AllocPerInputByte)+" per byte of input)")
		return false
	}
	return true
}

// Append appends a zero T to *s and returns a pointer to it, so that the
// caller decodes the element in place. When *s is full it grows it itself,
// doubling its capacity, and charges the new backing array to d's budget
// first: what a list's growth allocates in all is what was charged. It
// returns nil, appending nothing, once the budget is spent (see Charge).
func Append[T any](d *Decoder, s *[]T) *T {
	var zero T
	if len(*s) == cap(*s) {
		n := max(2*cap(*s), 4)
		if !d.Charge(n * int(unsafe.Sizeof(zero))) {
			return nil
		}
		grown := make([]T, len(*s), n)
		copy(grown, *s)
		*s = grown
	}
	*s = append(*s, zero)
	return &(*s)[len(*s)-1]
}
