package privatelink_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Build refuses what the service would refuse, with a message that says
// what is wrong, before anything is sent.
func TestBuildRefusesWhatTheServiceRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		b     *privatelink.CreateVpcEndpointBuilder
		field string
	}{
		"Interface endpoint without a security group": {
			b:     privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA),
			field: "SecurityGroupIDs",
		},
		"explicit Interface type without a security group": {
			b: privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
				WithEndpointType(privatelink.EndpointTypeInterface).WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA),
			field: "SecurityGroupIDs",
		},
		"GatewayLoadBalancer endpoint with a security group": {
			b: privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
				WithEndpointType(privatelink.EndpointTypeGatewayLoadBalancer).WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
				WithSecurityGroupIDs(privatelinktest.SecurityGroupID),
			field: "SecurityGroupIDs",
		},
		"WithZone with zone and vSwitch swapped": {
			b: privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
				WithZone(privatelinktest.VSwitchA, privatelinktest.ZoneA).WithSecurityGroupIDs(privatelinktest.SecurityGroupID),
			field: "Zones[0].ZoneID",
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := tc.b.Build()
			var ve *privatelink.ValidationError
			require.ErrorAs(t, err, &ve)
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			assert.Contains(t, fields, tc.field)
		})
	}
	_, err := privatelink.NewAddZoneToVpcEndpoint("ep-hp3emu0ep00000000000", privatelinktest.VSwitchA, privatelinktest.ZoneA).Build()
	var ve *privatelink.ValidationError
	require.ErrorAs(t, err, &ve, "AddZoneToVpcEndpoint with zone and vSwitch swapped")
}

// A Reverse endpoint may go without a security group: only Interface
// endpoints must have one.
func TestBuildAcceptsReverseWithoutSecurityGroup(t *testing.T) {
	_, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
		WithEndpointType(privatelink.EndpointTypeReverse).WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).Build()
	require.NoError(t, err)
}

// A built request is one logical operation: sending it again, as after a
// timeout, returns the endpoint the first send created.
func TestBuiltRequestSentTwiceCreatesOneEndpoint(t *testing.T) {
	srv := privatelinktest.NewServer()
	t.Cleanup(srv.Close)
	client := newEmulatorClient(t, srv)
	req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
		Build()
	require.NoError(t, err)
	first, err := client.CreateVpcEndpoint(t.Context(), req)
	require.NoError(t, err)
	second, err := client.CreateVpcEndpoint(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, first.EndpointID, second.EndpointID)
	assert.Equal(t, 1, srv.EndpointCount())
}

// Every builder of an operation that takes a ClientToken fixes one.
func TestBuildFixesClientToken(t *testing.T) {
	const ep = "ep-hp3emu0ep00000000000"
	tokens := map[string]func() (string, error){
		"CreateVpcEndpoint": func() (string, error) {
			r, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
				WithSecurityGroupIDs(privatelinktest.SecurityGroupID).Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
		"UpdateVpcEndpointAttribute": func() (string, error) {
			r, err := privatelink.NewUpdateVpcEndpointAttribute(ep).WithEndpointName("n1").Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
		"DeleteVpcEndpoint": func() (string, error) {
			r, err := privatelink.NewDeleteVpcEndpoint(ep).Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
		"AddZoneToVpcEndpoint": func() (string, error) {
			r, err := privatelink.NewAddZoneToVpcEndpoint(ep, privatelinktest.ZoneA, privatelinktest.VSwitchA).Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
		"RemoveZoneFromVpcEndpoint": func() (string, error) {
			r, err := privatelink.NewRemoveZoneFromVpcEndpoint(ep, privatelinktest.ZoneA).Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
		"AttachSecurityGroupToVpcEndpoint": func() (string, error) {
			r, err := privatelink.NewAttachSecurityGroupToVpcEndpoint(ep, privatelinktest.SecurityGroupID).Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
		"DetachSecurityGroupFromVpcEndpoint": func() (string, error) {
			r, err := privatelink.NewDetachSecurityGroupFromVpcEndpoint(ep, privatelinktest.SecurityGroupID).Build()
			if err != nil {
				return "", err
			}
			return r.ClientToken, nil
		},
	}
	for name, build := range tokens {
		token, err := build()
		require.NoError(t, err, name)
		assert.NotEmpty(t, token, "%s: Build left the ClientToken empty", name)
	}
}

// Every builder of a request with tags has the documented WithTag adder,
// and it appends to Tags after the tags WithTags or the constructor gave.
func TestWithTagOnEveryBuilderWithTags(t *testing.T) {
	want := []privatelink.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "payments"}}
	first := privatelink.Tag{Key: "env", Value: "prod"}
	for name, build := range map[string]func() ([]privatelink.Tag, error){
		"CreateVpcEndpoint": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
				WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).WithSecurityGroupIDs(privatelinktest.SecurityGroupID).
				WithTags(first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
		"CreateVpcEndpointService": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewCreateVpcEndpointService().WithTags(first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
		"ListTagResources": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewListTagResources(privatelink.TagResourceTypeVpcEndpoint).WithTags(first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
		"ListVpcEndpointServices": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewListVpcEndpointServices().WithTags(first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
		"ListVpcEndpointServicesByEndUser": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewListVpcEndpointServicesByEndUser().WithTags(first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
		"ListVpcEndpoints": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewListVpcEndpoints().WithTags(first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
		"TagResources": func() ([]privatelink.Tag, error) {
			r, err := privatelink.NewTagResources(privatelink.TagResourceTypeVpcEndpoint, []string{"ep-1"}, first).WithTag("team", "payments").Build()
			if err != nil {
				return nil, err
			}
			return r.Tags, nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			tags, err := build()
			require.NoError(t, err)
			assert.Equal(t, want, tags)
		})
	}
}
