package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The generated operations and Invoke take the observed call path, and the
// provider-side waiters report their polls.
func TestObserverSeesGeneratedCallsAndResourceWaits(t *testing.T) {
	var rec recorder
	c, s := setup(t, WithObserver(rec.observer()))
	script(s, "GetVpcEndpointServiceAttribute", serviceCreating, serviceActive)
	s.handle("DescribeRegions", 200, `{"RequestId":"R"}`)
	_, err := c.DescribeRegions(context.Background(), nil)
	require.NoError(t, err)
	_, err = c.WaitUntilVpcEndpointServiceActive(context.Background(), waitServiceID, WaitClock(newFakeClock()))
	require.NoError(t, err)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	assert.Equal(t, []string{
		"start DescribeRegions", "end DescribeRegions (ctx DescribeRegions)",
		"start GetVpcEndpointServiceAttribute", "end GetVpcEndpointServiceAttribute (ctx GetVpcEndpointServiceAttribute)", "poll 1",
		"start GetVpcEndpointServiceAttribute", "end GetVpcEndpointServiceAttribute (ctx GetVpcEndpointServiceAttribute)", "poll 2",
	}, rec.log)
	require.Len(t, rec.polls, 2)
	assert.Equal(t, ServiceStatusActive, rec.polls[1].ServiceStatus)
}
