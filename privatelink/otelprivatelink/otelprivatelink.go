// Package otelprivatelink reports the calls of a privatelink.Client to
// OpenTelemetry: one client span per logical call with an event per HTTP
// attempt, an event per waiter poll on the waiting caller's span, and
// metrics of calls, attempts, throttles and call latency by action and
// outcome. It lives in its own module so that the SDK itself takes no
// OpenTelemetry dependency.
//
//	obs, err := otelprivatelink.NewObserver() // global providers
//	...
//	client, err := privatelink.NewClient("cn-hangzhou", privatelink.WithObserver(obs))
//
// Attribute names follow the OpenTelemetry semantic conventions for RPC and
// cloud (v1.43.0): rpc.system.name, rpc.method ("PrivateLink/<Action>"),
// rpc.response.status_code (the service error code), error.type,
// http.response.status_code, cloud.provider ("alibaba_cloud") and
// cloud.region. The conventions define no rpc.system.name for Alibaba
// Cloud's RPC-style OpenAPI; "alibaba_cloud" mirrors cloud.provider, as
// the AWS instrumentation uses "aws-api". Names the conventions do not
// cover are prefixed: alibaba_cloud.request_id (as aws.request_id) and
// privatelink.*. Nothing secret is recorded: the events the SDK hands over
// carry no credentials, and error texts are the SDK's redacted ones.
package otelprivatelink

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/privatelink-go/sdk/privatelink"
)

// ScopeName is the instrumentation scope of the tracer and meter.
const ScopeName = "github.com/privatelink-go/sdk/privatelink/otelprivatelink"

// Service is the service part of rpc.method and of span names.
const Service = "PrivateLink"

// Attribute keys that the semantic conventions do not define.
const (
	RequestIDKey   = attribute.Key("alibaba_cloud.request_id")
	ClientTokenKey = attribute.Key("privatelink.client_token")
	AttemptKey     = attribute.Key("privatelink.attempt")
	AttemptsKey    = attribute.Key("privatelink.attempts")
	ThrottledKey   = attribute.Key("privatelink.throttled")
	RetryKey       = attribute.Key("privatelink.retry")
	WaitedKey      = attribute.Key("privatelink.waited_seconds")
	LatencyKey     = attribute.Key("privatelink.latency_seconds")
	OutcomeKey     = attribute.Key("privatelink.outcome")
	EndpointIDKey  = attribute.Key("privatelink.endpoint.id")
	StatusKey      = attribute.Key("privatelink.endpoint.status")
	ConnectionKey  = attribute.Key("privatelink.endpoint.connection_status")
)

// Outcomes, the values of OutcomeKey: low-cardinality, for metrics.
const (
	OutcomeOK             = "ok"
	OutcomeThrottled      = "throttled"
	OutcomeServiceError   = "service_error"
	OutcomeTimeout        = "timeout"
	OutcomeCanceled       = "canceled"
	OutcomeHTTPError      = "http_error"
	OutcomeTransportError = "transport_error"
)

// Event names on the call span and the waiting caller's span.
const (
	AttemptEventName = "privatelink.attempt"
	PollEventName    = "privatelink.wait.poll"
)

// rpcSystem is rpc.system.name for Alibaba Cloud OpenAPI.
var rpcSystem = semconv.RPCSystemNameKey.String("alibaba_cloud")

// Option configures NewObserver. Make one with WithTracerProvider or
// WithMeterProvider; the zero Option changes nothing.
type Option struct{ apply func(*config) }

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider records spans with tp instead of the global provider.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return Option{apply: func(c *config) { c.tp = tp }}
}

// WithMeterProvider records metrics with mp instead of the global provider.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return Option{apply: func(c *config) { c.mp = mp }}
}

type observer struct {
	tracer   trace.Tracer
	calls    metric.Int64Counter
	attempts metric.Int64Counter
	throttle metric.Int64Counter
	polls    metric.Int64Counter
	duration metric.Float64Histogram
}

