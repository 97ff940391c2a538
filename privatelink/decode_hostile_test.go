package privatelink

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/jsonx"
)

// hostileList is an answer of n bytes (about) whose key holds a list of
// empty objects: each three input bytes would become a whole struct.
func hostileList(key string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"RequestId":"R","` + key + `":[{}`)
	for b.Len() < n-8 {
		b.WriteString(`,{}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// An 8 MiB answer of [{},{},...] fails with a *RequestError instead of
// decoding into hundreds of MiB: what its lists may allocate is bounded
// by the decoder's budget, AllocPerInputByte per input byte (growth
// included), and the rest by the input's size.
func TestHostileListMemoryIsBounded(t *testing.T) {
	body := hostileList("Endpoints", 8<<20-1024)
	bound := uint64(len(body)*jsonx.AllocPerInputByte + jsonx.AllocFloor + 1<<20)

	var resp ListVpcEndpointsResponse
	var err error
	n := allocated(func() { err = decodeBody(body, resp.decodeField) })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bytes of memory")
	assert.Less(t, n, bound, "allocated %d MiB", n>>20)
	t.Logf("8 MiB of [{},...]: %d MiB allocated, bound %d MiB", n>>20, bound>>20)

	// Through the client, the answer is a *RequestError.
	_, srv := newFake(t, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	c := newTestClient(t, srv.URL, WithRetry(1, 0, 0))
	_, err = c.ListVpcEndpoints(context.Background(), &ListVpcEndpointsRequest{})
	var reqErr *RequestError
	require.True(t, errors.As(err, &reqErr), "%T %v", err, err)
	assert.Contains(t, reqErr.Error(), "bytes of memory")
}

// A real page of 1000 tagged endpoints (the most ListVpcEndpoints
// returns) stays far inside the budget.
func TestLargestRealPageDecodes(t *testing.T) {
	body := bigListPage(1000)
	var resp ListVpcEndpointsResponse
	require.NoError(t, decodeBody(body, resp.decodeField))
	assert.Len(t, resp.Endpoints, 1000)
}

// The budget's floor alone holds the largest page of the largest element
// type: 1000 endpoints (MaxResults' most) decode however little of each
// the service sends, and so do 1000 of each other list's elements.
func TestSparsestLargestPagesDecode(t *testing.T) {
	page := func(key, item string) []byte {
		return []byte(`{"RequestId":"R","` + key + `":[` + strings.Repeat(item+",", 999) + item + `]}`)
	}
	var endpoints ListVpcEndpointsResponse
	require.NoError(t, decodeBody(page("Endpoints", `{"EndpointId":"ep-1","Tags":[{"Key":"k"}]}`), endpoints.decodeField))
	assert.Len(t, endpoints.Endpoints, 1000)
	assert.Len(t, endpoints.Endpoints[999].Tags, 1)
	endpoints = ListVpcEndpointsResponse{}
	require.NoError(t, decodeBody(page("Endpoints", `{}`), endpoints.decodeField))
	assert.Len(t, endpoints.Endpoints, 1000)

	var conns ListVpcEndpointConnectionsResponse
	require.NoError(t, decodeBody(page("Connections", `{"EndpointId":"ep-1","Zones":[{}]}`), conns.decodeField))
	assert.Len(t, conns.Connections, 1000)
	var services ListVpcEndpointServicesResponse
	require.NoError(t, decodeBody(page("Services", `{}`), services.decodeField))
	assert.Len(t, services.Services, 1000)
}

// A list key sent twice gives the second list, never both; a scalar sent
// twice its last value.
func TestDuplicateKeysLastWins(t *testing.T) {
	body := []byte(`{"Endpoints":[{"EndpointId":"ep-1"},{"EndpointId":"ep-2"}],"NextToken":"a",` +
		`"Endpoints":[{"EndpointId":"ep-3","Tags":[{"Key":"a"}],"Tags":[{"Key":"b"}]}],"NextToken":"b"}`)
	var resp ListVpcEndpointsResponse
	require.NoError(t, decodeBody(body, resp.decodeField))
	require.Len(t, resp.Endpoints, 1)
	assert.Equal(t, "ep-3", resp.Endpoints[0].EndpointID)
	assert.Equal(t, []Tag{{Key: "b"}}, resp.Endpoints[0].Tags)
	assert.Equal(t, "b", resp.NextToken)

	body = []byte(`{"Zones":["a","b"],"Zones":null}`)
	var svc GetVpcEndpointServiceAttributeResponse
	require.NoError(t, decodeBody(body, svc.decodeField))
	assert.Nil(t, svc.Zones, "null, sent last, is the list")
}

// Strings are valid UTF-8 without control characters (but tab, newline
// and carriage return) once decoded: a value cannot forge a log line's
// colours or carry bytes no ID has.
func TestDecodedStringsAreClean(t *testing.T) {
	body := []byte("{\"EndpointId\":\"ep-\\u001b[2Jx\",\"EndpointName\":\"a\xffb\",\"EndpointDescription\":\"line1\\nline2\\u0000\"}")
	var resp GetVpcEndpointAttributeResponse
	require.NoError(t, decodeBody(body, resp.decodeField))
	assert.Equal(t, "ep-\uFFFD[2Jx", resp.EndpointID)
	assert.Equal(t, "a\uFFFDb", resp.EndpointName)
	assert.Equal(t, "line1\nline2\uFFFD", resp.EndpointDescription)
}

// An unparsable time is the documented zero: the answer still decodes.
func TestUnparsableTimeIsZero(t *testing.T) {
	for in, zero := range map[string]bool{
		`"2021-09-24T18:00:07Z"`: false, `"2021-09-24T18:00Z"`: false, `"2021-09-24T18:00:07.123+08:00"`: false,
		`"yesterday"`: true, `"2021-09-24 18:00:07"`: true, `""`: true, `null`: true, `1632506407`: true,
	} {
		var resp GetVpcEndpointAttributeResponse
		require.NoError(t, decodeBody([]byte(`{"EndpointId":"ep-1","CreateTime":`+in+`}`), resp.decodeField), in)
		assert.Equal(t, zero, resp.CreateTime.IsZero(), in)
		assert.Equal(t, "ep-1", resp.EndpointID, in)
	}
}

// BenchmarkDecodeHostileList decodes an 8 MiB answer of [{},{},...]: its
// B/op is what such an answer costs (BENCHMARKS.md).
func BenchmarkDecodeHostileList(b *testing.B) {
	body := hostileList("Endpoints", 8<<20-1024)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var resp ListVpcEndpointsResponse
		_ = decodeBody(body, resp.decodeField)
	}
}
