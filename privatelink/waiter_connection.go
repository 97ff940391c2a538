package privatelink

import (
	"context"
	"fmt"
	"time"
)

// connectionTargets are the targets of the connection and zone connection
// waits, and the hint an unknown one gets.
var connectionTargets = []WaitTarget{WaitTargetConnected, WaitTargetDisconnected}

const connectionTargetsHint = "for the endpoint's own state, or its connection from the consumer's side, " +
	"use WaitUntilVpcEndpointActive with WaitConnected(), or NewVpcEndpointWaiter"

// VpcEndpointConnectionWaiter waits, from the service provider's view, for
// the connection of an endpoint to an endpoint service to reach a target.
// Poll takes one step; Wait loops over Poll. It follows the rules of
// VpcEndpointWaiter: the schedule described at DefaultWaitMinDelay, the
// WaitOptions, a *WaitError with what was last seen, transient errors
// polled through, and outcomes that Poll and Wait repeat once reached. It
// is not safe for concurrent use; the Client is.
//
// The consumer waits for its endpoint's connection with the endpoint waits
// and WaitConnected, which need only the endpoint ID.
type VpcEndpointConnectionWaiter struct{ rw *resourceWaiter }

// NewVpcEndpointConnectionWaiter returns a waiter, from the service
// provider's view, for the connection of endpointID to serviceID to reach
// target: WaitTargetConnected (after EnableVpcEndpointConnection, or for a
// service that accepts automatically) or WaitTargetDisconnected (after
// DisableVpcEndpointConnection). It polls ListVpcEndpointConnections
// filtered by the service and the endpoint.
//
// Both targets fail with ErrUnexpectedState when the connection is
// Deleting or ServiceDeleted. A Connected wait fails with
// ErrConnectionRejected when the connection reads Disconnected on every
// poll for the grace of WaitDisconnectedGrace (the provider rejected or
// closed it), and with ErrConnectionPending when it reads Pending on every
// poll for the grace of WaitPendingGrace (nobody accepted it); Connecting
// readings restart both windows. A connection not listed ends the wait,
// unless WaitNotFoundGrace tolerates it until it has been seen (for a wait
// right after CreateVpcEndpoint); one that disappears after being seen ends
// the wait whatever the grace.
func (c *Client) NewVpcEndpointConnectionWaiter(serviceID, endpointID string, target WaitTarget, opts ...WaitOption) *VpcEndpointConnectionWaiter {
	return c.newConnectionWaiter("NewVpcEndpointConnectionWaiter", serviceID, endpointID, target, opts)
}

func (c *Client) newConnectionWaiter(action, serviceID, endpointID string, target WaitTarget, opts []WaitOption) *VpcEndpointConnectionWaiter {
	w := c.newResourceWaiter(action, WaitError{ServiceID: serviceID, EndpointID: endpointID, ZoneID: "-", Target: target},
		connectionTargets, connectionTargetsHint, opts)
	w.notFoundCode = ErrCodeEndpointConnectionNotFound
	w.probe = func(ctx context.Context) (snapshot, error) {
		conn, reqID, err := c.findConnection(ctx, serviceID, endpointID)
		if err != nil || conn == nil {
			return snapshot{requestID: reqID}, err
		}
		w.answer = conn
		return snapshot{found: true, requestID: reqID, serviceID: serviceID, connectionStatus: conn.ConnectionStatus}, nil
	}
	w.judge = w.judgeConnection
	return &VpcEndpointConnectionWaiter{rw: w}
}

// Wait polls until the connection reaches the target, the wait fails, or
// ctx is done. It returns the connection as ListVpcEndpointConnections
// listed it then, or a *WaitError (a *ValidationError for invalid options).
func (w *VpcEndpointConnectionWaiter) Wait(ctx context.Context) (*Connection, error) {
	if err := w.rw.Wait(ctx); err != nil {
		return nil, err
	}
	return w.last(), nil
}

// Poll polls once and reports whether the connection has reached the
// target; last is the connection as last listed, nil before it was. Errors
// are those of VpcEndpointWaiter.Poll, and like it Poll does not apply
// WaitTimeout.
func (w *VpcEndpointConnectionWaiter) Poll(ctx context.Context) (done bool, last *Connection, err error) {
	done, err = w.rw.Poll(ctx)
	return done, w.last(), err
}

