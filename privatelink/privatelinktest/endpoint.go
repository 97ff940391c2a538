package privatelinktest

import (
	"time"
)

// endpoint is the stored state of one VPC endpoint. It records when things
// happened and when they will be done; every status the API reports is
// derived from those instants and the clock at read time, so no timer or
// goroutine runs per endpoint.
type endpoint struct {
	seq         uint64 // creation order, the stable order of listings
	id          string
	name        string
	description string
	typ         string
	vpcID       string
	service     *service
	ipVersion   string
	affinity    bool
	protected   bool
	policy      string
	clientToken string
	// labels holds the tags and the resource group, the part the tag and
	// resource-group operations act on.
	labels
	// account owns the endpoint; no other account sees it.
	account *account
	// owner is the access key that created the endpoint; with protected
	// set and an STS owner, only the owner may change it.
	owner    string
	ownerSTS bool

	createdAt time.Time
	activeAt  time.Time // Creating until then
	// pendingUntil is when the last zone or security group change is done;
	// the endpoint is Pending (and locked) until then.
	pendingUntil time.Time
	// deleting is set by DeleteVpcEndpoint; the endpoint is gone at goneAt.
	deleting bool
	goneAt   time.Time
	// connState is where the connection is, or is going: Pending,
	// Connected or Disconnected. Until connUntil it is on its way there
	// (Connecting or Disconnecting). The provider's Enable and
	// DisableVpcEndpointConnection, and AcceptConnection and
	// RejectConnection, move it.
	connState string
	connUntil time.Time
	// modifiedAt is when the provider last changed the connection.
	modifiedAt time.Time
	// bw is the connection's bandwidth (Mbit/s); 0 means bandwidth.
	bw int
	// trafficMode is the connection's TrafficControlMode as the provider
	// last set it; "" means the default of the service's resource type.
	trafficMode string
	// serviceDeleted is set by DeleteService. It is a flag on the endpoint
	// rather than a lookup in the world so that the world stays immutable
	// and the endpoint's states stay derivable from the endpoint alone.
	// The operations whose metadata lists EndpointServiceDeleted (update,
	// add zone, attach and detach security group) refuse with it; removing
	// a zone and deleting the endpoint, which do not list it, still work,
	// so that the orphaned endpoint can be cleaned up.
	serviceDeleted bool
	// business is the EndpointBusinessStatus SetBusinessStatus gave; empty
	// means Normal, so that every endpoint starts Normal.
	business string

	zones []*epZone
	sgs   []*sgAttachment
}

type epZone struct {
	seq               uint64
	zoneID, vswitchID string
	eniID             string
	ip, ipv6          string
	readyAt           time.Time // Creating until then
	removing          bool
	goneAt            time.Time
	// disabled is set by DisableVpcEndpointZoneConnection: the zone is
	// Disconnected (Disconnecting until connUntil) while the connection
	// may stay Connected.
	disabled  bool
	connUntil time.Time
	// resourceID is the service resource serving the zone, and
	// replacedID the one it replaced.
	resourceID, replacedID string
}

type sgAttachment struct {
	seq      uint64
	id       string
	readyAt  time.Time // Attaching until then
	removing bool
	goneAt   time.Time
}

// Endpoint status values.
const (
	statusCreating = "Creating"
	statusActive   = "Active"
	statusPending  = "Pending"
	statusDeleting = "Deleting"
)

// visible reports whether the API shows the endpoint at now, given the
// server's visibility delay.
func (e *endpoint) visible(now time.Time, delay time.Duration) bool {
	return !now.Before(e.createdAt.Add(delay))
}

// gone reports whether the endpoint no longer exists at now.
func (e *endpoint) gone(now time.Time) bool {
	return e.deleting && !now.Before(e.goneAt)
}

func (e *endpoint) status(now time.Time) string {
	switch {
	case e.deleting:
		return statusDeleting
	case now.Before(e.activeAt):
		return statusCreating
	case now.Before(e.pendingUntil):
		return statusPending
	}
	return statusActive
}

// Connection status values.
const (
	connPending        = "Pending"
	connConnecting     = "Connecting"
	connConnected      = "Connected"
	connDisconnecting  = "Disconnecting"
	connDisconnected   = "Disconnected"
	connDeleting       = "Deleting"
	connServiceDeleted = "ServiceDeleted"
)

// connectionStatus derives ConnectionStatus. A deleted service outranks
// everything but the endpoint's own deletion: no state of the endpoint can
// bring the connection back.
func (e *endpoint) connectionStatus(now time.Time) string {
	switch {
	case e.deleting:
		return connDeleting
	case e.serviceDeleted:
		return connServiceDeleted
	case now.Before(e.activeAt):
		return connDisconnected
	case now.Before(e.connUntil):
		if e.connState == connConnected {
			return connConnecting
		}
		return connDisconnecting
	}
	return e.connState
}

// connBusy reports whether the connection, or a zone of it, is between
// two states.
func (e *endpoint) connBusy(now time.Time) bool {
	if now.Before(e.connUntil) {
		return true
	}
	for _, z := range e.zones {
		if now.Before(z.connUntil) {
			return true
		}
	}
	return false
}

