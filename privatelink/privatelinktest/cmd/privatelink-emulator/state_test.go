package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// createWithToken creates a zoneless endpoint (no vSwitch runs out of
// addresses however many there are) with the given client token.
func createWithToken(c *privatelink.Client, token string) (string, error) {
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithClientToken(token).Build()
	if err != nil {
		return "", err
	}
	out, err := c.CreateVpcEndpoint(context.Background(), req)
	if err != nil {
		return "", err
	}
	return out.EndpointID, nil
}

// countEndpoints lists every endpoint of the default account.
func countEndpoints(t *testing.T, c *privatelink.Client) int {
	t.Helper()
	n := 0
	for _, err := range c.AllVpcEndpoints(context.Background(), must(privatelink.NewListVpcEndpoints().WithMaxResults(1000).Build())) {
		require.NoError(t, err)
		n++
	}
	return n
}

// TestKill9LosesNothingAcknowledged streams creates with client tokens
// from four clients, kills the process with SIGKILL mid-stream, restarts
// it on the same -state file, and checks that every acknowledged create is
// there and that retrying every create with its token creates nothing new.
func TestKill9LosesNothingAcknowledged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	args := []string{"-state", path, "-log-level", "error", "-quota", "totalEpPerVpc=100000"}
	e := start(t, args...)
	c := newClient(t, e, privatelink.WithRetry(1, time.Millisecond, time.Millisecond))

	const workers, killAfter = 4, 150
	var (
		mu    sync.Mutex
		acked = map[string]string{} // token -> endpoint ID
		tried []string
		wg    sync.WaitGroup
		n     atomic.Int64
		kill  = make(chan struct{})
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				token := fmt.Sprintf("kill9-%d-%d", w, i)
				mu.Lock()
				tried = append(tried, token)
				mu.Unlock()
				id, err := createWithToken(c, token)
				if err != nil {
					return // the process is gone
				}
				mu.Lock()
				acked[token] = id
				mu.Unlock()
				if n.Add(1) == killAfter {
					close(kill)
				}
			}
		}()
	}
	<-kill
	require.NoError(t, e.cmd.Process.Kill())
	wg.Wait()
	<-e.waited
	e.waited <- nil
	require.GreaterOrEqual(t, len(acked), killAfter)

	e2 := start(t, args...)
	c2 := newClient(t, e2)
	before := countEndpoints(t, c2)
	t.Logf("acknowledged %d creates of %d sent; %d endpoints after the restart", len(acked), len(tried), before)
	assert.GreaterOrEqual(t, before, len(acked), "every acknowledged create survived")
	assert.LessOrEqual(t, before, len(tried), "nothing was created twice")
	for token, id := range acked {
		got, err := get(t, c2, id)
		require.NoError(t, err, token)
		assert.Equal(t, id, got.EndpointID)
	}
	for _, token := range tried {
		id, err := createWithToken(c2, token)
		require.NoError(t, err, token)
		if want, ok := acked[token]; ok {
			assert.Equal(t, want, id, "the retry of %s gets the original answer", token)
		}
	}
	// A token whose create was journaled got its original answer; one
	// whose create died before the journal created its endpoint now. Either
	// way each token has exactly one endpoint.
	assert.Equal(t, len(tried), countEndpoints(t, c2), "one endpoint per client token")
}

// soakDuration is how long TestConcurrentClients runs: 3 s by default, so
// that go test stays quick; PRIVATELINK_EMULATOR_SOAK (a Go duration) sets
// it, e.g. 30s for the figures in BENCHMARKS.md.
func soakDuration(t *testing.T) time.Duration {
	if s := os.Getenv("PRIVATELINK_EMULATOR_SOAK"); s != "" {
		d, err := time.ParseDuration(s)
		require.NoError(t, err, "PRIVATELINK_EMULATOR_SOAK")
		return d
	}
	return 3 * time.Second
}

