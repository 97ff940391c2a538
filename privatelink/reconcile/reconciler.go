package reconcile

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/privatelink-go/sdk/privatelink"
)

// DefaultTagKey is the key of the ownership tag when Options.TagKey is
// empty. Its value on each resource is the resource's Key.
const DefaultTagKey = "privatelink-go/reconcile-key"

// DefaultParallelism is how many resources Apply changes at once when
// Options.Parallelism is 0.
const DefaultParallelism = 8

// DefaultMaxRounds is how many plan-and-apply rounds Reconcile runs at most
// when Options.MaxRounds is 0.
const DefaultMaxRounds = 4

// Options configure a Reconciler. The zero value is ready to use.
type Options struct {
	// TagKey is the key of the ownership tag (default DefaultTagKey). Two
	// reconcilers with different tag keys in one account never see each
	// other's resources; give each controller its own.
	TagKey string
	// Prune deletes owned resources whose Key is no longer desired. Off, they
	// are left alone (and reported by Plan.Orphans). Desired is the whole
	// state of the tag key, endpoints and services alike: with Prune, a
	// Reconciler given only endpoints deletes the owned services of its
	// account. Split controllers by TagKey, not by what each is given.
	//
	// Without Prune nothing whose Key is missing from Desired is deleted;
	// a second resource carrying a desired Key is deleted either way (see
	// ChangeDelete).
	Prune bool
	// Parallelism bounds how many resources Apply changes at once (default
	// DefaultParallelism); changes to one resource always run one at a time.
	Parallelism int
	// MaxRounds bounds Reconcile's plan-and-apply rounds (default
	// DefaultMaxRounds).
	MaxRounds int
	// WaitOptions are given to every wait (for Active, Connected, deleted),
	// for example privatelink.WaitTimeout or, in tests,
	// privatelink.WaitClock.
	WaitOptions []privatelink.WaitOption
	// DeleteServiceBudget is how long a service's delete retries while its
	// last connections go away (default one minute); see
	// privatelink.Client.DeleteVpcEndpointServiceAndWait.
	DeleteServiceBudget time.Duration
	// ChangeRetryBudget is how long Apply keeps repeating one change, and
	// Plan one read, that fails with throttling, a server error or a busy
	// answer after the client's own retries (default two minutes); a
	// change is repeated with the same ClientToken. See Apply.
	ChangeRetryBudget time.Duration
	// Logger, when set, logs each change Apply carries out (Info) or that
	// fails (Warn): kind, Key, resource ID, subject, ClientToken, duration
	// and error. Nothing in it is secret.
	Logger *slog.Logger
}

// Reconciler makes an account's endpoints and endpoint services match a
// Desired state. It is safe for concurrent use, though one Reconciler per
// desired state and client is the usual shape; any number of Reconcilers,
// in any number of processes, may work on the same desired state at once.
type Reconciler struct {
	client *privatelink.Client
	opts   Options

	mu sync.Mutex
	// spent counts, per change (its token without the generation), the
	// times this Reconciler sent it successfully, or for a create the
	// times its answer proved stale. A change planned again after it
	// succeeded was undone since (drift) or answered from the service's
	// memory of an earlier identical call, so it gets a new generation and
	// a new token. It lives in memory only: a fresh process starts at
	// generation 0, which is the token a crashed predecessor used, so a
	// repeat of an interrupted write is the same write. It grows by one
	// entry per distinct change made, which a controller that runs for
	// months with ever-new specs may want to bound by starting a new
	// Reconciler now and then; nothing is lost but this memory.
	spent map[string]int
}

