package privatelinktest

import (
	"slices"
	"strconv"
	"time"
)

// service is the stored state of one endpoint service, owned by the
// provider account that publishes it. Like an endpoint, it records
// instants and derives its status from the clock when read.
type service struct {
	// Service holds what endpoints read: ID, Name, Type, DualStack, and
	// for the services WithService adds, their fixed Zones. AutoAccept is
	// read when an endpoint is created, so that changing it later leaves
	// existing connections as they are, as on the service.
	*Service
	seq uint64
	labels
	account *account
	// fixed marks the services WithService adds: deployed in their Zones
	// without service resources, and open to every account.
	fixed bool

	description      string
	payer            string
	resourceType     string
	affinity         bool
	connectBandwidth int
	clientToken      string

	createdAt    time.Time
	activeAt     time.Time // Creating until then
	pendingUntil time.Time // Pending (locked) until then
	deleting     bool
	goneAt       time.Time

	// The allow-list, in the order entries were added (for paging), with
	// an index per kind for the check every CreateVpcEndpoint makes.
	users   []*svcUser
	userIDs map[int64]*svcUser
	arns    map[string]*svcUser

	// remoteRegions are the regions besides its own from which consumers
	// may connect (SupportedRegionList, Add/DeleteSupportedRegionSet), in
	// the order they were added.
	remoteRegions []string

	resources []*svcResource
	// endpoints indexes the connections: every endpoint of the service
	// that is not gone, of any account.
	endpoints map[string]*endpoint
}

// svcUser is one allow-list entry: a UserId or a UserARN.
type svcUser struct {
	seq uint64
	uid int64
	arn string // "" for a UserId entry
}

// svcResource is a load balancer serving a service in one zone.
type svcResource struct {
	seq  uint64
	lb   *loadBalancer
	zone string
	auto bool // AutoAllocatedEnabled
}

// Service status values.
const (
	svcCreating = "Creating"
	svcActive   = "Active"
	svcPending  = "Pending"
	svcDeleting = "Deleting"
)

// everyone is the UserARN that opens a service to every account.
const everyone = "*"

// initServices copies the services of the world into the server, owned by
// the provider account and open to everyone, so that every account's
// endpoints can use them as before the provider existed.
func (s *Server) initServices(c *config) {
	s.epPerVPC = map[string]int{}
	s.removing = map[string]*endpoint{}
	s.switchZones = map[string]map[*epZone]bool{}
	s.services = map[string]*service{}
	s.serviceNames = map[string]*service{}
	s.lbInUse = map[string]*service{}
	s.serviceDelay = c.serviceDelay
	s.connDelay = c.connDelay
	owner := s.accounts[ProviderAccountID]
	ids := make([]string, 0, len(s.world.services))
	for id := range s.world.services {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		cp := *s.world.services[id]
		svc := s.newService(&cp, owner, time.Time{})
		svc.fixed = true
		svc.labels = labels{rg: owner.defaultRG}
		svc.resourceType = ResourceTypeSLB
		if cp.Type == typeGLB {
			svc.resourceType = ResourceTypeGWLB
		}
		svc.addUser(s, 0, everyone)
	}
}

// newService registers a service.
func (s *Server) newService(def *Service, owner *account, now time.Time) *service {
	svc := &service{
		Service:   def,
		seq:       s.seq(),
		account:   owner,
		payer:     "Endpoint",
		createdAt: now,
		activeAt:  now,
		userIDs:   map[int64]*svcUser{},
		arns:      map[string]*svcUser{},
		endpoints: map[string]*endpoint{},
	}
	s.services[def.ID] = svc
	s.serviceNames[def.Name] = svc
	owner.services[def.ID] = svc
	return svc
}

func (v *service) status(now time.Time) string {
	switch {
	case v.deleting:
		return svcDeleting
	case now.Before(v.activeAt):
		return svcCreating
	case now.Before(v.pendingUntil):
		return svcPending
	}
	return svcActive
}

