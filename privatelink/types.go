package privatelink

import (
	"time"

	"github.com/privatelink-go/sdk/internal/jsonx"
)

// EndpointStatus is the lifecycle state of an endpoint. Values the SDK does
// not know yet are kept as the service sent them.
type EndpointStatus string

// Endpoint states.
const (
	// EndpointStatusCreating: the endpoint is being created.
	EndpointStatusCreating EndpointStatus = "Creating"
	// EndpointStatusActive: the endpoint is available.
	EndpointStatusActive EndpointStatus = "Active"
	// EndpointStatusPending: the endpoint is being modified (for example a
	// security group is being attached) and refuses other changes.
	EndpointStatusPending EndpointStatus = "Pending"
	// EndpointStatusDeleting: the endpoint is being deleted.
	EndpointStatusDeleting EndpointStatus = "Deleting"
)

// IsKnown reports whether s is one of the documented endpoint states.
func (s EndpointStatus) IsKnown() bool {
	switch s {
	case EndpointStatusCreating, EndpointStatusActive, EndpointStatusPending, EndpointStatusDeleting:
		return true
	}
	return false
}

// ConnectionStatus is the state of the connection between an endpoint and
// its endpoint service. Unknown values are kept as sent.
type ConnectionStatus string

// Connection states.
const (
	// ConnectionStatusPending: the connection is being modified, or waits
	// for the service provider to accept it.
	ConnectionStatusPending ConnectionStatus = "Pending"
	// ConnectionStatusConnecting: the connection is being established.
	ConnectionStatusConnecting ConnectionStatus = "Connecting"
	// ConnectionStatusConnected: the connection is established.
	ConnectionStatusConnected ConnectionStatus = "Connected"
	// ConnectionStatusDisconnecting: the connection is being closed.
	ConnectionStatusDisconnecting ConnectionStatus = "Disconnecting"
	// ConnectionStatusDisconnected: there is no connection.
	ConnectionStatusDisconnected ConnectionStatus = "Disconnected"
	// ConnectionStatusDeleting: the connection is being deleted.
	ConnectionStatusDeleting ConnectionStatus = "Deleting"
	// ConnectionStatusServiceDeleted: the endpoint service was deleted.
	ConnectionStatusServiceDeleted ConnectionStatus = "ServiceDeleted"
)

// IsKnown reports whether s is one of the documented connection states.
func (s ConnectionStatus) IsKnown() bool {
	switch s {
	case ConnectionStatusPending, ConnectionStatusConnecting, ConnectionStatusConnected,
		ConnectionStatusDisconnecting, ConnectionStatusDisconnected, ConnectionStatusDeleting,
		ConnectionStatusServiceDeleted:
		return true
	}
	return false
}

// EndpointBusinessStatus is the billing state of an endpoint. Unknown values
// are kept as sent.
type EndpointBusinessStatus string

// Business states.
const (
	// EndpointBusinessStatusNormal: the endpoint runs normally.
	EndpointBusinessStatusNormal EndpointBusinessStatus = "Normal"
	// EndpointBusinessStatusFinancialLocked: the endpoint is locked because
	// of an overdue payment.
	EndpointBusinessStatusFinancialLocked EndpointBusinessStatus = "FinancialLocked"
)

// IsKnown reports whether s is one of the documented business states.
func (s EndpointBusinessStatus) IsKnown() bool {
	return s == EndpointBusinessStatusNormal || s == EndpointBusinessStatusFinancialLocked
}

// EndpointType is the kind of an endpoint. Unknown values are kept as sent.
type EndpointType string

// Endpoint types.
const (
	// EndpointTypeInterface is an interface endpoint (ALB, CLB or NLB
	// service resources); the service's default.
	EndpointTypeInterface EndpointType = "Interface"
	// EndpointTypeReverse is a reverse endpoint, offered only by Alibaba
	// Cloud and its partners.
	EndpointTypeReverse EndpointType = "Reverse"
	// EndpointTypeGatewayLoadBalancer is a Gateway Load Balancer endpoint
	// (GWLBe).
	EndpointTypeGatewayLoadBalancer EndpointType = "GatewayLoadBalancer"
)

// IsKnown reports whether t is one of the documented endpoint types.
func (t EndpointType) IsKnown() bool {
	switch t {
	case EndpointTypeInterface, EndpointTypeReverse, EndpointTypeGatewayLoadBalancer:
		return true
	}
	return false
}