// New returns a Reconciler that acts through client, which must be for the
// region and account of the resources (a provider's services and a
// consumer's endpoints in other accounts need a Reconciler each).
func New(client *privatelink.Client, opts Options) (*Reconciler, error) {
	if client == nil {
		return nil, errors.New("reconcile: New: nil client")
	}
	if opts.TagKey == "" {
		opts.TagKey = DefaultTagKey
	}
	var problems []privatelink.Problem
	if msg := checkTagKey(opts.TagKey); msg != "" {
		problems = append(problems, privatelink.Problem{Field: "TagKey", Message: msg})
	}
	if opts.Parallelism < 0 {
		problems = append(problems, privatelink.Problem{Field: "Parallelism", Message: fmt.Sprintf("must not be negative, got %d", opts.Parallelism)})
	}
	if opts.MaxRounds < 0 {
		problems = append(problems, privatelink.Problem{Field: "MaxRounds", Message: fmt.Sprintf("must not be negative, got %d", opts.MaxRounds)})
	}
	if opts.DeleteServiceBudget < 0 {
		problems = append(problems, privatelink.Problem{Field: "DeleteServiceBudget", Message: "must not be negative, got " + opts.DeleteServiceBudget.String()})
	}
	if opts.ChangeRetryBudget < 0 {
		problems = append(problems, privatelink.Problem{Field: "ChangeRetryBudget", Message: "must not be negative, got " + opts.ChangeRetryBudget.String()})
	}
	if len(problems) > 0 {
		return nil, &privatelink.ValidationError{Action: "reconcile.New", Problems: problems}
	}
	if opts.Parallelism == 0 {
		opts.Parallelism = DefaultParallelism
	}
	if opts.MaxRounds == 0 {
		opts.MaxRounds = DefaultMaxRounds
	}
	if opts.DeleteServiceBudget == 0 {
		opts.DeleteServiceBudget = time.Minute
	}
	if opts.ChangeRetryBudget == 0 {
		opts.ChangeRetryBudget = 2 * time.Minute
	}
	return &Reconciler{client: client, opts: opts, spent: map[string]int{}}, nil
}

// TagKey returns the key of the ownership tag this Reconciler sets and
// looks for.
func (r *Reconciler) TagKey() string { return r.opts.TagKey }

// Reconcile plans and applies until a plan has no change, or MaxRounds
// rounds have run, or ctx ends. It returns the results of every round's
// apply, in order, and an error naming each Key that still failed in the
// last round, a Plan's *privatelink.ValidationError, or ErrNotConverged
// (joined with the last round's error, if any) when the rounds ran out
// with changes left.
func (r *Reconciler) Reconcile(ctx context.Context, desired Desired) (*Summary, error) {
	sum := &Summary{}
	for range r.opts.MaxRounds {
		plan, err := r.Plan(ctx, desired)
		if err != nil {
			return sum, err
		}
		sum.Rounds++
		sum.LastPlan = plan
		if plan.Empty() {
			sum.Converged = true
			return sum, nil
		}
		res, err := r.Apply(ctx, plan)
		sum.Results = append(sum.Results, res)
		if ctx.Err() != nil || onlyConflicts(plan) {
			// Another round would plan the same conflicts again.
			return sum, err
		}
	}
	plan, err := r.Plan(ctx, desired)
	if err != nil {
		return sum, err
	}
	sum.LastPlan = plan
	if plan.Empty() {
		sum.Converged = true
		return sum, nil
	}
	var last error
	if n := len(sum.Results); n > 0 {
		last = sum.Results[n-1].Err()
	}
	differ := plural(len(plan.Resources), "resource") + " still differ"
	if len(plan.Resources) == 1 {
		differ += "s"
	}
	return sum, errors.Join(fmt.Errorf("%w after %s: %s", ErrNotConverged, plural(r.opts.MaxRounds, "round"), differ), last)
}

// onlyConflicts reports whether every change planned is a conflict, which
// no round can resolve.
func onlyConflicts(p *Plan) bool {
	for _, rp := range p.Resources {
		for _, c := range rp.Changes {
			if c.Kind != ChangeConflict {
				return false
			}
		}
	}
	return true
}

// ErrNotConverged is returned (wrapped) by Reconcile when its rounds ran
// out before a plan came back empty.
var ErrNotConverged = errors.New("reconcile: not converged")

// Summary is what Reconcile did.
type Summary struct {
	// Rounds is the number of plans made and found non-empty, plus the
	// final empty one when it converged.
	Rounds int
	// Converged reports whether the last plan was empty.
	Converged bool
	// Results are the results of each round's Apply.
	Results []*Result
	// LastPlan is the last plan made: empty when Converged.
	LastPlan *Plan
}

// Writes returns the number of write calls all rounds made.
func (s *Summary) Writes() int {
	n := 0
	for _, r := range s.Results {
		n += r.Writes
	}
	return n
}

