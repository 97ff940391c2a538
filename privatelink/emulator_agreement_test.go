package privatelink_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// What the SDK's validation accepts, the emulator accepts too: tests that
// pass validation must not fail on the emulator for a rule the SDK does not
// have (or the other way round).
func TestEmulatorAcceptsWhatTheSDKAccepts(t *testing.T) {
	srv, client := waitExampleEmulator()
	defer srv.Close()
	ctx := context.Background()

	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		WithTag("Aliyun-team", "ACS:owned"). // the reserved prefixes are lower case
		Build()
	require.NoError(t, err)
	_, err = client.CreateVpcEndpoint(ctx, req)
	require.NoError(t, err)

	// List filters may name system tags.
	resp, err := client.ListVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{
		Tags: []privatelink.Tag{{Key: "acs:rm:rgId", Value: "rg-1"}},
	})
	require.NoError(t, err)
	assert.Zero(t, resp.TotalCount)
}

// A retry after the credentials refreshed (STS, OIDC and ECS-role keys get
// a new AccessKeyId) finds the endpoint its ClientToken created.
func TestClientTokenSurvivesACredentialRefresh(t *testing.T) {
	srv := privatelinktest.NewServer(
		privatelinktest.WithSTSCredential("STS.first", "secret-1", "token-1"),
		privatelinktest.WithSTSCredential("STS.second", "secret-2", "token-2"),
	)
	defer srv.Close()
	ctx := context.Background()
	newClient := func(id, secret, token string) *privatelink.Client {
		c, err := privatelink.NewClient(privatelinktest.RegionID, privatelink.WithEndpoint(srv.URL),
			privatelink.WithStaticCredentials(id, secret, token))
		require.NoError(t, err)
		return c
	}
	first, err := newClient("STS.first", "secret-1", "token-1").CreateVpcEndpoint(ctx, waitExampleRequest("run-7"))
	require.NoError(t, err)
	again, err := newClient("STS.second", "secret-2", "token-2").CreateVpcEndpoint(ctx, waitExampleRequest("run-7"))
	require.NoError(t, err)
	assert.Equal(t, first.EndpointID, again.EndpointID)
	assert.Equal(t, 1, srv.EndpointCount())
}
