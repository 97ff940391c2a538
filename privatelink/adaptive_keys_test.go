package privatelink_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
)

// 100,000 distinct Invoke actions through a default client (adaptive
// pacing on) all succeed, and the pacing keeps a pace of its own for at
// most MaxPacedKeys of them: its state does not grow with the names. The
// cost per call and the retained heap are BenchmarkInvokeDistinctActions'
// figures (BENCHMARKS.md); this test checks the bound they rest on.
func TestInvokeDistinctActionsKeepPacedKeysBounded(t *testing.T) {
	const calls = 100_000
	hc := &http.Client{Transport: memoryTransport{body: []byte(`{"RequestId":"R"}`)}}
	client, err := privatelink.NewClient("cn-huhehaote", privatelink.WithEndpoint("https://privatelink.cn-huhehaote.aliyuncs.com"),
		privatelink.WithHTTPClient(hc), privatelink.WithStaticCredentials("LTAI5tTestAccessKey000", "test-secret", ""))
	require.NoError(t, err)
	ctx := context.Background()
	for i := range calls {
		if _, err := client.Invoke(ctx, &privatelink.RawRequest{Action: fmt.Sprintf("DescribeSomething%06d", i)}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	assert.Equal(t, privatelink.MaxPacedKeys, privatelink.PacedKeys(client), "paced keys after %d distinct actions", calls)

	off, err := privatelink.NewClient("cn-huhehaote", privatelink.WithHTTPClient(hc), privatelink.WithAdaptiveRateLimit(false),
		privatelink.WithStaticCredentials("LTAI5tTestAccessKey000", "test-secret", ""))
	require.NoError(t, err)
	assert.Zero(t, privatelink.PacedKeys(off), "pacing off keeps no state")
}
