package privatelinktest

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stepClock moves by step every time it is read, so that two readings in
// one operation differ, as the real clock's do.
type stepClock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.now
	c.now = c.now.Add(c.step)
	return t
}

func (c *stepClock) set(now time.Time, step time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now, c.step = now, step
}

// TestJournalProviderActionReplaysAtItsOwnTime checks that a provider
// action is journaled with the instant it acted at. It used to read the
// clock a second time for the record, so on the real clock the replayed
// action ran a little later than the original: a connection became
// Connected later after a restart than before it, and a request that
// observed the difference made the journal diverge.
func TestJournalProviderActionReplaysAtItsOwnTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	j, err := OpenJournal(path)
	require.NoError(t, err)
	clk := &stepClock{now: fixedTime}
	opts := []Option{WithConnectionDelay(90 * time.Minute), WithDeletionDelay(time.Minute),
		WithSTSCredential("STS.journal", "stsSecretJournal", "stsTokenJournalSecret")}
	a := NewUnstartedServer(append([]Option{WithClock(clk)}, opts...)...)
	require.NoError(t, a.Replay(j))
	a.Start()
	defer a.Close()
	defer j.Close()
	id := newClient(t, a).create("ServiceId", ManualServiceID)

	// Every reading of the clock during the action is an hour after the
	// one before.
	clk.set(fixedTime.Add(time.Minute), time.Hour)
	require.NoError(t, a.AcceptConnection(id))
	clk.set(fixedTime.Add(2*time.Hour), 0)
	want, ok := a.Endpoint(id)
	require.True(t, ok)
	require.Equal(t, "Connected", string(want.ConnectionStatus), "accepted at +1m, Connected from +91m")
	a.Close()
	require.NoError(t, j.Close())

	b, fc, _ := journaled(t, path, opts...)
	fc.Set(fixedTime.Add(2 * time.Hour))
	got, ok := b.Endpoint(id)
	require.True(t, ok)
	assert.Equal(t, want, got)
}
