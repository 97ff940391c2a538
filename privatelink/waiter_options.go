package privatelink

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Clock tells a waiter the time and lets it wait. The default is the real
// clock; tests pass a fake one whose After returns at once so that no test
// sleeps.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

// realClock sleeps with time.After: since Go 1.23 an unfired timer is
// collected once unreferenced, so a wait cancelled by its context leaves
// nothing behind.
type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// WaitOption configures a wait: its schedule (described at
// DefaultWaitMinDelay), timeout, progress callback, connection check,
// NotFound, Disconnected and Pending graces, and clock. Invalid values are
// reported, all together, as a *ValidationError by the wait before it calls
// the service. WithWaitOptions sets defaults for every wait of a Client;
// the options of a call apply after them.
type WaitOption struct {
	apply func(*waitConfig)
}

// waitOptionFunc makes a WaitOption of f.
func waitOptionFunc(f func(*waitConfig)) WaitOption { return WaitOption{apply: f} }

type waitConfig struct {
	sched     schedule
	timeout   time.Duration
	onPoll    func(PollEvent)
	connected bool
	// disconnectedGrace is the WaitDisconnectedGrace window.
	disconnectedGrace time.Duration
	// pendingGrace is the WaitPendingGrace window.
	pendingGrace time.Duration
	// grace is the WaitNotFoundGrace window; graceSet says the caller
	// chose it, so CreateVpcEndpointAndWait keeps it.
	grace    time.Duration
	graceSet bool
	clock    Clock
	// draw returns the jitter draw in [0, 1]; tests pin it to the extremes.
	draw     func() float64
	problems []Problem
}

func (c *waitConfig) invalid(field, msg string) {
	c.problems = append(c.problems, Problem{Field: field, Message: msg})
}

// WaitMinDelay sets the shortest interval between polls (default
// DefaultWaitMinDelay). It must be positive.
func WaitMinDelay(d time.Duration) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if d <= 0 {
			c.invalid("MinDelay", fmt.Sprintf("must be positive, got %v", d))
		}
		c.sched.minDelay = d
	})
}

// WaitMaxDelay sets the longest interval between polls, jitter included
// (default DefaultWaitMaxDelay). It must not be less than the minimum.
func WaitMaxDelay(d time.Duration) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if d <= 0 {
			c.invalid("MaxDelay", fmt.Sprintf("must be positive, got %v", d))
		}
		c.sched.maxDelay = d
	})
}

// WaitJitter sets how much longer than scheduled an interval may randomly
// be, as a fraction in [0, 1] (default DefaultWaitJitter): an interval d
// becomes d*(1+U[0,fraction]), capped at the maximum delay. Jitter never
// shortens an interval.
func WaitJitter(fraction float64) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if !(fraction >= 0 && fraction <= 1) {
			c.invalid("Jitter", fmt.Sprintf("must be in [0, 1], got %v", fraction))
		}
		c.sched.jitter = fraction
	})
}

// WaitTimeout bounds the whole wait, measured on the waiter's Clock
// (default DefaultWaitTimeout, so that a stuck endpoint never makes a wait
// poll forever). It must be positive; a caller who wants a longer wait
// says how long. When the next poll would fall
// after the timeout, the waiter polls once more at the timeout instead, so
// that an endpoint that became ready in the last interval is not reported
// as timed out. It then fails with a *WaitError wrapping
// context.DeadlineExceeded. A ctx deadline always wins; unlike it, this
// timeout does not cut a poll in flight, which the client's attempt timeout
// bounds.
func WaitTimeout(d time.Duration) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if d <= 0 {
			c.invalid("WaitTimeout", fmt.Sprintf("must be positive, got %v", d))
		}
		c.timeout = d
	})
}

// WaitOnPoll calls fn after every poll, in the waiting goroutine, with what
// the poll saw: for progress bars and metrics. fn should return quickly.
func WaitOnPoll(fn func(PollEvent)) WaitOption {
	return waitOptionFunc(func(c *waitConfig) { c.onPoll = fn })
}

// WaitConnected makes an Active wait also wait for ConnectionStatus
// Connected: the target becomes "Active and Connected", as WaitError says.
// The wait fails with ErrUnexpectedState when the connection is Deleting or
// ServiceDeleted, and with ErrConnectionRejected when the Active endpoint
// has read Disconnected on every poll for at least the grace of
// WaitDisconnectedGrace (default
// DefaultDisconnectedGrace), measured on the waiter's Clock from the first
// such reading. The window is time, not a number of polls: an endpoint that
// has just turned Active may read Disconnected until its connection starts
// (a creating endpoint reports Disconnected too), on as many polls as fall
// in that moment, while a connection that stays Disconnected means the
// service provider rejected or closed it, or will not accept it without
// action. Any other reading (Pending, Connecting, ...) starts the
// window again; failed polls neither extend nor restart it. Connections to
// a service that needs manual acceptance stay Pending until the provider
// accepts them, which this option waits for up to the grace of
// WaitPendingGrace (default DefaultPendingGrace): then the wait fails with
// ErrConnectionPending, whose Reason names the service whose provider must
// accept the connection.
//
// WaitConnected is the consumer's way to wait for a connection, with the
// endpoint's ID alone; the provider waits from the service's side with
// NewVpcEndpointConnectionWaiter or WaitUntilVpcEndpointConnectionStatus.
func WaitConnected() WaitOption {
	return waitOptionFunc(func(c *waitConfig) { c.connected = true })
}

