package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

func newClient(t *testing.T, e *emulator, opts ...privatelink.Option) *privatelink.Client {
	t.Helper()
	c, err := privatelink.NewClient(privatelinktest.RegionID, append([]privatelink.Option{
		privatelink.WithEndpoint(e.url),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
	}, opts...)...)
	require.NoError(t, err)
	return c
}

func createOn(t *testing.T, c *privatelink.Client, service string) string {
	t.Helper()
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(service).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	require.NoError(t, err)
	out, err := c.CreateVpcEndpoint(context.Background(), req)
	require.NoError(t, err)
	return out.EndpointID
}

func get(t *testing.T, c *privatelink.Client, id string) (*privatelink.GetVpcEndpointAttributeResponse, error) {
	t.Helper()
	return c.GetVpcEndpointAttribute(context.Background(), must(privatelink.NewGetVpcEndpointAttribute(id).Build()))
}

// must returns a built request; the builders here cannot fail.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestStartsPrintsWorldAndAnswersHealth(t *testing.T) {
	e := start(t)
	t.Logf("start-up to first health answer: %v", e.startup)
	for k, want := range map[string]any{
		"ALIBABA_CLOUD_REGION_ID":         privatelinktest.RegionID,
		"ALIBABA_CLOUD_ACCESS_KEY_ID":     privatelinktest.AccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET": privatelinktest.AccessKeySecret,
		"PRIVATELINK_VPC_ID":              privatelinktest.VpcID,
		"PRIVATELINK_VSWITCH_A":           privatelinktest.VSwitchA,
		"PRIVATELINK_VSWITCH_B":           privatelinktest.VSwitchB,
		"PRIVATELINK_ZONE_A":              privatelinktest.ZoneA,
		"PRIVATELINK_ZONE_B":              privatelinktest.ZoneB,
		"PRIVATELINK_SECURITY_GROUP_ID":   privatelinktest.SecurityGroupID,
		"PRIVATELINK_SERVICE_ID":          privatelinktest.ServiceID,
		"PRIVATELINK_MANUAL_SERVICE_ID":   privatelinktest.ManualServiceID,
		"PRIVATELINK_EMULATOR_ADMIN":      true,
		// The provider side, so that a script can act as both parties.
		"PRIVATELINK_ACCOUNT_ID":                 privatelinktest.AccountID,
		"PRIVATELINK_PROVIDER_ACCOUNT_ID":        privatelinktest.ProviderAccountID,
		"PRIVATELINK_PROVIDER_ACCESS_KEY_ID":     privatelinktest.ProviderAccessKeyID,
		"PRIVATELINK_PROVIDER_ACCESS_KEY_SECRET": privatelinktest.ProviderAccessKeySecret,
		"PRIVATELINK_PROVIDER_LOAD_BALANCER_ID":  privatelinktest.ProviderLoadBalancerA,
	} {
		assert.Equal(t, want, e.info[k], k)
	}
	assert.Regexp(t, `^http://127\.0\.0\.1:[1-9][0-9]*$`, e.url, "the bound port, not 0")
	var h map[string]any
	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/health", nil, &h))
	assert.Equal(t, "ok", h["Status"])
}

func TestKeyValueOutputMatchesJSON(t *testing.T) {
	cmd := exec.Command(binary, "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	got := map[string]string{}
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		require.True(t, ok, sc.Text())
		got[k] = v
		if k == "PRIVATELINK_MANUAL_SERVICE_NAME" {
			break
		}
	}
	assert.Equal(t, privatelinktest.AccessKeyID, got["ALIBABA_CLOUD_ACCESS_KEY_ID"])
	assert.Equal(t, privatelinktest.ProviderAccessKeySecret, got["PRIVATELINK_PROVIDER_ACCESS_KEY_SECRET"])
	assert.Equal(t, privatelinktest.ServiceName, got["PRIVATELINK_SERVICE_NAME"])
	assert.Equal(t, "true", got["PRIVATELINK_EMULATOR_ADMIN"])
	resp, err := http.Get(got["PRIVATELINK_EMULATOR_ENDPOINT"] + "/_emulator/health")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestOurSDKLifecycle(t *testing.T) {
	for _, v := range []signer.Version{signer.V3, signer.V1} {
		t.Run(v.String(), func(t *testing.T) {
			e := start(t)
			c := newClient(t, e, privatelink.WithSignatureVersion(v))
			id := createOn(t, c, privatelinktest.ServiceID)
			got, err := get(t, c, id)
			require.NoError(t, err)
			assert.Equal(t, privatelink.EndpointStatusActive, got.EndpointStatus)
			n := 0
			for ep, err := range c.AllVpcEndpoints(context.Background(), must(privatelink.NewListVpcEndpoints().Build())) {
				require.NoError(t, err)
				assert.Equal(t, id, ep.EndpointID)
				n++
			}
			assert.Equal(t, 1, n)
			_, err = c.DeleteVpcEndpoint(context.Background(), must(privatelink.NewDeleteVpcEndpoint(id).Build()))
			require.NoError(t, err)
			_, err = get(t, c, id)
			assert.True(t, privatelink.IsEndpointNotFound(err), "%v", err)
		})
	}
}

func TestTLS(t *testing.T) {
	e := start(t, "-tls")
	require.True(t, strings.HasPrefix(e.url, "https://127.0.0.1:"), e.url)
	pemFile := e.info["PRIVATELINK_EMULATOR_CA_FILE"].(string)
	pemBytes, err := os.ReadFile(pemFile)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(pemBytes))
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	for _, host := range []string{e.url, strings.Replace(e.url, "127.0.0.1", "localhost", 1)} {
		resp, err := hc.Get(host + "/_emulator/health")
		require.NoError(t, err, host)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		cert := resp.TLS.PeerCertificates[0]
		assert.Equal(t, "ECDSA", cert.PublicKeyAlgorithm.String())
	}
	c := newClient(t, e, privatelink.WithHTTPClient(hc))
	id := createOn(t, c, privatelinktest.ServiceID)
	_, err = get(t, c, id)
	require.NoError(t, err)

	assert.Equal(t, 0, e.stop(t))
	_, err = os.Stat(pemFile)
	assert.True(t, errors.Is(err, os.ErrNotExist), "the certificate's directory is removed at exit: %v", err)
}

