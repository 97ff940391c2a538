package privatelink

import (
	"context"
	"slices"

	"github.com/privatelink-go/sdk/internal/wire"
)

const actionCreateVpcEndpoint = "CreateVpcEndpoint"

// CreateVpcEndpointRequest is the input of CreateVpcEndpoint. Fields left at
// their zero value are not sent, and the service applies its defaults.
type CreateVpcEndpointRequest struct {
	// VpcID is the VPC to create the endpoint in. Required.
	VpcID string
	// ServiceID is the endpoint service to connect to. ServiceID or
	// ServiceName is required.
	ServiceID string
	// ServiceName is the name of the endpoint service to connect to, for
	// example "com.aliyuncs.privatelink.cn-huhehaote.epsrv-...".
	ServiceName string
	// ServiceRegionID is the region of the endpoint service, for a
	// cross-region endpoint, sent as ServiceRegionId. The CreateVpcEndpoint
	// reference of 2020-04-15 lists ServiceRegionId and CrossRegionBandwidth
	// among the response fields only; check that your region accepts them
	// as parameters (read them back from GetVpcEndpointAttribute) before
	// relying on a cross-region endpoint.
	ServiceRegionID string
	// EndpointName is 2 to 128 characters: an English letter or Chinese
	// character, then letters, Chinese characters, digits, '-' and '_'.
	EndpointName string
	// EndpointDescription is 2 to 256 characters and must not start with
	// http:// or https://.
	EndpointDescription string
	// EndpointType defaults to EndpointTypeInterface.
	EndpointType EndpointType
	// AddressIPVersion defaults to AddressIPVersionIPv4.
	AddressIPVersion AddressIPVersion
	// Zones lists at most MaxZones zones, each with ZoneID and VSwitchID and
	// no zone twice. Only ZoneID, VSwitchID, IP and IPv6Address are sent.
	Zones []Zone
	// SecurityGroupIDs lists at most MaxSecurityGroups security groups for
	// the endpoint's ENIs, none twice. An Interface endpoint needs at least
	// one; a GatewayLoadBalancer endpoint takes none.
	SecurityGroupIDs []string
	// ZonePrivateIPAddressCount is the number of private IP addresses of
	// each zone's ENI; the only accepted value is 1.
	ZonePrivateIPAddressCount int
	// ZoneAffinityEnabled routes requests to the endpoint's ENI in the
	// client's zone.
	ZoneAffinityEnabled bool
	// ProtectedEnabled turns on managed protection: with STS credentials,
	// only the creator may then change or delete the endpoint.
	ProtectedEnabled bool
	// CrossRegionBandwidth is the cross-region bandwidth in Mbit/s, sent as
	// CrossRegionBandwidth (see ServiceRegionID for a caveat).
	CrossRegionBandwidth int
	// ResourceGroupID is the resource group of the endpoint.
	ResourceGroupID string
	// PolicyDocument is the endpoint's RAM policy, a JSON document.
	PolicyDocument string
	// Tags lists at most MaxTags tags, no key twice.
	Tags []Tag
	// ClientToken makes the call idempotent: the same token with the same
	// parameters returns the original endpoint instead of creating another.
	// At most 64 printable ASCII characters. When empty, the client
	// generates one per call and reports it in the response and in errors.
	ClientToken string
	// DryRun asks the service to check the request without creating
	// anything. A request that passes fails with an *APIError for which
	// errors.Is(err, ErrDryRunPassed) is true; any other error is what the
	// real request would have met.
	DryRun bool
}

// Validate checks the request against the API's documented rules and
// returns a *ValidationError listing every problem, or nil.
func (r *CreateVpcEndpointRequest) Validate() error {
	if r == nil {
		return nilRequest(actionCreateVpcEndpoint)
	}
	v := validator{action: actionCreateVpcEndpoint}
	v.required("VpcID", r.VpcID)
	if r.ServiceID == "" && r.ServiceName == "" {
		v.add("ServiceID", "ServiceID or ServiceName is required")
	}
	if r.EndpointName != "" {
		v.check("EndpointName", checkEndpointName(r.EndpointName))
	}
	if r.EndpointDescription != "" {
		v.check("EndpointDescription", checkEndpointDescription(r.EndpointDescription))
	}
	v.check("EndpointType", checkEndpointType(r.EndpointType))
	v.check("AddressIPVersion", checkAddressIPVersion(r.AddressIPVersion))
	v.zones(r.Zones, r.AddressIPVersion)
	v.securityGroupIDs(r.SecurityGroupIDs)
	switch r.EndpointType {
	case "", EndpointTypeInterface:
		if len(r.SecurityGroupIDs) == 0 {
			v.add("SecurityGroupIDs", "an Interface endpoint needs at least one security group (the service answers EndpointMustContainSecurityGroup)")
		}
	case EndpointTypeGatewayLoadBalancer:
		if len(r.SecurityGroupIDs) > 0 {
			v.add("SecurityGroupIDs", "a GatewayLoadBalancer endpoint takes no security group (the service answers GatewayLoadBalancerNotSupportSecurityGroup)")
		}
	}
	if r.ZonePrivateIPAddressCount != 0 && r.ZonePrivateIPAddressCount != 1 {
		v.add("ZonePrivateIPAddressCount", "must be 1 (or 0 to leave it unset), got "+itoa(r.ZonePrivateIPAddressCount))
	}
	if r.CrossRegionBandwidth < 0 {
		v.add("CrossRegionBandwidth", "must not be negative, got "+itoa(r.CrossRegionBandwidth))
	}
	if r.PolicyDocument != "" {
		v.check("PolicyDocument", checkPolicyDocument(r.PolicyDocument))
	}
	v.tags("Tags", r.Tags)
	v.clientToken(r.ClientToken)
	return v.err()
}

