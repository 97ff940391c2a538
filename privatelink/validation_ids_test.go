package privatelink

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IDs of the wrong shape fail in Validate, in every operation, with the
// field and what the ID should start with.
func TestValidateRefusesIDsOfTheWrongShape(t *testing.T) {
	const name = "com.aliyuncs.privatelink.cn-hangzhou.epsrv-bp1gsutb0ah7xxx"
	create := func(edit func(*CreateVpcEndpointBuilder)) error {
		b := NewCreateVpcEndpoint("vpc-1").WithServiceID("epsrv-1").WithZone("cn-hangzhou-h", "vsw-1").WithSecurityGroupIDs("sg-1")
		edit(b)
		_, err := b.Build()
		return err
	}
	for _, tc := range []struct {
		name  string
		err   error
		field string
		msg   string
	}{
		{"VPC typo", create(func(b *CreateVpcEndpointBuilder) { b.req.VpcID = "vcp-typo" }), "VpcID", `"vcp-typo" is not a VPC ID, which starts with "vpc-"`},
		{"service ID typo", create(func(b *CreateVpcEndpointBuilder) { b.WithServiceID("epsvr-x") }), "ServiceID", `"epsvr-x" is not an endpoint service ID, which starts with "epsrv-"`},
		{"service name as ID", create(func(b *CreateVpcEndpointBuilder) { b.WithServiceID(name) }), "ServiceID", "use WithServiceName"},
		{"endpoint ID as service ID", create(func(b *CreateVpcEndpointBuilder) { b.WithServiceID("ep-1") }), "ServiceID", "(it is an endpoint ID)"},
		{"vSwitch typo", create(func(b *CreateVpcEndpointBuilder) { b.req.Zones[0].VSwitchID = "vs-1" }), "Zones[0].VSwitchID", `starts with "vsw-"`},
		{"security group typo", create(func(b *CreateVpcEndpointBuilder) { b.WithSecurityGroupIDs("sg-2", "gs-1") }), "SecurityGroupIDs[2]", `starts with "sg-"`},
		{"prefix alone", create(func(b *CreateVpcEndpointBuilder) { b.req.VpcID = "vpc-" }), "VpcID", `"vpc-" is not a VPC ID`},
		{"space in ID", create(func(b *CreateVpcEndpointBuilder) { b.req.VpcID = "vpc-1 " }), "VpcID", "a space, a control character or non-ASCII"},
		{"Get endpoint", (&GetVpcEndpointAttributeRequest{EndpointID: "epsrv-1"}).Validate(), "EndpointID", "(it is an endpoint service ID)"},
		{"Delete endpoint", (&DeleteVpcEndpointRequest{EndpointID: "e-1"}).Validate(), "EndpointID", `starts with "ep-"`},
		{"List endpoints by VPC", (&ListVpcEndpointsRequest{VpcID: "vsw-1"}).Validate(), "VpcID", "(it is a vSwitch ID)"},
		{"AddZone vSwitch", (&AddZoneToVpcEndpointRequest{EndpointID: "ep-1", ZoneID: "z", VSwitchID: "cn-hangzhou-h"}).Validate(), "VSwitchID", `starts with "vsw-"`},
		{"Attach security group", (&AttachSecurityGroupToVpcEndpointRequest{EndpointID: "ep-1", SecurityGroupID: "sgx"}).Validate(), "SecurityGroupID", `starts with "sg-"`},
		{"service attribute by name", (&GetVpcEndpointServiceAttributeRequest{ServiceID: name}).Validate(), "ServiceID", "this field takes the service's ID"},
		{"list services by name filter", (&ListVpcEndpointServicesRequest{ServiceID: name}).Validate(), "ServiceID", "use WithServiceName"},
		{"connection", (&EnableVpcEndpointConnectionRequest{ServiceID: "epsrv-1", EndpointID: "vpc-1"}).Validate(), "EndpointID", "(it is a VPC ID)"},
		{"tag an endpoint by a service ID", (&TagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint, ResourceIDs: []string{"ep-1", "epsrv-1"},
			Tags: []Tag{{Key: "k"}}}).Validate(), "ResourceIDs[1]", "(it is an endpoint service ID)"},
		{"untag a service", (&UntagResourcesRequest{ResourceType: TagResourceTypeVpcEndpointService, ResourceIDs: []string{"ep-1"}, All: true}).Validate(),
			"ResourceIDs[0]", `starts with "epsrv-"`},
		{"list tags", (&ListTagResourcesRequest{ResourceType: TagResourceTypeVpcEndpoint, ResourceIDs: []string{"vpc-1"}}).Validate(), "ResourceIDs[0]", `starts with "ep-"`},
		{"move an endpoint (the default type)", (&ChangeResourceGroupRequest{ResourceID: "epsrv-1", ResourceGroupID: "rg-1"}).Validate(), "ResourceID", `starts with "ep-"`},
		{"move a service", (&ChangeResourceGroupRequest{ResourceID: "ep-1", ResourceGroupID: "rg-1", ResourceType: ResourceGroupResourceTypeVpcEndpointService}).Validate(),
			"ResourceID", `starts with "epsrv-"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireProblem(t, tc.err, tc.field, tc.msg)
			assert.Len(t, tc.err.(*ValidationError).Problems, 1, "only the broken rule is reported")
		})
	}
}

// A ResourceType the SDK does not know, or spelled otherwise (the service
// accepts VpcEndpoint for vpcendpoint), names no certain shape: its IDs are
// sent as given.
func TestResourceIDsOfAnUnknownTypeAreNotChecked(t *testing.T) {
	for _, err := range []error{
		(&TagResourcesRequest{ResourceType: "VpcEndpoint", ResourceIDs: []string{"x-1"}, Tags: []Tag{{Key: "k"}}}).Validate(),
		(&UntagResourcesRequest{ResourceType: "vpcendpointzone", ResourceIDs: []string{"epz-1"}, All: true}).Validate(),
		(&ListTagResourcesRequest{ResourceType: "newkind", ResourceIDs: []string{"nk-1"}}).Validate(),
		(&ChangeResourceGroupRequest{ResourceID: "nk-1", ResourceGroupID: "rg-1", ResourceType: "NewKind"}).Validate(),
	} {
		assert.NoError(t, err)
	}
}

func TestIDShapesAccept(t *testing.T) {
	for _, tc := range []struct {
		check func(string) string
		id    string
	}{
		{checkEndpointID, "ep-hp33b2e43fays7s8****"}, {checkVpcID, "vpc-bp1x"}, {checkVSwitchID, "vsw-bp1x"},
		{checkSecurityGroupID, "sg-bp1x"}, {checkServiceID, "epsrv-bp1x"}, {checkServiceIDBesideName, "epsrv-1"},
	} {
		assert.Empty(t, tc.check(tc.id), tc.id)
	}
}

// FuzzIDShape checks the ID checks against their rule: an ID passes
// exactly when it starts with its prefix, has more after it, and is
// printable ASCII without spaces; a refusal is one line.
func FuzzIDShape(f *testing.F) {
	for _, s := range []string{"ep-1", "epsrv-1", "vpc-", "vcp-1", "com.aliyuncs.privatelink.x", "sg-\n", "vsw-é", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range idKinds {
			msg := checkIDShape(k, s)
			want := strings.HasPrefix(s, k.prefix) && len(s) > len(k.prefix) && printableASCII(s)
			require.Equal(t, want, msg == "", "%q as %s: %q", s, k.noun, msg)
			require.NotContains(t, msg, "\n")
		}
		for _, check := range []func(string) string{checkServiceID, checkServiceIDBesideName} {
			if msg := check(s); msg != "" {
				require.NotContains(t, msg, "\n")
				require.NotEqual(t, checkIDShape(idService, s) == "", true, "a well-formed ID refused: %q", s)
			}
		}
	})
}
