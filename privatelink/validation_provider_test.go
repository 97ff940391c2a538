package privatelink

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The service builder refuses a resource whose type contradicts
// WithServiceResourceType, which the service answers with
// Mismatch.ResourceType.
func TestServiceBuilderRefusesContradictingResourceType(t *testing.T) {
	_, err := NewCreateVpcEndpointService().
		WithServiceResourceType(ServiceResourceTypeNLB).
		WithResource(ServiceResourceTypeNLB, "nlb-1", "cn-hangzhou-h").
		WithResource(ServiceResourceTypeSLB, "lb-1", "cn-hangzhou-i").
		Build()
	requireProblem(t, err, "Resources[1].ResourceType", `is "slb" but ServiceResourceType is "nlb"`)
	assert.Len(t, err.(*ValidationError).Problems, 1)

	for _, b := range []*CreateVpcEndpointServiceBuilder{
		NewCreateVpcEndpointService().WithServiceResourceType(ServiceResourceTypeALB).WithResource(ServiceResourceTypeALB, "alb-1", "z"),
		NewCreateVpcEndpointService().WithResource(ServiceResourceTypeSLB, "lb-1", "z"), // the type is the service's default
		NewCreateVpcEndpointService().WithServiceResourceType(ServiceResourceTypeSLB),   // resources can be attached later
		// A type new to the SDK, or spelled otherwise, is not certain to
		// mismatch: the service judges it.
		NewCreateVpcEndpointService().WithServiceResourceType(ServiceResourceTypeNLB).WithResource("xlb", "xlb-1", "z"),
		NewCreateVpcEndpointService().WithServiceResourceType("NLB").WithResource(ServiceResourceTypeNLB, "nlb-1", "z"),
	} {
		_, err := b.Build()
		require.NoError(t, err)
	}
}