// zones checks the zones of a create request.
func (v *validator) zones(zones []Zone, ipVersion AddressIPVersion) {
	if len(zones) > MaxZones {
		v.add("Zones", "at most "+itoa(MaxZones)+" zones, got "+itoa(len(zones)))
	}
	for i, z := range zones {
		if z.ZoneID == "" {
			v.add(indexed("Zones", i, "ZoneID"), "required")
		}
		if looksLikeVSwitchID(z.ZoneID) {
			v.add(indexed("Zones", i, "ZoneID"), swappedZoneMessage(z.ZoneID))
		}
		if z.VSwitchID == "" {
			v.add(indexed("Zones", i, "VSwitchID"), "required")
		}
		if z.IP != "" {
			if msg := checkIPv4(z.IP); msg != "" {
				v.add(indexed("Zones", i, "IP"), msg)
			}
		}
		if z.IPv6Address != "" {
			if msg := checkIPv6(z.IPv6Address); msg != "" {
				v.add(indexed("Zones", i, "IPv6Address"), msg)
			} else if ipVersion != AddressIPVersionDualStack {
				v.add(indexed("Zones", i, "IPv6Address"), "allowed only with AddressIPVersion DualStack")
			}
		}
		for j := range i {
			if z.ZoneID != "" && zones[j].ZoneID == z.ZoneID {
				v.add(indexed("Zones", i, "ZoneID"), "duplicate of "+indexed("Zones", j, "ZoneID"))
				break
			}
		}
	}
}

// securityGroupIDs checks the security groups of a create request.
func (v *validator) securityGroupIDs(ids []string) {
	if len(ids) > MaxSecurityGroups {
		v.add("SecurityGroupIDs", "at most "+itoa(MaxSecurityGroups)+" security groups, got "+itoa(len(ids)))
	}
	for i, id := range ids {
		if id == "" {
			v.add(indexed("SecurityGroupIDs", i, ""), "must not be empty")
			continue
		}
		for j := range i {
			if ids[j] == id {
				v.add(indexed("SecurityGroupIDs", i, ""), "duplicate of "+indexed("SecurityGroupIDs", j, ""))
				break
			}
		}
	}
}

// params encodes the request with the ClientToken the call uses, in the
// order of the API reference.
func (r *CreateVpcEndpointRequest) params(clientToken string) wire.Params {
	p := make(wire.Params, 0, 18+4*len(r.Zones)+len(r.SecurityGroupIDs)+2*len(r.Tags))
	p.String("ClientToken", clientToken)
	p.True("DryRun", r.DryRun)
	p.String("EndpointName", r.EndpointName)
	p.String("EndpointType", string(r.EndpointType))
	p.Int("ZonePrivateIpAddressCount", int64(r.ZonePrivateIPAddressCount))
	p.String("EndpointDescription", r.EndpointDescription)
	p.Set("VpcId", r.VpcID)
	p.String("ServiceId", r.ServiceID)
	p.String("ServiceName", r.ServiceName)
	for i, z := range r.Zones {
		p.Set(wire.Indexed("Zone", i, "VSwitchId"), z.VSwitchID)
		p.Set(wire.Indexed("Zone", i, "ZoneId"), z.ZoneID)
		// Lower-case "ip" is the parameter's real name.
		if z.IP != "" {
			p.Set(wire.Indexed("Zone", i, "ip"), z.IP)
		}
		if z.IPv6Address != "" {
			p.Set(wire.Indexed("Zone", i, "Ipv6Address"), z.IPv6Address)
		}
	}
	p.List("SecurityGroupId", r.SecurityGroupIDs)
	p.True("ProtectedEnabled", r.ProtectedEnabled)
	for i, t := range r.Tags {
		p.Set(wire.Indexed("Tag", i, "Key"), t.Key)
		if t.Value != "" {
			p.Set(wire.Indexed("Tag", i, "Value"), t.Value)
		}
	}
	p.String("ResourceGroupId", r.ResourceGroupID)
	p.String("PolicyDocument", r.PolicyDocument)
	p.String("AddressIpVersion", string(r.AddressIPVersion))
	p.True("ZoneAffinityEnabled", r.ZoneAffinityEnabled)
	p.Int("CrossRegionBandwidth", int64(r.CrossRegionBandwidth))
	p.String("ServiceRegionId", r.ServiceRegionID)
	return p
}

