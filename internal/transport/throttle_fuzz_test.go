package transport

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// FuzzRateLimitHeader feeds arbitrary x-ratelimit-user-api values (and the
// gateway's own format, built from the fuzzed numbers) to the two readers
// of that header: neither panics, the hint stays within [0, MaxHint], a
// successful answer is never a throttle, and the gateway's format is read
// as the gateway means it.
func FuzzRateLimitHeader(f *testing.F) {
	f.Add("Limit:10,Remain:0,TimeLeft:100,Reset:1733529600000", int64(10), int64(0), int64(100))
	f.Add("Limit:-1,Remain:-1", int64(-1), int64(-1), int64(0))
	f.Add(" remain : 0 , timeleft : 99999999999999999999", int64(1), int64(5), int64(1<<62))
	f.Add("Remain:,TimeLeft:", int64(0), int64(0), int64(0))
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw string, limit, remain, left int64) {
		for _, v := range []string{raw, fmt.Sprintf("Limit:%d,Remain:%d,TimeLeft:%d,Reset:%d", limit, remain, left, now.UnixMilli())} {
			h := http.Header{}
			h.Set("X-Ratelimit-User-Api", v)
			if d := Hint(h, now); d < 0 || d > MaxHint {
				t.Fatalf("Hint(%q) = %v, outside [0, %v]", v, d, MaxHint)
			}
			if OwnThrottle(http.StatusOK, "", h) {
				t.Fatalf("a successful answer with %q counts as a throttle", v)
			}
			OwnThrottle(http.StatusTooManyRequests, "", h)
		}
		h := http.Header{}
		h.Set("X-Ratelimit-User-Api", fmt.Sprintf("Limit:%d,Remain:%d,TimeLeft:%d,Reset:0", limit, remain, left))
		want := remain < 1 && remain != -1
		if got := OwnThrottle(http.StatusTooManyRequests, "", h); got != want {
			t.Fatalf("Remain:%d read as spent=%v, want %v", remain, got, want)
		}
		if left > 0 && left <= int64(MaxHint/time.Millisecond) {
			if d := Hint(h, now); d != time.Duration(left)*time.Millisecond {
				t.Fatalf("TimeLeft:%d read as %v", left, d)
			}
		}
	})
}
