package privatelinktest

import (
	"strconv"
	"strings"
)

// userArgs reads the one-of UserId / UserARN of Add and
// RemoveUserFromVpcEndpointService: exactly one must be given (the
// metadata says so in prose only), with the codes the metadata lists.
func (c *call) userArgs() (uid int64, arn string) {
	uid, idSet := c.userID("UserId")
	arn = c.str("UserARN")
	switch {
	case c.err != nil:
	case idSet && arn != "":
		c.fail(errorf("Mismatch.UserIdAndUserArn", "The %s and %s are mismatched.", "UserId", "UserARN"))
	case !idSet && arn == "":
		c.fail(errorf("MissingParam.UserArn", "The param of %s is missing.", "UserArn"))
	case arn != "" && !validUserARN(arn):
		c.fail(errInvalid("UserARN", "an ARN such as acs:ram::<account ID>:root, or *"))
	}
	return uid, arn
}

// validUserARN accepts * and the ARNs of RAM identities,
// acs:ram::<account ID>:<identity>.
func validUserARN(arn string) bool {
	if arn == everyone {
		return true
	}
	rest, ok := strings.CutPrefix(arn, "acs:ram::")
	if !ok {
		return false
	}
	uid, identity, ok := strings.Cut(rest, ":")
	if !ok || identity == "" {
		return false
	}
	_, err := strconv.ParseInt(uid, 10, 64)
	return err == nil
}

func addUserToVpcEndpointService(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	uid, arn := c.userArgs()
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	v.addUser(c.s, uid, arn)
	return emptyAnswer{}
}

// removeUserFromVpcEndpointService removes an allow-list entry. Removing
// one that is not there succeeds: the metadata lists no code for it.
// Existing connections stay; only new endpoints are refused.
func removeUserFromVpcEndpointService(c *call) any {
	c.token = c.clientToken()
	dryRun := c.boolean("DryRun")
	id := c.required("ServiceId")
	uid, arn := c.userArgs()
	if body, ok := c.replay(dryRun); ok {
		return body
	}
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	if dryRun {
		c.fail(errDryRun())
		return nil
	}
	v.removeUser(uid, arn)
	return emptyAnswer{}
}

// userEntry and arnEntry are elements of ListVpcEndpointServiceUsers'
// Users and UserARNs. UserId is written from an int64, exactly.
type userEntry struct {
	UserID int64 `json:"UserId"`
}

type arnEntry struct {
	UserARN string `json:"UserARN"`
}

// listUsersAnswer has TotalCount as a string, as the metadata says, and
// one of Users and UserARNs, as UserListType chooses.
type listUsersAnswer struct {
	NextToken  string      `json:"NextToken"`
	MaxResults int         `json:"MaxResults"`
	Users      []userEntry `json:"Users,omitempty"`
	UserARNs   []arnEntry  `json:"UserARNs,omitempty"`
	TotalCount string      `json:"TotalCount"`
}

func listVpcEndpointServiceUsers(c *call) any {
	id := c.required("ServiceId")
	uid, uidSet := c.userID("UserId")
	// UserListType is exact: the documented spellings are what clients
	// send (Terraform's service_user data source lists Users without it),
	// and nothing shows the service taking another.
	listType := c.enum("UserListType", "Users", "UserARNs")
	if listType == "" {
		listType = "Users"
	}
	size := c.pageSize(maxListEndpoints)
	v := c.ownService(id)
	if c.err != nil {
		return nil
	}
	arns := listType == "UserARNs"
	var match []*svcUser
	for _, u := range v.users {
		switch {
		case arns != (u.arn != ""),
			uidSet && (arns || u.uid != uid):
			continue
		}
		match = append(match, u)
	}
	page, next := paginateBy(c, "ListVpcEndpointServiceUsers/"+v.ID+"/"+listType, size, match, func(u *svcUser) uint64 { return u.seq })
	if c.err != nil {
		return nil
	}
	out := listUsersAnswer{NextToken: next, MaxResults: size, TotalCount: strconv.Itoa(len(match))}
	if arns {
		out.UserARNs = make([]arnEntry, 0, len(page))
		for _, u := range page {
			out.UserARNs = append(out.UserARNs, arnEntry{u.arn})
		}
	} else {
		out.Users = make([]userEntry, 0, len(page))
		for _, u := range page {
			out.Users = append(out.Users, userEntry{u.uid})
		}
	}
	return out
}
