package privatelinktest

// updateVpcEndpointAttribute changes the name, description, policy, zone
// affinity or IP version of an Active endpoint. ResetPolicy=true returns
// the policy to that of an endpoint created without PolicyDocument (a
// PolicyDocument in the same call is then set); CrossRegionBandwidth is
// checked and, as for CreateVpcEndpoint, has no effect on a same-region
// endpoint. Changing the IP version
// re-addresses every zone's interface, which keeps the endpoint Pending for
// the zone delay, as zone changes do.
func updateVpcEndpointAttribute(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	name, nameSet, desc, descSet := c.nameAndDescription()
	policy := c.policyDocument()
	_, policySet := c.req.first["PolicyDocument"]
	ipVersion := c.ipVersion()
	affinity, affinitySet := c.optBool("ZoneAffinityEnabled")
	reset := c.boolean("ResetPolicy")
	c.bigInt("CrossRegionBandwidth", minCrossRegionBandwidth, 1<<31-1)
	id := c.required("EndpointId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	e := c.lookup(id)
	if c.err != nil {
		return nil
	}
	if e.protectedFrom(c.req.accessKey) {
		c.fail(errorf("OperationDenied.EndpointProtected", msgEndpointProtected))
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
	readdress := ipVersion != "" && ipVersion != e.ipVersion
	var v6 []string // the zones' new IPv6 addresses, in e.zones order
	if readdress && ipVersion == dualStack {
		if !c.dualStackAllowed(e.typ, e.service) {
			return nil
		}
		// The zones of one endpoint are in different zones, hence on
		// different vSwitches, so their new addresses cannot collide.
		for _, z := range e.zones {
			vs := c.s.world.vswitches[z.vswitchID]
			if !vs.ipv6CIDR.IsValid() {
				c.fail(errorf("OperationDenied.VSwitchNotSupportDualstack", msgVSwitchNotSupportDualstack))
				return nil
			}
			a, err := assign(vs.ipv6CIDR, "", c.s.usedAddrs(vs.id), nil)
			if err != nil {
				c.fail(err)
				return nil
			}
			v6 = append(v6, a)
		}
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	if nameSet {
		e.name = name
	}
	if descSet {
		e.description = desc
	}
	if reset {
		e.policy = ""
	}
	if policySet {
		e.policy = policy
	}
	if affinitySet {
		e.affinity = affinity
	}
	if readdress {
		e.ipVersion = ipVersion
		for i, z := range e.zones {
			z.ipv6 = ""
			if i < len(v6) {
				z.ipv6 = v6[i]
			}
		}
		e.pendingUntil = laterOf(e.pendingUntil, c.now.Add(c.s.zoneDelay))
	}
	return emptyAnswer{}
}
