package privatelinktest_test

import (
	"testing"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

func TestServerClientIsReadyToUse(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client(privatelink.WithRetry(1, 0, 0))
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	created, err := client.CreateVpcEndpoint(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Endpoint(created.EndpointID); !ok {
		t.Fatalf("endpoint %s not in the emulator", created.EndpointID)
	}
	if client.RegionID() != privatelinktest.RegionID {
		t.Errorf("RegionID = %q", client.RegionID())
	}
}

func TestServerClientPanicsOnAnInvalidOption(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	srv.Client(privatelink.WithRetry(0, 0, 0))
}
