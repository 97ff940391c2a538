package interop

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ours "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// These tests drive the emulator with Alibaba Cloud's own SDKs, unmodified:
// the v1 SDK (V1 signature) and darabonba-openapi in its V3 and V1 modes.
// They show that the emulator speaks the protocol the official clients
// speak (signatures, parameter encoding, JSON answers, error bodies), and
// that its documented error codes reach each SDK's own error type.

// secondSecurityGroup is added to the emulator's default VPC so that the
// logical call can carry two security groups.
const secondSecurityGroup = "sg-hp3emu0sg1interop0002"

// emuCreate is one CreateVpcEndpoint as every official client below sends
// it. Empty strings and zero integers are left out of the request.
type emuCreate struct {
	VpcID, ServiceID, Name, Description, ClientToken string
	ZonePrivateIPAddressCount                        int
	DryRun                                           bool
	Zones                                            []zoneInput
	SecurityGroupIDs                                 []string
	Tags                                             []tagInput
}

// defaultEmuCreate is the logical call of the wire tests moved into the
// emulator's world: two zones (one with a fixed address), two security
// groups, two tags, a non-ASCII name and a description full of reserved
// characters.
func defaultEmuCreate(token string) emuCreate {
	return emuCreate{
		VpcID:                     privatelinktest.VpcID,
		ServiceID:                 privatelinktest.ServiceID,
		Name:                      oursName,
		Description:               createInput.EndpointDescription,
		ClientToken:               token,
		ZonePrivateIPAddressCount: 1,
		Zones: []zoneInput{
			{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA, IP: "192.168.1.10"},
			{ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB},
		},
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID, secondSecurityGroup},
		Tags:             createInput.Tags,
	}
}

// endpointView is what the tests read back from GetVpcEndpointAttribute.
type endpointView struct {
	ID, Name, Description, Status, VpcID, ServiceID string
}

// serviceError is an error answer as an official SDK reports it.
type serviceError struct {
	Code   string
	Status int
}

// officialClient is one official SDK, configured for the emulator.
type officialClient interface {
	create(in emuCreate) (string, error)
	get(id string) (endpointView, error)
	listByVpc(vpcID string) ([]string, error)
	delete(id, token string) error
	// serviceError unwraps err as this SDK's own error type; it fails the
	// test when err is anything else.
	serviceError(t *testing.T, err error) serviceError
}

// startEmulator starts a fresh emulator with a second security group in the
// default VPC. It keeps the official SDKs off any proxy.
func startEmulator(t *testing.T) *privatelinktest.Server {
	t.Helper()
	isolate(t)
	srv := privatelinktest.NewServer(privatelinktest.WithSecurityGroup(secondSecurityGroup, privatelinktest.VpcID))
	t.Cleanup(srv.Close)
	return srv
}

// --- the v1 SDK ---

type v1SDKClient struct {
	c      *privatelink.Client
	domain string
}

func newV1SDKClient(t *testing.T, srv *privatelinktest.Server, secret string) officialClient {
	t.Helper()
	c, err := privatelink.NewClientWithAccessKey(privatelinktest.RegionID, privatelinktest.AccessKeyID, secret)
	require.NoError(t, err)
	return &v1SDKClient{c: c, domain: srv.URL[len("http://"):]}
}

// at points a request at the emulator: an explicit domain skips the v1
// SDK's endpoint resolution.
func (v *v1SDKClient) at(r *requests.RpcRequest) {
	r.Domain = v.domain
	r.Scheme = "HTTP"
}

