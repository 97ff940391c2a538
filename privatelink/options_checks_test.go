package privatelink

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientRegionShape(t *testing.T) {
	for region, want := range map[string]string{
		"cn-hangzhou":           "",
		"ap-southeast-1":        "",
		"cn-shanghai-finance-1": "",
		"us-west-1":             "",
		"cn-hangzhou-h":         `"cn-hangzhou-h" is a zone ID, not a region ID: the region of that zone is "cn-hangzhou"`,
		"ap-southeast-1a":       `the region of that zone is "ap-southeast-1"`,
		"cn-huhehaote-a":        `the region of that zone is "cn-huhehaote"`,
		"CN-Hangzhou":           `invalid region ID "CN-Hangzhou": a region ID is lower-case words joined by "-"`,
		"hangzhou":              "invalid region ID",
		"cn_hangzhou":           "invalid region ID",
		"cn-hangzhou\n":         `invalid region ID "cn-hangzhou\n"`,
		"":                      "invalid region ID",
	} {
		_, err := NewClient(region)
		if want == "" {
			assert.NoError(t, err, region)
			continue
		}
		require.Error(t, err, region)
		assert.Contains(t, err.Error(), want, region)
		assert.NotContains(t, err.Error(), "\n", region)
	}
}

// Every region of the API metadata's endpoint list, and the other region
// IDs of Alibaba Cloud's Go SDK endpoint maps (finance, gov, local and
// internal regions, a three-letter area), is accepted; each region's zone
// ID (cn-hangzhou-a, ap-southeast-1a) is refused with the region's name.
func TestNewClientAcceptsEveryRealRegion(t *testing.T) {
	raw, err := os.ReadFile("../internal/apimeta/privatelink-2020-04-15.json")
	require.NoError(t, err)
	var meta struct {
		Endpoints []struct{ RegionID string }
	}
	require.NoError(t, json.Unmarshal(raw, &meta))
	require.NotEmpty(t, meta.Endpoints)
	regions := []string{
		"cn-hangzhou-finance", "cn-north-2-gov-1", "cn-beijing-gov-1", "cn-wuhan-lr", "cn-zhengzhou-jva",
		"cn-edge-1", "cn-qingdao-nebula", "cn-huhehaote-nebula-1", "eu-west-1-oxs", "cn-shenzhen-st4-d01",
		"cn-hangzhou-bj-b01", "cn-zhangjiakou-na62-a01", "cn-hangzhou-internal-test-1", "rus-west-1-pop",
	}
	for _, e := range meta.Endpoints {
		regions = append(regions, e.RegionID)
	}
	for _, region := range regions {
		_, err := NewClient(region)
		assert.NoError(t, err, region)
		zone := region + "-a"
		if last := region[len(region)-1]; '0' <= last && last <= '9' {
			zone = region + "a"
		}
		_, err = NewClient(zone)
		assert.EqualError(t, err, fmt.Sprintf("privatelink: NewClient: %q is a zone ID, not a region ID: the region of that zone is %q", zone, region))
	}
}

func TestWithEndpointForms(t *testing.T) {
	for raw, want := range map[string]string{
		"privatelink-vpc.cn-hangzhou.aliyuncs.com":  "https://privatelink-vpc.cn-hangzhou.aliyuncs.com",
		"privatelink.cn-hangzhou.aliyuncs.com:8443": "https://privatelink.cn-hangzhou.aliyuncs.com:8443",
		"127.0.0.1:8080":        "https://127.0.0.1:8080",
		"[::1]:8080/base":       "https://[::1]:8080/base",
		"http://127.0.0.1:8080": "http://127.0.0.1:8080",
		"https://privatelink.cn-hangzhou.aliyuncs.com/": "https://privatelink.cn-hangzhou.aliyuncs.com/",
	} {
		var cfg config
		require.NoError(t, WithEndpoint(raw).apply(&cfg), raw)
		assert.Equal(t, want, cfg.endpoint, raw)
	}
	for raw, want := range map[string]string{
		"":                        "scheme must be https or http",
		"ftp://example.com":       "scheme must be https or http",
		"https://":                "no host",
		"https://h/?a=b":          "must not carry a query",
		"user:pass@host":          "must not carry a query, fragment or user info",
		"host\r\nX-Injected: 1":   "control character",
		"https://h/%zz":           "does not parse",
		"privatelink.example:xyz": "does not parse",
		"https//h.example":        `a scheme without "://"`,
		"http:/h.example":         `a scheme without "://"`,
		"https:443":               `a scheme without "://"`,
	} {
		err := WithEndpoint(raw).apply(&config{})
		require.Error(t, err, raw)
		assert.Contains(t, err.Error(), want, raw)
		assert.Contains(t, err.Error(), "bare host[:port]", raw)
		assert.NotContains(t, err.Error(), "pass", raw)
	}
}

