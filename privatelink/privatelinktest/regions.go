package privatelinktest

import (
	"slices"
	"strings"
)

// regionInfo is a region DescribeRegions lists.
type regionInfo struct{ id, localName string }

// regions are the regions DescribeRegions answers: the emulator's region and
// a few others, with the names of the metadata's example. Only RegionID
// serves requests; the others exist so that a client that lists regions
// sees more than one.
var regions = []regionInfo{
	{"cn-hangzhou", "华东1（杭州）"},
	{"cn-shanghai", "华东2（上海）"},
	{"cn-beijing", "华北2（北京）"},
	{RegionID, "华北5（呼和浩特）"},
	{"ap-southeast-1", "新加坡"},
}

// knownRegion reports whether DescribeRegions lists id.
func knownRegion(id string) bool {
	return slices.ContainsFunc(regions, func(r regionInfo) bool { return r.id == id })
}

type regionEntry struct {
	LocalName      string `json:"LocalName"`
	RegionEndpoint string `json:"RegionEndpoint"`
	RegionID       string `json:"RegionId"`
}

// describeRegionsAnswer has the XML-shaped wrapper of the service's JSON:
// Regions.Region[].
type describeRegionsAnswer struct {
	Regions struct {
		Region []regionEntry `json:"Region"`
	} `json:"Regions"`
}

// describeRegions lists the regions. ServiceResourceType is accepted and
// ignored: every listed region offers every resource type.
func describeRegions(*call) any {
	var out describeRegionsAnswer
	out.Regions.Region = make([]regionEntry, 0, len(regions))
	for _, r := range regions {
		out.Regions.Region = append(out.Regions.Region, regionEntry{
			LocalName: r.localName, RegionEndpoint: "privatelink." + r.id + ".aliyuncs.com", RegionID: r.id,
		})
	}
	return out
}

type zoneInfoEntry struct {
	LocalName string `json:"LocalName"`
	ZoneID    string `json:"ZoneId"`
}

// describeZonesAnswer has the XML-shaped wrapper Zones.Zone[].
type describeZonesAnswer struct {
	Zones struct {
		Zone []zoneInfoEntry `json:"Zone"`
	} `json:"Zones"`
}

// describeZones lists the zones of the region: every zone some vSwitch or
// service of the world is in, sorted. ServiceResourceType is accepted and
// ignored.
func describeZones(c *call) any {
	ids := make([]string, 0, len(c.s.world.zones))
	for z := range c.s.world.zones {
		ids = append(ids, z)
	}
	slices.Sort(ids)
	var out describeZonesAnswer
	out.Zones.Zone = make([]zoneInfoEntry, 0, len(ids))
	for _, id := range ids {
		out.Zones.Zone = append(out.Zones.Zone, zoneInfoEntry{LocalName: zoneLocalName(id), ZoneID: id})
	}
	return out
}

// zoneLocalName names a zone as the service does, "华北5 可用区A" for
// cn-huhehaote-a; a zone ID of another shape is its own name.
func zoneLocalName(id string) string {
	suffix, ok := strings.CutPrefix(id, RegionID+"-")
	if !ok || len(suffix) != 1 || suffix[0] < 'a' || suffix[0] > 'z' {
		return id
	}
	region := ""
	for _, r := range regions {
		if r.id == RegionID {
			region, _, _ = strings.Cut(r.localName, "（")
		}
	}
	return region + " 可用区" + strings.ToUpper(suffix)
}
