package reconcile_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// crashScenario is a realistic plan: from three existing endpoints, create
// three more, add a zone to one, swap a security group and rename another,
// retag a third, and prune a fourth.
func crashScenario() (before, after []reconcile.EndpointSpec) {
	a := endpointSpec("crash/a", zones[:1], sgs[0])
	b := endpointSpec("crash/b", zones[:1], sgs[0], sgs[1])
	c := endpointSpec("crash/c", zones[1:2], sgs[2])
	c.Tags = map[string]string{"team": "x"}
	gone := endpointSpec("crash/gone", zones[:1], sgs[0])
	before = []reconcile.EndpointSpec{a, b, c, gone}
	a2 := a
	a2.Zones = zones[:2]
	b2 := b
	b2.SecurityGroupIDs, b2.Name = []string{sgs[0], sgs[3]}, "b-renamed"
	c2 := c
	c2.Tags = map[string]string{"team": "y", "env": "prod"}
	after = []reconcile.EndpointSpec{a2, b2, c2,
		endpointSpec("crash/new1", zones[:2], sgs[0]),
		endpointSpec("crash/new2", zones[2:3], sgs[1]),
		endpointSpec("crash/new3", zones[1:2], sgs[4])}
	return before, after
}

// crashWorld starts a server whose delays run on a FakeClock and brings it
// to the scenario's starting state.
func crashWorld(t *testing.T, before []reconcile.EndpointSpec) (*privatelinktest.Server, *privatelinktest.FakeClock) {
	t.Helper()
	clk := privatelinktest.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := newServer(t, privatelinktest.WithClock(clk), privatelinktest.WithCreationDelay(30*time.Second),
		privatelinktest.WithDeletionDelay(10*time.Second), privatelinktest.WithZoneDelay(5*time.Second),
		privatelinktest.WithSecurityGroupDelay(5*time.Second))
	r := newReconciler(t, fastClient(srv), reconcile.Options{WaitOptions: []privatelink.WaitOption{privatelink.WaitClock(clk)}})
	_, err := r.Reconcile(context.Background(), reconcile.Desired{Endpoints: before})
	require.NoError(t, err)
	return srv, clk
}

// Crash anywhere: the apply of a realistic plan is cut at its k-th API
// call, for every k, by cancelling the context after the service acted and
// before the answer is read, or just before the call is sent, as when the
// process dies. A new Reconciler (a
// new process: no memory) then runs on the same desired state. Every time
// it converges, with exactly one endpoint per Key and nothing else: no
// duplicate, no orphan.
func TestCrashAtEveryCallThenRerunConverges(t *testing.T) {
	before, after := crashScenario()
	desired := reconcile.Desired{Endpoints: after}

	// The uncut run's length.
	srv, clk := crashWorld(t, before)
	ct := &countingTransport{}
	r := newReconciler(t, countingClient(srv, ct), reconcile.Options{Prune: true, WaitOptions: []privatelink.WaitOption{privatelink.WaitClock(clk)}})
	plan, err := r.Plan(context.Background(), desired)
	require.NoError(t, err)
	t.Logf("plan (%d writes):\n%s", plan.Writes(), plan)
	ct.n.Store(0)
	_, err = r.Apply(context.Background(), plan)
	require.NoError(t, err)
	total := int(ct.n.Load())
	require.Greater(t, total, 20, "a realistic plan")
	t.Logf("the apply makes %d API calls", total)

	step := 1
	if testing.Short() {
		step = 5
	}
	runs, cut := 0, 0
	for i := 0; i < 2*total; i += step {
		runs++
		k, cutBefore := 1+i/2, i%2 == 1
		name := fmt.Sprint("cut after call ", k)
		if cutBefore {
			name = fmt.Sprint("cut before call ", k)
		}
		t.Run(name, func(t *testing.T) {
			srv, clk := crashWorld(t, before)
			wait := []privatelink.WaitOption{privatelink.WaitClock(clk)}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ct := &countingTransport{cancel: cancel, before: cutBefore}
			dying := newReconciler(t, countingClient(srv, ct), reconcile.Options{Prune: true, WaitOptions: wait})
			plan, err := dying.Plan(ctx, desired)
			require.NoError(t, err)
			ct.cutAt = ct.n.Load() + int64(k)
			_, err = dying.Apply(ctx, plan)
			if ct.n.Load() >= ct.cutAt {
				require.Error(t, err, "the cut must interrupt the apply")
				cut++
			} else {
				// Polls vary with the waits' jitter, so this run was
				// shorter than the one measured: nothing was cut.
				t.Logf("the apply ended after %d calls, before the cut", ct.n.Load())
			}

			fresh := newReconciler(t, fastClient(srv), reconcile.Options{Prune: true, WaitOptions: wait})
			sum, err := fresh.Reconcile(context.Background(), desired)
			require.NoError(t, err)
			require.True(t, sum.Converged)
			requireMatches(t, fastClient(srv), fresh.TagKey(), after, true)
			live := 0
			for _, e := range srv.Endpoints() {
				if e.Status != privatelink.EndpointStatusDeleting {
					live++
				}
			}
			require.Equal(t, len(after), live, "no duplicate, no orphan")
		})
	}
	// Waits vary a little, so a run can end before its cut; most must not,
	// or the test proves nothing about crashes.
	require.GreaterOrEqualf(t, 2*cut, runs, "only %d of %d applies were cut", cut, runs)
}

