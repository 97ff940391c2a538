package interop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// These tests run the official SDKs against the privatelink-emulator
// command in a subprocess, as a user outside Go would run it: nothing of
// the emulator is in this process, and the tests reach it only through
// its printed endpoint and its admin API.

const emulatorPkg = "github.com/privatelink-go/sdk/privatelink/privatelinktest/cmd/privatelink-emulator"

// buildEmulator builds the command into a directory removed after t.
func buildEmulator(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "privatelink-emulator")
	out, err := exec.Command("go", "build", "-o", bin, emulatorPkg).CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// startCommand runs the command on a free loopback port and returns its
// endpoint URL once it answers its health check.
func startCommand(t *testing.T, bin string) string {
	t.Helper()
	isolate(t)
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-json", "-log-level", "warn")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	var info struct {
		URL string `json:"PRIVATELINK_EMULATOR_ENDPOINT"`
	}
	require.NoError(t, json.Unmarshal([]byte(line), &info), line)
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	resp, err := http.Get(info.URL + "/_emulator/health")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	return info.URL
}

// adminCall sends an admin request and decodes its JSON answer into out.
func adminCall(t *testing.T, url, method, path, body string, out any) {
	t.Helper()
	req, err := http.NewRequest(method, url+path, bytes.NewReader([]byte(body)))
	require.NoError(t, err)
	if body != "" {
		// The admin API takes JSON bodies only.
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	if out != nil {
		require.NoError(t, json.Unmarshal(b, out), string(b))
	}
}

// TestOfficialSDKsLifecycleOnCommand: each official SDK creates (with a
// lost answer and an idempotent retry), gets, lists and deletes an
// endpoint on the command.
func TestOfficialSDKsLifecycleOnCommand(t *testing.T) {
	bin := buildEmulator(t)
	for _, oc := range officialClients {
		t.Run(oc.name, func(t *testing.T) {
			url := startCommand(t, bin)
			// The client constructors read only URL; the Server itself
			// runs in the subprocess.
			c := oc.new(t, &privatelinktest.Server{URL: url}, privatelinktest.AccessKeySecret)
			token := "interop-cmd-" + oc.name
			in := defaultEmuCreate(token)
			// The command serves the default world, which has one
			// security group.
			in.SecurityGroupIDs = []string{privatelinktest.SecurityGroupID}

			adminCall(t, url, http.MethodPut, "/_emulator/faults/CreateVpcEndpoint", `{"DropAfterRate":1}`, nil)
			_, err := c.create(in)
			require.Error(t, err, "the answer was dropped")
			adminCall(t, url, http.MethodDelete, "/_emulator/faults/CreateVpcEndpoint", "", nil)
			var all struct{ Endpoints []privatelinktest.Endpoint }
			adminCall(t, url, http.MethodGet, "/_emulator/endpoints", "", &all)
			require.Len(t, all.Endpoints, 1, "the dropped request still created the endpoint")
			made := all.Endpoints[0]
			assert.Equal(t, token, made.ClientToken)
			assert.Equal(t, oursName, made.Name)
			assert.Equal(t, createInput.EndpointDescription, made.Description)
			assert.Equal(t, []privatelinktest.Tag{{Key: "env", Value: "prod"}, {Key: "cost center", Value: "网络/ops"}}, made.Tags)

			id, err := c.create(in)
			require.NoError(t, err)
			require.Equal(t, made.ID, id, "the retry with the token returns the endpoint")

			got, err := c.get(id)
			require.NoError(t, err)
			assert.Equal(t, endpointView{ID: id, Name: oursName, Description: createInput.EndpointDescription,
				Status: "Active", VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID}, got)
			ids, err := c.listByVpc(privatelinktest.VpcID)
			require.NoError(t, err)
			require.Equal(t, []string{id}, ids)

			require.NoError(t, c.delete(id, "interop-cmd-delete-"+oc.name))
			_, err = c.get(id)
			require.Equal(t, serviceError{Code: "EndpointNotFound", Status: 400}, c.serviceError(t, err))

			_, err = c.get("ep-hp3nosuchendpoint0000")
			require.Equal(t, serviceError{Code: "EndpointNotFound", Status: 400}, c.serviceError(t, err))
		})
	}
}
