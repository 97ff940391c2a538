// Error code constants: the common gateway codes, every code in the CreateVpcEndpoint
// reference, and the errorCodes of the endpoint operations in the API metadata.

package privatelink

// Error codes of the common gateway, seen on every operation.
const (
	// ErrCodeMissingParameter: A required parameter is missing. (HTTP 400)
	ErrCodeMissingParameter = "MissingParameter"
	// ErrCodeInvalidParameter: A parameter is malformed or out of range. (HTTP 400)
	ErrCodeInvalidParameter = "InvalidParameter"
	// ErrCodeInvalidAccessKeyIDNotFound: The AccessKeyId is unknown. (HTTP 404)
	ErrCodeInvalidAccessKeyIDNotFound = "InvalidAccessKeyId.NotFound"
	// ErrCodeInvalidAccessKeyIDInactive: The AccessKeyId is disabled. (HTTP 400)
	ErrCodeInvalidAccessKeyIDInactive = "InvalidAccessKeyId.Inactive"
	// ErrCodeSignatureDoesNotMatch: The signature the service computed differs from the request's. (HTTP 400)
	ErrCodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	// ErrCodeIncompleteSignature: The request lacks parts of the signature. (HTTP 400)
	ErrCodeIncompleteSignature = "IncompleteSignature"
	// ErrCodeInvalidTimeStampExpired: The request timestamp is more than 15 minutes off. (HTTP 400)
	ErrCodeInvalidTimeStampExpired = "InvalidTimeStamp.Expired"
	// ErrCodeSignatureNonceUsed: The SignatureNonce was used before. (HTTP 400)
	ErrCodeSignatureNonceUsed = "SignatureNonceUsed"
	// ErrCodeMissingSecurityToken: STS credentials were used without their security token. (HTTP 400)
	ErrCodeMissingSecurityToken = "MissingSecurityToken"
	// ErrCodeInvalidSecurityTokenExpired: The STS security token has expired. (HTTP 400)
	ErrCodeInvalidSecurityTokenExpired = "InvalidSecurityToken.Expired"
	// ErrCodeInvalidSecurityTokenMismatchWithAccessKey: The STS security token does not belong to the AccessKeyId. (HTTP 400)
	ErrCodeInvalidSecurityTokenMismatchWithAccessKey = "InvalidSecurityToken.MismatchWithAccessKey"
	// ErrCodeInvalidSecurityTokenMalformed: The STS security token is malformed. (HTTP 400)
	ErrCodeInvalidSecurityTokenMalformed = "InvalidSecurityToken.Malformed"
	// ErrCodeThrottling: The request was throttled. (HTTP 400 or 503)
	ErrCodeThrottling = "Throttling"
	// ErrCodeThrottlingUser: The account's request rate was throttled. (HTTP 400 or 503)
	ErrCodeThrottlingUser = "Throttling.User"
	// ErrCodeThrottlingAPI: The API's request rate was throttled. (HTTP 400 or 503)
	ErrCodeThrottlingAPI = "Throttling.Api"
	// ErrCodeForbiddenRAM: The RAM user or role lacks permission for the action. (HTTP 403)
	ErrCodeForbiddenRAM = "Forbidden.RAM"
	// ErrCodeInternalError: The service failed internally. (HTTP 500)
	ErrCodeInternalError = "InternalError"
	// ErrCodeServiceUnavailable: The service is temporarily unavailable. (HTTP 503)
	ErrCodeServiceUnavailable = "ServiceUnavailable"
	// ErrCodeInvalidAPINotFound: The action does not exist in this API version. (HTTP 404)
	ErrCodeInvalidAPINotFound = "InvalidApi.NotFound"
	// ErrCodeInvalidRegionIDNotFound: The region does not exist. (HTTP 404)
	ErrCodeInvalidRegionIDNotFound = "InvalidRegionId.NotFound"
	// ErrCodeDryRunOperation: A DryRun request passed every check; nothing was done. (HTTP 400)
	ErrCodeDryRunOperation = "DryRunOperation"
	// ErrCodeIdempotentParameterMismatch: The ClientToken was used before with different parameters. (HTTP 400)
	ErrCodeIdempotentParameterMismatch = "IdempotentParameterMismatch"
	// ErrCodeConcurrentCallNotSupported: Another call is changing the same resource. (HTTP 400)
	ErrCodeConcurrentCallNotSupported = "ConcurrentCallNotSupported"
)

