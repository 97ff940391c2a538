package main

import (
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
	if got := fileName("ListVpcEndpointZones"); got != "list_vpc_endpoint_zones.go" {
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
