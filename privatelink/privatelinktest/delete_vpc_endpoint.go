package privatelinktest

// deleteVpcEndpoint starts deleting an Active endpoint: it is Deleting for
// the deletion delay, then gone. The metadata lists EndpointOperationDenied,
// not EndpointLocked, for this operation, so that is the answer for an
// endpoint in any other state.
func deleteVpcEndpoint(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
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
	if err := e.lockFor(c.now, false); err != nil {
		c.fail(err)
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	e.deleting = true
	e.goneAt = c.now.Add(c.s.deletionDelay)
	c.s.scheduleSweep(e, e.goneAt)
	return emptyAnswer{}
}
