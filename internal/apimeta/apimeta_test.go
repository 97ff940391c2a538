package apimeta

import "testing"

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
