package privatelinktest

// attributeAnswer is GetVpcEndpointAttribute's answer, in the metadata's
// field order, plus AddressIpVersion, which the newer reference documents
// and which an SDK needs to see a dual-stack endpoint.
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
	}
}