// CreateVpcEndpointResponse is the output of CreateVpcEndpoint: the new
// endpoint (usually EndpointStatusCreating), the request ID and the
// ClientToken the call used.
type CreateVpcEndpointResponse struct {
	Endpoint
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the idempotency token the call carried: the caller's,
	// or the one the client generated.
	ClientToken string
}

// CreateVpcEndpoint calls the CreateVpcEndpoint API action: it creates an
// endpoint that connects req.VpcID to an endpoint service.
//
// Creation is asynchronous: the endpoint is returned in state Creating and
// becomes Active later (poll GetVpcEndpointAttribute, or use a waiter). The
// request is validated before anything is sent. The call is idempotent: it
// carries req.ClientToken, or a token generated once for this call and
// reused by every retry, and every error that may follow a request reaching
// the service carries that token (see ClientTokenFromError) so the call can
// be repeated without creating a second endpoint.
func (c *Client) CreateVpcEndpoint(ctx context.Context, req *CreateVpcEndpointRequest) (*CreateVpcEndpointResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	token := resolveClientToken(req.ClientToken)
	resp := &CreateVpcEndpointResponse{ClientToken: token}
	reqID, err := c.call(ctx, actionCreateVpcEndpoint, req.params(token), token, resp.Endpoint.decodeField)
	if err != nil {
		return nil, err
	}
	resp.RequestID = reqID
	return resp, nil
}

// CreateVpcEndpointBuilder builds a CreateVpcEndpointRequest step by step.
// Build validates the result.
type CreateVpcEndpointBuilder struct {
	req CreateVpcEndpointRequest
}

// NewCreateVpcEndpoint starts a CreateVpcEndpoint request for the endpoint
// in vpcID. Add the service with WithServiceID or WithServiceName.
func NewCreateVpcEndpoint(vpcID string) *CreateVpcEndpointBuilder {
	return &CreateVpcEndpointBuilder{req: CreateVpcEndpointRequest{VpcID: vpcID}}
}

// WithServiceID sets the endpoint service to connect to by ID.
func (b *CreateVpcEndpointBuilder) WithServiceID(id string) *CreateVpcEndpointBuilder {
	b.req.ServiceID = id
	return b
}

// WithServiceName sets the endpoint service to connect to by name.
func (b *CreateVpcEndpointBuilder) WithServiceName(name string) *CreateVpcEndpointBuilder {
	b.req.ServiceName = name
	return b
}

// WithServiceRegionID sets the region of the endpoint service, for a
// cross-region endpoint.
func (b *CreateVpcEndpointBuilder) WithServiceRegionID(regionID string) *CreateVpcEndpointBuilder {
	b.req.ServiceRegionID = regionID
	return b
}

// WithEndpointName sets the endpoint's name.
func (b *CreateVpcEndpointBuilder) WithEndpointName(name string) *CreateVpcEndpointBuilder {
	b.req.EndpointName = name
	return b
}

// WithEndpointDescription sets the endpoint's description.
func (b *CreateVpcEndpointBuilder) WithEndpointDescription(description string) *CreateVpcEndpointBuilder {
	b.req.EndpointDescription = description
	return b
}

// WithEndpointType sets the endpoint type.
func (b *CreateVpcEndpointBuilder) WithEndpointType(t EndpointType) *CreateVpcEndpointBuilder {
	b.req.EndpointType = t
	return b
}

// WithAddressIPVersion sets the IP version; AddressIPVersionDualStack
// allows zones with IPv6 addresses.
func (b *CreateVpcEndpointBuilder) WithAddressIPVersion(v AddressIPVersion) *CreateVpcEndpointBuilder {
	b.req.AddressIPVersion = v
	return b
}

// WithZone adds a zone whose ENI gets an address chosen by the service.
// The zone ID comes first (for example "cn-hangzhou-a", then "vsw-...");
// Build refuses a vSwitch ID given as the zone.
func (b *CreateVpcEndpointBuilder) WithZone(zoneID, vSwitchID string) *CreateVpcEndpointBuilder {
	b.req.Zones = append(b.req.Zones, Zone{ZoneID: zoneID, VSwitchID: vSwitchID})
	return b
}

