package privatelinktest

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// This file is the provider's view of endpoints: the connections to its
// services, which it lists, enables, disables and tunes per zone.

// enableConnection is EnableVpcEndpointConnection's state change, shared
// with AcceptConnection: a connection between two states refuses, a
// Connected one stays, any other goes Connecting, then Connected.
func (e *endpoint) enableConnection(now time.Time, delay time.Duration) *apiError {
	if e.connBusy(now) {
		return errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied)
	}
	if e.connState != connConnected {
		e.setConnection(connConnected, now, delay)
	}
	return nil
}

// disableConnection is DisableVpcEndpointConnection's, shared with
// RejectConnection: Pending or Connected go Disconnecting, then
// Disconnected.
func (e *endpoint) disableConnection(now time.Time, delay time.Duration) *apiError {
	if e.connBusy(now) {
		return errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied)
	}
	if e.connState != connDisconnected {
		e.setConnection(connDisconnected, now, delay)
	}
	return nil
}

// connection returns the endpoint EndpointId names among the connections
// of svc. An endpoint of another service (or none) is
// EndpointConnectionNotFound; where the operation documents EndpointNotFound
// (endpointCode), an ID that is no endpoint at all answers that.
func (c *call) connection(svc *service, id string, endpointCode bool) *endpoint {
	if c.err != nil {
		return nil
	}
	e := svc.endpoints[id]
	if e == nil || e.gone(c.now) || !e.visible(c.now, c.s.visibility) {
		if endpointCode && c.s.endpoints[id] == nil {
			c.fail(errEndpointNotFound())
		} else {
			c.fail(errorf("EndpointConnectionNotFound", msgEndpointConnectionNotFound))
		}
		return nil
	}
	return e
}

// connectionBandwidth reads Bandwidth: the metadata allows any int32, the
// prose 100 to 10240 Mbit/s for a connection (3072 being the default).
func (c *call) connectionBandwidth() (int, bool) {
	n, ok := c.bigInt("Bandwidth", 100, 10240)
	return int(n), ok
}

// connectionArgs reads what the connection operations share.
func (c *call) connectionArgs() (dryRun bool, serviceID, endpointID string) {
	c.token = c.clientToken()
	dryRun = c.boolean("DryRun")
	serviceID = c.required("ServiceId")
	endpointID = c.required("EndpointId")
	return
}

func enableVpcEndpointConnection(c *call) any {
	dryRun, sid, eid := c.connectionArgs()
	bw, bwSet := c.connectionBandwidth()
	mode := c.str("TrafficControlMode")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	svc := c.ownService(sid)
	e := c.connection(svc, eid, false)
	if c.err != nil {
		return nil
	}
	switch st := e.status(c.now); {
	case st == statusCreating || st == statusDeleting:
		c.fail(errorf("EndpointOperationDenied", msgEndpointOperationDenied))
		return nil
	case e.connBusy(c.now):
		c.fail(errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied))
		return nil
	}
	if !svc.fixed {
		for _, z := range e.zones {
			if !z.removing && svc.resourceIn(z.zoneID) == nil {
				c.fail(errorf("OperationDenied.NoAvailableServiceResource",
					"The operation is not allowed because of there are no resource in some available zones of endpoint service."))
				return nil
			}
		}
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	if e.connState != connConnected {
		// A connection comes back on the resources the service has now.
		for _, z := range e.zones {
			if r := svc.resourceIn(z.zoneID); r != nil && svc.resource(z.resourceID) == nil {
				z.resourceID = r.lb.ID
			}
		}
	}
	if err := e.enableConnection(c.now, c.s.connDelay); err != nil {
		c.fail(err)
		return nil
	}
	if bwSet {
		e.bw = bw
	}
	if mode != "" {
		e.trafficMode = mode
	}
	return emptyAnswer{}
}

