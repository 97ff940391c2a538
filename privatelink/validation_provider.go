package privatelink

// Checks of the provider-side requests that the generated Validate methods
// call (see internal/codegen/overlay_provider.go).

// Documented bandwidth range of an endpoint connection, in Mbit/s.
const (
	MinConnectionBandwidth = 100
	MaxConnectionBandwidth = 10240
)

// checkBandwidth accepts 0 (unset) or MinConnectionBandwidth to
// MaxConnectionBandwidth. The API's "valid values" start at 3072, the
// default, but its note allows down to 100 for CLB and ALB resources;
// refusing what the service accepts would be worse than letting the
// service refuse.
func checkBandwidth(n int) string {
	if n != 0 && (n < MinConnectionBandwidth || n > MaxConnectionBandwidth) {
		return "must be " + itoa(MinConnectionBandwidth) + " to " + itoa(MaxConnectionBandwidth) + " Mbit/s, or 0 to leave it unset, got " + itoa(n)
	}
	return ""
}

// checkAccountID refuses a negative account ID; 0 means unset.
func checkAccountID(id int64) string {
	if id < 0 {
		return "must not be negative"
	}
	return ""
}

// userIDOrARN requires exactly one of an account ID and an ARN, which the
// API says in prose only (the service answers MissingParam.UserArn for
// neither and Mismatch.UserIdAndUserArn for both).
func (v *validator) userIDOrARN(id int64, arn string) {
	switch {
	case id < 0:
		v.add("UserID", "must not be negative")
	case id == 0 && arn == "":
		v.add("UserID", "UserID or UserARN is required")
	case id != 0 && arn != "":
		v.add("UserARN", "give UserID or UserARN, not both")
	}
}

// serviceResources checks the resources of CreateVpcEndpointService. A
// service's resources are all of its ServiceResourceType, when set: the
// service answers Mismatch.ResourceType for any other. Only two known
// kinds that differ are certain to mismatch: a type new to this SDK (or
// spelled otherwise) is the service's to judge, and ALL names no kind.
func (v *validator) serviceResources(field string, rs []ServiceResourceRef, serviceType ServiceResourceType) {
	if len(rs) > MaxServiceResources {
		v.add(field, "at most "+itoa(MaxServiceResources)+", got "+itoa(len(rs)))
	}
	for i, r := range rs {
		if r.ResourceType == "" {
			v.add(indexed(field, i, "ResourceType"), "required")
		} else {
			// Open: a resource type newer than this SDK (gwlb was) is sent.
			v.enum(indexed(field, i, "ResourceType"), string(r.ResourceType))
		}
		if r.ResourceType.IsKnown() && serviceType.IsKnown() && serviceType != ServiceResourceTypeAll &&
			r.ResourceType != serviceType {
			v.add(indexed(field, i, "ResourceType"), "is "+quote(string(r.ResourceType))+" but ServiceResourceType is "+
				quote(string(serviceType))+": a service's resources are all of its type (the service answers Mismatch.ResourceType)")
		}
		if r.ResourceID == "" {
			v.add(indexed(field, i, "ResourceID"), "required")
		}
	}
}
