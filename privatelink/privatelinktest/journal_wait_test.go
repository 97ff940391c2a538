package privatelinktest

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJournalTokenRetryWaitsForTheOriginal checks that a retry answered
// from a client token waits until the record of the request that stored
// the answer is on disk. The retry used to be answered at once, while the
// original still waited for its fsync: a crash then lost a create the
// retry had acknowledged, and the next retry made a second endpoint.
func TestJournalTokenRetryWaitsForTheOriginal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	a, _, j := journaled(t, path)
	c := newClient(t, a)

	// Hold every fsync back: the create is performed and its record
	// written, and it waits.
	j.smu.Lock()
	locked := true
	defer func() {
		if locked {
			j.smu.Unlock()
		}
	}()
	written := j.written.Load()
	first := make(chan answer, 1)
	go func() {
		first <- c.do(spec{action: "CreateVpcEndpoint", params: kv(createParams("ClientToken", "held")...)})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for j.written.Load() == written {
		require.True(t, time.Now().Before(deadline), "the create was never journaled")
		time.Sleep(time.Millisecond)
	}

	retry := make(chan answer, 1)
	go func() {
		retry <- c.do(spec{action: "CreateVpcEndpoint", params: kv(createParams("ClientToken", "held")...)})
	}()
	select {
	case r := <-retry:
		t.Fatalf("the retry was answered before the original's record was on disk: %v", r)
	case r := <-first:
		t.Fatalf("the original was answered before its record was on disk: %v", r)
	case <-time.After(300 * time.Millisecond):
	}

	j.smu.Unlock()
	locked = false
	got, again := <-first, <-retry
	require.Equal(t, 200, got.status, got.String())
	require.Equal(t, 200, again.status, again.String())
	assert.Equal(t, got.str("EndpointId"), again.str("EndpointId"))
}