func (w *VpcEndpointConnectionWaiter) last() *Connection {
	conn, _ := w.rw.answer.(*Connection)
	return conn
}

// judgeConnection decides what a connection's state means for the wait.
func (w *resourceWaiter) judgeConnection(s snapshot, now time.Time) (bool, string, error) {
	if s.connectionStatus == ConnectionStatusDeleting || s.connectionStatus == ConnectionStatusServiceDeleted {
		return false, "connection is " + string(s.connectionStatus), ErrUnexpectedState
	}
	if w.id.Target == WaitTargetDisconnected {
		// Connected may still be on its way down: a disable accepted
		// moments ago need not show yet.
		return s.connectionStatus == ConnectionStatusDisconnected, "", nil
	}
	if s.connectionStatus == ConnectionStatusConnected {
		return true, "", nil
	}
	if over, d := w.pending.track(s.connectionStatus == ConnectionStatusPending, now, w.cfg.pendingGrace); over {
		return false, w.pendingReason(d, "WaitPendingGrace"), ErrConnectionPending
	}
	over, d := w.disconnected.track(s.connectionStatus == ConnectionStatusDisconnected, now, w.cfg.disconnectedGrace)
	if over {
		return false, fmt.Sprintf("connection Disconnected for %v", d.Round(time.Millisecond)), ErrConnectionRejected
	}
	return false, "", nil
}

// VpcEndpointZoneConnectionWaiter waits for one zone of the connection of
// an endpoint to an endpoint service to reach a target, as zone failover
// needs. It follows the rules of VpcEndpointConnectionWaiter.
type VpcEndpointZoneConnectionWaiter struct{ rw *resourceWaiter }

// NewVpcEndpointZoneConnectionWaiter returns a waiter for zone zoneID of
// the connection of endpointID to serviceID to reach target, as zone
// failover needs after DisableVpcEndpointZoneConnection
// (WaitTargetDisconnected) and EnableVpcEndpointZoneConnection
// (WaitTargetConnected). It polls ListVpcEndpointConnections and reads the
// zone's ZoneStatus.
//
// Both targets fail with ErrUnexpectedState when the zone is Deleting or
// the connection Deleting or ServiceDeleted. A Connected wait fails with
// ErrUnexpectedState when the zone reads Disconnected on every poll for the
// grace of WaitDisconnectedGrace, and with ErrConnectionPending when the
// connection reads Pending on every poll for the grace of WaitPendingGrace
// (nobody accepted it, so none of its zones can connect). A zone not listed
// is handled like a connection not listed (see
// NewVpcEndpointConnectionWaiter).
func (c *Client) NewVpcEndpointZoneConnectionWaiter(serviceID, endpointID, zoneID string, target WaitTarget, opts ...WaitOption) *VpcEndpointZoneConnectionWaiter {
	return c.newZoneConnectionWaiter("NewVpcEndpointZoneConnectionWaiter", serviceID, endpointID, zoneID, target, opts)
}