// lockFor checks that a change of the service may run now: transitions
// refuse with EndpointServiceOperationDenied, a pending change with
// EndpointServiceLocked where the operation documents it.
func (v *service) lockFor(now time.Time, lockedCode bool) *apiError {
	switch v.status(now) {
	case svcCreating, svcDeleting:
		return errorf("EndpointServiceOperationDenied", msgEndpointServiceOperationDenied)
	case svcPending:
		if lockedCode {
			return errorf("EndpointServiceLocked", msgEndpointServiceLocked)
		}
		return errorf("EndpointServiceOperationDenied", msgEndpointServiceOperationDenied)
	}
	return nil
}

// zones returns the zones the service is deployed in: its fixed zones, or
// those of its resources, sorted.
func (v *service) zones() []string {
	if v.fixed {
		return v.Zones
	}
	var out []string
	for _, r := range v.resources {
		if !slices.Contains(out, r.zone) {
			out = append(out, r.zone)
		}
	}
	slices.Sort(out)
	return out
}

func (v *service) supportsZone(zone string) bool {
	if v.fixed {
		return slices.Contains(v.Zones, zone)
	}
	return v.resourceIn(zone) != nil
}

// resourceIn returns the resource that serves new connections in zone:
// the first automatically allocated one, else the first one.
func (v *service) resourceIn(zone string) *svcResource {
	var first *svcResource
	for _, r := range v.resources {
		if r.zone != zone {
			continue
		}
		if r.auto {
			return r
		}
		if first == nil {
			first = r
		}
	}
	return first
}

func (v *service) resource(id string) *svcResource {
	for _, r := range v.resources {
		if r.lb.ID == id {
			return r
		}
	}
	return nil
}

// allows reports whether the account may connect to the service: it is
// the owner, or the allow-list names it by UserId or root ARN, or lets
// everyone in.
func (v *service) allows(a *account) bool {
	if a == v.account || v.userIDs[a.uid] != nil || v.arns[everyone] != nil {
		return true
	}
	return v.arns[rootARN(a.uid)] != nil
}

// rootARN is the ARN of an account's root identity.
func rootARN(uid int64) string {
	return "acs:ram::" + strconv.FormatInt(uid, 10) + ":root"
}

// addUser adds a UserId (arn "") or a UserARN to the allow-list; adding one
// twice changes nothing.
func (v *service) addUser(s *Server, uid int64, arn string) {
	if arn == "" {
		if v.userIDs[uid] != nil {
			return
		}
		u := &svcUser{seq: s.seq(), uid: uid}
		v.users = append(v.users, u)
		v.userIDs[uid] = u
		return
	}
	if v.arns[arn] != nil {
		return
	}
	u := &svcUser{seq: s.seq(), arn: arn}
	v.users = append(v.users, u)
	v.arns[arn] = u
}

// removeUser removes an allow-list entry and reports whether there was one.
func (v *service) removeUser(uid int64, arn string) bool {
	var u *svcUser
	if arn == "" {
		u = v.userIDs[uid]
		delete(v.userIDs, uid)
	} else {
		u = v.arns[arn]
		delete(v.arns, arn)
	}
	if u == nil {
		return false
	}
	v.users = slices.DeleteFunc(v.users, func(x *svcUser) bool { return x == u })
	return true
}

// domain is the service's DNS name.
func (v *service) domain() string {
	return v.ID + "." + RegionID + ".privatelink.aliyuncs.com"
}

// liveService returns the service id unless it does not exist or is
// deleted, completing a deletion whose delay has passed. Called with s.mu
// held.
func (s *Server) liveService(id string, now time.Time) *service {
	v := s.services[id]
	if v == nil || s.serviceGone(v, now) {
		return nil
	}
	return v
}

// serviceGone reports whether v is deleted at now, and when its deletion
// has just completed, forgets it everywhere but in the deleted set.
func (s *Server) serviceGone(v *service, now time.Time) bool {
	if s.deletedServices[v.ID] {
		return true
	}
	if !v.deleting || now.Before(v.goneAt) {
		return false
	}
	s.deletedServices[v.ID] = true
	delete(v.account.services, v.ID)
	for _, r := range v.resources {
		delete(s.lbInUse, r.lb.ID)
	}
	v.resources = nil
	for _, e := range v.endpoints {
		e.serviceDeleted = true
	}
	return true
}

