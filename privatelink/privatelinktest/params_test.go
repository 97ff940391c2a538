package privatelinktest

import (
	"testing"
)

func testCall(pairs ...string) *call {
	req := &apiRequest{params: kv(pairs...), first: map[string]string{}}
	for _, p := range req.params {
		if _, ok := req.first[p.Key]; !ok {
			req.first[p.Key] = p.Value
		}
	}
	return &call{req: req}
}

func TestCallBoolean(t *testing.T) {
	for _, tt := range []struct {
		value     string
		want, set bool
		ok        bool
	}{
		{"true", true, true, true},
		{"TRUE", true, true, true},
		{"false", false, true, true},
		{"False", false, true, true},
		{"1", false, false, false},
		{"", false, false, false},
		{"yes", false, false, false},
	} {
		c := testCall("DryRun", tt.value)
		v, set := c.optBool("DryRun")
		if v != tt.want || set != tt.set || (c.err == nil) != tt.ok {
			t.Errorf("%q: got %v %v err %v", tt.value, v, set, c.err)
		}
	}
	if v, set := testCall().optBool("DryRun"); v || set {
		t.Error("absent boolean")
	}
}

func TestCallInteger(t *testing.T) {
	for _, tt := range []struct {
		value string
		want  int
		ok    bool
	}{
		{"1", 1, true}, {"50", 50, true}, {"0", 7, false}, {"51", 7, false}, {"-3", 7, false}, {"1e2", 7, false}, {"", 7, false},
	} {
		c := testCall("MaxResults", tt.value)
		if got := c.integer("MaxResults", 1, 50, 7); got != tt.want || (c.err == nil) != tt.ok {
			t.Errorf("%q: got %d err %v", tt.value, got, c.err)
		}
	}
	if got := testCall().integer("MaxResults", 1, 50, 7); got != 7 {
		t.Errorf("absent: %d", got)
	}
}

func TestCallIndexed(t *testing.T) {
	c := testCall(
		"Zone.3.ZoneId", "c", "Zone.1.ZoneId", "a", "Zone.1.VSwitchId", "vsw-a",
		"Zone.x.ZoneId", "ignored", "Zone.1.ZoneId", "second value ignored", "Zones.1.ZoneId", "other list",
	)
	items := c.indexed("Zone", 10)
	if c.err != nil || len(items) != 2 {
		t.Fatalf("items %v err %v", items, c.err)
	}
	if items[0].index != 1 || items[0].fields["ZoneId"] != "a" || items[0].fields["VSwitchId"] != "vsw-a" || items[1].index != 3 || items[1].fields["ZoneId"] != "c" {
		t.Fatalf("items %v", items)
	}
	if items[1].key("Zone", "ZoneId") != "Zone.3.ZoneId" {
		t.Fatalf("key %q", items[1].key("Zone", "ZoneId"))
	}
	for _, bad := range []string{"Zone.0.ZoneId", "Zone.11.ZoneId", "Zone.99999999999999999999.ZoneId"} {
		c := testCall(bad, "z")
		if c.indexed("Zone", 10); c.err == nil || c.err.code != "InvalidParameter" {
			t.Errorf("%s: err %v", bad, c.err)
		}
	}
}

func TestCallStringList(t *testing.T) {
	c := testCall("SecurityGroupId.2", "sg-b", "SecurityGroupId.1", "sg-a", "SecurityGroupId.1.Sub", "x")
	got := c.stringList("SecurityGroupId", 10)
	if c.err != nil || len(got) != 2 || got[0] != "sg-a" || got[1] != "sg-b" {
		t.Fatalf("got %v err %v", got, c.err)
	}
	c = testCall("SecurityGroupId.1", "")
	if c.stringList("SecurityGroupId", 10); c.err == nil {
		t.Fatal("empty item accepted")
	}
}

func TestCallStickyError(t *testing.T) {
	c := testCall("MaxResults", "x")
	c.integer("MaxResults", 1, 5, 1)
	c.required("EndpointId")
	if c.err.code != "InvalidParameter" {
		t.Fatalf("first error lost: %v", c.err)
	}
}
