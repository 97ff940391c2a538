package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
	"github.com/privatelink-go/sdk/signer"
)

// maxErrorBodyBytes bounds how much of an error answer is kept to read its
// Code; the gateway's error answers are a few hundred bytes.
const maxErrorBodyBytes = 4 << 10

// maxLogField bounds the client-chosen strings a record carries (action,
// access key ID), so that garbage input cannot bloat the log.
const maxLogField = 64

// logRequests wraps the emulator with one structured record per request:
// method, action, access key ID, signature version, status, error code,
// request ID and latency. It logs nothing else of the request, so no
// signature, security token or secret can reach the log: those travel in
// the parameters and headers it does not copy.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		action, keyID, version := describe(r)
		rec := &recorder{ResponseWriter: w}
		defer func() {
			p := recover()
			status, code := rec.status, rec.code()
			level := slog.LevelInfo
			if rec.hijacked || p != nil || status >= 500 {
				level = slog.LevelWarn
			}
			attrs := []slog.Attr{
				slog.String("method", r.Method),
				slog.String("action", clip(action)),
				slog.String("access_key_id", clip(keyID)),
				slog.String("signature_version", version),
				slog.Int("status", status),
				slog.String("code", clip(code)),
				slog.String("request_id", w.Header().Get("x-acs-request-id")),
				slog.Float64("latency_ms", float64(time.Since(start).Microseconds())/1000),
			}
			if rec.hijacked || p != nil {
				attrs = append(attrs, slog.Bool("dropped", true))
			}
			log.LogAttrs(r.Context(), level, "request", attrs...)
			if p != nil {
				// http.ErrAbortHandler: the emulator dropping the
				// connection on purpose; net/http finishes the job.
				panic(p)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// describe finds the action and access key the way the emulator does:
// V3 (an Authorization header) takes them from x-acs-action and the
// Authorization credential, V1 from the Action and AccessKeyId parameters
// of the query string, then of a form body. It reads the body and puts it
// back unchanged for the emulator.
func describe(r *http.Request) (action, keyID, version string) {
	// Nothing over the emulator's limits is parsed (it refuses such a
	// request unread), and no more of a body is read than they allow.
	raw := r.URL.RawQuery
	within := len(raw) <= privatelinktest.MaxRequestBytes
	var body []byte
	if within && r.Body != nil && gateway.IsForm(r.Header.Get("Content-Type")) {
		var err error
		room := privatelinktest.MaxRequestBytes - len(raw)
		body, err = io.ReadAll(io.LimitReader(r.Body, int64(room)+1))
		rest := r.Body
		r.Body = readCloser{io.MultiReader(bytes.NewReader(body), errReader{err}, rest), rest}
		within = err == nil && len(body) <= room
	}
	params := url.Values{}
	if within && gateway.CountParams(raw)+gateway.CountParams(string(body)) <= privatelinktest.MaxRequestParams {
		params, _ = url.ParseQuery(raw)
		form, _ := url.ParseQuery(string(body))
		for k, vs := range form {
			params[k] = append(params[k], vs...)
		}
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		version = "v3"
		action = params.Get("Action")
		if a := r.Header.Get("x-acs-action"); a != "" {
			action = a
		}
		if a, err := signer.ParseAuthorizationV3(auth); err == nil {
			keyID = a.AccessKeyID
		}
		return action, keyID, version
	}
	return params.Get("Action"), params.Get("AccessKeyId"), "v1"
}

// clip makes a client-chosen string safe to log: valid UTF-8, at most
// maxLogField bytes.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) > maxLogField {
		s = strings.ToValidUTF8(s[:maxLogField], "") + "..."
	}
	return s
}

type readCloser struct {
	io.Reader
	io.Closer
}

// errReader replays a read error after the bytes read before it, so the
// emulator sees a broken body as broken. A nil error reads as EOF.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}

// recorder notes the status and keeps the start of an error answer. It
// passes Hijack through, which the emulator's dropped-connection fault
// needs.
type recorder struct {
	http.ResponseWriter
	status   int
	errBody  []byte
	hijacked bool
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.status >= 400 && len(r.errBody) < maxErrorBodyBytes {
		r.errBody = append(r.errBody, b[:min(len(b), maxErrorBodyBytes-len(r.errBody))]...)
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("connection cannot be hijacked")
	}
	r.hijacked = true
	return hj.Hijack()
}

// code is the Code of an error answer, or "".
func (r *recorder) code() string {
	if len(r.errBody) == 0 {
		return ""
	}
	var e struct{ Code string }
	_ = json.Unmarshal(r.errBody, &e)
	return e.Code
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
