package otelprivatelink_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/otelprivatelink"
)

type harness struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	obs    privatelink.Observer
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	h.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(h.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(h.reader))
	obs, err := otelprivatelink.NewObserver(otelprivatelink.WithTracerProvider(h.tp), otelprivatelink.WithMeterProvider(mp))
	require.NoError(t, err)
	h.obs = obs
	return h
}

func attrs(kvs []attribute.KeyValue) map[string]any {
	m := make(map[string]any, len(kvs))
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

// metrics collects the sums and histogram counts, keyed by instrument name
// and the sorted attributes.
func (h *harness) metrics(t *testing.T) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(t, h.reader.Collect(context.Background(), &rm))
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		assert.Equal(t, otelprivatelink.ScopeName, sm.Scope.Name)
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					out[m.Name+" "+p.Attributes.Encoded(attribute.DefaultEncoder())] += p.Value
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[m.Name+" "+p.Attributes.Encoded(attribute.DefaultEncoder())] += int64(p.Count)
				}
			default:
				t.Fatalf("%s: unexpected data %T", m.Name, m.Data)
			}
		}
	}
	return out
}

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestCallSpanWithAttemptEvents(t *testing.T) {
	h := newHarness(t)
	start := privatelink.CallStartEvent{Action: "CreateVpcEndpoint", RegionID: "cn-hangzhou", ClientToken: "tok-123", Start: t0}
	ctx := h.obs.CallStart(context.Background(), start)
	h.obs.Attempt(ctx, privatelink.AttemptEvent{
		Action: "CreateVpcEndpoint", Attempt: 1, StatusCode: 400, ErrorCode: "Throttling.User",
		RequestID: "REQ-1", Throttled: true, Retry: true, Latency: 30 * time.Millisecond,
	})
	h.obs.Attempt(ctx, privatelink.AttemptEvent{
		Action: "CreateVpcEndpoint", Attempt: 2, StatusCode: 200, RequestID: "REQ-2",
		Waited: 400 * time.Millisecond, Latency: 20 * time.Millisecond,
	})
	h.obs.CallEnd(ctx, privatelink.CallEvent{
		Action: "CreateVpcEndpoint", RegionID: "cn-hangzhou", ClientToken: "tok-123", Start: t0,
		Attempts: 2, StatusCode: 200, RequestID: "REQ-2", Latency: 450 * time.Millisecond,
	})

	ended := h.spans.Ended()
	require.Len(t, ended, 1)
	s := ended[0]
	assert.Equal(t, "PrivateLink/CreateVpcEndpoint", s.Name())
	assert.Equal(t, trace.SpanKindClient, s.SpanKind())
	assert.Equal(t, t0, s.StartTime())
	assert.Equal(t, 450*time.Millisecond, s.EndTime().Sub(s.StartTime()))
	assert.Equal(t, codes.Unset, s.Status().Code)
	assert.Equal(t, map[string]any{
		"rpc.system.name":           "alibaba_cloud",
		"rpc.method":                "PrivateLink/CreateVpcEndpoint",
		"cloud.provider":            "alibaba_cloud",
		"cloud.region":              "cn-hangzhou",
		"privatelink.client_token":  "tok-123",
		"privatelink.attempts":      int64(2),
		"privatelink.outcome":       "ok",
		"privatelink.throttled":     false,
		"http.response.status_code": int64(200),
		"alibaba_cloud.request_id":  "REQ-2",
	}, attrs(s.Attributes()))

	events := s.Events()
	require.Len(t, events, 2)
	for _, ev := range events {
		assert.Equal(t, otelprivatelink.AttemptEventName, ev.Name)
	}
	assert.Equal(t, map[string]any{
		"privatelink.attempt":         int64(1),
		"privatelink.outcome":         "throttled",
		"privatelink.throttled":       true,
		"privatelink.retry":           true,
		"privatelink.waited_seconds":  0.0,
		"privatelink.latency_seconds": 0.03,
		"http.response.status_code":   int64(400),
		"rpc.response.status_code":    "Throttling.User",
		"alibaba_cloud.request_id":    "REQ-1",
	}, attrs(events[0].Attributes))
	second := attrs(events[1].Attributes)
	assert.Equal(t, int64(2), second["privatelink.attempt"])
	assert.Equal(t, "ok", second["privatelink.outcome"])
	assert.Equal(t, 0.4, second["privatelink.waited_seconds"])
	assert.NotContains(t, second, "rpc.response.status_code")
}

