package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Under "go run", killing the go tool (here with SIGKILL, which it cannot
// pass on) stops the server too: it gets SIGTERM from the kernel and shuts
// down, instead of serving on with no parent.
func TestGoRunParentKilledStopsServer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command with go run")
	}
	cmd := exec.Command("go", "run", ".", "-addr", "127.0.0.1:0", "-json")
	// Its own process group, so that the cleanup can stop the server
	// should the test fail.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	var info map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &info))
	url := info["PRIVATELINK_EMULATOR_ENDPOINT"].(string) + "/_emulator/health"
	resp, err := http.Get(url)
	require.NoError(t, err)
	resp.Body.Close()

	require.NoError(t, cmd.Process.Kill(), "SIGKILL to the go tool only")
	_ = cmd.Wait()
	hc := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := hc.Get(url)
		if err != nil {
			return // nothing listens: the server stopped
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still serves 30 s after the go tool was killed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
