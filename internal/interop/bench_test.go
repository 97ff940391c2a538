package interop

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"

	ours "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// The benchmarks send one logical CreateVpcEndpoint (two zones, two security
// groups, two tags, a name and a description, with a fixed ClientToken so
// that every client puts the same parameters on the wire) through each
// client against one loopback server that answers the API reference's
// example response and checks nothing: what differs between the results is
// the clients' own cost.
//
// The server runs in a child process (this test binary, re-executed with
// benchServerEnv set) so that allocs/op and B/op count the client's
// allocations only, and the server's garbage does not trigger the client's
// collections. Time per operation still includes the loopback round trip
// and the server's work, identical for every client; bare-net-http, a plain
// POST of a pre-built query whose body is read and not decoded, is that
// floor.
//
// Every client is built as its documentation shows, with its default
// settings apart from endpoint and static credentials; each operation builds
// its request from scratch, as a caller would, and checks the decoded
// EndpointId, so a failing call can never pass for a fast one.

// exampleResponseFile holds the JSON under "成功レスポンス" (success
// response) in the CreateVpcEndpoint reference,
// /work/shared/seeds/000_7a53eece204d24c1.txt, copied verbatim.
const exampleResponseFile = "testdata/create_vpc_endpoint_example.json"

// exampleEndpointID is the EndpointId of that example, masked as published.
const exampleEndpointID = "ep-hp33b2e43fays7s8****"

// benchServerEnv makes the test binary serve the example instead of running
// tests; its value is the example file's absolute path, so the child does
// not depend on its working directory. See startBenchServer.
const benchServerEnv = "PRIVATELINK_INTEROP_BENCH_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(benchServerEnv) != "" {
		os.Exit(serveExample())
	}
	code := m.Run()
	stopBenchServer()
	os.Exit(code)
}

// exampleHandler answers every request with body, after draining the
// request, without looking at it.
func exampleHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header()["Content-Type"] = []string{"application/json;charset=utf-8"}
		_, _ = w.Write(body)
	})
}

// serveExample is the child process: it serves the example on loopback,
// prints the URL, and stops when the parent closes its stdin (which also
// happens when the parent dies).
func serveExample() int {
	body, err := os.ReadFile(os.Getenv(benchServerEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := httptest.NewServer(exampleHandler(body))
	fmt.Println(srv.URL)
	_, _ = io.Copy(io.Discard, os.Stdin)
	srv.Close()
	return 0
}

var benchServer struct {
	once  sync.Once
	url   string
	err   error
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// benchServerURL starts the one example server of this run, on first use.
func benchServerURL(b *testing.B) string {
	b.Helper()
	benchServer.once.Do(startBenchServer)
	if benchServer.err != nil {
		b.Fatalf("example server: %v", benchServer.err)
	}
	return benchServer.url
}

func startBenchServer() {
	exe, err := os.Executable()
	if err != nil {
		benchServer.err = err
		return
	}
	example, err := filepath.Abs(exampleResponseFile)
	if err != nil {
		benchServer.err = err
		return
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), benchServerEnv+"="+example)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		benchServer.err = err
		return
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		benchServer.err = err
		return
	}
	if err := cmd.Start(); err != nil {
		benchServer.err = err
		return
	}
	benchServer.cmd, benchServer.stdin = cmd, stdin
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		benchServer.err = fmt.Errorf("no URL from the child: %w", err)
		return
	}
	benchServer.url = strings.TrimSpace(line)
}

func stopBenchServer() {
	if benchServer.cmd != nil {
		benchServer.stdin.Close()
		_ = benchServer.cmd.Wait()
	}
}

// benchOp performs one CreateVpcEndpoint and returns an error unless the
// example's EndpointId came back. It is safe for concurrent use.
type benchOp func() error

func checkEndpointID(got string) error {
	if got != exampleEndpointID {
		return fmt.Errorf("EndpointId %q, want %q", got, exampleEndpointID)
	}
	return nil
}

// benchClient builds one client for baseURL (http://host:port) and returns
// its operation.
type benchClient struct {
	name string
	new  func(tb testing.TB, baseURL string) benchOp
	// racy says the race detector reports the client when goroutines
	// share it, so tests (CI runs them with -race) do not share it, while
	// BenchmarkConcurrent64 still measures it as users run it. The v1 SDK
	// (v1.63.107) writes its shared http.Client's Timeout on every request
	// (sdk/client.go:536, setTimeout) while other requests read it in
	// net/http. darabonba (v2.1.13, tea v1.5.3) reads and clears
	// Client.Headers on every request without a lock (client/client.go:1642,
	// GetRpcHeaders) and writes the shared http.Client's Timeout under a
	// lock that net/http's reads do not take (dara/core.go:473).
	racy bool
}

