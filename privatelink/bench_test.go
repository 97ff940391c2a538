package privatelink_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/signer"
)

// seedCreateResponse is the documented CreateVpcEndpoint example answer.
const seedCreateResponse = `{
  "EndpointDomain": "ep-hp33b2e43fays7s8****.epsrv-hp3xdsq46ael67lo****.cn-huhehaote.privatelink.aliyuncs.com",
  "RequestId": "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
  "CreateTime": "2022-01-02T19:11:12Z",
  "EndpointBusinessStatus": "Normal",
  "EndpointDescription": "This is my Endpoint.",
  "ServiceId": "epsrv-hp3vpx8yqxblby3i****",
  "EndpointStatus": "Active",
  "VpcId": "vpc-hp356stwkxg3fn2xe****",
  "EndpointName": "test",
  "ServiceName": "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3xdsq46ael67lo****",
  "Bandwidth": 200,
  "EndpointId": "ep-hp33b2e43fays7s8****",
  "ConnectionStatus": "Disconnected",
  "AddressIpVersion": "IPv4",
  "ZoneAffinityEnabled": false,
  "ServiceRegionId": "",
  "CrossRegionBandwidth": 0
}`

// BenchmarkCreateVpcEndpointRoundTrip measures the client's whole path for
// one create (validate, encode, sign, send on loopback, read, decode)
// against a server that answers the documented example without checking
// anything, so the figure is the client's cost plus loopback HTTP.
// internal/interop compares it with the official SDKs and bare net/http.
func BenchmarkCreateVpcEndpointRoundTrip(b *testing.B) {
	body := []byte(seedCreateResponse)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.Write(body)
	}))
	defer srv.Close()
	req, err := privatelink.NewCreateVpcEndpoint("vpc-hp356stwkxg3fn2xe0001").
		WithServiceID("epsrv-hp3xdsq46ael67lo0001").
		WithZone("cn-huhehaote-a", "vsw-hp3uf6045ljdhd5zr0001").
		WithZoneIP("cn-huhehaote-b", "vsw-hp3uf6045ljdhd5zr0002", "192.168.1.10").
		WithSecurityGroupIDs("sg-hp33bw6ynvm2yb0e0001", "sg-hp33bw6ynvm2yb0e0002").
		WithTag("env", "prod").
		WithTag("team", "payments").
		WithEndpointName("bench-endpoint").
		WithEndpointDescription("benchmark endpoint").
		WithClientToken("0c593ea1-3bea-11e9-b96b-88e9fe637760").
		Build()
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range []signer.Version{signer.V3, signer.V1} {
		b.Run(v.String(), func(b *testing.B) {
			client, err := privatelink.NewClient("cn-huhehaote", privatelink.WithEndpoint(srv.URL),
				privatelink.WithStaticCredentials("LTAI5tBenchAccessKey00", "bench-secret", ""),
				privatelink.WithSignatureVersion(v))
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := client.CreateVpcEndpoint(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// memoryTransport answers every request in memory, so a benchmark measures
// the client's own work.
type memoryTransport struct{ body []byte }

func (m memoryTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(m.body)), ContentLength: int64(len(m.body))}, nil
}

// BenchmarkCredentialSources compares the cost of one call with static
// credentials, a credentials-go Credential and the default chain (from the
// environment), on an in-memory transport.
func BenchmarkCredentialSources(b *testing.B) {
	b.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	b.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tBenchAccessKey00")
	b.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "bench-secret")
	cred, err := credentials.NewCredential(new(credentials.Config).SetType("access_key").
		SetAccessKeyId("LTAI5tBenchAccessKey00").SetAccessKeySecret("bench-secret"))
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{Transport: memoryTransport{body: []byte(`{"RequestId":"R","EndpointId":"ep-1","EndpointStatus":"Active"}`)}}
	for _, tc := range []struct {
		name string
		opt  privatelink.Option
	}{
		{"static", privatelink.WithStaticCredentials("LTAI5tBenchAccessKey00", "bench-secret", "")},
		{"credentials-go", privatelink.WithCredential(cred)},
		{"default-chain", privatelink.Option{}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			client, err := privatelink.NewClient("cn-huhehaote", privatelink.WithEndpoint("https://privatelink.cn-huhehaote.aliyuncs.com"),
				privatelink.WithHTTPClient(hc), tc.opt)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			req := &privatelink.GetVpcEndpointAttributeRequest{EndpointID: "ep-1"}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := client.GetVpcEndpointAttribute(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