// NewObserver returns a privatelink.Observer that records to OpenTelemetry,
// for privatelink.WithObserver. Its error comes from creating the metric
// instruments.
func NewObserver(opts ...Option) (privatelink.Observer, error) {
	cfg := config{}
	for _, opt := range opts {
		if opt.apply != nil {
			opt.apply(&cfg)
		}
	}
	if cfg.tp == nil {
		cfg.tp = otel.GetTracerProvider()
	}
	if cfg.mp == nil {
		cfg.mp = otel.GetMeterProvider()
	}
	meter := cfg.mp.Meter(ScopeName)
	o := &observer{tracer: cfg.tp.Tracer(ScopeName)}
	var err, e error
	o.calls, e = meter.Int64Counter("privatelink.client.calls", metric.WithUnit("{call}"),
		metric.WithDescription("Logical API calls, by action and outcome."))
	err = errors.Join(err, e)
	o.attempts, e = meter.Int64Counter("privatelink.client.attempts", metric.WithUnit("{attempt}"),
		metric.WithDescription("HTTP attempts, first and retried, by action and outcome."))
	err = errors.Join(err, e)
	o.throttle, e = meter.Int64Counter("privatelink.client.throttles", metric.WithUnit("{attempt}"),
		metric.WithDescription("Attempts the API quota refused (Throttling*, HTTP 429), by action."))
	err = errors.Join(err, e)
	o.polls, e = meter.Int64Counter("privatelink.waiter.polls", metric.WithUnit("{poll}"),
		metric.WithDescription("Waiter polls, by the endpoint status seen and outcome."))
	err = errors.Join(err, e)
	o.duration, e = meter.Float64Histogram("rpc.client.call.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of logical API calls, retries and waits included."),
		metric.WithExplicitBucketBoundaries(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60))
	err = errors.Join(err, e)
	if err != nil {
		return privatelink.Observer{}, err
	}
	return privatelink.Observer{
		CallStart: o.callStart,
		Attempt:   o.attempt,
		CallEnd:   o.callEnd,
		Poll:      o.poll,
	}, nil
}

func method(action string) string { return Service + "/" + action }

func (o *observer) callStart(ctx context.Context, ev privatelink.CallStartEvent) context.Context {
	attrs := []attribute.KeyValue{
		rpcSystem,
		semconv.RPCMethod(method(ev.Action)),
		semconv.CloudProviderAlibabaCloud,
		semconv.CloudRegion(ev.RegionID),
	}
	if ev.ClientToken != "" {
		attrs = append(attrs, ClientTokenKey.String(ev.ClientToken))
	}
	ctx, _ = o.tracer.Start(ctx, method(ev.Action),
		trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(ev.Start),
		trace.WithAttributes(attrs...))
	return ctx
}

func (o *observer) attempt(ctx context.Context, ev privatelink.AttemptEvent) {
	outcome := attemptOutcome(ev)
	set := metric.WithAttributes(semconv.RPCMethod(method(ev.Action)), OutcomeKey.String(outcome))
	o.attempts.Add(ctx, 1, set)
	if ev.Throttled {
		o.throttle.Add(ctx, 1, metric.WithAttributes(semconv.RPCMethod(method(ev.Action))))
	}
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	attrs := []attribute.KeyValue{
		AttemptKey.Int(ev.Attempt),
		OutcomeKey.String(outcome),
		ThrottledKey.Bool(ev.Throttled),
		RetryKey.Bool(ev.Retry),
		WaitedKey.Float64(ev.Waited.Seconds()),
		LatencyKey.Float64(ev.Latency.Seconds()),
	}
	if ev.StatusCode != 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(ev.StatusCode))
	}
	if ev.ErrorCode != "" {
		attrs = append(attrs, semconv.RPCResponseStatusCode(ev.ErrorCode))
	}
	if ev.RequestID != "" {
		attrs = append(attrs, RequestIDKey.String(ev.RequestID))
	}
	if ev.Err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(ev.ErrorCode, ev.StatusCode, ev.Err)))
	}
	span.AddEvent(AttemptEventName, trace.WithAttributes(attrs...))
}