// The logical request's zones: createInput's, without fixed addresses.
var benchZones = []zoneInput{
	{ZoneID: createInput.Zones[0].ZoneID, VSwitchID: createInput.Zones[0].VSwitchID},
	{ZoneID: createInput.Zones[1].ZoneID, VSwitchID: createInput.Zones[1].VSwitchID},
}

func oursBench(v signer.Version) func(tb testing.TB, baseURL string) benchOp {
	return func(tb testing.TB, baseURL string) benchOp {
		c, err := ours.NewClient(createInput.RegionID,
			ours.WithEndpoint(baseURL),
			ours.WithStaticCredentials(testAccessKeyID, testAccessKeySecret, ""),
			ours.WithSignatureVersion(v))
		if err != nil {
			tb.Fatal(err)
		}
		return oursOp(c)
	}
}

// oursOp is our client's operation: the builder, Build, CreateVpcEndpoint.
func oursOp(c *ours.Client) benchOp {
	ctx := context.Background()
	in := createInput
	return func() error {
		req, err := ours.NewCreateVpcEndpoint(in.VpcID).
			WithServiceID(in.ServiceID).
			WithEndpointName(oursName).
			WithEndpointDescription(in.EndpointDescription).
			WithZone(benchZones[0].ZoneID, benchZones[0].VSwitchID).
			WithZone(benchZones[1].ZoneID, benchZones[1].VSwitchID).
			WithSecurityGroupIDs(in.SecurityGroupIDs...).
			WithTag(in.Tags[0].Key, in.Tags[0].Value).
			WithTag(in.Tags[1].Key, in.Tags[1].Value).
			WithClientToken(in.ClientToken).
			Build()
		if err != nil {
			return err
		}
		resp, err := c.CreateVpcEndpoint(ctx, req)
		if err != nil {
			return err
		}
		return checkEndpointID(resp.EndpointID)
	}
}

// v1SDKBench builds the v1 SDK's client; idlePool > 0 gives it a transport
// that keeps that many idle connections, like ours does by default.
func v1SDKBench(idlePool int) func(tb testing.TB, baseURL string) benchOp {
	return func(tb testing.TB, baseURL string) benchOp {
		var (
			c   *privatelink.Client
			err error
		)
		if idlePool > 0 {
			cfg := sdk.NewConfig()
			cfg.HttpTransport = &http.Transport{MaxIdleConns: 2 * idlePool, MaxIdleConnsPerHost: idlePool}
			c, err = privatelink.NewClientWithOptions(createInput.RegionID, cfg, credentials.NewAccessKeyCredential(testAccessKeyID, testAccessKeySecret))
		} else {
			c, err = privatelink.NewClientWithAccessKey(createInput.RegionID, testAccessKeyID, testAccessKeySecret)
		}
		if err != nil {
			tb.Fatal(err)
		}
		return v1SDKOp(c, strings.TrimPrefix(baseURL, "http://"))
	}
}

// v1SDKOp is the v1 SDK's operation against domain (host:port).
func v1SDKOp(c *privatelink.Client, domain string) benchOp {
	in := createInput
	return func() error {
		req := privatelink.CreateCreateVpcEndpointRequest()
		req.Domain = domain
		req.Scheme = "HTTP"
		req.RegionId = in.RegionID
		req.VpcId = in.VpcID
		req.ServiceId = in.ServiceID
		req.EndpointName = oursName
		req.EndpointDescription = in.EndpointDescription
		req.ClientToken = in.ClientToken
		req.Zone = &[]privatelink.CreateVpcEndpointZone{
			{ZoneId: benchZones[0].ZoneID, VSwitchId: benchZones[0].VSwitchID},
			{ZoneId: benchZones[1].ZoneID, VSwitchId: benchZones[1].VSwitchID},
		}
		req.SecurityGroupId = &[]string{in.SecurityGroupIDs[0], in.SecurityGroupIDs[1]}
		req.Tag = &[]privatelink.CreateVpcEndpointTag{
			{Key: in.Tags[0].Key, Value: in.Tags[0].Value},
			{Key: in.Tags[1].Key, Value: in.Tags[1].Value},
		}
		resp, err := c.CreateVpcEndpoint(req)
		if err != nil {
			return err
		}
		return checkEndpointID(resp.EndpointId)
	}
}

