package privatelink

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/signer"
)

// RequestValue is one value of a failed request that its error code refers
// to, named as on the wire: "EndpointId", "Zone.1.VSwitchId", "RegionId".
type RequestValue struct {
	// Name is the parameter's wire name, list indexes included.
	Name string
	// Value is the value the request sent.
	Value string
}

// codeContext says, for an error code, which request values it refers to
// and what the SDK can add to the service's words.
type codeContext struct {
	// names are the parameter names (without list indexes) whose values
	// the code is about, in the order they are shown.
	names []string
	// region adds the client's region: the resource was looked for there.
	region bool
	// hint is the one-line advice; "%a" stands for the action.
	hint string
	// about, when set, is the parameter the hint speaks of: a request
	// without it (the code also answers operations that do not send it)
	// gets no hint.
	about string
}

// Hints of the busy codes: the client already retried them for the
// WithBusyRetry budget (transport.BusyCode). Their messages ("is locked",
// "operation ... is not allowed") do not say why: a change in progress is
// the usual cause, which is why they are retried, but a resource can also
// be FinancialLocked (its business status, after an overdue payment).
const (
	hintEndpointBusy = "the endpoint is locked or busy, usually by a change in progress (Creating, Pending or Deleting): " +
		"call again once it is Active or gone; if it stays so, check its EndpointBusinessStatus (FinancialLocked: " +
		"an overdue payment); the client retries this answer for the WithBusyRetry budget (default 2 minutes)"
	hintServiceBusy = "the endpoint service is locked or busy, usually by a change in progress (Creating, Pending or " +
		"Deleting): call again once it is Active; if it stays so, check its ServiceBusinessStatus (FinancialLocked: " +
		"an overdue payment); the client retries this answer for the WithBusyRetry budget (default 2 minutes)"
	hintConnectionBusy = "the endpoint's connection is changing (Connecting or Disconnecting); call again once it has settled; " +
		"the client retries this answer for the WithBusyRetry budget (default 2 minutes)"
	hintThrottleRetried = "the client retries this answer for the WithThrottleRetry budget (default 2 minutes), " +
		"within the context's deadline"
)

// codeContexts lists the codes whose errors say more than the service's
// message. Every hint is a fact from the API reference, the metadata's
// errorCodes or the gateway's documented behaviour, and none carries a
// secret: no key, signature, string to sign or ClientToken.
var codeContexts = map[string]codeContext{
	ErrCodeEndpointNotFound: {names: []string{"EndpointId"}, region: true,
		hint: "no endpoint with this ID in this region and account: it was deleted, or is in another region or account; " +
			"an endpoint created a moment ago can briefly answer EndpointNotFound"},
	ErrCodeVpcNotFound: {names: []string{"VpcId"}, region: true,
		hint: "no VPC with this ID in this region and account: check the ID and the client's region"},
	ErrCodeVSwitchNotFound: {names: []string{"VpcId", "ZoneId", "VSwitchId"}, region: true,
		hint: "each vSwitch must exist in the VPC and in the zone it is paired with: a vSwitch belongs to one zone, " +
			"so one in another zone is not found", about: "VSwitchId"},
	ErrCodeSecurityGroupNotFound: {names: []string{"VpcId", "SecurityGroupId"}, region: true,
		hint: "no security group with this ID in this region and account: check the ID and the client's region"},
	ErrCodeInvalidRegionIDNotFound: {region: true,
		names: []string{"ServiceRegionId", "SupportedRegionList", "AddSupportedRegionSet", "DeleteSupportedRegionSet"},
		hint: "the service does not know a region of the request (the client's, or one the request names): " +
			"DescribeRegions lists the regions PrivateLink serves (a zone ID such as cn-hangzhou-h is not a region)"},
	ErrCodeEndpointServiceNotFound: {names: []string{"ServiceId", "ServiceName", "ServiceRegionId"}, region: true,
		hint: "no endpoint service with this ID or name where it was looked for: in the client's region, or in " +
			"ServiceRegionId for a cross-region endpoint; check the ID and the region, or the service was deleted"},
	ErrCodeEndpointServiceNotAuthorized: {names: []string{"ServiceId", "ServiceName", "ServiceRegionId"}, region: true,
		hint: "the service's provider must add this client's account (the account that owns its AccessKey) to the " +
			"service's allow-list with AddUserToVpcEndpointService; ListVpcEndpointServicesByEndUser lists the " +
			"services the account may use"},
	ErrCodeEndpointServiceDeleted: {names: []string{"ServiceId", "ServiceName"},
		hint: "the endpoint service was deleted by its provider; an endpoint needs another service"},
	ErrCodeEndpointServiceDependenceViolation: {names: []string{"ServiceId"},
		hint: "the service still has resources: detach them first with DetachResourceFromVpcEndpointService " +
			"(ListVpcEndpointServiceResources lists them)"},
	ErrCodeSignatureDoesNotMatch: {
		hint: "check that the AccessKey secret is the one of this AccessKey ID, and that no proxy rewrites the " +
			"request (its host, path, query, headers or body); a wrong clock is answered InvalidTimeStamp.Expired instead"},
	ErrCodeIncompleteSignature: {
		hint: "the request's signature is malformed: check that no proxy rewrites or drops its headers or query"},
	ErrCodeInvalidTimeStampExpired: {
		hint: "the request's timestamp is more than 15 minutes from the service's clock: set this machine's clock (NTP)"},
	ErrCodeInvalidAccessKeyIDNotFound: {
		hint: "the AccessKey ID is unknown: check it, and that it was not deleted"},
	ErrCodeInvalidAccessKeyIDInactive: {
		hint: "the AccessKey is disabled: enable it or use another"},
	ErrCodeForbiddenRAM: {
		hint: "the RAM policy of the caller (user or role) must allow the action privatelink:%a"},
	ErrCodeIdempotentParameterMismatch: {
		hint: "this ClientToken was sent before with other parameters: repeat a token only with the same request, " +
			"and give a new request a new token"},
	// Only Throttling.User is about this account's rate, and only it moves
	// adaptive pacing (transport.OwnThrottle): the other two advise no
	// setting of this client's rate.
	ErrCodeThrottling: {hint: "the gateway throttled the request under its own load, not for this client's rate: " +
		"call again later; " + hintThrottleRetried},
	ErrCodeThrottlingUser: {hint: "the account's request rate quota for this API is exceeded, by this client or others " +
		"with the same account: adaptive pacing (on by default) slows this client to it; lower the rate further " +
		"(WithRateLimit) or spread the calls over time; " + hintThrottleRetried},
	ErrCodeThrottlingAPI: {hint: "the API's request rate quota, counted over all accounts, is exceeded: call again later; " +
		hintThrottleRetried},

	ErrCodeEndpointLocked:          {names: []string{"EndpointId"}, hint: hintEndpointBusy},
	ErrCodeEndpointOperationDenied: {names: []string{"EndpointId"}, hint: hintEndpointBusy},
	ErrCodeEndpointConnectionOperationDenied: {names: []string{"ServiceId", "EndpointId"},
		hint: hintConnectionBusy},
	ErrCodeEndpointServiceLocked:          {names: []string{"ServiceId"}, hint: hintServiceBusy},
	ErrCodeEndpointServiceOperationDenied: {names: []string{"ServiceId"}, hint: hintServiceBusy},
	ErrCodeConcurrentCallNotSupported: {names: []string{"EndpointId", "ServiceId"},
		hint: "another call is changing the same resource; the client retries this answer for the WithBusyRetry " +
			"budget (default 2 minutes); serialize the changes to one resource"},
}