func (v *v1SDKClient) create(in emuCreate) (string, error) {
	req := privatelink.CreateCreateVpcEndpointRequest()
	v.at(req.RpcRequest)
	req.RegionId = privatelinktest.RegionID
	req.VpcId = in.VpcID
	req.ServiceId = in.ServiceID
	req.EndpointName = in.Name
	req.EndpointDescription = in.Description
	req.ClientToken = in.ClientToken
	if in.ZonePrivateIPAddressCount != 0 {
		req.ZonePrivateIpAddressCount = requests.NewInteger(in.ZonePrivateIPAddressCount)
	}
	if in.DryRun {
		req.DryRun = requests.NewBoolean(true)
	}
	zones := make([]privatelink.CreateVpcEndpointZone, len(in.Zones))
	for i, z := range in.Zones {
		zones[i] = privatelink.CreateVpcEndpointZone{ZoneId: z.ZoneID, VSwitchId: z.VSwitchID, Ip: z.IP}
	}
	req.Zone = &zones
	sgs := append([]string(nil), in.SecurityGroupIDs...)
	req.SecurityGroupId = &sgs
	tags := make([]privatelink.CreateVpcEndpointTag, len(in.Tags))
	for i, tg := range in.Tags {
		tags[i] = privatelink.CreateVpcEndpointTag{Key: tg.Key, Value: tg.Value}
	}
	req.Tag = &tags
	resp, err := v.c.CreateVpcEndpoint(req)
	if err != nil {
		return "", err
	}
	return resp.EndpointId, nil
}

func (v *v1SDKClient) get(id string) (endpointView, error) {
	req := privatelink.CreateGetVpcEndpointAttributeRequest()
	v.at(req.RpcRequest)
	req.RegionId = privatelinktest.RegionID
	req.EndpointId = id
	resp, err := v.c.GetVpcEndpointAttribute(req)
	if err != nil {
		return endpointView{}, err
	}
	return endpointView{ID: resp.EndpointId, Name: resp.EndpointName, Description: resp.EndpointDescription,
		Status: resp.EndpointStatus, VpcID: resp.VpcId, ServiceID: resp.ServiceId}, nil
}

func (v *v1SDKClient) listByVpc(vpcID string) ([]string, error) {
	req := privatelink.CreateListVpcEndpointsRequest()
	v.at(req.RpcRequest)
	req.RegionId = privatelinktest.RegionID
	req.VpcId = vpcID
	resp, err := v.c.ListVpcEndpoints(req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(resp.Endpoints))
	for _, e := range resp.Endpoints {
		ids = append(ids, e.EndpointId)
	}
	return ids, nil
}

func (v *v1SDKClient) delete(id, token string) error {
	req := privatelink.CreateDeleteVpcEndpointRequest()
	v.at(req.RpcRequest)
	req.RegionId = privatelinktest.RegionID
	req.EndpointId = id
	req.ClientToken = token
	_, err := v.c.DeleteVpcEndpoint(req)
	return err
}

func (v *v1SDKClient) serviceError(t *testing.T, err error) serviceError {
	t.Helper()
	var se *sdkerrors.ServerError
	require.True(t, errors.As(err, &se), "want the v1 SDK's *errors.ServerError, got %T: %v", err, err)
	return serviceError{Code: se.ErrorCode(), Status: se.HttpStatus()}
}

// --- darabonba-openapi ---

// darabonbaClient calls the emulator as the generated client would (see
// captureDarabonba): a flattened query map through CallApiWithCtx.
type darabonbaClient struct{ c *openapi.Client }

func newDarabonbaClient(t *testing.T, srv *privatelinktest.Server, mode darabonbaMode, secret string) officialClient {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(privatelinktest.AccessKeyID),
		AccessKeySecret: dara.String(secret),
		RegionId:        dara.String(privatelinktest.RegionID),
		Endpoint:        dara.String(srv.URL[len("http://"):]),
		Protocol:        dara.String("HTTP"),
	}
	if mode == darabonbaV1 {
		cfg.SignatureAlgorithm = dara.String("v2")
	}
	c, err := openapi.NewClient(cfg)
	require.NoError(t, err)
	return &darabonbaClient{c: c}
}

// call sends action with query and returns the decoded JSON body.
func (d *darabonbaClient) call(action string, query map[string]interface{}) (map[string]interface{}, error) {
	query["RegionId"] = dara.String(privatelinktest.RegionID)
	req := &openapiutil.OpenApiRequest{Query: openapiutil.Query(query)}
	params := &openapiutil.Params{
		Action: dara.String(action), Version: dara.String("2020-04-15"), Protocol: dara.String("HTTPS"),
		Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"),
		Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
	}
	out, err := d.c.CallApiWithCtx(context.Background(), params, req, &dara.RuntimeOptions{})
	if err != nil {
		return nil, err
	}
	body, ok := out["body"].(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("darabonba: body is %T, not an object", out["body"])
	}
	return body, nil
}

