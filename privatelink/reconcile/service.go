package reconcile

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/privatelink-go/sdk/privatelink"
)

// observedService is an endpoint service as Plan read it.
type observedService struct {
	privatelink.EndpointService
	key       string
	owned     bool
	resources []privatelink.ServiceResource
	users     []string // principals: account IDs in decimal, then ARNs
	pending   []privatelink.Connection
}

func (o *observedService) claim() claim {
	return claim{id: o.ServiceID, created: o.CreateTime, key: o.key, owned: o.owned, deleting: o.ServiceStatus == privatelink.ServiceStatusDeleting}
}

// principal is one allow-list entry as the API takes it.
type principal struct {
	uid int64
	arn string
}

func parsePrincipal(s string) (principal, bool) {
	if s == "" {
		return principal{}, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		// Canonical decimal only: the allow-list reads back as one, and
		// "0123" would never compare equal to it.
		n, err := strconv.ParseInt(s, 10, 64)
		return principal{uid: n}, err == nil && n > 0 && strconv.FormatInt(n, 10) == s
	}
	return principal{arn: s}, true
}

// allows reports whether the allow-list lets in the endpoint owner uid.
func allows(list []string, uid int64) bool {
	u := strconv.FormatInt(uid, 10)
	for _, p := range list {
		if p == "*" || p == u || p == "acs:ram::"+u+":root" {
			return true
		}
	}
	return false
}

func (r *Reconciler) serviceCreateRequest(s *ServiceSpec) *privatelink.CreateVpcEndpointServiceRequest {
	req := &privatelink.CreateVpcEndpointServiceRequest{
		AutoAcceptEnabled:   s.AutoAcceptEnabled,
		ZoneAffinityEnabled: s.ZoneAffinityEnabled,
		ServiceDescription:  s.Description,
		Payer:               s.Payer,
		AddressIPVersion:    s.AddressIPVersion,
		ServiceResourceType: s.ResourceType,
		Tags:                r.desiredTags(s.Key, s.Tags),
	}
	for i, res := range s.Resources {
		if i == privatelink.MaxServiceResources {
			break // the rest are attached after the create
		}
		req.Resources = append(req.Resources, privatelink.ServiceResourceRef{ResourceType: s.ResourceType, ResourceID: res.ResourceID, ZoneID: res.ZoneID})
	}
	return req
}

func (r *Reconciler) validateServices(specs []ServiceSpec) []privatelink.Problem {
	var out []privatelink.Problem
	add := func(i int, field, msg string) {
		out = append(out, privatelink.Problem{Field: fmt.Sprintf("Services[%d]%s", i, field), Message: msg})
	}
	ids := r.newIdentities("Services", "epsrv-", "an endpoint service ID")
	for i := range specs {
		s := &specs[i]
		ids.check(i, s.Key, s.AdoptID, s.Tags, add)
		if s.ResourceType == "" {
			add(i, ".ResourceType", "required")
		}
		seen := map[string]bool{}
		for j, res := range s.Resources {
			if res.ResourceID == "" {
				add(i, fmt.Sprintf(".Resources[%d].ResourceID", j), "required")
			} else if seen[res.ResourceID] {
				add(i, fmt.Sprintf(".Resources[%d].ResourceID", j), "duplicate "+res.ResourceID)
			}
			seen[res.ResourceID] = true
		}
		for j, p := range s.AllowedPrincipals {
			if _, ok := parsePrincipal(p); !ok {
				add(i, fmt.Sprintf(".AllowedPrincipals[%d]", j), fmt.Sprintf("%q is neither an account ID nor an ARN", p))
			}
		}
		req := r.serviceCreateRequest(s)
		req.ClientToken = clientToken(r.opts.TagKey, ChangeCreate, s.Key, "", "", "", 0)
		out = appendProblems(out, fmt.Sprintf("Services[%d]", i), req.Validate(), map[string]string{"ServiceDescription": "Description", "ServiceResourceType": "ResourceType"})
	}
	return out
}

