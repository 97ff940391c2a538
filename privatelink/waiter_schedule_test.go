package privatelink

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var defaultSchedule = schedule{minDelay: DefaultWaitMinDelay, maxDelay: DefaultWaitMaxDelay, jitter: DefaultWaitJitter}

func TestScheduleDelay(t *testing.T) {
	fixed := schedule{minDelay: 5 * time.Second, maxDelay: 5 * time.Second, jitter: 0.5}
	tests := []struct {
		name    string
		s       schedule
		elapsed time.Duration
		u       float64
		want    time.Duration
	}{
		{"first interval is the minimum", defaultSchedule, 0, 0, 5 * time.Second},
		{"minimum while 10% is shorter", defaultSchedule, 49 * time.Second, 0, 5 * time.Second},
		{"10% of elapsed once longer", defaultSchedule, 60 * time.Second, 0, 6 * time.Second},
		{"10% of elapsed just below the cap", defaultSchedule, 250 * time.Second, 0, 25 * time.Second},
		{"capped at the maximum", defaultSchedule, time.Hour, 0, 30 * time.Second},
		{"full jitter lengthens by the fraction", defaultSchedule, 0, 1, 5500 * time.Millisecond},
		{"half jitter", defaultSchedule, 100 * time.Second, 0.5, 10500 * time.Millisecond},
		{"jitter never passes the maximum", defaultSchedule, 290 * time.Second, 1, 30 * time.Second},
		{"at the cap jitter has no room", defaultSchedule, time.Hour, 1, 30 * time.Second},
		{"min equal to max is a fixed poll", fixed, time.Hour, 1, 5 * time.Second},
		{"no jitter configured", schedule{minDelay: time.Second, maxDelay: time.Minute}, 20 * time.Second, 1, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.s.delay(tt.elapsed, tt.u))
		})
	}
}

// simulate runs a waiter's schedule against an endpoint that turns Active
// after creation, polls taking no time, and returns the number of polls and
// the time from Active to the poll that sees it.
func simulate(s schedule, creation time.Duration, draw func() float64) (polls int, detection time.Duration) {
	var t time.Duration
	for {
		polls++
		if t >= creation {
			return polls, t - creation
		}
		t += s.delay(t, draw())
	}
}

// TestScheduleBoundsOverAllJitter checks the schedule's promises for every
// creation time from 1 s to 20 min and many random jitter sequences, not just
// the extremes: never more polls than a fixed 5 s poll, never an interval
// shorter than the minimum, a detection delay no longer than the maximum
// interval, and for the documented creation times 5 s, 60 s and 300 s a
// detection delay within 10% of the creation time plus a second.
func TestScheduleBoundsOverAllJitter(t *testing.T) {
	fixed := schedule{minDelay: 5 * time.Second, maxDelay: 5 * time.Second}
	rng := rand.New(rand.NewPCG(1, 2))
	draws := []func() float64{
		func() float64 { return 0 },
		func() float64 { return 1 },
		rng.Float64,
	}
	for creation := time.Second; creation <= 20*time.Minute; creation += time.Second {
		fixedPolls, _ := simulate(fixed, creation, draws[0])
		for i := 0; i < 20; i++ {
			draw := draws[min(i, len(draws)-1)]
			polls, detection := simulate(defaultSchedule, creation, draw)
			require.LessOrEqual(t, polls, fixedPolls, "creation %v: more polls than a fixed 5 s poll", creation)
			require.LessOrEqual(t, detection, DefaultWaitMaxDelay, "creation %v", creation)
			switch creation {
			case 5 * time.Second, time.Minute, 5 * time.Minute:
				require.LessOrEqual(t, detection, creation/10+time.Second, "creation %v", creation)
			}
		}
	}
	for i := 0; i < 10000; i++ {
		elapsed := time.Duration(rng.Int64N(int64(time.Hour)))
		d := defaultSchedule.delay(elapsed, rng.Float64())
		require.GreaterOrEqual(t, d, DefaultWaitMinDelay)
		require.GreaterOrEqual(t, d, min(elapsed/10, DefaultWaitMaxDelay), "jitter must never shorten the schedule")
		require.LessOrEqual(t, d, DefaultWaitMaxDelay)
	}
}

// TestWaitScheduleFigures measures the default schedule end to end: a
