package privatelink

import (
	"testing"

	"github.com/privatelink-go/sdk/internal/jsonx"
)

// The generated provider-side decoders, nested lists included, take any
// answer without panicking or looping.
func FuzzProviderOpsDecode(f *testing.F) {
	for _, seed := range []string{
		`{"Services":[{"ServiceId":"s","Tags":[{"Key":"k","Value":null}],"Zones":["a",1,null]}],"TotalCount":"3"}`,
		`{"Users":[{"UserId":9223372036854775807}],"UserARNs":[{"UserARN":"acs:ram::1:root"}]}`,
		`{"Connections":[{"EndpointOwnerId":"12","Zones":[{"ZoneStatus":"Migrating"}],"ModifiedTime":"2026-11-29T07:00Z"}]}`,
		`{"Resources":[{"RelatedEndpointCount":"1e2"}],"Zones":{"Zone":[]}}`,
		`{"Services":{"Tags":[1]},"Connections":[[]]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		decoders := []func(*jsonx.Decoder, []byte) bool{
			new(CreateVpcEndpointServiceResponse).decodeField,
			new(GetVpcEndpointServiceAttributeResponse).decodeField,
			new(ListVpcEndpointServicesResponse).decodeField,
			new(ListVpcEndpointServicesByEndUserResponse).decodeField,
			new(ListVpcEndpointServiceUsersResponse).decodeField,
			new(ListVpcEndpointServiceResourcesResponse).decodeField,
			new(ListVpcEndpointConnectionsResponse).decodeField,
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
