package main

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

type adminErr struct{ Code, Message string }

func TestAdminProviderAndBillingControls(t *testing.T) {
	e := start(t)
	c := newClient(t, e)
	id := createOn(t, c, privatelinktest.ManualServiceID)

	got, err := get(t, c, id)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusPending, got.ConnectionStatus)
	var ae0 adminErr
	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/endpoints/"+id+"/accept", nil, &ae0), ae0.Message)
	got, err = get(t, c, id)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusConnected, got.ConnectionStatus)

	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/endpoints/"+id+"/reject", nil, nil))
	got, err = get(t, c, id)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusDisconnected, got.ConnectionStatus)

	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/endpoints/"+id+"/business-status",
		map[string]string{"Status": "FinancialLocked"}, nil))
	got, err = get(t, c, id)
	require.NoError(t, err)
	assert.EqualValues(t, "FinancialLocked", got.EndpointBusinessStatus)

	var snap privatelinktest.Endpoint
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/endpoints/"+id, nil, &snap))
	assert.Equal(t, id, snap.ID)
	assert.Equal(t, privatelink.EndpointBusinessStatus("FinancialLocked"), snap.BusinessStatus)
	assert.Equal(t, privatelinktest.AccessKeyID, snap.CreatedBy)
	var all struct{ Endpoints []privatelinktest.Endpoint }
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/endpoints", nil, &all))
	require.Len(t, all.Endpoints, 1)
	assert.Equal(t, id, all.Endpoints[0].ID)

	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/services/"+privatelinktest.ManualServiceID+"/delete", nil, nil))
	got, err = get(t, c, id)
	require.NoError(t, err)
	assert.Equal(t, privatelink.ConnectionStatusServiceDeleted, got.ConnectionStatus)

	var ae adminErr
	assert.Equal(t, http.StatusConflict, e.admin(t, http.MethodPost, "/_emulator/services/"+privatelinktest.ManualServiceID+"/delete", nil, &ae))
	assert.Contains(t, ae.Message, "already deleted")
	assert.Equal(t, http.StatusNotFound, e.admin(t, http.MethodGet, "/_emulator/endpoints/ep-nope", nil, &ae))
	assert.Equal(t, http.StatusConflict, e.admin(t, http.MethodPost, "/_emulator/endpoints/ep-nope/accept", nil, &ae))
	assert.Equal(t, http.StatusBadRequest, e.admin(t, http.MethodPost, "/_emulator/endpoints/"+id+"/business-status",
		map[string]string{"Stat": "x"}, &ae), "unknown fields are refused")
	assert.Equal(t, http.StatusMethodNotAllowed, e.admin(t, http.MethodGet, "/_emulator/reset", nil, &ae))
	assert.Equal(t, http.StatusNotFound, e.admin(t, http.MethodGet, "/_emulator/nothing", nil, &ae))
}

func TestAdminFaults(t *testing.T) {
	e := start(t)
	c := newClient(t, e, privatelink.WithRetry(1, 0, 0))
	var ae adminErr
	assert.Equal(t, http.StatusConflict, e.admin(t, http.MethodPut, "/_emulator/faults/ListVpcEndpoints",
		map[string]any{"ThrottleRate": 2}, &ae))
	assert.Contains(t, ae.Message, "ThrottleRate")
	assert.Equal(t, http.StatusConflict, e.admin(t, http.MethodPut, "/_emulator/faults/NoSuchAction",
		map[string]any{"ThrottleRate": 1}, &ae))
	assert.Equal(t, http.StatusBadRequest, e.admin(t, http.MethodPut, "/_emulator/faults/ListVpcEndpoints",
		map[string]any{"Latency": "soon"}, &ae))

	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPut, "/_emulator/faults/ListVpcEndpoints",
		map[string]any{"ThrottleRate": 1}, nil))
	_, err := c.ListVpcEndpoints(context.Background(), must(privatelink.NewListVpcEndpoints().Build()))
	assert.True(t, privatelink.IsThrottling(err), "%v", err)

	require.Equal(t, http.StatusOK, e.admin(t, http.MethodDelete, "/_emulator/faults/ListVpcEndpoints", nil, nil))
	_, err = c.ListVpcEndpoints(context.Background(), must(privatelink.NewListVpcEndpoints().Build()))
	require.NoError(t, err)

	// A dropped connection goes through the request logger's Hijack.
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPut, "/_emulator/faults/*", map[string]any{"DropAfterRate": 1}, nil))
	_, err = c.ListVpcEndpoints(context.Background(), must(privatelink.NewListVpcEndpoints().Build()))
	assert.Error(t, err)
	var st struct {
		Requests int
		Actions  map[string]privatelinktest.ActionStats
	}
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/stats", nil, &st))
	assert.Equal(t, 1, st.Actions["ListVpcEndpoints"].Throttled)
	assert.Equal(t, 1, st.Actions["ListVpcEndpoints"].Dropped)
	assert.Equal(t, 3, st.Requests)
}

func TestAdminFakeClockAndReset(t *testing.T) {
	e := start(t, "-fake-clock", "-creation-delay", "10m", "-deletion-delay", "1m")
	assert.Equal(t, true, e.info["PRIVATELINK_EMULATOR_FAKE_CLOCK"])
	c := newClient(t, e)
	id := createOn(t, c, privatelinktest.ServiceID)
	got, err := get(t, c, id)
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusCreating, got.EndpointStatus)

	var clk struct{ Fake bool }
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/clock/advance", map[string]string{"Duration": "10m"}, &clk))
	assert.True(t, clk.Fake)
	got, err = get(t, c, id)
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusActive, got.EndpointStatus)

	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/reset", nil, nil))
	_, err = get(t, c, id)
	assert.True(t, privatelink.IsEndpointNotFound(err), "a reset forgets every endpoint: %v", err)
	id2 := createOn(t, c, privatelinktest.ServiceID)
	got, err = get(t, c, id2)
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusCreating, got.EndpointStatus, "the fresh server has its own fake clock and the same delays")
	assert.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/clock/advance", map[string]string{"Duration": "10m"}, nil))
	got, err = get(t, c, id2)
	require.NoError(t, err)
	assert.Equal(t, privatelink.EndpointStatusActive, got.EndpointStatus, "advance moves the fresh server's clock")
}

func TestAdminRealClockRefusesAdvance(t *testing.T) {
	e := start(t)
	var ae adminErr
	assert.Equal(t, http.StatusConflict, e.admin(t, http.MethodPost, "/_emulator/clock/advance", map[string]string{"Duration": "1m"}, &ae))
	assert.Equal(t, "NoFakeClock", ae.Code)
}

func TestAdminOff(t *testing.T) {
	for _, args := range [][]string{{"-admin", "off"}} {
		e := start(t, args...)
		assert.Equal(t, false, e.info["PRIVATELINK_EMULATOR_ADMIN"])
		var ae adminErr
		assert.Equal(t, http.StatusNotFound, e.admin(t, http.MethodPost, "/_emulator/reset", nil, &ae))
		assert.Equal(t, "AdminDisabled", ae.Code)
		assert.Equal(t, http.StatusOK, e.admin(t, http.MethodGet, "/_emulator/health", nil, nil), "health stays on")
	}
}