// A bare host[:port] reaches the server (over TLS).
func TestWithEndpointBareHostIsHTTPS(t *testing.T) {
	_, srv := newTLSFake(t)
	host := strings.TrimPrefix(srv.URL, "https://")
	c := newTestClient(t, srv.URL, WithEndpoint(host), WithHTTPClient(srv.Client()))
	_, _, err := rawCall(context.Background(), c, "tok")
	require.NoError(t, err)
}

func TestWithUserAgentRefusesControlCharacters(t *testing.T) {
	for _, bad := range []string{"a\nb", "a\rb", "a\x00b", "a\x7fb", "a\vb", "a\tb", "a\x1bb"} {
		_, err := NewClient("cn-hangzhou", WithUserAgent(bad))
		require.Error(t, err, "%q", bad)
		assert.Contains(t, err.Error(), "control characters")
		assert.NotContains(t, err.Error(), bad[1:2])
	}
	for _, good := range []string{"my-controller/1.2", " padded/1 ", "naïve/1 (linux; amd64)"} {
		_, err := NewClient("cn-hangzhou", WithUserAgent(good))
		assert.NoError(t, err, good)
	}
}

func TestInvokeRefusesActionsThatAreNotNames(t *testing.T) {
	for _, bad := range []string{"Describe\r\nRegions", "Describe Regions", "Describe-Regions", "Describe/../x", "Dé"} {
		err := (&RawRequest{Action: bad}).Validate()
		requireProblem(t, err, "Action", "must be letters and digits only")
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "Invoke", ve.Action, "the error never carries the raw action")
		assert.NotContains(t, err.Error(), "\n")
		assert.NotContains(t, err.Error(), "\r")
	}
	assert.NoError(t, (&RawRequest{Action: "DescribeRegions2"}).Validate())
	requireProblem(t, (&RawRequest{}).Validate(), "Action", "required")
}

// newTLSFake is newFake over TLS.
func newTLSFake(t *testing.T) (*fakeService, *httptest.Server) {
	f := &fakeService{t: t, answers: []func(http.ResponseWriter){jsonAnswer(200, `{"RequestId":"R","EndpointId":"ep-1"}`)}}
	srv := httptest.NewTLSServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

// FuzzClientOptions: the region, endpoint and User-Agent checks never
// panic, refuse with one line that quotes no user info, and what they
// accept is usable: a region of the documented shape, an endpoint URL
// with a host, a suffix without control characters.
func FuzzClientOptions(f *testing.F) {
	for _, s := range []string{"cn-hangzhou", "cn-hangzhou-h", "ap-southeast-1a", "host:80", "https://u:p@h", "a\x00b", "http://[::1]:1/x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := checkRegionID(s); err != nil {
			require.NotContains(t, err.Error(), "\n")
		} else {
			require.Regexp(t, `^[a-z]{2,}(-[a-z0-9]+)+$`, s)
			require.NotRegexp(t, `(-[a-z]|[0-9][a-z])$`, s)
		}
		var cfg config
		if err := WithEndpoint(s).apply(&cfg); err != nil {
			require.NotContains(t, err.Error(), "\n")
		} else {
			u, err := url.Parse(cfg.endpoint)
			require.NoError(t, err)
			require.Nil(t, u.User)
			require.NotEmpty(t, u.Host)
			require.True(t, u.Scheme == "https" || u.Scheme == "http", cfg.endpoint)
		}
		cfg = config{}
		if err := WithUserAgent(s).apply(&cfg); err == nil {
			for i := 0; i < len(cfg.userAgent); i++ {
				require.False(t, cfg.userAgent[i] < ' ' || cfg.userAgent[i] == 0x7f, "%q", cfg.userAgent)
			}
		}
	})
}
