package privatelinktest

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
)

// FuzzHandleRequest feeds arbitrary methods, query strings, bodies and
// headers to the server. Whatever the input, it must not panic and must
// answer a JSON object with an upper-case RequestId and the JSON content
// type. The same parameters are then executed as if authenticated, so that
// the operations' parameter handling is fuzzed too, past the signature
// check random input never passes.
func FuzzHandleRequest(f *testing.F) {
	f.Add("POST", "Action=ListVpcEndpoints&Version=2020-04-15&RegionId=cn-huhehaote", []byte(nil), "")
	f.Add("GET", "Action=CreateVpcEndpoint&Version=2020-04-15&RegionId=cn-huhehaote&VpcId="+VpcID+"&ServiceId="+ServiceID+
		"&SecurityGroupId.1="+SecurityGroupID+"&Zone.1.ZoneId="+ZoneA+"&Zone.1.VSwitchId="+VSwitchA+"&Zone.1.ip=192.168.1.9", []byte(nil), "")
	f.Add("POST", "Action=CreateVpcEndpoint&Version=2020-04-15", []byte("RegionId=cn-huhehaote&VpcId="+VpcID+"&ServiceName="+url.QueryEscape(ServiceName)+
		"&AddressIpVersion=DualStack&Zone.1.ZoneId="+ZoneA+"&Zone.1.VSwitchId="+VSwitchA+"&Zone.1.Ipv6Address=2408:4005:34d:a100::7&SecurityGroupId.1="+SecurityGroupID),
		"Content-Type: application/x-www-form-urlencoded\n")
	f.Add("POST", "RegionId=cn-huhehaote&MaxResults=2&NextToken=00", []byte(nil),
		"Authorization: ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00\nx-acs-action: ListVpcEndpoints\nx-acs-version: 2020-04-15\n")
	f.Add("POST", "Action=ListVpcEndpoints&Version=2020-04-15&RegionId=cn-huhehaote&Tag.1.Key=k&Tag.99.Key=x&AccessKeyId="+AccessKeyID+
		"&SignatureMethod=HMAC-SHA1&Signature=abc&Timestamp=2025-01-01T00:00:00Z&SignatureNonce=n", []byte(nil), "")
	f.Add("DELETE", "a=%zz&;;&=&Zone.0.ZoneId=x", []byte("\x00\xff"), "Content-Type: application/x-www-form-urlencoded\n")
	f.Add("POST", "Action=CreateVpcEndpointService&Version=2020-04-15&RegionId=cn-huhehaote&ServiceResourceType=slb&AutoAcceptEnabled=true"+
		"&Resource.1.ResourceId="+ProviderLoadBalancerA+"&Resource.1.ResourceType=slb&Resource.1.ZoneId="+ZoneA, []byte(nil), "")
	f.Add("POST", "Action=AddUserToVpcEndpointService&Version=2020-04-15&RegionId=cn-huhehaote&ServiceId="+ServiceID+"&UserId=9223372036854775807", []byte(nil), "")
	f.Add("POST", "Action=UpdateVpcEndpointZoneConnectionResourceAttribute&Version=2020-04-15&RegionId=cn-huhehaote&ServiceId="+ManualServiceID+
		"&EndpointId=ep-x&ZoneId="+ZoneA+"&ResourceReplaceMode=Graceful&ResourceId="+ProviderLoadBalancerA, []byte(nil), "")
	f.Add("POST", "Action=ListVpcEndpointConnections&Version=2020-04-15&RegionId=cn-huhehaote&EndpointOwnerId=1&MaxResults=1&ConnectionStatus=Pending", []byte(nil), "")
	f.Add("POST", "Action=AttachResourceToVpcEndpointService&Version=2020-04-15&RegionId=cn-huhehaote&ServiceId=epsrv-x&ResourceId="+ProviderNLB+"&ResourceType=nlb", []byte(nil), "")

	// The parameters of API v5.0.10 and the spellings other tools send.
	f.Add("POST", "Action=CreateVpcEndpointService&Version=2020-04-15&RegionId=cn-huhehaote&ServiceResourceType=gwlb&AddressIpVersion=DualStack"+
		"&Resource.1.ResourceId="+ProviderGWLB+"&Resource.1.ResourceType=gwlb&Resource.1.ZoneId="+ZoneA+"&SupportedRegionList.1=cn-hangzhou", []byte(nil), "")
	f.Add("POST", "Action=TagResources&Version=2020-04-15", []byte("RegionId=cn-huhehaote&ResourceType=VpcEndpointService&ResourceId.1="+ServiceID+
		"&Tag.1.Key=k&Tag.1.Value=v"), "Content-Type: application/x-www-form-urlencoded\n")
	f.Add("POST", "Action=DescribeZones&Version=2020-04-15&RegionId=cn-huhehaote&CrossRegion=true&CrossRegionSide=EndpointService&ServiceResourceType=ALL", []byte(nil), "")
	f.Add("POST", "Action=UpdateVpcEndpointServiceAttribute&Version=2020-04-15&RegionId=cn-huhehaote&ServiceId="+ServiceID+
		"&AddSupportedRegionSet.1=cn-beijing&DeleteSupportedRegionSet.1=cn-hangzhou", []byte(nil), "")

	srv := newServer()
	f.Fuzz(func(t *testing.T, method, query string, body []byte, headers string) {
		req := &http.Request{
			Method: method,
			URL:    &url.URL{Path: "/", RawQuery: query},
			Header: parseHeaders(headers),
			Host:   "127.0.0.1",
			Body:   io.NopCloser(strings.NewReader(string(body))),
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		checkEnvelope(t, rec)

		// The authenticated path: the operations with the same parameters.
		req.Body = io.NopCloser(strings.NewReader(string(body)))
		parsed, aerr := parseRequest(req)
		if aerr != nil || !knownAction(parsed.action) {
			return
		}
		// As the consumer and as the provider, who owns the services and
		// load balancers.
		for _, key := range []string{AccessKeyID, ProviderAccessKeyID} {
			parsed.accessKey = key
			srv.mu.Lock()
			out, aerr := srv.execute(parsed)
			srv.mu.Unlock()
			if aerr == nil {
				var v map[string]any
				if err := json.Unmarshal(out, &v); err != nil {
					t.Fatalf("%s answered invalid JSON %q: %v", parsed.action, out, err)
				}
			} else if aerr.status < 400 || aerr.code == "" || aerr.message == "" {
				t.Fatalf("%s answered an incomplete error %+v", parsed.action, aerr)
			}
		}
	})
}

// parseHeaders reads "Name: value" lines, skipping malformed ones.
func parseHeaders(s string) http.Header {
	h, _ := textproto.NewReader(bufio.NewReader(strings.NewReader(s + "\n\n"))).ReadMIMEHeader()
	return http.Header(h)
}

func checkEnvelope(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json;charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	var v map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("answer %q is not a JSON object: %v", rec.Body.Bytes(), err)
	}
	if id, _ := v["RequestId"].(string); !isRequestID(id) {
		t.Fatalf("RequestId %q", v["RequestId"])
	}
	if rec.Code != http.StatusOK {
		if code, _ := v["Code"].(string); code == "" {
			t.Fatalf("error answer %d without Code: %s", rec.Code, rec.Body.Bytes())
		}
	}
}
