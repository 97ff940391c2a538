package signer

import (
	"errors"
	"strconv"
)

var (
	// ErrSignatureDoesNotMatch reports a well-formed signature that differs
	// from the one the verifier computed: wrong secret, a changed
	// parameter, header, method or body. The service answers it with the
	// error code SignatureDoesNotMatch.
	ErrSignatureDoesNotMatch = errors.New("SignatureDoesNotMatch: the request signature does not match our calculation")

	// ErrIncompleteSignature reports a request that cannot be verified at
	// all: no signature, no signature method, a malformed Authorization
	// header, or a header that must be signed but is not. The service
	// answers it with the error code IncompleteSignature.
	ErrIncompleteSignature = errors.New("IncompleteSignature: the request signature is incomplete or malformed")
)

// VerifyError is the error VerifyV1 and VerifyV3 return. It carries what the
// verifier computed so that a caller can show the client the server's string
// to sign, as Alibaba Cloud does in its SignatureDoesNotMatch message: the
// client then diffs it against its own V1Signature.StringToSign or
// V3Signature.CanonicalRequest to find the byte that differs.
type VerifyError struct {
	// Err is ErrSignatureDoesNotMatch or ErrIncompleteSignature.
	Err error
	// Reason says what in particular failed, for logs.
	Reason string
	// StringToSign is the verifier's string to sign; empty when the
	// request was too incomplete to compute one.
	StringToSign string
	// CanonicalRequest is the verifier's V3 canonical request; empty for V1
	// and when none could be computed.
	CanonicalRequest string
}

// Error returns the sentinel's message, the reason, and the server's string
// to sign when there is one.
func (e *VerifyError) Error() string {
	msg := e.Err.Error()
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	if e.StringToSign != "" {
		msg += "; server string to sign is: " + strconv.Quote(e.StringToSign)
	}
	return msg
}

// Unwrap returns Err, so errors.Is(err, ErrSignatureDoesNotMatch) works.
func (e *VerifyError) Unwrap() error { return e.Err }
