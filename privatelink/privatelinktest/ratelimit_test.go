package privatelinktest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIRateLimitRefusesOverTheBurstUntilTheClockRefills(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithAPIRateLimit("ListVpcEndpoints", 2, 3))
	c := newClient(t, srv)
	for range 3 {
		c.must("ListVpcEndpoints")
	}
	a := c.fail(http.StatusBadRequest, "Throttling.User", "ListVpcEndpoints")
	assert.Equal(t, "Request was denied due to user flow control.", a.str("Message"))
	// One token comes every 500 ms at 2/s.
	assert.Regexp(t, `^Limit:3,Remain:0,TimeLeft:500,Reset:\d+$`, a.header.Get("x-ratelimit-user-api"))
	reset := strings.TrimPrefix(a.header.Get("x-ratelimit-user-api"), "Limit:3,Remain:0,TimeLeft:500,Reset:")
	assert.Equal(t, fixedTime.Add(500*time.Millisecond).UnixMilli(), mustAtoi(t, reset))

	clk.Advance(250 * time.Millisecond)
	a = c.fail(http.StatusBadRequest, "Throttling.User", "ListVpcEndpoints")
	assert.Contains(t, a.header.Get("x-ratelimit-user-api"), "TimeLeft:250,")
	clk.Advance(250 * time.Millisecond)
	ok := c.must("ListVpcEndpoints")
	assert.Empty(t, ok.header.Get("x-ratelimit-user-api"), "only refusals carry the header")
	c.fail(http.StatusBadRequest, "Throttling.User", "ListVpcEndpoints")

	// An hour refills the bucket to its burst, no more.
	clk.Advance(time.Hour)
	for range 3 {
		c.must("ListVpcEndpoints")
	}
	c.fail(http.StatusBadRequest, "Throttling.User", "ListVpcEndpoints")

	st := srv.Stats()["ListVpcEndpoints"]
	assert.Equal(t, ActionStats{Requests: 11, Successes: 7, RateLimited: 4}, st,
		"quota refusals are neither errors nor injected throttles")
}

func TestAPIRateLimitIsPerActionAndPerAccount(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithAPIRateLimit("ListVpcEndpoints", 1, 1),
		WithNewAccount("2222222222222222", "LTAIother", "other-secret"))
	c := newClient(t, srv)
	c.must("ListVpcEndpoints")
	c.fail(http.StatusBadRequest, "Throttling.User", "ListVpcEndpoints")
	// Another action has no limit; another account has its own bucket.
	c.must("DescribeRegions")
	other := c.as("LTAIother", "other-secret", "")
	other.must("ListVpcEndpoints")
	other.fail(http.StatusBadRequest, "Throttling.User", "ListVpcEndpoints")
}

func TestAPIRateLimitedCreateCreatesNothing(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithAPIRateLimit("CreateVpcEndpoint", 1, 1))
	c := newClient(t, srv)
	c.create("ClientToken", "tok-1")
	a := c.fail(http.StatusBadRequest, "Throttling.User", "CreateVpcEndpoint", createParams("ClientToken", "tok-2", "EndpointName", "second")...)
	assert.Empty(t, a.str("EndpointId"))
	assert.Equal(t, 1, srv.EndpointCount())
	// The refused token was not used: once the bucket refills, the same
	// request creates the endpoint, once.
	clk.Advance(time.Second)
	id := c.create("ClientToken", "tok-2", "EndpointName", "second")
	assert.NotEmpty(t, id)
	assert.Equal(t, 2, srv.EndpointCount())
	st := srv.Stats()["CreateVpcEndpoint"]
	assert.Equal(t, 1, st.RateLimited)
	assert.Zero(t, st.Throttled)
	assert.Equal(t, 2, st.Successes)
}

// Injected throttles and quota refusals are counted apart, and a refused
// call draws no fault.
func TestAPIRateLimitAndFaultsCountApart(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithAPIRateLimit("ListVpcEndpoints", 1, 1))
	srv.SetFaults("ListVpcEndpoints", Faults{ThrottleRate: 1})
	c := newClient(t, srv)
	c.call("ListVpcEndpoints")
	a := c.call("ListVpcEndpoints")
	assert.Equal(t, "Throttling.User", a.code())
	assert.NotEmpty(t, a.header.Get("x-ratelimit-user-api"))
	st := srv.Stats()["ListVpcEndpoints"]
	assert.Equal(t, 1, st.Throttled)
	assert.Equal(t, 1, st.RateLimited)
	assert.Zero(t, st.Errors)
}

func TestWithAPIRateLimitChecksItsArguments(t *testing.T) {
	for name, opt := range map[string]Option{
		"unknown action": WithAPIRateLimit("NoSuchAction", 1, 1),
		"zero rate":      WithAPIRateLimit("ListVpcEndpoints", 0, 1),
		"NaN rate":       WithAPIRateLimit("ListVpcEndpoints", nan(), 1),
		"zero burst":     WithAPIRateLimit("ListVpcEndpoints", 1, 0),
	} {
		t.Run(name, func(t *testing.T) {
			assert.Panics(t, func() { NewServer(opt).Close() })
		})
	}
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9', "%q is not a number", s)
		n = n*10 + int64(c-'0')
	}
	return n
}
