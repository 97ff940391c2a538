package privatelink

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// The PrivateLink API never redirects. A redirect would carry the V3
// x-acs-security-token to another host, or the V1 signed query (Signature,
// SecurityToken, AccessKeyId) in a Referer, in cleartext when an https
// endpoint points at http, and the other host's answer would be taken as
// the result. The client follows none, with its own HTTP client or the
// caller's.
func TestRedirectsAreRefused(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
			http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			for _, tls := range []bool{true, false} {
				name := fmt.Sprintf("%v/%d/https-to-http=%v", v, status, tls)
				t.Run(name, func(t *testing.T) { testRedirectRefused(t, v, status, tls) })
			}
		}
	}
}

func testRedirectRefused(t *testing.T, v signer.Version, status int, useTLS bool) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		jsonAnswer(200, `{"RequestId":"OTHER","EndpointId":"ep-forged"}`)(w)
	}))
	t.Cleanup(other.Close)
	var asked atomic.Int32
	var sig string
	redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		sig = r.URL.Query().Get("Signature")
		// Echo the path and query, as a careless or hostile redirect would.
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), status)
	})
	var (
		srv  *httptest.Server
		logs bytes.Buffer
		opts = []Option{WithStaticCredentials(testAK, testSecret, testToken), WithSignatureVersion(v),
			WithRetry(3, time.Millisecond, time.Millisecond),
			WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))}
		hc *http.Client
	)
	if useTLS {
		srv = httptest.NewTLSServer(redirect)
		hc = srv.Client()
		opts = append(opts, WithHTTPClient(hc))
	} else {
		srv = httptest.NewServer(redirect)
	}
	t.Cleanup(srv.Close)
	var transportBefore http.RoundTripper
	if hc != nil {
		transportBefore = hc.Transport
	}
	c, err := NewClient("cn-huhehaote", append(opts, WithEndpoint(srv.URL))...)
	require.NoError(t, err)

	id, _, err := rawCall(context.Background(), c, "tok-redirect")
	require.Error(t, err)
	assert.Empty(t, id, "another host's answer is not a result")
	assert.Zero(t, elsewhere.Load(), "the redirect target must never receive a request")
	assert.EqualValues(t, 1, asked.Load(), "a redirect is not retried")
	assert.False(t, IsRetryable(err))

	otherHost := strings.TrimPrefix(other.URL, "http://")
	msg := err.Error()
	assert.Contains(t, msg, fmt.Sprint(status))
	assert.Contains(t, msg, otherHost)
	assert.Contains(t, msg, "redirect")
	for _, secret := range []string{testSecret, testToken, url.QueryEscape(testToken), "Signature="} {
		assert.NotContains(t, msg, secret)
		assert.NotContains(t, fmt.Sprintf("%+v", err), secret)
		assert.NotContains(t, logs.String(), secret)
	}
	assert.Contains(t, logs.String(), "redirect", "the refused attempt is logged")
	if v == signer.V1 {
		require.NotEmpty(t, sig)
		for _, text := range []string{msg, logs.String()} {
			assert.NotContains(t, text, sig)
			assert.NotContains(t, text, url.QueryEscape(sig))
		}
	}

	if hc != nil {
		assert.Nil(t, hc.CheckRedirect, "the caller's client is not modified")
		assert.Equal(t, transportBefore, hc.Transport, "the caller's client is not modified")
	}
}
