package privatelink

import (
	"strconv"
	"strings"
)

// Shape checks of resource IDs, which the generated Validate methods apply
// to every parameter holding an ID of one of these kinds
// (internal/codegen/overlay.go, idChecks). Every ID of a kind starts with
// its prefix, so an ID without it ("vcp-typo", "epsvr-x") is certain to
// fail at the service, with a NotFound that does not say why, or, as a
// filter of a list call, to match nothing, as if none existed. Nothing
// beyond the prefix is checked: the rest of an ID has no documented form.

// idKind is a kind of resource ID.
type idKind struct {
	prefix string
	noun   string
}

var (
	idEndpoint      = idKind{"ep-", "an endpoint ID"}
	idService       = idKind{"epsrv-", "an endpoint service ID"}
	idVpc           = idKind{"vpc-", "a VPC ID"}
	idVSwitch       = idKind{"vsw-", "a vSwitch ID"}
	idSecurityGroup = idKind{"sg-", "a security group ID"}
)

// idKinds lists the kinds, to name the kind of an ID given in the wrong
// place (an endpoint ID where a service ID belongs).
var idKinds = [...]idKind{idService, idEndpoint, idVpc, idVSwitch, idSecurityGroup}

// serviceNamePrefix starts every endpoint service name
// (com.aliyuncs.privatelink.<region>.<service ID>).
const serviceNamePrefix = "com.aliyuncs.privatelink."

// checkIDShape returns "" when s has the prefix of kind and more after it.
func checkIDShape(kind idKind, s string) string {
	if strings.HasPrefix(s, kind.prefix) && len(s) > len(kind.prefix) {
		if !printableASCII(s) {
			return strconv.Quote(s) + " holds a character no ID has (a space, a control character or non-ASCII)"
		}
		return ""
	}
	msg := strconv.Quote(s) + " is not " + kind.noun + ", which starts with " + strconv.Quote(kind.prefix)
	for _, other := range idKinds {
		if other != kind && strings.HasPrefix(s, other.prefix) && len(s) > len(other.prefix) {
			return msg + " (it is " + other.noun + ")"
		}
	}
	return msg
}

// printableASCII reports whether s holds only printable ASCII without
// spaces, as every resource ID does.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func checkEndpointID(s string) string      { return checkIDShape(idEndpoint, s) }
func checkVpcID(s string) string           { return checkIDShape(idVpc, s) }
func checkVSwitchID(s string) string       { return checkIDShape(idVSwitch, s) }
func checkSecurityGroupID(s string) string { return checkIDShape(idSecurityGroup, s) }

// checkServiceID checks a service ID in a request that cannot take the
// service's name instead.
func checkServiceID(s string) string {
	if strings.HasPrefix(s, serviceNamePrefix) {
		return strconv.Quote(s) + " is a service name; this field takes the service's ID, which starts with \"epsrv-\""
	}
	return checkIDShape(idService, s)
}

// checkServiceIDBesideName checks a service ID in a request that has a
// ServiceName field too, where a name belongs.
func checkServiceIDBesideName(s string) string {
	if strings.HasPrefix(s, serviceNamePrefix) {
		return strconv.Quote(s) + " is a service name, not an ID (which starts with \"epsrv-\"): use WithServiceName (the ServiceName field)"
	}
	return checkIDShape(idService, s)
}

// checkTaggedResourceID checks an ID of TagResources, UntagResources or
// ListTagResources against its ResourceType; a type the SDK does not know
// names no certain shape.
func checkTaggedResourceID(t TagResourceType, id string) string {
	switch t {
	case TagResourceTypeVpcEndpoint:
		return checkEndpointID(id)
	case TagResourceTypeVpcEndpointService:
		return checkServiceID(id)
	}
	return ""
}

// checkGroupedResourceID checks the ID of ChangeResourceGroup against its
// ResourceType, whose default is an endpoint.
func checkGroupedResourceID(t ResourceGroupResourceType, id string) string {
	switch t {
	case "", ResourceGroupResourceTypeVpcEndpoint:
		return checkEndpointID(id)
	case ResourceGroupResourceTypeVpcEndpointService:
		return checkServiceID(id)
	}
	return ""
}