// AddressIPVersion is the IP protocol version of an endpoint. Unknown
// values are kept as sent.
type AddressIPVersion string

// IP versions.
const (
	// AddressIPVersionIPv4: IPv4 only; the service's default.
	AddressIPVersionIPv4 AddressIPVersion = "IPv4"
	// AddressIPVersionDualStack: IPv4 and IPv6. The endpoint service and
	// the VPC must both support dual stack.
	AddressIPVersionDualStack AddressIPVersion = "DualStack"
)

// IsKnown reports whether v is one of the documented IP versions.
func (v AddressIPVersion) IsKnown() bool {
	return v == AddressIPVersionIPv4 || v == AddressIPVersionDualStack
}

// ZoneStatus is the state of one zone of an endpoint. Unknown values are
// kept as sent.
type ZoneStatus string

// Zone states.
const (
	// ZoneStatusCreating: the zone is being created.
	ZoneStatusCreating ZoneStatus = "Creating"
	// ZoneStatusWait: the zone waits to be connected.
	ZoneStatusWait ZoneStatus = "Wait"
	// ZoneStatusConnecting: the zone is being connected.
	ZoneStatusConnecting ZoneStatus = "Connecting"
	// ZoneStatusConnected: the zone is connected.
	ZoneStatusConnected ZoneStatus = "Connected"
	// ZoneStatusDisconnecting: the zone is being disconnected.
	ZoneStatusDisconnecting ZoneStatus = "Disconnecting"
	// ZoneStatusDisconnected: the zone is disconnected.
	ZoneStatusDisconnected ZoneStatus = "Disconnected"
	// ZoneStatusDeleting: the zone is being removed.
	ZoneStatusDeleting ZoneStatus = "Deleting"
)

// IsKnown reports whether s is one of the documented zone states.
func (s ZoneStatus) IsKnown() bool {
	switch s {
	case ZoneStatusCreating, ZoneStatusWait, ZoneStatusConnecting, ZoneStatusConnected,
		ZoneStatusDisconnecting, ZoneStatusDisconnected, ZoneStatusDeleting,
		ZoneStatusMigrating, ZoneStatusMigrated:
		return true
	}
	return false
}

// SecurityGroupStatus is the state of a security group's association with
// an endpoint. Unknown values are kept as sent.
type SecurityGroupStatus string

// Security group association states.
const (
	// SecurityGroupStatusAttaching: the group is being attached.
	SecurityGroupStatusAttaching SecurityGroupStatus = "Attaching"
	// SecurityGroupStatusAttached: the group is attached.
	SecurityGroupStatusAttached SecurityGroupStatus = "Attached"
	// SecurityGroupStatusDetaching: the group is being detached.
	SecurityGroupStatusDetaching SecurityGroupStatus = "Detaching"
)

// IsKnown reports whether s is one of the documented association states.
func (s SecurityGroupStatus) IsKnown() bool {
	switch s {
	case SecurityGroupStatusAttaching, SecurityGroupStatusAttached, SecurityGroupStatusDetaching:
		return true
	}
	return false
}

// Payer says who pays for an endpoint. Unknown values are kept as sent.
type Payer string

// Payers.
const (
	// PayerEndpoint: the service consumer (the endpoint's owner) pays.
	PayerEndpoint Payer = "Endpoint"
	// PayerEndpointService: the service provider pays.
	PayerEndpointService Payer = "EndpointService"
)

// Optional is a request value that may be left unset. The SDK uses it only
// where the API gives the zero value a meaning of its own, such as
// UpdateVpcEndpointAttribute's ZoneAffinityEnabled, where false turns zone
// affinity off and "unset" leaves it alone; everywhere else the zero value
// means unset.
//
// It is a value rather than a *bool so that a literal needs no helper
// variable or tea.Bool-style function (Some(false) reads as what it does),
// a request can be copied without sharing state, and the zero value is
// ready to use.
type Optional[T any] struct {
	// Value is the value to send; it is ignored unless Set is true.
	Value T
	// Set reports whether Value is to be sent.
	Set bool
}

// Some returns an Optional that sends v.
func Some[T any](v T) Optional[T] {
	return Optional[T]{Value: v, Set: true}
}

// Get returns the value and whether it is set.
func (o Optional[T]) Get() (T, bool) {
	return o.Value, o.Set
}