func str(m map[string]interface{}, key string) string {
	s, _ := m[key].(string)
	return s
}

func (d *darabonbaClient) create(in emuCreate) (string, error) {
	zones := make([]*darabonbaZone, len(in.Zones))
	for i, z := range in.Zones {
		zones[i] = &darabonbaZone{ZoneID: optString(z.ZoneID), VSwitchID: optString(z.VSwitchID), IP: optString(z.IP), Ipv6Address: optString(z.IPv6Address)}
	}
	sgs := make([]*string, len(in.SecurityGroupIDs))
	for i, s := range in.SecurityGroupIDs {
		sgs[i] = dara.String(s)
	}
	tags := make([]*darabonbaTag, len(in.Tags))
	for i, tg := range in.Tags {
		tags[i] = &darabonbaTag{Key: dara.String(tg.Key), Value: dara.String(tg.Value)}
	}
	q := map[string]interface{}{
		"VpcId": optString(in.VpcID), "ServiceId": optString(in.ServiceID),
		"EndpointName": optString(in.Name), "EndpointDescription": optString(in.Description),
		"ClientToken": optString(in.ClientToken),
		"Zone":        zones, "SecurityGroupId": sgs, "Tag": tags,
	}
	if in.ZonePrivateIPAddressCount != 0 {
		q["ZonePrivateIpAddressCount"] = dara.Int64(int64(in.ZonePrivateIPAddressCount))
	}
	if in.DryRun {
		q["DryRun"] = dara.Bool(true)
	}
	body, err := d.call("CreateVpcEndpoint", q)
	if err != nil {
		return "", err
	}
	return str(body, "EndpointId"), nil
}

func (d *darabonbaClient) get(id string) (endpointView, error) {
	b, err := d.call("GetVpcEndpointAttribute", map[string]interface{}{"EndpointId": dara.String(id)})
	if err != nil {
		return endpointView{}, err
	}
	return endpointView{ID: str(b, "EndpointId"), Name: str(b, "EndpointName"), Description: str(b, "EndpointDescription"),
		Status: str(b, "EndpointStatus"), VpcID: str(b, "VpcId"), ServiceID: str(b, "ServiceId")}, nil
}

func (d *darabonbaClient) listByVpc(vpcID string) ([]string, error) {
	b, err := d.call("ListVpcEndpoints", map[string]interface{}{"VpcId": dara.String(vpcID)})
	if err != nil {
		return nil, err
	}
	eps, _ := b["Endpoints"].([]interface{})
	ids := make([]string, 0, len(eps))
	for _, e := range eps {
		m, _ := e.(map[string]interface{})
		ids = append(ids, str(m, "EndpointId"))
	}
	return ids, nil
}

func (d *darabonbaClient) delete(id, token string) error {
	_, err := d.call("DeleteVpcEndpoint", map[string]interface{}{"EndpointId": dara.String(id), "ClientToken": optString(token)})
	return err
}

func (d *darabonbaClient) serviceError(t *testing.T, err error) serviceError {
	t.Helper()
	// darabonba turns its ClientError/ServerError into *tea.SDKError unless
	// Config.DisableSDKError is set; that is what callers of the generated
	// clients receive.
	var se *tea.SDKError
	require.True(t, errors.As(err, &se), "want darabonba's *tea.SDKError, got %T: %v", err, err)
	return serviceError{Code: dara.StringValue(se.Code), Status: dara.IntValue(se.StatusCode)}
}

// createErr keeps the error of a create, for the error tests.
func createErr(_ string, err error) error { return err }

// officialClients lists every official client, built for srv with secret.
var officialClients = []struct {
	name string
	new  func(t *testing.T, srv *privatelinktest.Server, secret string) officialClient
}{
	{"v1-sdk", newV1SDKClient},
	{"darabonba-V3", func(t *testing.T, srv *privatelinktest.Server, secret string) officialClient {
		return newDarabonbaClient(t, srv, darabonbaV3, secret)
	}},
	{"darabonba-V1", func(t *testing.T, srv *privatelinktest.Server, secret string) officialClient {
		return newDarabonbaClient(t, srv, darabonbaV1, secret)
	}},
}

