package privatelink

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/transport"
)

// decodeBody feeds the members of a JSON object to field the way the
// transport does for a 2xx answer, without the network.
func decodeBody(data []byte, field transport.FieldFunc) error {
	d := jsonx.NewDecoder(data)
	if !d.Object() {
		if d.Err() == nil {
			return errors.New("body is not a JSON object")
		}
		return d.Err()
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		if !field(d, key) {
			d.Skip()
		}
	}
	return d.Finish()
}

// responseDecoders are the decoders of every operation that has a body
// worth decoding.
func responseDecoders() map[string]transport.FieldFunc {
	var (
		create CreateVpcEndpointResponse
		get    GetVpcEndpointAttributeResponse
		list   ListVpcEndpointsResponse
		zones  ListVpcEndpointZonesResponse
		sgs    ListVpcEndpointSecurityGroupsResponse
	)
	return map[string]transport.FieldFunc{
		"Create": create.Endpoint.decodeField,
		"Get":    get.decodeField,
		"List":   list.decodeField,
		"Zones":  zones.decodeField,
		"SGs":    sgs.decodeField,
		"None":   skipFields,
	}
}

func TestDecodersRejectBrokenAnswers(t *testing.T) {
	// Not JSON objects, or not valid JSON: every decoder refuses them.
	for _, body := range []string{``, `[]`, `null`, `"x"`, `{"EndpointId":"ep-1"`, `{"Endpoints":[{]}`, `{} {}`, `{"a":tru}`} {
		for name, field := range responseDecoders() {
			assert.Error(t, decodeBody([]byte(body), field), "%s accepted %q", name, body)
		}
	}
	// Valid JSON with a member of the wrong kind: the decoders that know
	// the member refuse it rather than guess; the others skip it.
	endpointDecoders := map[string]bool{"Create": true, "Get": true}
	for _, body := range []string{`{"Tags":{"Key":"x"}}`, `{"Bandwidth":1.5}`, `{"ZoneAffinityEnabled":"yes"}`, `{"EndpointId":{}}`} {
		for name, field := range responseDecoders() {
			err := decodeBody([]byte(body), field)
			if endpointDecoders[name] {
				assert.Error(t, err, "%s accepted %s", name, body)
			} else {
				assert.NoError(t, err, "%s does not skip %s", name, body)
			}
		}
	}
	for _, body := range []string{`{"Endpoints":{}}`, `{"Endpoints":[{"Bandwidth":true}]}`, `{"TotalCount":"many"}`} {
		assert.Error(t, decodeBody([]byte(body), responseDecoders()["List"]), body)
	}
	for _, body := range []string{`{"Zones":[1]}`, `{"Zones":[{"ZoneId":[]}]}`} {
		assert.Error(t, decodeBody([]byte(body), responseDecoders()["Zones"]), body)
	}
	for _, body := range []string{`{"SecurityGroups":"sg-1"}`, `{"SecurityGroups":[{"SecurityGroupStatus":{}}]}`} {
		assert.Error(t, decodeBody([]byte(body), responseDecoders()["SGs"]), body)
	}
}

func TestDecodeEndpointAllocations(t *testing.T) {
	skipAllocsUnderRace(t)
	body := []byte(getExample)
	var resp GetVpcEndpointAttributeResponse
	require.NoError(t, decodeBody(body, resp.decodeField))
	allocs := testing.AllocsPerRun(100, func() {
		resp = GetVpcEndpointAttributeResponse{}
		if err := decodeBody(body, resp.decodeField); err != nil {
			t.Fatal(err)
		}
	})
	// Measured: 1 for the decoder, 1 per kept string (19 in the example;
	// RequestId is skipped here, the transport reads it), and 4 for the
	// decoder's scratch buffer growing to unescape the policy document.
	// Numbers, booleans, the time and skipped members cost nothing.
	assert.LessOrEqual(t, allocs, 24.0)
}

// FuzzDecodeEndpoint feeds arbitrary bytes to every response decoder: none
// may panic, and none may accept a document encoding/json calls invalid.
func FuzzDecodeEndpoint(f *testing.F) {
	for _, s := range []string{
		seedCreateResponse, getExample, listEndpointsExample, listZonesExample, listSecurityGroupsExample,
		`{"EndpointId":123,"Bandwidth":"200","ZoneAffinityEnabled":"true","CreateTime":null,"Tags":null}`,
		`{"Endpoints":[null,{"Tags":[null,{"Key":1}]}],"TotalCount":"12"}`,
		`{"Zones":[{"EniIp":"1.2.3.4"}],"SecurityGroups":[{}]}`,
		`{"EndpointId":"\ud83d\ude00\u0000"}`,
		`{"Bandwidth":1e3,"CrossRegionBandwidth":-0}`,
		`{"a":[[[[[[[[]]]]]]]]}`,
		`{"EndpointId":"ep-1"`,
		`[]`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, field := range responseDecoders() {
			if err := decodeBody(data, field); err == nil && !json.Valid(data) {
				t.Fatalf("%s decoder accepted invalid JSON %q", name, data)
			}
		}
	})
}
