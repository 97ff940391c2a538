package privatelink_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// TestProviderWaitScheduleFigures measures the default schedule of the
// provider-side waiters end to end, as TestWaitScheduleFigures does for
// the endpoint waiter: against the emulator, whose service turns Active
// (WithServiceDelay) or whose connection turns Connected after
// EnableVpcEndpointConnection (WithConnectionDelay) on the same fake clock
// the waiter sleeps on. For each duration it counts the requests the
// emulator received for the wait and the detection delay (from the state
// change to the waiter's return), with the jitter draw pinned at zero and
// at its maximum, next to the same waiter configured as a fixed 5 s poll.
// Run with -v to see the table.
func TestProviderWaitScheduleFigures(t *testing.T) {
	type result struct {
		calls     int
		detection time.Duration
	}
	const (
		serviceActive   = "service Active"
		connProvider    = "connection Connected, provider"
		connFromConsume = "connection Connected, consumer"
	)
	measure := func(t *testing.T, kind string, after time.Duration, opts ...privatelink.WaitOption) result {
		t.Helper()
		ctx := context.Background()
		clk := privatelinktest.NewFakeClock(provEpoch)
		delay := privatelinktest.WithConnectionDelay(after)
		if kind == serviceActive {
			delay = privatelinktest.WithServiceDelay(after)
		}
		srv := privatelinktest.NewServer(privatelinktest.WithClock(clk), delay)
		defer srv.Close()
		consumer := srv.Client(privatelink.WithRetry(1, 0, 0))
		provider := srv.Client(privatelink.WithRetry(1, 0, 0),
			privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
		opts = append(opts, privatelink.WaitClock(clk))

		created, err := provider.CreateVpcEndpointService(ctx, &privatelink.CreateVpcEndpointServiceRequest{
			ServiceResourceType: privatelink.ServiceResourceTypeSLB,
			Resources:           []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA}},
		})
		require.NoError(t, err)
		svc := created.ServiceID
		if kind == serviceActive {
			start := clk.Now()
			resp, err := provider.WaitUntilVpcEndpointServiceActive(ctx, svc, opts...)
			require.NoError(t, err)
			require.Equal(t, privatelink.ServiceStatusActive, resp.ServiceStatus)
			return result{calls: srv.Stats()["GetVpcEndpointServiceAttribute"].Requests, detection: clk.Now().Sub(start.Add(after))}
		}

		_, err = provider.AddUserToVpcEndpointService(ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: svc, UserID: consumerUID})
		require.NoError(t, err)
		req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(svc).
			WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).WithSecurityGroupIDs(privatelinktest.SecurityGroupID).Build()
		require.NoError(t, err)
		ep, err := consumer.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitClock(clk))
		require.NoError(t, err)
		_, err = provider.EnableVpcEndpointConnection(ctx, &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: svc, EndpointID: ep.EndpointID})
		require.NoError(t, err)
		start := clk.Now()
		action := "ListVpcEndpointConnections"
		if kind == connFromConsume {
			action = "GetVpcEndpointAttribute"
		}
		before := srv.Stats()[action].Requests
		if kind == connProvider {
			conn, err := provider.WaitUntilVpcEndpointConnectionStatus(ctx, svc, ep.EndpointID, privatelink.WaitTargetConnected, opts...)
			require.NoError(t, err)
			require.Equal(t, privatelink.ConnectionStatusConnected, conn.ConnectionStatus)
		} else {
			resp, err := consumer.WaitUntilVpcEndpointActive(ctx, ep.EndpointID, append([]privatelink.WaitOption{privatelink.WaitConnected()}, opts...)...)
			require.NoError(t, err)
			require.Equal(t, privatelink.ConnectionStatusConnected, resp.ConnectionStatus)
		}
		return result{calls: srv.Stats()[action].Requests - before, detection: clk.Now().Sub(start.Add(after))}
	}

	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "wait\ttakes\tcalls j=0\tcalls j=max\tcalls fixed 5s\tdetection j=0\tdetection j=max\tdetection fixed 5s\tdetection aim\t")
	for _, kind := range []string{serviceActive, connProvider, connFromConsume} {
		for _, after := range []time.Duration{5 * time.Second, time.Minute, 5 * time.Minute} {
			zero := measure(t, kind, after, privatelink.WaitJitterDraw(0))
			full := measure(t, kind, after, privatelink.WaitJitterDraw(1))
			fixed := measure(t, kind, after, privatelink.WaitMinDelay(5*time.Second), privatelink.WaitMaxDelay(5*time.Second), privatelink.WaitJitter(0))
			aim := after/10 + time.Second
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", kind,
				seconds(after), zero.calls, full.calls, fixed.calls, seconds(zero.detection), seconds(full.detection), seconds(fixed.detection), seconds(aim))
			assert.LessOrEqual(t, max(zero.calls, full.calls), fixed.calls, "%s after %v: calls", kind, after)
			assert.LessOrEqual(t, max(zero.detection, full.detection), aim, "%s after %v: detection delay", kind, after)
		}
	}
	require.NoError(t, tw.Flush())
	t.Log("default schedule (MinDelay 5s, 10% of elapsed, MaxDelay 30s, jitter 0.1) vs a fixed 5 s poll, on the emulator:\n" + table.String())
}