// darabonbaBench sends the request the way the generated client's
// CreateVpcEndpointWithContext does (see captureDarabonba), in darabonba's
// default V3 mode; idlePool > 0 sets Config.MaxIdleConns.
func darabonbaBench(idlePool int) func(tb testing.TB, baseURL string) benchOp {
	return func(tb testing.TB, baseURL string) benchOp {
		cfg := &openapi.Config{
			AccessKeyId:     dara.String(testAccessKeyID),
			AccessKeySecret: dara.String(testAccessKeySecret),
			RegionId:        dara.String(createInput.RegionID),
			Endpoint:        dara.String(strings.TrimPrefix(baseURL, "http://")),
			Protocol:        dara.String("HTTP"),
		}
		if idlePool > 0 {
			cfg.MaxIdleConns = dara.Int(idlePool)
		}
		c, err := openapi.NewClient(cfg)
		if err != nil {
			tb.Fatal(err)
		}
		return darabonbaOp(c)
	}
}

// bareQuery is the query string the floor sends: the logical request as our
// V1 client would put it on the wire, signed once when the benchmark starts.
func bareQuery() string {
	in := createInput
	params := []signer.Param{
		{Key: "AccessKeyId", Value: testAccessKeyID},
		{Key: "Action", Value: "CreateVpcEndpoint"},
		{Key: "Format", Value: "JSON"},
		{Key: "RegionId", Value: in.RegionID},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "SignatureNonce", Value: "3ee8c1b83d3444afa94f4e0ad82fd6cf"},
		{Key: "SignatureVersion", Value: "1.0"},
		{Key: "Timestamp", Value: time.Now().UTC().Format(signer.TimestampFormatV1)},
		{Key: "Version", Value: "2020-04-15"},
		{Key: "ClientToken", Value: in.ClientToken},
		{Key: "EndpointName", Value: oursName},
		{Key: "EndpointDescription", Value: in.EndpointDescription},
		{Key: "VpcId", Value: in.VpcID},
		{Key: "ServiceId", Value: in.ServiceID},
		{Key: "Zone.1.VSwitchId", Value: benchZones[0].VSwitchID},
		{Key: "Zone.1.ZoneId", Value: benchZones[0].ZoneID},
		{Key: "Zone.2.VSwitchId", Value: benchZones[1].VSwitchID},
		{Key: "Zone.2.ZoneId", Value: benchZones[1].ZoneID},
		{Key: "SecurityGroupId.1", Value: in.SecurityGroupIDs[0]},
		{Key: "SecurityGroupId.2", Value: in.SecurityGroupIDs[1]},
		{Key: "Tag.1.Key", Value: in.Tags[0].Key},
		{Key: "Tag.1.Value", Value: in.Tags[0].Value},
		{Key: "Tag.2.Key", Value: in.Tags[1].Key},
		{Key: "Tag.2.Value", Value: in.Tags[1].Value},
	}
	return signer.SignV1(http.MethodPost, params, testAccessKeySecret).Query()
}

