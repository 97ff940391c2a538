package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestShouldRetry(t *testing.T) {
	urlErr := func(err error) error { return &url.Error{Op: "Post", URL: "https://x/", Err: err} }
	cases := []struct {
		name   string
		ctxErr error
		status int
		code   string
		err    error
		want   bool
		reason string
	}{
		{"ok", nil, 200, "", nil, false, ReasonOK},
		{"connection refused", nil, 0, "", urlErr(&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), true, ReasonTransport},
		{"connection reset", nil, 0, "", urlErr(syscall.ECONNRESET), true, ReasonTransport},
		{"EOF mid-response", nil, 0, "", urlErr(io.ErrUnexpectedEOF), true, ReasonTransport},
		{"per-attempt timeout", nil, 0, "", urlErr(context.DeadlineExceeded), true, ReasonTransport},
		{"caller cancelled", context.Canceled, 0, "", urlErr(context.Canceled), false, ReasonContext},
		{"caller deadline", context.DeadlineExceeded, 0, "", urlErr(context.DeadlineExceeded), false, ReasonContext},
		{"cancel seen in error only", nil, 0, "", urlErr(context.Canceled), false, ReasonPermanentError},
		{"unknown authority", nil, 0, "", urlErr(x509.UnknownAuthorityError{}), false, ReasonPermanentError},
		{"hostname mismatch", nil, 0, "", urlErr(x509.HostnameError{Host: "x"}), false, ReasonPermanentError},
		{"verification", nil, 0, "", urlErr(&tls.CertificateVerificationError{Err: errors.New("bad")}), false, ReasonPermanentError},
		{"TLS to plain server", nil, 0, "", urlErr(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), false, ReasonPermanentError},
		{"bad scheme", nil, 0, "", urlErr(errors.New(`unsupported protocol scheme "ftp"`)), false, ReasonPermanentError},
		{"500", nil, 500, "", nil, true, ReasonStatus},
		{"502 proxy", nil, 502, "", nil, true, ReasonStatus},
		{"503", nil, 503, "ServiceUnavailable", nil, true, ReasonCode},
		{"504", nil, 504, "", nil, true, ReasonStatus},
		{"501 is permanent", nil, 501, "", nil, false, ReasonClientError},
		{"429", nil, 429, "", nil, true, ReasonStatus},
		{"Throttling", nil, 400, "Throttling", nil, true, ReasonCode},
		{"Throttling.User", nil, 400, "Throttling.User", nil, true, ReasonCode},
		{"Throttling.Api 503", nil, 503, "Throttling.Api", nil, true, ReasonCode},
		{"InternalError", nil, 500, "InternalError", nil, true, ReasonCode},
		{"EndpointLocked", nil, 400, "EndpointLocked", nil, true, ReasonCode},
		{"ConcurrentCallNotSupported", nil, 400, "ConcurrentCallNotSupported", nil, true, ReasonCode},
		{"EndpointOperationDenied", nil, 400, "EndpointOperationDenied", nil, true, ReasonCode},
		{"EndpointConnectionOperationDenied", nil, 400, "EndpointConnectionOperationDenied", nil, true, ReasonCode},
		{"EndpointServiceLocked", nil, 400, "EndpointServiceLocked", nil, true, ReasonCode},
		{"EndpointServiceOperationDenied", nil, 400, "EndpointServiceOperationDenied", nil, true, ReasonCode},
		{"InvalidParameter", nil, 400, "InvalidParameter", nil, false, ReasonClientError},
		{"MissingParameter", nil, 400, "MissingParameter", nil, false, ReasonClientError},
		{"SignatureDoesNotMatch", nil, 400, "SignatureDoesNotMatch", nil, false, ReasonClientError},
		{"Forbidden.RAM", nil, 403, "Forbidden.RAM", nil, false, ReasonClientError},
		{"EndpointNotFound", nil, 400, "EndpointNotFound", nil, false, ReasonClientError},
		{"IdempotentParameterMismatch", nil, 400, "IdempotentParameterMismatch", nil, false, ReasonClientError},
		{"DryRunOperation", nil, 400, "DryRunOperation", nil, false, ReasonClientError},
		{"404 unknown API", nil, 404, "InvalidApi.NotFound", nil, false, ReasonClientError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := ShouldRetry(tc.ctxErr, tc.status, tc.code, tc.err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.reason, reason)
		})
	}
}

