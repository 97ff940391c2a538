package privatelink_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// These tests provoke the service's error codes through this package's
// Client, as a user's program would meet them, and check what the SDK makes
// of each: an *APIError with the service's code and HTTP status,
// and predicates that agree with the code. Where client-side validation
// would stop a request before it is sent, they go around it with
// CallUnvalidated (export_test.go), so the emulator's own check is what
// answers. They are an external test package because privatelinktest
// imports privatelink, and dot-import it so that they read as the internal
// tests they were moved from.

const (
	errsHostID       = "privatelink." + privatelinktest.RegionID + ".aliyuncs.com"
	errsNoEndpoint   = "ep-hp3nosuchendpoint0000"
	errsSecondSG     = "sg-hp3errs0second0sg0000"
	errsOtherVpc     = "vpc-hp3errs0other0vpc000"
	errsOtherVpcSG   = "sg-hp3errs0othervpc0sg00"
	errsZoneAService = "epsrv-hp3errs0zonea0only0"
	errsSTSKeyID     = "STS.NUerrs0emulator0key0"
	errsSTSSecret    = "errs-sts-secret-0123456789"
	errsSTSToken     = "CAIS-errs-security-token-0123"
)

var errsEpoch = time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)

// Expected predicates, spelled out per code rather than derived the way
// errors.go derives them.
var (
	errsAuthCodes = map[string]bool{
		ErrCodeSignatureDoesNotMatch: true, ErrCodeIncompleteSignature: true, ErrCodeInvalidAccessKeyIDNotFound: true,
		ErrCodeSignatureNonceUsed: true, ErrCodeInvalidTimeStampExpired: true, ErrCodeForbiddenRAM: true,
		ErrCodeInvalidSecurityTokenMismatchWithAccessKey: true, ErrCodeInvalidSecurityTokenExpired: true,
	}
	errsNotFoundCodes = map[string]bool{
		ErrCodeVpcNotFound: true, ErrCodeVSwitchNotFound: true, ErrCodeSecurityGroupNotFound: true,
		ErrCodeEndpointServiceNotFound: true, ErrCodeEndpointNotFound: true, ErrCodeEndpointZoneNotFound: true,
	}
	errsRetryableCodes = map[string]bool{ErrCodeEndpointLocked: true, ErrCodeEndpointOperationDenied: true}
	// errsReadActions carry no ClientToken; errsMutatingActions always do.
	errsReadActions = map[string]bool{
		ActionGetVpcEndpointAttribute: true, ActionListVpcEndpoints: true,
		ActionListVpcEndpointZones: true, ActionListVpcEndpointSecurityGroups: true,
	}
	errsMutatingActions = map[string]bool{
		ActionCreateVpcEndpoint: true, ActionUpdateVpcEndpointAttribute: true, ActionDeleteVpcEndpoint: true,
		ActionAddZoneToVpcEndpoint: true, ActionRemoveZoneFromVpcEndpoint: true,
		ActionAttachSecurityGroupToVpcEndpoint: true, ActionDetachSecurityGroupFromVpcEndpoint: true,
	}
)

// requireAPIError checks that err is the service's answer code with HTTP
// status to a single attempt at action, and that the predicates agree.
func requireAPIError(t *testing.T, err error, action, code string, status int) *APIError {
	t.Helper()
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr), "want *APIError %s, got %T: %v", code, err, err)
	assert.Equal(t, code, apiErr.Code, "code; message: %s", apiErr.Message)
	assert.Equal(t, status, apiErr.StatusCode, "HTTP status of %s", code)
	assert.Equal(t, action, apiErr.Action)
	assert.NotEmpty(t, apiErr.Message)
	assert.NotEmpty(t, apiErr.RequestID)
	assert.Equal(t, errsHostID, apiErr.HostID)
	assert.Contains(t, apiErr.Recommend, code)
	assert.Equal(t, code, ErrorCode(err))
	if errsReadActions[action] {
		assert.Empty(t, apiErr.ClientToken, "a read carries no ClientToken")
	} else if errsMutatingActions[action] {
		assert.NotEmpty(t, apiErr.ClientToken, "a mutating call reports its ClientToken")
	}
	assert.Equal(t, errsAuthCodes[code], IsAuthError(err), "IsAuthError(%s)", code)
	assert.Equal(t, errsNotFoundCodes[code], IsNotFound(err), "IsNotFound(%s)", code)
	assert.Equal(t, code == ErrCodeEndpointNotFound, IsEndpointNotFound(err), "IsEndpointNotFound(%s)", code)
	assert.Equal(t, errsRetryableCodes[code], IsRetryable(err), "IsRetryable(%s)", code)
	assert.False(t, IsThrottling(err))
	assert.Equal(t, code == ErrCodeDryRunOperation, errors.Is(err, ErrDryRunPassed), "errors.Is(ErrDryRunPassed) for %s", code)
	return apiErr
}

// errsEnv is an emulator on a fake clock and a one-attempt client for it.
type errsEnv struct {
	t   *testing.T
	ctx context.Context
	srv *privatelinktest.Server
	c   *Client
	clk *privatelinktest.FakeClock
}

func newErrsEnv(t *testing.T, server []privatelinktest.Option, client ...Option) *errsEnv {
	t.Helper()
	clk := privatelinktest.NewFakeClock(errsEpoch)
	srv := privatelinktest.NewServer(append([]privatelinktest.Option{privatelinktest.WithClock(clk)}, server...)...)
	t.Cleanup(srv.Close)
	opts := append([]Option{
		WithEndpoint(srv.URL),
		WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
		WithRetry(1, 0, 0),
	}, client...)
	c, err := NewClient(privatelinktest.RegionID, opts...)
	require.NoError(t, err)
	return &errsEnv{t: t, ctx: t.Context(), srv: srv, c: c, clk: clk}
}