// TestOfficialSDKsLifecycleOnEmulator: create (with a lost answer and an
// idempotent retry), get, list and delete, through each official SDK.
func TestOfficialSDKsLifecycleOnEmulator(t *testing.T) {
	for _, oc := range officialClients {
		t.Run(oc.name, func(t *testing.T) {
			srv := startEmulator(t)
			c := oc.new(t, srv, privatelinktest.AccessKeySecret)
			token := "interop-" + oc.name + "-0001"
			in := defaultEmuCreate(token)

			// The first answer is lost: the emulator creates the endpoint,
			// then closes the connection. The SDK cannot know the ID.
			srv.SetFaults("CreateVpcEndpoint", privatelinktest.Faults{DropAfterRate: 1})
			_, err := c.create(in)
			require.Error(t, err, "the answer was dropped")
			srv.SetFaults("CreateVpcEndpoint", privatelinktest.Faults{})
			made, ok := srv.EndpointByClientToken(token)
			require.True(t, ok, "the dropped request still created the endpoint")

			// The retry with the same token returns that endpoint and
			// creates nothing; so does a second one.
			id, err := c.create(in)
			require.NoError(t, err)
			require.Equal(t, made.ID, id)
			again, err := c.create(in)
			require.NoError(t, err)
			require.Equal(t, id, again)
			require.Equal(t, 1, srv.EndpointCount())
			st := srv.Stats()["CreateVpcEndpoint"]
			require.Equal(t, 3, st.Requests)
			require.Equal(t, 1, st.Dropped)

			// What the emulator holds is what the SDK sent.
			require.Equal(t, oursName, made.Name)
			require.Equal(t, createInput.EndpointDescription, made.Description)
			require.Len(t, made.Zones, 2)
			require.Equal(t, "192.168.1.10", made.Zones[0].IP)
			require.Len(t, made.SecurityGroups, 2)
			require.Equal(t, []privatelinktest.Tag{{Key: "env", Value: "prod"}, {Key: "cost center", Value: "网络/ops"}}, made.Tags)

			got, err := c.get(id)
			require.NoError(t, err)
			assert.Equal(t, endpointView{ID: id, Name: oursName, Description: createInput.EndpointDescription,
				Status: "Active", VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID}, got)

			ids, err := c.listByVpc(privatelinktest.VpcID)
			require.NoError(t, err)
			require.Equal(t, []string{id}, ids)

			require.NoError(t, c.delete(id, "interop-delete-"+oc.name))
			_, err = c.get(id)
			require.Equal(t, serviceError{Code: "EndpointNotFound", Status: 400}, c.serviceError(t, err))
			ids, err = c.listByVpc(privatelinktest.VpcID)
			require.NoError(t, err)
			require.Empty(t, ids)
		})
	}
}

