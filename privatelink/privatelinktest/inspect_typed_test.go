package privatelinktest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// A snapshot compares with the SDK's typed constants, without a string
// conversion on either side.
func TestSnapshotUsesTheSDKsTypes(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	assert.NoError(t, err)
	created, err := client.CreateVpcEndpoint(t.Context(), req)
	assert.NoError(t, err)
	got, ok := srv.Endpoint(created.EndpointID)
	assert.True(t, ok)
	assert.EqualValues(t, privatelink.EndpointTypeInterface, got.Type)
	// assert.Equal compares types too: a string status is not the SDK's.
	var status any = got.Status
	_, typed := status.(privatelink.EndpointStatus)
	assert.True(t, typed, "Endpoint.Status is %T, not privatelink.EndpointStatus", status)
	var conn any = got.ConnectionStatus
	_, typed = conn.(privatelink.ConnectionStatus)
	assert.True(t, typed, "Endpoint.ConnectionStatus is %T", conn)
	var zone any = got.Zones[0].Status
	_, typed = zone.(privatelink.ZoneStatus)
	assert.True(t, typed, "EndpointZone.Status is %T", zone)
	var sg any = got.SecurityGroups[0].Status
	_, typed = sg.(privatelink.SecurityGroupStatus)
	assert.True(t, typed, "EndpointSecurityGroup.Status is %T", sg)
}