// checkKey returns what is wrong with a Key, or "": it becomes the value of
// the ownership tag, so it follows the service's tag-value rules, and it
// must not be empty.
func checkKey(s string) string {
	if s == "" {
		return "required"
	}
	if n := utf8.RuneCountInString(s); n > 128 {
		return fmt.Sprintf("must be at most 128 characters long (it is the ownership tag's value), got %d", n)
	}
	if p := reservedPrefix(s); p != "" {
		return fmt.Sprintf("must not start with %q (it is the ownership tag's value)", p)
	}
	if !utf8.ValidString(s) {
		return "must be valid UTF-8"
	}
	return ""
}

// checkTagKey applies the service's tag-key rules to the ownership tag key.
func checkTagKey(s string) string {
	if n := utf8.RuneCountInString(s); n < 1 || n > 64 {
		return fmt.Sprintf("must be 1 to 64 characters long, got %d", n)
	}
	if p := reservedPrefix(s); p != "" {
		return fmt.Sprintf("must not start with %q", p)
	}
	return ""
}

// reservedPrefix returns the prefix tag keys and values may not start with
// (the service reserves them for system tags), or "".
func reservedPrefix(s string) string {
	for _, p := range [...]string{"aliyun", "acs:", "http://", "https://"} {
		if len(s) >= len(p) && s[:len(p)] == p {
			return p
		}
	}
	return ""
}

// token derives the ClientToken of a change at its current generation.
func (r *Reconciler) token(kind ChangeKind, key, id, detail, revision string) (token, base string) {
	base = clientToken(r.opts.TagKey, kind, key, id, detail, revision, -1)
	r.mu.Lock()
	g := r.spent[base]
	r.mu.Unlock()
	return clientToken(r.opts.TagKey, kind, key, id, detail, revision, g), base
}

// markSpent records that the change with this base was sent successfully.
func (r *Reconciler) markSpent(base string) {
	if base == "" {
		return
	}
	r.mu.Lock()
	r.spent[base]++
	r.mu.Unlock()
}

// Plan reads the current state and returns the changes that make it match
// desired. It writes nothing.
//
// Bad input fails before anything is read: a Key that is empty, too long
// or repeated, a spec that CreateVpcEndpoint's or
// CreateVpcEndpointService's Validate would refuse, an ID adopted twice.
// Problems only the state shows fail before anything is written: an
// adopted resource that does not exist, or that another Key owns. Either
// way the error is a *privatelink.ValidationError listing every problem,
// with the spec's field paths (Endpoints[2].Zones[0].VSwitchID).
//
// Reading takes one ListVpcEndpoints call per 1000 owned endpoints
// (filtered by the ownership tag) and, per desired endpoint, one
// ListVpcEndpointZones and one ListVpcEndpointSecurityGroups call; per
// service, its resources, its two allow-lists and, with AcceptPending, its
// Pending connections. Plan.Reads reports the count.
func (r *Reconciler) Plan(ctx context.Context, desired Desired) (*Plan, error) {
	problems := append(r.validateServices(desired.Services), r.validateEndpoints(desired.Endpoints, desired.Services)...)
	if len(problems) > 0 {
		return nil, &privatelink.ValidationError{Action: "reconcile.Plan", Problems: problems}
	}
	plan := &Plan{serviceIDs: map[string]string{}}
	sp, err := r.planServices(ctx, desired.Services, plan)
	if err != nil {
		return nil, err
	}
	ep, err := r.planEndpoints(ctx, desired.Endpoints, plan)
	if err != nil {
		return nil, err
	}
	slices.Sort(plan.Orphans) // listed from maps: give them a stable order
	if problems := append(sp, ep...); len(problems) > 0 {
		return nil, &privatelink.ValidationError{Action: "reconcile.Plan", Problems: problems}
	}
	return plan, nil
}

// readAllDetails calls read for each of items, up to parallelism at once,
// adds the calls each made to reads, and returns the first error.
func readAllDetails[T any](parallelism int, items []T, reads *int, read func(T) (int, error)) error {
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			n, err := read(it)
			mu.Lock()
			defer mu.Unlock()
			*reads += n
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}()
	}
	wg.Wait()
	return firstErr
}
