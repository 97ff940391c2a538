package privatelinktest

// sgEntry is one element of ListVpcEndpointSecurityGroups' SecurityGroups.
type sgEntry struct {
	SecurityGroupID     string `json:"SecurityGroupId"`
	SecurityGroupStatus string `json:"SecurityGroupStatus"`
}

type listSGsAnswer struct {
	SecurityGroups []sgEntry `json:"SecurityGroups"`
	NextToken      string    `json:"NextToken"`
	MaxResults     int       `json:"MaxResults"`
	TotalCount     int       `json:"TotalCount"`
}

// maxListSGs is ListVpcEndpointSecurityGroups' largest MaxResults.
const maxListSGs = 50

func listVpcEndpointSecurityGroups(c *call) any {
	e := c.endpoint()
	if c.err != nil {
		return nil
	}
	page, next, size := paginate(c, "ListVpcEndpointSecurityGroups/"+e.id, maxListSGs, e.sgs, func(a *sgAttachment) uint64 { return a.seq })
	if c.err != nil {
		return nil
	}
	out := listSGsAnswer{SecurityGroups: make([]sgEntry, 0, len(page)), NextToken: next, MaxResults: size, TotalCount: len(e.sgs)}
	for _, a := range page {
		out.SecurityGroups = append(out.SecurityGroups, sgEntry{SecurityGroupID: a.id, SecurityGroupStatus: sgStatus(a, c.now)})
	}
	return out
}

// attachSecurityGroupToVpcEndpoint attaches a group of the endpoint's VPC;
// the endpoint is Pending for the security group delay.
func attachSecurityGroupToVpcEndpoint(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	sgID := c.required("SecurityGroupId")
	id := c.required("EndpointId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	e := c.lookup(id)
	if c.err != nil {
		return nil
	}
	if err := e.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	if e.serviceDeleted {
		c.fail(errServiceDeleted())
		return nil
	}
	if sg := c.s.world.sgs[sgID]; sg == nil || sg.vpcID != e.vpcID {
		c.fail(errorf("SecurityGroupNotFound", msgSecurityGroupNotFound))
		return nil
	}
	if a := e.sg(sgID); a != nil && !a.removing {
		c.fail(errorf("SecurityGroupExist", msgSecurityGroupExist))
		return nil
	}
	if e.typ == typeGLB {
		c.fail(errorf("GatewayLoadBalancerNotSupportSecurityGroup", msgGLBNotSupportSecurityGroup))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	a := &sgAttachment{seq: c.s.seq(), id: sgID, readyAt: c.now.Add(c.s.sgDelay)}
	e.sgs = append(e.sgs, a)
	e.pendingUntil = laterOf(e.pendingUntil, a.readyAt)
	return emptyAnswer{}
}

// detachSecurityGroupFromVpcEndpoint detaches a group; an Interface
// endpoint keeps at least one. The endpoint is Pending for the security
// group delay.
func detachSecurityGroupFromVpcEndpoint(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	sgID := c.required("SecurityGroupId")
	id := c.required("EndpointId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	e := c.lookup(id)
	if c.err != nil {
		return nil
	}
	if err := e.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	if e.serviceDeleted {
		c.fail(errServiceDeleted())
		return nil
	}
	a := e.sg(sgID)
	if a == nil || a.removing {
		c.fail(errorf("SecurityGroupNotFound", msgSecurityGroupNotFound))
		return nil
	}
	if e.typ == typeInterface && e.activeSGs() <= 1 {
		c.fail(errorf("EndpointMustContainSecurityGroup", msgMustContainSecurityGroup))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	a.removing = true
	a.goneAt = c.now.Add(c.s.sgDelay)
	c.s.scheduleSweep(e, a.goneAt)
	e.pendingUntil = laterOf(e.pendingUntil, a.goneAt)
	return emptyAnswer{}
}
