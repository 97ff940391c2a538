package apimeta

import (
	"fmt"
	"slices"
	"testing"
)

func TestLoad(t *testing.T) {
	ops, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 39 {
		t.Errorf("%d operations, want 39", len(ops))
	}
	find := func(op, name string) *Param {
		for i, p := range ops[op].Params {
			if p.Name == name {
				return &ops[op].Params[i]
			}
		}
		return nil
	}
	// The newer en-US metadata wins: CreateVpcEndpoint gains ServiceRegionId.
	if find("CreateVpcEndpoint", "ServiceRegionId") == nil {
		t.Error("CreateVpcEndpoint lacks ServiceRegionId from the en-US metadata")
	}
	// Form-body parameters keep their location, and list items their schema.
	tag := find("TagResources", "Tag")
	if tag == nil || tag.In != "formData" || tag.Schema.Items == nil || len(tag.Schema.Items.Properties) != 2 {
		t.Errorf("TagResources Tag = %+v", tag)
	}
	// RegionId listed twice is kept once.
	n := 0
	for _, p := range ops["DescribeZones"].Params {
		if p.Name == "RegionId" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("DescribeZones has RegionId %d times", n)
	}
	if len(ops["OpenPrivateLinkService"].ErrorCodes) == 0 {
		t.Error("no error codes")
	}
}

// The snapshot of the newest definition is committed and complete.
func TestLoadSnapshot(t *testing.T) {
	s, err := LoadSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != "v5.0.10" || s.Date != "2026-06-11" || len(s.Operations) != 39 {
		t.Errorf("snapshot %s %s with %d operations", s.Version, s.Date, len(s.Operations))
	}
	var cross *SnapshotParam
	for i, p := range s.Operations["DescribeZones"].Params {
		if p.Name == "CrossRegionSide" {
			cross = &s.Operations["DescribeZones"].Params[i]
		}
	}
	if cross == nil || cross.In != "query" || cross.Type != "string" || !slices.Equal(cross.Enum, []string{"Endpoint", "EndpointService"}) {
		t.Errorf("DescribeZones CrossRegionSide = %+v", cross)
	}
	found := false
	for _, e := range s.Enums() {
		if e.Op == "DescribeRegions" && e.Request && e.Path == "ServiceResourceType" {
			found = slices.Contains(e.Values, "gwlb") && slices.Contains(e.Values, "ALL")
		}
	}
	if !found {
		t.Error("DescribeRegions ServiceResourceType lacks gwlb or ALL")
	}
	if _, err := ParseSnapshot([]byte(`{"source":"x","surprise":1}`)); err == nil {
		t.Error("a snapshot with an unknown member was accepted")
	}
}

// Load lays the snapshot over the older sources: what it adds appears,
// what only the older sources say (descriptions) stays.
func TestLoadMergesSnapshot(t *testing.T) {
	ops, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var owner *Param
	for i, p := range ops["OpenPrivateLinkService"].Params {
		if p.Name == "OwnerId" {
			owner = &ops["OpenPrivateLinkService"].Params[i]
		}
	}
	if owner == nil || owner.Schema.Type != "integer" || owner.Schema.Format != "int64" {
		t.Errorf("OpenPrivateLinkService OwnerId = %+v", owner)
	}
	set := ops["GetVpcEndpointServiceAttribute"].Response.Properties["SupportedRegionSet"]
	if set == nil || set.Type != "array" || set.Items.Properties["RegionServiceStatus"] == nil {
		t.Errorf("GetVpcEndpointServiceAttribute SupportedRegionSet = %+v", set)
	}
	if d := ops["GetVpcEndpointServiceAttribute"].Response.Properties["ServiceId"].Description; d == "" {
		t.Error("the older description of ServiceId was lost")
	}
	if len(ops["OpenPrivateLinkService"].ErrorCodes) == 0 {
		t.Error("error codes were lost")
	}
	dis, err := Disagreements()
	if err != nil {
		t.Fatal(err)
	}
	if len(dis) != 0 {
		t.Errorf("v5.0.10 and the older metadata agree on every shared fact, got %q", dis)
	}
}

// Every kind of disagreement is named: a type, a location, a required
// flag, an enum value or a member only the older sources have.
func TestMergeNamesDisagreements(t *testing.T) {
	var got []string
	note := func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) }
	old := []Param{
		{Name: "A", In: "query", Schema: &Schema{Type: "string", Enum: []string{"x", "gone"}}},
		{Name: "B", In: "query", Required: true, Schema: &Schema{Type: "integer", Format: "int32"}},
		{Name: "C", In: "query", Schema: &Schema{Type: "string"}},
	}
	snap := []SnapshotParam{
		{Name: "A", In: "formData", Node: Node{Type: "string", Enum: []string{"x", "y"}}},
		{Name: "B", In: "query", Node: Node{Type: "integer", Format: "int64"}},
		{Name: "D", In: "query", Node: Node{Type: "boolean"}},
	}
	params := mergeParamLists("Op", old, snap, note)
	var names []string
	for _, p := range params {
		names = append(names, p.Name)
	}
	if !slices.Equal(names, []string{"A", "B", "C", "D"}) || params[0].In != "formData" || params[1].Schema.Format != "int64" {
		t.Errorf("merged %v: %+v", names, params)
	}
	resp := mergeSchema("Op field ", "", &Schema{Properties: map[string]*Schema{"Old": {Type: "string"}, "N": {Type: "string"}}},
		&Node{Type: "object", Properties: map[string]*Node{"N": {Type: "integer", Format: "int32"}, "New": {Type: "string"}}}, note)
	if resp.Properties["Old"] == nil || resp.Properties["New"] == nil {
		t.Errorf("response members %v", resp.Fields())
	}
	want := []string{
		"Op param A: in query (older) or formData (snapshot)",
		"Op param A: value gone only in the older metadata",
		"Op param B: required true (older) or false (snapshot)",
		"Op param B: int32 (older) or int64 (snapshot)",
		"Op param C: only in the older metadata",
		"Op field Old: only in the older metadata",
		"Op field N: string (older) or int32 (snapshot)",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("disagreements\n got %q\nwant %q", got, want)
	}
}

// The two older sources' disagreements are named the same way.
func TestOlderMergeNamesDisagreements(t *testing.T) {
	var got []string
	note := func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) }
	old := []Param{
		{Name: "A", In: "query", Schema: &Schema{Type: "integer", Format: "int32"}},
		{Name: "B", In: "query", Schema: &Schema{Type: "string"}},
		{Name: "RegionId", In: "query", Schema: &Schema{Type: "string"}},
	}
	en := englishFile{Name: "Op", Parameters: []englishParam{{Name: "A", Position: "Body", Type: "Long", Required: true}, {Name: "C", Type: "String"}}}
	params := mergeParams(old, en, note)
	if len(params) != 2 || params[0].In != "formData" || params[0].Schema.Format != "int64" {
		t.Errorf("merged %+v", params)
	}
	want := []string{
		"Op param A: in query (merged) or formData (en-US)",
		"Op param A: int32 (merged) or int64 (en-US)",
		"Op param A: required false (merged) or true (en-US)",
		"Op param B: only in the merged metadata, not the en-US",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("disagreements\n got %q\nwant %q", got, want)
	}
}