func TestBadFlagsAreReportedTogether(t *testing.T) {
	out, err := exec.Command(binary, "-addr", "127.0.0.1:70000", "-seed", "x", "-log-level", "loud",
		"-admin", "maybe", "-creation-delay", "-1s", "-quota", "nope=1").CombinedOutput()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Equal(t, 2, ee.ExitCode())
	for _, f := range []string{"-addr", "-seed", "-log-level", "-admin", "-creation-delay", "-quota"} {
		assert.Contains(t, string(out), f+` "`, "every bad flag is named")
	}
	assert.NotContains(t, string(out), "Usage:", "a bad value is not a request for help")
}

func TestSIGTERMLetsInFlightRequestsFinish(t *testing.T) {
	e := start(t)
	c := newClient(t, e, privatelink.WithRetry(1, 0, 0))
	id := createOn(t, c, privatelinktest.ServiceID)
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPut, "/_emulator/faults/GetVpcEndpointAttribute",
		map[string]any{"Latency": "300ms"}, nil))

	type result struct {
		resp *privatelink.GetVpcEndpointAttributeResponse
		err  error
	}
	done := make(chan result, 1)
	getReq := must(privatelink.NewGetVpcEndpointAttribute(id).Build())
	go func() {
		r, err := c.GetVpcEndpointAttribute(context.Background(), getReq)
		done <- result{r, err}
	}()
	e.delayed(t, "GetVpcEndpointAttribute", 1)
	code := e.stop(t)
	r := <-done
	require.NoError(t, r.err, "the in-flight request got its answer")
	assert.Equal(t, id, r.resp.EndpointID)
	assert.Equal(t, 0, code)
	assert.Contains(t, e.stderr.String(), `"msg":"stopped"`)
	_, err := http.Get(e.url + "/_emulator/health")
	assert.Error(t, err, "nothing listens after shutdown")
}

func TestSIGINTStopsGracefully(t *testing.T) {
	e := start(t)
	require.NoError(t, e.cmd.Process.Signal(os.Interrupt))
	select {
	case <-e.waited:
	case <-time.After(30 * time.Second):
		t.Fatal("the emulator did not stop on SIGINT")
	}
	e.waited <- nil // for the cleanup
	assert.Equal(t, 0, e.cmd.ProcessState.ExitCode())
	assert.Contains(t, e.stderr.String(), `"msg":"stopped"`)
}

func TestRequestLogsCarryNoSecrets(t *testing.T) {
	e := start(t)
	const token = "CAIS-not-a-real-sts-token-5f3a9c"
	var signatures []string

	// V1 in the query and in a form body, with a security token the
	// default key does not need (the emulator refuses it or ignores it;
	// either way it must not be logged).
	for _, inBody := range []bool{false, true} {
		params := v1Params("ListVpcEndpoints", signer.Param{Key: "SecurityToken", Value: token})
		signatures = append(signatures, signer.SignV1(http.MethodPost, params, privatelinktest.AccessKeySecret).Signature)
		do(t, e.http, v1Request(t, e.url, http.MethodPost, inBody, params))
	}
	req := v3Request(t, e.url, http.MethodPost, "ListVpcEndpoints", true,
		[]signer.Param{{Key: "RegionId", Value: privatelinktest.RegionID}})
	req.Header.Set("x-acs-security-token", token)
	auth := req.Header.Get("Authorization")
	signatures = append(signatures, auth[strings.LastIndex(auth, "Signature=")+len("Signature="):])
	a := do(t, e.http, req)
	assert.Equal(t, "IncompleteSignature", a.body["Code"], "the token header was added after signing: %s", a.raw)
	// A refused request is logged too.
	bad := v1Request(t, e.url, http.MethodGet, false, v1Params("ListVpcEndpoints"))
	bad.URL.RawQuery += "&x=1"
	do(t, e.http, bad)

	require.Equal(t, 0, e.stop(t))
	logs := e.stderr.String()
	for _, secret := range append(signatures, privatelinktest.AccessKeySecret, token) {
		require.NotEmpty(t, secret)
		assert.NotContains(t, logs, secret)
	}
	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &r), "every log line is JSON: %s", line)
		if r["msg"] == "request" {
			records = append(records, r)
		}
	}
	require.Len(t, records, 4)
	for _, r := range records {
		assert.Equal(t, "ListVpcEndpoints", r["action"])
		assert.Equal(t, privatelinktest.AccessKeyID, r["access_key_id"])
		assert.NotEmpty(t, r["request_id"])
		assert.Contains(t, r, "latency_ms")
	}
	assert.Equal(t, "v3", records[2]["signature_version"])
	assert.Equal(t, "IncompleteSignature", records[2]["code"])
	assert.Equal(t, float64(400), records[3]["status"])
	assert.Equal(t, "SignatureDoesNotMatch", records[3]["code"])
}
