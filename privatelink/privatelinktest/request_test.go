package privatelinktest

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	got, err := parseQuery("b=2&a=1&&a=%20x+y&flag&k%2Eey=v%3D")
	if err != nil {
		t.Fatal(err)
	}
	want := kv("b", "2", "a", "1", "a", " x y", "flag", "", "k.ey", "v=")
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if _, err := parseQuery("a=%zz"); err == nil {
		t.Fatal("bad escape accepted")
	}
}

// Query parameters come first and win for operations; form parameters
// are added after them, and a body of another content type is not read
// as parameters.
func TestParseRequestMergesForm(t *testing.T) {
	r := httptest.NewRequest("POST", "/?Action=ListVpcEndpoints&RegionId=cn-huhehaote", strings.NewReader("RegionId=other&MaxResults=5"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req, err := parseRequest(r)
	if err != nil {
		t.Fatal(err)
	}
	if req.first["RegionId"] != "cn-huhehaote" || req.first["MaxResults"] != "5" || len(req.params) != 4 || len(req.query) != 2 {
		t.Fatalf("params %v query %v", req.params, req.query)
	}
	r = httptest.NewRequest("POST", "/?Action=ListVpcEndpoints", strings.NewReader(`{"MaxResults":5}`))
	r.Header.Set("Content-Type", "application/json")
	req, _ = parseRequest(r)
	if _, ok := req.first["MaxResults"]; ok {
		t.Fatal("a JSON body was read as form parameters")
	}
}

func TestParseRequestBodyLimit(t *testing.T) {
	r := httptest.NewRequest("POST", "/?Action=ListVpcEndpoints", strings.NewReader(strings.Repeat("a", MaxRequestBytes)))
	if _, err := parseRequest(r); err == nil || err.code != "InvalidParameter" {
		t.Fatalf("oversized body: %v", err)
	}
}

func TestParseRequestV3Headers(t *testing.T) {
	r := httptest.NewRequest("POST", "/?Action=Ignored&Version=old", nil)
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 x")
	r.Header.Set("x-acs-action", "ListVpcEndpoints")
	r.Header.Set("x-acs-version", apiVersion)
	req, _ := parseRequest(r)
	if !req.v3 || req.action != "ListVpcEndpoints" || req.version != apiVersion {
		t.Fatalf("v3 %v action %q version %q", req.v3, req.action, req.version)
	}
}
