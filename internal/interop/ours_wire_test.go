package interop

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ours "github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/signer"
)

// These tests put our client's CreateVpcEndpoint on the same recorder as the
// official SDKs' (wire_capture_test.go) and compare what arrives: the API's
// own parameters must be identical, and the signatures must be accepted by
// two verifiers that share no code: our signer package and darabonba's
// exported signing functions.

// v1CommonParams are the V1 query parameters that belong to the protocol
// (signature, credentials, action, version), not to the API call.
var v1CommonParams = map[string]bool{
	"AccessKeyId": true, "Action": true, "Format": true, "SecurityToken": true,
	"Signature": true, "SignatureMethod": true, "SignatureNonce": true,
	"SignatureType": true, "SignatureVersion": true, "Timestamp": true, "Version": true,
}

// splitQuery separates a captured query into the API's parameters and the
// protocol's. V3 carries no protocol parameter in the query, so for it the
// common part must come out empty.
func splitQuery(r *wireRequest) (business, common url.Values) {
	business, common = url.Values{}, url.Values{}
	for k, vs := range r.Query {
		if v1CommonParams[k] {
			common[k] = vs
		} else {
			business[k] = vs
		}
	}
	return business, common
}

// wantOursParams is the expected business part for the call our client can
// express: wantAPIParams with oursName and without DryRun.
func wantOursParams() url.Values {
	want := url.Values{}
	for k, v := range wantAPIParams() {
		want[k] = []string{v}
	}
	want["EndpointName"] = []string{oursName}
	delete(want, "DryRun")
	return want
}

// The official captures of the call our client can express (see
// oursCreateRequest): same values, oursName, DryRun left unset.
func officialV1SDKForOurs(t *testing.T, sts bool) *wireRequest {
	return captureV1SDK(t, sts, func(r *privatelink.CreateVpcEndpointRequest) {
		r.EndpointName = oursName
		r.DryRun = "" // the zero requests.Boolean: not sent
	})
}

func officialDarabonbaForOurs(t *testing.T, mode darabonbaMode, sts bool) *wireRequest {
	return captureDarabonba(t, mode, sts, func(q map[string]interface{}) {
		q["EndpointName"] = dara.String(oursName)
		delete(q, "DryRun")
	})
}

func TestOursBusinessParamsMatchOfficial(t *testing.T) {
	for _, tc := range []struct {
		name     string
		ours     func(t *testing.T) *wireRequest
		official func(t *testing.T) *wireRequest
	}{
		{"V1 vs v1 SDK",
			func(t *testing.T) *wireRequest { return captureOurs(t, signer.V1, false) },
			func(t *testing.T) *wireRequest { return officialV1SDKForOurs(t, false) }},
		{"V1 vs darabonba V1",
			func(t *testing.T) *wireRequest { return captureOurs(t, signer.V1, false) },
			func(t *testing.T) *wireRequest { return officialDarabonbaForOurs(t, darabonbaV1, false) }},
		{"V3 vs darabonba V3",
			func(t *testing.T) *wireRequest { return captureOurs(t, signer.V3, false) },
			func(t *testing.T) *wireRequest { return officialDarabonbaForOurs(t, darabonbaV3, false) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, off := tc.ours(t), tc.official(t)
			require.Equal(t, "POST", o.Method)
			require.Equal(t, off.Method, o.Method)
			require.Empty(t, o.Body)

			oursBiz, _ := splitQuery(o)
			offBiz, _ := splitQuery(off)
			// Against the expectation first, so that two SDKs agreeing on
			// a wrong value cannot pass.
			require.Equal(t, wantOursParams(), oursBiz, "our business parameters")
			require.Equal(t, offBiz, oursBiz, "ours vs official, key for key")
		})
	}
}

// TestOursDryRunFalseNotSent pins the one difference from the phase-1
// logical call: with DryRun=false set explicitly, both official SDKs send
// "DryRun=false"; ours never sends false for DryRun (false is the service's
// default, and our request types have no "explicitly false").
func TestOursDryRunFalseNotSent(t *testing.T) {
	o := captureOurs(t, signer.V3, false)
	_, sent := o.Query["DryRun"]
	assert.False(t, sent, "our client sent DryRun")
	assert.Equal(t, []string{"false"}, captureV1SDK(t, false).Query["DryRun"], "v1 SDK with DryRun=false")
	assert.Equal(t, []string{"false"}, captureDarabonba(t, darabonbaV3, false).Query["DryRun"], "darabonba with DryRun=false")
}