// Error codes of the endpoint operations, from the CreateVpcEndpoint reference and the API metadata.
const (
	// ErrCodeCheckServiceLinkRoleError: The ServiceLink role check error. (HTTP 400)
	ErrCodeCheckServiceLinkRoleError = "CheckServiceLinkRoleError"
	// ErrCodeDependencyViolationPrivateDnsName: The specified resource of %s depends on %s, so the operation cannot be completed. (HTTP 400)
	ErrCodeDependencyViolationPrivateDnsName = "DependencyViolation.PrivateDnsName"
	// ErrCodeEndpointConnectionNotFound: The specified endpoint connection does not exist. (HTTP 400)
	ErrCodeEndpointConnectionNotFound = "EndpointConnectionNotFound"
	// ErrCodeEndpointConnectionOperationDenied: The endpoint is being connected. (HTTP 400)
	ErrCodeEndpointConnectionOperationDenied = "EndpointConnectionOperationDenied"
	// ErrCodeEndpointDependenceViolation: The specified endpoint has dependent zone(s). (HTTP 400)
	ErrCodeEndpointDependenceViolation = "EndpointDependenceViolation"
	// ErrCodeEndpointDuplicated: The endpoint of the service already exists and cannot be created again. (HTTP 400)
	ErrCodeEndpointDuplicated = "EndpointDuplicated"
	// ErrCodeEndpointExist: The specified Endpoint already exists. (HTTP 400)
	ErrCodeEndpointExist = "EndpointExist"
	// ErrCodeEndpointLocked: The specified Endpoint is locked. (HTTP 400)
	ErrCodeEndpointLocked = "EndpointLocked"
	// ErrCodeEndpointMustContainSecurityGroup: The specified endpoint must have at least one security group. (HTTP 400)
	ErrCodeEndpointMustContainSecurityGroup = "EndpointMustContainSecurityGroup"
	// ErrCodeEndpointNotFound: The specified Endpoint does not exist. (HTTP 400)
	ErrCodeEndpointNotFound = "EndpointNotFound"
	// ErrCodeEndpointOperationDenied: The specified operation of endpoint is not allowed. (HTTP 400)
	ErrCodeEndpointOperationDenied = "EndpointOperationDenied"
	// ErrCodeEndpointProtected: The specified Endpoint is protected. (HTTP 400)
	ErrCodeEndpointProtected = "EndpointProtected"
	// ErrCodeEndpointServiceDeleted: The specified Service is already deleted. (HTTP 400)
	ErrCodeEndpointServiceDeleted = "EndpointServiceDeleted"
	// ErrCodeEndpointServiceLocked: The specified Service is locked. (HTTP 400)
	ErrCodeEndpointServiceLocked = "EndpointServiceLocked"
	// ErrCodeEndpointServiceOperationDenied: The specified operation of endpoint service is not allowed. (HTTP 400)
	ErrCodeEndpointServiceOperationDenied = "EndpointServiceOperationDenied"
	// ErrCodeEndpointServiceNotAuthorized: The specified endpoint service is not authorized to user. (HTTP 400)
	ErrCodeEndpointServiceNotAuthorized = "EndpointServiceNotAuthorized"
	// ErrCodeEndpointServiceNotFound: The specified Service does not exist. (HTTP 400)
	ErrCodeEndpointServiceNotFound = "EndpointServiceNotFound"
	// ErrCodeEndpointServiceNotSupportedZone: The specified endpoint service does not support the zone. (HTTP 400)
	ErrCodeEndpointServiceNotSupportedZone = "EndpointServiceNotSupportedZone"
	// ErrCodeEndpointServiceResourceNotFound: The specified service resource is not found. (HTTP 400)
	ErrCodeEndpointServiceResourceNotFound = "EndpointServiceResourceNotFound"
	// ErrCodeEndpointZoneDuplicated: The zone is duplicated for the Endpoint. (HTTP 400)
	ErrCodeEndpointZoneDuplicated = "EndpointZoneDuplicated"
	// ErrCodeEndpointZoneNotFound: The specified zone of Endpoint does not exist. (HTTP 400)
	ErrCodeEndpointZoneNotFound = "EndpointZoneNotFound"
	// ErrCodeEniIPUnavailable: The specified IP address is unavailable. (HTTP 400)
	ErrCodeEniIPUnavailable = "EniIpUnavailable"
	// ErrCodeGatewayLoadBalancerNotSupportSecurityGroup: The gateway load balancer not support security group. (HTTP 400)
	ErrCodeGatewayLoadBalancerNotSupportSecurityGroup = "GatewayLoadBalancerNotSupportSecurityGroup"
	// ErrCodeGatewayLoadBalancerZoneCountDeny: The GatewayLoadBalancer zone count not support (HTTP 400)
	ErrCodeGatewayLoadBalancerZoneCountDeny = "GatewayLoadBalancerZoneCountDeny"
	// ErrCodeGenerateResourceIDFailed: Failed to generate ResourceId. (HTTP 400)
	ErrCodeGenerateResourceIDFailed = "GenerateResourceIdFailed"
	// ErrCodeIllegalParamAddressIPVersion: The specified parameter AddressIpVersion is invalid. (HTTP 400)
	ErrCodeIllegalParamAddressIPVersion = "IllegalParam.AddressIpVersion"
	// ErrCodeIllegalParamIP: The specified parameter IP is invalid. (HTTP 400)
	ErrCodeIllegalParamIP = "IllegalParam.Ip"
	// ErrCodeIllegalParamIPv6Address: The specified parameter Ipv6Address is invalid. (HTTP 400)
	ErrCodeIllegalParamIPv6Address = "IllegalParam.Ipv6Address"
	// ErrCodeIncorrectStatusVpcEndpointService: The status of %s [%s] is incorrect. (HTTP 400)
	ErrCodeIncorrectStatusVpcEndpointService = "IncorrectStatus.VpcEndpointService"
	// ErrCodeMismatchEndpointType: The %s is mismatched for %s and %s. (HTTP 400)
	ErrCodeMismatchEndpointType = "Mismatch.EndpointType"
	// ErrCodeOperationDeniedAddressIPVersionNotSupportSpecifyIPv6: The AddressIpVersion of the endpoint does not support specifying IPv6 address. (HTTP 400)
	ErrCodeOperationDeniedAddressIPVersionNotSupportSpecifyIPv6 = "OperationDenied.AddressIpVersionNotSupportSpecifyIpv6"
	// ErrCodeOperationDeniedEndpointPolicyNotSupport: The operation is not allowed because of EndpointPolicyNotSupport. (HTTP 400)
	ErrCodeOperationDeniedEndpointPolicyNotSupport = "OperationDenied.EndpointPolicyNotSupport"
	// ErrCodeOperationDeniedEndpointProtected: The operation is not allowed because of EndpointProtected. (HTTP 400)
	ErrCodeOperationDeniedEndpointProtected = "OperationDenied.EndpointProtected"
	// ErrCodeOperationDeniedEndpointServiceNotSupportDualstack: The specified endpoint service does not support dualstack. (HTTP 400)
	ErrCodeOperationDeniedEndpointServiceNotSupportDualstack = "OperationDenied.EndpointServiceNotSupportDualstack"
	// ErrCodeOperationDeniedEndpointTypeNotSupportDualstack: The specified endpoint type does not support dualstack, only the Interface and GatewayLoadBalancer types support dual stack. (HTTP 400)
	ErrCodeOperationDeniedEndpointTypeNotSupportDualstack = "OperationDenied.EndpointTypeNotSupportDualstack"
	// ErrCodeOperationDeniedPrivateDomainNotSupport: The operation is not allowed because of PrivateDomainNotSupport. (HTTP 400)
	ErrCodeOperationDeniedPrivateDomainNotSupport = "OperationDenied.PrivateDomainNotSupport"
	// ErrCodeOperationDeniedPrivateDomainStatusNotSupport: The operation is not allowed because of %s. (HTTP 400)
	ErrCodeOperationDeniedPrivateDomainStatusNotSupport = "OperationDenied.PrivateDomainStatusNotSupport"
	// ErrCodeOperationDeniedVSwitchNotSupportDualstack: The specified VSwitch does not support dualstack. (HTTP 400)
	ErrCodeOperationDeniedVSwitchNotSupportDualstack = "OperationDenied.VSwitchNotSupportDualstack"
	// ErrCodeQuotaExceededIPQuotaPerEp: The quota of %s is exceeded, usage %s/%s. (HTTP 400)
	ErrCodeQuotaExceededIPQuotaPerEp = "QuotaExceeded.IpQuotaPerEp"
	// ErrCodeQuotaExceededEpZonePerEndpoint: The quota of %s is exceeded, usage %s/%s. (HTTP 400)
	ErrCodeQuotaExceededEpZonePerEndpoint = "QuotaExceeded.epZonePerEndpoint"
	// ErrCodeQuotaExceededTotalEpPerVpc: The quota of %s is exceeded, usage %s/%s. (HTTP 400)
	ErrCodeQuotaExceededTotalEpPerVpc = "QuotaExceeded.totalEpPerVpc"
	// ErrCodeQuotaExceededTotalIdleEndpoint: The quota of %s is exceeded, usage %s/%s. (HTTP 400)
	ErrCodeQuotaExceededTotalIdleEndpoint = "QuotaExceeded.totalIdleEndpoint"
	// ErrCodeQuotaMisMatched: The resource you applied for has exceeded the quota. (HTTP 400)
	ErrCodeQuotaMisMatched = "QuotaMisMatched"
	// ErrCodeResourceNotEnoughVSwitchIP: The specified resource of VSwitchIp is not enough. (HTTP 400)
	ErrCodeResourceNotEnoughVSwitchIP = "ResourceNotEnough.VSwitchIp"
	// ErrCodeSecurityGroupExist: The specified security group already exists. (HTTP 400)
	ErrCodeSecurityGroupExist = "SecurityGroupExist"
	// ErrCodeSecurityGroupNotFound: The specified security group does not exist. (HTTP 400)
	ErrCodeSecurityGroupNotFound = "SecurityGroupNotFound"
	// ErrCodeSecurityGroupTypeNotSupport: The specified security group type is not supported. (HTTP 400)
	ErrCodeSecurityGroupTypeNotSupport = "SecurityGroupTypeNotSupport"
	// ErrCodeSecurityGroupTypeOnlySingleTypeSupporteded: The specified security group only support one type. (HTTP 400)
	ErrCodeSecurityGroupTypeOnlySingleTypeSupporteded = "SecurityGroupTypeOnlySingleTypeSupporteded"
	// ErrCodeSpecifiedAlbNotSupport: The specified alb %s is not supported. (HTTP 400)
	ErrCodeSpecifiedAlbNotSupport = "SpecifiedAlbNotSupport"
	// ErrCodeVSwitchNotFound: The specified VSwitch does not exist. (HTTP 400)
	ErrCodeVSwitchNotFound = "VSwitchNotFound"
	// ErrCodeVSwitchStatusNotAllowed: The specified vswitch status is not Available. (HTTP 400)
	ErrCodeVSwitchStatusNotAllowed = "VSwitchStatusNotAllowed"
	// ErrCodeVpcNatServiceException: The vpcNat service is busy (HTTP 400)
	ErrCodeVpcNatServiceException = "VpcNatServiceException"
	// ErrCodeVpcNotFound: The specified VPC does not exist. (HTTP 400)
	ErrCodeVpcNotFound = "VpcNotFound"
	// ErrCodeVpcTunnelNotFound: The specified VPC tunnel does not exist. (HTTP 400)
	ErrCodeVpcTunnelNotFound = "VpcTunnelNotFound"
)