// errsCreate is a valid request for the default world: ZoneA, one group.
// errsCreateRequest is errsCreate's request, to edit into one the SDK
// refuses.
func errsCreateRequest() CreateVpcEndpointRequest {
	r, err := errsCreate().Build()
	if err != nil {
		panic(err)
	}
	return *r
}

func errsCreate() *CreateVpcEndpointBuilder {
	return NewCreateVpcEndpoint(privatelinktest.VpcID).
		WithServiceID(privatelinktest.ServiceID).
		WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID)
}

// create makes an endpoint the test needs before provoking an error.
func (e *errsEnv) create(b *CreateVpcEndpointBuilder) string {
	e.t.Helper()
	req, err := b.Build()
	require.NoError(e.t, err)
	resp, err := e.c.CreateVpcEndpoint(e.ctx, req)
	require.NoError(e.t, err)
	return resp.EndpointID
}

// tryCreate builds and sends a create that client-side validation accepts.
func (e *errsEnv) tryCreate(b *CreateVpcEndpointBuilder) error {
	e.t.Helper()
	req, err := b.Build()
	require.NoError(e.t, err, "the SDK lets this request through")
	_, err = e.c.CreateVpcEndpoint(e.ctx, req)
	return err
}

// rawCreate sends a create that client-side validation refuses, to show
// that the service refuses it too.
func (e *errsEnv) rawCreate(req *CreateVpcEndpointRequest) error {
	e.t.Helper()
	var ve *ValidationError
	require.True(e.t, errors.As(req.Validate(), &ve), "the SDK itself refuses this request")
	return CallUnvalidated(e.ctx, e.c, req)
}

func (e *errsEnv) addZone(req *AddZoneToVpcEndpointRequest) error {
	_, err := e.c.AddZoneToVpcEndpoint(e.ctx, req)
	return err
}

func (e *errsEnv) attach(id, sg string) error {
	_, err := e.c.AttachSecurityGroupToVpcEndpoint(e.ctx, &AttachSecurityGroupToVpcEndpointRequest{EndpointID: id, SecurityGroupID: sg})
	return err
}

func (e *errsEnv) detach(id, sg string) error {
	_, err := e.c.DetachSecurityGroupFromVpcEndpoint(e.ctx, &DetachSecurityGroupFromVpcEndpointRequest{EndpointID: id, SecurityGroupID: sg})
	return err
}

func (e *errsEnv) update(id string) error {
	_, err := e.c.UpdateVpcEndpointAttribute(e.ctx, &UpdateVpcEndpointAttributeRequest{EndpointID: id, EndpointName: "errs-renamed"})
	return err
}

func (e *errsEnv) remove(id, zone string) error {
	_, err := e.c.RemoveZoneFromVpcEndpoint(e.ctx, &RemoveZoneFromVpcEndpointRequest{EndpointID: id, ZoneID: zone})
	return err
}

func (e *errsEnv) delete(id string) error {
	_, err := e.c.DeleteVpcEndpoint(e.ctx, &DeleteVpcEndpointRequest{EndpointID: id})
	return err
}

func (e *errsEnv) list() error {
	_, err := e.c.ListVpcEndpoints(e.ctx, &ListVpcEndpointsRequest{})
	return err
}

// errsTamper changes each request after the SDK signed it, as a proxy
// that drops part of the signature would.
type errsTamper struct {
	base   http.RoundTripper
	tamper func(*http.Request)
}

func (rt errsTamper) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	rt.tamper(r)
	return rt.base.RoundTrip(r)
}

// errsReplay sends every signed request twice, as a proxy that retries on
// its own would, and returns the second answer.
type errsReplay struct{ base http.RoundTripper }

func (rt errsReplay) RoundTrip(req *http.Request) (*http.Response, error) {
	send := func() (*http.Response, error) {
		r := req.Clone(req.Context())
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r.Body = body
		}
		return rt.base.RoundTrip(r)
	}
	first, err := send()
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, first.Body)
	first.Body.Close()
	return send()
}

// errsHTTPClient returns an HTTP client whose transport is wrap around a
// private pool, closed when the test ends.
func errsHTTPClient(t *testing.T, wrap func(http.RoundTripper) http.RoundTripper) *http.Client {
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)
	return &http.Client{Transport: wrap(base)}
}

