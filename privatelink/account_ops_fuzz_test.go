package privatelink

import (
	"testing"

	"github.com/privatelink-go/sdk/internal/jsonx"
)

// The generated decoders take any answer, however malformed or mistyped,
// without panicking or looping.
func FuzzAccountOpsDecode(f *testing.F) {
	for _, seed := range []string{
		`{"RequestId":"R","Regions":{"Region":[{"RegionId":"cn-hangzhou","LocalName":"x"}]}}`,
		`{"Zones":{"Zone":[{"ZoneId":1}],"Other":null},"Zones":null}`,
		`{"Success":"true","OrderId":12}`,
		`{"TagResources":[{"TagKey":"k","TagValue":null,"ResourceType":"vpcendpoint"}],"NextToken":"n"}`,
		`{"Regions":[1,2]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		decoders := []func(*jsonx.Decoder, []byte) bool{
			new(DescribeRegionsResponse).decodeField,
			new(DescribeZonesResponse).decodeField,
			new(CheckProductOpenResponse).decodeField,
			new(OpenPrivateLinkServiceResponse).decodeField,
			new(ListTagResourcesResponse).decodeField,
		}
		for _, field := range decoders {
			d := jsonx.NewDecoder(body)
			if !d.Object() {
				continue
			}
			for key, ok := d.Key(); ok; key, ok = d.Key() {
				if !field(d, key) {
					d.Skip()
				}
			}
			_ = d.Finish()
		}
	})
}
