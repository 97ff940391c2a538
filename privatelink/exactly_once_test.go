package privatelink_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// TestExactlyOnceUnderFaults runs 200 logical CreateVpcEndpointAndWait
// calls from 16 goroutines while the emulator drops 30% of create answers
// after making the endpoint, throttles, fails with 5xx and answers some
// requests too late. Every call must end with its endpoint or a typed error
// carrying its ClientToken, and the emulator must hold exactly one endpoint
// per successful call, at most one per failed call, and no duplicates.
func TestExactlyOnceUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("fault soak")
	}
	const (
		calls      = 200
		goroutines = 16
		attemptTO  = 250 * time.Millisecond
	)
	emu := privatelinktest.NewServer(
		privatelinktest.WithSeed(42),
		privatelinktest.WithQuota(privatelinktest.QuotaTotalEpPerVpc, 1000),
	)
	defer emu.Close()
	// 5% of answers come after the operation took effect and after the
	// client's per-attempt timeout: from the client's side such an attempt
	// may or may not have created the endpoint. The emulator stops
	// sleeping when the client hangs up, so a delayed answer costs the
	// attempt timeout, not the whole delay.
	slow := privatelinktest.Faults{Latency: 2 * attemptTO, LatencyRate: 0.05}
	createFaults := slow
	createFaults.DropAfterRate, createFaults.ThrottleRate, createFaults.ServerErrorRate = 0.30, 0.10, 0.10
	getFaults := slow
	getFaults.ThrottleRate, getFaults.ServerErrorRate, getFaults.DropAfterRate = 0.10, 0.10, 0.05
	emu.SetFaults("CreateVpcEndpoint", createFaults)
	emu.SetFaults("GetVpcEndpointAttribute", getFaults)

	client, err := privatelink.NewClient(privatelinktest.RegionID,
		privatelink.WithEndpoint(emu.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		privatelink.WithRetry(5, time.Millisecond, 20*time.Millisecond),
		privatelink.WithTimeouts(0, attemptTO),
		// The injected Throttling.User answers are random, not a quota:
		// pacing by them would only slow this soak of the retry path.
		privatelink.WithAdaptiveRateLimit(false),
	)
	require.NoError(t, err)

	type outcome struct {
		name, token, endpointID string
		err                     error
	}
	outcomes := make([]outcome, calls)
	var wg sync.WaitGroup
	work := make(chan int)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				name := fmt.Sprintf("eo-%03d", i)
				req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
					WithServiceID(privatelinktest.ServiceID).
					WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
					WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
					WithEndpointName(name).
					Build()
				if err != nil {
					outcomes[i] = outcome{name: name, err: err}
					continue
				}
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				ep, err := client.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitMinDelay(5*time.Millisecond), privatelink.WaitMaxDelay(20*time.Millisecond))
				cancel()
				o := outcome{name: name, err: err}
				if err == nil {
					o.endpointID = ep.EndpointID
					o.token = req.ClientToken // empty: the client generated it
				}
				if tok, ok := privatelink.ClientTokenFromError(err); ok {
					o.token = tok
				}
				outcomes[i] = o
			}
		}()
	}
	for i := range calls {
		work <- i
	}
	close(work)
	wg.Wait()

	byName := map[string][]privatelinktest.Endpoint{}
	for _, ep := range emu.Endpoints() {
		byName[ep.Name] = append(byName[ep.Name], ep)
	}
	kinds := map[string]int{}
	succeeded, failedWithEndpoint := 0, 0
	for _, o := range outcomes {
		eps := byName[o.name]
		assert.LessOrEqual(t, len(eps), 1, "%s: duplicate endpoints", o.name)
		if o.err == nil {
			succeeded++
			kinds["success"]++
			require.Len(t, eps, 1, "%s succeeded, so its endpoint exists", o.name)
			assert.Equal(t, o.endpointID, eps[0].ID)
			got, ok := emu.EndpointByClientToken(eps[0].ClientToken)
			assert.True(t, ok)
			assert.Equal(t, o.endpointID, got.ID)
			continue
		}
		var apiErr *privatelink.APIError
		var reqErr *privatelink.RequestError
		var waitErr *privatelink.WaitError
		switch {
		case errors.As(o.err, &waitErr):
			kinds["WaitError"]++
		case errors.As(o.err, &apiErr):
			kinds["APIError "+apiErr.Code]++
		case errors.As(o.err, &reqErr):
			kinds["RequestError"]++
		default:
			t.Errorf("%s: untyped error %T: %v", o.name, o.err, o.err)
		}
		require.NotEmpty(t, o.token, "%s: error without its ClientToken: %v", o.name, o.err)
		if len(eps) == 1 {
			failedWithEndpoint++
			assert.Equal(t, o.token, eps[0].ClientToken, "%s: the endpoint found belongs to the call's token", o.name)
		}
	}
	assert.Equal(t, succeeded+failedWithEndpoint, emu.EndpointCount(), "no endpoint without a call")

	stats := emu.Stats()
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d logical CreateVpcEndpointAndWait calls, %d goroutines\n", calls, goroutines)
	fmt.Fprintf(&b, "%-26s %9s %9s %9s %9s %9s\n", "action", "requests", "dropped", "throttled", "5xx", "ok")
	for _, action := range []string{"CreateVpcEndpoint", "GetVpcEndpointAttribute"} {
		s := stats[action]
		fmt.Fprintf(&b, "%-26s %9d %9d %9d %9d %9d\n", action, s.Requests, s.Dropped, s.Throttled, s.ServerErrors, s.Successes)
	}
	delayed := stats["CreateVpcEndpoint"].Delayed + stats["GetVpcEndpointAttribute"].Delayed
	fmt.Fprintf(&b, "answers delayed beyond the %v attempt timeout: %d\n", attemptTO, delayed)
	fmt.Fprintf(&b, "create retries: %d (requests beyond one per call)\n", stats["CreateVpcEndpoint"].Requests-calls)
	fmt.Fprintf(&b, "outcomes:")
	for k, n := range kinds {
		fmt.Fprintf(&b, " %s=%d", k, n)
	}
	fmt.Fprintf(&b, "\nendpoints in the emulator: %d (%d successful calls, %d failed calls that created one), duplicates: 0\n",
		emu.EndpointCount(), succeeded, failedWithEndpoint)
	t.Log(b.String())
	assert.Greater(t, succeeded, calls/2, "most calls ride out the faults")
	assert.Positive(t, delayed, "some answers came too late for their attempt")
}
