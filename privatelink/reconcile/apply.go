package reconcile

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
)

// Result is what Apply did.
type Result struct {
	// Resources has one entry per planned resource, in the plan's order.
	Resources []ResourceResult
	// Writes counts the write calls Apply made: one per change, plus one
	// per repeat of a change (Options.ChangeRetryBudget); the client's own
	// retries of a call are not counted.
	Writes int
}

// ResourceResult is what Apply did to one resource.
type ResourceResult struct {
	// Kind is endpoint or service.
	Kind ResourceKind
	// Key is the resource's Key.
	Key string
	// ID is the resource's ID: the one created, when Apply created it.
	ID string
	// Done counts the changes carried out.
	Done int
	// Err is why the resource's changes stopped; nil when all were done.
	// Changes after the failed one were not attempted.
	Err error
}

// KeyError is the error of one resource in Apply's joined error.
type KeyError struct {
	// Kind is endpoint or service.
	Kind ResourceKind
	// Key is the resource's Key.
	Key string
	// Err is what went wrong.
	Err error
}

// Error names the resource and says what failed.
func (e *KeyError) Error() string { return fmt.Sprintf("%s %q: %v", e.Kind, e.Key, e.Err) }

// Unwrap returns the cause.
func (e *KeyError) Unwrap() error { return e.Err }

// Err joins the errors of every failed resource, each a *KeyError naming
// its Key, or returns nil when all succeeded.
func (r *Result) Err() error {
	var errs []error
	for _, rr := range r.Resources {
		if rr.Err != nil {
			errs = append(errs, &KeyError{Kind: rr.Kind, Key: rr.Key, Err: rr.Err})
		}
	}
	return errors.Join(errs...)
}

// Failed returns the Keys whose changes failed, as "kind key".
func (r *Result) Failed() []string {
	var out []string
	for _, rr := range r.Resources {
		if rr.Err != nil {
			out = append(out, string(rr.Kind)+" "+rr.Key)
		}
	}
	return out
}

// Apply carries out plan, in four phases: services are created and
// changed, and services to be deleted give up their load balancers; load
// balancers that move from one service to another are attached to their
// new service; endpoints are created, changed and deleted; services are
// deleted. So a service exists before its endpoints and outlives them, and
// a load balancer is free before it is attached elsewhere. Within each
// phase, up to Options.Parallelism resources change at once; the changes
// of one resource run one at a time, in the plan's order, each after the
// resource is ready for it (an endpoint Active again after a zone or
// security group change, a service Active after its creation and after
// each load balancer change). A failed change stops that resource's later
// changes, not other resources'.
//
// A change that fails with throttling, a server error or a busy answer
// after the client's own retries is repeated, with the same ClientToken,
// for up to Options.ChangeRetryBudget.
//
// Apply executes the plan it is given, with the ClientTokens the plan
// shows; it reads only what it must wait for. It returns a result for
// every resource and, when any failed, the joined *KeyError of each
// (Result.Err).
func (r *Reconciler) Apply(ctx context.Context, plan *Plan) (*Result, error) {
	res := &Result{Resources: make([]ResourceResult, len(plan.Resources))}
	var writes atomic.Int64
	appliers := make([]*applier, len(plan.Resources))
	serviceIDs := maps.Clone(plan.serviceIDs)
	if serviceIDs == nil {
		serviceIDs = map[string]string{}
	}
	for i, rp := range plan.Resources {
		appliers[i] = &applier{ctx: ctx, r: r, c: r.client, rp: rp, id: rp.ID, writes: &writes, serviceIDs: serviceIDs}
		res.Resources[i] = ResourceResult{Kind: rp.Kind, Key: rp.Key, ID: rp.ID}
	}
	for phase := 1; phase <= phases; phase++ {
		if phase == phaseEndpoints {
			// Services created by this apply, for endpoints that name
			// them by ServiceKey; the map is only read from here on.
			for i, rp := range plan.Resources {
				if rp.Kind == KindService && rp.Action() != "delete" && res.Resources[i].Err == nil && res.Resources[i].ID != "" {
					serviceIDs[rp.Key] = res.Resources[i].ID
				}
			}
		}
		sem := make(chan struct{}, r.opts.Parallelism)
		var wg sync.WaitGroup
		for i, rp := range plan.Resources {
			if res.Resources[i].Err != nil || !slices.ContainsFunc(rp.Changes, func(c Change) bool { return c.phase == phase }) {
				continue
			}
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				r.applyPhase(ctx, appliers[i], phase, &res.Resources[i])
			}()
		}
		wg.Wait()
	}
	res.Writes = int(writes.Load())
	return res, res.Err()
}

// applier runs the changes of one resource.
type applier struct {
	ctx    context.Context
	r      *Reconciler
	c      *privatelink.Client
	rp     *ResourcePlan
	id     string
	writes *atomic.Int64
	// serviceIDs maps service Keys to IDs for ServiceKey; complete
	// before the endpoint phase, read-only in it.
	serviceIDs map[string]string
}