// errsDropQueryParam removes key from a raw query without re-encoding the
// rest, which must stay byte for byte as signed.
func errsDropQueryParam(raw, key string) string {
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if !strings.HasPrefix(p, key+"=") {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}

// TestEmulatorAuthErrors provokes the gateway's authentication and
// authorization errors with both signature versions.
func TestEmulatorAuthErrors(t *testing.T) {
	for _, sig := range []signer.Version{signer.V1, signer.V3} {
		sigOpt := WithSignatureVersion(sig)
		name := "V3"
		if sig == signer.V1 {
			name = "V1"
		}
		t.Run(name, func(t *testing.T) {
			t.Run("SignatureDoesNotMatch: wrong secret", func(t *testing.T) {
				e := newErrsEnv(t, nil, sigOpt, WithStaticCredentials(privatelinktest.AccessKeyID, "not-the-secret", ""))
				apiErr := requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeSignatureDoesNotMatch, http.StatusBadRequest)
				assert.Contains(t, apiErr.Message, "server string to sign is:", "the diagnosis reaches the caller")
			})
			t.Run("IncompleteSignature: signature stripped", func(t *testing.T) {
				strip := func(r *http.Request) {
					if sig == signer.V1 {
						r.URL.RawQuery = errsDropQueryParam(r.URL.RawQuery, "Signature")
					} else {
						r.Header.Del("X-Acs-Content-Sha256") // a signed header
					}
				}
				hc := errsHTTPClient(t, func(base http.RoundTripper) http.RoundTripper { return errsTamper{base, strip} })
				e := newErrsEnv(t, nil, sigOpt, WithHTTPClient(hc))
				requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeIncompleteSignature, http.StatusBadRequest)
			})
			if sig == signer.V3 {
				t.Run("IncompleteSignature: x-acs header left out of SignedHeaders", func(t *testing.T) {
					unsign := func(r *http.Request) {
						r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ";x-acs-signature-nonce", "", 1))
					}
					hc := errsHTTPClient(t, func(base http.RoundTripper) http.RoundTripper { return errsTamper{base, unsign} })
					e := newErrsEnv(t, nil, sigOpt, WithHTTPClient(hc))
					apiErr := requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeIncompleteSignature, http.StatusBadRequest)
					assert.Contains(t, apiErr.Message, "x-acs-signature-nonce is not signed")
				})
			}
			t.Run("InvalidAccessKeyId.NotFound", func(t *testing.T) {
				e := newErrsEnv(t, nil, sigOpt, WithStaticCredentials("LTAI5tNoSuchKey000000000", privatelinktest.AccessKeySecret, ""))
				requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeInvalidAccessKeyIDNotFound, http.StatusNotFound)
			})
			t.Run("SignatureNonceUsed: one signed request sent twice", func(t *testing.T) {
				hc := errsHTTPClient(t, func(base http.RoundTripper) http.RoundTripper { return errsReplay{base} })
				e := newErrsEnv(t, nil, sigOpt, WithHTTPClient(hc))
				requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeSignatureNonceUsed, http.StatusBadRequest)
				st := e.srv.Stats()[ActionListVpcEndpoints]
				assert.Equal(t, 2, st.Requests, "the proxy sent it twice")
				assert.Equal(t, 1, st.Successes, "the first send was served")
				assert.Equal(t, 1, st.Errors)
			})
			for _, off := range []time.Duration{time.Hour, -time.Hour} {
				t.Run("InvalidTimeStamp.Expired: clock off by "+off.String(), func(t *testing.T) {
					e := newErrsEnv(t, nil, sigOpt, WithNow(func() time.Time { return time.Now().Add(off) }))
					requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeInvalidTimeStampExpired, http.StatusBadRequest)
				})
			}
			t.Run("InvalidSecurityToken.MismatchWithAccessKey", func(t *testing.T) {
				e := newErrsEnv(t, []privatelinktest.Option{privatelinktest.WithSTSCredential(errsSTSKeyID, errsSTSSecret, errsSTSToken)},
					sigOpt, WithStaticCredentials(errsSTSKeyID, errsSTSSecret, errsSTSToken+"-stale"))
				requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeInvalidSecurityTokenMismatchWithAccessKey, http.StatusBadRequest)
			})
			t.Run("InvalidSecurityToken.Expired", func(t *testing.T) {
				e := newErrsEnv(t, []privatelinktest.Option{privatelinktest.WithSTSCredentialExpiring(errsSTSKeyID, errsSTSSecret, errsSTSToken, time.Now().Add(-time.Minute))},
					sigOpt, WithStaticCredentials(errsSTSKeyID, errsSTSSecret, errsSTSToken))
				requireAPIError(t, e.list(), ActionListVpcEndpoints, ErrCodeInvalidSecurityTokenExpired, http.StatusBadRequest)
			})
			t.Run("Forbidden.RAM", func(t *testing.T) {
				e := newErrsEnv(t, []privatelinktest.Option{privatelinktest.WithDeniedAction(privatelinktest.AccessKeyID, ActionDeleteVpcEndpoint)}, sigOpt)
				id := e.create(errsCreate())
				requireAPIError(t, e.delete(id), ActionDeleteVpcEndpoint, ErrCodeForbiddenRAM, http.StatusForbidden)
				ep, ok := e.srv.Endpoint(id)
				require.True(t, ok)
				assert.Equal(t, EndpointStatusActive, ep.Status, "the refused delete did nothing")
			})
			t.Run("InvalidApi.NotFound: unknown action", func(t *testing.T) {
				e := newErrsEnv(t, nil, sigOpt)
				err := CallAction(e.ctx, e.c, "DescribeNothingAtAll")
				requireAPIError(t, err, "DescribeNothingAtAll", ErrCodeInvalidAPINotFound, http.StatusNotFound)
			})
		})
	}
}

// errsCase provokes one error: run may prepare endpoints first and returns
// the error of the call that must fail; after, when set, checks the
// emulator's state afterwards.
type errsCase struct {
	name   string
	server []privatelinktest.Option
	run    func(e *errsEnv) error
	action string
	code   string
	after  func(e *errsEnv)
}

func runErrsCases(t *testing.T, cases []errsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.code+": "+tc.name, func(t *testing.T) {
			e := newErrsEnv(t, tc.server)
			apiErr := requireAPIError(t, tc.run(e), tc.action, tc.code, http.StatusBadRequest)
			assert.Equal(t, 1, apiErr.Attempts)
			if tc.after != nil {
				tc.after(e)
			}
		})
	}
}