func TestFailedCallSpan(t *testing.T) {
	h := newHarness(t)
	err := &privatelink.APIError{StatusCode: 404, Code: "EndpointNotFound", Message: "gone", RequestID: "REQ-9", Action: "DeleteVpcEndpoint", Attempts: 1}
	ctx := h.obs.CallStart(context.Background(), privatelink.CallStartEvent{Action: "DeleteVpcEndpoint", RegionID: "cn-beijing", Start: t0})
	h.obs.CallEnd(ctx, privatelink.CallEvent{
		Action: "DeleteVpcEndpoint", RegionID: "cn-beijing", Start: t0, Attempts: 1, StatusCode: 404,
		ErrorCode: "EndpointNotFound", RequestID: "REQ-9", Latency: time.Millisecond, Err: err,
	})
	s := h.spans.Ended()[0]
	assert.Equal(t, codes.Error, s.Status().Code)
	assert.Equal(t, err.Error(), s.Status().Description)
	a := attrs(s.Attributes())
	assert.Equal(t, "EndpointNotFound", a["rpc.response.status_code"])
	assert.Equal(t, "EndpointNotFound", a["error.type"])
	assert.Equal(t, "service_error", a["privatelink.outcome"])
	assert.NotContains(t, a, "privatelink.client_token")
}

func TestCallEndWithoutStartEndsNow(t *testing.T) {
	h := newHarness(t)
	before := time.Now()
	ctx := h.obs.CallStart(context.Background(), privatelink.CallStartEvent{Action: "ListVpcEndpoints"})
	h.obs.CallEnd(ctx, privatelink.CallEvent{Action: "ListVpcEndpoints", Latency: time.Hour})
	s := h.spans.Ended()[0]
	assert.False(t, s.EndTime().Before(s.StartTime()))
	assert.False(t, s.StartTime().Before(before))
}

func TestMetricsByActionAndOutcome(t *testing.T) {
	h := newHarness(t)
	call := func(action string, ev privatelink.CallEvent, attempts ...privatelink.AttemptEvent) {
		ctx := h.obs.CallStart(context.Background(), privatelink.CallStartEvent{Action: action, RegionID: "cn-hangzhou", Start: t0})
		for _, a := range attempts {
			a.Action = action
			h.obs.Attempt(ctx, a)
		}
		ev.Action, ev.Start = action, t0
		h.obs.CallEnd(ctx, ev)
	}
	throttle := privatelink.AttemptEvent{StatusCode: 400, ErrorCode: "Throttling.User", Throttled: true, Retry: true}
	ok := privatelink.AttemptEvent{StatusCode: 200}
	call("ListVpcEndpoints", privatelink.CallEvent{Attempts: 2, StatusCode: 200, Latency: time.Second}, throttle, ok)
	call("ListVpcEndpoints", privatelink.CallEvent{Attempts: 1, StatusCode: 200, Latency: time.Second}, ok)
	call("CreateVpcEndpoint", privatelink.CallEvent{
		Attempts: 1, StatusCode: 400, ErrorCode: "Throttling.User", Throttled: true,
		Err: errors.New("Throttling.User"), Latency: time.Second,
	}, throttle)
	call("CreateVpcEndpoint", privatelink.CallEvent{Err: context.DeadlineExceeded})

	got := h.metrics(t)
	list, create := "rpc.method=PrivateLink/ListVpcEndpoints", "rpc.method=PrivateLink/CreateVpcEndpoint"
	want := map[string]int64{
		"privatelink.client.calls privatelink.outcome=ok," + list:                                                                        2,
		"privatelink.client.calls privatelink.outcome=throttled," + create:                                                               1,
		"privatelink.client.calls privatelink.outcome=timeout," + create:                                                                 1,
		"privatelink.client.attempts privatelink.outcome=ok," + list:                                                                     2,
		"privatelink.client.attempts privatelink.outcome=throttled," + list:                                                              1,
		"privatelink.client.attempts privatelink.outcome=throttled," + create:                                                            1,
		"privatelink.client.throttles " + list:                                                                                           1,
		"privatelink.client.throttles " + create:                                                                                         1,
		"rpc.client.call.duration privatelink.outcome=ok," + list + ",rpc.system.name=alibaba_cloud":                                     2,
		"rpc.client.call.duration error.type=Throttling.User,privatelink.outcome=throttled," + create + ",rpc.system.name=alibaba_cloud": 1,
		"rpc.client.call.duration error.type=timeout,privatelink.outcome=timeout," + create + ",rpc.system.name=alibaba_cloud":           1,
	}
	assert.Equal(t, want, got)
}