// bareBench is the floor: net/http with a pooled transport, a pre-built URL,
// the body read whole and not decoded.
func bareBench(tb testing.TB, baseURL string) benchOp {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 256, 128
	hc := &http.Client{Transport: tr}
	u := baseURL + "/?" + bareQuery()
	return func() error {
		req, err := http.NewRequest(http.MethodPost, u, nil)
		if err != nil {
			return err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK || len(body) == 0 {
			return fmt.Errorf("HTTP %d, %d bytes", resp.StatusCode, len(body))
		}
		return nil
	}
}

var createBenchClients = []benchClient{
	{"privatelink-go-V3", oursBench(signer.V3), false},
	{"privatelink-go-V1", oursBench(signer.V1), false},
	{"alibaba-cloud-sdk-go-v1", v1SDKBench(0), true},
	{"darabonba-V3", darabonbaBench(0), true},
	{"bare-net-http", bareBench, false},
}

// concurrentBenchClients are ours and the two official SDKs as shipped,
// and the official SDKs again with an idle pool as large as ours (128 per
// host; both default to net/http's 2), so that the comparison of client
// cost is not only a comparison of pool sizes.
var concurrentBenchClients = []benchClient{
	{"privatelink-go-V3", oursBench(signer.V3), false},
	{"alibaba-cloud-sdk-go-v1", v1SDKBench(0), true},
	{"darabonba-V3", darabonbaBench(0), true},
	{"alibaba-cloud-sdk-go-v1-idle128", v1SDKBench(128), true},
	{"darabonba-V3-idle128", darabonbaBench(128), true},
}

func BenchmarkCreateVpcEndpoint(b *testing.B) {
	isolate(b)
	baseURL := benchServerURL(b)
	for _, c := range createBenchClients {
		b.Run(c.name, func(b *testing.B) {
			op := c.new(b, baseURL)
			// One call before the clock starts: every client dials its
			// connection and fills its lazy caches outside the measurement.
			if err := op(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := startCPU()
			b.ResetTimer()
			for range b.N {
				if err := op(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu.report(b)
		})
	}
}

// concurrency is the number of goroutines sharing one client.
const concurrency = 64

// runShared performs n operations with concurrency goroutines sharing op
// and returns the first error.
func runShared(n int, op benchOp) error {
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr atomic.Pointer[error]
	)
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := op(); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if p := firstErr.Load(); p != nil {
		return *p
	}
	return nil
}

// benchShared measures op run by concurrency goroutines and reports the
// throughput in requests per second besides the per-request figures.
func benchShared(b *testing.B, op benchOp) {
	b.Helper()
	// One round before the clock starts opens the connections.
	if err := runShared(concurrency, op); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := startCPU()
	b.ResetTimer()
	start := time.Now()
	err := runShared(b.N, op)
	elapsed := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	cpu.report(b)
}

// cpuMeter measures the CPU time of this process over a benchmark loop.
type cpuMeter struct {
	start time.Duration
	ok    bool
}

func startCPU() cpuMeter {
	d, ok := processCPU()
	return cpuMeter{start: d, ok: ok}
}

// report adds cpu-ns/op: this process's CPU time (every goroutine,
// the garbage collector included) per operation.
func (m cpuMeter) report(b *testing.B) {
	end, ok := processCPU()
	if m.ok && ok && b.N > 0 {
		b.ReportMetric(float64((end-m.start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkConcurrent64(b *testing.B) {
	isolate(b)
	baseURL := benchServerURL(b)
	for _, c := range concurrentBenchClients {
		b.Run(c.name, func(b *testing.B) {
			benchShared(b, c.new(b, baseURL))
		})
	}
}

// BenchmarkEmulatorThroughput measures the emulator with our client as the
// load: GetVpcEndpointAttribute on one endpoint, each request signed (V3)
// and verified. The emulator runs in this process (that is how tests use
// it), so allocs/op and B/op count client and emulator together.
func BenchmarkEmulatorThroughput(b *testing.B) {
	isolate(b)
	srv := privatelinktest.NewServer()
	defer srv.Close()
	c, err := ours.NewClient(privatelinktest.RegionID,
		ours.WithEndpoint(srv.URL),
		ours.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	created, err := c.CreateVpcEndpoint(ctx, &ours.CreateVpcEndpointRequest{
		VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID,
		Zones:            []ours.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
	})
	if err != nil {
		b.Fatal(err)
	}
	id := created.EndpointID
	get := func() error {
		resp, err := c.GetVpcEndpointAttribute(ctx, &ours.GetVpcEndpointAttributeRequest{EndpointID: id})
		if err != nil {
			return err
		}
		if resp.EndpointID != id || resp.EndpointStatus != ours.EndpointStatusActive {
			return fmt.Errorf("got %s in state %s", resp.EndpointID, resp.EndpointStatus)
		}
		return nil
	}
	b.Run("serial", func(b *testing.B) {
		if err := get(); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		start := time.Now()
		for range b.N {
			if err := get(); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	})
	b.Run("concurrent64", func(b *testing.B) {
		benchShared(b, get)
	})
}

// TestBenchClientsAgree runs every benchmarked operation once against the
// example server (in process here) so that plain `go test` shows each one
// succeeds and decodes the example, and that the server answered the
// reference's example.
func TestBenchClientsAgree(t *testing.T) {
	isolate(t)
	body, err := os.ReadFile(exampleResponseFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), `"EndpointId": "`+exampleEndpointID+`"`) {
		t.Fatalf("%s does not hold the example's EndpointId", exampleResponseFile)
	}
	srv := httptest.NewServer(exampleHandler(body))
	defer srv.Close()
	seen := map[string]bool{}
	for _, list := range [][]benchClient{createBenchClients, concurrentBenchClients} {
		for _, c := range list {
			if seen[c.name] {
				continue
			}
			seen[c.name] = true
			t.Run(c.name, func(t *testing.T) {
				op := c.new(t, srv.URL)
				if err := op(); err != nil {
					t.Fatal(err)
				}
				if c.racy {
					return
				}
				// A round at once: the shared client must hold up, and
				// the race detector watches it in CI.
				if err := runShared(concurrency, op); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
	// The operations' check is not vacuous: a server answering another
	// endpoint fails every client but the floor, which does not decode.
	idMember := `"EndpointId": "` + exampleEndpointID + `"`
	other := httptest.NewServer(exampleHandler([]byte(strings.Replace(string(body), idMember, `"EndpointId": "ep-other"`, 1))))
	defer other.Close()
	for _, c := range createBenchClients {
		if c.name == "bare-net-http" {
			continue
		}
		if err := c.new(t, other.URL)(); err == nil || !strings.Contains(err.Error(), "ep-other") {
			t.Errorf("%s: want an EndpointId mismatch, got %v", c.name, err)
		}
	}
}
