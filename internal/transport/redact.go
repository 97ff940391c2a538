package transport

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/privatelink-go/sdk/internal/jsonx"
)

// Redaction of text that came from somewhere else (a proxy's error page, a
// credentials provider's error) before it reaches an error or a log: we
// cannot know what such text holds, so everything shaped like a credential
// goes. Over-redacting a diagnostic costs little; leaking a secret does not.

const redacted = "[redacted]"

// keyedSecret matches a credential-bearing name followed by a value, in the
// forms text carries them: query strings (Signature=...), JSON
// ("AccessKeySecret":"..."), escaped JSON, headers (x-acs-security-token:
// ...), ini files (access_key_secret = ...) and the percent-encoded V1
// string to sign (%26SecurityToken%3D...). The name must not follow a
// letter, so ClientToken and SignatureMethod stay. The value ends at a
// delimiter, including an encoded & (%26). keyedSecretOrID also takes
// access key IDs, which are not secret but need not be shown either.
var (
	keyedSecret     = keyed(`access_?key_?secret|secret_?access_?key|`)
	keyedSecretOrID = keyed(`access_?key_?secret|secret_?access_?key|access_?key_?id|`)
)

func keyed(names string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[^a-z])(` + names +
		`security[-_]?token|sts_?token|session_?token|bearer_?token|access_?token|refresh_?token|id_?token|` +
		`signature|authorization|password|passwd|secret|token|credential)` +
		`((?:"|\\")?\s*(?:=|:|%3D|%253D)\s*(?:"|\\")?)` +
		`((?:bearer\s+)?(?:[^"'\\&\s,;<>{}\[\]%]|%(?:[013-9a-f][0-9a-f]|2[0-57-9a-f]))+)`)
}

// bearer matches an HTTP bearer credential wherever it appears.
var bearer = regexp.MustCompile(`(?i)\bbearer\s+[a-z0-9._~+/=-]+`)

// opaqueRun matches a run that may be a bare key or token: AccessKey
// secrets are 30 random letters and digits, STS and OIDC tokens long base64,
// possibly percent-encoded. looksSecret decides.
var opaqueRun = regexp.MustCompile(`(?:[A-Za-z0-9+_]|%[0-9A-Fa-f]{2}){20,}=*`)

// looksSecret reports whether a run mixes upper case, lower case and
// digits, as random keys and base64 do. Request IDs (upper-case hex),
// nonces (lower-case hex), resource IDs and words do not.
func looksSecret(s string) bool {
	var upper, lower, digit bool
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%' && i+2 < len(s):
			i += 2 // an escape's hex digits say nothing about the token
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lower = true
		case '0' <= c && c <= '9':
			digit = true
		}
	}
	return upper && lower && digit
}

// Redact returns s with everything shaped like a secret or a token
// replaced by "[redacted]": the value of any credential-named field, bearer
// credentials, and long runs of mixed-case letters and digits.
func Redact(s string) string {
	s = keyedSecretOrID.ReplaceAllString(s, "${1}${2}${3}"+redacted)
	s = bearer.ReplaceAllString(s, "Bearer "+redacted)
	return opaqueRun.ReplaceAllStringFunc(s, func(run string) string {
		if looksSecret(run) {
			return redacted
		}
		return run
	})
}

// redactNamed removes only credentials named as such (Signature=...,
// "SecurityToken":"...", Bearer ...) from text meant to be read as it is,
// such as a service error's Message, whose V1 string to sign must keep its
// long encoded runs and its AccessKeyId to be of any use.
func redactNamed(s string) string {
	s = keyedSecret.ReplaceAllString(s, "${1}${2}${3}"+redacted)
	return bearer.ReplaceAllString(s, "Bearer "+redacted)
}

// Truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
// Redact before truncating: a secret cut in half is no longer recognised.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// snippetLen is how much of an unexpected body an error shows: enough to
// recognise a proxy page.
const snippetLen = 160

// snippetWindow is how much of the body is redacted before the snippet is
// cut from it. It is far longer than the snippet so that a token starting
// inside the snippet is seen whole (STS tokens run to a few KiB), yet
// bounded so that an 8 MiB body is not scanned on the error path.
const snippetWindow = 16 << 10

// redactText applies the call's own token redaction and then the shape
// rules to text that came back from the network.
func (st *callState) redactText(s string) string {
	return Redact(st.redactToken(s))
}

// snippet returns the start of the body, redacted first and cut after.
func (st *callState) snippet() string {
	b := st.body.Bytes()
	if len(b) > snippetWindow {
		b = b[:snippetWindow]
	}
	return Truncate(st.redactText(strings.ToValidUTF8(string(b), "?")), snippetLen)
}

// quotedValue matches a quoted string, possibly cut ("..." after it), as a
// decode error quotes the value it could not decode.
var quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"(?:\.\.\.)?`)

// withholdValues returns a decode error without the values it quotes. The
// decoder cuts a quoted value to 40 bytes, and a secret cut in half cannot
// be recognised, so the value goes whole; the offset still points at it.
func withholdValues(err error) error {
	je, ok := err.(*jsonx.Error)
	if !ok {
		return err
	}
	c := *je
	c.Msg = quotedValue.ReplaceAllString(c.Msg, "[value withheld]")
	return &c
}

// maxRequestIDLen bounds a request ID as errors and logs show it; the
// service's are 36-byte UUIDs.
const maxRequestIDLen = 64

// safeRequestID returns id as errors and logs may show it. Whatever
// answered chose it, in a header or the body, and a proxy may be careless
// with what it echoes. A short ID of letters, digits, '-', '_' and '.'
// that does not look like a key (the service's are upper-case UUIDs) is
// one Redact would leave alone, and passes without its cost: every answer
// has a request ID.
func safeRequestID(id string) string {
	if len(id) <= maxRequestIDLen && plainID(id) && (len(id) < 20 || !looksSecret(id)) {
		return id
	}
	return Truncate(Redact(strings.ToValidUTF8(id, "?")), maxRequestIDLen)
}

func plainID(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}
