// Package privatelink is a typed client for the Alibaba Cloud PrivateLink API
// (version 2020-04-15), all 39 operations: a consumer's VPC endpoints, a
// provider's endpoint services and their connections, tags, resource groups
// and regions, with waiters for the states they pass through.
//
// # Finding your way
//
// Most of the index below is one Request, Response and Builder type per
// operation. The rest, by what you came for:
//
//   - Client and options: [NewClient], [Client], [Option] and the With*
//     functions ([WithEndpoint], [WithRetry], [WithRateLimit],
//     [WithWaitOptions], ...). See "Client and options".
//   - Operations: one [Client] method per API action; see "Operations" for
//     the list by concern, and [Client.Invoke] for an action newer than this
//     package.
//   - Waiters: the WaitUntil methods, [Client.CreateVpcEndpointAndWait],
//     the New...Waiter constructors ([Client.NewVpcEndpointWaiter], ...),
//     [WaitOption] and the Wait* functions, [WaitError]. See "Waiters".
//   - Iterators: the All* methods over paged lists. See "Iterators".
//   - Enums: named string types with constants, open to values newer
//     than this package. See "Enums".
//   - Errors: [ValidationError], [APIError], [RequestError], [WaitError],
//     [CredentialsError], the predicates ([IsNotFound], [IsThrottling],
//     [IsRetryable], [IsAuthError], [ErrorCode], [ClientTokenFromError]) and
//     the ErrCode constants. See "Errors".
//   - Testing: package privatelinktest, an emulator of the service. See
//     "Testing".
//
// Guides with the longer stories (which waiter when, retry rules, RAM
// policies, observability, the emulator) are under docs/ in the repository,
// linked from its README.
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
//	ep, err := client.CreateVpcEndpointAndWait(ctx, req, privatelink.WaitConnected())
//
// # Client and options
//
// A Client calls one region. It is safe for concurrent use and cheap to
// share: create one per region and reuse it. Options validate what they are
// given, and NewClient returns an error instead of a half-configured client.
// Client options are With* and return an [Option]; wait options are Wait*
// and return a [WaitOption]; a request builder New<Operation>(required...)
// has one setter With<Field> per optional field.
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
// # Operations
//
// Every operation is a method that takes ctx and a *<Operation>Request,
// written as a struct or built with New<Operation>(...).Build(), and returns
// a *<Operation>Response. A request is validated before anything is sent. An
// operation whose request has no required field takes a nil request.
//
//   - Endpoints: CreateVpcEndpoint, GetVpcEndpointAttribute,
//     ListVpcEndpoints, UpdateVpcEndpointAttribute, DeleteVpcEndpoint.
//   - Endpoint zones and security groups: ListVpcEndpointZones,
//     AddZoneToVpcEndpoint, RemoveZoneFromVpcEndpoint,
//     AttachSecurityGroupToVpcEndpoint, DetachSecurityGroupFromVpcEndpoint,
//     ListVpcEndpointSecurityGroups.
//   - Endpoint services (provider): CreateVpcEndpointService,
//     GetVpcEndpointServiceAttribute, ListVpcEndpointServices,
//     UpdateVpcEndpointServiceAttribute, DeleteVpcEndpointService,
//     ListVpcEndpointServicesByEndUser (consumer: the services it may use).
//   - Service allow-list and resources (provider):
//     AddUserToVpcEndpointService, RemoveUserFromVpcEndpointService,
//     ListVpcEndpointServiceUsers, AttachResourceToVpcEndpointService,
//     DetachResourceFromVpcEndpointService, ListVpcEndpointServiceResources,
//     UpdateVpcEndpointServiceResourceAttribute.
//   - Connections (provider): ListVpcEndpointConnections,
//     EnableVpcEndpointConnection, DisableVpcEndpointConnection,
//     UpdateVpcEndpointConnectionAttribute, EnableVpcEndpointZoneConnection,
//     DisableVpcEndpointZoneConnection,
//     UpdateVpcEndpointZoneConnectionResourceAttribute.
//   - Tags, resource groups, regions and the account: TagResources,
//     UntagResources, ListTagResources, ChangeResourceGroup, DescribeRegions,
//     DescribeZones, CheckProductOpen, OpenPrivateLinkService.
//   - Anything else: [Client.Invoke] with a [RawRequest].
//
// The tag APIs spell resource types in lower case (TagResourceTypeVpcEndpoint
// is "vpcendpoint") and ChangeResourceGroup in camel case
// (ResourceGroupResourceTypeVpcEndpoint is "VpcEndpoint"); they are distinct
// Go types. Account IDs (UserID, EndpointOwnerID) are int64 end to end.
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
// A logical call is one method call, or one built request: Build fixes a
// token in the request it returns, so sending that request twice is one
// operation. A plain request struct without a ClientToken is a new operation
// on every call: the generated token is reported, not written into the
// caller's struct, which goroutines may share as a template. Set ClientToken
// (NewClientToken) to make a re-send of a struct the same operation.
//
// # Waiters
//
// CreateVpcEndpoint returns while the endpoint is still Creating. The
// waiters poll until a resource reaches a target, on a schedule that starts
// promptly and backs off as the wait grows (see DefaultWaitMinDelay),
// tolerate transient errors, and fail with a *WaitError that names the
// function called, what it waited for, the last observed state and the last
// request ID. Every wait is bounded by DefaultWaitTimeout unless WaitTimeout
// says otherwise. A wait needs only the resource's ID, so another process
// can resume it.
//
//   - An endpoint, for the consumer: [Client.CreateVpcEndpointAndWait],
//     [Client.WaitUntilVpcEndpointActive], [Client.WaitUntilVpcEndpointDeleted],
//     and [Client.NewVpcEndpointWaiter] to poll step by step. Active is not
//     usable while a manual-accept service's connection is Pending: pass
//     [WaitConnected] to wait for Active and Connected, which fails with
//     [ErrConnectionPending] after [WaitPendingGrace] and with
//     [ErrConnectionRejected] after [WaitDisconnectedGrace].
//     [Client.WaitUntilVpcEndpointDisconnected] waits for the endpoint's
//     connection to go down, after the provider disabled it.
//   - An endpoint service: [Client.WaitUntilVpcEndpointServiceActive],
//     [Client.WaitUntilVpcEndpointServiceDeleted],
//     [Client.DeleteVpcEndpointServiceAndWait] (which retries the one code a
//     service answers while its connections go away,
//     EndpointServiceConnectionDependence, within a budget the caller gives),
//     and [Client.NewVpcEndpointServiceWaiter].
//   - A connection, for the provider:
//     [Client.WaitUntilVpcEndpointConnectionStatus] and
//     [Client.NewVpcEndpointConnectionWaiter]; one zone of it, for failover:
//     [Client.WaitUntilVpcEndpointZoneConnectionStatus] and
//     [Client.NewVpcEndpointZoneConnectionWaiter].
//
// [WithWaitOptions] sets wait options for every wait of a client.
//
// # Iterators
//
// Each paged list has an All* method (AllVpcEndpoints,
// AllVpcEndpointConnections, AllVpcEndpointServices, AllTagResources, ...)
// that returns an iter.Seq2 over the items of every page, following
// NextToken; it stops at the first error and fetches no further page once
// the loop body breaks. A service that hands out a NextToken already
// followed, or 50 empty pages in a row, ends it with an error matching
// errors.Is(err, ErrPaginationStuck).
//
// # Errors
//
// Invalid requests fail before any network traffic with a *ValidationError
// that lists every problem with its field path. Service errors are *APIError
// (HTTP status, Code, Message, RequestID, HostID), inspected with errors.As or
// the predicates IsNotFound, IsThrottling, IsRetryable and IsAuthError; the
// ErrCode constants name every documented code. A passing dry run is
// errors.Is(err, ErrDryRunPassed). Answers that are not service responses (a
// proxy's HTML page, a truncated body, one whose lists would take more
// than 8 bytes of memory per byte of answer) and transport failures are
// *RequestError. A failed wait is a *WaitError. Decoded strings are valid
// UTF-8 without control characters but tab, newline and carriage return
// (others become U+FFFD); a key the service sends twice keeps its last
// value (a list is the last list); a timestamp in neither RFC 3339 nor its
// minute form (2021-09-24T18:00Z) decodes as the zero time, as each time
// field says, rather than failing the whole answer.
//
// The service's messages rarely name what they are about, so an *APIError
// also carries the request values its code refers to (RequestValues: the
// endpoint, VPC, vSwitch or service ID, the region) and, for the common
// codes, a one-line Hint (who must act, what to check, which RAM action a
// policy lacks), kept apart from the service's Code and Message; its Error
// shows both, and "after N attempts" when the call was retried.
//
// The client follows no redirect, whatever http.Client it is given: the API
// never redirects, and a redirect would carry the security token (the V3
// header) or the signed query (V1, in the Referer) to another host. A 3xx is
// a *RequestError that names the status and the Location's host and is not
// retried. Errors never carry an access key secret, a signature or a
// security token; text from elsewhere (a proxy's page, a credentials
// provider's error) is redacted before it is cut, and a provider's answer
// body is withheld.
//
// # Enums
//
// Enum fields have named string types with a constant per documented value
// (ServiceResourceTypeGWLB, ServiceTypeGatewayLoadBalancer, ...). They are
// open: a value the SDK does not know is sent as given and decoded as
// given, and IsKnown tells whether a value is one of the constants.
// Validate refuses an enum value only when it is blank, never because it is
// unknown: the service adds values between releases of this SDK (Gateway
// Load Balancer arrived in 2025-26), and an SDK must not refuse them until
// its next release. aws-sdk-go-v2 leaves its enums open for the same
// reason. Case variants of a known value are sent as given too, since
// nothing shows the service refusing one. What was observed is one
// parameter: the tag operations accept ResourceType "VpcEndpoint", which
// Terraform sends where the documentation says "vpcendpoint"; for the
// others there is no evidence either way (package privatelinktest records
// it for each of its checks). A case variant in a list filter may get an
// empty page from the service rather than an error, so prefer the
// constants. Code that switches on an enum should have a default case.
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
// ends. A write without a ClientToken (OpenPrivateLinkService,
// ChangeResourceGroup, Invoke without Idempotent) is retried only when the
// failed attempt provably never reached the service or the service refused
// it. Throttles (Throttling, Throttling.User, Throttling.Api, HTTP 429)
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
// start of its first requests: at most 4 in flight, one more per answer,
// for at most a second) until an answer says that this client's own rate is
// over the quota (Throttling.User, or a refusal whose x-ratelimit-user-api or x-ratelimit-user header says
// Remain:0), then paced near the quota, per action, for all goroutines
// sharing the client. Throttling.Api, Throttling, a bare HTTP 429,
// ServiceUnavailable and the busy codes are retried but never slow the
// client down, since they are not about its rate. Throttled calls are
// retried for WithThrottleRetry's budget, so a job over its quota slows down
// instead of failing. WithRateLimit adds a hard ceiling;
// WithAdaptiveRateLimit(false) turns pacing off. docs/quotas.md says what
// the default does in full, with measurements, and when to change it.
//
// # Observability and logging
//
// WithObserver reports every call, attempt and waiter poll, for tracing and
// metrics; the otelprivatelink module turns them into OpenTelemetry.
// WithLogger logs every attempt with log/slog: action, attempt, HTTP status,
// request ID, latency and ClientToken; waiter polls at Debug level. Access
// key secrets, signatures and security tokens are never logged.
//
// # Testing
//
// Package privatelinktest is an in-process emulator of the service, both
// accounts included: start it in a test with privatelinktest.NewServer, and
// its Client and ProviderClient methods return clients pointed at it with
// its credentials. On a privatelinktest.FakeClock, those clients' waits
// sleep on the emulator's clock, so a wait for a creation of minutes ends at
// once. Exercise creation, waiting, errors and injected faults without a
// cloud account.
package privatelink