// TestConcurrentClients runs 64 clients against one emulator with -state,
// each creating (with a client token), reading, listing, updating and
// deleting endpoints in a loop, with throttling injected into Get. The
// SDK's retries absorb the injected faults; any error a client sees, or
// any error the emulator counts on its own account, fails the test.
func TestConcurrentClients(t *testing.T) {
	const clients = 64
	d := soakDuration(t)
	e := start(t, "-state", filepath.Join(t.TempDir(), "state"), "-log-level", "error")
	require.Equal(t, 200, e.admin(t, "PUT", "/_emulator/faults/GetVpcEndpointAttribute", map[string]any{"ThrottleRate": 0.05}, nil))
	c := newClient(t, e, privatelink.WithRetry(10, time.Millisecond, 20*time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var (
		ops  atomic.Int64
		wg   sync.WaitGroup
		errs = make(chan error, clients)
	)
	began := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				if err := lifecycle(c, fmt.Sprintf("soak-%d-%d", w, i)); err != nil {
					errs <- err
					return
				}
				ops.Add(5)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var stats struct {
		Requests int
		Actions  map[string]privatelinktest.ActionStats
	}
	require.Equal(t, 200, e.admin(t, "GET", "/_emulator/stats", nil, &stats))
	injected := 0
	for action, s := range stats.Actions {
		assert.Zero(t, s.Errors, "%s: errors the emulator did not inject", action)
		injected += s.Throttled
	}
	t.Logf("%d clients, %v: %d operations (%.0f/s), %d requests, %d throttled by injection",
		clients, elapsed.Round(time.Millisecond), ops.Load(), float64(ops.Load())/elapsed.Seconds(), stats.Requests, injected)
}

// lifecycle is one client's round: create, get, list by ID, update,
// delete.
func lifecycle(c *privatelink.Client, token string) error {
	ctx := context.Background()
	id, err := createWithToken(c, token)
	if err != nil {
		return fmt.Errorf("create %s: %w", token, err)
	}
	if _, err := c.GetVpcEndpointAttribute(ctx, must(privatelink.NewGetVpcEndpointAttribute(id).Build())); err != nil {
		return fmt.Errorf("get %s: %w", id, err)
	}
	list, err := c.ListVpcEndpoints(ctx, must(privatelink.NewListVpcEndpoints().WithEndpointID(id).Build()))
	if err != nil || len(list.Endpoints) != 1 {
		return fmt.Errorf("list %s: %d endpoints, %v", id, len(list.Endpoints), err)
	}
	if _, err := c.UpdateVpcEndpointAttribute(ctx, must(privatelink.NewUpdateVpcEndpointAttribute(id).WithEndpointName("soak").Build())); err != nil {
		return fmt.Errorf("update %s: %w", id, err)
	}
	if _, err := c.DeleteVpcEndpoint(ctx, must(privatelink.NewDeleteVpcEndpoint(id).Build())); err != nil {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	return nil
}

// TestStateKeepsClockAndProviderActionsAndResetClearsIt checks the admin
// side of -state through the command: a fake-clock advance and a provider
// action survive a SIGKILL, and a reset empties the journal, so the next
// restart starts fresh.
func TestStateKeepsClockAndProviderActionsAndResetClearsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	args := []string{"-state", path, "-fake-clock", "-log-level", "error"}
	e := start(t, args...)
	id := createOn(t, newClient(t, e), privatelinktest.ManualServiceID)
	require.Equal(t, 200, e.admin(t, "POST", "/_emulator/endpoints/"+id+"/accept", nil, nil))
	var clock struct{ Now time.Time }
	require.Equal(t, 200, e.admin(t, "POST", "/_emulator/clock/advance", map[string]string{"Duration": "10m"}, &clock))
	require.NoError(t, e.cmd.Process.Kill())
	<-e.waited
	e.waited <- nil

	e2 := start(t, args...)
	var after struct{ Now time.Time }
	require.Equal(t, 200, e2.admin(t, "GET", "/_emulator/clock", nil, &after))
	assert.True(t, clock.Now.Equal(after.Now), "clock %v after the restart, want %v", after.Now, clock.Now)
	got, err := get(t, newClient(t, e2), id)
	require.NoError(t, err)
	assert.Equal(t, "Connected", string(got.ConnectionStatus), "the accept was replayed")

	require.Equal(t, 200, e2.admin(t, "POST", "/_emulator/reset", nil, nil))
	createOn(t, newClient(t, e2), privatelinktest.ServiceID)
	require.Equal(t, 200, e2.admin(t, "POST", "/_emulator/reset", nil, nil))
	require.NoError(t, e2.cmd.Process.Kill())
	<-e2.waited
	e2.waited <- nil

	e3 := start(t, args...)
	assert.Zero(t, countEndpoints(t, newClient(t, e3)), "the reset emptied the journal")
}
