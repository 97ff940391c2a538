package privatelinktest

import (
	"encoding/json"
	"net/http"
	"time"
)

// operations maps each action the emulator serves to its implementation.
// An implementation reads its parameters from the call, fails the call or
// returns the answer's JSON object (without RequestId).
var operations = map[string]func(*call) any{
	"CreateVpcEndpoint":                  createVpcEndpoint,
	"GetVpcEndpointAttribute":            getVpcEndpointAttribute,
	"ListVpcEndpoints":                   listVpcEndpoints,
	"UpdateVpcEndpointAttribute":         updateVpcEndpointAttribute,
	"DeleteVpcEndpoint":                  deleteVpcEndpoint,
	"ListVpcEndpointZones":               listVpcEndpointZones,
	"AddZoneToVpcEndpoint":               addZoneToVpcEndpoint,
	"RemoveZoneFromVpcEndpoint":          removeZoneFromVpcEndpoint,
	"AttachSecurityGroupToVpcEndpoint":   attachSecurityGroupToVpcEndpoint,
	"DetachSecurityGroupFromVpcEndpoint": detachSecurityGroupFromVpcEndpoint,
	"ListVpcEndpointSecurityGroups":      listVpcEndpointSecurityGroups,
	"TagResources":                       tagResources,
	"UntagResources":                     untagResources,
	"ListTagResources":                   listTagResources,
	"ChangeResourceGroup":                changeResourceGroup,
	"DescribeRegions":                    describeRegions,
	"DescribeZones":                      describeZones,
	"CheckProductOpen":                   checkProductOpen,
	"OpenPrivateLinkService":             openPrivateLinkService,

	"CreateVpcEndpointService":                         createVpcEndpointService,
	"GetVpcEndpointServiceAttribute":                   getVpcEndpointServiceAttribute,
	"ListVpcEndpointServices":                          listVpcEndpointServices,
	"UpdateVpcEndpointServiceAttribute":                updateVpcEndpointServiceAttribute,
	"DeleteVpcEndpointService":                         deleteVpcEndpointService,
	"ListVpcEndpointServicesByEndUser":                 listVpcEndpointServicesByEndUser,
	"AddUserToVpcEndpointService":                      addUserToVpcEndpointService,
	"RemoveUserFromVpcEndpointService":                 removeUserFromVpcEndpointService,
	"ListVpcEndpointServiceUsers":                      listVpcEndpointServiceUsers,
	"AttachResourceToVpcEndpointService":               attachResourceToVpcEndpointService,
	"DetachResourceFromVpcEndpointService":             detachResourceFromVpcEndpointService,
	"ListVpcEndpointServiceResources":                  listVpcEndpointServiceResources,
	"UpdateVpcEndpointServiceResourceAttribute":        updateVpcEndpointServiceResourceAttribute,
	"ListVpcEndpointConnections":                       listVpcEndpointConnections,
	"EnableVpcEndpointConnection":                      enableVpcEndpointConnection,
	"DisableVpcEndpointConnection":                     disableVpcEndpointConnection,
	"UpdateVpcEndpointConnectionAttribute":             updateVpcEndpointConnectionAttribute,
	"EnableVpcEndpointZoneConnection":                  enableVpcEndpointZoneConnection,
	"DisableVpcEndpointZoneConnection":                 disableVpcEndpointZoneConnection,
	"UpdateVpcEndpointZoneConnectionResourceAttribute": updateVpcEndpointZoneConnectionResourceAttribute,
}

// regionRule says what an action does with RegionId.
type regionRule int

const (
	// regionRequired: RegionId must be given and be RegionID.
	regionRequired regionRule = iota
	// regionChecked: RegionId is optional, but when given must be
	// RegionID. Alibaba Cloud's v1 SDK sends its client's RegionId with
	// every request, documented or not.
	regionChecked
	// regionIgnored: the action is not regional (it acts on the account)
	// and ignores a RegionId it is sent.
	regionIgnored
	// regionAnyKnown: RegionId is optional and may name any region
	// DescribeRegions lists: every regional endpoint answers the list.
	regionAnyKnown
)

// regionRules lists the actions whose RegionId is not regionRequired: the
// metadata gives ChangeResourceGroup, CheckProductOpen and
// OpenPrivateLinkService no RegionId and DescribeRegions an optional one.
var regionRules = map[string]regionRule{
	"ChangeResourceGroup":    regionChecked,
	"CheckProductOpen":       regionIgnored,
	"OpenPrivateLinkService": regionIgnored,
	"DescribeRegions":        regionAnyKnown,
}

// activationFree lists the actions an account may call before PrivateLink
// is activated for it.
var activationFree = map[string]bool{
	"CheckProductOpen":       true,
	"OpenPrivateLinkService": true,
}

func knownAction(action string) bool {
	_, ok := operations[action]
	return ok
}