// ownService returns the service ServiceId names if the calling account
// owns it, failing with EndpointServiceNotFound otherwise: another
// account's service is not found, as on the service.
func (c *call) ownService(id string) *service {
	if c.err != nil {
		return nil
	}
	v := c.s.liveService(id, c.now)
	if v == nil || v.account != c.acct {
		c.fail(errorf("EndpointServiceNotFound", msgEndpointServiceNotFound))
		return nil
	}
	return v
}

// userID parses a UserId: a decimal int64 of at least 0, never through a
// float, since UIDs exceed 2^53.
func (c *call) userID(name string) (int64, bool) {
	v, ok := c.req.first[name]
	if !ok || v == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		c.fail(errInvalid(name, "an account ID from 0 to 9223372036854775807"))
		return 0, false
	}
	return n, true
}

// bigInt reads an optional integer within [min, max] as int64.
func (c *call) bigInt(name string, min, max int64) (int64, bool) {
	v, ok := c.req.first[name]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < min || n > max {
		c.fail(errInvalid(name, "must be an integer from "+strconv.FormatInt(min, 10)+" to "+strconv.FormatInt(max, 10)))
		return 0, false
	}
	return n, true
}

// pageSize reads MaxResults where the metadata allows 0 to max: 0, like
// absent, means the default page size.
func (c *call) pageSize(max int) int {
	n := c.integer("MaxResults", 0, max, defaultMaxResults)
	if n == 0 {
		return defaultMaxResults
	}
	return n
}

// addressIPVersion is the service's AddressIpVersion: DualStack when it
// supports IPv6 (ServiceSupportIPv6 and AddressIpVersion are one fact).
func (v *service) addressIPVersion() string {
	if v.DualStack {
		return dualStack
	}
	return ipv4
}

// supportedRegion is one element of a service's SupportedRegionSet.
type supportedRegion struct {
	SupportedRegionID    string `json:"SupportedRegionId"`
	ServiceRegionID      string `json:"ServiceRegionId"`
	RegionServiceStatus  string `json:"RegionServiceStatus"`
	RegionBusinessStatus string `json:"RegionBusinessStatus"`
}

// supportedRegionSet lists the regions consumers may connect from: the
// service's own region first, since its consumers always may, then the
// remote regions in the order they were added. Every one is Available and
// Normal: the emulator models no regional rollout or billing. The
// documentation does not say whether the own region is listed; the
// emulator lists it so that the set always names where endpoints can be
// created. That agrees with Terraform's acceptance test against the live
// service (TestAccAliCloudPrivatelinkVpcEndpointService_supportedRegionList,
// provider 2026-06): a cn-hangzhou service configured with
// supported_region_list ["cn-hangzhou"], then ["cn-hangzhou",
// "cn-beijing"], reads back one region, then two; the emulator answers the
// same, counting the own region once. (The test never leaves the own
// region out, so it cannot tell whether the service lists it unnamed.)
// ServiceRegionId is deprecated in favour of SupportedRegionId but
// still documented, so it is sent: the service's region.
func (v *service) supportedRegionSet() []supportedRegion {
	out := make([]supportedRegion, 0, 1+len(v.remoteRegions))
	for _, r := range append([]string{RegionID}, v.remoteRegions...) {
		out = append(out, supportedRegion{SupportedRegionID: r, ServiceRegionID: RegionID,
			RegionServiceStatus: "Available", RegionBusinessStatus: businessNormal})
	}
	return out
}

// addRemoteRegions adds regions to the service's supported regions; the
// service's own region and regions already there change nothing.
func (v *service) addRemoteRegions(regions []string) {
	for _, r := range regions {
		if r != RegionID && !slices.Contains(v.remoteRegions, r) {
			v.remoteRegions = append(v.remoteRegions, r)
		}
	}
}

// trafficControlMode is the mode a new connection to the service starts
// with, by its resource type, as EnableVpcEndpointConnection's
// TrafficControlMode documents: Scalability for nlb (the default there) and
// gwlb (its only mode), BandwidthLimit for slb (its only mode) and alb,
// whose connection bandwidth, like slb's, is set by Bandwidth.
func (v *service) trafficControlMode() string {
	switch v.resourceType {
	case ResourceTypeNLB, ResourceTypeGWLB:
		return trafficScalability
	}
	return trafficBandwidthLimit
}

// TrafficControlMode values.
const (
	trafficScalability    = "Scalability"
	trafficBandwidthLimit = "BandwidthLimit"
)
