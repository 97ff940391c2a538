package privatelink_test

import (
	"context"
	"fmt"
	"log"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

func plainCreate() *privatelink.CreateVpcEndpointRequest {
	return &privatelink.CreateVpcEndpointRequest{
		VpcID:            privatelinktest.VpcID,
		ServiceID:        privatelinktest.ServiceID,
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
		Zones:            []privatelink.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
	}
}

// "Never a duplicate" holds per logical operation, and a plain struct
// without a ClientToken is a new one on every call: the client does not
// write the token it generates into the caller's request. Sending such a
// struct twice makes two endpoints; with a ClientToken, or from Build,
// which fixes one, a re-send is the same create.
func TestPlainRequestWithoutTokenIsANewOperationPerCall(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client(privatelink.WithRetry(1, 0, 0))
	ctx := t.Context()

	req := plainCreate()
	first, err := client.CreateVpcEndpoint(ctx, req)
	require.NoError(t, err)
	second, err := client.CreateVpcEndpoint(ctx, req)
	require.NoError(t, err)
	assert.NotEqual(t, first.EndpointID, second.EndpointID, "two sends of a token-less struct are two creates")
	assert.NotEqual(t, first.ClientToken, second.ClientToken)
	assert.Empty(t, req.ClientToken, "the request is not written to")

	req.ClientToken = privatelink.NewClientToken()
	third, err := client.CreateVpcEndpoint(ctx, req)
	require.NoError(t, err)
	again, err := client.CreateVpcEndpoint(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, third.EndpointID, again.EndpointID, "with a token, a re-send is the same create")

	built, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).WithSecurityGroupIDs(privatelinktest.SecurityGroupID).Build()
	require.NoError(t, err)
	b1, err := client.CreateVpcEndpoint(ctx, built)
	require.NoError(t, err)
	b2, err := client.CreateVpcEndpoint(ctx, built)
	require.NoError(t, err)
	assert.Equal(t, b1.EndpointID, b2.EndpointID, "Build fixed the token")
}

// One token-less request shared by goroutines as a template is safe: the
// client only reads it (the race detector checks), and each call is its
// own create. Writing the generated token into the request, as
// aws-sdk-go-v2 does, would make this a data race, and would fold the
// creates that won the race into one endpoint.
func TestOneTokenlessRequestSharedByGoroutines(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client(privatelink.WithRetry(1, 0, 0))
	req := plainCreate()
	const n = 8
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp, err := client.CreateVpcEndpoint(context.Background(), req)
			if assert.NoError(t, err) {
				ids[i] = resp.EndpointID
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	assert.Len(t, seen, n, "n calls, n endpoints")
	assert.Empty(t, req.ClientToken)
}

// A plain request struct is a new create on every send unless it carries a
// ClientToken; the response says which token the call used.
func ExampleCreateVpcEndpointRequest_clientToken() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	req := &privatelink.CreateVpcEndpointRequest{
		VpcID:            privatelinktest.VpcID,
		ServiceID:        privatelinktest.ServiceID,
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
		Zones:            []privatelink.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
	}
	a, err := client.CreateVpcEndpoint(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	b, err := client.CreateVpcEndpoint(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("without a token, two sends make two endpoints:", a.EndpointID != b.EndpointID)

	req.ClientToken = "order-4711-endpoint" // persisted before the first send
	c, err := client.CreateVpcEndpoint(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	d, err := client.CreateVpcEndpoint(ctx, req) // a re-send, as after a timeout
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("with a token, the re-send is the same create:", c.EndpointID == d.EndpointID)
	// Output:
	// without a token, two sends make two endpoints: true
	// with a token, the re-send is the same create: true
}
