package interop

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"

	ours "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/signer"
)

// BenchmarkClientOverhead is BenchmarkCreateVpcEndpoint without the
// network: every client gets the example answer from an in-memory
// http.RoundTripper (darabonba from an in-memory dara.HttpClient), so ns/op
// is the client's own work (building, validating, signing, the net/http
// client layer above the socket, decoding) and is not exposed to the
// loopback round trip or to scheduling between processes. Profiles of it
// show only client code.
//
// One cost here is not paid on a real connection: with a RoundTripper that
// is not *http.Transport, net/http enforces http.Client.Timeout with a
// goroutine and a timer per request (setRequestCancel's slow path) instead
// of a context deadline. The v1 SDK sets a Timeout and pays it; ours keeps
// the client's Timeout at zero and sets a per-attempt context deadline in
// its own round tripper; darabonba's hook bypasses http.Client.
func BenchmarkClientOverhead(b *testing.B) {
	isolate(b)
	body, err := os.ReadFile(exampleResponseFile)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range overheadClients {
		b.Run(c.name, func(b *testing.B) {
			op := c.new(b, body)
			if err := op(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := op(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// overheadHost is the endpoint every client is configured with; nothing
// resolves or dials it.
const overheadHost = "privatelink.cn-huhehaote.aliyuncs.com"

// cannedTransport answers every request with the example body, after
// reading the request body as a server would.
type cannedTransport struct{ body []byte }

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": []string{"application/json;charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       r,
	}, nil
}

// cannedDara is darabonba's HttpClient hook over cannedTransport; it
// ignores the transport darabonba builds for the request.
type cannedDara struct{ cannedTransport }

func (c cannedDara) Call(r *http.Request, _ *http.Transport) (*http.Response, error) {
	return c.RoundTrip(r)
}

// overheadClient builds one client over the canned answer body.
type overheadClient struct {
	name string
	new  func(tb testing.TB, body []byte) benchOp
}

// The operations reuse the network benchmarks' request building: only the
// client construction differs, to plug the canned transport in.
var overheadClients = []overheadClient{
	{"privatelink-go-V3", oursOverhead(signer.V3)},
	{"privatelink-go-V1", oursOverhead(signer.V1)},
	{"alibaba-cloud-sdk-go-v1", func(tb testing.TB, body []byte) benchOp {
		cfg := sdk.NewConfig()
		cfg.Transport = cannedTransport{body}
		c, err := privatelink.NewClientWithOptions(createInput.RegionID, cfg, credentials.NewAccessKeyCredential(testAccessKeyID, testAccessKeySecret))
		if err != nil {
			tb.Fatal(err)
		}
		return v1SDKOp(c, overheadHost)
	}},
	{"darabonba-V3", func(tb testing.TB, body []byte) benchOp {
		c, err := openapi.NewClient(&openapi.Config{
			AccessKeyId:     dara.String(testAccessKeyID),
			AccessKeySecret: dara.String(testAccessKeySecret),
			RegionId:        dara.String(createInput.RegionID),
			Endpoint:        dara.String(overheadHost),
			Protocol:        dara.String("HTTP"),
			HttpClient:      cannedDara{cannedTransport{body}},
		})
		if err != nil {
			tb.Fatal(err)
		}
		return darabonbaOp(c)
	}},
}

func oursOverhead(v signer.Version) func(tb testing.TB, body []byte) benchOp {
	return func(tb testing.TB, body []byte) benchOp {
		c, err := ours.NewClient(createInput.RegionID,
			ours.WithEndpoint("https://"+overheadHost),
			ours.WithHTTPClient(&http.Client{Transport: cannedTransport{body}}),
			ours.WithStaticCredentials(testAccessKeyID, testAccessKeySecret, ""),
			ours.WithSignatureVersion(v))
		if err != nil {
			tb.Fatal(err)
		}
		return oursOp(c)
	}
}

// TestOverheadClientsDecode runs each in-memory client once, so that plain
// `go test` shows they reach and decode the canned answer.
func TestOverheadClientsDecode(t *testing.T) {
	isolate(t)
	body, err := os.ReadFile(exampleResponseFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range overheadClients {
		if err := c.new(t, body)(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		other := []byte(strings.Replace(string(body), `"EndpointId": "`+exampleEndpointID+`"`, `"EndpointId": "ep-other"`, 1))
		if err := c.new(t, other)(); err == nil {
			t.Errorf("%s: another EndpointId passed the check", c.name)
		}
	}
}

// darabonbaOp is the darabonba operation of the benchmarks for client c.
func darabonbaOp(c *openapi.Client) benchOp {
	ctx := context.Background()
	in := createInput
	params := &openapiutil.Params{
		Action: dara.String("CreateVpcEndpoint"), Version: dara.String("2020-04-15"), Protocol: dara.String("HTTPS"),
		Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"),
		Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
	}
	return func() error {
		query := map[string]interface{}{
			"RegionId":            dara.String(in.RegionID),
			"VpcId":               dara.String(in.VpcID),
			"ServiceId":           dara.String(in.ServiceID),
			"EndpointName":        dara.String(oursName),
			"EndpointDescription": dara.String(in.EndpointDescription),
			"ClientToken":         dara.String(in.ClientToken),
			"Zone": []*darabonbaZone{
				{ZoneID: dara.String(benchZones[0].ZoneID), VSwitchID: dara.String(benchZones[0].VSwitchID)},
				{ZoneID: dara.String(benchZones[1].ZoneID), VSwitchID: dara.String(benchZones[1].VSwitchID)},
			},
			"SecurityGroupId": []*string{dara.String(in.SecurityGroupIDs[0]), dara.String(in.SecurityGroupIDs[1])},
			"Tag": []*darabonbaTag{
				{Key: dara.String(in.Tags[0].Key), Value: dara.String(in.Tags[0].Value)},
				{Key: dara.String(in.Tags[1].Key), Value: dara.String(in.Tags[1].Value)},
			},
		}
		req := &openapiutil.OpenApiRequest{Query: openapiutil.Query(query)}
		out, err := c.CallApiWithCtx(ctx, params, req, &dara.RuntimeOptions{})
		if err != nil {
			return err
		}
		body, _ := out["body"].(map[string]interface{})
		id, _ := body["EndpointId"].(string)
		return checkEndpointID(id)
	}
}
