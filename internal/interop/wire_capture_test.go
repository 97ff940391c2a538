package interop

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/privatelink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests pin down what Alibaba Cloud's Go SDKs send for one
// CreateVpcEndpoint call, so that our transport can be built to match and so
// that an SDK upgrade that changes the wire shows up here. Every expectation
// was first observed on the wire and then traced to the SDK source.

// wantAPIParams is the flattened form of createInput: the API's own
// parameters, identical in all three signing paths. Lists are 1-based
// "Name.N", objects inside lists "Name.N.Field", booleans "true"/"false",
// integers in decimal, and a zone field that is not set is left out.
func wantAPIParams() map[string]string {
	in := createInput
	return map[string]string{
		"RegionId":                  in.RegionID,
		"VpcId":                     in.VpcID,
		"ServiceId":                 in.ServiceID,
		"ServiceRegionId":           in.ServiceRegionID,
		"EndpointName":              in.EndpointName,
		"EndpointDescription":       in.EndpointDescription,
		"EndpointType":              in.EndpointType,
		"ClientToken":               in.ClientToken,
		"PolicyDocument":            in.PolicyDocument,
		"ResourceGroupId":           in.ResourceGroupID,
		"AddressIpVersion":          in.AddressIPVersion,
		"DryRun":                    "false",
		"ProtectedEnabled":          "true",
		"ZoneAffinityEnabled":       "true",
		"ZonePrivateIpAddressCount": "1",
		"CrossRegionBandwidth":      "1000",
		"SecurityGroupId.1":         in.SecurityGroupIDs[0],
		"SecurityGroupId.2":         in.SecurityGroupIDs[1],
		"Zone.1.VSwitchId":          in.Zones[0].VSwitchID,
		"Zone.1.ZoneId":             in.Zones[0].ZoneID,
		"Zone.1.ip":                 in.Zones[0].IP,
		"Zone.2.VSwitchId":          in.Zones[1].VSwitchID,
		"Zone.2.ZoneId":             in.Zones[1].ZoneID,
		"Zone.2.Ipv6Address":        in.Zones[1].IPv6Address,
		"Tag.1.Key":                 in.Tags[0].Key,
		"Tag.1.Value":               in.Tags[0].Value,
		"Tag.2.Key":                 in.Tags[1].Key,
		"Tag.2.Value":               in.Tags[1].Value,
	}
}

var (
	// Both SDKs derive the nonce from an MD5 digest and print it in hex.
	nonceRE = regexp.MustCompile(`^[0-9a-f]{32}$`)
	// Both SDKs format time.Now in UTC with the layout 2006-01-02T15:04:05Z.
	timestampRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	// The V3 Authorization header as darabonba writes it: no spaces after
	// the commas.
	authorizationRE = regexp.MustCompile(`^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$`)
)

// emptySHA256 is the hex SHA-256 of an empty body, the V3 payload hash of a
// request without body.
var emptySHA256 = func() string { s := sha256.Sum256(nil); return hex.EncodeToString(s[:]) }()

// requireRecentTimestamp checks the format of a signature time and that it
// is the clock of the machine, give or take the test's own run time.
func requireRecentTimestamp(t *testing.T, what, ts string) {
	t.Helper()
	require.Regexp(t, timestampRE, ts, what)
	at, err := time.Parse("2006-01-02T15:04:05Z", ts)
	require.NoError(t, err)
	require.WithinDuration(t, time.Now().UTC(), at, time.Minute, what)
}

// requireQuery checks that the query holds exactly the wanted keys, each
// once, and the wanted values; values given as nil are checked by the caller.
func requireQuery(t *testing.T, got url.Values, want map[string]*string) {
	t.Helper()
	wantKeys := make([]string, 0, len(want))
	for k := range want {
		wantKeys = append(wantKeys, k)
	}
	sort.Strings(wantKeys)
	require.Equal(t, wantKeys, sortedKeys(got), "query keys")
	for k, v := range want {
		require.Len(t, got[k], 1, "query key %s", k)
		if v != nil {
			assert.Equal(t, *v, got[k][0], "query %s", k)
		}
	}
}

