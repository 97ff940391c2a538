package privatelinktest

import (
	"net/http"
	"testing"
)

func TestDescribeRegions(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	for _, region := range []string{"", RegionID, "cn-hangzhou"} {
		pairs := []string{}
		if region != "" {
			pairs = append(pairs, "RegionId", region)
		}
		a := c.do(spec{action: "DescribeRegions", params: kv(pairs...), noRegion: true})
		if a.status != http.StatusOK {
			t.Fatalf("RegionId %q: %v", region, a)
		}
		wrapper, _ := a.body["Regions"].(map[string]any)
		list, _ := wrapper["Region"].([]any)
		if len(list) != len(regions) {
			t.Fatalf("Regions.Region: %v", a)
		}
		found := false
		for _, r := range list {
			m := r.(map[string]any)
			if m["RegionEndpoint"] != "privatelink."+m["RegionId"].(string)+".aliyuncs.com" || m["LocalName"] == "" {
				t.Fatalf("region entry %v", m)
			}
			if m["RegionId"] == RegionID {
				found = m["LocalName"] == "华北5（呼和浩特）"
			}
		}
		if !found {
			t.Fatalf("the emulator's region is not listed by its name: %v", a)
		}
	}
}

func TestDescribeZones(t *testing.T) {
	srv := newTestServer(t,
		WithVpc("vpc-hp3zones0000000000000"),
		WithVSwitch("vsw-hp3zonec000000000000", "vpc-hp3zones0000000000000", "cn-huhehaote-c", "10.0.0.0/24", ""),
		WithService(Service{ID: "epsrv-hp3zonesvc00000000", Zones: []string{"cn-huhehaote-x1"}}),
	)
	c := newClient(t, srv)
	a := c.must("DescribeZones", "ServiceResourceType", "slb")
	wrapper, _ := a.body["Zones"].(map[string]any)
	list, _ := wrapper["Zone"].([]any)
	want := [][2]string{
		{ZoneA, "华北5 可用区A"},
		{ZoneB, "华北5 可用区B"},
		{"cn-huhehaote-c", "华北5 可用区C"},
		{"cn-huhehaote-x1", "cn-huhehaote-x1"},
	}
	if len(list) != len(want) {
		t.Fatalf("Zones.Zone: %v", a)
	}
	for i, z := range list {
		m := z.(map[string]any)
		if m["ZoneId"] != want[i][0] || m["LocalName"] != want[i][1] {
			t.Fatalf("zone %d: %v, want %v", i, m, want[i])
		}
	}
	c.fail(http.StatusNotFound, "InvalidRegionId.NotFound", "DescribeZones", "RegionId", "cn-hangzhou")
}
