package privatelinktest

import (
	"slices"
)

// endpointEntry is one element of ListVpcEndpoints' Endpoints, in the
// metadata's field order, plus the fields of the newer reference as in
// attributeAnswer.
type endpointEntry struct {
	VpcID                  string `json:"VpcId"`
	EndpointName           string `json:"EndpointName"`
	EndpointType           string `json:"EndpointType"`
	CreateTime             string `json:"CreateTime"`
	ServiceID              string `json:"ServiceId"`
	ZoneAffinityEnabled    bool   `json:"ZoneAffinityEnabled"`
	EndpointDomain         string `json:"EndpointDomain"`
	EndpointStatus         string `json:"EndpointStatus"`
	RegionID               string `json:"RegionId"`
	ResourceOwner          bool   `json:"ResourceOwner"`
	Bandwidth              int    `json:"Bandwidth"`
	ConnectionStatus       string `json:"ConnectionStatus"`
	EndpointDescription    string `json:"EndpointDescription"`
	EndpointID             string `json:"EndpointId"`
	EndpointBusinessStatus string `json:"EndpointBusinessStatus"`
	ServiceName            string `json:"ServiceName"`
	Tags                   []Tag  `json:"Tags"`
	ResourceGroupID        string `json:"ResourceGroupId"`
	PolicyDocument         string `json:"PolicyDocument"`
	AddressIPVersion       string `json:"AddressIpVersion"`
	ServiceRegionID        string `json:"ServiceRegionId"`
	CrossRegionBandwidth   int    `json:"CrossRegionBandwidth"`
}

type listEndpointsAnswer struct {
	Endpoints  []endpointEntry `json:"Endpoints"`
	NextToken  string          `json:"NextToken"`
	MaxResults int             `json:"MaxResults"`
	TotalCount int             `json:"TotalCount"`
}

// maxListEndpoints is ListVpcEndpoints' largest MaxResults.
const maxListEndpoints = 1000

// listVpcEndpoints returns the endpoints matching every filter given, in
// creation order, one page at a time.
func listVpcEndpoints(c *call) any {
	id := c.str("EndpointId")
	serviceName := c.str("ServiceName")
	vpcID := c.str("VpcId")
	name := c.str("EndpointName")
	typ := c.filter("EndpointType")
	status := c.filter("EndpointStatus")
	conn := c.filter("ConnectionStatus")
	rg := c.str("ResourceGroupId")
	ipVersion := c.filter("AddressIpVersion")
	svcRegion := c.str("ServiceRegionId")
	tags := c.tagFilters()
	if c.err != nil {
		return nil
	}

	// An EndpointId filter names at most one endpoint: look it up rather
	// than scan.
	candidates := c.s.endpoints
	if id != "" {
		candidates = map[string]*endpoint{}
		if e := c.s.endpoints[id]; e != nil {
			candidates[id] = e
		}
	}
	var match []*endpoint
	for _, e := range candidates {
		switch {
		case e.account != c.acct,
			!e.visible(c.now, c.s.visibility),
			id != "" && e.id != id,
			serviceName != "" && e.service.Name != serviceName,
			vpcID != "" && e.vpcID != vpcID,
			name != "" && e.name != name,
			typ != "" && e.typ != typ,
			status != "" && e.status(c.now) != status,
			conn != "" && e.connectionStatus(c.now) != conn,
			rg != "" && e.rg != rg,
			ipVersion != "" && e.ipVersion != ipVersion,
			svcRegion != "" && svcRegion != RegionID, // every service is in RegionID
			!hasTags(e.tags, tags):
			continue
		}
		match = append(match, e)
	}
	slices.SortFunc(match, func(a, b *endpoint) int { return compareSeq(a.seq, b.seq) })
	page, next, size := paginate(c, "ListVpcEndpoints", maxListEndpoints, match, func(e *endpoint) uint64 { return e.seq })
	if c.err != nil {
		return nil
	}
	out := listEndpointsAnswer{Endpoints: make([]endpointEntry, 0, len(page)), NextToken: next, MaxResults: size, TotalCount: len(match)}
	for _, e := range page {
		out.Endpoints = append(out.Endpoints, endpointEntry{
			VpcID:                  e.vpcID,
			EndpointName:           e.name,
			EndpointType:           e.typ,
			CreateTime:             e.createdAt.UTC().Format(timeFormat),
			ServiceID:              e.service.ID,
			ZoneAffinityEnabled:    e.affinity,
			EndpointDomain:         e.domain(),
			EndpointStatus:         e.status(c.now),
			RegionID:               RegionID,
			ResourceOwner:          true,
			Bandwidth:              e.bandwidthOf(),
			ConnectionStatus:       e.connectionStatus(c.now),
			EndpointDescription:    e.description,
			EndpointID:             e.id,
			EndpointBusinessStatus: e.businessStatus(),
			ServiceName:            e.service.Name,
			Tags:                   append(make([]Tag, 0, len(e.tags)), e.tags...),
			ResourceGroupID:        e.rg,
			PolicyDocument:         e.policy,
			AddressIPVersion:       e.ipVersion,
			ServiceRegionID:        RegionID,
		})
	}
	return out
}

// hasTags reports whether have contains every tag of want; a wanted tag
// with an empty value matches any value of its key.
func hasTags(have, want []Tag) bool {
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h Tag) bool { return h.Key == w.Key && (w.Value == "" || h.Value == w.Value) }) {
			return false
		}
	}
	return true
}

func compareSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
