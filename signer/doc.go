// Package signer computes and verifies Alibaba Cloud request signatures:
// V1 (RPC, HMAC-SHA1) and V3 (ACS3-HMAC-SHA256), byte for byte as Alibaba
// Cloud's own SDKs and gateways compute them.
//
// The package imports only the standard library and knows nothing about
// PrivateLink or HTTP clients. Every function is pure: the clock, the nonce
// and the credentials are inputs, so a signature is reproducible from its
// inputs and testable against published vectors.
//
// # What is signed
//
// V1 signs the request's parameters. The caller adds the common parameters
// (AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, Timestamp
// in TimestampFormatV1, a fresh SignatureNonce, SecurityToken for STS) and
// calls SignV1, which sorts every parameter but Signature by key, percent
// encodes keys and values (PercentEncode) into the canonical query, and
// signs
//
//	METHOD + "&%2F&" + PercentEncode(canonicalQuery)
//
// with HMAC-SHA1 under secret+"&". V1Signature.Query gives the finished
// query string, so what travels is exactly what was signed.
//
// V3 signs a canonical request:
//
//	METHOD \n PATH \n canonicalQuery \n canonicalHeaders \n signedHeaders \n payloadHash
//
// where the canonical headers are host, content-type and every x-acs-*
// header, lower-cased, trimmed and sorted, written "name:value\n". The
// string to sign is AlgorithmV3 + "\n" + hex(SHA-256(canonicalRequest)) and
// the signature is hex(HMAC-SHA256(secret, stringToSign)), sent as
//
//	Authorization: ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>
//
// The caller supplies x-acs-date, x-acs-signature-nonce and
// x-acs-content-sha256 (HashPayload of the body) among the headers.
//
// Every attempt of a retried request must be signed afresh with a new nonce
// and timestamp: the service rejects a reused SignatureNonce and a
// timestamp more than 15 minutes off.
//
// # Verification
//
// VerifyV1 and VerifyV3 are the server side, used by the emulator. They
// return a *VerifyError wrapping ErrIncompleteSignature (nothing verifiable:
// missing Signature or SignatureMethod, malformed Authorization, an x-acs-*
// header or host left unsigned) or ErrSignatureDoesNotMatch. Signatures are
// compared in constant time.
//
// # Diagnosing SignatureDoesNotMatch
//
// The service's SignatureDoesNotMatch message includes its string to sign;
// so does VerifyError.StringToSign (and VerifyError.CanonicalRequest for V3).
// Compare it with the client's V1Signature.StringToSign or
// V3Signature.CanonicalRequest:
//
//   - strings that differ show the culprit directly: a parameter encoded
//     differently (a space sent as "+", a "*" or "~" escaped the wrong way),
//     a header changed by a proxy, a path or method rewritten;
//   - identical V3 canonical requests with a failing signature mean a wrong
//     secret, or a V1/V3 mix-up;
//   - identical V1 strings to sign with a failing signature mean a wrong
//     secret (V1 appends "&" to it; SignV1 does that for you).
//
// A V3 request whose body changed in transit fails before any of this, on
// x-acs-content-sha256, with Reason saying so.
package signer