// errsEndpointCount returns an after check that the emulator holds n
// endpoints.
func errsEndpointCount(n int) func(e *errsEnv) {
	return func(e *errsEnv) { assert.Equal(e.t, n, e.srv.EndpointCount(), "endpoints in the emulator") }
}

// TestEmulatorParameterErrors covers the service's own parameter checks,
// reached by going around the SDK's validation.
func TestEmulatorParameterErrors(t *testing.T) {
	runErrsCases(t, []errsCase{
		{
			name:   "CreateVpcEndpoint without VpcId",
			action: ActionCreateVpcEndpoint, code: ErrCodeMissingParameter,
			run: func(e *errsEnv) error {
				req := &CreateVpcEndpointRequest{ServiceID: privatelinktest.ServiceID,
					Zones: []Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}}, SecurityGroupIDs: []string{privatelinktest.SecurityGroupID}}
				err := e.rawCreate(req)
				assert.Contains(e.t, errsMessage(err), "VpcId")
				return err
			},
			after: errsEndpointCount(0),
		},
		{
			name:   "GetVpcEndpointAttribute without EndpointId",
			action: ActionGetVpcEndpointAttribute, code: ErrCodeMissingParameter,
			run: func(e *errsEnv) error {
				req := &GetVpcEndpointAttributeRequest{}
				require.Error(e.t, req.Validate())
				err := CallUnvalidated(e.ctx, e.c, req)
				return err
			},
		},
		{
			name:   "EndpointName starting with a digit",
			action: ActionCreateVpcEndpoint, code: ErrCodeInvalidParameter,
			run: func(e *errsEnv) error {
				req := errsCreateRequest()
				req.EndpointName = "9lives"
				err := e.rawCreate(&req)
				assert.Contains(e.t, errsMessage(err), "EndpointName")
				return err
			},
			after: errsEndpointCount(0),
		},
		{
			name:   "ListVpcEndpoints MaxResults above 1000",
			action: ActionListVpcEndpoints, code: ErrCodeInvalidParameter,
			run: func(e *errsEnv) error {
				req := &ListVpcEndpointsRequest{MaxResults: MaxListVpcEndpointsResults + 1}
				require.Error(e.t, req.Validate())
				err := CallUnvalidated(e.ctx, e.c, req)
				return err
			},
		},
		{
			name:   "ClientToken longer than 64 characters",
			action: ActionCreateVpcEndpoint, code: ErrCodeInvalidParameter,
			run: func(e *errsEnv) error {
				req := errsCreateRequest()
				req.ClientToken = strings.Repeat("t", MaxClientTokenLen+1)
				return e.rawCreate(&req)
			},
			after: errsEndpointCount(0),
		},
	})
}

// errsMessage returns the service's message in err, or "".
func errsMessage(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Message
	}
	return ""
}

