package privatelink_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// 64 goroutines share one Client with adaptive control, a hard ceiling and
// retries against an emulator that enforces a quota: run with -race, it
// checks that the controller, the limiter and the attempt hook are safe to
// share, and that every attempt is reported once, throttles included.
func TestAdaptiveRateLimitWith64Goroutines(t *testing.T) {
	const (
		goroutines = 64
		perG       = 4
	)
	emu := privatelinktest.NewServer(privatelinktest.WithAPIRateLimit("DescribeRegions", 400, 20))
	defer emu.Close()
	var attempts, throttles atomic.Int64
	client, err := privatelink.NewClient(privatelinktest.RegionID,
		privatelink.WithEndpoint(emu.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		privatelink.WithAdaptiveRateLimit(true),
		privatelink.WithRateLimit(2000, 64),
		privatelink.WithRetry(20, time.Millisecond, 20*time.Millisecond),
		privatelink.WithObserver(privatelink.Observer{Attempt: func(_ context.Context, ev privatelink.AttemptEvent) {
			attempts.Add(1)
			if ev.Throttled {
				throttles.Add(1)
			}
		}}),
	)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*perG)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perG {
				_, err := client.DescribeRegions(ctx, &privatelink.DescribeRegionsRequest{})
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	st := emu.Stats()["DescribeRegions"]
	assert.Equal(t, goroutines*perG, st.Successes)
	assert.Positive(t, st.RateLimited, "the burst of 64 met the quota")
	assert.EqualValues(t, st.Requests, attempts.Load(), "one event per attempt")
	assert.EqualValues(t, st.RateLimited, throttles.Load())
}
