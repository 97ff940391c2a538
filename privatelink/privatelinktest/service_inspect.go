package privatelinktest

import "slices"

// EndpointService is a snapshot of an endpoint service as the emulator
// sees it, with its status derived for the moment it was taken. Changing
// it changes nothing on the server.
type EndpointService struct {
	ID   string
	Name string
	// AccountID is the account that publishes the service.
	AccountID    string
	Status       string
	AutoAccept   bool
	ResourceType string
	Zones        []string
	// AllowedUserIDs and AllowedARNs are the allow-list, in the order the
	// entries were added.
	AllowedUserIDs []int64
	AllowedARNs    []string
	Resources      []ServiceResource
	// EndpointIDs are the endpoints connected to the service, of any
	// account, in creation order; Server.Endpoint shows each.
	EndpointIDs     []string
	Tags            []Tag
	ResourceGroupID string
	// ClientToken is the token the service was created with, if any.
	ClientToken string
}

// ServiceResource is a service resource of an EndpointService snapshot.
type ServiceResource struct {
	ID            string
	Type          string
	ZoneID        string
	AutoAllocated bool
}

// EndpointService returns a snapshot of the endpoint service id, or false
// if it does not exist or is deleted.
func (s *Server) EndpointService(id string) (EndpointService, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.sweep(now)
	v := s.liveService(id, now)
	if v == nil {
		return EndpointService{}, false
	}
	out := EndpointService{
		ID: v.ID, Name: v.Name, AccountID: v.account.id, Status: v.status(now), AutoAccept: v.AutoAccept,
		ResourceType: v.resourceType, Zones: slices.Clone(v.zones()), Tags: slices.Clone(v.tags),
		ResourceGroupID: v.rg, ClientToken: v.clientToken,
	}
	for _, u := range v.users {
		if u.arn == "" {
			out.AllowedUserIDs = append(out.AllowedUserIDs, u.uid)
		} else {
			out.AllowedARNs = append(out.AllowedARNs, u.arn)
		}
	}
	for _, r := range v.resources {
		out.Resources = append(out.Resources, ServiceResource{ID: r.lb.ID, Type: r.lb.Type, ZoneID: r.zone, AutoAllocated: r.auto})
	}
	eps := make([]*endpoint, 0, len(v.endpoints))
	for _, e := range v.endpoints {
		eps = append(eps, e)
	}
	slices.SortFunc(eps, func(a, b *endpoint) int { return compareSeq(a.seq, b.seq) })
	for _, e := range eps {
		out.EndpointIDs = append(out.EndpointIDs, e.id)
	}
	return out, true
}
