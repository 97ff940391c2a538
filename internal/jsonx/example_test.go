package jsonx_test

import (
	"errors"
	"fmt"

	"github.com/privatelink-go/sdk/internal/jsonx"
)

type zone struct {
	ZoneID string
	IP     string
}

type endpoint struct {
	EndpointID string
	Bandwidth  int64
	Protected  bool
	Zones      []zone
}

func decodeZone(d *jsonx.Decoder) zone {
	var z zone
	if d.Object() {
		for key, ok := d.Key(); ok; key, ok = d.Key() {
			switch string(key) {
			case "ZoneId":
				z.ZoneID = d.String()
			case "ip":
				z.IP = d.String()
			default:
				d.Skip()
			}
		}
	}
	return z
}

func decodeEndpoint(body []byte) (endpoint, error) {
	var r endpoint
	d := jsonx.NewDecoder(body)
	if d.Object() {
		for key, ok := d.Key(); ok; key, ok = d.Key() {
			switch string(key) {
			case "EndpointId":
				r.EndpointID = d.String()
			case "Bandwidth":
				r.Bandwidth = d.Int()
			case "ProtectedEnabled":
				r.Protected = d.Bool()
			case "Zones":
				if d.Array() {
					for d.Next() {
						r.Zones = append(r.Zones, decodeZone(d))
					}
				}
			default:
				d.Skip()
			}
		}
	}
	return r, d.Finish()
}

// A response decoder reads the fields it knows, skips the rest, and accepts
// the service's inconsistent scalar types.
func Example() {
	body := []byte(`{
		"RequestId": "0ED8D006-F706-4D23-88ED-E11ED28DCAC0",
		"EndpointId": "ep-hp33b2e43fays7s8****",
		"Bandwidth": "200",
		"ProtectedEnabled": "True",
		"Zones": [{"ZoneId": "cn-huhehaote-b", "ip": "192.168.0.1", "ZoneStatus": "Connected"}],
		"Tags": null
	}`)
	r, err := decodeEndpoint(body)
	fmt.Println(r.EndpointID, r.Bandwidth, r.Protected, r.Zones, err)
	// Output: ep-hp33b2e43fays7s8**** 200 true [{cn-huhehaote-b 192.168.0.1}] <nil>
}

// Errors carry the byte offset of the problem; the first one sticks.
func ExampleDecoder_Finish() {
	_, err := decodeEndpoint([]byte(`{"EndpointId":"ep-1","Bandwidth":1.5}`))
	var e *jsonx.Error
	fmt.Println(errors.As(err, &e), e.Offset)
	fmt.Println(err)
	// Output:
	// true 33
	// jsonx: number "1.5" is not an integer at offset 33
}