// readServices lists the owned services, looks up adopted ones, and reads
// the resources, allow-list and (with AcceptPending) Pending connections
// of each.
func (r *Reconciler) readServices(ctx context.Context, specs []ServiceSpec, reads *int) (map[string][]*observedService, map[string]*observedService, error) {
	byKey := map[string][]*observedService{}
	byID := map[string]*observedService{}
	seen := func(v privatelink.EndpointService) {
		if byID[v.ServiceID] != nil {
			return
		}
		o := &observedService{EndpointService: v}
		o.key, o.owned = r.owner(v.Tags)
		byID[v.ServiceID] = o
		if o.owned {
			byKey[o.key] = append(byKey[o.key], o)
		}
	}
	req := &privatelink.ListVpcEndpointServicesRequest{Tags: []privatelink.Tag{{Key: r.opts.TagKey}}}
	for {
		*reads++
		page, err := read(ctx, r, r.client.ListVpcEndpointServices, req)
		if err != nil {
			return nil, nil, fmt.Errorf("reconcile: listing owned services: %w", err)
		}
		for _, v := range page.Services {
			seen(v)
		}
		if page.NextToken == "" {
			break
		}
		req.NextToken = page.NextToken
	}
	accept := map[string]bool{}
	for i := range specs {
		accept[specs[i].Key] = specs[i].AcceptPending
		id := specs[i].AdoptID
		if id == "" || byID[id] != nil {
			continue
		}
		*reads++
		page, err := read(ctx, r, r.client.ListVpcEndpointServices, &privatelink.ListVpcEndpointServicesRequest{ServiceID: id})
		if err != nil {
			return nil, nil, fmt.Errorf("reconcile: looking up adopted service %s: %w", id, err)
		}
		for _, v := range page.Services {
			seen(v)
		}
	}
	var todo []*observedService
	for _, o := range byID {
		if o.ServiceStatus != privatelink.ServiceStatusDeleting {
			todo = append(todo, o)
		}
	}
	if err := readAllDetails(r.opts.Parallelism, todo, reads, func(o *observedService) (int, error) {
		return r.readServiceDetails(ctx, o, accept[o.key] && o.owned)
	}); err != nil {
		return nil, nil, err
	}
	return byKey, byID, nil
}

func (r *Reconciler) readServiceDetails(ctx context.Context, o *observedService, pending bool) (int, error) {
	calls := 0
	rreq := &privatelink.ListVpcEndpointServiceResourcesRequest{ServiceID: o.ServiceID}
	for {
		calls++
		page, err := read(ctx, r, r.client.ListVpcEndpointServiceResources, rreq)
		if err != nil {
			return calls, fmt.Errorf("reconcile: listing the resources of %s: %w", o.ServiceID, err)
		}
		o.resources = append(o.resources, page.Resources...)
		if page.NextToken == "" {
			break
		}
		rreq.NextToken = page.NextToken
	}
	for _, typ := range []privatelink.UserListType{privatelink.UserListTypeUsers, privatelink.UserListTypeUserARNs} {
		ureq := &privatelink.ListVpcEndpointServiceUsersRequest{ServiceID: o.ServiceID, UserListType: typ}
		for {
			calls++
			page, err := read(ctx, r, r.client.ListVpcEndpointServiceUsers, ureq)
			if err != nil {
				return calls, fmt.Errorf("reconcile: listing the allow-list of %s: %w", o.ServiceID, err)
			}
			for _, u := range page.Users {
				o.users = append(o.users, strconv.FormatInt(u.UserID, 10))
			}
			for _, u := range page.UserARNs {
				o.users = append(o.users, u.UserARN)
			}
			if page.NextToken == "" {
				break
			}
			ureq.NextToken = page.NextToken
		}
	}
	if pending {
		creq := &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: o.ServiceID, ConnectionStatus: privatelink.ConnectionStatusPending}
		for {
			calls++
			page, err := read(ctx, r, r.client.ListVpcEndpointConnections, creq)
			if err != nil {
				return calls, fmt.Errorf("reconcile: listing the connections of %s: %w", o.ServiceID, err)
			}
			o.pending = append(o.pending, page.Connections...)
			if page.NextToken == "" {
				break
			}
			creq.NextToken = page.NextToken
		}
	}
	return calls, nil
}

