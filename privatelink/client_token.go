package privatelink

import "crypto/rand"

// MaxClientTokenLen is the longest ClientToken the service accepts.
const MaxClientTokenLen = 64

// NewClientToken returns a fresh random ClientToken: a version 4 UUID from
// crypto/rand, such as "0c593ea1-3bea-41e9-b96b-88e9fe637760".
//
// Mutating calls generate one themselves when the request has none, once
// per call and before the first attempt, so every retry carries the same
// token. Generate one yourself and store it before calling when a restarted
// process must be able to repeat the same logical call: the service answers
// a repeat with the original result instead of acting twice.
func NewClientToken() string {
	var u [16]byte
	// Since Go 1.24 crypto/rand.Read never returns an error: it crashes the
	// program if the system's random source fails, which is the right
	// outcome for a broken entropy source.
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return formatUUID(&u)
}

// formatUUID renders u in the canonical 8-4-4-4-12 lower-case hex form.
func formatUUID(u *[16]byte) string {
	const hexDigits = "0123456789abcdef"
	var b [36]byte
	j := 0
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b[j] = '-'
			j++
		}
		b[j] = hexDigits[c>>4]
		b[j+1] = hexDigits[c&0x0f]
		j += 2
	}
	return string(b[:])
}

// checkClientToken returns what is wrong with a caller's ClientToken, or "".
// The service accepts ASCII only; control characters are refused too, as
// they cannot be what a caller meant and would make logs ambiguous.
func checkClientToken(s string) string {
	if len(s) > MaxClientTokenLen {
		return "must be at most 64 characters, got " + itoa(len(s))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return "must contain only printable ASCII characters, found byte " + quoteByteAt(s, i)
		}
	}
	return ""
}

// resolveClientToken returns the token a mutating call sends: the caller's,
// or a fresh one.
func resolveClientToken(s string) string {
	if s != "" {
		return s
	}
	return NewClientToken()
}
