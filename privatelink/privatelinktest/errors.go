package privatelinktest

import (
	"fmt"
	"net/http"
)

// apiError is an error answer before it is written: the HTTP status and the
// Code and Message of the JSON body. RequestId, HostId and Recommend are
// added when it is written, because they belong to the exchange, not to the
// failure.
type apiError struct {
	status  int
	code    string
	message string
	// retryAfter, when positive, becomes a Retry-After header (seconds).
	retryAfter int
	// fault marks an answer made up by fault injection, which Stats
	// counts apart from genuine errors.
	fault bool
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func (e *apiError) injected() bool { return e.fault }

func newError(status int, code, message string) *apiError {
	return &apiError{status: status, code: code, message: message}
}

// errorf builds a 400 business error, the status of nearly every error code
// in the PrivateLink metadata.
func errorf(code, format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, code, fmt.Sprintf(format, args...))
}

// Messages of the operation errors, copied from the errorCodes of the
// 2020-04-15 metadata so that the emulator answers the service's words.
const (
	msgEndpointNotFound                = "The specified Endpoint does not exist."
	msgEndpointOperationDenied         = "The specified operation of endpoint is not allowed."
	msgEndpointLocked                  = "The specified Endpoint is locked."
	msgEndpointZoneDuplicated          = "The zone is duplicated for the Endpoint."
	msgEndpointZoneNotFound            = "The specified zone of Endpoint does not exist."
	msgEndpointServiceNotFound         = "The specified Service does not exist."
	msgEndpointServiceDeleted          = "The specified Service is already deleted."
	msgEndpointServiceNotSupportedZone = "The specified endpoint service does not support the zone."
	msgVSwitchNotFound                 = "The specified VSwitch does not exist."
	msgSecurityGroupNotFound           = "The specified security group does not exist."
	msgSecurityGroupExist              = "The specified security group already exists."
	msgVpcNotFound                     = "The specified VPC does not exist."
	msgMustContainSecurityGroup        = "The specified endpoint must have at least one security group."
	msgEniIPUnavailable                = "The specified IP address is unavailable."
	msgVSwitchIPNotEnough              = "The specified resource of VSwitchIp is not enough."
	msgQuotaExceeded                   = "The quota of %s is exceeded, usage %d/%d."
	msgMismatchEndpointType            = "The %s is mismatched for %s and %s."
	msgIllegalIP                       = "The specified parameter IP is invalid."
	msgIllegalIPv6                     = "The specified parameter Ipv6Address is invalid."
	msgIllegalAddressIPVersion         = "The specified parameter AddressIpVersion is invalid."
	msgEndpointProtected               = "The operation is not allowed because of EndpointProtected."
	msgEndpointTypeNotSupportDualstack = "The specified endpoint type does not support dualstack, only the Interface and GatewayLoadBalancer types support dual stack."
	msgServiceNotSupportDualstack      = "The specified endpoint service does not support dualstack."
	msgVSwitchNotSupportDualstack      = "The specified VSwitch does not support dualstack."
	msgNotSupportSpecifyIPv6           = "The AddressIpVersion of the endpoint does not support specifying IPv6 address."
	msgGLBNotSupportSecurityGroup      = "The gateway load balancer not support security group."
	msgGLBZoneCountDeny                = "The GatewayLoadBalancer zone count not support"
	msgDryRun                          = "Request validation has been passed with DryRun flag set."

	msgEndpointConnectionOperationDenied = "The endpoint is being connected."
	msgEndpointDependenceViolation       = "The specified endpoint has dependent zone(s)."
	msgEndpointServiceOperationDenied    = "The specified operation of endpoint service is not allowed."
	msgEndpointServiceLocked             = "The specified Service is locked."
	msgEndpointServiceNotAuthorized      = "The specified endpoint service is not authorized to user."
	msgIncorrectStatus                   = "The status of %s [%s] is incorrect."
	msgIncorrectBusinessStatus           = "The business status of %s [%s] is incorrect."
	msgEndpointConnectionNotFound        = "The specified endpoint connection does not exist."
	msgResourceNotFoundPct               = "The specified resource %s is not found."
	msgQuotaExceededPct                  = "The quota of %s is exceeded, usage %d/%d."
	msgIdempotentMismatch                = "Request uses a client token in a previous request but is not identical to that request."
)

// Gateway errors, with the codes, statuses and messages of Alibaba Cloud's
// API gateway (POP). InvalidAccessKeyId.NotFound is a 404 there, not a 403.
var (
	errInternal = func() *apiError {
		return newError(http.StatusInternalServerError, "InternalError",
			"The request processing has failed due to some unknown error, exception or failure.")
	}
	errServiceUnavailable = func() *apiError {
		return newError(http.StatusServiceUnavailable, "ServiceUnavailable",
			"The request has failed due to a temporary failure of the server.")
	}
	errThrottlingUser = func() *apiError {
		return newError(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
	}
	errThrottlingAPI = func() *apiError {
		return newError(http.StatusBadRequest, "Throttling.Api", "Request was denied due to api flow control.")
	}
	errThrottling = func() *apiError {
		return newError(http.StatusServiceUnavailable, "Throttling", "Request was denied due to request throttling.")
	}
)

func errMissing(name string) *apiError {
	return errorf("MissingParameter",
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

// errMissingCommon is the gateway's answer for a missing common parameter:
// the code is Missing followed by the parameter's name.
func errMissingCommon(name string) *apiError {
	return errorf("Missing"+name, "%s is mandatory for this action.", name)
}

func errInvalid(name, why string) *apiError {
	if why == "" {
		return errorf("InvalidParameter", "The specified parameter %q is not valid.", name)
	}
	return errorf("InvalidParameter", "The specified parameter %q is not valid: %s.", name, why)
}

func errEndpointNotFound() *apiError { return errorf("EndpointNotFound", msgEndpointNotFound) }

func errServiceDeleted() *apiError {
	return errorf("EndpointServiceDeleted", msgEndpointServiceDeleted)
}

func errQuota(name string, used, limit int) *apiError {
	return errorf("QuotaExceeded."+name, msgQuotaExceeded, name, used, limit)
}

func errDryRun() *apiError { return errorf("DryRunOperation", msgDryRun) }
