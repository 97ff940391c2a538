package privatelink

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// The parameters the en-US metadata added to two endpoint operations go out
// under both signature versions.
func TestEndpointMetadataGapsWire(t *testing.T) {
	ctx := context.Background()
	bothVersions(t, func(t *testing.T, version Option) {
		c, srv := newWireClient(t, version, requestIDOnly)
		req, err := NewUpdateVpcEndpointAttribute("ep-1").WithResetPolicy(true).WithCrossRegionBandwidth(2048).WithClientToken("tok").Build()
		require.NoError(t, err)
		_, err = c.UpdateVpcEndpointAttribute(ctx, req)
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"EndpointId": "ep-1", "ResetPolicy": "true", "CrossRegionBandwidth": "2048", "ClientToken": "tok"}, srv.only(t).Query)

		c, srv = newWireClient(t, version, requestIDOnly)
		list, err := NewListVpcEndpoints().WithServiceRegionID("cn-beijing").Build()
		require.NoError(t, err)
		_, err = c.ListVpcEndpoints(ctx, list)
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"ServiceRegionId": "cn-beijing"}, srv.only(t).Query)
	})
}

func TestUpdateVpcEndpointAttributePolicyAndBandwidthChecks(t *testing.T) {
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)
	_, err := c.UpdateVpcEndpointAttribute(context.Background(), &UpdateVpcEndpointAttributeRequest{EndpointID: "ep-1",
		PolicyDocument: `{"Version":"1"}`, ResetPolicy: true, CrossRegionBandwidth: -1})
	assert.Equal(t, []string{"CrossRegionBandwidth", "ResetPolicy"}, problemFields(t, err))
	srv.mu.Lock()
	assert.Empty(t, srv.seen)
	srv.mu.Unlock()
}