func TestPollEventOnTheWaitingSpan(t *testing.T) {
	h := newHarness(t)
	ctx, parent := h.tp.Tracer("test").Start(context.Background(), "create-and-wait")
	h.obs.Poll(ctx, privatelink.PollEvent{
		EndpointID: "ep-123", Attempt: 3, Elapsed: 10 * time.Second,
		Status: privatelink.EndpointStatusCreating, ConnectionStatus: privatelink.ConnectionStatusDisconnected, RequestID: "REQ-3",
	})
	h.obs.Poll(context.Background(), privatelink.PollEvent{EndpointID: "ep-123", Attempt: 4, Status: privatelink.EndpointStatusActive})
	parent.End()
	s := h.spans.Ended()[0]
	require.Len(t, s.Events(), 1)
	assert.Equal(t, otelprivatelink.PollEventName, s.Events()[0].Name)
	assert.Equal(t, map[string]any{
		"privatelink.endpoint.id":                "ep-123",
		"privatelink.attempt":                    int64(3),
		"privatelink.outcome":                    "ok",
		"privatelink.elapsed_seconds":            10.0,
		"privatelink.endpoint.status":            "Creating",
		"privatelink.endpoint.connection_status": "Disconnected",
		"alibaba_cloud.request_id":               "REQ-3",
	}, attrs(s.Events()[0].Attributes))
	// A poll without a span to attach to still counts.
	got := h.metrics(t)
	assert.Equal(t, int64(1), got["privatelink.waiter.polls privatelink.endpoint.status=Creating,privatelink.outcome=ok"])
	assert.Equal(t, int64(1), got["privatelink.waiter.polls privatelink.endpoint.status=Active,privatelink.outcome=ok"])
}

// TestNoSecretThroughARealClient drives a Client with STS credentials
// against a fake service that echoes the token in its error, and checks
// that no span, event, status or metric attribute carries the secret or the
// token.
func TestNoSecretThroughARealClient(t *testing.T) {
	const (
		secret = "the-access-key-secret-0001"
		token  = "CAIS-security-token-0002"
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"RequestId":"REQ-S","Code":"SignatureDoesNotMatch","Message":"string to sign: SecurityToken=%s&x=%s"}`, token, r.Header.Get("x-acs-security-token"))
	}))
	defer srv.Close()
	h := newHarness(t)
	c, err := privatelink.NewClient("cn-hangzhou",
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials("LTAI-test-key", secret, token),
		privatelink.WithRetry(1, 0, 0),
		privatelink.WithObserver(h.obs))
	require.NoError(t, err)
	_, err = c.GetVpcEndpointAttribute(context.Background(), &privatelink.GetVpcEndpointAttributeRequest{EndpointID: "ep-1"})
	require.Error(t, err)

	var dump strings.Builder
	for _, s := range h.spans.Ended() {
		fmt.Fprintf(&dump, "%s %v %v\n", s.Name(), s.Attributes(), s.Status())
		for _, ev := range s.Events() {
			fmt.Fprintf(&dump, "%s %v\n", ev.Name, ev.Attributes)
		}
	}
	for name := range h.metrics(t) {
		dump.WriteString(name + "\n")
	}
	out := dump.String()
	require.Contains(t, out, "SignatureDoesNotMatch")
	require.Contains(t, out, "REQ-S")
	for _, s := range []string{secret, token} {
		assert.NotContains(t, out, s)
	}
}
