package privatelink

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is an Observer that keeps every event, in order, as text and as
// values.
type recorder struct {
	mu     sync.Mutex
	log    []string
	starts []CallStartEvent
	ends   []CallEvent
	polls  []PollEvent
	dump   strings.Builder
}

type recorderKey struct{}

func (r *recorder) observer() Observer {
	return Observer{
		CallStart: func(ctx context.Context, ev CallStartEvent) context.Context {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.log = append(r.log, "start "+ev.Action)
			r.starts = append(r.starts, ev)
			fmt.Fprintf(&r.dump, "%+v\n", ev)
			return context.WithValue(ctx, recorderKey{}, ev.Action)
		},
		CallEnd: func(ctx context.Context, ev CallEvent) {
			r.mu.Lock()
			defer r.mu.Unlock()
			// The context is the one CallStart returned.
			r.log = append(r.log, fmt.Sprintf("end %s (ctx %v)", ev.Action, ctx.Value(recorderKey{})))
			r.ends = append(r.ends, ev)
			fmt.Fprintf(&r.dump, "%+v %v\n", ev, ev.Err)
		},
		Attempt: func(_ context.Context, ev AttemptEvent) {
			r.mu.Lock()
			defer r.mu.Unlock()
			fmt.Fprintf(&r.dump, "attempt %+v %v\n", ev, ev.Err)
		},
		Poll: func(_ context.Context, ev PollEvent) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.log = append(r.log, fmt.Sprintf("poll %d", ev.Attempt))
			r.polls = append(r.polls, ev)
			fmt.Fprintf(&r.dump, "%+v\n", ev)
		},
	}
}

func TestObserverSeesEachCall(t *testing.T) {
	var rec recorder
	c, s := setup(t, WithObserver(rec.observer()))
	script(s, "GetVpcEndpointAttribute", throttled, active)
	req := &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID}

	_, err := c.GetVpcEndpointAttribute(context.Background(), req)
	require.Error(t, err)
	resp, err := c.GetVpcEndpointAttribute(context.Background(), req)
	require.NoError(t, err)

	assert.Equal(t, []string{
		"start GetVpcEndpointAttribute", "end GetVpcEndpointAttribute (ctx GetVpcEndpointAttribute)",
		"start GetVpcEndpointAttribute", "end GetVpcEndpointAttribute (ctx GetVpcEndpointAttribute)",
	}, rec.log)
	require.Len(t, rec.ends, 2)
	assert.Equal(t, opsRegion, rec.starts[0].RegionID)
	assert.False(t, rec.starts[0].Start.IsZero())

	failed := rec.ends[0]
	assert.Equal(t, "GetVpcEndpointAttribute", failed.Action)
	assert.Equal(t, opsRegion, failed.RegionID)
	assert.Equal(t, 1, failed.Attempts)
	assert.Equal(t, http.StatusBadRequest, failed.StatusCode)
	assert.Equal(t, ErrCodeThrottlingUser, failed.ErrorCode)
	assert.Equal(t, "REQ-1", failed.RequestID)
	assert.True(t, failed.Throttled)
	assert.True(t, IsThrottling(failed.Err))
	assert.Positive(t, failed.Latency)

	ok := rec.ends[1]
	assert.Equal(t, 1, ok.Attempts)
	assert.Equal(t, http.StatusOK, ok.StatusCode)
	assert.Equal(t, resp.RequestID, ok.RequestID)
	assert.Empty(t, ok.ErrorCode)
	assert.False(t, ok.Throttled)
	assert.NoError(t, ok.Err)
}

func TestObserverSeesWaiterPolls(t *testing.T) {
	var rec recorder
	c, s := setup(t, WithObserver(rec.observer()))
	script(s, "GetVpcEndpointAttribute", active)
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID)
	require.NoError(t, err)
	// The poll is reported after the call that made it has ended.
	assert.Equal(t, []string{
		"start GetVpcEndpointAttribute", "end GetVpcEndpointAttribute (ctx GetVpcEndpointAttribute)", "poll 1",
	}, rec.log)
	require.Len(t, rec.polls, 1)
	assert.Equal(t, waitEndpointID, rec.polls[0].EndpointID)
	assert.Equal(t, EndpointStatusActive, rec.polls[0].Status)
	assert.Equal(t, "REQ-1", rec.polls[0].RequestID)
}

func TestObserverFunctionsAreOptional(t *testing.T) {
	var ends int
	c, s := setup(t, WithObserver(Observer{
		CallStart: func(context.Context, CallStartEvent) context.Context { return nil },
		CallEnd:   func(context.Context, CallEvent) { ends++ },
	}))
	script(s, "GetVpcEndpointAttribute", active)
	_, err := c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID)
	require.NoError(t, err)
	assert.Equal(t, 1, ends)

	c, s = setup(t, WithObserver(Observer{}))
	script(s, "GetVpcEndpointAttribute", active)
	_, err = c.WaitUntilVpcEndpointActive(context.Background(), waitEndpointID)
	require.NoError(t, err)
}

// TestObserverEventsHoldNoSecret sends an STS call that the service answers
// with its string to sign, token included, and checks that no event, in
// any format, carries the secret or the token.
func TestObserverEventsHoldNoSecret(t *testing.T) {
	const token = "CAIS-sts-token-that-must-not-leak"
	var rec recorder
	c, s := setup(t, WithStaticCredentials(opsAK, opsSecret, token), WithObserver(rec.observer()))
	s.handleFunc("GetVpcEndpointAttribute", func(w http.ResponseWriter, call apiCall) {
		writeJSON(w, http.StatusBadRequest, errorBody("SignatureDoesNotMatch", "string to sign: SecurityToken="+token))
	})
	_, err := c.GetVpcEndpointAttribute(context.Background(), &GetVpcEndpointAttributeRequest{EndpointID: waitEndpointID})
	require.Error(t, err)
	require.Len(t, rec.ends, 1)
	dump := rec.dump.String()
	assert.Contains(t, dump, "SignatureDoesNotMatch")
	assert.Contains(t, dump, "attempt {Action:GetVpcEndpointAttribute", "attempt events are in the dump checked")
	for _, secret := range []string{opsSecret, token} {
		assert.NotContains(t, dump, secret)
	}
}
