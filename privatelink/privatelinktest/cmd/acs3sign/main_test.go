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
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

func env(endpoint string) func(string) string {
	return func(k string) string {
		return map[string]string{
			"PRIVATELINK_EMULATOR_ENDPOINT":   endpoint,
			"ALIBABA_CLOUD_ACCESS_KEY_ID":     privatelinktest.AccessKeyID,
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET": privatelinktest.AccessKeySecret,
		}[k]
	}
}

// sign runs the command and returns its output.
func sign(t *testing.T, endpoint string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(args, env(endpoint), &out, &errOut, time.Now()), errOut.String())
	return out.String()
}

var params = []string{"RegionId=" + privatelinktest.RegionID, "VpcId=" + privatelinktest.VpcID, "EndpointName=a name/with ümlauts"}

func TestSignedRequestIsAccepted(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	u := strings.TrimSpace(sign(t, srv.URL, append([]string{"-url"}, params...)...))
	headers := sign(t, srv.URL, append([]string{"-action", "ListVpcEndpoints"}, params...)...)
	assert.NotContains(t, headers, privatelinktest.AccessKeySecret)

	req, err := http.NewRequest(http.MethodPost, u, nil)
	require.NoError(t, err)
	sc := bufio.NewScanner(strings.NewReader(headers))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		require.True(t, ok, sc.Text())
		if k == "host" {
			assert.Equal(t, req.URL.Host, v)
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	var body map[string]any
	require.NoError(t, json.Unmarshal(b, &body))
	assert.Contains(t, body, "Endpoints")
}

// TestWithCurl sends the request with curl -H @file, as the README shows,
// when curl is installed.
func TestWithCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	srv := privatelinktest.NewServer()
	defer srv.Close()
	u := strings.TrimSpace(sign(t, srv.URL, append([]string{"-url"}, params...)...))
	file := filepath.Join(t.TempDir(), "headers")
	require.NoError(t, os.WriteFile(file, []byte(sign(t, srv.URL, append([]string{"-action", "ListVpcEndpoints"}, params...)...)), 0o600))
	cmd := exec.Command(curl, "-sS", "--noproxy", "*", "-X", "POST", "-H", "@"+file, "-w", "\n%{http_code}", u)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	body, code, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	assert.Equal(t, "200", code, body)
	assert.Contains(t, body, `"Endpoints"`)
}

func TestBadInputIsReportedTogether(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-endpoint", "ftp://x", "-method", "PUT", "novalue"}, func(string) string { return "" }, &out, &errOut, time.Now())
	assert.Equal(t, 2, code)
	for _, want := range []string{"-endpoint", "-method", "novalue", "-action", "ALIBABA_CLOUD_ACCESS_KEY_ID"} {
		assert.Contains(t, errOut.String(), want)
	}
	assert.Empty(t, out.String())
}

// shellWithCurl returns the path of sh, skipping the test where there is
// no sh or no curl to run what -curl prints.
func shellWithCurl(t *testing.T) string {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	return sh
}

// -curl prints one whole curl command, method, headers and URL, that a
// shell runs as it is.
func TestCurlCommand(t *testing.T) {
	sh := shellWithCurl(t)
	srv := privatelinktest.NewServer()
	defer srv.Close()
	for _, method := range []string{"GET", "POST"} {
		line := sign(t, srv.URL, append([]string{"-curl", "-method", method, "-action", "ListVpcEndpoints"}, append(params, "Odd='quote'")...)...)
		assert.Equal(t, 1, strings.Count(line, "\n"), "one line: %s", line)
		assert.True(t, strings.HasPrefix(line, "curl "), line)
		assert.NotContains(t, line, privatelinktest.AccessKeySecret)
		out, err := exec.Command(sh, "-c", strings.TrimSpace(line)+` --noproxy '*' -w '\n%{http_code}'`).CombinedOutput()
		require.NoError(t, err, "%s", out)
		body, code, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		assert.Equal(t, "200", code, "%s: %s", method, body)
		assert.Contains(t, body, `"Endpoints"`)
	}
}

// The help names every environment variable the command reads.
func TestHelpNamesTheEnvironment(t *testing.T) {
	var out, errOut bytes.Buffer
	run([]string{"-h"}, func(string) string { return "" }, &out, &errOut, time.Now())
	for _, v := range []string{"PRIVATELINK_EMULATOR_ENDPOINT", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "-curl"} {
		assert.Contains(t, errOut.String(), v)
	}
}

// The README's two-party recipe: the consumer creates an endpoint to the
// manual service with -curl, the provider (its key in the same variables)
// lists the service's connections and accepts the endpoint's.
func TestProviderSideWithCurl(t *testing.T) {
	sh := shellWithCurl(t)
	srv := privatelinktest.NewServer()
	defer srv.Close()
	provider := func(k string) string {
		switch k {
		case "ALIBABA_CLOUD_ACCESS_KEY_ID":
			return privatelinktest.ProviderAccessKeyID
		case "ALIBABA_CLOUD_ACCESS_KEY_SECRET":
			return privatelinktest.ProviderAccessKeySecret
		}
		return env(srv.URL)(k)
	}
	curl := func(getenv func(string) string, args ...string) map[string]any {
		t.Helper()
		var line, errOut bytes.Buffer
		require.Equal(t, 0, run(append([]string{"-curl"}, args...), getenv, &line, &errOut, time.Now()), errOut.String())
		out, err := exec.Command(sh, "-c", strings.TrimSpace(line.String())+` --noproxy '*'`).CombinedOutput()
		require.NoError(t, err, "%s", out)
		var body map[string]any
		require.NoError(t, json.Unmarshal(out, &body), "%s", out)
		return body
	}
	region := "RegionId=" + privatelinktest.RegionID
	service := "ServiceId=" + privatelinktest.ManualServiceID
	created := curl(env(srv.URL), "-action", "CreateVpcEndpoint", region, "VpcId="+privatelinktest.VpcID, service,
		"SecurityGroupId.1="+privatelinktest.SecurityGroupID,
		"Zone.1.ZoneId="+privatelinktest.ZoneA, "Zone.1.VSwitchId="+privatelinktest.VSwitchA)
	id, _ := created["EndpointId"].(string)
	require.NotEmpty(t, id, "%v", created)

	listed := curl(provider, "-action", "ListVpcEndpointConnections", region, service)
	assert.Contains(t, fmt.Sprint(listed["Connections"]), id)
	accepted := curl(provider, "-action", "EnableVpcEndpointConnection", region, service, "EndpointId="+id)
	assert.NotContains(t, accepted, "Code", "%v", accepted)
	e, ok := srv.Endpoint(id)
	require.True(t, ok)
	assert.Contains(t, []string{"Connecting", "Connected"}, string(e.ConnectionStatus))
}