func (r *Reconciler) planServices(ctx context.Context, specs []ServiceSpec, plan *Plan) ([]privatelink.Problem, error) {
	if len(specs) == 0 && !r.opts.Prune {
		return nil, nil
	}
	byKey, byID, err := r.readServices(ctx, specs, &plan.Reads)
	if err != nil {
		return nil, err
	}
	// Which service each load balancer serves now: one that moves to
	// another service is attached there only after every service has
	// released what it gives up (phaseMoves).
	held := map[string]string{}
	for _, o := range byID {
		if o.ServiceStatus != privatelink.ServiceStatusDeleting {
			for _, res := range o.resources {
				held[res.ResourceID] = o.ServiceID
			}
		}
	}
	var problems []privatelink.Problem
	desired := map[string]bool{}
	var out []*ResourcePlan
	for i := range specs {
		s := &specs[i]
		desired[s.Key] = true
		cur, dups, problem := choose("service", s.Key, s.AdoptID, byKey[s.Key], byID)
		if problem != "" {
			problems = append(problems, privatelink.Problem{Field: fmt.Sprintf("Services[%d].AdoptID", i), Message: problem})
			continue
		}
		for _, dup := range dups {
			out = append(out, r.deleteServicePlan(dup, "another service carries this Key: "+keptText(cur.ServiceID, s.AdoptID != "")))
		}
		rp := &ResourcePlan{Kind: KindService, Key: s.Key}
		if cur == nil {
			rp.Changes = r.planCreateService(s, held)
		} else {
			rp.ID = cur.ServiceID
			plan.serviceIDs[s.Key] = cur.ServiceID
			rp.Changes = r.diffService(s, cur, held)
		}
		inPhase(rp.Changes, phaseServices)
		if len(rp.Changes) > 0 {
			out = append(out, rp)
		} else {
			plan.Unchanged++
		}
	}
	for _, o := range orphans(byKey, desired) {
		if r.opts.Prune {
			out = append(out, r.deleteServicePlan(o, "its Key is no longer desired"))
		} else {
			plan.Orphans = append(plan.Orphans, fmt.Sprintf("service %q (%s)", o.key, o.ServiceID))
		}
	}
	slices.SortStableFunc(out, func(a, b *ResourcePlan) int { return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.ID, b.ID)) })
	plan.Resources = append(plan.Resources, out...)
	return problems, nil
}

func (r *Reconciler) planCreateService(s *ServiceSpec, held map[string]string) []Change {
	// Load balancers another service still holds are attached later, in
	// phaseMoves, not named in the create, which would fail.
	var free, moving []ServiceResourceSpec
	for _, res := range s.Resources {
		if held[res.ResourceID] != "" {
			moving = append(moving, res)
		} else {
			free = append(free, res)
		}
	}
	sf := *s
	sf.Resources = free
	req := r.serviceCreateRequest(&sf)
	d := newDigest().boolean(req.AutoAcceptEnabled).boolean(req.ZoneAffinityEnabled).str(req.ServiceDescription).
		str(string(req.Payer)).str(string(req.AddressIPVersion)).str(string(req.ServiceResourceType))
	for _, res := range req.Resources {
		d.str(res.ResourceID).str(res.ZoneID)
	}
	rev := d.tags(s.Tags).hex(32)
	ch := Change{Kind: ChangeCreate}
	ch.ClientToken, ch.base = r.token(ChangeCreate, s.Key, "", "", rev)
	req.ClientToken = ch.ClientToken
	ch.Fields = append(ch.Fields, FieldDiff{Name: "resource_type", To: string(s.ResourceType)})
	for _, res := range req.Resources {
		ch.Fields = append(ch.Fields, FieldDiff{Name: "resource", To: strings.TrimSpace(res.ResourceID + " " + res.ZoneID)})
	}
	ch.Fields = append(ch.Fields, FieldDiff{Name: "auto_accept_enabled", To: strconv.FormatBool(s.AutoAcceptEnabled)},
		FieldDiff{Name: "zone_affinity_enabled", To: strconv.FormatBool(s.ZoneAffinityEnabled)})
	if s.Description != "" {
		ch.Fields = append(ch.Fields, FieldDiff{Name: "description", To: strconv.Quote(s.Description)})
	}
	for _, t := range req.Tags {
		ch.Fields = append(ch.Fields, FieldDiff{Name: "tag " + t.Key, To: t.Value})
	}
	base := ch.base
	ch.do = func(a *applier) error {
		send := *req
		for attempt := 0; ; attempt++ {
			a.write()
			created, err := a.c.CreateVpcEndpointService(a.ctx, &send)
			if err != nil {
				return err
			}
			a.id = created.ServiceID
			err = a.waitServiceActive()
			stale := err != nil && isGone(err)
			if err == nil {
				if stale, err = a.r.serviceDisowned(a.ctx, a.id, s.Key); err != nil {
					return err
				}
			}
			if !stale {
				return err
			}
			// Answered from the memory of a create whose service is gone
			// or untagged since: the next generation is a new create. (See
			// planCreateEndpoint.)
			a.r.markSpent(base)
			if err := staleCreate(a, attempt); err != nil {
				return err
			}
			send.ClientToken, _ = a.r.token(ChangeCreate, s.Key, "", "", rev)
		}
	}
	out := []Change{ch}
	for _, res := range free[len(req.Resources):] {
		out = append(out, r.resourceChange(ChangeAttachResource, s.Key, "", s.ResourceType, res))
	}
	for _, res := range moving {
		c := r.resourceChange(ChangeAttachResource, s.Key, "", s.ResourceType, res)
		c.phase = phaseMoves
		out = append(out, c)
	}
	for _, p := range s.AllowedPrincipals {
		out = append(out, r.principalChange(ChangeAddPrincipal, s.Key, "", p))
	}
	return out
}

