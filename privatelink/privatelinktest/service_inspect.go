package privatelinktest

import "slices"

// EndpointService is a snapshot of an endpoint service as the emulator
// sees it, with its status derived for the moment it was taken. Changing
// it changes nothing on the server.
type EndpointService struct {
	// ID is the service ID (epsrv-...).
	ID string
	// Name is the ServiceName consumers may create endpoints with.
	Name string
	// AccountID is the account that publishes the service.
	AccountID string
	// Status is the ServiceStatus at the moment of the snapshot: Creating,
	// Pending, Active or Deleting.
	Status string
	// AutoAccept is AutoAcceptEnabled: new connections are accepted
	// without the provider.
	AutoAccept bool
	// ResourceType is the ServiceResourceType (ResourceTypeSLB, ...).
	ResourceType string
	// Type is the ServiceType: GatewayLoadBalancer for a gwlb service,
	// else Interface (or the Type WithService gave).
	Type string
	// SupportedRegions are the regions consumers may connect from, as
	// SupportedRegionSet lists them: RegionID first, then the remote ones
	// in the order they were added.
	SupportedRegions []string
	// Zones are the zones the service serves: those of its resources, or
	// those WithService gave.
	Zones []string
	// AllowedUserIDs and AllowedARNs are the allow-list, in the order the
	// entries were added.
	AllowedUserIDs []int64
	// AllowedARNs are the allow-list's RAM ARNs; see AllowedUserIDs.
	AllowedARNs []string
	// Resources are the load balancers attached to the service, in the
	// order they were attached.
	Resources []ServiceResource
	// EndpointIDs are the endpoints connected to the service, of any
	// account, in creation order; Server.Endpoint shows each.
	EndpointIDs []string
	// Tags are the service's tags, in the order they were added.
	Tags []Tag
	// ResourceGroupID is the resource group the service is in.
	ResourceGroupID string
	// ClientToken is the token the service was created with, if any.
	ClientToken string
}

// ServiceResource is a service resource of an EndpointService snapshot.
type ServiceResource struct {
	// ID is the load balancer's instance ID.
	ID string
	// Type is ResourceTypeSLB, ResourceTypeALB, ResourceTypeNLB or
	// ResourceTypeGWLB.
	Type string
	// ZoneID is the zone the resource serves.
	ZoneID string
	// AutoAllocated is AutoAllocatedEnabled: new connections of the zone
	// may be placed on the resource.
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
		Type: v.endpointType(), SupportedRegions: append([]string{RegionID}, v.remoteRegions...),
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
