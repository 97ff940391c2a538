package privatelinktest

import (
	"strconv"
	"testing"
	"time"
)

func TestListVpcEndpointsFilters(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithCreationDelay(time.Minute))
	c := newClient(t, srv)
	a := c.create("EndpointName", "alpha", "Tag.1.Key", "team", "Tag.1.Value", "red", "Tag.2.Key", "env", "Tag.2.Value", "prod")
	b := c.create("EndpointName", "beta", "ServiceId", ManualServiceID, "Tag.1.Key", "team", "Tag.1.Value", "blue", "ResourceGroupId", "rg-acfmother")
	clk.Advance(time.Minute)
	d := c.create("EndpointName", "delta", "AddressIpVersion", "DualStack") // still Creating

	ids := func(pairs ...string) []string {
		t.Helper()
		var out []string
		for _, e := range c.must("ListVpcEndpoints", pairs...).list("Endpoints") {
			out = append(out, e["EndpointId"].(string))
		}
		return out
	}
	tests := []struct {
		name  string
		pairs []string
		want  []string
	}{
		{"all", nil, []string{a, b, d}},
		{"by id", []string{"EndpointId", b}, []string{b}},
		{"by name", []string{"EndpointName", "alpha"}, []string{a}},
		{"by service name", []string{"ServiceName", ManualServiceName}, []string{b}},
		{"by vpc", []string{"VpcId", VpcID}, []string{a, b, d}},
		{"by other vpc", []string{"VpcId", "vpc-hp3nothere00000000000"}, nil},
		{"by type", []string{"EndpointType", "Interface"}, []string{a, b, d}},
		{"by type none", []string{"EndpointType", "Reverse"}, nil},
		{"by status creating", []string{"EndpointStatus", "Creating"}, []string{d}},
		{"by status active", []string{"EndpointStatus", "Active"}, []string{a, b}},
		{"by connection pending", []string{"ConnectionStatus", "Pending"}, []string{b}},
		{"by connection connected", []string{"ConnectionStatus", "Connected"}, []string{a}},
		{"by connection disconnected", []string{"ConnectionStatus", "Disconnected"}, []string{d}},
		{"by resource group", []string{"ResourceGroupId", "rg-acfmother"}, []string{b}},
		{"by ip version", []string{"AddressIpVersion", "DualStack"}, []string{d}},
		{"by tag key", []string{"Tag.1.Key", "team"}, []string{a, b}},
		{"by tag key and value", []string{"Tag.1.Key", "team", "Tag.1.Value", "blue"}, []string{b}},
		{"by two tags", []string{"Tag.1.Key", "team", "Tag.2.Key", "env", "Tag.2.Value", "prod"}, []string{a}},
		{"by two filters", []string{"EndpointStatus", "Active", "EndpointName", "beta"}, []string{b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(tt.pairs...)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}

	entry := c.must("ListVpcEndpoints", "EndpointId", a).list("Endpoints")[0]
	tags, _ := entry["Tags"].([]any)
	if len(tags) != 2 || tags[0].(map[string]any)["Key"] != "team" || tags[0].(map[string]any)["Value"] != "red" {
		t.Fatalf("Tags: %v", entry["Tags"])
	}
	for _, k := range []string{"VpcId", "EndpointName", "EndpointType", "CreateTime", "ServiceId", "ZoneAffinityEnabled", "EndpointDomain", "EndpointStatus", "RegionId", "ResourceOwner", "Bandwidth", "ConnectionStatus", "EndpointDescription", "EndpointId", "EndpointBusinessStatus", "ServiceName", "Tags", "ResourceGroupId", "PolicyDocument"} {
		if _, ok := entry[k]; !ok {
			t.Errorf("entry lacks %s", k)
		}
	}
}

func TestListVpcEndpointsValidation(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	for _, pairs := range [][]string{
		{"MaxResults", "0"},
		{"MaxResults", "1001"},
		{"MaxResults", "ten"},
		{"NextToken", "caeba0bbb2be03f84eb48b699f0a4883"},
		{"NextToken", "not-hex"},
	} {
		c.fail(400, "InvalidParameter", "ListVpcEndpoints", pairs...)
	}
	// A filter value no endpoint has matches nothing (filter in params.go).
	c.create()
	for _, pairs := range [][]string{
		{"EndpointStatus", "Running"},
		{"EndpointStatus", "Inactive"},
		{"ConnectionStatus", "Up"},
		{"EndpointType", "Gateway"},
		{"AddressIpVersion", "v6"},
		{"EndpointStatus", "creating"},
	} {
		if n := c.must("ListVpcEndpoints", pairs...).num("TotalCount"); n != 0 {
			t.Errorf("%v: %d endpoints", pairs, n)
		}
	}
	if n := c.must("ListVpcEndpoints", "EndpointType", "Interface", "AddressIpVersion", "IPv4").num("TotalCount"); n != 1 {
		t.Errorf("the endpoint's own values: %d endpoints", n)
	}
	c.must("ListVpcEndpoints", "MaxResults", "1000")
	c.must("ListVpcEndpoints", "MaxResults", "1")
}

func TestListVpcEndpointsPaging(t *testing.T) {
	srv := newTestServer(t)
	c := newClient(t, srv)
	var created []string
	for i := range 7 {
		created = append(created, c.create("EndpointName", "ep-"+strconv.Itoa(i)))
	}
	first := c.must("ListVpcEndpoints")
	if first.num("MaxResults") != 50 || first.num("TotalCount") != 7 || first.str("NextToken") != "" {
		t.Fatalf("default page: %v", first)
	}

	// Pages of 3, deleting an endpoint of a later page between calls: the
	// order stays stable and nothing is seen twice or skipped.
	var got []string
	token := ""
	for page := 0; ; page++ {
		pairs := []string{"MaxResults", "3"}
		if token != "" {
			pairs = append(pairs, "NextToken", token)
		}
		a := c.must("ListVpcEndpoints", pairs...)
		if a.num("MaxResults") != 3 {
			t.Fatalf("MaxResults = %d", a.num("MaxResults"))
		}
		for _, e := range a.list("Endpoints") {
			got = append(got, e["EndpointId"].(string))
		}
		if page == 0 {
			c.must("DeleteVpcEndpoint", "EndpointId", created[4])
		}
		token = a.str("NextToken")
		if token == "" {
			break
		}
		if page > 5 {
			t.Fatal("paging does not end")
		}
	}
	want := []string{created[0], created[1], created[2], created[3], created[5], created[6]}
	if len(got) != len(want) {
		t.Fatalf("paged %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("paged %v, want %v", got, want)
		}
	}

	// A token from one listing is refused by another.
	tok := c.must("ListVpcEndpoints", "MaxResults", "1").str("NextToken")
	c.fail(400, "InvalidParameter", "ListVpcEndpointZones", "EndpointId", created[0], "NextToken", tok)
}

// List filters may name system tags, which a create may not set.
func TestListFiltersAllowSystemTags(t *testing.T) {
	c := newClient(t, newTestServer(t))
	got := c.must("ListVpcEndpoints", "Tag.1.Key", "acs:rm:rgId", "Tag.1.Value", "rg-1")
	if n := got.num("TotalCount"); n != 0 {
		t.Fatalf("TotalCount %d, want 0", n)
	}
	c.fail(400, "MissingParameter", "ListVpcEndpoints", "Tag.1.Value", "v")
}
