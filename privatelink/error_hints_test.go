package privatelink

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/internal/wire"
	"github.com/privatelink-go/sdk/signer"
)

func TestContextForNamesTheRequestValues(t *testing.T) {
	var p wire.Params
	p.Set("VpcId", "vpc-1")
	p.Set("ServiceId", "epsrv-1")
	p.Set("Zone.1.ZoneId", "cn-hangzhou-h")
	p.Set("Zone.1.VSwitchId", "vsw-1")
	p.Set("Zone.2.ZoneId", "cn-hangzhou-i")
	p.Set("Zone.2.VSwitchId", "vsw-2")
	p.Set("SecurityGroupId.1", "sg-1")
	p.Set("ClientToken", "tok-1")
	call := &transport.Call{Action: "CreateVpcEndpoint", Params: p}
	for _, tc := range []struct {
		code   string
		values string
		hint   string
	}{
		{ErrCodeVpcNotFound, "VpcId=vpc-1 RegionId=cn-hangzhou", "check the ID and the client's region"},
		{ErrCodeVSwitchNotFound, "VpcId=vpc-1 Zone.1.ZoneId=cn-hangzhou-h Zone.2.ZoneId=cn-hangzhou-i Zone.1.VSwitchId=vsw-1 Zone.2.VSwitchId=vsw-2 RegionId=cn-hangzhou", "in another zone"},
		{ErrCodeSecurityGroupNotFound, "VpcId=vpc-1 SecurityGroupId.1=sg-1 RegionId=cn-hangzhou", "security group"},
		{ErrCodeEndpointServiceNotAuthorized, "ServiceId=epsrv-1 RegionId=cn-hangzhou", "AddUserToVpcEndpointService"},
		{ErrCodeInvalidRegionIDNotFound, "RegionId=cn-hangzhou", "DescribeRegions"},
		{ErrCodeEndpointServiceDependenceViolation, "ServiceId=epsrv-1", "detach them first with DetachResourceFromVpcEndpointService"},
		{ErrCodeForbiddenRAM, "", "privatelink:CreateVpcEndpoint"},
		{ErrCodeSignatureDoesNotMatch, "", "the one of this AccessKey ID"},
		{ErrCodeIdempotentParameterMismatch, "", "new token"},
		{"QuotaExceeded.totalEpPerVpc", "", "quota is used up"},
		{"QuotaExceeded.epZonePerEndpoint", "", "per VPC or per endpoint"},
		{"QuotaExceed.TagsPerResource", "", "quota is used up"},
		{ErrCodeQuotaMisMatched, "", "quota is used up"},
		{"QuotaExceededX", "", ""},
		{ErrCodeThrottlingUser, "", "WithRateLimit"},
		{ErrCodeThrottlingUser, "", "retries this answer for the WithThrottleRetry budget"},
		{ErrCodeThrottlingAPI, "", "counted over all accounts"},
		{ErrCodeThrottling, "", "not for this client's rate"},
		{ErrCodeEndpointLocked, "", "WithBusyRetry"},
		{"SomeNewCode", "", ""},
	} {
		t.Run(tc.code, func(t *testing.T) {
			values, hint := contextFor(tc.code, "cn-hangzhou", call)
			var got []string
			for _, v := range values {
				got = append(got, v.Name+"="+v.Value)
			}
			assert.Equal(t, tc.values, strings.Join(got, " "))
			if tc.hint == "" {
				assert.Empty(t, hint)
			} else {
				assert.Contains(t, hint, tc.hint)
			}
			assert.NotContains(t, hint, "tok-1")
			assert.NotContains(t, hint, "%a")
		})
	}
}

// A cross-region endpoint's service is looked for in ServiceRegionId, not
// in the client's region: the error shows both, and the hint says so
// rather than telling the user to use the service from its own region. An
// unknown region may be either.
// The throttles that are not about this account's rate advise no setting
// of this client's rate: adaptive pacing ignores them, and slowing one
// client helps with neither.
func TestOtherThrottlesHintNoRateSetting(t *testing.T) {
	for _, code := range []string{ErrCodeThrottling, ErrCodeThrottlingAPI} {
		_, hint := contextFor(code, "cn-hangzhou", &transport.Call{Action: "ListVpcEndpoints"})
		assert.NotContains(t, hint, "WithRateLimit", code)
		assert.NotContains(t, hint, "WithAdaptiveRateLimit", code)
		assert.Contains(t, hint, "WithThrottleRetry", code)
	}
}

func TestContextForCrossRegionService(t *testing.T) {
	var p wire.Params
	p.Set("VpcId", "vpc-1")
	p.Set("ServiceId", "epsrv-1")
	p.Set("ServiceRegionId", "cn-wulanchabu")
	call := &transport.Call{Action: "CreateVpcEndpoint", Params: p}
	service := []RequestValue{{"ServiceId", "epsrv-1"}, {"ServiceRegionId", "cn-wulanchabu"}, {"RegionId", "cn-hangzhou"}}
	for code, want := range map[string][]RequestValue{
		ErrCodeEndpointServiceNotFound:      service,
		ErrCodeEndpointServiceNotAuthorized: service,
		ErrCodeInvalidRegionIDNotFound:      {{"ServiceRegionId", "cn-wulanchabu"}, {"RegionId", "cn-hangzhou"}},
	} {
		values, hint := contextFor(code, "cn-hangzhou", call)
		assert.Equal(t, want, values, code)
		assert.NotEmpty(t, hint, code)
	}
	_, hint := contextFor(ErrCodeEndpointServiceNotFound, "cn-hangzhou", call)
	assert.Contains(t, hint, "ServiceRegionId for a cross-region endpoint")
}