// Tag is a resource tag, or a tag filter in ListVpcEndpoints.
type Tag struct {
	// Key is the tag's key.
	Key string
	// Value is the tag's value; a filter with an empty value matches the key
	// alone.
	Value string
}

// Zone is one zone of an endpoint: the vSwitch its elastic network
// interface (ENI) lives in and the ENI's addresses.
//
// In CreateVpcEndpoint requests only ZoneID, VSwitchID, IP and IPv6Address
// are sent; the other fields are what ListVpcEndpointZones reports, so a
// listed Zone can be passed back as it is.
type Zone struct {
	// ZoneID is the zone, for example "cn-huhehaote-a". Required in requests.
	ZoneID string
	// VSwitchID is the vSwitch the ENI is created in. Required in requests.
	VSwitchID string
	// IP is the ENI's IPv4 address: the "ip" request parameter, the
	// "EniIp" response field. Optional in requests.
	IP string
	// IPv6Address is the ENI's IPv6 address: the "Ipv6Address" request
	// parameter, the "ZoneIpv6Address" response field. Requests may set it
	// with AddressIPVersionDualStack, not with IPv4 or no version.
	IPv6Address string

	// EniID is the ID of the endpoint's ENI in the zone.
	EniID string
	// ZoneStatus is the zone's state.
	ZoneStatus ZoneStatus
	// ZoneDomain is the zone's domain name, which reaches the service
	// through this zone only.
	ZoneDomain string
	// RegionID is the region of the endpoint.
	RegionID string
}

// SecurityGroup is a security group associated with an endpoint.
type SecurityGroup struct {
	// SecurityGroupID is the security group's ID (sg-...).
	SecurityGroupID string
	// SecurityGroupStatus is the state of its association with the endpoint.
	SecurityGroupStatus SecurityGroupStatus
}

// Endpoint is what CreateVpcEndpoint, GetVpcEndpointAttribute and
// ListVpcEndpoints report about an endpoint. Each operation fills the fields
// the service sends for it; the others stay zero.
type Endpoint struct {
	// EndpointID is the endpoint's ID (ep-...).
	EndpointID string
	// EndpointName is the endpoint's name.
	EndpointName string
	// EndpointDescription is the endpoint's description.
	EndpointDescription string
	// EndpointType is the kind of endpoint (Interface, Reverse, ...).
	EndpointType EndpointType
	// EndpointStatus is the endpoint's lifecycle state (Creating, Active, ...).
	EndpointStatus EndpointStatus
	// ConnectionStatus is the state of its connection to the service.
	ConnectionStatus ConnectionStatus
	// EndpointBusinessStatus is the billing state (Normal, FinancialLocked).
	EndpointBusinessStatus EndpointBusinessStatus
	// EndpointDomain is the endpoint's domain name, which resolves to the
	// ENIs of all its zones.
	EndpointDomain string
	// VpcID is the VPC the endpoint is in.
	VpcID string
	// ServiceID is the endpoint service it connects to.
	ServiceID string
	// ServiceName is that service's name.
	ServiceName string
	// ServiceRegionID is the region of the endpoint service, for
	// cross-region endpoints.
	ServiceRegionID string
	// RegionID is the endpoint's region.
	RegionID string
	// ResourceGroupID is the resource group the endpoint is in.
	ResourceGroupID string
	// CreateTime is when the endpoint was created; zero when the service
	// sent no time in RFC 3339 or its minute form (2021-09-24T18:00Z).
	CreateTime time.Time
	// Bandwidth is the connection bandwidth in Mbit/s.
	Bandwidth int
	// CrossRegionBandwidth is the cross-region bandwidth in Mbit/s.
	CrossRegionBandwidth int
	// AddressIPVersion is IPv4 or DualStack.
	AddressIPVersion AddressIPVersion
	// ZoneAffinityEnabled reports whether requests go to the endpoint's ENI
	// in the client's zone.
	ZoneAffinityEnabled bool
	// ResourceOwner reports whether the endpoint and its service belong to
	// the same account.
	ResourceOwner bool
	// PolicyDocument is the endpoint's RAM policy, a JSON document.
	PolicyDocument string
	// Tags are the endpoint's tags.
	Tags []Tag
}

