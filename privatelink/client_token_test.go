package privatelink

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNewClientTokenIsAVersion4UUID(t *testing.T) {
	seen := make(map[string]bool, 1000)
	for range 1000 {
		tok := NewClientToken()
		assert.Regexp(t, uuidV4, tok)
		assert.Empty(t, checkClientToken(tok), "a generated token passes validation")
		assert.False(t, seen[tok], "token repeated: %s", tok)
		seen[tok] = true
	}
}

func TestFormatUUID(t *testing.T) {
	u := [16]byte{0x0c, 0x59, 0x3e, 0xa1, 0x3b, 0xea, 0x41, 0xe9, 0xb9, 0x6b, 0x88, 0xe9, 0xfe, 0x63, 0x77, 0x60}
	assert.Equal(t, "0c593ea1-3bea-41e9-b96b-88e9fe637760", formatUUID(&u))
	var zero [16]byte
	assert.Equal(t, "00000000-0000-0000-0000-000000000000", formatUUID(&zero))
}

func TestNewClientTokenAllocatesOnlyTheString(t *testing.T) {
	skipAllocsUnderRace(t)
	allocs := testing.AllocsPerRun(100, func() { _ = NewClientToken() })
	assert.Equal(t, 1.0, allocs)
}

func TestResolveClientToken(t *testing.T) {
	assert.Equal(t, "mine", resolveClientToken("mine"))
	assert.Regexp(t, uuidV4, resolveClientToken(""))
}
