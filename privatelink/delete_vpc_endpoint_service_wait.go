package privatelink

import (
	"context"
	"errors"
	"time"
)

// DeleteVpcEndpointServiceAndWait deletes an endpoint service and waits
// until it is gone. It is the hand-written customization of the generated
// DeleteVpcEndpointService for the moments after the service's last
// endpoints were disconnected or deleted, when the service still answers
// ErrCodeEndpointServiceConnectionDependence.
//
// That one code, and no other, is retried on the wait's schedule (see
// DefaultWaitMinDelay) for at most dependenceBudget from the start, with
// the same ClientToken, so that every attempt is one logical delete; 0
// retries nothing. When the budget is spent the last
// EndpointServiceConnectionDependence *APIError is returned as it is. Any
// other error of the delete is returned at once. Once the delete is
// accepted, the wait goes on as WaitUntilVpcEndpointServiceDeleted, and
// WaitTimeout, if given, bounds both phases together.
func (c *Client) DeleteVpcEndpointServiceAndWait(ctx context.Context, req *DeleteVpcEndpointServiceRequest, dependenceBudget time.Duration, opts ...WaitOption) error {
	const action = "DeleteVpcEndpointServiceAndWait"
	if err := req.Validate(); err != nil {
		return err
	}
	if dependenceBudget < 0 {
		return &ValidationError{Action: action, Problems: []Problem{{Field: "dependenceBudget", Message: "must not be negative, got " + dependenceBudget.String()}}}
	}
	w := c.newServiceWaiter(action, req.ServiceID, WaitTargetDeleted, opts).rw
	if w.cfgErr != nil {
		return w.cfgErr
	}
	r := *req
	if r.ClientToken == "" {
		r.ClientToken = NewClientToken()
	}
	w.started, w.start = true, w.cfg.clock.Now()

	// The delete phase runs on the same loop with the budget as its
	// timeout, so that the last attempt falls at the end of the budget.
	cfg := w.cfg
	if cfg.timeout == 0 || dependenceBudget < cfg.timeout {
		cfg.timeout = dependenceBudget
	}
	var dependence error
	deleteOnce := func(ctx context.Context) (bool, error) {
		_, err := c.DeleteVpcEndpointService(ctx, &r)
		switch {
		case err == nil:
			return true, nil
		case ErrorCode(err) == ErrCodeEndpointServiceConnectionDependence && dependenceBudget > 0:
			dependence = err
			return false, nil
		}
		return false, err
	}
	err := waitLoop(ctx, &cfg, func() time.Time { return w.start }, deleteOnce, func(reason string, cause error, now time.Time) error {
		if errors.Is(cause, context.DeadlineExceeded) && dependence != nil && ctx.Err() == nil {
			return dependence
		}
		return w.waitError("deleting: "+reason, cause, now)
	})
	if err != nil {
		return err
	}
	return w.Wait(ctx)
}
