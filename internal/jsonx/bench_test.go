package jsonx

import (
	"encoding/json"
	"os"
	"testing"
)

// vpcEndpoint holds the 17 fields of the CreateVpcEndpoint example response
// (testdata/create_vpc_endpoint.json, copied from the API reference). The json
// tags serve the encoding/json baseline; jsonx ignores them.
type vpcEndpoint struct {
	EndpointDomain         string `json:"EndpointDomain"`
	RequestID              string `json:"RequestId"`
	CreateTime             string `json:"CreateTime"`
	EndpointBusinessStatus string `json:"EndpointBusinessStatus"`
	EndpointDescription    string `json:"EndpointDescription"`
	ServiceID              string `json:"ServiceId"`
	EndpointStatus         string `json:"EndpointStatus"`
	VpcID                  string `json:"VpcId"`
	EndpointName           string `json:"EndpointName"`
	ServiceName            string `json:"ServiceName"`
	Bandwidth              int64  `json:"Bandwidth"`
	EndpointID             string `json:"EndpointId"`
	ConnectionStatus       string `json:"ConnectionStatus"`
	AddressIPVersion       string `json:"AddressIpVersion"`
	ZoneAffinityEnabled    bool   `json:"ZoneAffinityEnabled"`
	ServiceRegionID        string `json:"ServiceRegionId"`
	CrossRegionBandwidth   int64  `json:"CrossRegionBandwidth"`
}

// decodeVpcEndpoint is the hand-written decoder a response type would have.
func decodeVpcEndpoint(data []byte, r *vpcEndpoint) error {
	d := NewDecoder(data)
	if d.Object() {
		for key, ok := d.Key(); ok; key, ok = d.Key() {
			switch string(key) {
			case "EndpointDomain":
				r.EndpointDomain = d.String()
			case "RequestId":
				r.RequestID = d.String()
			case "CreateTime":
				r.CreateTime = d.String()
			case "EndpointBusinessStatus":
				r.EndpointBusinessStatus = d.String()
			case "EndpointDescription":
				r.EndpointDescription = d.String()
			case "ServiceId":
				r.ServiceID = d.String()
			case "EndpointStatus":
				r.EndpointStatus = d.String()
			case "VpcId":
				r.VpcID = d.String()
			case "EndpointName":
				r.EndpointName = d.String()
			case "ServiceName":
				r.ServiceName = d.String()
			case "Bandwidth":
				r.Bandwidth = d.Int()
			case "EndpointId":
				r.EndpointID = d.String()
			case "ConnectionStatus":
				r.ConnectionStatus = d.String()
			case "AddressIpVersion":
				r.AddressIPVersion = d.String()
			case "ZoneAffinityEnabled":
				r.ZoneAffinityEnabled = d.Bool()
			case "ServiceRegionId":
				r.ServiceRegionID = d.String()
			case "CrossRegionBandwidth":
				r.CrossRegionBandwidth = d.Int()
			default:
				d.Skip()
			}
		}
	}
	return d.Finish()
}

func readExample(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile("testdata/create_vpc_endpoint.json")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TestExampleResponse checks that the benchmarked decoders agree, so the
// benchmark compares equal work.
func TestExampleResponse(t *testing.T) {
	data := readExample(t)
	var got, want vpcEndpoint
	if err := decodeVpcEndpoint(data, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("jsonx:          %+v\nencoding/json: %+v", got, want)
	}
	if got.EndpointID != "ep-hp33b2e43fays7s8****" || got.Bandwidth != 200 || got.EndpointStatus != "Active" {
		t.Errorf("unexpected values %+v", got)
	}
	// The decoder itself stays on the stack: the only allocations are the 13
	// non-empty strings kept ("ServiceRegionId" is "", which costs nothing).
	allocs := testing.AllocsPerRun(100, func() {
		var r vpcEndpoint
		if err := decodeVpcEndpoint(data, &r); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 13 {
		t.Errorf("decode: %v allocs, want 13", allocs)
	}
}

func BenchmarkCreateVpcEndpoint(b *testing.B) {
	data := readExample(b)
	b.Run("jsonx", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var r vpcEndpoint
			if err := decodeVpcEndpoint(data, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var r vpcEndpoint
			if err := json.Unmarshal(data, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSkip(b *testing.B) {
	data := readExample(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	d := NewDecoder(nil)
	for b.Loop() {
		d.Reset(data)
		d.Skip()
		if err := d.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}
