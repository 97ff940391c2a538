package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/signer"
)

const (
	redactTestSecret = "Zq3VbN8kLm2PxR7tWc4YdF9gHj6Ks1"
	redactTestToken  = "CAIS8wF1q6Ft5B2yfSjIr5bkLsr5hLpU0Y2+Z3nOkTMBAV1Lm7dPfa8yhP0bM"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, gone, kept string }{
		{`{"AccessKeyId":"LTAI5tExample","AccessKeySecret":"plainsecret","SecurityToken":"zzsts"}`, "plainsecret", `"AccessKeySecret":"[redacted]"`},
		{`{"AccessKeySecret": "plainsecret"}`, "plainsecret", `"AccessKeySecret": "[redacted]"`},
		{`{\"AccessKeySecret\":\"plainsecret\"}`, "plainsecret", `[redacted]`},
		{`/?AccessKeyId=LTAI5tExample&Signature=Yp%2Bk3&SignatureMethod=HMAC-SHA1`, "Yp%2Bk3", "SignatureMethod=HMAC-SHA1"},
		{`/?Signature=abc&SecurityToken=zzsts&Action=X`, "zzsts", "Action=X"},
		{`x-acs-security-token: zzsts`, "zzsts", `x-acs-security-token: [redacted]`},
		{`POST&%2F&Action%3DX%26SecurityToken%3Dzzsts%26Version%3D1`, "zzsts", "%26Version%3D1"},
		{`access_key_secret = plainsecret`, "plainsecret", `access_key_secret = [redacted]`},
		{`Authorization: Bearer abc.def`, "abc.def", "Authorization"},
		{`leaked ` + redactTestSecret + ` here`, redactTestSecret, "leaked [redacted] here"},
		{`token ` + redactTestToken, redactTestToken[5:25], "token [redacted]"},
		{`percent ` + url.QueryEscape(redactTestToken), "Ft5B2yfSjIr5bkLsr5hLpU0Y2", "percent [redacted]"},
	} {
		got := Redact(tc.in)
		assert.NotContains(t, got, tc.gone, tc.in)
		assert.Contains(t, got, tc.kept, tc.in)
	}
	// Identifiers a reader needs stay: request IDs, endpoint IDs, nonces,
	// words, and the messages that merely name a parameter.
	for _, s := range []string{
		"RequestId 6F2E3A4B-1C2D-4E5F-8A9B-0C1D2E3F4A5B",
		"EndpointId ep-hp33b2e43fays7s8ab3c",
		"nonce 3156853299f313e23d1673dc12e1703d",
		"Specified SecurityToken mismatch with the AccessKey.",
		"SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&ClientToken=abc",
		"<html><head><title>502 Bad Gateway</title></head>",
	} {
		assert.Equal(t, s, Redact(s))
	}
}

// A snippet is redacted before it is cut: a token that crosses the cut is
// still recognised.
func TestSnippetRedactsBeforeCutting(t *testing.T) {
	for _, prefix := range []int{snippetLen - 10, snippetLen - 4, snippetLen - 1} {
		body := strings.Repeat("x", prefix) + " " + redactTestToken + " and more"
		tr := newSnippetTransport(t, http.StatusBadGateway, "text/html", body)
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, func(*jsonx.Decoder, []byte) bool { return false })
		var re *ResponseError
		require.True(t, errors.As(err, &re), "%v", err)
		for n := 4; n <= len(redactTestToken); n++ {
			require.NotContains(t, re.Snippet, redactTestToken[:n], "prefix %d: the snippet holds the token's first %d bytes", prefix, n)
		}
		assert.LessOrEqual(t, len(re.Snippet), snippetLen)
	}
}