func (c *Client) newZoneConnectionWaiter(action, serviceID, endpointID, zoneID string, target WaitTarget, opts []WaitOption) *VpcEndpointZoneConnectionWaiter {
	w := c.newResourceWaiter(action, WaitError{ServiceID: serviceID, EndpointID: endpointID, ZoneID: zoneID, Target: target},
		connectionTargets, connectionTargetsHint, opts)
	w.notFoundCode = ErrCodeEndpointConnectionNotFound
	w.probe = func(ctx context.Context) (snapshot, error) {
		conn, reqID, err := c.findConnection(ctx, serviceID, endpointID)
		if err != nil || conn == nil {
			return snapshot{requestID: reqID}, err
		}
		for i := range conn.Zones {
			if z := &conn.Zones[i]; z.ZoneID == zoneID {
				w.answer = z
				return snapshot{found: true, requestID: reqID, serviceID: serviceID, connectionStatus: conn.ConnectionStatus, zoneStatus: z.ZoneStatus}, nil
			}
		}
		return snapshot{requestID: reqID}, nil
	}
	w.judge = func(s snapshot, now time.Time) (bool, string, error) {
		switch {
		case s.connectionStatus == ConnectionStatusDeleting, s.connectionStatus == ConnectionStatusServiceDeleted:
			return false, "connection is " + string(s.connectionStatus), ErrUnexpectedState
		case s.zoneStatus == ZoneStatusDeleting:
			return false, "zone is being deleted", ErrUnexpectedState
		case target == WaitTargetDisconnected:
			return s.zoneStatus == ZoneStatusDisconnected, "", nil
		case s.zoneStatus == ZoneStatusConnected:
			return true, "", nil
		}
		// No zone of a connection nobody has accepted can connect.
		if over, d := w.pending.track(s.connectionStatus == ConnectionStatusPending, now, w.cfg.pendingGrace); over {
			return false, w.pendingReason(d, "WaitPendingGrace"), ErrConnectionPending
		}
		over, d := w.disconnected.track(s.zoneStatus == ZoneStatusDisconnected, now, w.cfg.disconnectedGrace)
		if over {
			return false, fmt.Sprintf("zone Disconnected for %v", d.Round(time.Millisecond)), ErrUnexpectedState
		}
		return false, "", nil
	}
	return &VpcEndpointZoneConnectionWaiter{rw: w}
}

// Wait polls until the zone reaches the target, the wait fails, or ctx is
// done. It returns the zone as ListVpcEndpointConnections listed it then,
// or a *WaitError (a *ValidationError for invalid options).
func (w *VpcEndpointZoneConnectionWaiter) Wait(ctx context.Context) (*ConnectionZone, error) {
	if err := w.rw.Wait(ctx); err != nil {
		return nil, err
	}
	return w.last(), nil
}

// Poll polls once and reports whether the zone has reached the target;
// last is the zone as last listed, nil before it was. Errors are those of
// VpcEndpointWaiter.Poll, and like it Poll does not apply WaitTimeout.
func (w *VpcEndpointZoneConnectionWaiter) Poll(ctx context.Context) (done bool, last *ConnectionZone, err error) {
	done, err = w.rw.Poll(ctx)
	return done, w.last(), err
}

func (w *VpcEndpointZoneConnectionWaiter) last() *ConnectionZone {
	zone, _ := w.rw.answer.(*ConnectionZone)
	return zone
}

// findConnection returns the connection of endpointID to serviceID, or nil
// when ListVpcEndpointConnections does not list it, with the request ID.
func (c *Client) findConnection(ctx context.Context, serviceID, endpointID string) (*Connection, string, error) {
	resp, err := c.ListVpcEndpointConnections(ctx, &ListVpcEndpointConnectionsRequest{ServiceID: serviceID, EndpointID: endpointID})
	if err != nil {
		return nil, "", err
	}
	for i := range resp.Connections {
		if resp.Connections[i].EndpointID == endpointID {
			return &resp.Connections[i], resp.RequestID, nil
		}
	}
	return nil, resp.RequestID, nil
}

// WaitUntilVpcEndpointConnectionStatus waits, from the service provider's
// view, until the connection of endpointID to serviceID reaches target
// (WaitTargetConnected or WaitTargetDisconnected) and returns it as
// ListVpcEndpointConnections listed it then. See
// NewVpcEndpointConnectionWaiter for the rules.
func (c *Client) WaitUntilVpcEndpointConnectionStatus(ctx context.Context, serviceID, endpointID string, target WaitTarget, opts ...WaitOption) (*Connection, error) {
	return c.newConnectionWaiter("WaitUntilVpcEndpointConnectionStatus", serviceID, endpointID, target, opts).Wait(ctx)
}

// WaitUntilVpcEndpointZoneConnectionStatus waits until zone zoneID of the
// connection of endpointID to serviceID reaches target and returns the
// zone as ListVpcEndpointConnections listed it then. See
// NewVpcEndpointZoneConnectionWaiter for the rules.
func (c *Client) WaitUntilVpcEndpointZoneConnectionStatus(ctx context.Context, serviceID, endpointID, zoneID string, target WaitTarget, opts ...WaitOption) (*ConnectionZone, error) {
	return c.newZoneConnectionWaiter("WaitUntilVpcEndpointZoneConnectionStatus", serviceID, endpointID, zoneID, target, opts).Wait(ctx)
}
