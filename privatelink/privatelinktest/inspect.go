package privatelinktest

import (
	"slices"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
)

// Tag is a resource tag.
type Tag struct {
	Key   string
	Value string
}

// Endpoint is a snapshot of an endpoint as the emulator sees it, with
// statuses derived for the moment it was taken, typed as the SDK types
// them so that a test compares them with the SDK's constants. Changing it
// changes nothing on the server.
type Endpoint struct {
	ID               string
	Name             string
	Description      string
	Type             privatelink.EndpointType
	VpcID            string
	ServiceID        string
	ServiceName      string
	Domain           string
	Status           privatelink.EndpointStatus
	ConnectionStatus privatelink.ConnectionStatus
	// BusinessStatus is the EndpointBusinessStatus: Normal unless
	// SetBusinessStatus changed it.
	BusinessStatus   privatelink.EndpointBusinessStatus
	AddressIPVersion privatelink.AddressIPVersion
	ZoneAffinity     bool
	Protected        bool
	ResourceGroupID  string
	PolicyDocument   string
	// ClientToken is the token the endpoint was created with, if any.
	ClientToken string
	// CreatedBy is the access key ID that created the endpoint.
	CreatedBy      string
	CreateTime     time.Time
	Tags           []Tag
	Zones          []EndpointZone
	SecurityGroups []EndpointSecurityGroup
	// AccountID is the account that owns the endpoint.
	AccountID string
}

// EndpointZone is a zone of an Endpoint snapshot.
type EndpointZone struct {
	ZoneID    string
	VSwitchID string
	EniID     string
	IP        string
	IPv6      string
	Domain    string
	Status    privatelink.ZoneStatus
}

// EndpointSecurityGroup is a security group of an Endpoint snapshot.
type EndpointSecurityGroup struct {
	ID     string
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