// TestEmulatorWorldErrors covers requests that name resources the world
// does not have, or cannot have for the endpoint.
func TestEmulatorWorldErrors(t *testing.T) {
	zoneAOnly := privatelinktest.WithService(privatelinktest.Service{ID: errsZoneAService, Zones: []string{privatelinktest.ZoneA}, AutoAccept: true})
	runErrsCases(t, []errsCase{
		{
			name: "unknown VPC", action: ActionCreateVpcEndpoint, code: ErrCodeVpcNotFound,
			run: func(e *errsEnv) error {
				b := errsCreate()
				b.Request().VpcID = "vpc-hp3nosuchvpc000000000"
				return e.tryCreate(b)
			},
			after: errsEndpointCount(0),
		},
		{
			name: "unknown vSwitch", action: ActionCreateVpcEndpoint, code: ErrCodeVSwitchNotFound,
			run: func(e *errsEnv) error {
				return e.tryCreate(errsCreate().WithZone(privatelinktest.ZoneB, "vsw-hp3nosuchvsw000000000"))
			},
		},
		{
			name: "vSwitch of another zone", action: ActionCreateVpcEndpoint, code: ErrCodeVSwitchNotFound,
			run: func(e *errsEnv) error {
				b := NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
					WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchB).WithSecurityGroupIDs(privatelinktest.SecurityGroupID)
				return e.tryCreate(b)
			},
		},
		{
			name: "unknown security group", action: ActionCreateVpcEndpoint, code: ErrCodeSecurityGroupNotFound,
			run: func(e *errsEnv) error {
				return e.tryCreate(errsCreate().WithSecurityGroupIDs("sg-hp3nosuchsg00000000000"))
			},
		},
		{
			name:   "security group of another VPC",
			server: []privatelinktest.Option{privatelinktest.WithVpc(errsOtherVpc), privatelinktest.WithSecurityGroup(errsOtherVpcSG, errsOtherVpc)},
			action: ActionAttachSecurityGroupToVpcEndpoint, code: ErrCodeSecurityGroupNotFound,
			run: func(e *errsEnv) error { return e.attach(e.create(errsCreate()), errsOtherVpcSG) },
		},
		{
			name:   "detaching a group that is not attached",
			server: []privatelinktest.Option{privatelinktest.WithSecurityGroup(errsSecondSG, privatelinktest.VpcID)},
			action: ActionDetachSecurityGroupFromVpcEndpoint, code: ErrCodeSecurityGroupNotFound,
			run: func(e *errsEnv) error { return e.detach(e.create(errsCreate()), errsSecondSG) },
		},
		{
			name:   "attaching a group that is attached",
			action: ActionAttachSecurityGroupToVpcEndpoint, code: ErrCodeSecurityGroupExist,
			run: func(e *errsEnv) error { return e.attach(e.create(errsCreate()), privatelinktest.SecurityGroupID) },
		},
		{
			name:   "removing a zone the endpoint does not have",
			action: ActionRemoveZoneFromVpcEndpoint, code: ErrCodeEndpointZoneNotFound,
			run: func(e *errsEnv) error { return e.remove(e.create(errsCreate()), privatelinktest.ZoneB) },
		},
		{
			name: "unknown service ID", action: ActionCreateVpcEndpoint, code: ErrCodeEndpointServiceNotFound,
			run: func(e *errsEnv) error {
				b := errsCreate()
				b.Request().ServiceID = "epsrv-hp3nosuchservice000"
				return e.tryCreate(b)
			},
		},
		{
			name: "unknown service name", action: ActionCreateVpcEndpoint, code: ErrCodeEndpointServiceNotFound,
			run: func(e *errsEnv) error {
				b := errsCreate()
				b.Request().ServiceID = ""
				b.Request().ServiceName = "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3nosuchservice000"
				return e.tryCreate(b)
			},
		},
		{
			name: "create in a zone the service is not in", server: []privatelinktest.Option{zoneAOnly},
			action: ActionCreateVpcEndpoint, code: ErrCodeEndpointServiceNotSupportedZone,
			run: func(e *errsEnv) error {
				return e.tryCreate(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(errsZoneAService).
					WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
			},
		},
		{
			name: "add a zone the service is not in", server: []privatelinktest.Option{zoneAOnly},
			action: ActionAddZoneToVpcEndpoint, code: ErrCodeEndpointServiceNotSupportedZone,
			run: func(e *errsEnv) error {
				b := errsCreate()
				b.Request().ServiceID = errsZoneAService
				return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: e.create(b), ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB})
			},
		},
		{
			name: "create with one zone twice", action: ActionCreateVpcEndpoint, code: ErrCodeEndpointZoneDuplicated,
			run: func(e *errsEnv) error {
				req := errsCreateRequest()
				req.Zones = append(req.Zones, Zone{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA})
				return e.rawCreate(&req)
			},
			after: errsEndpointCount(0),
		},
		{
			name: "add a zone the endpoint has", action: ActionAddZoneToVpcEndpoint, code: ErrCodeEndpointZoneDuplicated,
			run: func(e *errsEnv) error {
				return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: e.create(errsCreate()), ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA})
			},
		},
		{
			name: "create without a security group", action: ActionCreateVpcEndpoint, code: ErrCodeEndpointMustContainSecurityGroup,
			run: func(e *errsEnv) error {
				req := errsCreateRequest()
				req.SecurityGroupIDs = nil
				return e.rawCreate(&req)
			},
			after: errsEndpointCount(0),
		},
		{
			name: "detach the last security group", action: ActionDetachSecurityGroupFromVpcEndpoint, code: ErrCodeEndpointMustContainSecurityGroup,
			run: func(e *errsEnv) error { return e.detach(e.create(errsCreate()), privatelinktest.SecurityGroupID) },
			after: func(e *errsEnv) {
				ep := e.srv.Endpoints()[0]
				assert.Equal(e.t, []privatelinktest.EndpointSecurityGroup{{ID: privatelinktest.SecurityGroupID, Status: "Attached"}}, ep.SecurityGroups)
			},
		},
		{
			name: "a second endpoint beyond a VPC quota of 1", server: []privatelinktest.Option{privatelinktest.WithQuota(privatelinktest.QuotaTotalEpPerVpc, 1)},
			action: ActionCreateVpcEndpoint, code: ErrCodeQuotaExceededTotalEpPerVpc,
			run: func(e *errsEnv) error {
				e.create(errsCreate())
				return e.tryCreate(errsCreate())
			},
			after: errsEndpointCount(1),
		},
		{
			name: "create with two zones beyond a zone quota of 1", server: []privatelinktest.Option{privatelinktest.WithQuota(privatelinktest.QuotaEpZonePerEndpoint, 1)},
			action: ActionCreateVpcEndpoint, code: ErrCodeQuotaExceededEpZonePerEndpoint,
			run: func(e *errsEnv) error {
				return e.tryCreate(errsCreate().WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB))
			},
			after: errsEndpointCount(0),
		},
		{
			name: "add a second zone beyond a zone quota of 1", server: []privatelinktest.Option{privatelinktest.WithQuota(privatelinktest.QuotaEpZonePerEndpoint, 1)},
			action: ActionAddZoneToVpcEndpoint, code: ErrCodeQuotaExceededEpZonePerEndpoint,
			run: func(e *errsEnv) error {
				return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: e.create(errsCreate()), ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB})
			},
		},
	})
}