func disableVpcEndpointConnection(c *call) any {
	dryRun, sid, eid := c.connectionArgs()
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	svc := c.ownService(sid)
	e := c.connection(svc, eid, false)
	if c.err != nil {
		return nil
	}
	if e.connectionChanging(c.now) {
		c.fail(errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	if err := e.disableConnection(c.now, c.s.connDelay); err != nil {
		c.fail(err)
		return nil
	}
	return emptyAnswer{}
}

func updateVpcEndpointConnectionAttribute(c *call) any {
	dryRun, sid, eid := c.connectionArgs()
	bw, bwSet := c.connectionBandwidth()
	mode := c.str("TrafficControlMode")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	svc := c.ownService(sid)
	e := c.connection(svc, eid, true)
	if c.err != nil {
		return nil
	}
	if e.connectionChanging(c.now) {
		c.fail(errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	if bwSet {
		e.bw = bw
		e.modifiedAt = c.now
	}
	if mode != "" {
		e.trafficMode = mode
		e.modifiedAt = c.now
	}
	return emptyAnswer{}
}

// zoneConnection reads and checks what Enable and
// DisableVpcEndpointZoneConnection share, in the order of their codes:
// the service, the endpoint, its business status, the zone, then the
// connection.
func (c *call) zoneConnection(dryRun bool) (*endpoint, *epZone, bool) {
	_, sid, eid := c.connectionArgs()
	zoneID := c.required("ZoneId")
	c.boolean("ReplacedResource")
	if body, ok := c.replay(dryRun); ok {
		c.replayed = body
		return nil, nil, false
	}
	svc := c.ownService(sid)
	e := c.connection(svc, eid, false)
	if c.err != nil {
		return nil, nil, false
	}
	if st := svc.status(c.now); st != svcActive {
		c.fail(errorf("IncorrectStatus.VpcEndpointService", msgIncorrectStatus, "VpcEndpointService", svc.ID))
		return nil, nil, false
	}
	if st := e.status(c.now); st == statusCreating || st == statusDeleting {
		c.fail(errorf("IncorrectStatus.VpcEndpoint", msgIncorrectStatus, "VpcEndpoint", e.id))
		return nil, nil, false
	}
	if b := e.businessStatus(); b != businessNormal {
		c.fail(errorf("IncorrectBusinessStatus.VpcEndpoint", msgIncorrectBusinessStatus, "VpcEndpoint", e.id))
		return nil, nil, false
	}
	z := e.zone(zoneID)
	if z == nil || z.removing {
		c.fail(newError(http.StatusNotFound, "ResourceNotFound.VpcEndpointZone", "The specified resource "+zoneID+" is not found."))
		return nil, nil, false
	}
	if c.now.Before(z.readyAt) {
		c.fail(errorf("IncorrectStatus.VpcEndpointZone", msgIncorrectStatus, "VpcEndpointZone", zoneID))
		return nil, nil, false
	}
	if e.connBusy(c.now) {
		c.fail(errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied))
		return nil, nil, false
	}
	if e.connectionStatus(c.now) != connConnected {
		c.fail(errorf("IncorrectStatus.VpcEndpointConnection", msgIncorrectStatus, "VpcEndpointConnection", e.id))
		return nil, nil, false
	}
	if dryRun {
		c.fail(errDryRun())
		return nil, nil, false
	}
	return e, z, true
}

func enableVpcEndpointZoneConnection(c *call) any {
	dryRun := c.boolean("DryRun")
	_, z, ok := c.zoneConnection(dryRun)
	if !ok {
		return c.replayedOrNil()
	}
	if z.disabled {
		z.disabled = false
		z.connUntil = c.now.Add(c.s.connDelay)
	}
	return emptyAnswer{}
}

func disableVpcEndpointZoneConnection(c *call) any {
	dryRun := c.boolean("DryRun")
	_, z, ok := c.zoneConnection(dryRun)
	if !ok {
		return c.replayedOrNil()
	}
	if !z.disabled {
		z.disabled = true
		z.connUntil = c.now.Add(c.s.connDelay)
	}
	return emptyAnswer{}
}

// replayedOrNil returns a replayed answer, or nil when the call failed.
func (c *call) replayedOrNil() any {
	if c.replayed != nil {
		return c.replayed
	}
	return nil
}

// Values of UpdateVpcEndpointZoneConnectionResourceAttribute's modes, which
// only its prose gives. They are compared exactly: the operation documents
// IllegalParam.ResourceAllocateMode and IllegalParam.ResourceReplaceMode,
// so the service checks them, and no client sends another spelling
// (Terraform's provider does not call the operation). The ResourceType
// description's "Mannual" is a typo of the prose, not a second value.
var (
	allocateModes = []string{"Auto", "Manual"}
	replaceModes  = []string{"Graceful", "Force"}
)

func updateVpcEndpointZoneConnectionResourceAttribute(c *call) any {
	dryRun, sid, eid := c.connectionArgs()
	zoneID := c.required("ZoneId")
	alloc, allocSet := c.req.first["ResourceAllocateMode"]
	repl, replSet := c.req.first["ResourceReplaceMode"]
	resID := c.str("ResourceId")
	resType, typeSet := c.req.first["ResourceType"]
	switch {
	case c.err != nil:
	case allocSet && !slices.Contains(allocateModes, alloc):
		c.fail(errorf("IllegalParam.ResourceAllocateMode", "The param of %s is illegal.", "ResourceAllocateMode"))
	case replSet && !slices.Contains(replaceModes, repl):
		c.fail(errorf("IllegalParam.ResourceReplaceMode", "The param of %s is illegal.", "ResourceReplaceMode"))
	case !allocSet && !replSet:
		c.fail(errorf("MissingParam.ResourceAllocateMode", "The param of %s is missing.", "ResourceAllocateMode"))
	case (alloc == "Manual" || replSet) && resID == "":
		c.fail(errorf("MissingParam.ResourceId", "The param of %s is missing.", "ResourceId"))
	case typeSet && !validResourceType(resType):
		c.fail(errorf("EndpointServiceResourceTypeNotSupport", msgResourceTypeNotSupport))
	}
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	svc := c.ownService(sid)
	e := c.connection(svc, eid, true)
	if c.err != nil {
		return nil
	}
	if svc.status(c.now) != svcActive {
		c.fail(errorf("EndpointServiceLocked", msgEndpointServiceLocked))
		return nil
	}
	if err := e.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	z := e.zone(zoneID)
	if z == nil || z.removing {
		c.fail(errorf("EndpointZoneNotFound", msgEndpointZoneNotFound))
		return nil
	}
	var r *svcResource
	if resID != "" {
		r = svc.resource(resID)
		switch {
		case r == nil:
			c.fail(errorf("EndpointServiceResourceNotFound", msgServiceResourceNotFound))
		case typeSet && r.lb.Type != resType:
			c.fail(errorf("EndpointServiceResourceTypeNotSupport", msgResourceTypeNotSupport))
		case r.zone != zoneID:
			c.fail(errorf("Mismatch.ZoneId", "The %s is mismatched for %s and %s.", "ZoneId", resID, zoneID))
		}
		if c.err != nil {
			return nil
		}
	}
	conn := e.connectionStatus(c.now)
	// The prose: the allocation mode changes only while the connection is
	// Disconnected, a migration only while it is Connected.
	if allocSet && conn != connDisconnected || replSet && conn != connConnected {
		c.fail(errorf("ZoneOperationDenied", "You cannot operate the specified zone."))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	switch {
	case replSet:
		z.replacedID, z.resourceID = z.resourceID, r.lb.ID
	case alloc == "Manual":
		z.resourceID = r.lb.ID
	default:
		if a := svc.resourceIn(zoneID); a != nil {
			z.resourceID = a.lb.ID
		}
	}
	e.modifiedAt = c.now
	return emptyAnswer{}
}

// connectionZone is one element of a connection's Zones.
type connectionZone struct {
	VSwitchID          string `json:"VSwitchId"`
	ZoneID             string `json:"ZoneId"`
	ResourceID         string `json:"ResourceId"`
	EniID              string `json:"EniId"`
	ZoneDomain         string `json:"ZoneDomain"`
	ZoneStatus         string `json:"ZoneStatus"`
	ReplacedResourceID string `json:"ReplacedResourceId"`
	ReplacedEniID      string `json:"ReplacedEniId"`
}

// connectionEntry is one element of ListVpcEndpointConnections'
// Connections. EndpointOwnerId is an int64 on the wire, written from one.
type connectionEntry struct {
	Zones            []connectionZone `json:"Zones"`
	ModifiedTime     string           `json:"ModifiedTime"`
	Bandwidth        int              `json:"Bandwidth"`
	EndpointOwnerID  int64            `json:"EndpointOwnerId"`
	ResourceOwner    bool             `json:"ResourceOwner"`
	ServiceID        string           `json:"ServiceId"`
	ConnectionStatus string           `json:"ConnectionStatus"`
	EndpointID       string           `json:"EndpointId"`
	EndpointVpcID    string           `json:"EndpointVpcId"`
	ResourceGroupID  string           `json:"ResourceGroupId"`
	// Of the newest reference (darabonba v5.0.6 and v5.0.8). Endpoint and
	// service are always in the emulator's one region.
	EndpointRegionID   string `json:"EndpointRegionId"`
	ServiceRegionID    string `json:"ServiceRegionId"`
	TrafficControlMode string `json:"TrafficControlMode"`
}

// listConnectionsAnswer has TotalCount as a string, as the metadata says.
type listConnectionsAnswer struct {
	Connections []connectionEntry `json:"Connections"`
	NextToken   string            `json:"NextToken"`
	MaxResults  int               `json:"MaxResults"`
	TotalCount  string            `json:"TotalCount"`
}

func listVpcEndpointConnections(c *call) any {
	sid := c.str("ServiceId")
	eid := c.str("EndpointId")
	eni := c.str("EniId")
	rg := c.str("ResourceGroupId")
	resID := c.str("ResourceId")
	replaced := c.str("ReplacedResourceId")
	status := c.filter("ConnectionStatus")
	owner, ownerSet := c.bigInt("EndpointOwnerId", 0, 1<<63-1)
	if c.err != nil {
		return nil
	}
	var svcs []*service
	if sid != "" {
		if v := c.ownService(sid); v != nil {
			svcs = append(svcs, v)
		}
	} else {
		for _, v := range c.acct.services {
			if !c.s.serviceGone(v, c.now) {
				svcs = append(svcs, v)
			}
		}
	}
	if c.err != nil {
		return nil
	}
	zoneMatch := func(e *endpoint) bool {
		if eni == "" && resID == "" && replaced == "" {
			return true
		}
		return slices.ContainsFunc(e.zones, func(z *epZone) bool {
			return (eni == "" || z.eniID == eni) && (resID == "" || z.resourceID == resID) && (replaced == "" || z.replacedID == replaced)
		})
	}
	var match []*endpoint
	for _, v := range svcs {
		for _, e := range v.endpoints {
			switch {
			case e.gone(c.now), !e.visible(c.now, c.s.visibility),
				eid != "" && e.id != eid,
				ownerSet && e.account.uid != owner,
				rg != "" && e.rg != rg,
				status != "" && e.connectionStatus(c.now) != status,
				!zoneMatch(e):
				continue
			}
			match = append(match, e)
		}
	}
	slices.SortFunc(match, func(a, b *endpoint) int { return compareSeq(a.seq, b.seq) })
	page, next, size := paginate(c, "ListVpcEndpointConnections/"+c.acct.id, maxListEndpoints, match, func(e *endpoint) uint64 { return e.seq })
	if c.err != nil {
		return nil
	}
	out := listConnectionsAnswer{Connections: make([]connectionEntry, 0, len(page)), NextToken: next, MaxResults: size, TotalCount: strconv.Itoa(len(match))}
	for _, e := range page {
		ce := connectionEntry{
			Zones:            make([]connectionZone, 0, len(e.zones)),
			ModifiedTime:     laterOf(e.createdAt, e.modifiedAt).UTC().Format(timeFormat),
			Bandwidth:        e.bandwidthOf(),
			EndpointOwnerID:  e.account.uid,
			ResourceOwner:    e.account == c.acct,
			ServiceID:        e.service.ID,
			ConnectionStatus: e.connectionStatus(c.now),
			EndpointID:       e.id,
			EndpointVpcID:    e.vpcID,
			ResourceGroupID:  e.rg,

			EndpointRegionID:   RegionID,
			ServiceRegionID:    RegionID,
			TrafficControlMode: e.trafficControlMode(),
		}
		for _, z := range e.zones {
			ce.Zones = append(ce.Zones, connectionZone{
				VSwitchID: z.vswitchID, ZoneID: z.zoneID, ResourceID: z.resourceID, EniID: z.eniID,
				ZoneDomain: e.zoneDomain(z), ZoneStatus: e.zoneStatus(z, c.now), ReplacedResourceID: z.replacedID,
			})
		}
		out.Connections = append(out.Connections, ce)
	}
	return out
}

// connectionChanging reports whether the endpoint's connection cannot be
// changed now: the only refusal the metadata lists for Disable and Update
// (EndpointConnectionOperationDenied). An endpoint still being created is
// being connected, one being deleted is going away, and a connection or
// zone connection may be mid-transition.
func (e *endpoint) connectionChanging(now time.Time) bool {
	st := e.status(now)
	return st == statusCreating || st == statusDeleting || e.connBusy(now)
}

// trafficControlMode is the connection's TrafficControlMode: what the
// provider set, else the default of the service's resource type. Any value
// the provider sends is kept: the documentation lists Scalability and
// BandwidthLimit and says which one a resource type allows (clb only
// BandwidthLimit, gwlb only Scalability) but no error code for another,
// and the emulator models no traffic, so it refuses none.
func (e *endpoint) trafficControlMode() string {
	if e.trafficMode != "" {
		return e.trafficMode
	}
	return e.service.trafficControlMode()
}
