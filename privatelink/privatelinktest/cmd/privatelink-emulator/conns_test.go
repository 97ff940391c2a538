package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// dialSlow opens n slow connections to e, of four kinds in turn: one that
// sends nothing; one that sends the start of a request header and then
// nothing (a slowloris); one that sends a whole header promising a body
// and then only the body's first bytes; one kept alive, idle, after a
// request was answered.
func dialSlow(t testing.TB, e *emulator, n int) []net.Conn {
	t.Helper()
	host := strings.TrimPrefix(e.url, "http://")
	conns := make([]net.Conn, n)
	for i := range conns {
		c, err := net.Dial("tcp", host)
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		conns[i] = c
		switch i % 4 {
		case 1:
			_, err = io.WriteString(c, "POST / HTTP/1.1\r\nHost: "+host+"\r\nX-Slow: ")
		case 2:
			_, err = io.WriteString(c, "POST / HTTP/1.1\r\nHost: "+host+
				"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=")
		case 3:
			_, err = io.WriteString(c, "GET /_emulator/health HTTP/1.1\r\nHost: "+host+"\r\n\r\n")
			if err == nil {
				var resp *http.Response
				resp, err = http.ReadResponse(bufio.NewReader(c), nil)
				if err == nil {
					resp.Body.Close()
				}
			}
		}
		require.NoError(t, err)
	}
	return conns
}

// closedBy waits for the server to close c and reports whether it did
// before deadline. What the server writes first (a 408) is read and
// ignored.
func closedBy(c net.Conn, deadline time.Time) bool {
	_ = c.SetReadDeadline(deadline)
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// Connections that send no request, or never finish its header, are closed
// after -read-header-timeout; one that never finishes its body after the
// read timeout; one idle between requests after -idle-timeout.
func TestSlowAndIdleConnectionsAreClosed(t *testing.T) {
	e := start(t, "-read-header-timeout", "300ms", "-read-timeout", "300ms", "-idle-timeout", "300ms")
	conns := dialSlow(t, e, 20)

	// The bound is far above the timeouts, for a loaded machine; without
	// them the connections were held indefinitely.
	deadline := time.Now().Add(20 * time.Second)
	for i, c := range conns {
		assert.True(t, closedBy(c, deadline), "connection %d still open", i)
	}
}

// Past -max-conns a connection is answered 503 and closed at once; the
// ones within it are served (here: held until the header timeout closes
// them, sending nothing). The test's own health check may hold one place,
// so of 8 connections over a cap of 4, 4 or 5 are refused.
func TestMaxConns(t *testing.T) {
	e := start(t, "-max-conns", "4", "-read-header-timeout", "1s")
	host := strings.TrimPrefix(e.url, "http://")
	conns := make([]net.Conn, 8)
	for i := range conns {
		c, err := net.Dial("tcp", host)
		require.NoError(t, err)
		defer c.Close()
		conns[i] = c
	}
	refused := 0
	for _, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(20 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			// Accepted: closed by the header timeout without a word.
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			continue
		}
		refused++
		assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
		assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	}
	assert.Contains(t, []int{4, 5}, refused)
	e.logged(t, `"msg":"connection refused"`)

	// The places are given back as connections close.
	for _, c := range conns {
		c.Close()
	}
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for {
		resp, err := c.Get(e.url + "/_emulator/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// SIGTERM with slow and idle connections held stops at once and exits 0:
// they carry no request, so there is nothing to wait for. The review saw
// a 10 s wait and exit status 1.
func TestSIGTERMWithSlowConnectionsExitsZero(t *testing.T) {
	e := start(t)
	// An endpoint, so the in-flight request below has work to finish.
	c := newClient(t, e)
	id := createOn(t, c, privatelinktest.ServiceID)
	dialSlow(t, e, 100)

	// One request in flight, held by injected latency, must still get its
	// answer.
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPut, "/_emulator/faults/GetVpcEndpointAttribute",
		map[string]any{"Latency": "300ms"}, nil))
	var wg sync.WaitGroup
	wg.Add(1)
	var status int
	go func() {
		defer wg.Done()
		a := do(t, e.http, v1Request(t, e.url, http.MethodGet, false, v1Params("GetVpcEndpointAttribute", signer.Param{Key: "EndpointId", Value: id})))
		status = a.status
	}()
	e.delayed(t, "GetVpcEndpointAttribute", 1)
	began := time.Now()
	require.NoError(t, e.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-e.waited:
	case <-time.After(30 * time.Second):
		t.Fatal("the emulator did not stop on SIGTERM")
	}
	e.waited <- nil
	took := time.Since(began)
	wg.Wait()
	assert.Equal(t, http.StatusOK, status, "the in-flight request was answered")
	assert.Equal(t, 0, e.cmd.ProcessState.ExitCode(), "stderr: %s", e.stderr)
	assert.Less(t, took, shutdownTimeout, "shut down within its bound")
	t.Logf("SIGTERM to exit with 100 slow connections and one request in flight: %v", took)
}

// The recorded run behind BENCHMARKS.md's "400 slow connections" figure:
// PRIVATELINK_EMULATOR_SLOWCONNS=400 opens that many (the four kinds of
// dialSlow in turn) against the default timeouts, reports when the server
// had closed the last of each kind, then opens as many again and measures
// SIGTERM to exit. Skipped otherwise.
func TestSlowConnectionsFigure(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PRIVATELINK_EMULATOR_SLOWCONNS"))
	if n == 0 {
		t.Skip("a measurement: set PRIVATELINK_EMULATOR_SLOWCONNS=400")
	}
	e := start(t)
	began := time.Now()
	conns := dialSlow(t, e, n)
	opened := time.Since(began)
	kinds := []string{"sending nothing", "header unfinished", "body unfinished", "idle after a request"}
	var mu sync.Mutex
	last := make([]time.Duration, 4)
	open := make([]int, 4)
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			closed := closedBy(c, began.Add(3*time.Minute))
			mu.Lock()
			defer mu.Unlock()
			if !closed {
				open[i%4]++
				return
			}
			last[i%4] = max(last[i%4], time.Since(began))
		}()
	}
	wg.Wait()
	t.Logf("%d slow connections, opened in %v:", n, opened.Round(time.Millisecond))
	for k, name := range kinds {
		t.Logf("  %-22s last closed at %v; %d still open after 3 min", name, last[k].Round(time.Millisecond), open[k])
	}

	dialSlow(t, e, n)
	stopped := time.Now()
	code := e.stop(t)
	t.Logf("SIGTERM with %d slow connections held: exit status %d after %v", n, code, time.Since(stopped).Round(time.Millisecond))
}
