// Package gateway holds the rules of Alibaba Cloud's RPC gateway that the
// emulator (privatelinktest) and its command (cmd/privatelink-emulator)
// both apply, written once so that the two cannot drift apart: the command
// checks a world file, and refuses requests before the emulator sees them,
// by the emulator's own rules.
package gateway

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// WriteError writes an error answer in the gateway's JSON shape, with the
// diagnosis link the service puts in Recommend. hostID is the HostId
// member, the endpoint's host name.
func WriteError(w http.ResponseWriter, status int, requestID, hostID, code, message string) {
	body, _ := json.Marshal(struct {
		HostID    string `json:"HostId"`
		Code      string `json:"Code"`
		Message   string `json:"Message"`
		Recommend string `json:"Recommend"`
	}{hostID, code, message, "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Privatelink&requestId=" + requestID})
	WriteBody(w, status, requestID, body)
}

// WriteBody writes a JSON object with RequestId inserted as its first
// member. Stored idempotent answers are kept without RequestId, so every
// replay gets a fresh one.
func WriteBody(w http.ResponseWriter, status int, requestID string, obj []byte) {
	out := make([]byte, 0, len(obj)+64)
	out = append(out, `{"RequestId":"`...)
	out = append(out, requestID...)
	out = append(out, '"')
	if len(obj) > 2 {
		out = append(out, ',')
		out = append(out, obj[1:]...)
	} else {
		out = append(out, '}')
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(out)))
	h.Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// NewRequestID returns a random UUID in upper case, the service's format
// of a RequestId.
func NewRequestID() string {
	var b [16]byte
	_, _ = io.ReadFull(rand.Reader, b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	for i, c := range out {
		if c >= 'a' && c <= 'f' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out[:])
}

// CountParams counts the non-empty "&"-separated pairs of a query string
// or form body, the parameters the emulator would parse, without making
// them: the emulator's MaxRequestParams applies to this count.
func CountParams(raw string) int {
	n := 0
	for i := 0; i < len(raw); {
		j := strings.IndexByte(raw[i:], '&')
		if j < 0 {
			j = len(raw) - i
		}
		if j > 0 {
			n++
		}
		i += j + 1
	}
	return n
}

// ValidAccountID reports whether id has the shape of a UID: 1 to 19
// digits, at most 9223372036854775807, since the API carries a UID as an
// int64 (UserId, EndpointOwnerId). Zero-padding past 19 digits is refused
// too: it would parse, but no UID is written that way.
func ValidAccountID(id string) bool {
	if id == "" || len(id) > 19 || strings.Trim(id, "0123456789") != "" {
		return false
	}
	_, err := strconv.ParseInt(id, 10, 64)
	return err == nil
}

// IsForm reports whether a Content-Type is a form body's, whose
// parameters count with the query string's.
func IsForm(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/x-www-form-urlencoded"
}