// requireHeaderNames checks the exact set of header names as sent,
// including their case; the order Go writes them in carries no meaning.
func requireHeaderNames(t *testing.T, r *wireRequest, want ...string) {
	t.Helper()
	got := r.headerNames()
	sort.Strings(got)
	sort.Strings(want)
	require.Equal(t, want, got, "header names as sent")
}

func ptr(s string) *string { return &s }

// withAPIParams merges the API parameters into a table of common ones.
func withAPIParams(common map[string]*string) map[string]*string {
	for k, v := range wantAPIParams() {
		common[k] = ptr(v)
	}
	return common
}

// requireGoQueryEncoding checks that the query string on the wire is exactly
// what url.Values.Encode produces: keys sorted, space as '+', '*' as %2A and
// '~' left alone. A receiver therefore has to decode '+' as space, and the
// V1 and V3 canonical forms cannot be taken from the raw query as is.
func requireGoQueryEncoding(t *testing.T, r *wireRequest) {
	t.Helper()
	rawQuery := strings.TrimPrefix(r.RequestURI, "/?")
	require.Equal(t, r.Query.Encode(), rawQuery)
	require.Contains(t, rawQuery, "EndpointDescription=a+b%2Ac~d%2Be%2Ff%25g%3Dh%26i")
}

func TestWireV1SDK(t *testing.T) {
	for _, sts := range []bool{false, true} {
		t.Run(fmt.Sprintf("sts=%v", sts), func(t *testing.T) {
			r := captureV1SDK(t, sts)

			// RPC style: POST to "/", every parameter in the query, an
			// empty body that still declares a form content type.
			require.Equal(t, "POST", r.Method)
			require.True(t, strings.HasPrefix(r.RequestURI, "/?"), r.RequestURI)
			require.Equal(t, "HTTP/1.1", r.Proto)
			require.Empty(t, r.Body)
			requireGoQueryEncoding(t, r)

			want := withAPIParams(map[string]*string{
				"Action":           ptr("CreateVpcEndpoint"),
				"Version":          ptr("2020-04-15"),
				"Format":           ptr("JSON"),
				"AccessKeyId":      ptr(testAccessKeyID),
				"SignatureMethod":  ptr("HMAC-SHA1"),
				"SignatureVersion": ptr("1.0"),
				// Always sent, empty unless bearer-token auth; it is part
				// of the signed string like any other parameter.
				"SignatureType":  ptr(""),
				"SignatureNonce": nil,
				"Timestamp":      nil,
				"Signature":      nil,
			})
			provider := "static_ak"
			if sts {
				// STS: the token is one more signed query parameter.
				want["SecurityToken"] = ptr(testSecurityToken)
				provider = "static_sts"
			}
			requireQuery(t, r.Query, want)
			require.Regexp(t, nonceRE, r.single(t, "SignatureNonce"))
			requireRecentTimestamp(t, "Timestamp", r.single(t, "Timestamp"))
			sig, err := base64.StdEncoding.DecodeString(r.single(t, "Signature"))
			require.NoError(t, err)
			require.Len(t, sig, 20, "HMAC-SHA1 digest")

			requireHeaderNames(t, r, "Host", "User-Agent", "Content-Length", "Content-Type", "Accept-Encoding",
				"x-acs-action", "x-acs-version", "x-acs-credentials-provider",
				"x-sdk-client", "x-sdk-core-version", "x-sdk-invoke-type")
			for name, want := range map[string]string{
				"Host": r.ServerAddr,
				// Core/ is the SDK's Version constant, not its module
				// version (v1.63.107 says Core/1.63.22).
				"User-Agent":                 fmt.Sprintf("AlibabaCloud (%s; %s) Golang/%s Core/%s", runtime.GOOS, runtime.GOARCH, strings.TrimPrefix(runtime.Version(), "go"), sdk.Version),
				"Content-Length":             "0",
				"Content-Type":               "application/x-www-form-urlencoded",
				"Accept-Encoding":            "identity",
				"x-acs-action":               "CreateVpcEndpoint",
				"x-acs-version":              "2020-04-15",
				"x-acs-credentials-provider": provider,
				"x-sdk-client":               "golang/1.0.0",
				"x-sdk-core-version":         sdk.Version,
				"x-sdk-invoke-type":          "normal",
			} {
				got, _ := r.header(name)
				assert.Equal(t, want, got, "header %s", name)
			}
		})
	}
}

