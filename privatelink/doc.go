// Package privatelink is a typed client for the Alibaba Cloud PrivateLink API
// (version 2020-04-15), all 39 operations: a consumer's VPC endpoints, a
// provider's endpoint services and their connections, tags, resource groups
// and regions, with waiters for the states they pass through.
//
// # Getting started
//
//	client, err := privatelink.NewClient("cn-hangzhou")
//	if err != nil { ... }
//	req, err := privatelink.NewCreateVpcEndpoint("vpc-...").
//		WithServiceID("epsrv-...").
//		WithZone("cn-hangzhou-h", "vsw-...").
//		WithSecurityGroupIDs("sg-...").
//		Build()
//	if err != nil { ... } // every problem with the request, listed
//	ep, err := client.CreateVpcEndpointAndWait(ctx, req)
//
// A Client is safe for concurrent use and cheap to share: create one per
// region and reuse it.
//
// # Authentication
//
// Without a credentials option, NewClient uses the default chain of
// github.com/aliyun/credentials-go, resolved on the first call and asked before
// every call, so rotating STS credentials keep working: the environment
// (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and optional
// ALIBABA_CLOUD_SECURITY_TOKEN), OIDC/RRSA in Kubernetes, the Alibaba Cloud CLI
// profile, the credentials file, the ECS instance RAM role and a credentials
// URI. When none yields credentials, calls fail with a *CredentialsError that
// names every source tried. WithStaticCredentials and WithCredential replace
// the chain.
//
// Requests are signed with ACS3-HMAC-SHA256 (V3) by default, or HMAC-SHA1
// (V1) with WithSignatureVersion(SignatureV1); both are byte-compatible with
// Alibaba Cloud's own signers. STS security tokens travel in the
// x-acs-security-token header (V3) or the SecurityToken parameter (V1).
//
// # Idempotency
//
// Every mutating call carries a ClientToken. When the request leaves it empty,
// the client generates a random UUIDv4 once per logical call and sends the
// same token on every retry, so a retried create never makes a second
// endpoint. The token is returned in the response and in every error returned
// after the request may have reached the service (see ClientTokenFromError):
// persist it before you act on the result, and a restarted process can repeat
// the call with it to get the same endpoint back.
//
// # Retries and rate limits
//
// Each call makes up to DefaultMaxAttempts attempts, each signed afresh with a
// new nonce and timestamp. It retries transport errors (not TLS or context
// errors), HTTP 5xx except 501, 429, and the codes Throttling,
// Throttling.User, Throttling.Api, ServiceUnavailable, InternalError,
// EndpointLocked, ConcurrentCallNotSupported, EndpointOperationDenied,
// EndpointConnectionOperationDenied, EndpointServiceLocked and
// EndpointServiceOperationDenied (also inside an HTTP 200 answer); never
// validation or other 4xx errors, nor a host that does not resolve. The busy
// codes (EndpointLocked and the others after it) keep being retried past the
// attempts until the WithBusyRetry budget (DefaultBusyRetry) or the context
// ends; throttles (Throttling, Throttling.User, Throttling.Api, HTTP 429)
// likewise until the WithThrottleRetry budget (DefaultThrottleRetry, 2
// minutes). Waits are capped exponential backoff with full jitter, or the
// server's Retry-After / x-ratelimit-user-api hint (capped at a minute) when
// present (after a throttle, the longer of the two), and end at once when
// the context is done. WithRetry changes the policy; WithTimeouts sets the
// connect (5 s) and per-attempt (10 s) timeouts. The context deadline always
// wins.
//
// # API quotas
//
// A default client is safe for bulk work under the account's API quotas.
// Adaptive pacing is on: each action is sent at full speed (after a slow
// start of its first requests: at most 4 in flight, one more per answer, for
// at most a second) until an answer
// says that this client's own rate is over the quota (Throttling.User, or a
// refusal whose x-ratelimit-user-api or x-ratelimit-user header says
// Remain:0), then paced near the quota, per action, for all goroutines
// sharing the client. Throttling.Api, Throttling, a bare HTTP 429,
// ServiceUnavailable and the busy codes are retried but never slow the
// client down, since they are not about its rate. Throttled calls are
// retried for WithThrottleRetry's budget, so a job over its quota slows down
// instead of failing. WithRateLimit adds a hard ceiling;
// WithAdaptiveRateLimit(false) turns pacing off. docs/quotas.md says what
// the default does in full, with measurements, and when to change it.
//
// WithObserver reports every call, attempt and waiter poll, for tracing and
// metrics; the otelprivatelink module turns them into OpenTelemetry.
//
// # Waiting
//
// CreateVpcEndpoint returns while the endpoint is still Creating.
// WaitUntilVpcEndpointActive, WaitUntilVpcEndpointDeleted and
// CreateVpcEndpointAndWait poll GetVpcEndpointAttribute on a schedule that
// starts promptly and backs off as the wait grows (see WaitOption), tolerate
// transient errors, and fail with a *WaitError carrying the last observed
// status, the endpoint ID and the last request ID. A wait needs only the
// endpoint ID, so another process can resume it.
//
// The service provider's side has waiters on the same schedule, options and
// *WaitError: WaitUntilVpcEndpointServiceActive and
// WaitUntilVpcEndpointServiceDeleted for an endpoint service,
// WaitUntilVpcEndpointConnectionStatus (the provider's view) and
// WaitUntilVpcEndpointConnectionStatusFromEndpoint (the consumer's) for a
// connection, where a rejected connection fails with ErrConnectionRejected,
// and WaitUntilVpcEndpointZoneConnectionStatus for zone failover.
// DeleteVpcEndpointServiceAndWait retries the one code a service answers
// while its connections go away, EndpointServiceConnectionDependence,
// within a budget the caller gives.
//
// # Errors
//
// Invalid requests fail before any network traffic with a *ValidationError
// that lists every problem with its field path. Service errors are *APIError
// (HTTP status, Code, Message, RequestID, HostID), inspected with errors.As or
// the predicates IsNotFound, IsThrottling, IsRetryable and IsAuthError; the
// ErrCode constants name every documented code. A passing dry run is
// errors.Is(err, ErrDryRunPassed). Answers that are not service responses (a
// proxy's HTML page, a truncated body) and transport failures are
// *RequestError.
//
// The client follows no redirect, whatever http.Client it is given: the API
// never redirects, and a redirect would carry the security token or the
// signed query to another host. A 3xx is a *RequestError that names the
// status and the Location's host and is not retried. Errors never carry an
// access key secret, a signature or a security token; text from elsewhere
// (a proxy's page, a credentials provider's error) is redacted before it is
// cut, and a provider's answer body is withheld.
//
// # Logging
//
// WithLogger logs every attempt with log/slog: action, attempt, HTTP status,
// request ID, latency and ClientToken. Access key secrets, signatures and
// security tokens are never logged.
//
// # Testing
//
// Package privatelinktest is an in-process emulator of the service: start it
// in a test, point the client at it with WithEndpoint and its credentials, and
// exercise creation, waiting, errors and injected faults without a cloud
// account.
package privatelink
