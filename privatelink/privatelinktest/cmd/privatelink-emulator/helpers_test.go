package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// These tests run the real command as a subprocess, built once by TestMain,
// and talk to it only over loopback HTTP, as a non-Go client would. Nothing
// of the emulator runs inside the test process.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "privatelink-emulator-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "privatelink-emulator")
	args := []string{"build", "-o", binary}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the command:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// syncBuffer collects a subprocess's stderr while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// emulator is one running command.
type emulator struct {
	cmd    *exec.Cmd
	info   map[string]any
	url    string
	stderr *syncBuffer
	// startup is the time from starting the process to its first health
	// answer.
	startup time.Duration
	waited  chan error
	http    *http.Client
}

// start runs the command on a free loopback port with -json and extra
// args, reads its start-up line and waits for its health answer. The
// process is killed at the end of the test if it still runs.
func start(t testing.TB, args ...string) *emulator {
	t.Helper()
	e := &emulator{stderr: &syncBuffer{}, waited: make(chan error, 1), http: &http.Client{Timeout: 10 * time.Second}}
	e.cmd = exec.Command(binary, append([]string{"-addr", "127.0.0.1:0", "-json"}, args...)...)
	e.cmd.Stderr = e.stderr
	stdout, err := e.cmd.StdoutPipe()
	require.NoError(t, err)
	began := time.Now()
	require.NoError(t, e.cmd.Start())
	go func() { e.waited <- e.cmd.Wait() }()
	t.Cleanup(func() {
		_ = e.cmd.Process.Kill()
		<-e.waited
		if strings.Contains(e.stderr.String(), "WARNING: DATA RACE") {
			t.Errorf("the command has a data race:\n%s", e.stderr)
		}
	})
	// The line is printed once the port is bound, so the first health
	// request cannot be refused: no polling.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "start-up line; stderr: %s", e.stderr)
	require.NoError(t, json.Unmarshal([]byte(line), &e.info), line)
	e.url = e.info["PRIVATELINK_EMULATOR_ENDPOINT"].(string)
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if strings.HasPrefix(e.url, "http://") {
		resp, err := e.http.Get(e.url + "/_emulator/health")
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		e.startup = time.Since(began)
	}
	return e
}

// stop sends SIGTERM and returns the exit code.
func (e *emulator) stop(t testing.TB) int {
	t.Helper()
	require.NoError(t, e.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-e.waited:
	case <-time.After(30 * time.Second):
		t.Fatal("the emulator did not stop on SIGTERM")
	}
	e.waited <- nil // for the cleanup
	return e.cmd.ProcessState.ExitCode()
}

// admin sends an admin request with a JSON body (nil for none) and decodes
// the JSON answer into out (nil to ignore), returning the status.
func (e *emulator) admin(t testing.TB, method, path string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.http.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"), string(b))
	if out != nil {
		require.NoError(t, json.Unmarshal(b, out), string(b))
	}
	return resp.StatusCode
}

// delayed waits until n requests of action are held back by an injected
// Latency, as the emulator's stats say (its Delayed counter moves before
// the answer is held back, so they are in flight then).
func (e *emulator) delayed(t testing.TB, action string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var st struct {
			Actions map[string]privatelinktest.ActionStats
		}
		require.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/stats", nil, &st))
		if st.Actions[action].Delayed >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d %s requests held back after 10 s", st.Actions[action].Delayed, n, action)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// logged waits for the subprocess's stderr, copied in by a goroutine of
// os/exec, to contain want.
func (e *emulator) logged(t testing.TB, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(e.stderr.String(), want) {
		if time.Now().After(deadline) {
			t.Errorf("the log has no %s:\n%s", want, e.stderr)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}
