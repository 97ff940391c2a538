package privatelinktest

import (
	"fmt"
	"time"
)

// This file is the other side of an endpoint: what the service's provider
// and Alibaba Cloud's billing do to it without any call of the consumer's.
// A test plays those parts to drive a client into the states its waiters
// and error handling must survive, which no sequence of the consumer's own
// API calls can reach.

// AcceptConnection accepts the connection of an endpoint, as the service's
// provider would with EnableVpcEndpointConnection, through the same state
// machine: the connection is Connecting for the connection delay
// (WithConnectionDelay) once the endpoint is Active, then Connected. For a
// service that does not accept automatically, it is the acceptance the
// connection waits for in Pending; after RejectConnection, on either kind
// of service, it enables the connection again. A Connected connection stays
// as it is. It is an error for an endpoint that does not exist, is being
// deleted, whose service was deleted, or whose connection is between two
// states (the API's EndpointConnectionOperationDenied).
func (s *Server) AcceptConnection(endpointID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	e, err := s.providerEndpoint("AcceptConnection", endpointID, now)
	if err != nil {
		return err
	}
	if err := e.enableConnection(now, s.connDelay); err != nil {
		return fmt.Errorf("privatelinktest: AcceptConnection: endpoint %s: %s", endpointID, err.code)
	}
	if err := s.journalAdmin(now, "AcceptConnection", endpointID); err != nil {
		return err
	}
	return nil
}

// RejectConnection rejects the connection of an endpoint, or closes it if
// it was Connected, as the service's provider would with
// DisableVpcEndpointConnection, through the same state machine:
// Disconnecting for the connection delay, then Disconnected (and the zones
// Disconnected) until AcceptConnection enables it again. It works for
// services that accept automatically and for those that do not. It is an
// error for an endpoint that does not exist, is still Creating (the
// provider has no connection to reject before the endpoint is Active), is
// being deleted, whose service was deleted, or whose connection is between
// two states.
func (s *Server) RejectConnection(endpointID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	e, err := s.providerEndpoint("RejectConnection", endpointID, now)
	if err != nil {
		return err
	}
	if e.status(now) == statusCreating {
		return fmt.Errorf("privatelinktest: RejectConnection: endpoint %s is still Creating", endpointID)
	}
	if err := e.disableConnection(now, s.connDelay); err != nil {
		return fmt.Errorf("privatelinktest: RejectConnection: endpoint %s: %s", endpointID, err.code)
	}
	if err := s.journalAdmin(now, "RejectConnection", endpointID); err != nil {
		return err
	}
	return nil
}

// SetBusinessStatus sets the EndpointBusinessStatus the endpoint reports,
// as Alibaba Cloud's billing would: "FinancialLocked" when the account's
// payment is overdue, "Normal" when it is settled. Other values are
// reported as given, to test how a client treats a status it does not
// know. Only the reported status changes: the emulator does not model what
// a locked endpoint may no longer do. It is an error for an endpoint that
// does not exist and for an empty status.
func (s *Server) SetBusinessStatus(endpointID, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.sweep(now)
	e := s.endpoints[endpointID]
	switch {
	case e == nil:
		return fmt.Errorf("privatelinktest: SetBusinessStatus: endpoint %s does not exist", endpointID)
	case status == "":
		return fmt.Errorf("privatelinktest: SetBusinessStatus: empty status for endpoint %s", endpointID)
	}
	if err := s.journalAdmin(now, "SetBusinessStatus", endpointID, status); err != nil {
		return err
	}
	e.business = status
	return nil
}

// DeleteService deletes the endpoint service serviceID, as its provider
// would, for good and at once, whatever depends on it. Its endpoints
// remain and report ConnectionStatus ServiceDeleted (their zones
// Disconnected); updating them, adding zones and attaching or detaching
// security groups fail with EndpointServiceDeleted, while removing zones
// and deleting the endpoints still work. Creating an endpoint for the
// service, by ID or name, fails with EndpointServiceDeleted, the code the
// API metadata gives CreateVpcEndpoint for it. (DeleteVpcEndpointService
// refuses while the service has endpoints or resources; this control skips
// those steps, since the consumer sees only their outcome.) It uses the
// service's own deletion, with no delay. It is an error for a service that
// does not exist or was already deleted.
func (s *Server) DeleteService(serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	v := s.services[serviceID]
	switch {
	case v == nil:
		return fmt.Errorf("privatelinktest: DeleteService: service %s does not exist", serviceID)
	case s.serviceGone(v, now):
		return fmt.Errorf("privatelinktest: DeleteService: service %s is already deleted", serviceID)
	}
	v.deleting, v.goneAt = true, now
	s.serviceGone(v, now)
	if err := s.journalAdmin(now, "DeleteService", serviceID); err != nil {
		return err
	}
	return nil
}

// providerEndpoint returns the endpoint a provider action applies to, or
// the error that explains why none does. Called with s.mu held.
func (s *Server) providerEndpoint(op, endpointID string, now time.Time) (*endpoint, error) {
	s.sweep(now)
	e := s.endpoints[endpointID]
	switch {
	case e == nil:
		return nil, fmt.Errorf("privatelinktest: %s: endpoint %s does not exist", op, endpointID)
	case e.deleting:
		return nil, fmt.Errorf("privatelinktest: %s: endpoint %s is being deleted", op, endpointID)
	case e.serviceDeleted:
		return nil, fmt.Errorf("privatelinktest: %s: the service of endpoint %s was deleted", op, endpointID)
	}
	return e, nil
}
