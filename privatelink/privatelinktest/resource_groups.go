package privatelinktest

// Messages of ChangeResourceGroup's errors, from the metadata.
const (
	msgMissingResourceID      = "The ResourceId parameters that are required for processing this request are missing"
	msgMissingResourceGroupID = "The ResourceGroupId parameters that are required for processing this request are missing"
	msgInvalidResourceGroup   = "The specified ResourceGroupId is invalid"
	msgResourceNotFound       = " The specified resource is not found"
)

// changeResourceGroup moves a resource of the calling account into another
// of its resource groups. The action is not regional: it takes no RegionId,
// but ResourceRegionId (which the v1 SDK can send) must name the emulator's
// region when given. Its missing parameters have codes of their own.
func changeResourceGroup(c *call) any {
	// ResourceType is compared without regard to case, as the tag
	// operations' is: the documentation spells the same two resource types
	// VpcEndpoint here and vpcendpoint there, and the tag operations are
	// shown (tags.go, tagResourceType) to accept the other spelling, so the
	// service evidently normalizes these names. Terraform's provider sends
	// VpcEndpoint and VpcEndpointService here.
	typ := rgTypeEndpoint
	if _, ok := c.req.first["ResourceType"]; ok {
		typ = c.enumFold("ResourceType", rgTypeEndpoint, rgTypeService)
	}
	id := c.str("ResourceId")
	rg := c.str("ResourceGroupId")
	switch {
	case c.err != nil:
	case id == "":
		c.fail(errorf("MissingParameter.ResourceId", msgMissingResourceID))
	case rg == "":
		c.fail(errorf("MissingParameter.ResourceGroupId", msgMissingResourceGroupID))
	}
	if c.err != nil {
		return nil
	}
	tagType := tagTypeEndpoint
	if typ == rgTypeService {
		tagType = tagTypeService
	}
	r, ok := c.resource(tagType, id)
	if region, given := c.req.first["ResourceRegionId"]; !ok || given && region != RegionID {
		c.fail(errorf("ResourceNotFound", msgResourceNotFound))
		return nil
	}
	if !c.acct.resourceGroups[rg] {
		c.fail(errorf("InvalidResourceGroup", msgInvalidResourceGroup))
		return nil
	}
	r.rg = rg
	return emptyAnswer{}
}
