package reconcile

import (
	"github.com/privatelink-go/sdk/privatelink"
)

// Desired is the state a Reconciler makes the cloud match: the endpoints of
// the consumer's account and the endpoint services of the provider's, each
// under a Key of the caller's choosing. It is plain data: it can be read from
// JSON (the field names are the JSON names) or built in code.
type Desired struct {
	// Endpoints are the VPC endpoints that should exist, each Key once.
	Endpoints []EndpointSpec `json:"endpoints,omitempty"`
	// Services are the endpoint services that should exist, each Key once.
	Services []ServiceSpec `json:"services,omitempty"`
}

// EndpointSpec is one VPC endpoint that should exist.
//
// VpcID, the service, EndpointType, AddressIPVersion and ResourceGroupID
// are fixed when the endpoint is created: a difference from an existing
// endpoint is reported as a conflict for that Key and never acted on
// (change the Key to get a new endpoint, and prune the old one).
// ProtectedEnabled is set at creation and not compared afterwards.
// Zones, SecurityGroupIDs, Tags and ZoneAffinityEnabled are always managed:
// what the spec lists is what the endpoint ends with. Name, Description and
// PolicyDocument are managed when set; left empty, whatever the endpoint has
// is kept, because the API cannot set them back to empty.
type EndpointSpec struct {
	// Key names the endpoint for its whole life, for example
	// "tenant-42/orders-db": 1 to 128 characters, not starting with aliyun,
	// acs:, http:// or https://, since it is the value of the ownership tag.
	Key string `json:"key"`
	// AdoptID takes over an existing endpoint (ep-...) that the reconciler
	// did not create: the first apply tags it as this Key's, and from then
	// on it is managed like any other. Without AdoptID, an endpoint without
	// the ownership tag is never changed or deleted.
	AdoptID string `json:"adopt_id,omitempty"`
	// VpcID is the VPC of the endpoint. Required.
	VpcID string `json:"vpc_id"`
	// ServiceID is the endpoint service to connect to; ServiceID or
	// ServiceName is required.
	ServiceID string `json:"service_id,omitempty"`
	// ServiceName is the name of the endpoint service to connect to.
	ServiceName string `json:"service_name,omitempty"`
	// ServiceKey names a ServiceSpec of the same Desired to connect to, for
	// an account that publishes a service and uses it too: the endpoint is
	// created once that service exists (Apply creates services first).
	// Exactly one of ServiceID, ServiceName and ServiceKey is required.
	ServiceKey string `json:"service_key,omitempty"`
	// Zones are the endpoint's zones, each with its vSwitch and optionally
	// its IP address, no zone twice.
	Zones []ZoneSpec `json:"zones"`
	// SecurityGroupIDs are the security groups of the endpoint's ENIs.
	SecurityGroupIDs []string `json:"security_group_ids,omitempty"`
	// Name is the endpoint's name; empty leaves it as it is.
	Name string `json:"name,omitempty"`
	// Description is the endpoint's description; empty leaves it as it is.
	Description string `json:"description,omitempty"`
	// Tags are the endpoint's tags besides the ownership tag. Tags the
	// endpoint carries that are not listed are removed.
	Tags map[string]string `json:"tags,omitempty"`
	// ZoneAffinityEnabled routes requests to the ENI in the client's zone.
	ZoneAffinityEnabled bool `json:"zone_affinity_enabled,omitempty"`
	// PolicyDocument is the endpoint's RAM policy (JSON); empty leaves it
	// as it is.
	PolicyDocument string `json:"policy_document,omitempty"`
	// EndpointType is fixed at creation; empty is the service's default.
	EndpointType privatelink.EndpointType `json:"endpoint_type,omitempty"`
	// AddressIPVersion is fixed at creation by this package; empty is IPv4.
	AddressIPVersion privatelink.AddressIPVersion `json:"address_ip_version,omitempty"`
	// ResourceGroupID is the resource group the endpoint is created in.
	ResourceGroupID string `json:"resource_group_id,omitempty"`
	// ProtectedEnabled turns on managed protection at creation.
	ProtectedEnabled bool `json:"protected_enabled,omitempty"`
	// WaitConnected makes Apply wait, after its changes, until the
	// endpoint's connection is Connected (for a service that needs the
	// provider's acceptance, until the provider accepts).
	WaitConnected bool `json:"wait_connected,omitempty"`
}

// ZoneSpec is one zone of an endpoint.
type ZoneSpec struct {
	// ZoneID is the zone, for example "cn-hangzhou-h". Required.
	ZoneID string `json:"zone_id"`
	// VSwitchID is the vSwitch of the zone's ENI. Required.
	VSwitchID string `json:"vswitch_id"`
	// IP is the ENI's IPv4 address; empty lets the service choose. A
	// different address on an existing zone makes the zone be removed and
	// added again.
	IP string `json:"ip,omitempty"`
}

// ServiceSpec is one endpoint service that should exist, on the provider's
// side.
//
// ResourceType is fixed at creation (a difference is a conflict); Payer and
// AddressIPVersion are set at creation and not compared afterwards. The
// rest is managed: Resources, AllowedPrincipals and Tags are exactly what
// the spec lists, AutoAcceptEnabled and ZoneAffinityEnabled are set as
// given, and Description when it is not empty.
type ServiceSpec struct {
	// Key names the service for its whole life; the same rules as
	// EndpointSpec.Key.
	Key string `json:"key"`
	// AdoptID takes over an existing service (epsrv-...) the reconciler did
	// not create; see EndpointSpec.AdoptID.
	AdoptID string `json:"adopt_id,omitempty"`
	// ResourceType is the kind of load balancer behind the service (slb,
	// alb or nlb). Required.
	ResourceType privatelink.ServiceResourceType `json:"resource_type"`
	// Resources are the load balancers behind the service.
	Resources []ServiceResourceSpec `json:"resources"`
	// AutoAcceptEnabled accepts connections without the provider's action.
	AutoAcceptEnabled bool `json:"auto_accept_enabled,omitempty"`
	// ZoneAffinityEnabled resolves endpoint domains to the nearest zone.
	ZoneAffinityEnabled bool `json:"zone_affinity_enabled,omitempty"`
	// Description describes the service; empty leaves it as it is.
	Description string `json:"description,omitempty"`
	// Payer is who pays, fixed at creation; empty is the service's default.
	Payer privatelink.Payer `json:"payer,omitempty"`
	// AddressIPVersion is fixed at creation; empty is IPv4.
	AddressIPVersion privatelink.AddressIPVersion `json:"address_ip_version,omitempty"`
	// AllowedPrincipals is the service's allow-list: account IDs
	// ("1234567890123456") and ARNs ("acs:ram::1234567890123456:root", or
	// "*" for every account). Entries not listed are removed.
	AllowedPrincipals []string `json:"allowed_principals,omitempty"`
	// AcceptPending accepts the Pending connections of endpoints whose
	// account AllowedPrincipals lets in, for a service that does not accept
	// automatically.
	AcceptPending bool `json:"accept_pending,omitempty"`
	// Tags are the service's tags besides the ownership tag; others are
	// removed.
	Tags map[string]string `json:"tags,omitempty"`
}

// ServiceResourceSpec is one load balancer behind an endpoint service.
type ServiceResourceSpec struct {
	// ResourceID is the load balancer's ID. Required.
	ResourceID string `json:"resource_id"`
	// ZoneID is the zone of the resource, for load balancers that span
	// zones (ALB, NLB).
	ZoneID string `json:"zone_id,omitempty"`
}