// execute runs an authenticated request's operation and returns the
// answer's JSON object without RequestId. Called with s.mu held.
func (s *Server) execute(req *apiRequest) ([]byte, *apiError) {
	c := &call{s: s, req: req, now: s.clock.Now(), acct: s.creds[req.accessKey].account}
	s.sweep(c.now)
	c.checkRegion(regionRules[req.action])
	if c.err == nil && !c.acct.activated && !activationFree[req.action] {
		c.fail(errNotActivated())
	}
	if c.err == nil && s.journal != nil && !readOnlyActions[req.action] {
		if s.journal.failed.Load() {
			c.fail(errJournal())
		} else if jerr := s.journalBegin(c); jerr != nil {
			c.fail(jerr)
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	resp := operations[req.action](c)
	if c.err != nil {
		if jerr := s.journalCall(c, nil); jerr != nil {
			return nil, jerr
		}
		return nil, c.err
	}
	body, err := json.Marshal(resp)
	if err != nil {
		return nil, errInternal()
	}
	if jerr := s.journalCall(c, body); jerr != nil {
		return nil, jerr
	}
	if c.remember {
		s.tokens.put(c.tokenKey(), c.fp, body, c.now)
	}
	return body, nil
}

// checkRegion applies the action's RegionId rule.
func (c *call) checkRegion(rule regionRule) {
	var region string
	switch rule {
	case regionRequired:
		region = c.required("RegionId")
	case regionChecked, regionAnyKnown:
		v, ok := c.req.first["RegionId"]
		if !ok {
			return
		}
		region = v
	default:
		return
	}
	if c.err != nil {
		return
	}
	if region == RegionID || rule == regionAnyKnown && knownRegion(region) {
		return
	}
	// The code and 404 of Alibaba Cloud's VPC-family services.
	c.fail(newError(http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId does not exist in our records."))
}

// sweep forgets endpoints, zones and security groups whose removal is
// complete at now. Called with s.mu held, at the start of every request;
// it looks only at the endpoints with a removal under way, and only once
// one is due.
func (s *Server) sweep(now time.Time) {
	if s.sweepAt.IsZero() || now.Before(s.sweepAt) {
		return
	}
	s.sweepAt = time.Time{}
	for id, e := range s.removing {
		if e.gone(now) {
			delete(s.removing, id)
			delete(s.endpoints, id)
			delete(e.service.endpoints, id)
			s.epPerVPC[e.vpcID]--
			for _, z := range e.zones {
				s.releaseZone(z)
			}
			continue
		}
		for _, z := range e.zones {
			if z.removing && !now.Before(z.goneAt) {
				s.releaseZone(z)
			}
		}
		e.sweep(now)
		// Removals still under way (a FakeClock may also have gone back)
		// are due again later.
		pending := false
		schedule := func(at time.Time) {
			pending = true
			if s.sweepAt.IsZero() || at.Before(s.sweepAt) {
				s.sweepAt = at
			}
		}
		if e.deleting {
			schedule(e.goneAt)
		}
		for _, z := range e.zones {
			if z.removing {
				schedule(z.goneAt)
			}
		}
		for _, a := range e.sgs {
			if a.removing {
				schedule(a.goneAt)
			}
		}
		if !pending {
			delete(s.removing, id)
		}
	}
}

// scheduleSweep records that a removal of e's (the endpoint, a zone, a
// security group) completes at at, so that sweep sees to it then.
func (s *Server) scheduleSweep(e *endpoint, at time.Time) {
	s.removing[e.id] = e
	if s.sweepAt.IsZero() || at.Before(s.sweepAt) {
		s.sweepAt = at
	}
}

// endpoint returns the endpoint EndpointId names, failing the call with
// MissingParameter or EndpointNotFound.
func (c *call) endpoint() *endpoint {
	return c.lookup(c.required("EndpointId"))
}

// lookup returns the endpoint id, failing the call with EndpointNotFound.
// Mutating operations look their endpoint up after the client token, so
// that a retry of a delete that succeeded gets the original answer rather
// than EndpointNotFound.
func (c *call) lookup(id string) *endpoint {
	if c.err != nil {
		return nil
	}
	e := c.s.endpoints[id]
	if e == nil || e.account != c.acct || !e.visible(c.now, c.s.visibility) {
		c.fail(errEndpointNotFound())
		return nil
	}
	return e
}

// nextSeq returns the next number of the server-wide creation order.
func (s *Server) seq() uint64 {
	s.nextSeq++
	return s.nextSeq
}

const idChars = "abcdefghijklmnopqrstuvwxyz0123456789"

// newID returns prefix-hp3 followed by 17 random letters and digits, the
// shape of the service's IDs in cn-huhehaote.
func (s *Server) newID(prefix string) string {
	b := make([]byte, 0, len(prefix)+21)
	b = append(b, prefix...)
	b = append(b, "-hp3"...)
	for range 17 {
		b = append(b, idChars[s.idRand.IntN(len(idChars))])
	}
	return string(b)
}

// emptyAnswer is the answer of operations that return only a RequestId.
type emptyAnswer struct{}

// timeFormat is the layout of CreateTime.
const timeFormat = "2006-01-02T15:04:05Z"
