package privatelinktest

import (
	"slices"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
)

// Tag is a resource tag.
type Tag struct {
	// Key is the tag's key.
	Key string
	// Value is the tag's value; empty for a tag with a key alone.
	Value string
}

// Endpoint is a snapshot of an endpoint as the emulator sees it, with
// statuses derived for the moment it was taken, typed as the SDK types
// them so that a test compares them with the SDK's constants. Changing it
// changes nothing on the server.
type Endpoint struct {
	// ID is the endpoint ID (ep-...).
	ID string
	// Name is the EndpointName; empty when none was given.
	Name string
	// Description is the EndpointDescription; empty when none was given.
	Description string
	// Type is the EndpointType: Interface unless the create said otherwise.
	Type privatelink.EndpointType
	// VpcID is the VPC the endpoint was created in.
	VpcID string
	// ServiceID is the endpoint service the endpoint connects to.
	ServiceID string
	// ServiceName is that service's name.
	ServiceName string
	// Domain is the endpoint's DNS name, as EndpointDomain reports it.
	Domain string
	// Status is the EndpointStatus at the moment of the snapshot.
	Status privatelink.EndpointStatus
	// ConnectionStatus is the connection's status at the moment of the
	// snapshot.
	ConnectionStatus privatelink.ConnectionStatus
	// BusinessStatus is the EndpointBusinessStatus: Normal unless
	// SetBusinessStatus changed it.
	BusinessStatus privatelink.EndpointBusinessStatus
	// AddressIPVersion is IPv4 or DualStack.
	AddressIPVersion privatelink.AddressIPVersion
	// ZoneAffinity is ZoneAffinityEnabled.
	ZoneAffinity bool
	// Protected is ProtectedEnabled.
	Protected bool
	// ResourceGroupID is the resource group the endpoint is in.
	ResourceGroupID string
	// PolicyDocument is the endpoint's RAM policy; empty when none was set.
	PolicyDocument string
	// ClientToken is the token the endpoint was created with, if any.
	ClientToken string
	// CreatedBy is the access key ID that created the endpoint.
	CreatedBy string
	// CreateTime is when the endpoint was created, on the server's clock.
	CreateTime time.Time
	// Tags are the endpoint's tags, in the order they were added.
	Tags []Tag
	// Zones are the endpoint's zones, in the order they were added.
	Zones []EndpointZone
	// SecurityGroups are the security groups attached to the endpoint.
	SecurityGroups []EndpointSecurityGroup
	// AccountID is the account that owns the endpoint.
	AccountID string
	// TrafficControlMode is the connection's mode as the provider sees it
	// in ListVpcEndpointConnections: what it set, else Scalability for nlb
	// and gwlb services, BandwidthLimit for slb and alb ones.
	TrafficControlMode string
}

// EndpointZone is a zone of an Endpoint snapshot.
type EndpointZone struct {
	// ZoneID is the zone's ID.
	ZoneID string
	// VSwitchID is the vSwitch the zone's network interface is in.
	VSwitchID string
	// EniID is the ID of the zone's elastic network interface (eni-...).
	EniID string
	// IP is the network interface's IPv4 address.
	IP string
	// IPv6 is its IPv6 address; empty for an IPv4 endpoint.
	IPv6 string
	// Domain is the zone's DNS name, as ZoneDomain reports it.
	Domain string
	// Status is the ZoneStatus at the moment of the snapshot.
	Status privatelink.ZoneStatus
}

// EndpointSecurityGroup is a security group of an Endpoint snapshot.
type EndpointSecurityGroup struct {
	// ID is the security group's ID (sg-...).
	ID string
	// Status is the attachment's status at the moment of the snapshot.
	Status privatelink.SecurityGroupStatus
}

// EndpointCount returns how many endpoints exist (Deleting ones included
// until they are gone).
func (s *Server) EndpointCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(s.clock.Now())
	return len(s.endpoints)
}

// Endpoint returns a snapshot of the endpoint id, or false if it does not
// exist.
func (s *Server) Endpoint(id string) (Endpoint, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.sweep(now)
	e := s.endpoints[id]
	if e == nil {
		return Endpoint{}, false
	}
	return e.snapshot(now), true
}

// EndpointByClientToken returns a snapshot of the endpoint created with
// ClientToken token, or false if there is none: the way to check that
// retries of one create made exactly one endpoint.
func (s *Server) EndpointByClientToken(token string) (Endpoint, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.sweep(now)
	var found *endpoint
	for _, e := range s.endpoints {
		if token != "" && e.clientToken == token && (found == nil || e.seq < found.seq) {
			found = e
		}
	}
	if found == nil {
		return Endpoint{}, false
	}
	return found.snapshot(now), true
}

// Endpoints returns snapshots of every endpoint, in creation order.
func (s *Server) Endpoints() []Endpoint {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.sweep(now)
	es := make([]*endpoint, 0, len(s.endpoints))
	for _, e := range s.endpoints {
		es = append(es, e)
	}
	slices.SortFunc(es, func(a, b *endpoint) int { return compareSeq(a.seq, b.seq) })
	out := make([]Endpoint, len(es))
	for i, e := range es {
		out[i] = e.snapshot(now)
	}
	return out
}

func (e *endpoint) snapshot(now time.Time) Endpoint {
	out := Endpoint{
		ID:               e.id,
		Name:             e.name,
		Description:      e.description,
		Type:             privatelink.EndpointType(e.typ),
		VpcID:            e.vpcID,
		ServiceID:        e.service.ID,
		ServiceName:      e.service.Name,
		Domain:           e.domain(),
		Status:           privatelink.EndpointStatus(e.status(now)),
		ConnectionStatus: privatelink.ConnectionStatus(e.connectionStatus(now)),
		AddressIPVersion: privatelink.AddressIPVersion(e.ipVersion),
		ZoneAffinity:     e.affinity,
		Protected:        e.protected,
		ResourceGroupID:  e.rg,
		PolicyDocument:   e.policy,
		ClientToken:      e.clientToken,
		CreatedBy:        e.owner,
		AccountID:        e.account.id,
		BusinessStatus:   privatelink.EndpointBusinessStatus(e.businessStatus()),
		CreateTime:       e.createdAt,
		Tags:             slices.Clone(e.tags),

		TrafficControlMode: e.trafficControlMode(),
	}
	for _, z := range e.zones {
		out.Zones = append(out.Zones, EndpointZone{
			ZoneID: z.zoneID, VSwitchID: z.vswitchID, EniID: z.eniID,
			IP: z.ip, IPv6: z.ipv6, Domain: e.zoneDomain(z), Status: privatelink.ZoneStatus(e.zoneStatus(z, now)),
		})
	}
	for _, a := range e.sgs {
		out.SecurityGroups = append(out.SecurityGroups, EndpointSecurityGroup{ID: a.id, Status: privatelink.SecurityGroupStatus(sgStatus(a, now))})
	}
	return out
}