// TestV1SDKTypedFieldsLag records which current parameters the v1 SDK's
// typed request cannot express; captureV1SDK sends them through QueryParams.
// If an upgrade adds them, this fails and the capture should use the fields.
func TestV1SDKTypedFieldsLag(t *testing.T) {
	req := reflect.TypeOf(privatelink.CreateVpcEndpointRequest{})
	for _, name := range v1TypedFieldsMissing {
		_, ok := req.FieldByName(name)
		assert.False(t, ok, "v1 CreateVpcEndpointRequest now has %s", name)
	}
	zone := reflect.TypeOf(privatelink.CreateVpcEndpointZone{})
	_, ok := zone.FieldByName("Ipv6Address")
	assert.False(t, ok, "v1 CreateVpcEndpointZone now has Ipv6Address")
	// The fields it has carry the wire names we expect, in the query.
	for field, wire := range map[string]string{"VpcId": "VpcId", "ZonePrivateIpAddressCount": "ZonePrivateIpAddressCount", "SecurityGroupId": "SecurityGroupId", "Zone": "Zone", "Tag": "Tag"} {
		f, ok := req.FieldByName(field)
		require.True(t, ok, field)
		assert.Equal(t, wire, f.Tag.Get("name"), field)
		assert.Equal(t, "Query", f.Tag.Get("position"), field)
	}
	ip, _ := zone.FieldByName("Ip")
	assert.Equal(t, "ip", ip.Tag.Get("name"), "zone IP is lower-case on the wire")
}

func TestWireDarabonbaV3(t *testing.T) {
	for _, sts := range []bool{false, true} {
		t.Run(fmt.Sprintf("sts=%v", sts), func(t *testing.T) {
			r := captureDarabonba(t, darabonbaV3, sts)

			require.Equal(t, "POST", r.Method)
			require.True(t, strings.HasPrefix(r.RequestURI, "/?"), r.RequestURI)
			require.Empty(t, r.Body)
			requireGoQueryEncoding(t, r)

			// V3 moves every common parameter into x-acs-* headers: the
			// query holds only the API's own parameters.
			want := map[string]*string{}
			requireQuery(t, r.Query, withAPIParams(want))

			names := []string{"Host", "User-Agent", "Content-Length", "Accept-Encoding", "Authorization", "accept",
				"x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
				"x-acs-content-sha256", "x-acs-credentials-provider"}
			signed := "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version"
			provider := "static_ak"
			if sts {
				// STS: the token and, redundantly, the AccessKeyId travel
				// as signed headers; nothing is added to the query.
				names = append(names, "x-acs-security-token", "x-acs-accesskey-id")
				signed = "host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
				provider = "static_sts"
			}
			requireHeaderNames(t, r, names...)
			// No Content-Type without a body, so it is not signed either.
			_, hasCT := r.header("content-type")
			require.False(t, hasCT)

			exact := map[string]string{
				"Host":                       r.ServerAddr,
				"User-Agent":                 fmt.Sprintf("AlibabaCloud (%s; %s) Golang/%s Core/0.01 TeaDSL/2", runtime.GOOS, runtime.GOARCH, strings.TrimPrefix(runtime.Version(), "go")),
				"Content-Length":             "0",
				"accept":                     "application/json",
				"x-acs-action":               "CreateVpcEndpoint",
				"x-acs-version":              "2020-04-15",
				"x-acs-content-sha256":       emptySHA256,
				"x-acs-credentials-provider": provider,
				// Go's transport adds it (and then unzips transparently)
				// because darabonba does not set one.
				"Accept-Encoding": "gzip",
			}
			if sts {
				exact["x-acs-security-token"] = testSecurityToken
				exact["x-acs-accesskey-id"] = testAccessKeyID
			}
			for name, want := range exact {
				got, _ := r.header(name)
				assert.Equal(t, want, got, "header %s", name)
			}
			nonce, _ := r.header("x-acs-signature-nonce")
			require.Regexp(t, nonceRE, nonce)
			date, _ := r.header("x-acs-date")
			requireRecentTimestamp(t, "x-acs-date", date)

			auth, _ := r.header("Authorization")
			m := authorizationRE.FindStringSubmatch(auth)
			require.NotNil(t, m, auth)
			require.Equal(t, testAccessKeyID, m[1], "Credential is the bare AccessKeyId")
			require.Equal(t, signed, m[2], "SignedHeaders")
		})
	}
}