// TestOursV1CommonParams compares the protocol half of a V1 request with the
// v1 SDK's: the same keys except SignatureType, which the v1 SDK always sends
// empty (it is signed like any other parameter, so leaving it out is
// equally valid), and the same fixed values.
func TestOursV1CommonParams(t *testing.T) {
	for _, sts := range []bool{false, true} {
		t.Run(fmt.Sprintf("sts=%v", sts), func(t *testing.T) {
			_, oc := splitQuery(captureOurs(t, signer.V1, sts))
			_, vc := splitQuery(officialV1SDKForOurs(t, sts))

			require.Equal(t, []string{""}, vc["SignatureType"])
			delete(vc, "SignatureType")
			require.Equal(t, sortedKeys(vc), sortedKeys(oc), "protocol parameter keys")
			for _, k := range []string{"AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureVersion", "Version", "SecurityToken"} {
				assert.Equal(t, vc[k], oc[k], k)
			}
			require.Regexp(t, nonceRE, oc.Get("SignatureNonce"))
			requireRecentTimestamp(t, "Timestamp", oc.Get("Timestamp"))
		})
	}
}

// signedHeaderSet returns the SignedHeaders list of a V3 request.
func signedHeaderSet(t *testing.T, r *wireRequest) []string {
	t.Helper()
	auth, ok := r.header("Authorization")
	require.True(t, ok, "no Authorization header")
	parsed, err := signer.ParseAuthorizationV3(auth)
	require.NoError(t, err)
	return parsed.SignedHeaders
}

// headerValue finds a header by name case-insensitively, as a server would.
func headerValue(r *wireRequest, name string) string {
	for _, h := range r.RawHeaders {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// TestOursV3Headers compares our V3 headers with darabonba's. The signed
// values agree; darabonba also signs x-acs-credentials-provider (and, with
// STS, x-acs-accesskey-id), informational headers that the gateway does not
// require. Header names differ only in case (Go writes "X-Acs-Action",
// darabonba "x-acs-action"), which HTTP and both signatures ignore.
func TestOursV3Headers(t *testing.T) {
	for _, sts := range []bool{false, true} {
		t.Run(fmt.Sprintf("sts=%v", sts), func(t *testing.T) {
			o := captureOurs(t, signer.V3, sts)
			d := officialDarabonbaForOurs(t, darabonbaV3, sts)

			want := []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
			darabonbaOnly := []string{"x-acs-credentials-provider"}
			if sts {
				want = append(want, "x-acs-security-token")
				darabonbaOnly = append(darabonbaOnly, "x-acs-accesskey-id")
			}
			sort.Strings(want)
			require.Equal(t, want, signedHeaderSet(t, o), "our SignedHeaders")
			dara := append(append([]string(nil), want...), darabonbaOnly...)
			sort.Strings(dara)
			require.Equal(t, dara, signedHeaderSet(t, d), "darabonba SignedHeaders")

			for _, name := range []string{"x-acs-action", "x-acs-version", "x-acs-content-sha256", "x-acs-security-token"} {
				assert.Equal(t, headerValue(d, name), headerValue(o, name), name)
			}
			assert.Equal(t, o.ServerAddr, headerValue(o, "host"))
			require.Regexp(t, nonceRE, headerValue(o, "x-acs-signature-nonce"))
			requireRecentTimestamp(t, "x-acs-date", headerValue(o, "x-acs-date"))
			_, hasLower := o.header("x-acs-action")
			assert.False(t, hasLower, "our header names are Go-canonical")
			_, hasCanonical := o.header("X-Acs-Action")
			assert.True(t, hasCanonical, "our header names are Go-canonical")
		})
	}
}

// TestOursQueryEncoding pins how our query string travels: it is the
// canonical form itself (keys sorted, RFC 3986 escapes: space as %20, '*' as
// %2A, '~' bare), in V1 followed by the Signature, where the official SDKs
// send url.Values.Encode (space as '+'). Any form decoder reads both the
// same, which the key-for-key comparison above shows.
func TestOursQueryEncoding(t *testing.T) {
	for _, v := range []signer.Version{signer.V1, signer.V3} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			r := captureOurs(t, v, false)
			raw := strings.TrimPrefix(r.RequestURI, "/?")
			var ps []signer.Param
			for _, k := range sortedKeys(r.Query) {
				if k != "Signature" {
					ps = append(ps, signer.Param{Key: k, Value: r.Query.Get(k)})
				}
			}
			want := signer.CanonicalQuery(ps)
			if v == signer.V1 {
				// The signature cannot sort with what it signs: it comes last.
				want += "&Signature=" + signer.PercentEncode(r.single(t, "Signature"))
			}
			require.Equal(t, want, raw)
			require.Contains(t, raw, "EndpointDescription=a%20b%2Ac~d%2Be%2Ff%25g%3Dh%26i")
		})
	}
}

