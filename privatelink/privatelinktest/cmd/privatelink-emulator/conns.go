package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// The server's time limits. A local client sends a request in
// milliseconds, so these only ever meet a client that is stuck or hostile;
// each is a flag where a test or an unusual setup needs another value.
const (
	// defaultReadHeaderTimeout (-read-header-timeout) bounds the wait
	// for a request's header on a new connection: one that sends nothing,
	// or a header byte by byte, is closed after it.
	defaultReadHeaderTimeout = 5 * time.Second
	// defaultReadTimeout (-read-timeout) bounds the whole request, header
	// and body (which the limits keep under 128 KiB).
	defaultReadTimeout = 30 * time.Second
	// writeTimeout bounds writing an answer, counted from its first byte,
	// so that a client that stops reading cannot hold a connection; the
	// time the emulator takes to produce the answer (an injected Latency
	// among it) is not counted.
	writeTimeout = 30 * time.Second
	// defaultIdleTimeout (-idle-timeout) bounds how long a kept-alive
	// connection waits for its next request. Go's HTTP client keeps idle
	// connections 90 s; closing earlier is safe, as the client then
	// dials again.
	defaultIdleTimeout = 60 * time.Second
	// defaultMaxConns (-max-conns) bounds open connections. An idle one
	// costs the server about 10 KB; 512 is far more than any test suite
	// keeps open.
	defaultMaxConns = 512
)

// capListener accepts at most max connections at once. One more is
// answered 503 and closed at once, rather than left waiting in the
// kernel's backlog where a client cannot tell it from a hung server.
type capListener struct {
	net.Listener
	max   int
	open  atomic.Int64
	plain bool // the 503 can be written: no TLS above this listener
	log   *slog.Logger
	// lastLog is when a refusal was last logged (Unix nanoseconds): one
	// record a second at most, so a flood does not flood the log too.
	lastLog atomic.Int64
}

const connRefusal = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"

func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.open.Add(1) <= int64(l.max) {
			return &cappedConn{Conn: c, l: l}, nil
		}
		l.open.Add(-1)
		now := time.Now().UnixNano()
		if last := l.lastLog.Load(); now-last >= int64(time.Second) && l.lastLog.CompareAndSwap(last, now) {
			l.log.Warn("connection refused", "reason", "-max-conns", "max_conns", l.max)
		}
		if l.plain {
			_ = c.SetWriteDeadline(time.Now().Add(time.Second))
			_, _ = io.WriteString(c, connRefusal)
		}
		_ = c.Close()
	}
}

// cappedConn gives its place back when closed, once.
type cappedConn struct {
	net.Conn
	l    *capListener
	once sync.Once
}

func (c *cappedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}

// requests counts the requests being executed, for shutdown to wait on.
// A request counts once its body has been read: one still arriving, slow
// or stuck, has done nothing and is cut at shutdown.
type requests struct{ inFlight }

func newRequests() *requests { return &requests{inFlight{max: math.MaxInt}} }

// settle reads the request's body (up to the emulator's limit; the rest,
// if any, stays behind it) within the read timeout, then lifts the read
// and write deadlines net/http set for the request and counts it as
// executing. Lifting them matters: with a read deadline still set,
// net/http's check for a closed connection cancels the request when it
// passes, which would cut an injected Latency longer than the read
// timeout; the write deadline is set again when the answer starts.
func (q *requests) settle(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		whole := true
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(io.LimitReader(r.Body, privatelinktest.MaxRequestBytes+1))
			rest := r.Body
			r.Body = readCloser{io.MultiReader(bytes.NewReader(body), errReader{err}, rest), rest}
			whole = err == nil && len(body) <= privatelinktest.MaxRequestBytes
		}
		rc := http.NewResponseController(w)
		if whole {
			// A body cut short or over the limit keeps its deadlines:
			// net/http reads what is left of it after the refusal, and
			// must not wait for it forever.
			_ = rc.SetReadDeadline(time.Time{})
			_ = rc.SetWriteDeadline(time.Time{})
		}
		q.inFlight.acquire()
		defer q.inFlight.release()
		next.ServeHTTP(&deadlineWriter{ResponseWriter: w, rc: rc}, r)
		// The answer leaves net/http's buffer before the request stops
		// counting, so that shutdown cannot close the connection under
		// it. (A hijacked connection has nothing buffered.)
		_ = rc.Flush()
	})
}

// deadlineWriter sets the write deadline when the answer starts.
type deadlineWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	started bool
}

func (d *deadlineWriter) start() {
	if !d.started {
		d.started = true
		_ = d.rc.SetWriteDeadline(time.Now().Add(writeTimeout))
	}
}

func (d *deadlineWriter) WriteHeader(code int) { d.start(); d.ResponseWriter.WriteHeader(code) }

func (d *deadlineWriter) Write(b []byte) (int, error) { d.start(); return d.ResponseWriter.Write(b) }

// Hijack passes through, for the emulator's dropped-connection fault.
func (d *deadlineWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := d.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("connection cannot be hijacked")
	}
	return hj.Hijack()
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }
