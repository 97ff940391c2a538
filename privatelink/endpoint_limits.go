package privatelink

// Page-size limits of the endpoint list operations, per the API metadata;
// the generated Validate methods check MaxResults against them.
const (
	// MaxListVpcEndpointsResults is the largest page ListVpcEndpoints
	// serves.
	MaxListVpcEndpointsResults = 1000
	// MaxListVpcEndpointSecurityGroupsResults is the largest page
	// ListVpcEndpointSecurityGroups accepts.
	MaxListVpcEndpointSecurityGroupsResults = 50
	// MaxListVpcEndpointZonesResults is the largest page
	// ListVpcEndpointZones accepts.
	MaxListVpcEndpointZonesResults = 1000
)