// A proxy's error page that echoes the request it refused (for V1, a URL
// holding the signature and security token) leaks neither into the error.
func TestSnippetOfEchoedRequest(t *testing.T) {
	var sig string
	tr := newSnippetTransportFunc(t, func(w http.ResponseWriter, r *http.Request) {
		sig = r.URL.Query().Get("Signature")
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<p>Bad gateway for " + r.URL.RequestURI() + "</p>"))
	})
	_, err := tr.Do(context.Background(), &Call{Action: "X"}, func(*jsonx.Decoder, []byte) bool { return false })
	var re *ResponseError
	require.True(t, errors.As(err, &re), "%v", err)
	require.NotEmpty(t, sig)
	assert.NotContains(t, re.Snippet, sig)
	assert.NotContains(t, re.Snippet, url.QueryEscape(sig))
	assert.NotContains(t, re.Snippet, redactTestToken[:8])
	assert.NotContains(t, err.Error(), redactTestToken[:8])
}

func newSnippetTransport(t *testing.T, status int, contentType, body string) *Transport {
	return newSnippetTransportFunc(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		w.Write([]byte(body))
	})
}

func newSnippetTransportFunc(t *testing.T, h http.HandlerFunc) *Transport {
	tr := newTestTransport(t, signer.V1, h)
	tr.cfg.Credentials = func(context.Context) (Credentials, error) {
		return Credentials{AccessKeyID: "LTAI5tExample", AccessKeySecret: redactTestSecret, SecurityToken: redactTestToken}, nil
	}
	tr.cfg.Retry.MaxAttempts = 1
	tr.rc.RetryMax = 0
	tr.rc.RetryWaitMin, tr.rc.RetryWaitMax = time.Millisecond, time.Millisecond
	return tr
}

// A decode error quotes the start of the offending value; when that value
// holds a secret cut mid-way, redaction cannot recognise it, so the
// transport withholds quoted values from decode errors altogether.
func TestDecodeErrorsQuoteNoValues(t *testing.T) {
	value := strings.Repeat("p", 30) + redactTestToken
	tr := newSnippetTransport(t, http.StatusOK, "application/json", `{"RequestId":"R","Flag":"`+value+`"}`)
	_, err := tr.Do(context.Background(), &Call{Action: "X"}, func(d *jsonx.Decoder, key []byte) bool {
		if string(key) == "Flag" {
			d.Bool()
			return true
		}
		return false
	})
	var re *ResponseError
	require.True(t, errors.As(err, &re), "%v", err)
	for _, text := range []string{err.Error(), re.Err.Error()} {
		assert.NotContains(t, text, redactTestToken[:4])
		assert.Contains(t, text, "as a boolean")
	}
	assert.NotContains(t, re.Err.Error(), "pppp", "the value is withheld, not merely redacted")
}

// The request ID comes from a header or the body of whatever answered,
// which may be a proxy: it is echoed in errors and logs only when it is
// not shaped like a credential, and never longer than a request ID.
func TestRequestIDIsNotAnEchoChannel(t *testing.T) {
	for _, id := range []string{"Authorization: ACS3-HMAC-SHA256 Signature=0f3a" + strings.Repeat("b", 60), redactTestToken, strings.Repeat("R", 1000)} {
		tr := newSnippetTransportFunc(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("X-Acs-Request-Id", id)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			w.Write([]byte("<html>bad gateway</html>"))
		})
		meta, err := tr.Do(context.Background(), &Call{Action: "X"}, func(*jsonx.Decoder, []byte) bool { return false })
		var re *ResponseError
		require.True(t, errors.As(err, &re), "%v", err)
		for _, text := range []string{re.RequestID, meta.RequestID, err.Error()} {
			assert.NotContains(t, text, "0f3abbbb")
			assert.NotContains(t, text, redactTestToken[:8])
			assert.LessOrEqual(t, len(re.RequestID), maxRequestIDLen)
		}
	}
	// Real request IDs pass untouched.
	tr := newSnippetTransport(t, http.StatusOK, "application/json", `{"RequestId":"6F2E3A4B-1C2D-4E5F-8A9B-0C1D2E3F4A5B"}`)
	meta, err := tr.Do(context.Background(), &Call{Action: "X"}, func(*jsonx.Decoder, []byte) bool { return false })
	require.NoError(t, err)
	assert.Equal(t, "6F2E3A4B-1C2D-4E5F-8A9B-0C1D2E3F4A5B", meta.RequestID)
}