// TestEmulatorAddressErrors covers explicit IPv4 and IPv6 addresses.
func TestEmulatorAddressErrors(t *testing.T) {
	const v6InA = "2408:4005:34d:a100::10"
	runErrsCases(t, []errsCase{
		{
			name: "valid IPv4 outside the vSwitch's block", action: ActionCreateVpcEndpoint, code: ErrCodeIllegalParamIP,
			run: func(e *errsEnv) error {
				return e.tryCreate(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
					WithZoneIP(privatelinktest.ZoneA, privatelinktest.VSwitchA, "10.1.2.3").WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
			},
			after: errsEndpointCount(0),
		},
		{
			name: "added zone's IPv4 in another vSwitch's block", action: ActionAddZoneToVpcEndpoint, code: ErrCodeIllegalParamIP,
			run: func(e *errsEnv) error {
				return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: e.create(errsCreate()),
					ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB, IP: "192.168.1.77"})
			},
		},
		{
			name: "an IP another endpoint holds", action: ActionCreateVpcEndpoint, code: ErrCodeEniIPUnavailable,
			run: func(e *errsEnv) error {
				withIP := func() *CreateVpcEndpointBuilder {
					return NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
						WithZoneIP(privatelinktest.ZoneA, privatelinktest.VSwitchA, "192.168.1.50").WithSecurityGroupIDs(privatelinktest.SecurityGroupID)
				}
				e.create(withIP())
				return e.tryCreate(withIP())
			},
			after: errsEndpointCount(1),
		},
		{
			name: "the vSwitch's reserved broadcast address", action: ActionCreateVpcEndpoint, code: ErrCodeEniIPUnavailable,
			run: func(e *errsEnv) error {
				return e.tryCreate(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
					WithZoneIP(privatelinktest.ZoneA, privatelinktest.VSwitchA, "192.168.1.255").WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
			},
		},
		{
			name: "Ipv6Address on an IPv4 create", action: ActionCreateVpcEndpoint, code: ErrCodeOperationDeniedAddressIPVersionNotSupportSpecifyIPv6,
			run: func(e *errsEnv) error {
				req := NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
					WithZones(Zone{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA, IPv6Address: v6InA}).
					WithSecurityGroupIDs(privatelinktest.SecurityGroupID).Request()
				return e.rawCreate(req)
			},
			after: errsEndpointCount(0),
		},
		{
			// Only the service knows the endpoint's IP version, so the SDK
			// sends this one as it is.
			name: "Ipv6Address on a zone added to an IPv4 endpoint", action: ActionAddZoneToVpcEndpoint, code: ErrCodeOperationDeniedAddressIPVersionNotSupportSpecifyIPv6,
			run: func(e *errsEnv) error {
				return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: e.create(errsCreate()),
					ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB, IPv6Address: "2408:4005:34d:b100::10"})
			},
		},
		{
			name: "DualStack on a vSwitch without an IPv6 block", action: ActionCreateVpcEndpoint, code: ErrCodeOperationDeniedVSwitchNotSupportDualstack,
			run: func(e *errsEnv) error {
				return e.tryCreate(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
					WithAddressIPVersion(AddressIPVersionDualStack).
					WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
			},
			after: errsEndpointCount(0),
		},
		{
			name: "DualStack to an IPv4-only service", action: ActionCreateVpcEndpoint, code: ErrCodeOperationDeniedEndpointServiceNotSupportDualstack,
			run: func(e *errsEnv) error {
				return e.tryCreate(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ManualServiceID).
					WithAddressIPVersion(AddressIPVersionDualStack).
					WithZone(privatelinktest.ZoneA, privatelinktest.VSwitchA).WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
			},
		},
		{
			name: "IPv6 outside the vSwitch's IPv6 block", action: ActionCreateVpcEndpoint, code: ErrCodeIllegalParamIPv6Address,
			run: func(e *errsEnv) error {
				return e.tryCreate(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
					WithAddressIPVersion(AddressIPVersionDualStack).
					WithZones(Zone{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA, IPv6Address: "2001:db8::10"}).
					WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
			},
		},
	})

	// The dual-stack request the rules allow goes through, so the cases
	// above fail for the reason they name.
	e := newErrsEnv(t, nil)
	id := e.create(NewCreateVpcEndpoint(privatelinktest.VpcID).WithServiceID(privatelinktest.ServiceID).
		WithAddressIPVersion(AddressIPVersionDualStack).
		WithZones(Zone{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA, IP: "192.168.1.9", IPv6Address: v6InA}).
		WithSecurityGroupIDs(privatelinktest.SecurityGroupID))
	ep, ok := e.srv.Endpoint(id)
	require.True(t, ok)
	require.Len(t, ep.Zones, 1)
	assert.Equal(t, v6InA, ep.Zones[0].IPv6)
	assert.Equal(t, "192.168.1.9", ep.Zones[0].IP)
}

