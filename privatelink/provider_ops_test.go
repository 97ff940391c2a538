package privatelink

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// must builds a request or fails the test.
func must[R any](t *testing.T) func(r *R, err error) *R {
	return func(r *R, err error) *R {
		t.Helper()
		require.NoError(t, err)
		return r
	}
}

// The exact parameters of each provider-side operation, under both
// signature versions, with each request's signature checked by the
// server's own reference implementation. Every optional field is set once
// across the cases, so a parameter the encoder drops fails here.
func TestProviderOpsWire(t *testing.T) {
	ctx := context.Background()
	type tc struct {
		name  string
		call  func(t *testing.T, c *Client) error
		query map[string]string
	}
	cases := []tc{
		{"CreateVpcEndpointService", func(t *testing.T, c *Client) error {
			req := must[CreateVpcEndpointServiceRequest](t)(NewCreateVpcEndpointService().
				WithResource(ServiceResourceTypeNLB, "nlb-1", "cn-huhehaote-a").
				WithResources(ServiceResourceRef{ResourceType: ServiceResourceTypeNLB, ResourceID: "nlb-2"}).
				WithAddressIPVersion(AddressIPVersionDualStack).WithAutoAcceptEnabled(true).WithPayer(PayerEndpointService).
				WithResourceGroupID("rg-1").WithServiceDescription("my service").WithServiceResourceType(ServiceResourceTypeNLB).
				WithServiceSupportIPv6(true).WithSupportedRegions("cn-beijing", "cn-shanghai").WithTags(Tag{Key: "env", Value: "prod"}).
				WithZoneAffinityEnabled(true).WithDryRun(true).WithClientToken("tok-1").Build())
			resp, err := c.CreateVpcEndpointService(ctx, req)
			if err == nil {
				assert.Equal(t, "tok-1", resp.ClientToken)
			}
			return err
		}, map[string]string{
			"Resource.1.ResourceType": "nlb", "Resource.1.ResourceId": "nlb-1", "Resource.1.ZoneId": "cn-huhehaote-a",
			"Resource.2.ResourceType": "nlb", "Resource.2.ResourceId": "nlb-2",
			"AddressIpVersion": "DualStack", "AutoAcceptEnabled": "true", "Payer": "EndpointService", "ResourceGroupId": "rg-1",
			"ServiceDescription": "my service", "ServiceResourceType": "nlb", "ServiceSupportIPv6": "true",
			"SupportedRegionList.1": "cn-beijing", "SupportedRegionList.2": "cn-shanghai", "Tag.1.Key": "env", "Tag.1.Value": "prod",
			"ZoneAffinityEnabled": "true", "DryRun": "true", "ClientToken": "tok-1",
		}},
		{"GetVpcEndpointServiceAttribute", func(t *testing.T, c *Client) error {
			_, err := c.GetVpcEndpointServiceAttribute(ctx, must[GetVpcEndpointServiceAttributeRequest](t)(NewGetVpcEndpointServiceAttribute("epsrv-1").Build()))
			return err
		}, map[string]string{"ServiceId": "epsrv-1"}},
		{"ListVpcEndpointServices", func(t *testing.T, c *Client) error {
			req := must[ListVpcEndpointServicesRequest](t)(NewListVpcEndpointServices().WithAddressIPVersion(AddressIPVersionIPv4).
				WithAutoAcceptEnabled(false).WithMaxResults(1000).WithNextToken("n1").WithResourceGroupID("rg-1").WithResourceID("lb-1").
				WithServiceBusinessStatus(ServiceBusinessStatusNormal).WithServiceID("epsrv-1").WithServiceName("com.example").
				WithServiceResourceType(ServiceResourceTypeSLB).WithServiceStatus(ServiceStatusActive).WithTags(Tag{Key: "env"}).
				WithZoneAffinityEnabled(false).Build())
			_, err := c.ListVpcEndpointServices(ctx, req)
			return err
		}, map[string]string{
			"AddressIpVersion": "IPv4", "AutoAcceptEnabled": "false", "MaxResults": "1000", "NextToken": "n1", "ResourceGroupId": "rg-1",
			"ResourceId": "lb-1", "ServiceBusinessStatus": "Normal", "ServiceId": "epsrv-1", "ServiceName": "com.example",
			"ServiceResourceType": "slb", "ServiceStatus": "Active", "Tag.1.Key": "env", "ZoneAffinityEnabled": "false",
		}},
		{"UpdateVpcEndpointServiceAttribute", func(t *testing.T, c *Client) error {
			req := must[UpdateVpcEndpointServiceAttributeRequest](t)(NewUpdateVpcEndpointServiceAttribute("epsrv-1").
				WithAddSupportedRegions("cn-beijing").WithDeleteSupportedRegions("cn-shanghai").WithAddressIPVersion(AddressIPVersionIPv4).
				WithAutoAcceptEnabled(false).WithConnectBandwidth(MaxConnectionBandwidth).WithServiceDescription("d").
				WithServiceSupportIPv6(false).WithZoneAffinityEnabled(true).WithDryRun(true).WithClientToken("tok-2").Build())
			_, err := c.UpdateVpcEndpointServiceAttribute(ctx, req)
			return err
		}, map[string]string{
			"ServiceId": "epsrv-1", "AddSupportedRegionSet.1": "cn-beijing", "DeleteSupportedRegionSet.1": "cn-shanghai",
			"AddressIpVersion": "IPv4", "AutoAcceptEnabled": "false", "ConnectBandwidth": "10240", "ServiceDescription": "d",
			"ServiceSupportIPv6": "false", "ZoneAffinityEnabled": "true", "DryRun": "true", "ClientToken": "tok-2",
		}},
		{"DeleteVpcEndpointService", func(t *testing.T, c *Client) error {
			_, err := c.DeleteVpcEndpointService(ctx, must[DeleteVpcEndpointServiceRequest](t)(NewDeleteVpcEndpointService("epsrv-1").WithDryRun(true).WithClientToken("tok-3").Build()))
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "DryRun": "true", "ClientToken": "tok-3"}},
		{"ListVpcEndpointServicesByEndUser", func(t *testing.T, c *Client) error {
			req := must[ListVpcEndpointServicesByEndUserRequest](t)(NewListVpcEndpointServicesByEndUser().WithMaxResults(7).WithNextToken("n2").
				WithResourceGroupID("rg-2").WithServiceID("epsrv-2").WithServiceName("com.example.x").WithServiceRegionID("cn-beijing").
				WithServiceType(ServiceTypeInterface).WithTags(Tag{Key: "a", Value: "b"}).Build())
			_, err := c.ListVpcEndpointServicesByEndUser(ctx, req)
			return err
		}, map[string]string{
			"MaxResults": "7", "NextToken": "n2", "ResourceGroupId": "rg-2", "ServiceId": "epsrv-2", "ServiceName": "com.example.x",
			"ServiceRegionId": "cn-beijing", "ServiceType": "Interface", "Tag.1.Key": "a", "Tag.1.Value": "b",
		}},
		{"AddUserToVpcEndpointService", func(t *testing.T, c *Client) error {
			// The largest account ID goes out digit for digit.
			req := must[AddUserToVpcEndpointServiceRequest](t)(NewAddUserToVpcEndpointService("epsrv-1").WithUserID(math.MaxInt64).WithDryRun(true).WithClientToken("tok-4").Build())
			_, err := c.AddUserToVpcEndpointService(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "UserId": "9223372036854775807", "DryRun": "true", "ClientToken": "tok-4"}},
		{"RemoveUserFromVpcEndpointService", func(t *testing.T, c *Client) error {
			req := must[RemoveUserFromVpcEndpointServiceRequest](t)(NewRemoveUserFromVpcEndpointService("epsrv-1").WithUserARN("acs:ram::1:root").WithClientToken("tok-5").Build())
			_, err := c.RemoveUserFromVpcEndpointService(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "UserARN": "acs:ram::1:root", "ClientToken": "tok-5"}},
		{"ListVpcEndpointServiceUsers", func(t *testing.T, c *Client) error {
			req := must[ListVpcEndpointServiceUsersRequest](t)(NewListVpcEndpointServiceUsers("epsrv-1").WithMaxResults(50).WithNextToken("n3").
				WithUserID(math.MaxInt64).WithUserListType(UserListTypeUsers).Build())
			_, err := c.ListVpcEndpointServiceUsers(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "MaxResults": "50", "NextToken": "n3", "UserId": "9223372036854775807", "UserListType": "Users"}},
		{"AttachResourceToVpcEndpointService", func(t *testing.T, c *Client) error {
			req := must[AttachResourceToVpcEndpointServiceRequest](t)(NewAttachResourceToVpcEndpointService("epsrv-1", ServiceResourceTypeALB, "alb-1").
				WithZoneID("cn-huhehaote-b").WithDryRun(true).WithClientToken("tok-6").Build())
			_, err := c.AttachResourceToVpcEndpointService(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "ResourceType": "alb", "ResourceId": "alb-1", "ZoneId": "cn-huhehaote-b", "DryRun": "true", "ClientToken": "tok-6"}},
		{"DetachResourceFromVpcEndpointService", func(t *testing.T, c *Client) error {
			req := must[DetachResourceFromVpcEndpointServiceRequest](t)(NewDetachResourceFromVpcEndpointService("epsrv-1", "alb-1").
				WithResourceType(ServiceResourceTypeALB).WithZoneID("cn-huhehaote-b").WithDryRun(true).WithClientToken("tok-7").Build())
			_, err := c.DetachResourceFromVpcEndpointService(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "ResourceType": "alb", "ResourceId": "alb-1", "ZoneId": "cn-huhehaote-b", "DryRun": "true", "ClientToken": "tok-7"}},
		{"ListVpcEndpointServiceResources", func(t *testing.T, c *Client) error {
			req := must[ListVpcEndpointServiceResourcesRequest](t)(NewListVpcEndpointServiceResources("epsrv-1").WithMaxResults(10).WithNextToken("n4").Build())
			_, err := c.ListVpcEndpointServiceResources(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "MaxResults": "10", "NextToken": "n4"}},
		{"UpdateVpcEndpointServiceResourceAttribute", func(t *testing.T, c *Client) error {
			// false is sent: the parameter is required.
			req := must[UpdateVpcEndpointServiceResourceAttributeRequest](t)(NewUpdateVpcEndpointServiceResourceAttribute("epsrv-1", "lb-1", false).
				WithZoneID("cn-huhehaote-a").WithDryRun(true).WithClientToken("tok-8").Build())
			_, err := c.UpdateVpcEndpointServiceResourceAttribute(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "ResourceId": "lb-1", "AutoAllocatedEnabled": "false", "ZoneId": "cn-huhehaote-a", "DryRun": "true", "ClientToken": "tok-8"}},
		{"ListVpcEndpointConnections", func(t *testing.T, c *Client) error {
			req := must[ListVpcEndpointConnectionsRequest](t)(NewListVpcEndpointConnections().WithConnectionStatus(ConnectionStatusPending).
				WithEndpointID("ep-1").WithEndpointOwnerID(math.MaxInt64).WithEniID("eni-1").WithMaxResults(1).WithNextToken("n5").
				WithReplacedResourceID("lb-0").WithResourceGroupID("rg-1").WithResourceID("lb-1").WithServiceID("epsrv-1").Build())
			_, err := c.ListVpcEndpointConnections(ctx, req)
			return err
		}, map[string]string{
			"ConnectionStatus": "Pending", "EndpointId": "ep-1", "EndpointOwnerId": "9223372036854775807", "EniId": "eni-1",
			"MaxResults": "1", "NextToken": "n5", "ReplacedResourceId": "lb-0", "ResourceGroupId": "rg-1", "ResourceId": "lb-1", "ServiceId": "epsrv-1",
		}},
		{"EnableVpcEndpointConnection", func(t *testing.T, c *Client) error {
			req := must[EnableVpcEndpointConnectionRequest](t)(NewEnableVpcEndpointConnection("epsrv-1", "ep-1").WithBandwidth(3072).
				WithTrafficControlMode(TrafficControlModeBandwidthLimit).WithDryRun(true).WithClientToken("tok-9").Build())
			_, err := c.EnableVpcEndpointConnection(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "EndpointId": "ep-1", "Bandwidth": "3072", "TrafficControlMode": "BandwidthLimit", "DryRun": "true", "ClientToken": "tok-9"}},
		{"DisableVpcEndpointConnection", func(t *testing.T, c *Client) error {
			req := must[DisableVpcEndpointConnectionRequest](t)(NewDisableVpcEndpointConnection("epsrv-1", "ep-1").WithDryRun(true).WithClientToken("tok-10").Build())
			_, err := c.DisableVpcEndpointConnection(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "EndpointId": "ep-1", "DryRun": "true", "ClientToken": "tok-10"}},
		{"UpdateVpcEndpointConnectionAttribute", func(t *testing.T, c *Client) error {
			req := must[UpdateVpcEndpointConnectionAttributeRequest](t)(NewUpdateVpcEndpointConnectionAttribute("epsrv-1", "ep-1").WithBandwidth(MinConnectionBandwidth).
				WithTrafficControlMode("m2").WithDryRun(true).WithClientToken("tok-11").Build())
			_, err := c.UpdateVpcEndpointConnectionAttribute(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "EndpointId": "ep-1", "Bandwidth": "100", "TrafficControlMode": "m2", "DryRun": "true", "ClientToken": "tok-11"}},
		{"EnableVpcEndpointZoneConnection", func(t *testing.T, c *Client) error {
			req := must[EnableVpcEndpointZoneConnectionRequest](t)(NewEnableVpcEndpointZoneConnection("epsrv-1", "ep-1", "cn-huhehaote-a").WithDryRun(true).WithClientToken("tok-12").Build())
			_, err := c.EnableVpcEndpointZoneConnection(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "EndpointId": "ep-1", "ZoneId": "cn-huhehaote-a", "DryRun": "true", "ClientToken": "tok-12"}},
		{"DisableVpcEndpointZoneConnection", func(t *testing.T, c *Client) error {
			req := must[DisableVpcEndpointZoneConnectionRequest](t)(NewDisableVpcEndpointZoneConnection("epsrv-1", "ep-1", "cn-huhehaote-a").
				WithReplacedResource(true).WithDryRun(true).WithClientToken("tok-13").Build())
			_, err := c.DisableVpcEndpointZoneConnection(ctx, req)
			return err
		}, map[string]string{"ServiceId": "epsrv-1", "EndpointId": "ep-1", "ZoneId": "cn-huhehaote-a", "ReplacedResource": "true", "DryRun": "true", "ClientToken": "tok-13"}},
		{"UpdateVpcEndpointZoneConnectionResourceAttribute", func(t *testing.T, c *Client) error {
			req := must[UpdateVpcEndpointZoneConnectionResourceAttributeRequest](t)(NewUpdateVpcEndpointZoneConnectionResourceAttribute("epsrv-1", "ep-1", "cn-huhehaote-a").
				WithResourceAllocateMode(ResourceAllocateModeManual).WithResourceReplaceMode(ResourceReplaceModeGraceful).
				WithResourceID("lb-2").WithResourceType(ServiceResourceTypeSLB).WithDryRun(true).WithClientToken("tok-14").Build())
			_, err := c.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, req)
			return err
		}, map[string]string{
			"ServiceId": "epsrv-1", "EndpointId": "ep-1", "ZoneId": "cn-huhehaote-a", "ResourceAllocateMode": "Manual",
			"ResourceReplaceMode": "Graceful", "ResourceId": "lb-2", "ResourceType": "slb", "DryRun": "true", "ClientToken": "tok-14",
		}},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			bothVersions(t, func(t *testing.T, version Option) {
				c, srv := newWireClient(t, version, requestIDOnly)
				require.NoError(t, tc.call(t, c))
				got := srv.only(t)
				assert.Equal(t, tc.name, got.Action)
				assert.Equal(t, tc.query, got.Query, "query")
				assert.Empty(t, got.Form, "form body")
				assert.Equal(t, "query", got.RegionIn, "where RegionId went")
			})
		})
	}
	assert.Len(t, seen, 20, "one case per provider-side operation")
}

// An idempotent provider call without a token generates one; Build fixes
// it in the request.
func TestProviderOpsClientToken(t *testing.T) {
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)
	resp, err := c.EnableVpcEndpointConnection(context.Background(), &EnableVpcEndpointConnectionRequest{ServiceID: "epsrv-1", EndpointID: "ep-1"})
	require.NoError(t, err)
	assert.NotEmpty(t, resp.ClientToken)
	assert.Equal(t, resp.ClientToken, srv.only(t).Query["ClientToken"])
	req := must[DeleteVpcEndpointServiceRequest](t)(NewDeleteVpcEndpointService("epsrv-1").Build())
	assert.NotEmpty(t, req.ClientToken)
}

func TestProviderOpsValidate(t *testing.T) {
	ctx := context.Background()
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), requestIDOnly)

	_, err := c.AddUserToVpcEndpointService(ctx, &AddUserToVpcEndpointServiceRequest{ServiceID: "epsrv-1"})
	requireProblem(t, err, "UserID", "UserID or UserARN is required")
	_, err = c.AddUserToVpcEndpointService(ctx, &AddUserToVpcEndpointServiceRequest{ServiceID: "epsrv-1", UserID: 1, UserARN: "acs:ram::1:root"})
	requireProblem(t, err, "UserARN", "give UserID or UserARN, not both")
	_, err = c.RemoveUserFromVpcEndpointService(ctx, &RemoveUserFromVpcEndpointServiceRequest{UserID: -1})
	assert.Equal(t, []string{"ServiceID", "UserID"}, problemFields(t, err))

	resources := make([]ServiceResourceRef, MaxServiceResources+1)
	for i := range resources {
		resources[i] = ServiceResourceRef{ResourceType: ServiceResourceTypeSLB, ResourceID: "lb"}
	}
	resources[1] = ServiceResourceRef{ResourceType: " "}
	resources[2] = ServiceResourceRef{ResourceType: "a-future-lb", ResourceID: "lb"} // open: sent as given
	_, err = c.CreateVpcEndpointService(ctx, &CreateVpcEndpointServiceRequest{Resources: resources, Payer: " ",
		AddressIPVersion: "\t", ServiceResourceType: " ", Tags: []Tag{{Key: "acs:x"}}})
	assert.Equal(t, []string{"AddressIPVersion", "Payer", "Resources", "Resources[1].ResourceID", "Resources[1].ResourceType",
		"ServiceResourceType", "Tags[0].Key"}, problemFields(t, err))
	requireProblem(t, err, "Payer", "blank: leave it empty to not send it")

	_, err = c.EnableVpcEndpointConnection(ctx, &EnableVpcEndpointConnectionRequest{ServiceID: "epsrv-s", EndpointID: "ep-e", Bandwidth: 99})
	requireProblem(t, err, "Bandwidth", "must be 100 to 10240 Mbit/s, or 0 to leave it unset, got 99")
	_, err = c.UpdateVpcEndpointServiceAttribute(ctx, &UpdateVpcEndpointServiceAttributeRequest{ServiceID: "epsrv-s", ConnectBandwidth: 10241})
	assert.Equal(t, []string{"ConnectBandwidth"}, problemFields(t, err))
	_, err = c.UpdateVpcEndpointConnectionAttribute(ctx, &UpdateVpcEndpointConnectionAttributeRequest{})
	assert.Equal(t, []string{"EndpointID", "ServiceID"}, problemFields(t, err))

	_, err = c.ListVpcEndpointConnections(ctx, &ListVpcEndpointConnectionsRequest{MaxResults: 51, EndpointOwnerID: -1, ConnectionStatus: " "})
	assert.Equal(t, []string{"ConnectionStatus", "EndpointOwnerID", "MaxResults"}, problemFields(t, err))
	_, err = c.ListVpcEndpointServices(ctx, &ListVpcEndpointServicesRequest{MaxResults: 1001, ServiceStatus: "active"})
	assert.Equal(t, []string{"MaxResults"}, problemFields(t, err), "Validate refuses no case variant: no evidence shows the service refusing one (a filter may match nothing)")
	_, err = c.ListVpcEndpointServicesByEndUser(ctx, &ListVpcEndpointServicesByEndUserRequest{ServiceType: " "})
	requireProblem(t, err, "ServiceType", "blank")
	_, err = c.ListVpcEndpointServiceUsers(ctx, &ListVpcEndpointServiceUsersRequest{ServiceID: "epsrv-s", UserListType: "\t"})
	requireProblem(t, err, "UserListType", "blank")
	_, err = c.ListVpcEndpointServiceResources(ctx, &ListVpcEndpointServiceResourcesRequest{ServiceID: "epsrv-s", MaxResults: -1})
	assert.Equal(t, []string{"MaxResults"}, problemFields(t, err))

	_, err = c.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, &UpdateVpcEndpointZoneConnectionResourceAttributeRequest{
		ServiceID: "epsrv-s", EndpointID: "ep-e", ZoneID: "z", ResourceAllocateMode: ResourceAllocateModeManual})
	assert.Equal(t, []string{"ResourceID", "ResourceType"}, problemFields(t, err))
	_, err = c.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, &UpdateVpcEndpointZoneConnectionResourceAttributeRequest{
		ServiceID: "epsrv-s", EndpointID: "ep-e", ZoneID: "z", ResourceReplaceMode: " ", ResourceAllocateMode: ResourceAllocateModeAuto})
	assert.Equal(t, []string{"ResourceID", "ResourceReplaceMode", "ResourceType"}, problemFields(t, err))
	_, err = c.UpdateVpcEndpointZoneConnectionResourceAttribute(ctx, &UpdateVpcEndpointZoneConnectionResourceAttributeRequest{
		ServiceID: "epsrv-s", EndpointID: "ep-e", ZoneID: "z", ResourceAllocateMode: ResourceAllocateModeAuto})
	assert.NoError(t, err, "Auto needs no resource")
	_, err = c.AttachResourceToVpcEndpointService(ctx, &AttachResourceToVpcEndpointServiceRequest{ServiceID: "epsrv-s", ResourceID: "lb"})
	requireProblem(t, err, "ResourceType", "required")

	srv.mu.Lock()
	assert.Len(t, srv.seen, 1, "nothing but the valid request is sent")
	srv.mu.Unlock()
}

// The answers decode tolerantly, nested lists included, with the odd types
// of the metadata: TotalCount as a string, an account ID at the top of the
// int64 range (unquoted, so a float64 on the way would round it), times.
func TestProviderOpsDecode(t *testing.T) {
	ctx := context.Background()
	bodies := map[string]string{
		"GetVpcEndpointServiceAttribute": `{"RequestId":"R","ServiceId":"epsrv-1","ServiceStatus":"Active","ServiceBusinessStatus":"Normal",
			"Payer":"Endpoint","ServiceType":"Interface","ServiceResourceType":"nlb","AutoAcceptEnabled":"true","ConnectBandwidth":"3072",
			"MaxBandwidth":10240,"MinBandwidth":100,"CreateTime":"2026-11-29T07:00:00Z","Zones":["cn-huhehaote-a","cn-huhehaote-b"],
			"ServiceSupportIPv6":false,"ZoneAffinityEnabled":true,"New":{"x":[1]}}`,
		"ListVpcEndpointServices": `{"RequestId":"R","TotalCount":1,"MaxResults":50,"NextToken":"",
			"Services":[{"ServiceId":"epsrv-1","ServiceStatus":"Migrating","Tags":[{"Key":"env","Value":"prod"},{"Key":"k"}]}]}`,
		"ListVpcEndpointServicesByEndUser": `{"RequestId":"R","TotalCount":"2","Services":[{"ServiceId":"epsrv-2","Zones":["z1"],"Tags":null}]}`,
		"ListVpcEndpointServiceUsers":      `{"RequestId":"R","TotalCount":"1","Users":[{"UserId":9223372036854775807}]}`,
		"ListVpcEndpointServiceResources": `{"RequestId":"R","NextToken":"","Resources":[{"ResourceId":"lb-1","ResourceType":"slb","Ip":"10.0.0.1",
			"RelatedEndpointCount":"3","RelatedDeprecatedEndpointCount":0,"AutoAllocatedEnabled":true,"VSwitchId":"vsw-1","VpcId":"vpc-1","ZoneId":"z1","RegionId":"r","ResourceSupportIPv6":true}]}`,
		"ListVpcEndpointConnections": `{"RequestId":"R","TotalCount":"1","Connections":[{"EndpointId":"ep-1","EndpointOwnerId":"9223372036854775807",
			"ConnectionStatus":"Connected","Bandwidth":3072,"ModifiedTime":"2026-11-29T07:01:02Z","ResourceOwner":false,
			"Zones":[{"ZoneId":"z1","ZoneStatus":"Migrating","EniId":"eni-1","ResourceId":"lb-1","ReplacedResourceId":"lb-0"},{"ZoneId":"z2","ZoneStatus":"Connected"}]}]}`,
	}
	c, _ := newWireClient(t, WithSignatureVersion(signer.V1), func(action string) string { return bodies[action] })

	svc, err := c.GetVpcEndpointServiceAttribute(ctx, &GetVpcEndpointServiceAttributeRequest{ServiceID: "epsrv-1"})
	require.NoError(t, err)
	assert.Equal(t, ServiceStatusActive, svc.ServiceStatus)
	assert.True(t, svc.AutoAcceptEnabled)
	assert.Equal(t, 3072, svc.ConnectBandwidth)
	assert.Equal(t, []string{"cn-huhehaote-a", "cn-huhehaote-b"}, svc.Zones)
	assert.Equal(t, time.Date(2026, 11, 29, 7, 0, 0, 0, time.UTC), svc.CreateTime)
	assert.Equal(t, PayerEndpoint, svc.Payer)

	list, err := c.ListVpcEndpointServices(ctx, nil)
	require.NoError(t, err)
	require.Len(t, list.Services, 1)
	assert.Equal(t, []Tag{{Key: "env", Value: "prod"}, {Key: "k"}}, list.Services[0].Tags)
	assert.False(t, list.Services[0].ServiceStatus.IsKnown(), "an unknown status survives")
	assert.Equal(t, 1, list.TotalCount)

	byUser, err := c.ListVpcEndpointServicesByEndUser(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, byUser.TotalCount)
	assert.Equal(t, []AvailableService{{ServiceID: "epsrv-2", Zones: []string{"z1"}}}, byUser.Services)

	users, err := c.ListVpcEndpointServiceUsers(ctx, &ListVpcEndpointServiceUsersRequest{ServiceID: "epsrv-1"})
	require.NoError(t, err)
	assert.Equal(t, []ServiceUser{{UserID: math.MaxInt64}}, users.Users)

	res, err := c.ListVpcEndpointServiceResources(ctx, &ListVpcEndpointServiceResourcesRequest{ServiceID: "epsrv-1"})
	require.NoError(t, err)
	assert.Equal(t, []ServiceResource{{ResourceID: "lb-1", ResourceType: ServiceResourceTypeSLB, IP: "10.0.0.1", RelatedEndpointCount: 3,
		AutoAllocatedEnabled: true, VSwitchID: "vsw-1", VpcID: "vpc-1", ZoneID: "z1", RegionID: "r", ResourceSupportIPv6: true}}, res.Resources)

	conns, err := c.ListVpcEndpointConnections(ctx, nil)
	require.NoError(t, err)
	require.Len(t, conns.Connections, 1)
	conn := conns.Connections[0]
	assert.Equal(t, int64(math.MaxInt64), conn.EndpointOwnerID)
	assert.Equal(t, ConnectionStatusConnected, conn.ConnectionStatus)
	assert.Equal(t, time.Date(2026, 11, 29, 7, 1, 2, 0, time.UTC), conn.ModifiedTime)
	assert.Equal(t, []ConnectionZone{{ZoneID: "z1", ZoneStatus: ZoneStatusMigrating, EniID: "eni-1", ResourceID: "lb-1", ReplacedResourceID: "lb-0"},
		{ZoneID: "z2", ZoneStatus: ZoneStatusConnected}}, conn.Zones)
	assert.Equal(t, 1, conns.TotalCount)
}

// AllVpcEndpointServiceUsers yields the list the request chose, ARNs
// included, across pages.
func TestAllVpcEndpointServiceUsers(t *testing.T) {
	pages := map[string]string{
		"":   `{"RequestId":"R1","NextToken":"p2","UserARNs":[{"UserARN":"acs:ram::1:root"}]}`,
		"p2": `{"RequestId":"R2","NextToken":"","UserARNs":[{"UserARN":"acs:ram::2:root"}]}`,
	}
	var srv *wireServer
	c, srv := newWireClient(t, WithSignatureVersion(signer.V3), func(string) string {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		return pages[srv.seen[len(srv.seen)-1].Query["NextToken"]]
	})
	var got []ServiceUser
	for u, err := range c.AllVpcEndpointServiceUsers(context.Background(), &ListVpcEndpointServiceUsersRequest{ServiceID: "epsrv-1", UserListType: UserListTypeUserARNs}) {
		require.NoError(t, err)
		got = append(got, u)
	}
	assert.Equal(t, []ServiceUser{{UserARN: "acs:ram::1:root"}, {UserARN: "acs:ram::2:root"}}, got)
}