func TestWireDarabonbaV1(t *testing.T) {
	for _, sts := range []bool{false, true} {
		t.Run(fmt.Sprintf("sts=%v", sts), func(t *testing.T) {
			r := captureDarabonba(t, darabonbaV1, sts)

			require.Equal(t, "POST", r.Method)
			require.True(t, strings.HasPrefix(r.RequestURI, "/?"), r.RequestURI)
			require.Empty(t, r.Body)
			requireGoQueryEncoding(t, r)

			want := withAPIParams(map[string]*string{
				"Action":  ptr("CreateVpcEndpoint"),
				"Version": ptr("2020-04-15"),
				// Lower case here, upper case in the v1 SDK; the service
				// accepts both.
				"Format":           ptr("json"),
				"AccessKeyId":      ptr(testAccessKeyID),
				"SignatureMethod":  ptr("HMAC-SHA1"),
				"SignatureVersion": ptr("1.0"),
				"SignatureNonce":   nil,
				"Timestamp":        nil,
				"Signature":        nil,
				// Unlike the v1 SDK: no SignatureType.
			})
			provider := "static_ak"
			if sts {
				want["SecurityToken"] = ptr(testSecurityToken)
				provider = "static_sts"
			}
			requireQuery(t, r.Query, want)
			require.Regexp(t, nonceRE, r.single(t, "SignatureNonce"))
			requireRecentTimestamp(t, "Timestamp", r.single(t, "Timestamp"))

			// No Content-Type, no accept, no x-sdk-* headers.
			requireHeaderNames(t, r, "Host", "User-Agent", "Content-Length", "Accept-Encoding",
				"x-acs-action", "x-acs-version", "x-acs-credentials-provider")
			for name, want := range map[string]string{
				"x-acs-action":               "CreateVpcEndpoint",
				"x-acs-version":              "2020-04-15",
				"x-acs-credentials-provider": provider,
				"Accept-Encoding":            "gzip",
			} {
				got, _ := r.header(name)
				assert.Equal(t, want, got, "header %s", name)
			}
		})
	}
}

// TestWireNonceFreshPerRequest: the service rejects a reused nonce, so each
// SDK must draw a new one for every request, with nothing else changed.
func TestWireNonceFreshPerRequest(t *testing.T) {
	v1a, v1b := captureV1SDK(t, false), captureV1SDK(t, false)
	assert.NotEqual(t, v1a.single(t, "SignatureNonce"), v1b.single(t, "SignatureNonce"))

	d1a, d1b := captureDarabonba(t, darabonbaV1, false), captureDarabonba(t, darabonbaV1, false)
	assert.NotEqual(t, d1a.single(t, "SignatureNonce"), d1b.single(t, "SignatureNonce"))

	d3a, d3b := captureDarabonba(t, darabonbaV3, false), captureDarabonba(t, darabonbaV3, false)
	na, _ := d3a.header("x-acs-signature-nonce")
	nb, _ := d3b.header("x-acs-signature-nonce")
	assert.NotEqual(t, na, nb)
}

// TestWireEmptyString: an optional string set to "" is dropped by the v1 SDK
// (it skips empty values) but sent as "Key=" by darabonba (a non-nil pointer
// survives omitempty). Servers and signers must handle the empty value.
func TestWireEmptyString(t *testing.T) {
	v1 := captureV1SDK(t, false, func(r *privatelink.CreateVpcEndpointRequest) { r.ResourceGroupId = "" })
	_, ok := v1.Query["ResourceGroupId"]
	assert.False(t, ok, "v1 SDK sent an empty ResourceGroupId")

	for _, mode := range []darabonbaMode{darabonbaV1, darabonbaV3} {
		d := captureDarabonba(t, mode, false, func(q map[string]interface{}) { q["ResourceGroupId"] = ptr("") })
		assert.Equal(t, []string{""}, d.Query["ResourceGroupId"], "darabonba mode %d", mode)
		assert.Contains(t, strings.Split(strings.TrimPrefix(d.RequestURI, "/?"), "&"), "ResourceGroupId=")
	}
}