func (r *Reconciler) deleteServicePlan(o *observedService, reason string) *ResourcePlan {
	rp := &ResourcePlan{Kind: KindService, Key: o.key, ID: o.ServiceID}
	// A service with resources cannot be deleted: detach them first.
	for _, res := range o.resources {
		rp.Changes = append(rp.Changes, r.resourceChange(ChangeDetachResource, o.key, o.ServiceID, res.ResourceType, ServiceResourceSpec{ResourceID: res.ResourceID, ZoneID: res.ZoneID}))
	}
	inPhase(rp.Changes, phaseServices) // release the load balancers early
	ch := Change{Kind: ChangeDelete, Reason: reason, phase: phaseServiceDeletes}
	ch.ClientToken, ch.base = r.token(ChangeDelete, o.key, o.ServiceID, "", "")
	req := &privatelink.DeleteVpcEndpointServiceRequest{ServiceID: o.ServiceID, ClientToken: ch.ClientToken}
	ch.do = func(a *applier) error {
		a.write()
		err := a.c.DeleteVpcEndpointServiceAndWait(a.ctx, req, a.r.opts.DeleteServiceBudget, a.r.opts.WaitOptions...)
		if isGone(err) {
			return nil
		}
		return err
	}
	rp.Changes = append(rp.Changes, ch)
	// Before anything is detached: a service endpoints still use is not
	// dismantled (its delete would fail anyway, after its load balancers
	// were gone).
	first := rp.Changes[0].do
	rp.Changes[0].do = func(a *applier) error {
		if err := a.unused(); err != nil {
			return err
		}
		return first(a)
	}
	return rp
}

// unused returns an error when endpoints still use the service: any
// connection but one going away with its endpoint (which the delete waits
// out, see Options.DeleteServiceBudget).
func (a *applier) unused() error {
	var users []string
	for c, err := range a.c.AllVpcEndpointConnections(a.ctx, &privatelink.ListVpcEndpointConnectionsRequest{ServiceID: a.id}) {
		if err != nil {
			return err
		}
		if c.ConnectionStatus != privatelink.ConnectionStatusDeleting && c.ConnectionStatus != privatelink.ConnectionStatusServiceDeleted {
			users = append(users, c.EndpointID+" "+string(c.ConnectionStatus))
		}
	}
	if len(users) == 0 {
		return nil
	}
	slices.Sort(users)
	return fmt.Errorf("endpoints still use the service (%s); it is deleted, and its load balancers detached, only once they are gone", strings.Join(users, ", "))
}