// setConnection moves the connection towards state, through Connecting or
// Disconnecting for delay, counted from when the endpoint is Active.
// Enabling the connection enables its zones too.
func (e *endpoint) setConnection(state string, now time.Time, delay time.Duration) {
	e.connState = state
	e.connUntil = laterOf(now, e.activeAt).Add(delay)
	e.modifiedAt = now
	if state == connConnected {
		for _, z := range e.zones {
			z.disabled, z.connUntil = false, time.Time{}
		}
	}
}

func (e *endpoint) zoneStatus(z *epZone, now time.Time) string {
	switch {
	case e.deleting || z.removing:
		return "Deleting"
	case now.Before(z.readyAt) || now.Before(e.activeAt):
		return "Creating"
	case now.Before(z.connUntil):
		if z.disabled {
			return connDisconnecting
		}
		return connConnecting
	case z.disabled:
		return connDisconnected
	}
	switch st := e.connectionStatus(now); st {
	case connConnected, connConnecting, connDisconnecting:
		return st
	case connDisconnected, connServiceDeleted:
		// ZoneStatus has no ServiceDeleted: a zone whose service is gone
		// carries no traffic, like a rejected one.
		return "Disconnected"
	}
	return "Wait"
}

// bandwidthOf is the connection's bandwidth.
func (e *endpoint) bandwidthOf() int {
	if e.bw == 0 {
		return bandwidth
	}
	return e.bw
}

// businessStatus derives EndpointBusinessStatus.
func (e *endpoint) businessStatus() string {
	if e.business == "" {
		return businessNormal
	}
	return e.business
}

// businessNormal is the EndpointBusinessStatus of an endpoint in good
// standing.
const businessNormal = "Normal"

func sgStatus(a *sgAttachment, now time.Time) string {
	switch {
	case a.removing:
		return "Detaching"
	case now.Before(a.readyAt):
		return "Attaching"
	}
	return "Attached"
}

// sweep drops the zones and security groups whose removal is complete. It is
// the lazy half of the state machine: removal becomes visible the first time
// anything reads the endpoint after its instant has passed.
func (e *endpoint) sweep(now time.Time) {
	zs := e.zones[:0]
	for _, z := range e.zones {
		if !z.removing || now.Before(z.goneAt) {
			zs = append(zs, z)
		}
	}
	clear(e.zones[len(zs):])
	e.zones = zs
	as := e.sgs[:0]
	for _, a := range e.sgs {
		if !a.removing || now.Before(a.goneAt) {
			as = append(as, a)
		}
	}
	clear(e.sgs[len(as):])
	e.sgs = as
}

func (e *endpoint) zone(id string) *epZone {
	for _, z := range e.zones {
		if z.zoneID == id {
			return z
		}
	}
	return nil
}

func (e *endpoint) sg(id string) *sgAttachment {
	for _, a := range e.sgs {
		if a.id == id {
			return a
		}
	}
	return nil
}

// activeSGs counts the groups that are or will be attached.
func (e *endpoint) activeSGs() int {
	n := 0
	for _, a := range e.sgs {
		if !a.removing {
			n++
		}
	}
	return n
}

// activeZones counts the zones that are not being removed.
func (e *endpoint) activeZones() int {
	n := 0
	for _, z := range e.zones {
		if !z.removing {
			n++
		}
	}
	return n
}

// domain is the endpoint's DNS name, shaped like the service's:
// ep-xxx.epsrv-yyy.<region>.privatelink.aliyuncs.com.
func (e *endpoint) domain() string {
	return e.id + "." + e.service.ID + "." + RegionID + ".privatelink.aliyuncs.com"
}

// zoneDomain is a zone's DNS name:
// ep-xxx-<region>.epsrv-yyy.<zone>.privatelink.aliyuncs.com.
func (e *endpoint) zoneDomain(z *epZone) string {
	return e.id + "-" + RegionID + "." + e.service.ID + "." + z.zoneID + ".privatelink.aliyuncs.com"
}

// lockFor checks that a mutating operation may run now: transitional
// states refuse with EndpointOperationDenied, a pending modification with
// EndpointLocked (or EndpointOperationDenied for operations whose metadata
// does not list EndpointLocked), a connection in transition as below.
func (e *endpoint) lockFor(now time.Time, lockedCode bool) *apiError {
	switch e.status(now) {
	case statusCreating, statusDeleting:
		return errorf("EndpointOperationDenied", msgEndpointOperationDenied)
	case statusPending:
		if lockedCode {
			return errorf("EndpointLocked", msgEndpointLocked)
		}
		return errorf("EndpointOperationDenied", msgEndpointOperationDenied)
	}
	// While the provider enables or disables the connection or a zone of
	// it, the consumer's changes wait: the operations that document
	// EndpointLocked document EndpointConnectionOperationDenied for this,
	// and DeleteVpcEndpoint EndpointDependenceViolation (its zones depend
	// on the connection being settled).
	if e.connBusy(now) {
		if lockedCode {
			return errorf("EndpointConnectionOperationDenied", msgEndpointConnectionOperationDenied)
		}
		return errorf("EndpointDependenceViolation", msgEndpointDependenceViolation)
	}
	return nil
}

// protectedFrom reports whether the endpoint refuses changes from key:
// ProtectedEnabled only takes effect for endpoints created with STS
// credentials, and then only their creator may change them.
func (e *endpoint) protectedFrom(key string) bool {
	return e.protected && e.ownerSTS && key != e.owner
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
