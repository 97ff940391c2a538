package privatelink_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
)

// An iterator is a value: ranging it again starts again from the first
// page, and so does ranging it from several goroutines at once.
func TestIteratorsCanBeRangedAgainAndConcurrently(t *testing.T) {
	srv, client := waitExampleEmulator()
	defer srv.Close()
	ctx := context.Background()
	for range 5 {
		_, err := client.CreateVpcEndpoint(ctx, waitExampleRequest(""))
		require.NoError(t, err)
	}
	seq := client.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{MaxResults: 2})
	count := func() int {
		n := 0
		for _, err := range seq {
			require.NoError(t, err)
			n++
		}
		return n
	}
	assert.Equal(t, 5, count())
	assert.Equal(t, 5, count())

	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.Equal(t, 5, count())
		}()
	}
	wg.Wait()
}