func TestBackoff(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 5, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}
	top := func(n int64) int64 { return n - 1 } // the largest value full jitter can draw
	zero := func(int64) int64 { return 0 }
	cases := []struct {
		retry int
		hint  time.Duration
		rnd   func(int64) int64
		want  time.Duration
	}{
		{0, 0, top, 100 * time.Millisecond},
		{1, 0, top, 200 * time.Millisecond},
		{3, 0, top, 800 * time.Millisecond},
		{4, 0, top, time.Second},                    // capped
		{40, 0, top, time.Second},                   // no overflow
		{2, 0, zero, 0},                             // full jitter reaches zero
		{0, 3 * time.Second, zero, 3 * time.Second}, // the hint wins over the cap
		{0, time.Hour, zero, MaxHint},               // but is bounded
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("retry%d_hint%v", tc.retry, tc.hint), func(t *testing.T) {
			assert.Equal(t, tc.want, Backoff(p, tc.retry, tc.hint, tc.rnd))
		})
	}
	for i := 0; i < 1000; i++ {
		d := Backoff(p, 2, 0, nil)
		assert.True(t, d >= 0 && d <= 400*time.Millisecond, "%v", d)
	}
}

func TestHint(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		headers map[string]string
		want    time.Duration
	}{
		{"none", nil, 0},
		{"Retry-After seconds", map[string]string{"Retry-After": "3"}, 3 * time.Second},
		{"Retry-After date", map[string]string{"Retry-After": now.Add(5 * time.Second).Format(http.TimeFormat)}, 5 * time.Second},
		{"Retry-After in the past", map[string]string{"Retry-After": now.Add(-5 * time.Second).Format(http.TimeFormat)}, 0},
		{"Retry-After garbage", map[string]string{"Retry-After": "soon"}, 0},
		{"user-api TimeLeft", map[string]string{"x-ratelimit-user-api": "Limit:1,Remain:0,TimeLeft:2000,Reset:1234"}, 2 * time.Second},
		{"user TimeLeft", map[string]string{"x-ratelimit-user": "Remain:0, TimeLeft: 750"}, 750 * time.Millisecond},
		{"largest wins", map[string]string{"x-ratelimit-user-api": "TimeLeft:100", "x-ratelimit-user": "TimeLeft:900", "Retry-After": "0"}, 900 * time.Millisecond},
		{"no TimeLeft", map[string]string{"x-ratelimit-user": "Limit:1,Remain:5"}, 0},
		{"bad TimeLeft", map[string]string{"x-ratelimit-user": "TimeLeft:abc"}, 0},
		{"Retry-After overflowing Duration", map[string]string{"Retry-After": "9223372037"}, MaxHint},
		{"Retry-After beyond int64", map[string]string{"Retry-After": "99999999999999999999"}, MaxHint},
		{"Retry-After above the cap", map[string]string{"Retry-After": "3600"}, MaxHint},
		{"TimeLeft overflowing Duration", map[string]string{"x-ratelimit-user-api": "TimeLeft:9223372036855"}, MaxHint},
		{"TimeLeft beyond int64", map[string]string{"x-ratelimit-user": "TimeLeft:99999999999999999999"}, MaxHint},
		{"Retry-After date far ahead", map[string]string{"Retry-After": now.Add(1000 * time.Hour).Format(http.TimeFormat)}, MaxHint},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var h http.Header
			if tc.headers != nil {
				h = http.Header{}
				for k, v := range tc.headers {
					h.Set(k, v)
				}
			}
			assert.Equal(t, tc.want, Hint(h, now))
		})
	}
}
