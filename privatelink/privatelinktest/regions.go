package privatelinktest

import (
	"slices"
	"strings"
)

// regionInfo is a region DescribeRegions lists, with the service resource
// types PrivateLink offers there.
type regionInfo struct {
	id, localName string
	types         []string
}

// regions are the regions DescribeRegions answers: the emulator's region and
// a few others, with the names of the metadata's example. Only RegionID
// serves requests; the others exist so that a client that lists regions
// sees more than one. RegionID offers every resource type; the others all
// but gwlb, so that a ServiceResourceType filter has something to filter
// (Gateway Load Balancer is in fewer regions than the other kinds).
var regions = []regionInfo{
	{"cn-hangzhou", "华东1（杭州）", lbTypes},
	{"cn-shanghai", "华东2（上海）", lbTypes},
	{"cn-beijing", "华北2（北京）", lbTypes},
	{RegionID, "华北5（呼和浩特）", serviceResourceTypes},
	{"ap-southeast-1", "新加坡", lbTypes},
}

// lbTypes are the resource types of the regions without gwlb.
var lbTypes = []string{ResourceTypeSLB, ResourceTypeALB, ResourceTypeNLB}

// knownRegion reports whether DescribeRegions lists id.
func knownRegion(id string) bool {
	return slices.ContainsFunc(regions, func(r regionInfo) bool { return r.id == id })
}

type regionEntry struct {
	LocalName      string `json:"LocalName"`
	RegionEndpoint string `json:"RegionEndpoint"`
	RegionID       string `json:"RegionId"`
	// ServiceResourceTypes is of the newest reference (darabonba v5.0.4),
	// in the service's XML-shaped wrapper.
	ServiceResourceTypes struct {
		ServiceResourceType []string `json:"ServiceResourceType"`
	} `json:"ServiceResourceTypes"`
}

// describeRegionsAnswer has the XML-shaped wrapper of the service's JSON:
// Regions.Region[].
type describeRegionsAnswer struct {
	Regions struct {
		Region []regionEntry `json:"Region"`
	} `json:"Regions"`
}

// describeRegions lists the regions that offer ServiceResourceType: slb
// (the documented default), alb, nlb, gwlb, or ALL for every region. The
// value is compared without regard to case, since the documentation
// itself mixes cases (slb beside ALL). Like the list operations' filters
// (filter in params.go), a type no region offers lists no region rather
// than answering InvalidParameter, for which the operation documents no
// code.
func describeRegions(c *call) any {
	typ := strings.ToLower(c.str("ServiceResourceType"))
	if typ == "" {
		typ = ResourceTypeSLB
	}
	var out describeRegionsAnswer
	out.Regions.Region = make([]regionEntry, 0, len(regions))
	for _, r := range regions {
		if typ != "all" && !slices.Contains(r.types, typ) {
			continue
		}
		e := regionEntry{LocalName: r.localName, RegionEndpoint: "privatelink." + r.id + ".aliyuncs.com", RegionID: r.id}
		e.ServiceResourceTypes.ServiceResourceType = slices.Clone(r.types)
		out.Regions.Region = append(out.Regions.Region, e)
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
// ignored: every zone offers every resource type.
//
// CrossRegion (darabonba v5.0.10) asks for the zones that support
// cross-region connections, on the side CrossRegionSide names: Endpoint
// (the default) or EndpointService, which "takes effect only when
// CrossRegion is set to true". Every zone of the emulator supports both
// sides, so the answer is the same; CrossRegion must be a boolean, and
// CrossRegionSide is not checked, as the documentation gives no code for
// another value.
func describeZones(c *call) any {
	c.optBool("CrossRegion")
	if c.err != nil {
		return nil
	}
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