// TestOursSignaturesVerify: every request our client signs must be accepted
// by our verifier (the emulator's) and reproduced byte for byte by
// darabonba's own signing functions, which share no code with ours. A wrong
// secret and a tampered parameter must fail, so acceptance is not vacuous.
func TestOursSignaturesVerify(t *testing.T) {
	for _, sts := range []bool{false, true} {
		t.Run(fmt.Sprintf("V1/sts=%v", sts), func(t *testing.T) {
			r := captureOurs(t, signer.V1, sts)
			params := queryParams(t, r)
			sig := r.single(t, "Signature")

			require.NoError(t, signer.VerifyV1(r.Method, params, testAccessKeySecret))
			require.Equal(t, sig, officialV1(r.Method, without(params, "Signature"), testAccessKeySecret),
				"darabonba GetRPCSignature over the received parameters")

			err := signer.VerifyV1(r.Method, params, "wrongsecret")
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "wrong secret: %v", err)
			require.NotEqual(t, sig, officialV1(r.Method, without(params, "Signature"), "wrongsecret"))
			err = signer.VerifyV1(r.Method, tampered(params, "Tag.2.Value"), testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "tampered: %v", err)
		})
		t.Run(fmt.Sprintf("V3/sts=%v", sts), func(t *testing.T) {
			r := captureOurs(t, signer.V3, sts)
			auth, ok := r.header("Authorization")
			require.True(t, ok)
			req := v3Request(t, r)

			require.NoError(t, signer.VerifyV3(req, auth, testAccessKeySecret))
			// darabonba picks the signed headers itself (host,
			// content-type, x-acs-*) from everything that was sent.
			require.Equal(t, auth, officialV3(r.Method, req.Query, req.Headers, req.PayloadHash, testAccessKeyID, testAccessKeySecret),
				"darabonba GetAuthorization over the received request")

			err := signer.VerifyV3(req, auth, "wrongsecret")
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "wrong secret: %v", err)
			bad := req
			bad.Query = tampered(req.Query, "EndpointName")
			err = signer.VerifyV3(bad, auth, testAccessKeySecret)
			require.True(t, errors.Is(err, signer.ErrSignatureDoesNotMatch), "tampered query: %v", err)
			require.NotEqual(t, auth, officialV3(r.Method, bad.Query, req.Headers, req.PayloadHash, testAccessKeyID, testAccessKeySecret))
		})
	}
}

// TestOursRejectsPhase1Name: the phase-1 name breaks the documented naming
// rule, and our client says so before any byte is sent.
func TestOursRejectsPhase1Name(t *testing.T) {
	isolate(t)
	rec := newRecorder(t, 200, createResponseBody)
	c := newOursClient(t, rec.srv.URL, signer.V3, testAccessKeyID, testAccessKeySecret, "")
	req := *oursCreateRequest(t)
	req.EndpointName = createInput.EndpointName

	_, err := c.CreateVpcEndpoint(context.Background(), &req)
	var verr *ours.ValidationError
	require.True(t, errors.As(err, &verr), "want *ValidationError, got %T %v", err, err)
	require.Contains(t, err.Error(), "EndpointName")
	rec.mu.Lock()
	defer rec.mu.Unlock()
	require.Zero(t, rec.count, "requests sent")
}