// decodeField decodes the member key of an endpoint object into e and
// reports whether it knew the key; the caller skips unknown members.
func (e *Endpoint) decodeField(d *jsonx.Decoder, key []byte) bool {
	switch string(key) {
	case "EndpointId":
		e.EndpointID = d.String()
	case "EndpointName":
		e.EndpointName = d.String()
	case "EndpointDescription":
		e.EndpointDescription = d.String()
	case "EndpointType":
		e.EndpointType = EndpointType(d.String())
	case "EndpointStatus":
		e.EndpointStatus = EndpointStatus(d.String())
	case "ConnectionStatus":
		e.ConnectionStatus = ConnectionStatus(d.String())
	case "EndpointBusinessStatus":
		e.EndpointBusinessStatus = EndpointBusinessStatus(d.String())
	case "EndpointDomain":
		e.EndpointDomain = d.String()
	case "VpcId":
		e.VpcID = d.String()
	case "ServiceId":
		e.ServiceID = d.String()
	case "ServiceName":
		e.ServiceName = d.String()
	case "ServiceRegionId":
		e.ServiceRegionID = d.String()
	case "RegionId":
		e.RegionID = d.String()
	case "ResourceGroupId":
		e.ResourceGroupID = d.String()
	case "CreateTime":
		e.CreateTime = decodeTime(d)
	case "Bandwidth":
		e.Bandwidth = int(d.Int())
	case "CrossRegionBandwidth":
		e.CrossRegionBandwidth = int(d.Int())
	case "AddressIpVersion":
		e.AddressIPVersion = AddressIPVersion(d.String())
	case "ZoneAffinityEnabled":
		e.ZoneAffinityEnabled = d.Bool()
	case "ResourceOwner":
		e.ResourceOwner = d.Bool()
	case "PolicyDocument":
		e.PolicyDocument = d.String()
	case "Tags":
		e.Tags = decodeTags(d) // a key sent twice: the last list
	default:
		return false
	}
	return true
}

// decodeObject decodes a whole endpoint object (or null) into e.
func (e *Endpoint) decodeObject(d *jsonx.Decoder) {
	if !d.Object() {
		return
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		if !e.decodeField(d, key) {
			d.Skip()
		}
	}
}

// decodeTags returns the tags of a JSON array (nil for null), each charged
// to the decoder's memory budget.
func decodeTags(d *jsonx.Decoder) []Tag {
	var tags []Tag
	if !d.Array() {
		return nil
	}
	for d.Next() {
		if t := jsonx.Append(d, &tags); t != nil {
			t.decodeObject(d)
		}
	}
	return tags
}

// decodeObject decodes a zone object of ListVpcEndpointZones (or null).
func (z *Zone) decodeObject(d *jsonx.Decoder) {
	if !d.Object() {
		return
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		switch string(key) {
		case "ZoneId":
			z.ZoneID = d.String()
		case "VSwitchId":
			z.VSwitchID = d.String()
		case "EniIp":
			z.IP = d.String()
		case "ZoneIpv6Address":
			z.IPv6Address = d.String()
		case "EniId":
			z.EniID = d.String()
		case "ZoneStatus":
			z.ZoneStatus = ZoneStatus(d.String())
		case "ZoneDomain":
			z.ZoneDomain = d.String()
		case "RegionId":
			z.RegionID = d.String()
		default:
			d.Skip()
		}
	}
}

// decodeObject decodes a security group object of
// ListVpcEndpointSecurityGroups (or null).
func (g *SecurityGroup) decodeObject(d *jsonx.Decoder) {
	if !d.Object() {
		return
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		switch string(key) {
		case "SecurityGroupId":
			g.SecurityGroupID = d.String()
		case "SecurityGroupStatus":
			g.SecurityGroupStatus = SecurityGroupStatus(d.String())
		default:
			d.Skip()
		}
	}
}

// decodeTime reads a timestamp. The service documents RFC 3339 in UTC
// ("2021-09-24T18:00:07Z"); some Alibaba Cloud APIs drop the seconds
// ("2021-09-24T18:00Z"), so that is accepted too. Anything else gives the
// zero time rather than failing the whole response over one field.
func decodeTime(d *jsonx.Decoder) time.Time {
	s := d.String()
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.Parse("2006-01-02T15:04Z07:00", s); err == nil {
		return t
	}
	return time.Time{}
}

// skipFields is the decoder of actions whose answer carries nothing but
// RequestId, which the transport reads itself.
func skipFields(*jsonx.Decoder, []byte) bool { return false }
