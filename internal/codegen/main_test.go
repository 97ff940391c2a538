package main

import (
	"maps"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/internal/apimeta"
)

func TestGoName(t *testing.T) {
	for wire, want := range map[string]string{
		"ResourceGroupId": "ResourceGroupID", "Ipv6Address": "IPv6Address", "ZonePrivateIpAddressCount": "ZonePrivateIPAddressCount",
		"RegionEndpoint": "RegionEndpoint", "ip": "ip", "PolicyUrl": "PolicyURL", "Identity": "Identity",
	} {
		if got := goName(wire); got != want {
			t.Errorf("goName(%q) = %q, want %q", wire, got, want)
		}
	}
	for name, want := range map[string]string{"ResourceIDs": "resourceIDs", "IDs": "ids", "ResourceType": "resourceType", "Tags": "tags"} {
		if got := lowerFirst(name); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", name, got, want)
		}
	}
	if got := fileName("ListVpcEndpointZones"); got != "api_op_list_vpc_endpoint_zones.go" {
		t.Errorf("fileName = %q", got)
	}
}

// The generator refuses metadata the overlay does not cover, in both
// directions, so a metadata update cannot slip through silently.
func TestOverlayMustCoverMetadata(t *testing.T) {
	meta, err := apimeta.Load()
	if err != nil {
		t.Fatal(err)
	}
	m := *meta["TagResources"]
	m.Params = append(append([]apimeta.Param(nil), m.Params...), apimeta.Param{Name: "NewThing", In: "formData", Schema: &apimeta.Schema{Type: "string"}})
	if _, err := genOp(&m, ops["TagResources"]); err == nil || !strings.Contains(err.Error(), "NewThing is not in the overlay") {
		t.Errorf("new parameter: err = %v", err)
	}
	o := ops["DescribeZones"]
	o.Response = map[string]field{"Zones.Zone": o.Response["Zones.Zone"], "Zones.Zone.ZoneId": o.Response["Zones.Zone.ZoneId"]}
	if _, err := genOp(meta["DescribeZones"], o); err == nil || !strings.Contains(err.Error(), "Zones.Zone.LocalName is not in the overlay") {
		t.Errorf("undocumented response field: err = %v", err)
	}
	meta["BrandNewAction"] = &apimeta.Operation{Name: "BrandNewAction"}
	if err := checkPartition(meta); err == nil || !strings.Contains(err.Error(), "BrandNewAction is new") {
		t.Errorf("new operation: err = %v", err)
	}
}

// A list-of-objects parameter whose items gain a sub-field the hand-written
// element type has no Go field for, or a sub-field that is not a string,
// stops the generator with a message saying what to do, instead of
// generating code that does not compile.
func TestRequestItemSubFields(t *testing.T) {
	meta, err := apimeta.Load()
	if err != nil {
		t.Fatal(err)
	}
	withTagItem := func(name string, s *apimeta.Schema) *apimeta.Operation {
		m := *meta["TagResources"]
		m.Params = append([]apimeta.Param(nil), m.Params...)
		for i, p := range m.Params {
			if p.Name == "Tag" {
				items := *p.Schema.Items
				items.Properties = map[string]*apimeta.Schema{name: s}
				for k, v := range p.Schema.Items.Properties {
					items.Properties[k] = v
				}
				arr := *p.Schema
				arr.Items = &items
				m.Params[i].Schema = &arr
			}
		}
		return &m
	}
	if _, err := genOp(withTagItem("Key", &apimeta.Schema{Type: "string"}), ops["TagResources"]); err != nil {
		t.Fatalf("the committed metadata: %v", err)
	}
	_, err = genOp(withTagItem("Scope", &apimeta.Schema{Type: "string"}), ops["TagResources"])
	if err == nil || !strings.Contains(err.Error(), "sub-field Scope that the hand-written Tag has no Go field for") ||
		!strings.Contains(err.Error(), `requestItems["Tag"]`) {
		t.Errorf("new sub-field: err = %v", err)
	}
	saved := requestItems["Tag"]
	t.Cleanup(func() { requestItems["Tag"] = saved })
	requestItems["Tag"] = append(append([]string(nil), saved...), "Weight")
	_, err = genOp(withTagItem("Weight", &apimeta.Schema{Type: "integer", Format: "int32"}), ops["TagResources"])
	if err == nil || !strings.Contains(err.Error(), "Tag.Weight is integer: the generator encodes only string sub-fields") {
		t.Errorf("non-string sub-field: err = %v", err)
	}
	o := ops["TagResources"]
	o.Params = maps.Clone(o.Params)
	tag := o.Params["Tag"]
	tag.Type = "Label"
	o.Params["Tag"] = tag
	if _, err := genOp(meta["TagResources"], o); err == nil || !strings.Contains(err.Error(), "element type Label is not among the overlay's requestItems") {
		t.Errorf("unknown element type: err = %v", err)
	}
}