// applyPhase runs the resource's changes of one phase, in order, and
// records the outcome in out.
func (r *Reconciler) applyPhase(ctx context.Context, a *applier, phase int, out *ResourceResult) {
	defer func() { out.ID = a.id }()
	for _, ch := range a.rp.Changes {
		if ch.phase != phase {
			continue
		}
		if err := ctx.Err(); err != nil {
			out.Err = err
			return
		}
		if ch.Kind == ChangeConflict {
			out.Err = errors.New(ch.Reason)
			return
		}
		start := time.Now()
		err := r.doChange(ctx, a, ch)
		r.log(ctx, a, ch, time.Since(start), err)
		if err != nil {
			out.Err = fmt.Errorf("%s%s: %w", ch.Kind, subject(ch.Subject), err)
			return
		}
		if ch.Kind.isWrite() && ch.Kind != ChangeCreate {
			// A create moves its generation only on evidence that its
			// token's answer is stale (see planCreateEndpoint).
			r.markSpent(ch.base)
		}
		out.Done++
	}
}

// doChange runs one change, and runs it again while it fails with an
// error the client gave up retrying but that says "later" (throttling, a
// server error, a busy resource), for up to Options.ChangeRetryBudget. The
// change carries the same ClientToken every time, so a repeat of a write
// that did happen is answered with its first outcome. Under an API quota
// this is what keeps a large apply going: the client's attempts end, the
// reconciler's budget does not.
func (r *Reconciler) doChange(ctx context.Context, a *applier, ch Change) error {
	return r.again(ctx, func() error { return ch.do(a) })
}

// again calls fn, and again while it fails with throttling, a server error
// or a busy answer, with capped, jittered backoff, for up to
// Options.ChangeRetryBudget or until ctx ends.
func (r *Reconciler) again(ctx context.Context, fn func() error) error {
	start := time.Now()
	delay := 200 * time.Millisecond
	for {
		err := fn()
		if err == nil || !(privatelink.IsThrottling(err) || privatelink.IsRetryable(err)) || ctx.Err() != nil ||
			time.Since(start)+delay > r.opts.ChangeRetryBudget {
			return err
		}
		t := time.NewTimer(delay/2 + rand.N(delay/2+1))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		delay = min(2*delay, 5*time.Second)
	}
}

// read makes one read call of Plan, repeated like a change while the
// account's API quota or the service says "later", so that a plan under
// quota does not fail for a throttled page.
func read[Req, Resp any](ctx context.Context, r *Reconciler, call func(context.Context, Req) (Resp, error), req Req) (Resp, error) {
	var resp Resp
	err := r.again(ctx, func() error {
		var err error
		resp, err = call(ctx, req)
		return err
	})
	return resp, err
}

func subject(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// write counts one write call.
func (a *applier) write() { a.writes.Add(1) }

// waitActive waits until the endpoint is Active: after a create, a zone or
// security group change, and before a change of an endpoint that was not
// Active when planned.
func (a *applier) waitActive() error {
	_, err := a.c.WaitUntilVpcEndpointActive(a.ctx, a.id, a.r.opts.WaitOptions...)
	return err
}

// waitServiceActive waits until the service is Active.
func (a *applier) waitServiceActive() error {
	_, err := a.c.WaitUntilVpcEndpointServiceActive(a.ctx, a.id, a.r.opts.WaitOptions...)
	return err
}

// already reports whether err says the change is in place already, as when
// another reconciler made it first: the outcome wanted, not a failure.
func already(err error, codes ...string) bool {
	return err != nil && slices.Contains(codes, privatelink.ErrorCode(err))
}

// isGone reports whether err says the endpoint or service does not exist.
func isGone(err error) bool {
	if privatelink.IsNotFound(err) {
		return true
	}
	code := privatelink.ErrorCode(err)
	return code == privatelink.ErrCodeEndpointNotFound || code == privatelink.ErrCodeEndpointServiceNotFound ||
		strings.HasSuffix(code, ".NotFound")
}

// log reports one change to Options.Logger.
func (r *Reconciler) log(ctx context.Context, a *applier, ch Change, d time.Duration, err error) {
	l := r.opts.Logger
	if l == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("kind", string(ch.Kind)), slog.String("resource", string(a.rp.Kind)), slog.String("key", a.rp.Key),
		slog.String("id", a.id), slog.Duration("duration", d),
	}
	if ch.Subject != "" {
		attrs = append(attrs, slog.String("subject", ch.Subject))
	}
	if ch.ClientToken != "" {
		attrs = append(attrs, slog.String("client_token", ch.ClientToken))
	}
	if err != nil {
		l.LogAttrs(ctx, slog.LevelWarn, "reconcile: change failed", append(attrs, slog.String("error", err.Error()))...)
		return
	}
	l.LogAttrs(ctx, slog.LevelInfo, "reconcile: change done", attrs...)
}
