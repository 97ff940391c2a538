package privatelink

import (
	"context"
	"fmt"
	"time"
)

// waitLoop is the loop every waiter shares: it calls step, which polls once
// and reports whether the target is reached or the wait failed, then
// sleeps on cfg's schedule (see DefaultWaitMinDelay), until step ends the
// wait, the WaitTimeout budget is spent or ctx is done. start returns
// when the wait began, which the first step fixes. stop turns the reason
// the loop itself ends the wait into the waiter's *WaitError. Every sleep
// ends at once when ctx is done.
//
// When the next poll would fall after the timeout, the loop polls once more
// at the timeout instead, so that a state reached in the last interval is
// not reported as timed out.
func waitLoop(ctx context.Context, cfg *waitConfig, start func() time.Time, step func(context.Context) (bool, error),
	stop func(reason string, cause error, now time.Time) error) error {
	for {
		done, err := step(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		now := cfg.clock.Now()
		delay := cfg.sched.delay(now.Sub(start()), cfg.draw())
		if cfg.timeout > 0 {
			remaining := start().Add(cfg.timeout).Sub(now)
			if remaining <= 0 {
				return stop(fmt.Sprintf("timed out after %v", cfg.timeout), context.DeadlineExceeded, now)
			}
			delay = min(delay, remaining)
		}
		select {
		case <-ctx.Done():
			return stop("context done while waiting", ctx.Err(), cfg.clock.Now())
		case <-cfg.clock.After(delay):
		}
	}
}

// subject names what a wait was for, as WaitError.Error words it.
func (e *WaitError) subject() string {
	switch {
	case e.ZoneID != "":
		return "zone " + e.ZoneID + " of the connection of endpoint " + e.EndpointID + " to service " + e.ServiceID + " "
	case e.ServiceID != "" && e.EndpointID != "":
		return "the connection of endpoint " + e.EndpointID + " to service " + e.ServiceID + " "
	case e.ServiceID != "":
		return "endpoint service " + e.ServiceID + " "
	case e.EndpointID != "" && e.Target == WaitTargetDisconnected:
		// The endpoint's side of its connection.
		return "the connection of endpoint " + e.EndpointID + " "
	case e.EndpointID != "":
		return "endpoint " + e.EndpointID + " "
	}
	return "endpoint "
}

// targetName is the state waited for; an endpoint wait's error built
// without a Target reads as the Active wait it was before targets varied.
func (e *WaitError) targetName() string {
	t := e.Target
	if t == "" {
		t = WaitTargetActive
	}
	if e.Connected && t == WaitTargetActive {
		return "Active and Connected"
	}
	return string(t)
}

// lastProviderStates describes what the last poll of a provider-side wait
// saw, or nothing for an endpoint wait.
func (e *WaitError) lastProviderStates() string {
	s := ""
	if e.LastServiceStatus != "" {
		s += "; last service status " + string(e.LastServiceStatus)
		if e.LastServiceBusinessStatus != "" && e.LastServiceBusinessStatus != ServiceBusinessStatusNormal {
			s += ", business status " + string(e.LastServiceBusinessStatus)
		}
	}
	if e.LastZoneStatus != "" {
		s += "; last zone status " + string(e.LastZoneStatus)
	}
	return s
}