// WaitDisconnectedGrace sets how long WaitConnected tolerates the Active
// endpoint's connection reading Disconnected before the wait fails (default
// DefaultDisconnectedGrace). It must not be negative; 0 fails at the first
// Disconnected reading of the Active endpoint, for a caller who knows the
// connection was established before. It has no effect without
// WaitConnected.
func WaitDisconnectedGrace(d time.Duration) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if d < 0 {
			c.invalid("DisconnectedGrace", fmt.Sprintf("must not be negative, got %v", d))
		}
		c.disconnectedGrace = d
	})
}

// WaitPendingGrace sets how long a wait for a Connected connection
// (WaitConnected, or WaitTargetConnected of the connection and zone
// connection waiters) tolerates the connection reading Pending on every poll before it fails
// with ErrConnectionPending (default DefaultPendingGrace). Pending means the
// service's provider has not accepted the connection yet: pass the time
// its acceptance may take, when a person reviews requests, for example. It
// must not be negative; 0 fails at the first Pending reading of the Active
// endpoint. Any other reading starts the window again. It has no effect on
// waits for other targets.
func WaitPendingGrace(d time.Duration) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if d < 0 {
			c.invalid("PendingGrace", fmt.Sprintf("must not be negative, got %v", d))
		}
		c.pendingGrace = d
	})
}

// WaitNotFoundGrace makes an Active wait tolerate EndpointNotFound for d
// from its start until the endpoint has been seen once, for the moments
// after a create in which the service may not know the endpoint yet. It
// must not be negative. Without it a plain wait tolerates nothing, so that
// a mistyped or deleted ID fails on the first poll; CreateVpcEndpointAndWait
// applies DefaultNotFoundGrace by itself. Pass it (typically
// DefaultNotFoundGrace) to a wait that follows a create made in another
// process. Once the endpoint has been seen, it being not found ends the
// wait at once, whatever the grace. Deleted waits take EndpointNotFound as
// success and ignore it.
func WaitNotFoundGrace(d time.Duration) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if d < 0 {
			c.invalid("NotFoundGrace", fmt.Sprintf("must not be negative, got %v", d))
		}
		c.grace, c.graceSet = d, true
	})
}

// WaitClock sets the clock the waiter reads and sleeps on (default: real
// time).
func WaitClock(clk Clock) WaitOption {
	return waitOptionFunc(func(c *waitConfig) {
		if clk == nil {
			c.invalid("Clock", "must not be nil")
			return
		}
		c.clock = clk
	})
}

// newWaitConfig applies the client's default wait options (WithWaitOptions)
// and then opts over the package defaults. It returns every problem with
// them at once, for the action that was asked.
func (c *Client) newWaitConfig(action string, opts []WaitOption) (waitConfig, error) {
	return newWaitConfig(action, c.waitDefaults, opts)
}

// newWaitConfig applies defaults and then opts over the package defaults.
func newWaitConfig(action string, defaults, opts []WaitOption) (waitConfig, error) {
	cfg := waitConfig{
		sched:             schedule{minDelay: DefaultWaitMinDelay, maxDelay: DefaultWaitMaxDelay, jitter: DefaultWaitJitter},
		disconnectedGrace: DefaultDisconnectedGrace,
		pendingGrace:      DefaultPendingGrace,
		timeout:           DefaultWaitTimeout,
		clock:             realClock{},
		draw:              rand.Float64,
	}
	for _, opt := range defaults {
		if opt.apply != nil {
			opt.apply(&cfg)
		}
	}
	for _, opt := range opts {
		if opt.apply != nil {
			opt.apply(&cfg)
		}
	}
	if cfg.sched.minDelay > 0 && cfg.sched.maxDelay > 0 && cfg.sched.maxDelay < cfg.sched.minDelay {
		cfg.invalid("MaxDelay", fmt.Sprintf("must not be less than MinDelay (%v), got %v", cfg.sched.minDelay, cfg.sched.maxDelay))
	}
	if len(cfg.problems) > 0 {
		return cfg, &ValidationError{Action: action, Problems: cfg.problems}
	}
	return cfg, nil
}

// WithWaitOptions sets default options for every wait of the client: the
// WaitUntil methods, the New...Waiter constructors, CreateVpcEndpointAndWait
// and DeleteVpcEndpointServiceAndWait. The options a call passes apply
// after them, so a call can override any default. A program that waits deep
// inside gets its clock, timeout or progress callback this way without
// threading them through every call; privatelinktest's Server.Client sets
// the emulator's FakeClock as the default WaitClock this way.
//
// The options are checked here: NewClient fails on an invalid one, as a
// wait would. Later WithWaitOptions add to earlier ones. A default
// WaitOnPoll function is called by every wait of the client, from each
// waiting goroutine, so it must be safe for concurrent use when waits run
// in parallel.
func WithWaitOptions(opts ...WaitOption) Option {
	return optionFunc(func(c *config) error {
		if cfg, _ := newWaitConfig("WithWaitOptions", nil, opts); len(cfg.problems) > 0 {
			msgs := make([]string, len(cfg.problems))
			for i, p := range cfg.problems {
				msgs[i] = p.String()
			}
			return fmt.Errorf("WithWaitOptions: %s", strings.Join(msgs, "; "))
		}
		c.waitDefaults = append(c.waitDefaults[:len(c.waitDefaults):len(c.waitDefaults)], opts...)
		return nil
	})
}
