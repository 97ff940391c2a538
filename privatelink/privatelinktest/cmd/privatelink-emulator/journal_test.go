package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runToExit runs the command with args, expecting it to exit by itself,
// and returns its exit code and stderr.
func runToExit(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append([]string{"-addr", "127.0.0.1:0", "-json"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("running the command: %v", err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// TestStateRefusesDamageAndCutsOnlyOnRequest is issue 16's third defect
// through the command: one altered byte in record 1 of 10 used to leave 0
// of 10 endpoints after a restart, the file cut to 8 bytes without a log
// line. The command now refuses to start, naming the file, the record and
// its offset, and leaves the file alone; -state-truncate-at-damage cuts it
// at the last intact record and logs the cut.
func TestStateRefusesDamageAndCutsOnlyOnRequest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	args := []string{"-state", path, "-log-level", "info"}
	e := start(t, args...)
	c := newClient(t, e)
	for i := range 10 {
		_, err := createWithToken(c, fmt.Sprint("damage-", i))
		require.NoError(t, err)
	}
	require.Zero(t, e.stop(t))

	e2 := start(t, args...)
	assert.Equal(t, 10, countEndpoints(t, newClient(t, e2)))
	require.Zero(t, e2.stop(t))
	assert.Contains(t, e2.stderr.String(), "replayed 10 records from "+path)

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	damaged := bytes.Clone(data)
	damaged[8+12+5] ^= 0x40 // a byte of record 1's payload, after the 8-byte magic and its frame header
	require.NoError(t, os.WriteFile(path, damaged, 0o600))

	code, stderr := runToExit(t, args...)
	assert.Equal(t, 1, code, stderr)
	for _, want := range []string{path, "record 1 at offset 8", "9 intact records follow", "-state-truncate-at-damage"} {
		assert.Contains(t, stderr, want)
	}
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, damaged, after, "a refused journal is left as it was")

	e3 := start(t, append(args, "-state-truncate-at-damage")...)
	assert.Zero(t, countEndpoints(t, newClient(t, e3)), "the cut dropped record 1 and everything after it")
	require.Zero(t, e3.stop(t))
	log := e3.stderr.String()
	assert.Contains(t, log, `"msg":"journal cut"`)
	assert.Contains(t, log, `"record":1`)
	assert.Contains(t, log, "replayed 0 records from "+path)
	after, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Len(t, after, 8, "cut at the end of the last intact record: the magic")
}

// TestSecondServerOnOneStateFileExits is issue 16's fourth defect: two
// servers on one -state file overwrote each other's records. The second
// exits with status 1, naming the file and the first one's process ID.
func TestSecondServerOnOneStateFileExits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	e := start(t, "-state", path)
	code, stderr := runToExit(t, "-state", path)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stderr, path)
	assert.Contains(t, stderr, fmt.Sprint("process ", e.cmd.Process.Pid))
	require.Zero(t, e.stop(t))
	// The lock dies with its holder, even a killed one.
	e2 := start(t, "-state", path)
	require.NoError(t, e2.cmd.Process.Kill())
	<-e2.waited
	e2.waited <- nil
	e3 := start(t, "-state", path)
	require.Zero(t, e3.stop(t))
	assert.False(t, strings.Contains(e3.stderr.String(), "in use"))
}