// quotaHint is the hint of the quota codes: QuotaExceeded.<name>
// (totalEpPerVpc, epZonePerEndpoint, IpQuotaPerEp, ...), whose quota may
// be per account, per VPC or per endpoint, QuotaExceed.TagsPerResource,
// and QuotaMisMatched, which names none.
const quotaHint = "a quota is used up (the code or message names which: some count per VPC or per endpoint, " +
	"not per account): release what uses it, or have the quota raised where it can be; retrying will not help"

// isQuotaCode reports whether code says a quota is used up.
func isQuotaCode(code string) bool {
	return strings.HasPrefix(code, "QuotaExceeded.") || strings.HasPrefix(code, "QuotaExceed.") ||
		code == ErrCodeQuotaMisMatched
}

// contextFor returns what the SDK adds to an error with code answering
// call: the request values it refers to and a hint. region is the
// client's region, or "" for a call that carries none.
func contextFor(code, region string, call *transport.Call) ([]RequestValue, string) {
	cc, ok := codeContexts[code]
	if !ok {
		if isQuotaCode(code) {
			return nil, quotaHint
		}
		return nil, ""
	}
	var values []RequestValue
	if len(cc.names) > 0 {
		values = appendValues(values, cc.names, call.Params)
		values = appendValues(values, cc.names, call.Form)
	}
	hint := strings.ReplaceAll(cc.hint, "%a", call.Action)
	if cc.about != "" && !slices.ContainsFunc(values, func(v RequestValue) bool { return baseName(v.Name) == cc.about }) {
		hint = ""
	}
	if cc.region && region != "" {
		values = append(values, RequestValue{Name: "RegionId", Value: region})
	}
	return values, hint
}

// appendValues appends the params whose name, without list indexes
// ("Zone.1.VSwitchId" is VSwitchId, "SecurityGroupId.2" SecurityGroupId),
// is one of names, in names' order and then the params' order.
func appendValues(values []RequestValue, names []string, params []signer.Param) []RequestValue {
	for _, name := range names {
		for _, p := range params {
			if baseName(p.Key) == name {
				values = append(values, RequestValue{Name: p.Key, Value: p.Value})
			}
		}
	}
	return values
}

// baseName returns key's last segment that is not a list index.
func baseName(key string) string {
	for {
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return key
		}
		last := key[i+1:]
		if _, err := strconv.Atoi(last); err != nil {
			return last
		}
		key = key[:i]
	}
}

// oneLine returns s fit for a one-line error message: a string of
// printable characters is kept, anything else is quoted, so neither a
// service's multi-line message nor a value with control characters can
// forge a log line.
func oneLine(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}
