package privatelinktest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

func TestServerURL(t *testing.T) {
	srv := newTestServer(t)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || strings.HasSuffix(srv.URL, "/") {
		t.Fatalf("URL = %q, want http://127.0.0.1:port without trailing slash", srv.URL)
	}
}

func TestServerRouting(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	tests := []struct {
		name   string
		s      spec
		status int
		code   string
	}{
		{"unknown action", spec{action: "DescribeEverything"}, 404, "InvalidApi.NotFound"},
		{"action of another product", spec{action: "DescribeVpcs"}, 404, "InvalidApi.NotFound"},
		{"missing action", spec{action: "", omit: []string{"Action"}}, 400, "MissingAction"},
		{"wrong version", spec{action: "ListVpcEndpoints", version: "2014-05-26"}, 400, "InvalidVersion"},
		{"missing version", spec{action: "ListVpcEndpoints", omit: []string{"Version", "x-acs-version"}}, 400, "MissingVersion"},
		{"missing region", spec{action: "ListVpcEndpoints", noRegion: true}, 400, "MissingParameter"},
		{"other region", spec{action: "ListVpcEndpoints", params: kv("RegionId", "cn-hangzhou")}, 404, "InvalidRegionId.NotFound"},
		{"PUT", spec{action: "ListVpcEndpoints", method: http.MethodPut}, 400, "UnsupportedHTTPMethod"},
		{"other path", spec{action: "ListVpcEndpoints", tamper: func(r *http.Request) { r.URL.Path = "/v1/endpoints" }}, 404, "InvalidApi.NotFound"},
		{"bad escape", spec{action: "ListVpcEndpoints", tamper: func(r *http.Request) { r.URL.RawQuery += "&x=%zz" }}, 400, "InvalidParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, cl := range []*client{c, c.withV3()} {
				if tt.name == "missing action" && cl.v3 {
					// V3 takes the action from x-acs-action, which the
					// helper always signs.
					continue
				}
				a := cl.do(tt.s)
				if a.status != tt.status || a.code() != tt.code {
					t.Fatalf("v3=%v: got %v, want %d %s", cl.v3, a, tt.status, tt.code)
				}
			}
		})
	}
}

// V3 may name the action in an Action parameter instead of x-acs-action.
func TestServerV3ActionParameter(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv).withV3()
	a := c.do(spec{action: "", params: kv("Action", "ListVpcEndpoints"), omit: []string{"x-acs-action"}})
	if a.status != 200 {
		t.Fatalf("Action parameter with V3: %v", a)
	}
}

// Every answer, success or error, has a fresh RequestId, the JSON content
// type and the x-acs-request-id header.
func TestServerEnvelope(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	seen := map[string]bool{}
	for _, a := range []answer{c.must("ListVpcEndpoints"), c.must("ListVpcEndpoints"), c.call("GetVpcEndpointAttribute", "EndpointId", "ep-missing")} {
		id := a.str("RequestId")
		if seen[id] {
			t.Fatalf("RequestId %s repeated", id)
		}
		seen[id] = true
		if a.header.Get("x-acs-request-id") != id {
			t.Fatalf("x-acs-request-id %q != RequestId %q", a.header.Get("x-acs-request-id"), id)
		}
	}
	e := c.fail(400, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", "ep-missing")
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if e.str(k) == "" {
			t.Errorf("error answer lacks %s: %v", k, e)
		}
	}
}

func TestNewRequestID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := gateway.NewRequestID()
		if !isRequestID(id) || seen[id] {
			t.Fatalf("bad or repeated request ID %q", id)
		}
		seen[id] = true
	}
}

func TestWriteBody(t *testing.T) {
	for _, tt := range []struct{ obj, want string }{
		{`{}`, `{"RequestId":"R"}`},
		{`{"A":1}`, `{"RequestId":"R","A":1}`},
	} {
		rec := httptest.NewRecorder()
		gateway.WriteBody(rec, 200, "R", []byte(tt.obj))
		if rec.Body.String() != tt.want {
			t.Errorf("writeBody(%s) = %s, want %s", tt.obj, rec.Body, tt.want)
		}
		var v map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("not JSON: %v", err)
		}
	}
}

// Handler serves the same API when mounted on a server of one's own.
func TestServerHandlerMounted(t *testing.T) {
	srv := newTestServer(t)
	own := httptest.NewServer(srv.Handler())
	defer own.Close()
	c := newClient(t, &Server{URL: own.URL})
	c.must("ListVpcEndpoints")
	if srv.Requests() != 1 {
		t.Fatalf("Requests() = %d, want 1", srv.Requests())
	}
}

// Close waits for in-flight requests and cuts injected latency short.
func TestServerCloseWaitsForInFlight(t *testing.T) {
	srv := NewServer()
	srv.SetFaults("ListVpcEndpoints", Faults{Latency: time.Hour})
	sleeping := srv.hookSleeping()
	c := newClient(t, srv)
	req := c.request(spec{action: "ListVpcEndpoints"})
	done := make(chan error, 1)
	go func() {
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	<-sleeping
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return while a request slept in injected latency")
	}
	if err := <-done; err == nil {
		t.Fatal("the request cut short by Close got an answer")
	}
	srv.Close() // idempotent
}

// Requests abandoned by their client stop sleeping.
func TestServerLatencyHonoursClientCancel(t *testing.T) {
	srv := newTestServer(t)
	srv.SetFaults("*", Faults{Latency: time.Hour})
	sleeping := srv.hookSleeping()
	woke := make(chan string, 1)
	srv.mu.Lock()
	srv.wokeHook = func(why string) { woke <- why }
	srv.mu.Unlock()
	c := newClient(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	req := c.request(spec{action: "ListVpcEndpoints"}).WithContext(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if resp, err := c.hc.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	<-sleeping
	cancel()
	wg.Wait()
	// The server is closed only by the test's cleanup: the latency must
	// end because the client went away, not because the server closed.
	select {
	case why := <-woke:
		if why != "request done" {
			t.Errorf("the injected latency ended by %q, want %q", why, "request done")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the injected latency outlived the request the client cancelled")
	}
}

// hookSleeping returns a channel that receives once per request entering
// injected latency.
func (s *Server) hookSleeping() <-chan struct{} {
	ch := make(chan struct{}, 16)
	s.mu.Lock()
	s.sleepHook = func() { ch <- struct{}{} }
	s.mu.Unlock()
	return ch
}
