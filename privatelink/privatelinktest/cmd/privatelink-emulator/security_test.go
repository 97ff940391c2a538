package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// rawAdmin sends an admin request with a body as given and returns the
// status and the decoded error, if any.
func rawAdmin(t *testing.T, e *emulator, method, path, contentType, body string, header http.Header) (int, adminErr) {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := e.http.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var ae adminErr
	_ = json.NewDecoder(resp.Body).Decode(&ae)
	return resp.StatusCode, ae
}

// A web page cannot drive the command: the review's three attacks (a
// cross-origin POST /_emulator/reset that wiped the journal, a text/plain
// clock advance, a V1-signed GET that deleted an endpoint) are refused
// and change nothing; the journal still replays every endpoint.
func TestWebPageCannotDriveTheEmulator(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "state.journal")
	e := start(t, "-fake-clock", "-state", journal)
	c := newClient(t, e)
	id := createOn(t, c, privatelinktest.ServiceID)
	before, err := os.ReadFile(journal)
	require.NoError(t, err)

	page := http.Header{"Origin": {"http://attacker.example"}}
	status, ae := rawAdmin(t, e, http.MethodPost, "/_emulator/reset", "", "", page)
	assert.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, "Forbidden.CrossOrigin", ae.Code)
	status, ae = rawAdmin(t, e, http.MethodPost, "/_emulator/reset", "application/x-www-form-urlencoded", "", nil)
	assert.Equal(t, http.StatusUnsupportedMediaType, status, "a form post, which any page can send")
	assert.Equal(t, "UnsupportedMediaType", ae.Code)
	status, ae = rawAdmin(t, e, http.MethodPost, "/_emulator/clock/advance", "text/plain", `{"Duration":"1h"}`, nil)
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
	assert.Equal(t, "UnsupportedMediaType", ae.Code)
	status, _ = rawAdmin(t, e, http.MethodPost, "/_emulator/clock/advance", "", `{"Duration":"1h"}`, nil)
	assert.Equal(t, http.StatusUnsupportedMediaType, status, "a body without a content type")
	status, ae = rawAdmin(t, e, http.MethodGet, "/_emulator/endpoints", "", "", http.Header{"Sec-Fetch-Site": {"cross-site"}})
	assert.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, "Forbidden.CrossOrigin", ae.Code)

	// DNS rebinding: the page's own name, now pointing at 127.0.0.1.
	req, err := http.NewRequest(http.MethodPost, e.url+"/_emulator/reset", nil)
	require.NoError(t, err)
	req.Host = "attacker.example"
	a := do(t, e.http, req)
	assert.Equal(t, http.StatusForbidden, a.status)
	assert.Equal(t, "Forbidden.Host", a.body["Code"])

	// The V1-signed GET a page can put in an <img src> (which sends no
	// Origin, but Sec-Fetch-Site), and the same through a rebound name.
	for _, tamper := range []func(*http.Request){
		func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		func(r *http.Request) { r.Header.Set("Origin", "http://attacker.example") },
		func(r *http.Request) { r.Host = "attacker.example:9480" },
	} {
		req := v1Request(t, e.url, http.MethodGet, false, v1Params("DeleteVpcEndpoint", signer.Param{Key: "EndpointId", Value: id}))
		tamper(req)
		a := do(t, e.http, req)
		assert.Equal(t, http.StatusForbidden, a.status, a.raw)
		checkGateway(t, a)
	}

	var clk struct{ Now string }
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/clock", nil, &clk))
	after, err := os.ReadFile(journal)
	require.NoError(t, err)
	assert.Equal(t, before, after, "nothing refused reached the journal")
	got, err := get(t, c, id)
	require.NoError(t, err, "the endpoint survived")
	assert.NotEmpty(t, got.EndpointStatus)

	e.logged(t, `"msg":"refused"`)
	e.logged(t, `"code":"Forbidden.Host"`)

	// What scripts send still works: JSON bodies, and POSTs without one.
	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/clock/advance", map[string]string{"Duration": "1m"}, nil))
	status, _ = rawAdmin(t, e, http.MethodPost, "/_emulator/clock/advance", "application/json; charset=utf-8", `{"Duration":"1m"}`, nil)
	assert.Equal(t, http.StatusOK, status)
	status, _ = rawAdmin(t, e, http.MethodPost, "/_emulator/reset", "", "", nil)
	assert.Equal(t, http.StatusOK, status)
}

// -allow-host serves a name the emulator is reached by (a container's
// service name), and only that one.
func TestAllowHost(t *testing.T) {
	e := start(t, "-allow-host", "emulator", "-allow-host", ".ci.internal")
	for host, want := range map[string]int{
		"emulator:9480":       http.StatusOK,
		"emu.ci.internal":     http.StatusOK,
		"attacker.example":    http.StatusForbidden,
		"emulator.example":    http.StatusForbidden,
		"localhost:9480":      http.StatusOK,
		"127.0.0.1":           http.StatusOK,
		"evilci.internal:123": http.StatusForbidden,
	} {
		req, err := http.NewRequest(http.MethodGet, e.url+"/_emulator/health", nil)
		require.NoError(t, err)
		req.Host = host
		resp, err := e.http.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, host)
	}

	var stderr strings.Builder
	assert.Equal(t, 2, run([]string{"-allow-host", "http://x", "-allow-host", "a:80", "-allow-host", ""}, &strings.Builder{}, &stderr))
	assert.Contains(t, stderr.String(), `-allow-host "http://x"`)
	assert.Contains(t, stderr.String(), `-allow-host "a:80"`)
	assert.Contains(t, stderr.String(), `-allow-host ""`)
}