// A service error's Message is the answer's own words and stays readable
// (the V1 string to sign a SignatureDoesNotMatch quotes keeps its
// AccessKeyId), but a credential named in it, as an echoing gateway would
// put it, is removed.
func TestServiceMessageKeepsNoNamedCredential(t *testing.T) {
	msg := `Bad request /?AccessKeyId=LTAI5tExample&Signature=Yp3kQ%2Bz&x-acs-security-token=zzsts&password=hunter2 ` +
		`server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tExample%26Action%3DX`
	tr := newSnippetTransport(t, http.StatusBadRequest, "application/json",
		`{"RequestId":"R","Code":"InvalidParameter","Message":"`+msg+`","Recommend":"https://x/?token=zzrec"}`)
	_, err := tr.Do(context.Background(), &Call{Action: "X"}, func(*jsonx.Decoder, []byte) bool { return false })
	var se *ServiceError
	require.True(t, errors.As(err, &se), "%v", err)
	for _, gone := range []string{"Yp3kQ", "zzsts", "hunter2"} {
		assert.NotContains(t, se.Message, gone)
	}
	assert.NotContains(t, se.Recommend, "zzrec")
	assert.Contains(t, se.Message, "AccessKeyId%3DLTAI5tExample%26Action%3DX")
	assert.Contains(t, se.Message, "AccessKeyId=LTAI5tExample")
}

// A transport error is cleaned through its whole chain, yet keeps the
// errors callers and the retry decision look for.
func TestRedactErrorChain(t *testing.T) {
	st := &callState{creds: Credentials{SecurityToken: redactTestToken}}
	st.query = "AccessKeyId=LTAI5tKey&SecurityToken=" + signer.PercentEncode(redactTestToken) + "&Signature=abcDEF123%3D"
	signed := "http://127.0.0.1:1/?" + st.query
	dns := &net.DNSError{Err: "no such host", Name: "privatelink.cn-nowhere.aliyuncs.com", IsNotFound: true}
	for name, err := range map[string]error{
		"nested url.Error": &url.Error{Op: "Post", URL: "http://127.0.0.1:1/", Err: &url.Error{Op: "Post", URL: signed, Err: dns}},
		"wrapped by middleware": &url.Error{Op: "Post", URL: signed, Err: fmt.Errorf("middleware %s: %w", signed, &AttemptTimeoutError{
			Timeout: time.Second, Err: &url.Error{Op: "Post", URL: signed, Err: context.DeadlineExceeded}})},
		"joined": &url.Error{Op: "Post", URL: "http://127.0.0.1:1/", Err: errors.Join(dns, fmt.Errorf("token %s: %w", redactTestToken, context.Canceled))},
	} {
		got := st.redact(err)
		for _, s := range []string{got.Error(), fmt.Sprintf("%+v", got)} {
			for _, secret := range []string{"LTAI5tKey", "SecurityToken", "Signature", "abcDEF123", redactTestToken} {
				assert.NotContains(t, s, secret, name)
			}
		}
		for e := got; e != nil; e = errors.Unwrap(e) {
			var ue *url.Error
			if errors.As(e, &ue) {
				assert.NotContains(t, ue.URL, "?", name)
			}
		}
		var dnsErr *net.DNSError
		switch name {
		case "wrapped by middleware":
			assert.ErrorIs(t, got, context.DeadlineExceeded, name)
			var ate *AttemptTimeoutError
			assert.True(t, errors.As(got, &ate), name)
		case "joined":
			assert.ErrorIs(t, got, context.Canceled, name)
			assert.True(t, errors.As(got, &dnsErr), name)
		default:
			assert.True(t, errors.As(got, &dnsErr) && dnsErr.IsNotFound, name)
			assert.Equal(t, "privatelink.cn-nowhere.aliyuncs.com", unknownHost(got), name)
		}
	}
}
