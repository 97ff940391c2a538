package privatelinktest

import "slices"

// attachResourceToVpcEndpointService adds a load balancer to an Active
// service; the service is Pending for the service delay.
func attachResourceToVpcEndpointService(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	resID := c.required("ResourceId")
	typ := c.required("ResourceType")
	zone := c.str("ZoneId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	if err := v.lockFor(c.now, false); err != nil {
		c.fail(err)
		return nil
	}
	if v.fixed {
		// The world's services are deployed without resources.
		c.fail(errorf("EndpointServiceOperationDenied", msgEndpointServiceOperationDenied))
		return nil
	}
	if v.resource(resID) != nil {
		c.fail(errorf("EndpointServiceResourceExist", msgServiceResourceExist))
		return nil
	}
	if validResourceType(typ) && typ != v.resourceType {
		c.fail(errorf("EndpointServiceResourceTypeNotEqual", msgResourceTypeNotEqual))
		return nil
	}
	lb := c.checkResource(v.resourceType, v.supportIPv6, resID, typ, zone, "EndpointServiceResourceExist", msgServiceResourceExist)
	if lb == nil {
		return nil
	}
	if len(v.resources) >= maxServiceResources {
		c.fail(errorf("QuotaMisMatched", "The resource you applied for has exceeded the quota."))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	v.resources = append(v.resources, &svcResource{seq: c.s.seq(), lb: lb, zone: lb.ZoneID, auto: true})
	c.s.lbInUse[lb.ID] = v
	v.pendingUntil = laterOf(v.pendingUntil, c.now.Add(c.s.serviceDelay))
	return emptyAnswer{}
}

// detachResourceFromVpcEndpointService removes a load balancer from a
// service, unless it is the last one in a zone where an endpoint's
// connection is live.
func detachResourceFromVpcEndpointService(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	resID := c.required("ResourceId")
	typ := c.str("ResourceType")
	zone := c.str("ZoneId")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	r := v.resource(resID)
	if r == nil || typ != "" && r.lb.Type != typ || zone != "" && r.zone != zone {
		c.fail(errorf("EndpointServiceResourceNotFound", msgServiceResourceNotFound))
		return nil
	}
	if v.status(c.now) != svcActive {
		c.fail(errorf("EndpointServiceResourceCannotRemove", msgServiceResourceCannotRemove))
		return nil
	}
	last := !slices.ContainsFunc(v.resources, func(o *svcResource) bool { return o != r && o.zone == r.zone })
	if last {
		for _, e := range v.endpoints {
			if e.gone(c.now) {
				continue
			}
			switch e.connectionStatus(c.now) {
			case connPending, connDisconnected:
				continue
			}
			if z := e.zone(r.zone); z != nil && !z.removing {
				c.fail(errorf("EndpointServiceConnectionDependence", msgServiceConnectionDependence))
				return nil
			}
		}
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	v.resources = slices.DeleteFunc(v.resources, func(o *svcResource) bool { return o == r })
	delete(c.s.lbInUse, r.lb.ID)
	// The zones it served move to what the zone has left.
	next := ""
	if o := v.resourceIn(r.zone); o != nil {
		next = o.lb.ID
	}
	for _, e := range v.endpoints {
		for _, z := range e.zones {
			if z.resourceID == r.lb.ID {
				z.resourceID = next
			}
		}
	}
	v.pendingUntil = laterOf(v.pendingUntil, c.now.Add(c.s.serviceDelay))
	return emptyAnswer{}
}

// serviceResourceEntry is one element of ListVpcEndpointServiceResources'
// Resources; the endpoint counts are int64 on the wire.
type serviceResourceEntry struct {
	VpcID                          string `json:"VpcId"`
	VSwitchID                      string `json:"VSwitchId"`
	ResourceType                   string `json:"ResourceType"`
	ZoneID                         string `json:"ZoneId"`
	IP                             string `json:"Ip"`
	ResourceID                     string `json:"ResourceId"`
	RegionID                       string `json:"RegionId"`
	RelatedEndpointCount           int64  `json:"RelatedEndpointCount"`
	RelatedDeprecatedEndpointCount int64  `json:"RelatedDeprecatedEndpointCount"`
	AutoAllocatedEnabled           bool   `json:"AutoAllocatedEnabled"`
	ResourceSupportIPv6            bool   `json:"ResourceSupportIPv6"`
}

// listResourcesAnswer pages but, as the metadata says, has no TotalCount.
type listResourcesAnswer struct {
	NextToken  string                 `json:"NextToken"`
	MaxResults int                    `json:"MaxResults"`
	Resources  []serviceResourceEntry `json:"Resources"`
}

func listVpcEndpointServiceResources(c *call) any {
	id := c.required("ServiceId")
	size := c.pageSize(maxListEndpoints)
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	page, next := paginateBy(c, "ListVpcEndpointServiceResources/"+v.ID, size, v.resources, func(r *svcResource) uint64 { return r.seq })
	if c.err != nil {
		return nil
	}
	out := listResourcesAnswer{NextToken: next, MaxResults: size, Resources: make([]serviceResourceEntry, 0, len(page))}
	for _, r := range page {
		var related, deprecated int64
		for _, e := range v.endpoints {
			for _, z := range e.zones {
				switch {
				case e.gone(c.now) || z.removing:
				case z.resourceID == r.lb.ID:
					related++
				case z.replacedID == r.lb.ID:
					deprecated++
				}
			}
		}
		out.Resources = append(out.Resources, serviceResourceEntry{
			VpcID: r.lb.VpcID, VSwitchID: r.lb.VSwitchID, ResourceType: r.lb.Type, ZoneID: r.zone, IP: r.lb.IP,
			ResourceID: r.lb.ID, RegionID: RegionID, RelatedEndpointCount: related, RelatedDeprecatedEndpointCount: deprecated,
			AutoAllocatedEnabled: r.auto, ResourceSupportIPv6: r.lb.IPv6,
		})
	}
	return out
}

// updateVpcEndpointServiceResourceAttribute turns automatic allocation of
// a resource on or off; a zone keeps at least one automatically allocated
// resource.
func updateVpcEndpointServiceResourceAttribute(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	resID := c.required("ResourceId")
	zone := c.str("ZoneId")
	if _, ok := c.req.first["AutoAllocatedEnabled"]; !ok && c.err == nil {
		c.fail(errMissing("AutoAllocatedEnabled"))
	}
	auto := c.boolean("AutoAllocatedEnabled")
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	if err := v.lockFor(c.now, true); err != nil {
		c.fail(err)
		return nil
	}
	r := v.resource(resID)
	if r == nil || zone != "" && r.zone != zone {
		c.fail(errorf("EndpointServiceResourceNotFound", msgServiceResourceNotFound))
		return nil
	}
	if !auto && !slices.ContainsFunc(v.resources, func(o *svcResource) bool { return o != r && o.zone == r.zone && o.auto }) {
		c.fail(errorf("ResourceAutoAllocateViolation", msgResourceAutoAllocate))
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	r.auto = auto
	return emptyAnswer{}
}