// WithZoneIP adds a zone whose ENI gets the IPv4 address ip.
func (b *CreateVpcEndpointBuilder) WithZoneIP(zoneID, vSwitchID, ip string) *CreateVpcEndpointBuilder {
	b.req.Zones = append(b.req.Zones, Zone{ZoneID: zoneID, VSwitchID: vSwitchID, IP: ip})
	return b
}

// WithZones adds zones as given, for example with IPv6 addresses.
func (b *CreateVpcEndpointBuilder) WithZones(zones ...Zone) *CreateVpcEndpointBuilder {
	b.req.Zones = append(b.req.Zones, zones...)
	return b
}

// WithSecurityGroupIDs adds security groups for the endpoint's ENIs.
func (b *CreateVpcEndpointBuilder) WithSecurityGroupIDs(ids ...string) *CreateVpcEndpointBuilder {
	b.req.SecurityGroupIDs = append(b.req.SecurityGroupIDs, ids...)
	return b
}

// WithTags adds tags.
func (b *CreateVpcEndpointBuilder) WithTags(tags ...Tag) *CreateVpcEndpointBuilder {
	b.req.Tags = append(b.req.Tags, tags...)
	return b
}

// WithTag adds a tag.
func (b *CreateVpcEndpointBuilder) WithTag(key, value string) *CreateVpcEndpointBuilder {
	b.req.Tags = append(b.req.Tags, Tag{Key: key, Value: value})
	return b
}

// WithZonePrivateIPAddressCount sets the number of private IP addresses of
// each zone's ENI (the API accepts only 1).
func (b *CreateVpcEndpointBuilder) WithZonePrivateIPAddressCount(n int) *CreateVpcEndpointBuilder {
	b.req.ZonePrivateIPAddressCount = n
	return b
}

// WithZoneAffinityEnabled turns on zone affinity.
func (b *CreateVpcEndpointBuilder) WithZoneAffinityEnabled(enabled bool) *CreateVpcEndpointBuilder {
	b.req.ZoneAffinityEnabled = enabled
	return b
}

// WithProtectedEnabled turns managed protection on or off.
func (b *CreateVpcEndpointBuilder) WithProtectedEnabled(enabled bool) *CreateVpcEndpointBuilder {
	b.req.ProtectedEnabled = enabled
	return b
}

// WithCrossRegionBandwidth sets the cross-region bandwidth in Mbit/s.
func (b *CreateVpcEndpointBuilder) WithCrossRegionBandwidth(mbps int) *CreateVpcEndpointBuilder {
	b.req.CrossRegionBandwidth = mbps
	return b
}

// WithResourceGroupID sets the endpoint's resource group.
func (b *CreateVpcEndpointBuilder) WithResourceGroupID(id string) *CreateVpcEndpointBuilder {
	b.req.ResourceGroupID = id
	return b
}

// WithPolicyDocument sets the endpoint's RAM policy (a JSON document).
func (b *CreateVpcEndpointBuilder) WithPolicyDocument(doc string) *CreateVpcEndpointBuilder {
	b.req.PolicyDocument = doc
	return b
}

// WithDryRun makes the request a dry run when dryRun is true; see CreateVpcEndpointRequest.DryRun.
func (b *CreateVpcEndpointBuilder) WithDryRun(dryRun bool) *CreateVpcEndpointBuilder {
	b.req.DryRun = dryRun
	return b
}

// WithClientToken sets the idempotency token instead of a generated one.
func (b *CreateVpcEndpointBuilder) WithClientToken(token string) *CreateVpcEndpointBuilder {
	b.req.ClientToken = token
	return b
}

// Build validates the request and returns a copy of it, or a
// *ValidationError listing every problem. The copy carries a fixed
// ClientToken (the one set with WithClientToken, or a generated one), so
// sending it twice, as after a timeout, is one logical operation; persist
// req.ClientToken to finish the same operation from another process. Each
// Build is a new operation with a new token; later builder calls do not
// change a request already built.
func (b *CreateVpcEndpointBuilder) Build() (*CreateVpcEndpointRequest, error) {
	r := b.req
	r.Zones = slices.Clone(r.Zones)
	r.SecurityGroupIDs = slices.Clone(r.SecurityGroupIDs)
	r.Tags = slices.Clone(r.Tags)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	// A built request is one logical operation: sending it twice, as after
	// a timeout, must not act twice.
	r.ClientToken = resolveClientToken(r.ClientToken)
	return &r, nil
}