// TestOfficialSDKsErrorsOnEmulator: documented error codes reach each SDK's
// own error type with the service's HTTP status.
func TestOfficialSDKsErrorsOnEmulator(t *testing.T) {
	for _, oc := range officialClients {
		t.Run(oc.name, func(t *testing.T) {
			srv := startEmulator(t)
			c := oc.new(t, srv, privatelinktest.AccessKeySecret)
			n := 0
			fresh := func() emuCreate {
				n++
				return defaultEmuCreate("interop-errors-" + oc.name + "-" + strconv.Itoa(n))
			}
			code := func(err error) serviceError {
				t.Helper()
				require.Error(t, err)
				return c.serviceError(t, err)
			}

			in := fresh()
			in.VpcID = ""
			require.Equal(t, serviceError{"MissingParameter", 400}, code(createErr(c.create(in))))

			in = fresh()
			in.Name = createInput.EndpointName // Katakana after the first character
			require.Equal(t, serviceError{"InvalidParameter", 400}, code(createErr(c.create(in))))

			in = fresh()
			in.ZonePrivateIPAddressCount = 2
			require.Equal(t, serviceError{"InvalidParameter", 400}, code(createErr(c.create(in))))

			// A passing dry run is an error answer that creates nothing.
			in = fresh()
			in.DryRun = true
			require.Equal(t, serviceError{"DryRunOperation", 400}, code(createErr(c.create(in))))
			require.Zero(t, srv.EndpointCount())

			_, err := c.get("ep-hp3emu0nosuchendpoint")
			require.Equal(t, serviceError{"EndpointNotFound", 400}, code(err))
			require.Equal(t, serviceError{"EndpointNotFound", 400}, code(c.delete("ep-hp3emu0nosuchendpoint", "")))

			// The same token with other parameters.
			in = fresh()
			id, err := c.create(in)
			require.NoError(t, err)
			changed := in
			changed.Description = "another description"
			_, err = c.create(changed)
			require.Equal(t, serviceError{"IdempotentParameterMismatch", 400}, code(err))
			require.Equal(t, 1, srv.EndpointCount(), "the mismatch created nothing")

			// A client whose secret is wrong is refused by the gateway
			// check, whatever it asks.
			bad := oc.new(t, srv, privatelinktest.AccessKeySecret+"x")
			_, err = bad.get(id)
			require.Equal(t, serviceError{"SignatureDoesNotMatch", 400}, code(err))
			_, err = bad.create(fresh())
			require.Equal(t, serviceError{"SignatureDoesNotMatch", 400}, code(err))
			require.Equal(t, 1, srv.EndpointCount())
		})
	}
}

// oursFromEmuCreate expresses an emuCreate with our builder.
func oursFromEmuCreate(t *testing.T, in emuCreate) *ours.CreateVpcEndpointRequest {
	t.Helper()
	b := ours.NewCreateVpcEndpoint(in.VpcID).WithServiceID(in.ServiceID).
		WithEndpointName(in.Name).WithEndpointDescription(in.Description).WithClientToken(in.ClientToken).
		WithZonePrivateIPAddressCount(in.ZonePrivateIPAddressCount).
		WithSecurityGroupIDs(in.SecurityGroupIDs...)
	for _, z := range in.Zones {
		b.WithZones(ours.Zone{ZoneID: z.ZoneID, VSwitchID: z.VSwitchID, IP: z.IP, IPv6Address: z.IPv6Address})
	}
	for _, tg := range in.Tags {
		b.WithTag(tg.Key, tg.Value)
	}
	req, err := b.Build()
	require.NoError(t, err)
	return req
}

// TestClientTokenAcrossSDKs: an endpoint created by an official SDK is
// found again by our client with the same ClientToken, and the other way
// round. The emulator compares the business parameters of both requests
// (everything but the signature, protocol parameters and the token), so
// this is the wire comparison of ours_wire_test.go seen from the server.
func TestClientTokenAcrossSDKs(t *testing.T) {
	for _, oc := range officialClients {
		for _, v := range []signer.Version{signer.V3, signer.V1} {
			t.Run(fmt.Sprintf("%s/ours-%v", oc.name, v), func(t *testing.T) {
				srv := startEmulator(t)
				official := oc.new(t, srv, privatelinktest.AccessKeySecret)
				mine := newOursClient(t, srv.URL, v, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, "")

				first := defaultEmuCreate("interop-cross-official-first")
				id, err := official.create(first)
				require.NoError(t, err)
				resp, err := mine.CreateVpcEndpoint(context.Background(), oursFromEmuCreate(t, first))
				require.NoError(t, err)
				require.Equal(t, id, resp.EndpointID)

				second := defaultEmuCreate("interop-cross-ours-first")
				second.Zones[0].IP = "192.168.1.11" // .10 belongs to the first endpoint
				resp, err = mine.CreateVpcEndpoint(context.Background(), oursFromEmuCreate(t, second))
				require.NoError(t, err)
				id, err = official.create(second)
				require.NoError(t, err)
				require.Equal(t, resp.EndpointID, id)

				require.Equal(t, 2, srv.EndpointCount())
			})
		}
	}
}
