// Package privatelinktest is an in-process emulator of the Alibaba Cloud
// PrivateLink API (version 2020-04-15), for testing code that manages VPC
// endpoints without a cloud account. It speaks the wire protocol, so any
// client can be pointed at it: this module's SDK, Alibaba Cloud's own SDKs,
// or raw signed HTTP requests.
//
// # Starting a server
//
// NewServer starts the emulator on a loopback address, like httptest:
//
//	srv := privatelinktest.NewServer()
//	defer srv.Close()
//	client := srv.Client() // pointed at srv.URL, signing as AccessKeyID
//
// Client, like httptest.Server.Client, returns a privatelink client for
// RegionID that already has the emulator's endpoint and credentials; any
// privatelink.Option given to it applies after those.
//
// Every server starts with the same world, named by the package constants:
// region RegionID with zones ZoneA and ZoneB, the VPC VpcID with vSwitches
// VSwitchA (dual-stack) and VSwitchB, the security group SecurityGroupID,
// the automatically accepting dual-stack service ServiceID and the manual
// service ManualServiceID. Options add accounts, STS credentials, VPCs,
// vSwitches, security groups, services and quotas.
//
// # Authentication
//
// Requests must be signed with V1 (HMAC-SHA1, Signature parameter) or V3
// (ACS3-HMAC-SHA256, Authorization header), as Alibaba Cloud's gateway
// requires, and are refused with the gateway's codes: an unknown key
// (InvalidAccessKeyId.NotFound, 404), a wrong signature
// (SignatureDoesNotMatch, with the server's string to sign in the
// message), a malformed one (IncompleteSignature), a reused nonce
// (SignatureNonceUsed), a timestamp more than 15 minutes from the real
// wall clock (InvalidTimeStamp.Expired), or a missing or wrong STS token.
// Timestamps and nonces are always checked against real time, so a test's
// FakeClock never makes requests look expired.
//
// # Time and state
//
// Endpoints go through the service's states: Creating, Active, Pending
// while a zone or security group changes, Deleting, then gone. Nothing runs
// in the background: every state is derived from the Clock when it is
// read. The delays (WithCreationDelay, WithDeletionDelay, WithZoneDelay,
// WithSecurityGroupDelay) default to 0, which means a state advances on the
// next read: CreateVpcEndpoint answers Creating, and the next
// GetVpcEndpointAttribute sees Active. With WithClock(NewFakeClock(t)) a
// test moves through longer delays with FakeClock.Advance, never sleeping.
// The same FakeClock can be the SDK waiters' clock (privatelink.WaitClock):
// its After advances it, so a wait for a creation that takes minutes ends
// at once.
// WithVisibilityDelay reproduces the service's habit of answering
// EndpointNotFound for an endpoint it has only just created.
//
// Operations check what the service checks and answer its error codes:
// parameter validation (MissingParameter, InvalidParameter,
// IllegalParam.*), resources of the world (VpcNotFound, VSwitchNotFound,
// SecurityGroupNotFound, EndpointServiceNotFound, ...), quotas
// (QuotaExceeded.totalEpPerVpc, QuotaExceeded.epZonePerEndpoint), states
// (EndpointOperationDenied while Creating or Deleting, EndpointLocked while
// Pending), DryRun (DryRunOperation) and client tokens (the same token and
// parameters return the original answer; other parameters fail with
// IdempotentParameterMismatch). Client tokens are remembered for
// ClientTokenTTL of the Clock's time, and at most MaxClientTokens of them,
// so a server that runs for long does not grow without bound.
//
// # Faults
//
// SetFaults injects throttling, server errors, dropped connections and
// latency (on every answer, or on a share of them) per action, drawn from a
// source seeded by WithSeed, so that resilience tests are reproducible.
// Stats counts requests, successes, errors and injected faults per action.
//
// # Inspection
//
// Endpoint, Endpoints, EndpointByClientToken and EndpointCount show the
// server's state directly, so a test can check what a client did without
// going through the API.
//
// # Provider and billing
//
// Some states come from outside the consumer's API, and a test plays those
// parts: AcceptConnection and RejectConnection act as the service's
// provider on one connection (Connected, or Disconnected for good),
// DeleteService deletes a service under its endpoints (ServiceDeleted), and
// SetBusinessStatus acts as billing (FinancialLocked, Normal). With them a
// test drives a client's waiters into every state that ends a wait.
//
// # Limits
//
// The emulator serves the 11 endpoint operations (CreateVpcEndpoint,
// GetVpcEndpointAttribute, ListVpcEndpoints, UpdateVpcEndpointAttribute,
// DeleteVpcEndpoint, ListVpcEndpointZones, AddZoneToVpcEndpoint,
// RemoveZoneFromVpcEndpoint, AttachSecurityGroupToVpcEndpoint,
// DetachSecurityGroupFromVpcEndpoint, ListVpcEndpointSecurityGroups); other
// actions answer InvalidApi.NotFound. Answers are always JSON. All access
// keys act on one account. Bandwidth is reported but not modelled.
package privatelinktest
