package privatelink

import (
	"context"
	"fmt"
	"time"
)

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
// closed it); Pending and Connecting readings restart that window. A
// connection not listed ends the wait, unless WaitNotFoundGrace tolerates
// it until it has been seen (for a wait right after CreateVpcEndpoint);
// one that disappears after being seen ends the wait whatever the grace.
func (c *Client) NewVpcEndpointConnectionWaiter(serviceID, endpointID string, target WaitTarget, opts ...WaitOption) *ResourceWaiter {
	w := c.newResourceWaiter("WaitUntilVpcEndpointConnectionStatus", WaitError{ServiceID: serviceID, EndpointID: endpointID, ZoneID: "-", Target: target},
		[]WaitTarget{WaitTargetConnected, WaitTargetDisconnected}, opts)
	w.notFoundCode = ErrCodeEndpointConnectionNotFound
	w.probe = func(ctx context.Context) (snapshot, error) {
		conn, reqID, err := c.findConnection(ctx, serviceID, endpointID)
		if err != nil || conn == nil {
			return snapshot{requestID: reqID}, err
		}
		w.answer = conn
		return snapshot{found: true, requestID: reqID, connectionStatus: conn.ConnectionStatus}, nil
	}
	w.judge = func(s snapshot, now time.Time) (bool, string, error) { return w.judgeConnection(s, now) }
	return w
}

// NewVpcEndpointConnectionWaiterFromEndpoint returns the same wait from the
// consumer's view: it polls GetVpcEndpointAttribute and reads
// ConnectionStatus, so it needs no access to the service. An endpoint that
// is still Creating reports Disconnected, which says nothing yet; an
// endpoint Deleting or FinancialLocked ends the wait with
// ErrUnexpectedState, and EndpointNotFound is treated like a connection
// not found.
func (c *Client) NewVpcEndpointConnectionWaiterFromEndpoint(endpointID string, target WaitTarget, opts ...WaitOption) *ResourceWaiter {
	w := c.newResourceWaiter("WaitUntilVpcEndpointConnectionStatusFromEndpoint", WaitError{ServiceID: "-", EndpointID: endpointID, ZoneID: "-", Target: target},
		[]WaitTarget{WaitTargetConnected, WaitTargetDisconnected}, opts)
	w.notFoundCode = ErrCodeEndpointNotFound
	w.probe = w.probeEndpoint
	w.judge = func(s snapshot, now time.Time) (bool, string, error) { return w.judgeConnection(s, now) }
	return w
}

// judgeConnection decides what a connection's state means for the wait.
func (w *ResourceWaiter) judgeConnection(s snapshot, now time.Time) (bool, string, error) {
	switch {
	case s.connectionStatus == ConnectionStatusDeleting, s.connectionStatus == ConnectionStatusServiceDeleted:
		return false, "connection is " + string(s.connectionStatus), ErrUnexpectedState
	case s.endpointBusiness == EndpointBusinessStatusFinancialLocked:
		return false, "endpoint is FinancialLocked (overdue payment)", ErrUnexpectedState
	case s.endpointStatus == EndpointStatusDeleting:
		return false, "endpoint is being deleted", ErrUnexpectedState
	}
	if w.id.Target == WaitTargetDisconnected {
		// Connected may still be on its way down: a disable accepted
		// moments ago need not show yet.
		return s.connectionStatus == ConnectionStatusDisconnected, "", nil
	}
	if s.endpointStatus != "" && s.endpointStatus != EndpointStatusActive {
		// A creating endpoint reports its connection Disconnected.
		w.disconnectedRun(false, now)
		return false, "", nil
	}
	if s.connectionStatus == ConnectionStatusConnected {
		return true, "", nil
	}
	over, d := w.disconnectedRun(s.connectionStatus == ConnectionStatusDisconnected, now)
	if over {
		return false, fmt.Sprintf("connection Disconnected for %v", d.Round(time.Millisecond)), ErrConnectionRejected
	}
	return false, "", nil
}

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
// grace of WaitDisconnectedGrace. A zone not listed is handled like a
// connection not listed (see NewVpcEndpointConnectionWaiter).
func (c *Client) NewVpcEndpointZoneConnectionWaiter(serviceID, endpointID, zoneID string, target WaitTarget, opts ...WaitOption) *ResourceWaiter {
	w := c.newResourceWaiter("WaitUntilVpcEndpointZoneConnectionStatus", WaitError{ServiceID: serviceID, EndpointID: endpointID, ZoneID: zoneID, Target: target},
		[]WaitTarget{WaitTargetConnected, WaitTargetDisconnected}, opts)
	w.notFoundCode = ErrCodeEndpointConnectionNotFound
	w.probe = func(ctx context.Context) (snapshot, error) {
		conn, reqID, err := c.findConnection(ctx, serviceID, endpointID)
		if err != nil || conn == nil {
			return snapshot{requestID: reqID}, err
		}
		for i := range conn.Zones {
			if z := &conn.Zones[i]; z.ZoneID == zoneID {
				w.answer = z
				return snapshot{found: true, requestID: reqID, connectionStatus: conn.ConnectionStatus, zoneStatus: z.ZoneStatus}, nil
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
		over, d := w.disconnectedRun(s.zoneStatus == ZoneStatusDisconnected, now)
		if over {
			return false, fmt.Sprintf("zone Disconnected for %v", d.Round(time.Millisecond)), ErrUnexpectedState
		}
		return false, "", nil
	}
	return w
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
	w := c.NewVpcEndpointConnectionWaiter(serviceID, endpointID, target, opts...)
	if err := w.Wait(ctx); err != nil {
		return nil, err
	}
	conn, _ := w.answer.(*Connection)
	return conn, nil
}

// WaitUntilVpcEndpointConnectionStatusFromEndpoint waits, from the
// consumer's view, until the connection of endpointID reaches target and
// returns what GetVpcEndpointAttribute said then. See
// NewVpcEndpointConnectionWaiterFromEndpoint for the rules.
func (c *Client) WaitUntilVpcEndpointConnectionStatusFromEndpoint(ctx context.Context, endpointID string, target WaitTarget, opts ...WaitOption) (*GetVpcEndpointAttributeResponse, error) {
	w := c.NewVpcEndpointConnectionWaiterFromEndpoint(endpointID, target, opts...)
	if err := w.Wait(ctx); err != nil {
		return nil, err
	}
	resp, _ := w.answer.(*GetVpcEndpointAttributeResponse)
	return resp, nil
}

// WaitUntilVpcEndpointZoneConnectionStatus waits until zone zoneID of the
// connection of endpointID to serviceID reaches target and returns the
// zone as ListVpcEndpointConnections listed it then. See
// NewVpcEndpointZoneConnectionWaiter for the rules.
func (c *Client) WaitUntilVpcEndpointZoneConnectionStatus(ctx context.Context, serviceID, endpointID, zoneID string, target WaitTarget, opts ...WaitOption) (*ConnectionZone, error) {
	w := c.NewVpcEndpointZoneConnectionWaiter(serviceID, endpointID, zoneID, target, opts...)
	if err := w.Wait(ctx); err != nil {
		return nil, err
	}
	zone, _ := w.answer.(*ConnectionZone)
	return zone, nil
}