// TestEmulatorDryRun sends every mutating operation as a dry run that
// passes: each fails with DryRunOperation, which errors.Is matches with
// ErrDryRunPassed, and changes nothing. A dry run that would fail gets the
// real error instead.
func TestEmulatorDryRun(t *testing.T) {
	e := newErrsEnv(t, []privatelinktest.Option{privatelinktest.WithSecurityGroup(errsSecondSG, privatelinktest.VpcID)})
	id := e.create(errsCreate().WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB).WithSecurityGroupIDs(errsSecondSG))
	// single has one zone and one group, for the dry runs that would add.
	single := e.create(errsCreate())
	before := e.srv.Endpoints()
	require.Len(t, before, 2)
	require.Equal(t, EndpointStatusActive, before[0].Status)

	createReq, err := errsCreate().WithDryRun(true).Build()
	require.NoError(t, err)
	for _, tc := range []struct {
		action string
		call   func(e *errsEnv) error
	}{
		{ActionCreateVpcEndpoint, func(e *errsEnv) error { _, err := e.c.CreateVpcEndpoint(e.ctx, createReq); return err }},
		{ActionUpdateVpcEndpointAttribute, func(e *errsEnv) error {
			_, err := e.c.UpdateVpcEndpointAttribute(e.ctx, &UpdateVpcEndpointAttributeRequest{EndpointID: id, EndpointName: "dry-run", ZoneAffinityEnabled: Some(true), DryRun: true})
			return err
		}},
		{ActionDeleteVpcEndpoint, func(e *errsEnv) error {
			_, err := e.c.DeleteVpcEndpoint(e.ctx, &DeleteVpcEndpointRequest{EndpointID: id, DryRun: true})
			return err
		}},
		{ActionAddZoneToVpcEndpoint, func(e *errsEnv) error {
			_, err := e.c.AddZoneToVpcEndpoint(e.ctx, &AddZoneToVpcEndpointRequest{EndpointID: single, ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB, DryRun: true})
			return err
		}},
		{ActionRemoveZoneFromVpcEndpoint, func(e *errsEnv) error {
			_, err := e.c.RemoveZoneFromVpcEndpoint(e.ctx, &RemoveZoneFromVpcEndpointRequest{EndpointID: id, ZoneID: privatelinktest.ZoneB, DryRun: true})
			return err
		}},
		{ActionAttachSecurityGroupToVpcEndpoint, func(e *errsEnv) error {
			_, err := e.c.AttachSecurityGroupToVpcEndpoint(e.ctx, &AttachSecurityGroupToVpcEndpointRequest{EndpointID: single, SecurityGroupID: errsSecondSG, DryRun: true})
			return err
		}},
		{ActionDetachSecurityGroupFromVpcEndpoint, func(e *errsEnv) error {
			_, err := e.c.DetachSecurityGroupFromVpcEndpoint(e.ctx, &DetachSecurityGroupFromVpcEndpointRequest{EndpointID: id, SecurityGroupID: errsSecondSG, DryRun: true})
			return err
		}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			sub := *e
			sub.t = t
			requireAPIError(t, tc.call(&sub), tc.action, ErrCodeDryRunOperation, http.StatusBadRequest)
			assert.Equal(t, before, e.srv.Endpoints(), "the dry run changed and created nothing")
		})
	}

	t.Run("a dry run that would fail", func(t *testing.T) {
		sub := *e
		sub.t = t
		b := errsCreate().WithDryRun(true)
		b.Request().VpcID = "vpc-hp3nosuchvpc000000000"
		requireAPIError(t, sub.tryCreate(b), ActionCreateVpcEndpoint, ErrCodeVpcNotFound, http.StatusBadRequest)
	})
}

// TestEmulatorIdempotentParameterMismatch reuses a ClientToken: with the
// same parameters the original endpoint comes back, with others the
// service refuses.
func TestEmulatorIdempotentParameterMismatch(t *testing.T) {
	e := newErrsEnv(t, nil)
	const token = "errs-order-4711"
	first := e.create(errsCreate().WithEndpointName("first").WithClientToken(token))
	again := e.create(errsCreate().WithEndpointName("first").WithClientToken(token))
	assert.Equal(t, first, again, "the same token and parameters return the original endpoint")

	apiErr := requireAPIError(t, e.tryCreate(errsCreate().WithEndpointName("second").WithClientToken(token)),
		ActionCreateVpcEndpoint, ErrCodeIdempotentParameterMismatch, http.StatusBadRequest)
	assert.Equal(t, token, apiErr.ClientToken)
	got, ok := ClientTokenFromError(apiErr)
	assert.True(t, ok)
	assert.Equal(t, token, got)
	assert.Equal(t, 1, e.srv.EndpointCount())
	ep, ok := e.srv.EndpointByClientToken(token)
	require.True(t, ok)
	assert.Equal(t, "first", ep.Name)
}

