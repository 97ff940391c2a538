package privatelinktest

import (
	"testing"
	"time"
)

const otherSG = "sg-hp3second0000000000"

func TestSecurityGroupsLifecycle(t *testing.T) {
	clk := NewFakeClock(fixedTime)
	srv := newTestServer(t, WithClock(clk), WithSecurityGroupDelay(10*time.Second), WithSecurityGroup(otherSG, VpcID))
	c := newClient(t, srv)
	id := c.create()

	c.fail(400, "DryRunOperation", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", otherSG, "DryRun", "true")
	c.must("AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", otherSG)
	if got := c.status(id); got != "Pending" {
		t.Fatalf("while attaching: %s", got)
	}
	sgs := c.must("ListVpcEndpointSecurityGroups", "EndpointId", id)
	if sgs.num("TotalCount") != 2 || sgs.list("SecurityGroups")[1]["SecurityGroupStatus"] != "Attaching" {
		t.Fatalf("while attaching: %v", sgs)
	}
	c.fail(400, "EndpointLocked", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
	c.fail(400, "EndpointLocked", "UpdateVpcEndpointAttribute", "EndpointId", id, "EndpointName", "locked")

	clk.Advance(10 * time.Second)
	if got := c.status(id); got != "Active" {
		t.Fatalf("after the delay: %s", got)
	}
	c.fail(400, "SecurityGroupExist", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", otherSG)

	c.fail(400, "DryRunOperation", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID, "DryRun", "true")
	c.must("DetachSecurityGroupFromVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
	if s := c.must("ListVpcEndpointSecurityGroups", "EndpointId", id).list("SecurityGroups"); s[0]["SecurityGroupStatus"] != "Detaching" {
		t.Fatalf("while detaching: %v", s)
	}
	clk.Advance(10 * time.Second)
	sgs = c.must("ListVpcEndpointSecurityGroups", "EndpointId", id)
	if sgs.num("TotalCount") != 1 || sgs.list("SecurityGroups")[0]["SecurityGroupId"] != otherSG || sgs.list("SecurityGroups")[0]["SecurityGroupStatus"] != "Attached" {
		t.Fatalf("after detaching: %v", sgs)
	}
	// The last group of an Interface endpoint stays.
	c.fail(400, "EndpointMustContainSecurityGroup", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", id, "SecurityGroupId", otherSG)
	c.fail(400, "SecurityGroupNotFound", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", id, "SecurityGroupId", SecurityGroupID)
}

func TestSecurityGroupErrors(t *testing.T) {
	srv := newTestServer(t,
		WithVpc("vpc-hp3other0000000000000"),
		WithSecurityGroup("sg-hp3otherg00000000000", "vpc-hp3other0000000000000"),
	)
	c := newClient(t, srv)
	id := c.create()
	c.fail(400, "MissingParameter", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id)
	c.fail(400, "MissingParameter", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", id)
	c.fail(400, "EndpointNotFound", "AttachSecurityGroupToVpcEndpoint", "EndpointId", "ep-hp3nothere00000000000", "SecurityGroupId", SecurityGroupID)
	c.fail(400, "EndpointNotFound", "DetachSecurityGroupFromVpcEndpoint", "EndpointId", "ep-hp3nothere00000000000", "SecurityGroupId", SecurityGroupID)
	c.fail(400, "SecurityGroupNotFound", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", "sg-hp3nothere0000000000")
	c.fail(400, "SecurityGroupNotFound", "AttachSecurityGroupToVpcEndpoint", "EndpointId", id, "SecurityGroupId", "sg-hp3otherg00000000000")
	c.fail(400, "EndpointNotFound", "ListVpcEndpointSecurityGroups", "EndpointId", "ep-hp3nothere00000000000")
	c.fail(400, "InvalidParameter", "ListVpcEndpointSecurityGroups", "EndpointId", id, "MaxResults", "51")
}

func TestListVpcEndpointSecurityGroupsPaging(t *testing.T) {
	srv := newTestServer(t, WithSecurityGroup(otherSG, VpcID))
	c := newClient(t, srv)
	id := c.create("SecurityGroupId.2", otherSG)
	p1 := c.must("ListVpcEndpointSecurityGroups", "EndpointId", id, "MaxResults", "1")
	if p1.num("TotalCount") != 2 || p1.num("MaxResults") != 1 || p1.str("NextToken") == "" || p1.list("SecurityGroups")[0]["SecurityGroupId"] != SecurityGroupID {
		t.Fatalf("page 1: %v", p1)
	}
	p2 := c.must("ListVpcEndpointSecurityGroups", "EndpointId", id, "MaxResults", "1", "NextToken", p1.str("NextToken"))
	if p2.list("SecurityGroups")[0]["SecurityGroupId"] != otherSG || p2.str("NextToken") != "" {
		t.Fatalf("page 2: %v", p2)
	}
}