func (o *observer) callEnd(ctx context.Context, ev privatelink.CallEvent) {
	outcome := callOutcome(ev)
	attrs := []attribute.KeyValue{rpcSystem, semconv.RPCMethod(method(ev.Action)), OutcomeKey.String(outcome)}
	if ev.Err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(ev.ErrorCode, ev.StatusCode, ev.Err)))
	}
	o.calls.Add(ctx, 1, metric.WithAttributes(semconv.RPCMethod(method(ev.Action)), OutcomeKey.String(outcome)))
	o.duration.Record(ctx, ev.Latency.Seconds(), metric.WithAttributes(attrs...))

	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	span.SetAttributes(AttemptsKey.Int(ev.Attempts), OutcomeKey.String(outcome), ThrottledKey.Bool(ev.Throttled))
	if ev.StatusCode != 0 {
		span.SetAttributes(semconv.HTTPResponseStatusCode(ev.StatusCode))
	}
	if ev.RequestID != "" {
		span.SetAttributes(RequestIDKey.String(ev.RequestID))
	}
	if ev.ErrorCode != "" {
		span.SetAttributes(semconv.RPCResponseStatusCode(ev.ErrorCode))
	}
	if ev.Err != nil {
		span.SetAttributes(semconv.ErrorTypeKey.String(errorType(ev.ErrorCode, ev.StatusCode, ev.Err)))
		// The SDK's error text names the action, code, message and
		// request ID, and is redacted before it reaches the caller.
		span.SetStatus(codes.Error, ev.Err.Error())
	}
	if ev.Start.IsZero() {
		span.End()
		return
	}
	span.End(trace.WithTimestamp(ev.Start.Add(ev.Latency)))
}

func (o *observer) poll(ctx context.Context, ev privatelink.PollEvent) {
	outcome := OutcomeOK
	code := privatelink.ErrorCode(ev.Err)
	if ev.Err != nil {
		outcome = errOutcome(code, 0, privatelink.IsThrottling(ev.Err), ev.Err)
	}
	o.polls.Add(ctx, 1, metric.WithAttributes(StatusKey.String(string(ev.Status)), OutcomeKey.String(outcome)))
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	attrs := []attribute.KeyValue{
		EndpointIDKey.String(ev.EndpointID),
		AttemptKey.Int(ev.Attempt),
		OutcomeKey.String(outcome),
		attribute.Float64("privatelink.elapsed_seconds", ev.Elapsed.Seconds()),
	}
	if ev.Status != "" {
		attrs = append(attrs, StatusKey.String(string(ev.Status)))
	}
	if ev.ConnectionStatus != "" {
		attrs = append(attrs, ConnectionKey.String(string(ev.ConnectionStatus)))
	}
	if ev.RequestID != "" {
		attrs = append(attrs, RequestIDKey.String(ev.RequestID))
	}
	if code != "" {
		attrs = append(attrs, semconv.RPCResponseStatusCode(code))
	}
	span.AddEvent(PollEventName, trace.WithAttributes(attrs...))
}

func attemptOutcome(ev privatelink.AttemptEvent) string {
	if ev.Err == nil && ev.ErrorCode == "" && !ev.Throttled && ev.StatusCode < 400 {
		return OutcomeOK
	}
	return errOutcome(ev.ErrorCode, ev.StatusCode, ev.Throttled, ev.Err)
}

func callOutcome(ev privatelink.CallEvent) string {
	if ev.Err == nil {
		return OutcomeOK
	}
	return errOutcome(ev.ErrorCode, ev.StatusCode, ev.Throttled, ev.Err)
}

// errOutcome classifies a failure. The context comes first: a call its
// deadline ended while it waited out a throttle timed out.
func errOutcome(code string, status int, throttled bool, err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return OutcomeTimeout
	case errors.Is(err, context.Canceled):
		return OutcomeCanceled
	case throttled:
		return OutcomeThrottled
	case code != "":
		return OutcomeServiceError
	case status >= 400:
		return OutcomeHTTPError
	}
	return OutcomeTransportError
}

// errorType is error.type: the service error code when there is one, else
// the outcome, both of low cardinality.
func errorType(code string, status int, err error) string {
	if code != "" {
		return code
	}
	return errOutcome("", status, false, err)
}