// Concurrent runners: 2 to 4 reconcilers with their own clients work on
// the same desired state at once, while the emulator throttles, answers
// with server errors, drops answers after acting, and keeps endpoints busy
// (Pending, answered EndpointLocked) between changes. They all converge,
// with 0 duplicates, and nothing flaps: the desired changes only add, so
// no endpoint, zone or security group is ever removed.
func TestConcurrentRunnersConvergeWithoutDuplicatesOrFlapping(t *testing.T) {
	for _, runners := range []int{2, 4} {
		t.Run(fmt.Sprint(runners, " runners"), func(t *testing.T) {
			concurrentRunners(t, runners)
		})
	}
}

func concurrentRunners(t *testing.T, runners int) {
	// Lists lag creates by 20 ms (WithVisibilityDelay): a runner plans a
	// create of an endpoint another has just made, and must get that one.
	srv := newServer(t, privatelinktest.WithZoneDelay(15*time.Millisecond), privatelinktest.WithSecurityGroupDelay(15*time.Millisecond),
		privatelinktest.WithCreationDelay(20*time.Millisecond), privatelinktest.WithVisibilityDelay(20*time.Millisecond))
	faults := privatelinktest.Faults{ThrottleRate: 0.05, DropAfterRate: 0.05, ServerErrorRate: 0.03}
	srv.SetFaults("*", faults)
	var first []reconcile.EndpointSpec
	for i, k := range keys(12, "conc") {
		first = append(first, endpointSpec(k, zones[i%2:i%2+1], sgs[i%len(sgs)]))
	}
	second := make([]reconcile.EndpointSpec, len(first))
	for i, s := range first {
		s.Zones = zones[:2]
		s.SecurityGroupIDs = append(s.SecurityGroupIDs, sgs[(i+1)%len(sgs)])
		s.Tags = map[string]string{"wave": "2"}
		second[i] = s
	}
	busyAnswers := 0
	for _, desired := range [][]reconcile.EndpointSpec{first, second} {
		var wg sync.WaitGroup
		errs := make([]error, runners)
		busies := make([]*busyTransport, runners)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				hc := &http.Client{Transport: &busyTransport{base: http.DefaultTransport, every: 5 + int64(i)}}
				busies[i] = hc.Transport.(*busyTransport)
				r := newReconciler(t, fastClient(srv, privatelink.WithBusyRetry(30*time.Second), privatelink.WithHTTPClient(hc)), reconcile.Options{Prune: true, MaxRounds: 10, Parallelism: 4})
				_, errs[i] = r.Reconcile(context.Background(), reconcile.Desired{Endpoints: desired})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			require.NoErrorf(t, err, "runner %d", i)
			busyAnswers += int(busies[i].hits.Load())
		}
		srv.SetFaults("*", privatelinktest.Faults{})
		requireMatches(t, fastClient(srv), reconcile.DefaultTagKey, desired, true)
		// At rest: a further round by a fresh runner plans nothing.
		plan, err := newReconciler(t, fastClient(srv), reconcile.Options{Prune: true}).Plan(context.Background(), reconcile.Desired{Endpoints: desired})
		require.NoError(t, err)
		require.True(t, plan.Empty(), plan.String())
		srv.SetFaults("*", faults)
	}
	st := srv.Stats()
	assert.Equal(t, len(first), len(srv.Endpoints()), "0 duplicates: every endpoint ever made is still there, one per Key")
	for _, action := range []string{"DeleteVpcEndpoint", "RemoveZoneFromVpcEndpoint", "DetachSecurityGroupFromVpcEndpoint"} {
		assert.Zerof(t, st[action].Requests, "%s: nothing flaps", action)
	}
	throttled := sum(st, func(a privatelinktest.ActionStats) int { return a.Throttled })
	serverErrors := sum(st, func(a privatelinktest.ActionStats) int { return a.ServerErrors })
	dropped := sum(st, func(a privatelinktest.ActionStats) int { return a.Dropped })
	t.Logf("faults injected: throttled %d, server errors %d, dropped after acting %d; EndpointLocked answers %d",
		throttled, serverErrors, dropped, busyAnswers)
	// The runners converged through every kind of fault, not around them.
	require.Positive(t, busyAnswers, "EndpointLocked answers")
	require.Positive(t, throttled, "throttles")
	require.Positive(t, serverErrors, "server errors")
	require.Positive(t, dropped, "answers dropped after the effect")
}

func sum(st map[string]privatelinktest.ActionStats, f func(privatelinktest.ActionStats) int) int {
	n := 0
	for _, a := range st {
		n += f(a)
	}
	return n
}
