package signer

import (
	"crypto/sha1"
	"crypto/sha256"
	"hash"
)

// The signers compute HMAC (RFC 2104) with the one-shot sha1.Sum and
// sha256.Sum256 over buffers they already own, instead of crypto/hmac,
// whose New allocates five objects per call (state, two pads, two digests):
// that was half of all allocations on a path every request takes. The
// message is written after a block of headroom so that the inner hash runs
// over ipad||message without copying the message. hmac_test.go checks these
// against crypto/hmac for keys shorter than, equal to and longer than a block.

// hmacBlock is the block size of both SHA-1 and SHA-256.
const hmacBlock = 64

// hmacKey returns the HMAC key block for the key secret+suffix: the key
// zero-padded, or its hash when it is longer than a block. V1 keys carry the
// "&" suffix, which this avoids concatenating.
func hmacKey(newHash func() hash.Hash, secret, suffix string) (k [hmacBlock]byte) {
	if len(secret)+len(suffix) <= hmacBlock {
		copy(k[copy(k[:], secret):], suffix)
		return k
	}
	// Secrets longer than 64 bytes are unusual; allocating here is fine.
	h := newHash()
	h.Write([]byte(secret))
	h.Write([]byte(suffix))
	copy(k[:], h.Sum(nil))
	return k
}

// hmacSHA1 returns HMAC-SHA1 under the key block k of the message in
// buf[hmacBlock:]; it overwrites buf[:hmacBlock] with the inner pad.
func hmacSHA1(k *[hmacBlock]byte, buf []byte) [sha1.Size]byte {
	for i := range hmacBlock {
		buf[i] = k[i] ^ 0x36
	}
	inner := sha1.Sum(buf)
	var outer [hmacBlock + sha1.Size]byte
	for i := range hmacBlock {
		outer[i] = k[i] ^ 0x5c
	}
	copy(outer[hmacBlock:], inner[:])
	return sha1.Sum(outer[:])
}

// hmacSHA256 is hmacSHA1 with SHA-256.
func hmacSHA256(k *[hmacBlock]byte, buf []byte) [sha256.Size]byte {
	for i := range hmacBlock {
		buf[i] = k[i] ^ 0x36
	}
	inner := sha256.Sum256(buf)
	var outer [hmacBlock + sha256.Size]byte
	for i := range hmacBlock {
		outer[i] = k[i] ^ 0x5c
	}
	copy(outer[hmacBlock:], inner[:])
	return sha256.Sum256(outer[:])
}
