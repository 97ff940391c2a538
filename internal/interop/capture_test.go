package interop

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
)

// wireRequest is one HTTP request exactly as an official SDK put it on the
// socket. Header names are kept as sent: Go's server canonicalises them
// ("x-acs-action" becomes "X-Acs-Action"), which would hide the casing the
// SDKs use, so they come from the raw bytes instead.
type wireRequest struct {
	Method     string
	RequestURI string
	Proto      string
	// RawHeaders holds every header line in the order sent, name as sent.
	RawHeaders []rawHeader
	Query      url.Values
	Body       []byte
	// ServerAddr is the recorder's host:port, what Host should say.
	ServerAddr string
	// SDKStringToSign is the V1 string to sign as the SDK itself reports it,
	// for the SDKs that expose it (the v1 SDK does); empty otherwise.
	SDKStringToSign string
}

type rawHeader struct{ Name, Value string }

// header returns the value of the header whose name matches exactly (case
// sensitive) and whether it was present.
func (r *wireRequest) header(name string) (string, bool) {
	for _, h := range r.RawHeaders {
		if h.Name == name {
			return h.Value, true
		}
	}
	return "", false
}

// headerNames lists the header names as sent.
func (r *wireRequest) headerNames() []string {
	names := make([]string, 0, len(r.RawHeaders))
	for _, h := range r.RawHeaders {
		names = append(names, h.Name)
	}
	return names
}

// single returns the only value of a query key; it fails the test when the
// key is missing or repeated, since a repeated key would be signed
// ambiguously.
func (r *wireRequest) single(t *testing.T, key string) string {
	t.Helper()
	vs, ok := r.Query[key]
	if !ok {
		t.Fatalf("query key %q missing; keys: %v", key, sortedKeys(r.Query))
	}
	if len(vs) != 1 {
		t.Fatalf("query key %q sent %d times: %q", key, len(vs), vs)
	}
	return vs[0]
}

// recorder is a loopback HTTP server that keeps the raw bytes of every
// request it reads and answers each with a fixed JSON body.
type recorder struct {
	srv *httptest.Server

	mu    sync.Mutex
	raw   bytes.Buffer
	count int
}

// newRecorder starts a recorder on 127.0.0.1 (httptest never binds anything
// else) that answers with status and body.
func newRecorder(t *testing.T, status int, body string) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Drain the body so that its bytes reach the raw buffer before the
		// client sees the response.
		_, _ = io.Copy(io.Discard, r.Body)
		rec.mu.Lock()
		rec.count++
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	rec.srv.Listener = &teeListener{Listener: rec.srv.Listener, rec: rec}
	rec.srv.Start()
	t.Cleanup(rec.srv.Close)
	return rec
}

// hostPort is the server address without scheme, the form both SDKs take as
// their endpoint.
func (rec *recorder) hostPort() string {
	return strings.TrimPrefix(rec.srv.URL, "http://")
}

// only returns the single request the server received; each capture uses a
// fresh server, so anything else means an SDK retried or probed something.
func (rec *recorder) only(t *testing.T) *wireRequest {
	t.Helper()
	rec.mu.Lock()
	raw := append([]byte(nil), rec.raw.Bytes()...)
	n := rec.count
	rec.mu.Unlock()
	if n != 1 {
		t.Fatalf("server handled %d requests, want exactly 1", n)
	}
	req, err := parseWireRequest(raw)
	if err != nil {
		t.Fatalf("parse raw request: %v\n%s", err, raw)
	}
	req.ServerAddr = rec.hostPort()
	return req
}

// parseWireRequest splits one raw HTTP/1.1 request. It deliberately does not
// use net/http's parser, which canonicalises header names.
func parseWireRequest(raw []byte) (*wireRequest, error) {
	head, body, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
	if !ok {
		return nil, fmt.Errorf("no end of header block")
	}
	lines := strings.Split(string(head), "\r\n")
	parts := strings.SplitN(lines[0], " ", 3)
	if len(parts) != 3 {
		return nil, fmt.Errorf("bad request line %q", lines[0])
	}
	req := &wireRequest{Method: parts[0], RequestURI: parts[1], Proto: parts[2], Body: body}
	for _, l := range lines[1:] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("bad header line %q", l)
		}
		req.RawHeaders = append(req.RawHeaders, rawHeader{Name: name, Value: strings.TrimLeft(value, " ")})
	}
	u, err := url.ParseRequestURI(req.RequestURI)
	if err != nil {
		return nil, err
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, err
	}
	req.Query = q
	return req, nil
}

// teeListener hands out connections whose reads are copied to the recorder.
type teeListener struct {
	net.Listener
	rec *recorder
}

func (l *teeListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &teeConn{Conn: c, rec: l.rec}, nil
}

type teeConn struct {
	net.Conn
	rec *recorder
}

func (c *teeConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.rec.mu.Lock()
		c.rec.raw.Write(p[:n])
		c.rec.mu.Unlock()
	}
	return n, err
}

// sortedKeys lists the keys of a query in byte order, for messages and for
// comparing key sets.
func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