func (r *Reconciler) diffService(s *ServiceSpec, o *observedService, held map[string]string) []Change {
	if o.ServiceResourceType != "" && s.ResourceType != o.ServiceResourceType {
		return []Change{{Kind: ChangeConflict, Reason: fmt.Sprintf("fixed at creation: resource_type is %s, spec says %s (use a new Key to replace it)", o.ServiceResourceType, s.ResourceType)}}
	}
	id := o.ServiceID
	out := r.tagChanges(KindService, s.Key, id, r.desiredTags(s.Key, s.Tags), o.Tags, privatelink.TagResourceTypeVpcEndpointService)

	upd := &privatelink.UpdateVpcEndpointServiceAttributeRequest{ServiceID: id}
	var fields []FieldDiff
	if s.AutoAcceptEnabled != o.AutoAcceptEnabled {
		upd.AutoAcceptEnabled = privatelink.Some(s.AutoAcceptEnabled)
		fields = append(fields, FieldDiff{Name: "auto_accept_enabled", From: strconv.FormatBool(o.AutoAcceptEnabled), To: strconv.FormatBool(s.AutoAcceptEnabled)})
	}
	if s.ZoneAffinityEnabled != o.ZoneAffinityEnabled {
		upd.ZoneAffinityEnabled = privatelink.Some(s.ZoneAffinityEnabled)
		fields = append(fields, FieldDiff{Name: "zone_affinity_enabled", From: strconv.FormatBool(o.ZoneAffinityEnabled), To: strconv.FormatBool(s.ZoneAffinityEnabled)})
	}
	if s.Description != "" && s.Description != o.ServiceDescription {
		upd.ServiceDescription = s.Description
		fields = append(fields, FieldDiff{Name: "description", From: strconv.Quote(o.ServiceDescription), To: strconv.Quote(s.Description)})
	}
	if len(fields) > 0 {
		rev := newDigest().str(fmt.Sprint(upd.AutoAcceptEnabled.Get())).str(fmt.Sprint(upd.ZoneAffinityEnabled.Get())).str(upd.ServiceDescription).hex(32)
		ch := Change{Kind: ChangeUpdate, Fields: fields}
		ch.ClientToken, ch.base = r.token(ChangeUpdate, s.Key, id, "", rev)
		upd.ClientToken = ch.ClientToken
		ch.do = func(a *applier) error {
			if err := a.waitServiceActive(); err != nil {
				return err
			}
			a.write()
			_, err := a.c.UpdateVpcEndpointServiceAttribute(a.ctx, upd)
			return err
		}
		out = append(out, ch)
	}

	have := map[string]privatelink.ServiceResource{}
	for _, res := range o.resources {
		have[res.ResourceID] = res
	}
	want := map[string]bool{}
	for _, res := range s.Resources {
		want[res.ResourceID] = true
		if _, ok := have[res.ResourceID]; !ok {
			c := r.resourceChange(ChangeAttachResource, s.Key, id, s.ResourceType, res)
			if held[res.ResourceID] != "" {
				c.phase = phaseMoves
			}
			out = append(out, c)
		}
	}
	for _, res := range o.resources {
		if !want[res.ResourceID] {
			out = append(out, r.resourceChange(ChangeDetachResource, s.Key, id, res.ResourceType, ServiceResourceSpec{ResourceID: res.ResourceID, ZoneID: res.ZoneID}))
		}
	}

	hasUser := map[string]bool{}
	for _, u := range o.users {
		hasUser[u] = true
	}
	wantUser := map[string]bool{}
	for _, p := range s.AllowedPrincipals {
		wantUser[p] = true
		if !hasUser[p] {
			out = append(out, r.principalChange(ChangeAddPrincipal, s.Key, id, p))
		}
	}
	for _, u := range o.users {
		if !wantUser[u] {
			out = append(out, r.principalChange(ChangeRemovePrincipal, s.Key, id, u))
		}
	}

	if s.AcceptPending {
		for _, c := range o.pending {
			if c.ConnectionStatus == privatelink.ConnectionStatusPending && allows(s.AllowedPrincipals, c.EndpointOwnerID) {
				out = append(out, r.enableConnection(s.Key, id, c.EndpointID))
			}
		}
	}
	return out
}

