package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// AlgorithmV3 names the V3 signature algorithm in the string to sign and in
// the Authorization header.
const AlgorithmV3 = "ACS3-HMAC-SHA256"

// EmptyPayloadHash is HashPayload(nil): the x-acs-content-sha256 value of a
// request without a body, which is most PrivateLink calls.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// HashPayload returns the lower-case hex SHA-256 of body, the value of the
// x-acs-content-sha256 header and of V3Request.PayloadHash.
func HashPayload(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// V3Request is what SignV3 and VerifyV3 need to know about a request.
type V3Request struct {
	// Method is the HTTP method, for example "POST".
	Method string
	// Path is the canonical URI, already escaped; "" means "/".
	Path string
	// Query holds the decoded query parameters.
	Query []Param
	// Headers holds the request headers, names in any case. SignV3 signs
	// host, content-type and every x-acs-* header, lower-cased, trimmed and
	// sorted; others (user-agent, content-length) are left out so proxies
	// may change them.
	Headers []Param
	// PayloadHash is the hex SHA-256 of the body (see HashPayload); ""
	// means EmptyPayloadHash.
	PayloadHash string
}

// V3Signature is the result of SignV3 with its intermediate strings, which
// are what to compare against the server's when the service answers
// SignatureDoesNotMatch.
type V3Signature struct {
	// CanonicalRequest is METHOD\nPATH\nQUERY\nHEADERS\nSIGNED\nPAYLOADHASH.
	CanonicalRequest string
	// CanonicalQuery is the QUERY line of CanonicalRequest: the sorted,
	// percent-encoded query exactly as signed, ready for URL.RawQuery.
	CanonicalQuery string
	// HashedCanonicalRequest is the lower-case hex SHA-256 of CanonicalRequest.
	HashedCanonicalRequest string
	// StringToSign is AlgorithmV3 + "\n" + HashedCanonicalRequest.
	StringToSign string
	// SignedHeaders is the ";"-separated, sorted list of signed header names.
	SignedHeaders string
	// Signature is hex(HMAC-SHA256(secret, StringToSign)).
	Signature string
	// Authorization is the complete Authorization header value.
	Authorization string
}

// SignV3 signs a request with ACS3-HMAC-SHA256.
//
// r.Headers must already hold everything that is to be signed, chosen by
// the caller: host, x-acs-action, x-acs-version, x-acs-date (UTC,
// TimestampFormatV1), a fresh x-acs-signature-nonce, x-acs-content-sha256
// equal to r.PayloadHash, and x-acs-security-token for STS credentials.
// SignV3 reads no clock and no random source, and does not modify r.
func SignV3(r V3Request, accessKeyID, accessKeySecret string) V3Signature {
	var hstack [16]Param
	entries := signableHeaders(hstack[:0], r.Headers)
	var nstack [16]string
	names := nstack[:0]
	for i, e := range entries {
		if i == 0 || e.Key != entries[i-1].Key {
			names = append(names, e.Key)
		}
	}
	var s V3Signature
	var sig [2 * sha256.Size]byte
	s.CanonicalRequest, s.StringToSign, s.SignedHeaders, sig = computeV3(r, names, entries, accessKeySecret)
	s.HashedCanonicalRequest = s.StringToSign[len(AlgorithmV3)+1:]
	s.CanonicalQuery = queryLine(s.CanonicalRequest)

	var b strings.Builder
	const credential, signedHeaders, signature = " Credential=", ",SignedHeaders=", ",Signature="
	b.Grow(len(AlgorithmV3) + len(credential) + len(accessKeyID) + len(signedHeaders) +
		len(s.SignedHeaders) + len(signature) + len(sig))
	b.WriteString(AlgorithmV3)
	b.WriteString(credential)
	b.WriteString(accessKeyID)
	b.WriteString(signedHeaders)
	b.WriteString(s.SignedHeaders)
	b.WriteString(signature)
	b.Write(sig[:])
	s.Authorization = b.String()
	// Slicing the Authorization saves an allocation per request.
	s.Signature = s.Authorization[len(s.Authorization)-len(sig):]
	return s
}

// queryLine returns the third line of a canonical request, without
// copying: METHOD and PATH hold no newline (the path is escaped).
func queryLine(cr string) string {
	for range 2 {
		i := strings.IndexByte(cr, '\n')
		if i < 0 {
			return ""
		}
		cr = cr[i+1:]
	}
	if i := strings.IndexByte(cr, '\n'); i >= 0 {
		return cr[:i]
	}
	return cr
}

// signableHeaders appends to buf the headers V3 signs, lower-cased and
// trimmed, sorted by name then value.
func signableHeaders(buf, headers []Param) []Param {
	for _, h := range headers {
		name := strings.TrimSpace(h.Key)
		if !isSignedHeader(name) {
			continue
		}
		// ToLower returns its argument when it is already lower case,
		// which is what callers normally pass, so this rarely allocates.
		buf = append(buf, Param{strings.ToLower(name), strings.TrimSpace(h.Value)})
	}
	slices.SortFunc(buf, compareParams)
	return buf
}

// isSignedHeader reports whether V3 signs a header of this name.
func isSignedHeader(name string) bool {
	return strings.EqualFold(name, "host") || strings.EqualFold(name, "content-type") || hasACSPrefix(name)
}

// hasACSPrefix reports whether name starts with "x-acs-" in any case.
func hasACSPrefix(name string) bool {
	return len(name) >= len("x-acs-") && strings.EqualFold(name[:len("x-acs-")], "x-acs-")
}

// computeV3 builds the canonical request over the headers in names, in that
// order, taking their values from entries (lower-case names, sorted), and
// returns it with the string to sign, the signed-headers list and the
// hex signature.
//
// Several values for one name are joined by commas in sorted order, as the
// official SDK does. A name with no entry is written with an empty value:
// the verifier then simply fails to match unless the client signed it empty.
func computeV3(r V3Request, names []string, entries []Param, accessKeySecret string) (cr, sts, signed string, sig [2 * sha256.Size]byte) {
	method, path, payload := r.Method, r.Path, r.PayloadHash
	if path == "" {
		path = "/"
	}
	if payload == "" {
		payload = EmptyPayloadHash
	}
	var qstack [stackParams]Param
	query := sortedParams(qstack[:0], r.Query, "")

	signedLen := 0
	headersLen := 0
	for i, name := range names {
		if i > 0 {
			signedLen++
		}
		signedLen += len(name)
		headersLen += len(name) + len(":\n")
		n := 0
		for _, e := range entries {
			if e.Key == name {
				headersLen += len(e.Value)
				n++
			}
		}
		if n > 1 {
			headersLen += n - 1
		}
	}

	var b strings.Builder
	b.Grow(len(method) + len(path) + canonicalQueryLen(query) + headersLen + signedLen + len(payload) + 5)
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(path)
	b.WriteByte('\n')
	writeCanonicalQuery(&b, query)
	b.WriteByte('\n')
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		first := true
		for _, e := range entries {
			if e.Key != name {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			b.WriteString(e.Value)
			first = false
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	start := b.Len()
	for i, name := range names {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(name)
	}
	end := b.Len()
	b.WriteByte('\n')
	b.WriteString(payload)
	cr = b.String()
	signed = cr[start:end]

	hashed := sha256.Sum256([]byte(cr))
	// The string to sign has a fixed length, so it is built on the stack.
	var buf [len(AlgorithmV3) + 1 + 2*sha256.Size]byte
	n := copy(buf[:], AlgorithmV3)
	buf[n] = '\n'
	hex.Encode(buf[n+1:], hashed[:])
	sts = string(buf[:])

	h := hmac.New(sha256.New, []byte(accessKeySecret))
	h.Write(buf[:])
	var mac [sha256.Size]byte
	h.Sum(mac[:0])
	hex.Encode(sig[:], mac[:])
	return cr, sts, signed, sig
}

// AuthorizationV3 is a parsed V3 Authorization header.
type AuthorizationV3 struct {
	// AccessKeyID is the Credential, which the server uses to look up the
	// secret before calling VerifyV3.
	AccessKeyID string
	// SignedHeaders are the signed header names, lower-cased, in the order
	// the header lists them.
	SignedHeaders []string
	// Signature is the hex signature as sent.
	Signature string
}

// ParseAuthorizationV3 parses an Authorization header of the form
// "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>".
// Spaces around the comma-separated fields are tolerated; a missing,
// repeated, empty or unknown field, or another algorithm, is an error
// wrapping ErrIncompleteSignature.
func ParseAuthorizationV3(header string) (AuthorizationV3, error) {
	a, reason := parseAuthorizationV3(header)
	if reason != "" {
		return AuthorizationV3{}, &VerifyError{Err: ErrIncompleteSignature, Reason: reason}
	}
	return a, nil
}

// parseAuthorizationV3 returns the parsed header or why it is malformed.
func parseAuthorizationV3(header string) (a AuthorizationV3, reason string) {
	header = strings.TrimSpace(header)
	if header == "" {
		return a, "missing Authorization header"
	}
	algorithm, rest, _ := strings.Cut(header, " ")
	if algorithm != AlgorithmV3 {
		return a, "Authorization does not start with " + AlgorithmV3
	}
	if rest = strings.TrimSpace(rest); rest == "" {
		return a, "Authorization has no fields"
	}
	var haveCred, haveSigned, haveSig bool
	for field := range strings.SplitSeq(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok || value == "" {
			return a, "malformed Authorization field " + quoteField(field)
		}
		var seen *bool
		switch key {
		case "Credential":
			seen, a.AccessKeyID = &haveCred, value
		case "SignedHeaders":
			seen = &haveSigned
			a.SignedHeaders = make([]string, 0, strings.Count(value, ";")+1)
			for name := range strings.SplitSeq(value, ";") {
				if name == "" {
					return a, "empty name in SignedHeaders"
				}
				a.SignedHeaders = append(a.SignedHeaders, strings.ToLower(name))
			}
		case "Signature":
			seen, a.Signature = &haveSig, value
		default:
			return a, "unknown Authorization field " + quoteField(key)
		}
		if *seen {
			return a, "repeated Authorization field " + key
		}
		*seen = true
	}
	switch {
	case !haveCred:
		return a, "Authorization lacks Credential"
	case !haveSigned:
		return a, "Authorization lacks SignedHeaders"
	case !haveSig:
		return a, "Authorization lacks Signature"
	}
	return a, ""
}

// quoteField shortens and quotes a piece of a malformed header for an
// error message, so a huge header cannot blow up logs.
func quoteField(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return "\"" + s + "\""
}

// VerifyV3 checks the V3 signature of a request as the service would.
// r describes the request as received, with r.PayloadHash the hash of the
// body the server actually read; authorization is the Authorization header.
//
// It recomputes the signature over exactly the headers the Authorization
// names. It returns a *VerifyError wrapping ErrIncompleteSignature when the
// header is malformed, when it does not sign host or some x-acs-* header
// present in the request, or when x-acs-content-sha256 is missing; and one
// wrapping ErrSignatureDoesNotMatch when x-acs-content-sha256 differs from
// r.PayloadHash (the body was changed) or the signature differs, with the
// server's canonical request and string to sign. The Credential is not
// checked here: look it up with ParseAuthorizationV3 to find the secret.
func VerifyV3(r V3Request, authorization, accessKeySecret string) error {
	a, reason := parseAuthorizationV3(authorization)
	if reason != "" {
		return &VerifyError{Err: ErrIncompleteSignature, Reason: reason}
	}
	if !slices.Contains(a.SignedHeaders, "host") {
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "host is not signed"}
	}
	payload := r.PayloadHash
	if payload == "" {
		payload = EmptyPayloadHash
	}
	var haveContentHash bool
	var hstack [16]Param
	entries := hstack[:0]
	for _, h := range r.Headers {
		name := strings.ToLower(strings.TrimSpace(h.Key))
		value := strings.TrimSpace(h.Value)
		signed := slices.Contains(a.SignedHeaders, name)
		if strings.HasPrefix(name, "x-acs-") && !signed {
			return &VerifyError{Err: ErrIncompleteSignature, Reason: name + " is not signed"}
		}
		if name == "x-acs-content-sha256" {
			haveContentHash = true
			if value != payload {
				return &VerifyError{Err: ErrSignatureDoesNotMatch, Reason: "x-acs-content-sha256 does not match the body"}
			}
		}
		if signed {
			entries = append(entries, Param{name, value})
		}
	}
	if !haveContentHash {
		return &VerifyError{Err: ErrIncompleteSignature, Reason: "missing x-acs-content-sha256 header"}
	}
	slices.SortFunc(entries, compareParams)

	r.PayloadHash = payload
	cr, sts, _, sig := computeV3(r, a.SignedHeaders, entries, accessKeySecret)
	// Constant time, so that response timing does not reveal how many
	// leading bytes of a forged signature were right.
	if !hmac.Equal(sig[:], []byte(a.Signature)) {
		return &VerifyError{
			Err:              ErrSignatureDoesNotMatch,
			Reason:           "V3 signature differs",
			StringToSign:     sts,
			CanonicalRequest: cr,
		}
	}
	return nil
}
