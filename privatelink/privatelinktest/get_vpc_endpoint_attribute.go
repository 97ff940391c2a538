package privatelinktest

// attributeAnswer is GetVpcEndpointAttribute's answer, in the metadata's
// field order, plus the fields of the newer reference: AddressIpVersion,
// which an SDK needs to see a dual-stack endpoint, and ServiceRegionId and
// CrossRegionBandwidth (darabonba v5.0.8). Every endpoint's service is in
// the emulator's one region, so ServiceRegionId is RegionID and an
// endpoint has no cross-region bandwidth (0).
type attributeAnswer struct {
	Payer                     string `json:"Payer"`
	EndpointDomain            string `json:"EndpointDomain"`
	CreateTime                string `json:"CreateTime"`
	ResourceOwner             bool   `json:"ResourceOwner"`
	EndpointBusinessStatus    string `json:"EndpointBusinessStatus"`
	EndpointDescription       string `json:"EndpointDescription"`
	ServiceID                 string `json:"ServiceId"`
	EndpointStatus            string `json:"EndpointStatus"`
	VpcID                     string `json:"VpcId"`
	EndpointName              string `json:"EndpointName"`
	ZonePrivateIPAddressCount int    `json:"ZonePrivateIpAddressCount"`
	EndpointType              string `json:"EndpointType"`
	ServiceName               string `json:"ServiceName"`
	Bandwidth                 int    `json:"Bandwidth"`
	EndpointID                string `json:"EndpointId"`
	RegionID                  string `json:"RegionId"`
	ConnectionStatus          string `json:"ConnectionStatus"`
	ZoneAffinityEnabled       bool   `json:"ZoneAffinityEnabled"`
	ResourceGroupID           string `json:"ResourceGroupId"`
	PolicyDocument            string `json:"PolicyDocument"`
	AddressIPVersion          string `json:"AddressIpVersion"`
	ServiceRegionID           string `json:"ServiceRegionId"`
	CrossRegionBandwidth      int    `json:"CrossRegionBandwidth"`
}

func getVpcEndpointAttribute(c *call) any {
	e := c.endpoint()
	if c.err != nil {
		return nil
	}
	return attributeAnswer{
		Payer:                     "Endpoint",
		EndpointDomain:            e.domain(),
		CreateTime:                e.createdAt.UTC().Format(timeFormat),
		ResourceOwner:             true,
		EndpointBusinessStatus:    e.businessStatus(),
		EndpointDescription:       e.description,
		ServiceID:                 e.service.ID,
		EndpointStatus:            e.status(c.now),
		VpcID:                     e.vpcID,
		EndpointName:              e.name,
		ZonePrivateIPAddressCount: 1,
		EndpointType:              e.typ,
		ServiceName:               e.service.Name,
		Bandwidth:                 e.bandwidthOf(),
		EndpointID:                e.id,
		RegionID:                  RegionID,
		ConnectionStatus:          e.connectionStatus(c.now),
		ZoneAffinityEnabled:       e.affinity,
		ResourceGroupID:           e.rg,
		PolicyDocument:            e.policy,
		AddressIPVersion:          e.ipVersion,
		ServiceRegionID:           RegionID,
	}
}