// VSwitchNotFound also answers provider operations, which send no
// vSwitch of their own: the hint about the request's
// vSwitches is not given there.
func TestVSwitchHintOnlyWithAVSwitch(t *testing.T) {
	var p wire.Params
	p.Set("ServiceId", "epsrv-1")
	p.Set("ResourceId", "nlb-1")
	p.Set("ZoneId", "cn-hangzhou-h")
	call := &transport.Call{Action: "AttachResourceToVpcEndpointService", Params: p}
	values, hint := contextFor(ErrCodeVSwitchNotFound, "cn-hangzhou", call)
	assert.Empty(t, hint)
	assert.Equal(t, []RequestValue{{"ZoneId", "cn-hangzhou-h"}, {"RegionId", "cn-hangzhou"}}, values)
}

func TestBaseName(t *testing.T) {
	for key, want := range map[string]string{
		"EndpointId": "EndpointId", "SecurityGroupId.3": "SecurityGroupId", "Zone.12.VSwitchId": "VSwitchId",
		"Resource.1.ResourceId": "ResourceId", "Tag.1.Key": "Key", ".": "", "1": "1",
	} {
		assert.Equal(t, want, baseName(key), key)
	}
}

func TestAPIErrorIsOneLine(t *testing.T) {
	e := &APIError{StatusCode: 400, Code: ErrCodeSignatureDoesNotMatch, Action: "GetVpcEndpointAttribute",
		Message:       "Specified signature is not matched. server string to sign is:ACS3-HMAC-SHA256\nabc\r\nINFO forged",
		RequestValues: []RequestValue{{Name: "EndpointId", Value: "ep-1\nforged"}}, RequestID: "R\x00", Attempts: 2,
		Hint: "check"}
	got := e.Error()
	assert.NotContains(t, got, "\n")
	assert.NotContains(t, got, "\r")
	assert.NotContains(t, got, "\x00")
	assert.Equal(t, `privatelink: GetVpcEndpointAttribute: SignatureDoesNotMatch (HTTP 400, after 2 attempts): `+
		`"Specified signature is not matched. server string to sign is:ACS3-HMAC-SHA256\nabc\r\nINFO forged" `+
		`[EndpointId="ep-1\nforged"] (RequestId: "R\x00"); hint: check`, got)
}

// Every code with a hint, answered to a V1-signed call with an STS token
// and a ClientToken that carries every parameter a code refers to: the
// error shows the values of those parameters and the region, and nothing
// else of the request, so neither the hint, the values nor the error's
// text in any form carries the secret, the STS token, the AccessKey ID,
// the signature or the ClientToken (the V1 signature's parameters travel
// in the same query as the values shown).
func TestErrorHintsCarryNoSecrets(t *testing.T) {
	codes := []string{"QuotaExceeded.totalEpPerVpc", "QuotaExceed.TagsPerResource", ErrCodeQuotaMisMatched}
	for code := range codeContexts {
		codes = append(codes, code)
	}
	params := map[string]string{
		"EndpointId": "ep-1", "ServiceId": "epsrv-1", "ServiceName": "com.aliyuncs.privatelink.cn-huhehaote.epsrv-1",
		"ServiceRegionId": "cn-wulanchabu", "VpcId": "vpc-1", "Zone.1.ZoneId": "cn-huhehaote-a",
		"Zone.1.VSwitchId": "vsw-1", "SecurityGroupId.1": "sg-1", "EndpointName": "not-shown",
	}
	for _, code := range codes {
		t.Run(code, func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			_, srv := newFake(t, jsonAnswer(http.StatusBadRequest, `{"RequestId":"R","Code":"`+code+`","Message":"no"}`))
			c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL), WithStaticCredentials(testAK, testSecret, testToken),
				WithSignatureVersion(signer.V1), WithLogger(logger), WithRetry(1, time.Millisecond, time.Millisecond))
			require.NoError(t, err)
			_, err = c.Invoke(context.Background(), &RawRequest{Action: "CreateVpcEndpoint", Params: params,
				Idempotent: true, ClientToken: "tok-secret-test"})
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.NotEmpty(t, apiErr.Hint)
			cc := codeContexts[code]
			if len(cc.names) > 0 || cc.region {
				assert.NotEmpty(t, apiErr.RequestValues, "the values the code refers to")
			}
			for _, v := range apiErr.RequestValues {
				if v.Name == "RegionId" {
					assert.True(t, cc.region, "RegionId shown for a code about no region")
					assert.Equal(t, "cn-huhehaote", v.Value)
					continue
				}
				assert.Contains(t, cc.names, baseName(v.Name), "a value the code does not refer to")
				assert.Equal(t, params[v.Name], v.Value, v.Name)
			}
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), apiErr.Hint, fmt.Sprint(apiErr.RequestValues), buf.String()} {
				assert.NotContains(t, text, testSecret)
				assert.NotContains(t, text, testToken)
				assert.NotContains(t, text, "Signature=")
			}
			for _, text := range []string{err.Error(), apiErr.Hint, fmt.Sprint(apiErr.RequestValues)} {
				assert.NotContains(t, text, "tok-secret-test")
				assert.NotContains(t, text, testAK)
				assert.NotContains(t, text, "SignatureNonce")
				assert.NotContains(t, text, "not-shown")
			}
		})
	}
}
