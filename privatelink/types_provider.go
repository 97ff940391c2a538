package privatelink

import "github.com/privatelink-go/sdk/internal/jsonx"

// MaxServiceResources is the most resources CreateVpcEndpointService takes;
// more can be attached afterwards.
const MaxServiceResources = 10

// ServiceResourceRef names a load balancer to put behind an endpoint
// service in CreateVpcEndpointService.
type ServiceResourceRef struct {
	// ResourceType is the kind of load balancer. Required.
	ResourceType ServiceResourceType
	// ResourceID is the load balancer's ID. Required.
	ResourceID string
	// ZoneID is the zone of the resource, for load balancers that span
	// zones (ALB, NLB).
	ZoneID string
}

// ServiceUser is one entry of an endpoint service's allow-list: an
// Alibaba Cloud account ID or an ARN, as ListVpcEndpointServiceUsers reports
// it in Users or UserARNs.
type ServiceUser struct {
	// UserID is the account ID, up to 9223372036854775807; 0 for an ARN
	// entry. It is decoded exactly, never through a float64.
	UserID int64
	// UserARN is the ARN; empty for an account ID entry.
	UserARN string
}

// decodeObject decodes one entry of Users ({"UserId": ...}) or UserARNs
// ({"UserARN": ...}), skipping fields it does not know.
func (u *ServiceUser) decodeObject(d *jsonx.Decoder) {
	if !d.Object() {
		return
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		switch string(key) {
		case "UserId":
			u.UserID = d.Int()
		case "UserARN":
			u.UserARN = d.String()
		default:
			d.Skip()
		}
	}
}

// decodeObject decodes one tag object (or null), for the generated
// decoders of lists that carry tags.
func (t *Tag) decodeObject(d *jsonx.Decoder) {
	if !d.Object() {
		return
	}
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		switch string(key) {
		case "Key":
			t.Key = d.String()
		case "Value":
			t.Value = d.String()
		default:
			d.Skip()
		}
	}
}

// IsKnown reports whether p is one of the documented payers.
func (p Payer) IsKnown() bool {
	return p == PayerEndpoint || p == PayerEndpointService
}

// Zone states of a connection's zone during a migration of its service
// resource (ListVpcEndpointConnections).
const (
	// ZoneStatusMigrating: the zone's connection is moving to another
	// service resource.
	ZoneStatusMigrating ZoneStatus = "Migrating"
	// ZoneStatusMigrated: the zone's connection has moved.
	ZoneStatusMigrated ZoneStatus = "Migrated"
)
