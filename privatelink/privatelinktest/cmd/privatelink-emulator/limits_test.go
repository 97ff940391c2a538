package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Past -max-in-flight API requests at once, the next is answered 503
// ServiceUnavailable with Retry-After at once, before its body is read;
// the admin API stays reachable, so that an operator can see and reset a
// saturated emulator.
func TestMaxInFlight(t *testing.T) {
	e := start(t, "-max-in-flight", "2")
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPut, "/_emulator/faults/DescribeRegions", map[string]string{"Latency": "1h"}, nil))
	held := make(chan answer, 2)
	for range 2 {
		go func() {
			req := v1Request(t, e.url, http.MethodGet, false, v1Params("DescribeRegions"))
			resp, err := e.http.Do(req)
			if err != nil {
				held <- answer{}
				return
			}
			resp.Body.Close()
			held <- answer{status: resp.StatusCode}
		}()
	}
	// Wait until both sleep in the emulator: the stats say so.
	e.delayed(t, "DescribeRegions", 2)

	req := v1Request(t, e.url, http.MethodPost, true, v1Params("ListVpcEndpoints"))
	a := do(t, e.http, req)
	checkError(t, a, http.StatusServiceUnavailable, "ServiceUnavailable")
	assert.Equal(t, "1", a.header.Get("Retry-After"))
	assert.Contains(t, a.body["Message"], "-max-in-flight 2")
	e.logged(t, `"code":"ServiceUnavailable"`)

	// A reset cuts the held requests' latency short; then there is room.
	require.Equal(t, http.StatusOK, e.admin(t, http.MethodPost, "/_emulator/reset", nil, nil))
	<-held
	<-held
	a = do(t, e.http, v1Request(t, e.url, http.MethodPost, true, v1Params("ListVpcEndpoints")))
	assert.Equal(t, http.StatusOK, a.status, a.raw)
}

// The review's request, a megabyte of "x&x&..." in the query string and
// another in the body with only the public key ID, is refused cheaply:
// a query string over the header limit by net/http (431), one within it
// but over the emulator's limits with 400 InvalidParameter, never with an
// echo of its string to sign.
func TestOversizedRequestsAreRefusedEarly(t *testing.T) {
	e := start(t)
	prefix := unauthenticated()
	for _, tc := range []struct {
		query, body string
		status      int
	}{
		{prefix + strings.Repeat("&x", 500_000), "", http.StatusRequestHeaderFieldsTooLarge},
		{prefix, strings.Repeat("x&", 1<<19), http.StatusBadRequest},
		{prefix + strings.Repeat("&x", privatelinktest.MaxRequestParams), "", http.StatusBadRequest},
	} {
		req, err := http.NewRequest(http.MethodPost, e.url+"/?"+tc.query, strings.NewReader(tc.body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := e.http.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, "%.300s", b)
		assert.Less(t, len(b), 1024, "%.300s", b)
	}
}
