package signer

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHMACMatchesStandardLibrary checks the allocation-free HMACs against
// crypto/hmac for keys around the block size (where the key is hashed
// instead of padded) and messages of several lengths.
func TestHMACMatchesStandardLibrary(t *testing.T) {
	for _, keyLen := range []int{0, 1, 20, 32, 63, 64, 65, 100, 200} {
		for _, msgLen := range []int{0, 1, 55, 56, 64, 81, 1000} {
			secret := strings.Repeat("k", keyLen)
			msg := strings.Repeat("m", msgLen)
			buf := append(make([]byte, hmacBlock), msg...)

			k1 := hmacKey(sha1.New, secret, "&")
			want1 := hmac.New(sha1.New, []byte(secret+"&"))
			want1.Write([]byte(msg))
			got1 := hmacSHA1(&k1, buf)
			require.Equal(t, want1.Sum(nil), got1[:], "HMAC-SHA1 key %d msg %d", keyLen, msgLen)

			k256 := hmacKey(sha256.New, secret, "")
			want256 := hmac.New(sha256.New, []byte(secret))
			want256.Write([]byte(msg))
			got256 := hmacSHA256(&k256, buf)
			require.Equal(t, want256.Sum(nil), got256[:], "HMAC-SHA256 key %d msg %d", keyLen, msgLen)
		}
	}
}

// TestHMACTestVectors uses RFC 2202 test case 2 and RFC 4231 test case 2,
// both with key "Jefe", so that the check does not rest on one library.
func TestHMACTestVectors(t *testing.T) {
	buf := append(make([]byte, hmacBlock), "what do ya want for nothing?"...)
	k1 := hmacKey(sha1.New, "Jef", "e")
	got1 := hmacSHA1(&k1, buf)
	require.Equal(t, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", hex.EncodeToString(got1[:]))
	k256 := hmacKey(sha256.New, "Jefe", "")
	got256 := hmacSHA256(&k256, buf)
	require.Equal(t, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hex.EncodeToString(got256[:]))
}
