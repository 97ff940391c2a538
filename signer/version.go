package signer

import "strconv"

// Version selects one of Alibaba Cloud's request signature schemes.
type Version uint8

const (
	// V1 is the RPC signature: HMAC-SHA1, SignatureVersion 1.0, with the
	// signature carried in the Signature query parameter.
	V1 Version = 1
	// V3 is ACS3-HMAC-SHA256, with the signature carried in the
	// Authorization header.
	V3 Version = 3
)

// String returns "V1" or "V3", or "Version(N)" for a value this package
// does not define, so that a bad configuration is visible in logs.
func (v Version) String() string {
	switch v {
	case V1:
		return "V1"
	case V3:
		return "V3"
	}
	return "Version(" + strconv.Itoa(int(v)) + ")"
}

// Param is one query parameter or one header: a key and its decoded value.
//
// Requests are described as slices of Param rather than maps because the
// wire allows repeated keys and because a slice can be signed without
// allocating a map on every request.
type Param struct{ Key, Value string }
