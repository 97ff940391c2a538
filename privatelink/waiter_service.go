package privatelink

import (
	"context"
	"time"
)

// VpcEndpointServiceWaiter waits for an endpoint service to reach a
// target. Poll takes one step; Wait loops over Poll. It follows the rules
// of VpcEndpointWaiter. It is not safe for concurrent use; the Client is.
type VpcEndpointServiceWaiter struct{ rw *resourceWaiter }

// NewVpcEndpointServiceWaiter returns a waiter for the endpoint service
// serviceID to reach target: WaitTargetActive (ServiceStatus Active) or
// WaitTargetDeleted (GetVpcEndpointServiceAttribute answers
// EndpointServiceNotFound). An Active wait fails with ErrUnexpectedState
// when the service is Deleting or FinancialLocked, and on
// EndpointServiceNotFound unless WaitNotFoundGrace tolerates it until the
// service has been seen (pass DefaultNotFoundGrace right after
// CreateVpcEndpointService). It calls nothing until the first Poll.
func (c *Client) NewVpcEndpointServiceWaiter(serviceID string, target WaitTarget, opts ...WaitOption) *VpcEndpointServiceWaiter {
	return c.newServiceWaiter("NewVpcEndpointServiceWaiter", serviceID, target, opts)
}

func (c *Client) newServiceWaiter(action, serviceID string, target WaitTarget, opts []WaitOption) *VpcEndpointServiceWaiter {
	w := c.newResourceWaiter(action, WaitError{ServiceID: serviceID, EndpointID: "-", ZoneID: "-", Target: target},
		[]WaitTarget{WaitTargetActive, WaitTargetDeleted}, "", opts)
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
	return &VpcEndpointServiceWaiter{rw: w}
}

// Wait polls until the service reaches the target, the wait fails, or ctx
// is done. It returns the last GetVpcEndpointServiceAttribute answer (for
// WaitTargetDeleted, the last one before the service was gone, or nil) or
// a *WaitError (a *ValidationError for invalid options).
func (w *VpcEndpointServiceWaiter) Wait(ctx context.Context) (*GetVpcEndpointServiceAttributeResponse, error) {
	if err := w.rw.Wait(ctx); err != nil {
		return nil, err
	}
	return w.last(), nil
}

// Poll calls GetVpcEndpointServiceAttribute once and reports whether the
// service has reached the target; last is the most recent successful
// answer, nil before the first. Errors are those of VpcEndpointWaiter.Poll,
// and like it Poll does not apply WaitTimeout.
func (w *VpcEndpointServiceWaiter) Poll(ctx context.Context) (done bool, last *GetVpcEndpointServiceAttributeResponse, err error) {
	done, err = w.rw.Poll(ctx)
	return done, w.last(), err
}

func (w *VpcEndpointServiceWaiter) last() *GetVpcEndpointServiceAttributeResponse {
	resp, _ := w.rw.answer.(*GetVpcEndpointServiceAttributeResponse)
	return resp
}

// WaitUntilVpcEndpointServiceActive waits until the endpoint service is
// Active, as CreateVpcEndpointService leaves it Creating, and returns what
// GetVpcEndpointServiceAttribute said then. See NewVpcEndpointServiceWaiter
// for the rules and WaitOption for the knobs.
func (c *Client) WaitUntilVpcEndpointServiceActive(ctx context.Context, serviceID string, opts ...WaitOption) (*GetVpcEndpointServiceAttributeResponse, error) {
	return c.newServiceWaiter("WaitUntilVpcEndpointServiceActive", serviceID, WaitTargetActive, opts).Wait(ctx)
}

// WaitUntilVpcEndpointServiceDeleted waits until the endpoint service is
// gone: EndpointServiceNotFound from GetVpcEndpointServiceAttribute is
// success, from the first poll on, so a well-formed ID of a service that
// never existed returns nil at once. An ID that does not start with
// "epsrv-" fails with a *ValidationError before any call.
func (c *Client) WaitUntilVpcEndpointServiceDeleted(ctx context.Context, serviceID string, opts ...WaitOption) error {
	_, err := c.newServiceWaiter("WaitUntilVpcEndpointServiceDeleted", serviceID, WaitTargetDeleted, opts).Wait(ctx)
	return err
}