// resourceChange attaches or detaches a load balancer. With id empty (a
// service created by the same apply) the token is derived when the
// change runs, from the new service's ID.
func (r *Reconciler) resourceChange(kind ChangeKind, key, id string, typ privatelink.ServiceResourceType, res ServiceResourceSpec) Change {
	ch := Change{Kind: kind, Subject: strings.TrimSpace(res.ResourceID + " " + res.ZoneID)}
	if id != "" {
		ch.ClientToken, ch.base = r.token(kind, key, id, res.ResourceID, res.ZoneID)
	}
	ch.do = func(a *applier) error {
		tok, base := ch.ClientToken, ""
		if tok == "" {
			tok, base = a.r.token(kind, key, a.id, res.ResourceID, res.ZoneID)
		}
		if err := a.waitServiceActive(); err != nil {
			return err
		}
		a.write()
		var err error
		if kind == ChangeAttachResource {
			_, err = a.c.AttachResourceToVpcEndpointService(a.ctx, &privatelink.AttachResourceToVpcEndpointServiceRequest{ServiceID: a.id, ResourceID: res.ResourceID, ResourceType: typ, ZoneID: res.ZoneID, ClientToken: tok})
			if already(err, privatelink.ErrCodeEndpointServiceResourceExist) {
				// The code means "on this service already" and also "in use
				// by another service": only the first is done.
				err = a.resourceAttached(res.ResourceID, err)
			}
		} else {
			_, err = a.c.DetachResourceFromVpcEndpointService(a.ctx, &privatelink.DetachResourceFromVpcEndpointServiceRequest{ServiceID: a.id, ResourceID: res.ResourceID, ResourceType: typ, ZoneID: res.ZoneID, ClientToken: tok})
			if already(err, privatelink.ErrCodeEndpointServiceResourceNotFound) {
				err = nil
			}
		}
		if err != nil {
			return err
		}
		a.r.markSpent(base)
		// Attaching or detaching makes the service Pending for a while.
		return a.waitServiceActive()
	}
	return ch
}

func (r *Reconciler) principalChange(kind ChangeKind, key, id, p string) Change {
	ch := Change{Kind: kind, Subject: p}
	if id != "" {
		ch.ClientToken, ch.base = r.token(kind, key, id, p, "")
	}
	pr, _ := parsePrincipal(p)
	ch.do = func(a *applier) error {
		tok, base := ch.ClientToken, ""
		if tok == "" {
			tok, base = a.r.token(kind, key, a.id, p, "")
		}
		a.write()
		var err error
		if kind == ChangeAddPrincipal {
			_, err = a.c.AddUserToVpcEndpointService(a.ctx, &privatelink.AddUserToVpcEndpointServiceRequest{ServiceID: a.id, UserID: pr.uid, UserARN: pr.arn, ClientToken: tok})
		} else {
			_, err = a.c.RemoveUserFromVpcEndpointService(a.ctx, &privatelink.RemoveUserFromVpcEndpointServiceRequest{ServiceID: a.id, UserID: pr.uid, UserARN: pr.arn, ClientToken: tok})
		}
		if err == nil {
			a.r.markSpent(base)
		}
		return err
	}
	return ch
}

func (r *Reconciler) enableConnection(key, serviceID, endpointID string) Change {
	ch := Change{Kind: ChangeEnableConnection, Subject: endpointID}
	ch.ClientToken, ch.base = r.token(ChangeEnableConnection, key, serviceID, endpointID, "")
	req := &privatelink.EnableVpcEndpointConnectionRequest{ServiceID: serviceID, EndpointID: endpointID, ClientToken: ch.ClientToken}
	ch.do = func(a *applier) error {
		a.write()
		_, err := a.c.EnableVpcEndpointConnection(a.ctx, req)
		return err
	}
	return ch
}

// resourceAttached returns nil when the service has the resource, else
// cause, explained: the load balancer serves another service (perhaps one
// this apply is detaching it from; the next round attaches it then).
func (a *applier) resourceAttached(resourceID string, cause error) error {
	for res, err := range a.c.AllVpcEndpointServiceResources(a.ctx, &privatelink.ListVpcEndpointServiceResourcesRequest{ServiceID: a.id}) {
		if err != nil {
			return cause
		}
		if res.ResourceID == resourceID {
			return nil
		}
	}
	return fmt.Errorf("%s serves another endpoint service: %w", resourceID, cause)
}

// serviceDisowned is endpointDisowned for a service.
func (r *Reconciler) serviceDisowned(ctx context.Context, id, key string) (bool, error) {
	page, err := read(ctx, r, r.client.ListVpcEndpointServices, &privatelink.ListVpcEndpointServicesRequest{ServiceID: id})
	if err != nil {
		return false, err
	}
	for _, v := range page.Services {
		if v.ServiceID == id {
			return !slices.Contains(v.Tags, privatelink.Tag{Key: r.opts.TagKey, Value: key}), nil
		}
	}
	return false, nil
}
