package interop

import (
	"errors"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// v1Code returns the code of a v1 SDK error answer, failing unless err is
// the SDK's *errors.ServerError.
func v1Code(t *testing.T, err error) string {
	t.Helper()
	var se *sdkerrors.ServerError
	require.True(t, errors.As(err, &se), "want the v1 SDK's *errors.ServerError, got %T: %v", err, err)
	return se.ErrorCode()
}

// TestV1SDKProviderOnEmulator runs the 20 provider operations through the
// v1 SDK's typed requests, with both parties in one emulator: the
// provider publishes a service, allows the consumer, accepts its
// endpoint, tunes the connection, and takes everything down again. The
// SDK's own types decode every answer, UserId and EndpointOwnerId as int64.
func TestV1SDKProviderOnEmulator(t *testing.T) {
	clk := privatelinktest.NewFakeClock(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	_, domain, _ := startLoggedEmulator(t, privatelinktest.WithClock(clk), privatelinktest.WithServiceDelay(time.Minute))
	p := &v1SDKClient{c: v1Client(t, privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret), domain: domain}
	c := &v1SDKClient{c: v1Client(t, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret), domain: domain}
	consumerUID := privatelinktest.AccountUID

	// CreateVpcEndpointService, GetVpcEndpointServiceAttribute.
	cr := privatelink.CreateCreateVpcEndpointServiceRequest()
	p.at(cr.RpcRequest)
	cr.ServiceResourceType = "slb"
	cr.AutoAcceptEnabled = requests.NewBoolean(false)
	cr.ServiceDescription = "orders API"
	cr.ClientToken = "interop-service-0001"
	cr.Resource = &[]privatelink.CreateVpcEndpointServiceResource{
		{ResourceId: privatelinktest.ProviderLoadBalancerA, ResourceType: "slb", ZoneId: privatelinktest.ZoneA},
		{ResourceId: privatelinktest.ProviderLoadBalancerB, ResourceType: "slb", ZoneId: privatelinktest.ZoneB},
	}
	cr.Tag = &[]privatelink.CreateVpcEndpointServiceTag{{Key: "team", Value: "orders"}}
	created, err := p.c.CreateVpcEndpointService(cr)
	require.NoError(t, err)
	svc := created.ServiceId
	require.Equal(t, "Creating", created.ServiceStatus)
	clk.Advance(time.Minute)
	gr := privatelink.CreateGetVpcEndpointServiceAttributeRequest()
	p.at(gr.RpcRequest)
	gr.ServiceId = svc
	attr, err := p.c.GetVpcEndpointServiceAttribute(gr)
	require.NoError(t, err)
	require.Equal(t, "Active", attr.ServiceStatus)
	require.Equal(t, []string{privatelinktest.ZoneA, privatelinktest.ZoneB}, attr.Zones)
	require.Equal(t, "orders API", attr.ServiceDescription)

	// ListVpcEndpointServices, UpdateVpcEndpointServiceAttribute.
	ur := privatelink.CreateUpdateVpcEndpointServiceAttributeRequest()
	p.at(ur.RpcRequest)
	ur.ServiceId = svc
	ur.ConnectBandwidth = requests.NewInteger(4000)
	ur.ServiceDescription = "orders API v2"
	_, err = p.c.UpdateVpcEndpointServiceAttribute(ur)
	require.NoError(t, err)
	lr := privatelink.CreateListVpcEndpointServicesRequest()
	p.at(lr.RpcRequest)
	lr.ServiceId = svc
	listed, err := p.c.ListVpcEndpointServices(lr)
	require.NoError(t, err)
	require.Equal(t, 1, listed.TotalCount)
	require.Equal(t, 4000, listed.Services[0].ConnectBandwidth)
	require.Equal(t, "orders API v2", listed.Services[0].ServiceDescription)

	// AddUserToVpcEndpointService, ListVpcEndpointServiceUsers (both
	// kinds), RemoveUserFromVpcEndpointService, with the largest UserId.
	for _, uid := range []string{privatelinktest.AccountID, "9223372036854775807"} {
		ar := privatelink.CreateAddUserToVpcEndpointServiceRequest()
		p.at(ar.RpcRequest)
		ar.ServiceId = svc
		ar.UserId = requests.Integer(uid)
		_, err = p.c.AddUserToVpcEndpointService(ar)
		require.NoError(t, err)
	}
	ar := privatelink.CreateAddUserToVpcEndpointServiceRequest()
	p.at(ar.RpcRequest)
	ar.ServiceId = svc
	ar.UserARN = "acs:ram::1000000000000001:root"
	_, err = p.c.AddUserToVpcEndpointService(ar)
	require.NoError(t, err)
	lu := privatelink.CreateListVpcEndpointServiceUsersRequest()
	p.at(lu.RpcRequest)
	lu.ServiceId = svc
	users, err := p.c.ListVpcEndpointServiceUsers(lu)
	require.NoError(t, err)
	require.Equal(t, "2", users.TotalCount)
	require.Equal(t, []privatelink.User{{UserId: consumerUID}, {UserId: 9223372036854775807}}, users.Users)
	lu.UserListType = "UserARNs"
	arns, err := p.c.ListVpcEndpointServiceUsers(lu)
	require.NoError(t, err)
	require.Equal(t, []privatelink.UserARN{{UserARN: "acs:ram::1000000000000001:root"}}, arns.UserARNs)
	rr := privatelink.CreateRemoveUserFromVpcEndpointServiceRequest()
	p.at(rr.RpcRequest)
	rr.ServiceId = svc
	rr.UserId = "9223372036854775807"
	_, err = p.c.RemoveUserFromVpcEndpointService(rr)
	require.NoError(t, err)
	// A fresh request: the SDK keeps the query of one it has sent.
	rr = privatelink.CreateRemoveUserFromVpcEndpointServiceRequest()
	p.at(rr.RpcRequest)
	rr.ServiceId, rr.UserARN = svc, "*"
	rr.ClientToken = "interop-remove-0001"
	_, err = p.c.RemoveUserFromVpcEndpointService(rr)
	require.NoError(t, err)

	// ListVpcEndpointServicesByEndUser: the consumer sees the service.
	br := privatelink.CreateListVpcEndpointServicesByEndUserRequest()
	c.at(br.RpcRequest)
	br.ServiceId = svc
	byUser, err := c.c.ListVpcEndpointServicesByEndUser(br)
	require.NoError(t, err)
	require.Equal(t, "1", byUser.TotalCount)
	require.Equal(t, attr.ServiceName, byUser.Services[0].ServiceName)

	// The consumer connects; ListVpcEndpointConnections shows it Pending.
	in := defaultEmuCreate("interop-provider-ep-01")
	in.ServiceID = svc
	in.SecurityGroupIDs = []string{privatelinktest.SecurityGroupID}
	ep, err := c.create(in)
	require.NoError(t, err)
	lc := privatelink.CreateListVpcEndpointConnectionsRequest()
	p.at(lc.RpcRequest)
	lc.ServiceId = svc
	conns, err := p.c.ListVpcEndpointConnections(lc)
	require.NoError(t, err)
	require.Equal(t, "1", conns.TotalCount)
	require.Equal(t, consumerUID, conns.Connections[0].EndpointOwnerId)
	require.Equal(t, "Pending", conns.Connections[0].ConnectionStatus)

	// EnableVpcEndpointConnection, UpdateVpcEndpointConnectionAttribute.
	er := privatelink.CreateEnableVpcEndpointConnectionRequest()
	p.at(er.RpcRequest)
	er.ServiceId, er.EndpointId = svc, ep
	er.Bandwidth = requests.NewInteger(3072)
	_, err = p.c.EnableVpcEndpointConnection(er)
	require.NoError(t, err)
	uc := privatelink.CreateUpdateVpcEndpointConnectionAttributeRequest()
	p.at(uc.RpcRequest)
	uc.ServiceId, uc.EndpointId = svc, ep
	uc.Bandwidth = requests.NewInteger(5000)
	_, err = p.c.UpdateVpcEndpointConnectionAttribute(uc)
	require.NoError(t, err)
	lc.EndpointOwnerId = requests.Integer(privatelinktest.AccountID)
	conns, err = p.c.ListVpcEndpointConnections(lc)
	require.NoError(t, err)
	require.Equal(t, "Connected", conns.Connections[0].ConnectionStatus)
	require.Equal(t, 5000, conns.Connections[0].Bandwidth)

	// Disable and EnableVpcEndpointZoneConnection.
	dz := privatelink.CreateDisableVpcEndpointZoneConnectionRequest()
	p.at(dz.RpcRequest)
	dz.ServiceId, dz.EndpointId, dz.ZoneId = svc, ep, privatelinktest.ZoneB
	_, err = p.c.DisableVpcEndpointZoneConnection(dz)
	require.NoError(t, err)
	conns, err = p.c.ListVpcEndpointConnections(lc)
	require.NoError(t, err)
	statuses := map[string]string{}
	for _, z := range conns.Connections[0].Zones {
		statuses[z.ZoneId] = z.ZoneStatus
	}
	require.Equal(t, map[string]string{privatelinktest.ZoneA: "Connected", privatelinktest.ZoneB: "Disconnected"}, statuses)
	ez := privatelink.CreateEnableVpcEndpointZoneConnectionRequest()
	p.at(ez.RpcRequest)
	ez.ServiceId, ez.EndpointId, ez.ZoneId = svc, ep, privatelinktest.ZoneB
	_, err = p.c.EnableVpcEndpointZoneConnection(ez)
	require.NoError(t, err)

	// A service resource in use cannot go; DetachResource refuses with the
	// documented code, through the SDK's error type.
	dr := privatelink.CreateDetachResourceFromVpcEndpointServiceRequest()
	p.at(dr.RpcRequest)
	dr.ServiceId, dr.ResourceId, dr.ResourceType = svc, privatelinktest.ProviderLoadBalancerB, "slb"
	_, err = p.c.DetachResourceFromVpcEndpointService(dr)
	require.Equal(t, "EndpointServiceConnectionDependence", v1Code(t, err))

	// AttachResourceToVpcEndpointService needs another slb of the provider
	// in ZoneB; ListVpcEndpointServiceResources and
	// UpdateVpcEndpointServiceResourceAttribute then work on the pair.
	// (The world has none, so the ALB is refused with its code.)
	at := privatelink.CreateAttachResourceToVpcEndpointServiceRequest()
	p.at(at.RpcRequest)
	at.ServiceId, at.ResourceId, at.ResourceType = svc, privatelinktest.ProviderALB, "alb"
	_, err = p.c.AttachResourceToVpcEndpointService(at)
	require.Equal(t, "EndpointServiceResourceTypeNotEqual", v1Code(t, err))
	lres := privatelink.CreateListVpcEndpointServiceResourcesRequest()
	p.at(lres.RpcRequest)
	lres.ServiceId = svc
	res, err := p.c.ListVpcEndpointServiceResources(lres)
	require.NoError(t, err)
	require.Len(t, res.Resources, 2)
	require.Equal(t, int64(1), res.Resources[0].RelatedEndpointCount)
	ura := privatelink.CreateUpdateVpcEndpointServiceResourceAttributeRequest()
	p.at(ura.RpcRequest)
	ura.ServiceId, ura.ResourceId = svc, privatelinktest.ProviderLoadBalancerA
	ura.AutoAllocatedEnabled = requests.NewBoolean(false)
	_, err = p.c.UpdateVpcEndpointServiceResourceAttribute(ura)
	require.Equal(t, "ResourceAutoAllocateViolation", v1Code(t, err))
	ura.AutoAllocatedEnabled = requests.NewBoolean(true)
	_, err = p.c.UpdateVpcEndpointServiceResourceAttribute(ura)
	require.NoError(t, err)

	// UpdateVpcEndpointZoneConnectionResourceAttribute: migrate zone A to
	// the same resource, then DisableVpcEndpointConnection.
	zr := privatelink.CreateUpdateVpcEndpointZoneConnectionResourceAttributeRequest()
	p.at(zr.RpcRequest)
	zr.ServiceId, zr.EndpointId, zr.ZoneId = svc, ep, privatelinktest.ZoneA
	zr.ResourceReplaceMode, zr.ResourceId, zr.ResourceType = "Graceful", privatelinktest.ProviderLoadBalancerA, "slb"
	_, err = p.c.UpdateVpcEndpointZoneConnectionResourceAttribute(zr)
	require.NoError(t, err)
	dc := privatelink.CreateDisableVpcEndpointConnectionRequest()
	p.at(dc.RpcRequest)
	dc.ServiceId, dc.EndpointId = svc, ep
	_, err = p.c.DisableVpcEndpointConnection(dc)
	require.NoError(t, err)

	// DeleteVpcEndpointService: refused while the endpoint exists, then
	// after the consumer deletes it and the resources are detached.
	del := privatelink.CreateDeleteVpcEndpointServiceRequest()
	p.at(del.RpcRequest)
	del.ServiceId = svc
	_, err = p.c.DeleteVpcEndpointService(del)
	require.Equal(t, "DeleteFailedDueToEndpointExist", v1Code(t, err))
	dep := privatelink.CreateDeleteVpcEndpointRequest()
	c.at(dep.RpcRequest)
	dep.EndpointId = ep
	_, err = c.c.DeleteVpcEndpoint(dep)
	require.NoError(t, err)
	_, err = p.c.DeleteVpcEndpointService(del)
	require.Equal(t, "EndpointServiceDependenceViolation", v1Code(t, err))
	for _, lb := range []string{privatelinktest.ProviderLoadBalancerA, privatelinktest.ProviderLoadBalancerB} {
		dr.ResourceId = lb
		_, err = p.c.DetachResourceFromVpcEndpointService(dr)
		require.NoError(t, err)
		clk.Advance(time.Minute)
	}
	_, err = p.c.DeleteVpcEndpointService(del)
	require.NoError(t, err)
	clk.Advance(time.Minute)
	_, err = p.c.GetVpcEndpointServiceAttribute(gr)
	require.Equal(t, "EndpointServiceNotFound", v1Code(t, err))
	// With no service left the load balancer attaches to a new one.
	cr2 := privatelink.CreateCreateVpcEndpointServiceRequest()
	p.at(cr2.RpcRequest)
	cr2.ServiceResourceType = "slb"
	again, err := p.c.CreateVpcEndpointService(cr2)
	require.NoError(t, err)
	clk.Advance(time.Minute)
	at.ServiceId, at.ResourceId, at.ResourceType = again.ServiceId, privatelinktest.ProviderLoadBalancerA, "slb"
	_, err = p.c.AttachResourceToVpcEndpointService(at)
	require.NoError(t, err)
}
