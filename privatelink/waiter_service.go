package privatelink

import (
	"context"
	"time"
)

// NewVpcEndpointServiceWaiter returns a waiter for the endpoint service
// serviceID to reach target: WaitTargetActive (ServiceStatus Active) or
// WaitTargetDeleted (GetVpcEndpointServiceAttribute answers
// EndpointServiceNotFound). An Active wait fails with ErrUnexpectedState
// when the service is Deleting or FinancialLocked, and on
// EndpointServiceNotFound unless WaitNotFoundGrace tolerates it until the
// service has been seen (pass DefaultNotFoundGrace right after
// CreateVpcEndpointService). It calls nothing until the first Poll.
func (c *Client) NewVpcEndpointServiceWaiter(serviceID string, target WaitTarget, opts ...WaitOption) *ResourceWaiter {
	action := "WaitUntilVpcEndpointServiceActive"
	if target == WaitTargetDeleted {
		action = "WaitUntilVpcEndpointServiceDeleted"
	}
	w := c.newResourceWaiter(action, WaitError{ServiceID: serviceID, EndpointID: "-", ZoneID: "-", Target: target},
		[]WaitTarget{WaitTargetActive, WaitTargetDeleted}, opts)
	w.notFoundCode = ErrCodeEndpointServiceNotFound
	w.probe = func(ctx context.Context) (snapshot, error) {
		resp, err := c.GetVpcEndpointServiceAttribute(ctx, &GetVpcEndpointServiceAttributeRequest{ServiceID: serviceID})
		if err != nil {
			return snapshot{}, err
		}
		w.answer = resp
		return snapshot{found: true, requestID: resp.RequestID, serviceStatus: resp.ServiceStatus, serviceBusiness: resp.ServiceBusinessStatus}, nil
	}
	w.judge = func(s snapshot, _ time.Time) (bool, string, error) {
		if target == WaitTargetDeleted {
			// Any state may still be on its way out: a delete accepted
			// moments ago need not show yet.
			return false, "", nil
		}
		switch {
		case s.serviceBusiness == ServiceBusinessStatusFinancialLocked:
			return false, "endpoint service is FinancialLocked (overdue payment)", ErrUnexpectedState
		case s.serviceStatus == ServiceStatusDeleting:
			return false, "endpoint service is being deleted", ErrUnexpectedState
		}
		return s.serviceStatus == ServiceStatusActive, "", nil
	}
	return w
}

// WaitUntilVpcEndpointServiceActive waits until the endpoint service is
// Active, as CreateVpcEndpointService leaves it Creating, and returns what
// GetVpcEndpointServiceAttribute said then. See ResourceWaiter for the
// rules and WaitOption for the knobs.
func (c *Client) WaitUntilVpcEndpointServiceActive(ctx context.Context, serviceID string, opts ...WaitOption) (*GetVpcEndpointServiceAttributeResponse, error) {
	w := c.NewVpcEndpointServiceWaiter(serviceID, WaitTargetActive, opts...)
	if err := w.Wait(ctx); err != nil {
		return nil, err
	}
	resp, _ := w.answer.(*GetVpcEndpointServiceAttributeResponse)
	return resp, nil
}

// WaitUntilVpcEndpointServiceDeleted waits until the endpoint service is
// gone: EndpointServiceNotFound from GetVpcEndpointServiceAttribute is
// success, from the first poll on, so a well-formed ID of a service that
// never existed returns nil at once. An ID that does not start with
// "epsrv-" fails with a *ValidationError before any call.
func (c *Client) WaitUntilVpcEndpointServiceDeleted(ctx context.Context, serviceID string, opts ...WaitOption) error {
	return c.NewVpcEndpointServiceWaiter(serviceID, WaitTargetDeleted, opts...).Wait(ctx)
}
