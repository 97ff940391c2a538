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
// privatelink.Option given to it applies after those. ProviderClient does
// the same for the provider account. AccountUID and ProviderAccountUID are
// the account IDs as the int64 the API's numeric fields take.
//
// Every server starts with the same world, named by the package constants:
// region RegionID with zones ZoneA and ZoneB, the VPC VpcID with vSwitches
// VSwitchA (dual-stack) and VSwitchB, the security group SecurityGroupID,
// the automatically accepting dual-stack service ServiceID, the manual
// service ManualServiceID and the Gateway Load Balancer service
// GatewayServiceID, and two accounts: the consumer AccountID, with the key
// AccessKeyID and the resource group DefaultResourceGroupID, and the
// provider ProviderAccountID, with the key ProviderAccessKeyID, which owns
// the three services and the load balancers ProviderLoadBalancerA and
// ProviderLoadBalancerB (slb, in ZoneA and ZoneB), ProviderNLB (dual-stack
// nlb, ZoneA), ProviderALB (alb, ZoneB), and ProviderGWLB and
// ProviderGWLBB (dual-stack gwlb, ZoneA and ZoneB). Options add accounts, keys, STS credentials, resource groups,
// VPCs, vSwitches, security groups, services, load balancers
// (WithLoadBalancer) and quotas.
//
// # Accounts
//
// Every access key and STS credential belongs to one account, identified by
// a numeric ID (UID), and a request acts on the account of the key that
// signed it. WithAccount and WithSTSCredential add keys of the default
// account; WithNewAccount adds another account with its own UID, key and
// default resource group, and WithAccountKey and WithAccountSTSCredential
// add keys to any account. Endpoints, resource groups, tags and client
// tokens belong to an account, and so do endpoint services and load
// balancers: another account gets EndpointNotFound (or
// EndpointServiceNotFound, InvalidResourceId.NotFound, ResourceNotFound)
// for them and never lists them, and the same client token in two
// accounts is two requests. The world's VPCs, vSwitches and security
// groups are shared. An account ID is an int64 on the wire (UserId,
// EndpointOwnerId), so WithNewAccount takes at most 9223372036854775807.
//
// An account starts with PrivateLink activated unless WithNotActivated
// says otherwise; then every action but CheckProductOpen and
// OpenPrivateLinkService answers NeedOpenProduct, CheckProductOpen answers
// Success false, and OpenPrivateLinkService activates the account and
// answers an OrderId (OrderOpend when it already was).
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
// FakeClock never makes requests look expired. A nonce is remembered for 31
// minutes (a request stamped 15 minutes ahead stays replayable for 30), as
// a fixed-size digest, so any replay inside the window is refused; a nonce
// longer than 128 bytes is refused as InvalidParameter. The nonce memory is
// bounded (DefaultNonceMemory, 32 MiB, about 190 requests a second
// sustained over the window; WithNonceMemory changes it); past it new
// requests get ServiceUnavailable (503, with Retry-After) until old nonces
// expire, rather than a replay being let in.
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
// The same FakeClock is the SDK waiters' clock for the clients of Client
// and ProviderClient (elsewhere, pass privatelink.WaitClock): its After
// advances it, so a wait for a creation that takes minutes ends at once.
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
// ClientTokenTTL of the Clock's time, within a memory budget
// (WithClientTokenMemory, DefaultClientTokenMemory) so that a server that
// runs for long does not grow without bound: when it is spent, a request
// with a new token is answered ServiceUnavailable before it is performed,
// rather than a live token forgotten.
//
// # Faults
//
// SetFaults injects throttling, server errors, dropped connections and
// latency (on every answer, or on a share of them) per action, drawn from a
// source seeded by WithSeed, so that resilience tests are reproducible.
// Stats counts requests, successes, errors and injected faults per action.
//
// # Tags and resource groups
//
// TagResources, UntagResources and ListTagResources act on the same tags as
// CreateVpcEndpoint's Tag.N and ListVpcEndpoints' tag filter and Tags,
// with the documented limits (50 resources and 20 keys a call, 20 tags a
// resource, tag keys of 1 to 64 and values of up to 128 characters, no
// aliyun, acs:, http:// or https:// prefix) and codes. ResourceType is
// vpcendpoint or vpcendpointservice there (an account tags its own
// services, and CreateVpcEndpointService takes Tag.N), in any case:
// Terraform's alicloud provider sends VpcEndpoint and VpcEndpointService,
// and the service accepts them. ChangeResourceGroup
// moves an endpoint (ResourceType VpcEndpoint, the default) or a service
// (VpcEndpointService) into another resource group of its account;
// WithResourceGroup adds groups. Tag/UntagResources take their parameters
// in a form body, as Alibaba Cloud's SDKs send them, and the signature
// covers it: V1 signs the form parameters with the query's, V3 signs the
// body's SHA-256 in x-acs-content-sha256.
//
// # Inspection
//
// Endpoint, Endpoints, EndpointByClientToken and EndpointCount show the
// server's state directly (an endpoint's tags, resource group and account
// included), EndpointService a service's (allow-list, resources and
// connected endpoints), and Activated and ResourceGroups an account's, so
// a test can check what a client did without going through the API.
//
// # Two parties: provider and consumer
//
// Any account can publish endpoint services from its load balancers
// (CreateVpcEndpointService with Resource.N; ServiceResourceType slb, alb,
// nlb or gwlb), manage their allow-lists (AddUserToVpcEndpointService by UserId
// or by UserARN, acs:ram::<UID>:root or * for everyone; UserListType
// chooses Users or UserARNs in ListVpcEndpointServiceUsers), their
// resources (Attach/DetachResourceFromVpcEndpointService,
// ListVpcEndpointServiceResources, which pages without TotalCount) and the
// connections of other accounts' endpoints to them. A service is Creating
// for WithServiceDelay, then Active; attaching or detaching a resource
// makes it Pending for the same delay, and deleting it Deleting. The
// world's services are the provider's, deployed in their zones without
// resources and open to everyone.
//
// A service of gwlb resources has ServiceType GatewayLoadBalancer and
// serves only endpoints of EndpointType GatewayLoadBalancer (others get
// Mismatch.EndpointType), each in one zone
// (GatewayLoadBalancerZoneCountDeny) and without security groups
// (GatewayLoadBalancerNotSupportSecurityGroup); the other types serve
// Interface endpoints. Only nlb and gwlb services may be dual-stack
// (AddressIpVersion DualStack, Mismatch.ResourceType otherwise), and a
// connection's TrafficControlMode starts as Scalability for nlb and gwlb,
// BandwidthLimit for slb and alb. A service reports AddressIpVersion and
// SupportedRegionSet: its own region, then the regions of
// SupportedRegionList and UpdateVpcEndpointServiceAttribute's
// AddSupportedRegionSet (DeleteSupportedRegionSet removes them), all
// Available; endpoints can still be created in RegionID only.
//
// A consumer may create an endpoint only for an Active service
// (IncorrectStatus.VpcEndpointService otherwise) whose allow-list names it,
// by UserId or root ARN, or lets everyone in; any other account gets
// EndpointServiceNotAuthorized. ListVpcEndpointServicesByEndUser lists the
// services an account may use. An endpoint's zones must be in zones where
// the service has a resource.
//
// The endpoint opens a connection the provider sees in
// ListVpcEndpointConnections (EndpointOwnerId is the consumer's UID;
// TotalCount is a string there and in ListVpcEndpointServicesByEndUser
// and ListVpcEndpointServiceUsers). It is Connected once the endpoint is
// Active if the service accepts automatically, otherwise Pending.
// EnableVpcEndpointConnection makes it Connecting for
// WithConnectionDelay, then Connected; DisableVpcEndpointConnection
// Disconnecting, then Disconnected; Enable and
// DisableVpcEndpointZoneConnection do the same to one zone (ZoneStatus
// Connecting, Connected, Disconnecting, Disconnected, and Wait while the
// connection is Pending). Both accounts see the same statuses. Changing
// AutoAcceptEnabled later applies to new connections only.
//
// The rules have their documented codes: a service with endpoints cannot
// be deleted (EndpointServiceConnectionDependence while a connection is
// live or its endpoint is being deleted, DeleteFailedDueToEndpointExist
// for Pending and Disconnected ones), nor one with resources
// (EndpointServiceDependenceViolation); the last resource of a zone where
// a connection is live cannot be detached
// (EndpointServiceConnectionDependence); a service in transition refuses
// changes (EndpointServiceOperationDenied, EndpointServiceLocked while
// Pending, EndpointServiceResourceCannotRemove for a detach); a connection
// in transition refuses the provider's calls and the consumer's changes
// (EndpointConnectionOperationDenied; DeleteVpcEndpoint answers
// EndpointDependenceViolation). Zone operations check the service, the
// endpoint, its business status, the zone and the connection in turn
// (IncorrectStatus.*, IncorrectBusinessStatus.VpcEndpoint,
// ResourceNotFound.VpcEndpointZone). Client tokens work for every mutating
// provider call as for endpoints, per account.
//
// # Test controls: the provider's shortcuts and billing
//
// AcceptConnection and RejectConnection act as the service's provider on
// one connection, through the same state machine as Enable and
// DisableVpcEndpointConnection (so they too go through Connecting and
// Disconnecting, and refuse while a connection is between states).
// DeleteService deletes a service at once, whatever depends on it, and
// leaves its endpoints ServiceDeleted. SetBusinessStatus acts as billing
// (FinancialLocked, Normal). With them a test drives a client's waiters
// into every state that ends a wait without playing the provider's API.
//
// # Regions
//
// Only RegionID serves requests: an action that takes RegionId refuses
// another with InvalidRegionId.NotFound. CheckProductOpen and
// OpenPrivateLinkService take no RegionId and ignore one if sent (the v1
// SDK sends one with everything); ChangeResourceGroup takes none but
// checks one if sent. DescribeRegions lists RegionID and cn-hangzhou,
// cn-shanghai, cn-beijing and ap-southeast-1 (any of them may be its
// RegionId), as Regions.Region[], each with its ServiceResourceTypes: all
// four in RegionID, all but gwlb in the others; ServiceResourceType
// (default slb, ALL for every region) filters them. DescribeZones lists
// the zones of the world's vSwitches, services and load balancers, as
// Zones.Zone[], whatever CrossRegion and CrossRegionSide ask (every zone
// supports cross-region connections). An endpoint's ServiceRegionId is
// always RegionID: a service in another region is not found.
//
// # Web pages and oversized requests
//
// A web page can reach a server on the developer's machine, and the
// emulator's keys are public, so a page could sign requests. NewServer
// refuses what a browser could send (see Guard): a Host that is not
// loopback (DNS rebinding), an Origin or Referer that is not the server's
// own, and a Sec-Fetch-Site of another site; the refusal is 403 Forbidden.Host or
// Forbidden.CrossOrigin. Real clients never meet these checks. A browser
// older than Fetch Metadata can still send a V1-signed GET from a page
// that hides its Referer (Guard says which). Handler is not guarded; wrap
// it with Guard.Handler where it is mounted.
//
// Before a request is parsed or its signature verified, its query string
// and body together may have at most MaxRequestBytes (128 KiB) and
// MaxRequestParams (1,000) parameters, far above any valid request; more
// is refused with InvalidParameter (400) having read no further.
// SignatureDoesNotMatch shows the first 4 KiB of the server's string to
// sign, and says so when the signature would verify for the same request
// sent with the other method (GET for POST, or back).
//
// # Limits
//
// The emulator serves all 39 operations of the API: the 11 endpoint
// operations, the 20 of the provider side, the tag and resource-group
// operations, DescribeRegions, DescribeZones, CheckProductOpen and
// OpenPrivateLinkService; other actions answer InvalidApi.NotFound. Answers
// are always JSON. Bandwidth is reported and set (100 to 10240 Mbit/s for a
// connection, ConnectBandwidth likewise), not enforced.
// TrafficControlMode is kept and reported, not enforced. CreateVpcEndpoint accepts any
// ResourceGroupId starting with rg-, since the metadata lists no code for
// an unknown group there. QuotaIPPerEndpoint (QuotaExceeded.IpQuotaPerEp)
// counts one address per zone, since ZonePrivateIpAddressCount is 1.
//
// Some documented codes stay unreachable, because the emulator does not
// model what they are about: private DNS names and domains
// (OperationDenied.PrivateDomainNotSupport,
// OperationDenied.PrivateDomainStatusNotSupport,
// OperationDenied.PrivateServiceDomainBusinessStatus,
// DependencyViolation.PrivateDnsName, InvalidParam.PrivateDnsName,
// Conflict.ServiceName), NAT gateways and vSwitches of service resources
// (ResourceNotFound.NatGateway, VSwitchNotFound for a resource), load
// balancers without PrivateLink support (LoadBalancerNotSupportPrivateLink),
// billing of services (EndpointServicePayerForbidden,
// IncorrectBusinessStatus.VpcEndpointService,
// EndpointServiceDowngradeNotAllowed), bandwidth limits
// (UpdateBandWidthUnSupported,
// OperationDenied.VpcNatServiceResourceTypeNotSupportBandwidth),
// OperationDenied.CurrentResourceAutoAllocated and GenerateResourceIdFailed.
// The 404 ResourceNotFound.VpcEndpoint, .VpcEndpointConnection and
// .VpcEndpointService of the zone connection operations are not answered:
// those operations also document EndpointConnectionNotFound and
// EndpointServiceNotFound, which the emulator answers as the other
// connection operations do. EndpointProtected is not answered: nothing in
// the documentation tells it apart from OperationDenied.EndpointProtected,
// which the emulator answers for a protected endpoint. ConcurrentCallNotSupported
// is not answered: the emulator serializes requests, so no two calls on one
// resource ever overlap. ZoneStatus Migrating and Migrated do not occur:
// a zone's resource migration is immediate.
//
// # As strict as the service, never stricter
//
// Every check of an enumerated value names its evidence where it lives.
// Tag and ChangeResourceGroup ResourceType are compared without regard to
// case (Terraform's alicloud provider sends VpcEndpoint, which the service
// accepts); DescribeRegions' ServiceResourceType too (the documentation
// mixes slb and ALL). A list operation's filter compares exactly and
// answers an empty page for a value no resource has, never
// InvalidParameter (no list operation documents one, and Terraform's data
// sources send values such as Deleted). CreateVpcEndpoint refuses an
// EndpointType other than its service's with Mismatch.EndpointType.
// Values whose refusal is documented stay exact: AddressIpVersion of
// creates and updates, ServiceResourceType and ResourceType of service
// resources, Payer, UserListType and the zone connection's modes; so do
// IDs, names, regions and the gateway's common parameters, which every
// client sends as the reference spells them. TrafficControlMode and
// CrossRegionSide are taken as given: the emulator models neither.
//
// # Persistence
//
// A server from NewUnstartedServer can keep its state in a file:
// OpenJournal opens (or creates) a write-ahead journal, Server.Replay
// replays it through the operation code, which rebuilds the same
// endpoints, services, IDs and client-token answers, and from then on every
// state-changing request is written and fsynced before it is answered. The
// privatelink-emulator command's -state flag is this.
//
// The journal's guarantees: a change the server acknowledged replays. A
// request whose record would exceed MaxJournalRecordBytes is refused
// before it is performed. Parameters are kept byte for byte. A refused
// request is not journaled unless it drew generated IDs, and then its
// replay reproduces the refusal. Only a torn last record (a crash during
// its write, never acknowledged) is dropped on opening; damage before it
// is a *JournalDamageError, unless TruncateAtDamage. The file is locked
// while open: a second server is refused with a *JournalLockedError.
// A journal written by an earlier version replays: answers whose fields
// have changed since are checked by their error codes and the IDs they
// returned rather than byte for byte, and the journal is then re-stamped
// (Journal.Restamped); see Server.Replay.
package privatelinktest