// TestEmulatorBusyEndpoint changes endpoints in transitional states, which
// the service refuses with codes the SDK retries: EndpointOperationDenied
// while Creating or Deleting (and for a delete while Pending),
// EndpointLocked while Pending. Time moves only on the fake clock.
func TestEmulatorBusyEndpoint(t *testing.T) {
	delays := []privatelinktest.Option{
		privatelinktest.WithCreationDelay(time.Minute),
		privatelinktest.WithZoneDelay(time.Minute),
		privatelinktest.WithDeletionDelay(time.Minute),
		privatelinktest.WithSecurityGroup(errsSecondSG, privatelinktest.VpcID),
	}
	// creating returns an endpoint still Creating.
	creating := func(e *errsEnv) string {
		id := e.create(errsCreate().WithZone(privatelinktest.ZoneB, privatelinktest.VSwitchB))
		ep, _ := e.srv.Endpoint(id)
		require.Equal(e.t, EndpointStatusCreating, ep.Status)
		return id
	}
	// pending returns an Active endpoint made Pending by a zone removal.
	pending := func(e *errsEnv) string {
		id := creating(e)
		e.clk.Advance(time.Minute)
		require.NoError(e.t, e.remove(id, privatelinktest.ZoneB))
		ep, _ := e.srv.Endpoint(id)
		require.Equal(e.t, EndpointStatusPending, ep.Status)
		return id
	}
	// deleting returns an endpoint being deleted.
	deleting := func(e *errsEnv) string {
		id := creating(e)
		e.clk.Advance(time.Minute)
		require.NoError(e.t, e.delete(id))
		ep, _ := e.srv.Endpoint(id)
		require.Equal(e.t, EndpointStatusDeleting, ep.Status)
		return id
	}
	type op struct {
		action string
		call   func(e *errsEnv, id string) error
	}
	var (
		update = op{ActionUpdateVpcEndpointAttribute, (*errsEnv).update}
		del    = op{ActionDeleteVpcEndpoint, (*errsEnv).delete}
		attach = op{ActionAttachSecurityGroupToVpcEndpoint, func(e *errsEnv, id string) error { return e.attach(id, errsSecondSG) }}
		detach = op{ActionDetachSecurityGroupFromVpcEndpoint, func(e *errsEnv, id string) error { return e.detach(id, privatelinktest.SecurityGroupID) }}
		add    = op{ActionAddZoneToVpcEndpoint, func(e *errsEnv, id string) error {
			return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: id, ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB})
		}}
		remove = op{ActionRemoveZoneFromVpcEndpoint, func(e *errsEnv, id string) error { return e.remove(id, privatelinktest.ZoneA) }}
	)
	for _, tc := range []struct {
		state string
		setup func(e *errsEnv) string
		op    op
		code  string
	}{
		{"Creating", creating, update, ErrCodeEndpointOperationDenied},
		{"Creating", creating, del, ErrCodeEndpointOperationDenied},
		{"Creating", creating, attach, ErrCodeEndpointOperationDenied},
		{"Creating", creating, remove, ErrCodeEndpointOperationDenied},
		{"Deleting", deleting, update, ErrCodeEndpointOperationDenied},
		{"Deleting", deleting, del, ErrCodeEndpointOperationDenied},
		{"Deleting", deleting, detach, ErrCodeEndpointOperationDenied},
		{"Pending", pending, del, ErrCodeEndpointOperationDenied},
		{"Pending", pending, update, ErrCodeEndpointLocked},
		{"Pending", pending, attach, ErrCodeEndpointLocked},
		{"Pending", pending, detach, ErrCodeEndpointLocked},
		{"Pending", pending, add, ErrCodeEndpointLocked},
		{"Pending", pending, remove, ErrCodeEndpointLocked},
	} {
		t.Run(tc.code+": "+tc.op.action+" while "+tc.state, func(t *testing.T) {
			e := newErrsEnv(t, delays)
			id := tc.setup(e)
			apiErr := requireAPIError(t, tc.op.call(e, id), tc.op.action, tc.code, http.StatusBadRequest)
			assert.Equal(t, 1, apiErr.Attempts, "WithRetry(1, 0, 0): no retry")
			ep, ok := e.srv.Endpoint(id)
			require.True(t, ok)
			assert.EqualValues(t, tc.state, ep.Status, "the refused call changed nothing")
		})
	}

	t.Run("the SDK retries a locked endpoint, and the change goes through once it settles", func(t *testing.T) {
		// No busy budget: the emulator's lock lasts until the fake clock
		// moves, so only the attempts of WithRetry are tested here.
		e := newErrsEnv(t, delays, WithRetry(3, 0, 0), WithBusyRetry(0))
		id := pending(e)
		err := e.attach(id, errsSecondSG)
		apiErr := requireAPIError(t, err, ActionAttachSecurityGroupToVpcEndpoint, ErrCodeEndpointLocked, http.StatusBadRequest)
		assert.Equal(t, 3, apiErr.Attempts)
		assert.Equal(t, 3, e.srv.Stats()[ActionAttachSecurityGroupToVpcEndpoint].Requests)

		e.clk.Advance(time.Minute)
		require.NoError(t, e.attach(id, errsSecondSG))
		ep, _ := e.srv.Endpoint(id)
		assert.Len(t, ep.SecurityGroups, 2)
	})
}

// TestEmulatorEndpointNotFound names an endpoint that does not exist in
// every operation that addresses one.
func TestEmulatorEndpointNotFound(t *testing.T) {
	for _, tc := range []struct {
		action string
		call   func(e *errsEnv) error
	}{
		{ActionGetVpcEndpointAttribute, func(e *errsEnv) error {
			_, err := e.c.GetVpcEndpointAttribute(e.ctx, &GetVpcEndpointAttributeRequest{EndpointID: errsNoEndpoint})
			return err
		}},
		{ActionUpdateVpcEndpointAttribute, func(e *errsEnv) error { return e.update(errsNoEndpoint) }},
		{ActionDeleteVpcEndpoint, func(e *errsEnv) error { return e.delete(errsNoEndpoint) }},
		{ActionListVpcEndpointZones, func(e *errsEnv) error {
			_, err := e.c.ListVpcEndpointZones(e.ctx, &ListVpcEndpointZonesRequest{EndpointID: errsNoEndpoint})
			return err
		}},
		{ActionAddZoneToVpcEndpoint, func(e *errsEnv) error {
			return e.addZone(&AddZoneToVpcEndpointRequest{EndpointID: errsNoEndpoint, ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA})
		}},
		{ActionRemoveZoneFromVpcEndpoint, func(e *errsEnv) error { return e.remove(errsNoEndpoint, privatelinktest.ZoneA) }},
		{ActionAttachSecurityGroupToVpcEndpoint, func(e *errsEnv) error { return e.attach(errsNoEndpoint, privatelinktest.SecurityGroupID) }},
		{ActionDetachSecurityGroupFromVpcEndpoint, func(e *errsEnv) error { return e.detach(errsNoEndpoint, privatelinktest.SecurityGroupID) }},
		{ActionListVpcEndpointSecurityGroups, func(e *errsEnv) error {
			_, err := e.c.ListVpcEndpointSecurityGroups(e.ctx, &ListVpcEndpointSecurityGroupsRequest{EndpointID: errsNoEndpoint})
			return err
		}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			requireAPIError(t, tc.call(newErrsEnv(t, nil)), tc.action, ErrCodeEndpointNotFound, http.StatusBadRequest)
		})
	}

	e := newErrsEnv(t, nil)
	resp, err := e.c.ListVpcEndpoints(e.ctx, &ListVpcEndpointsRequest{EndpointID: errsNoEndpoint})
	require.NoError(t, err, "a list filtered by an unknown ID is empty, not an error")
	assert.Empty(t, resp.Endpoints)
}
