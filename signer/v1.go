package signer

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"strings"
)

// TimestampFormatV1 is the layout of the V1 Timestamp parameter, always UTC.
const TimestampFormatV1 = "2006-01-02T15:04:05Z"

// V1Signature is the result of SignV1 with its intermediate strings, which
// are what to compare against the server's string to sign when the service
// answers SignatureDoesNotMatch.
type V1Signature struct {
	// CanonicalQuery is the sorted, encoded parameters without Signature.
	CanonicalQuery string
	// StringToSign is METHOD&%2F&PercentEncode(CanonicalQuery).
	StringToSign string
	// Signature is base64(HMAC-SHA1(secret+"&", StringToSign)).
	Signature string
}

// Query returns the complete query string, CanonicalQuery followed by the
// encoded Signature, ready for url.URL.RawQuery. Sending the canonical form
// means the bytes on the wire are exactly the bytes that were signed.
func (s V1Signature) Query() string {
	var b strings.Builder
	b.Grow(len(s.CanonicalQuery) + len("&Signature=") + encodedLen(s.Signature))
	if s.CanonicalQuery != "" {
		b.WriteString(s.CanonicalQuery)
		b.WriteByte('&')
	}
	b.WriteString("Signature=")
	writeEncoded(&b, s.Signature)
	return b.String()
}

// SignV1 signs an RPC request with HMAC-SHA1, signature version 1.0.
//
// params must hold every query (and form) parameter except Signature,
// including the common ones the caller chose: AccessKeyId,
// SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, a fresh SignatureNonce,
// Timestamp in TimestampFormatV1, and SecurityToken for STS credentials.
// SignV1 reads no clock and no random source, so equal inputs always give
// equal signatures. params is not modified.
func SignV1(method string, params []Param, accessKeySecret string) V1Signature {
	var stack [stackParams]Param
	return signV1(method, sortedParams(stack[:0], params, ""), accessKeySecret)
}

// signV1 signs params that are already sorted and free of Signature.
func signV1(method string, sorted []Param, accessKeySecret string) V1Signature {
	var cq strings.Builder
	cq.Grow(canonicalQueryLen(sorted))
	writeCanonicalQuery(&cq, sorted)
	canonical := cq.String()

	buf := make([]byte, 0, len(method)+len("&%2F&")+encodedLen(canonical))
	buf = append(buf, method...)
	buf = append(buf, "&%2F&"...)
	buf = AppendPercentEncode(buf, canonical)

	key := make([]byte, 0, len(accessKeySecret)+1)
	key = append(append(key, accessKeySecret...), '&')
	h := hmac.New(sha1.New, key)
	h.Write(buf)
	var mac [sha1.Size]byte
	h.Sum(mac[:0])
	var sig [28]byte // base64 of 20 bytes
	base64.StdEncoding.Encode(sig[:], mac[:])

	return V1Signature{
		CanonicalQuery: canonical,
		StringToSign:   string(buf),
		Signature:      string(sig[:]),
	}
}

// VerifyV1 checks the V1 signature of a request as the service would.
// params are the request's decoded query (and form) parameters as
// received, including Signature.
//
// It returns nil when the signature is valid, or a *VerifyError wrapping
// ErrIncompleteSignature when Signature or SignatureMethod is missing,
// repeated or unsupported, or ErrSignatureDoesNotMatch, with the server's
// string to sign, when the signature differs. Checking AccessKeyId,
// Timestamp freshness and SignatureNonce reuse is left to the caller,
// which owns the clock and the nonce store.
func VerifyV1(method string, params []Param, accessKeySecret string) error {
	var got, sigMethod string
	var nSig, nMethod int
	for _, p := range params {
		switch p.Key {
		case "Signature":
			got = p.Value
			nSig++
		case "SignatureMethod":
			sigMethod = p.Value
			nMethod++
		}
	}
	switch {
	case nSig == 0:
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "missing Signature parameter"}
	case nSig > 1:
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "repeated Signature parameter"}
	case nMethod == 0:
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "missing SignatureMethod parameter"}
	case nMethod > 1:
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "repeated SignatureMethod parameter"}
	case sigMethod != "HMAC-SHA1":
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "unsupported SignatureMethod " + sigMethod}
	}

	var stack [stackParams]Param
	want := signV1(method, sortedParams(stack[:0], params, "Signature"), accessKeySecret)
	// Constant time, so that response timing does not reveal how many
	// leading bytes of a forged signature were right.
	if !hmac.Equal([]byte(want.Signature), []byte(got)) {
		return &VerifyError{
			Err:          ErrSignatureDoesNotMatch,
			Reason:       "V1 signature differs",
			StringToSign: want.StringToSign,
		}
	}
	return nil
}
