package reconcile

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/privatelink-go/sdk/privatelink"
)

// observedEndpoint is an endpoint as Plan read it.
type observedEndpoint struct {
	privatelink.Endpoint
	key   string // the ownership tag's value; "" when untagged
	owned bool
	zones []privatelink.Zone
	sgs   []privatelink.SecurityGroup
}

func (o *observedEndpoint) claim() claim {
	return claim{id: o.EndpointID, created: o.CreateTime, key: o.key, owned: o.owned, deleting: o.EndpointStatus == privatelink.EndpointStatusDeleting}
}

// createRequest is the CreateVpcEndpoint request of a spec, without its
// ClientToken.
func (r *Reconciler) createRequest(s *EndpointSpec) *privatelink.CreateVpcEndpointRequest {
	req := &privatelink.CreateVpcEndpointRequest{
		VpcID:               s.VpcID,
		ServiceID:           s.ServiceID,
		ServiceName:         s.ServiceName,
		EndpointName:        s.Name,
		EndpointDescription: s.Description,
		EndpointType:        s.EndpointType,
		AddressIPVersion:    s.AddressIPVersion,
		SecurityGroupIDs:    slices.Clone(s.SecurityGroupIDs),
		ZoneAffinityEnabled: s.ZoneAffinityEnabled,
		ProtectedEnabled:    s.ProtectedEnabled,
		ResourceGroupID:     s.ResourceGroupID,
		PolicyDocument:      s.PolicyDocument,
		Tags:                r.desiredTags(s.Key, s.Tags),
	}
	for _, z := range s.Zones {
		req.Zones = append(req.Zones, privatelink.Zone{ZoneID: z.ZoneID, VSwitchID: z.VSwitchID, IP: z.IP})
	}
	return req
}

// desiredTags returns the ownership tag followed by the user's tags in key
// order.
func (r *Reconciler) desiredTags(key string, user map[string]string) []privatelink.Tag {
	tags := []privatelink.Tag{{Key: r.opts.TagKey, Value: key}}
	keys := make([]string, 0, len(user))
	for k := range user {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		tags = append(tags, privatelink.Tag{Key: k, Value: user[k]})
	}
	return tags
}

// validateEndpoints checks every spec before anything is read or written:
// Keys, duplicates, and what CreateVpcEndpoint's and
// UpdateVpcEndpointAttribute's Validate would refuse.
func (r *Reconciler) validateEndpoints(specs []EndpointSpec, services []ServiceSpec) []privatelink.Problem {
	var out []privatelink.Problem
	add := func(i int, field, msg string) {
		out = append(out, privatelink.Problem{Field: fmt.Sprintf("Endpoints[%d]%s", i, field), Message: msg})
	}
	ids := r.newIdentities("Endpoints", "ep-", "an endpoint ID")
	for i := range specs {
		s := &specs[i]
		ids.check(i, s.Key, s.AdoptID, s.Tags, add)
		if len(s.Zones) == 0 {
			add(i, ".Zones", "at least one zone is required")
		}
		req := r.createRequest(s)
		if s.ServiceKey != "" {
			n := 0
			for _, v := range []string{s.ServiceID, s.ServiceName} {
				if v != "" {
					n++
				}
			}
			if n > 0 {
				add(i, ".ServiceKey", "give one of ServiceID, ServiceName and ServiceKey")
			}
			if !slices.ContainsFunc(services, func(v ServiceSpec) bool { return v.Key == s.ServiceKey }) {
				add(i, ".ServiceKey", fmt.Sprintf("no ServiceSpec has Key %q", s.ServiceKey))
			}
			// The service's ID is not known yet: validate the rest with
			// one of the right shape.
			req.ServiceID = "epsrv-servicekeyplaceholder0"
		}
		req.ClientToken = clientToken(r.opts.TagKey, ChangeCreate, s.Key, "", "", "", 0)
		out = appendProblems(out, fmt.Sprintf("Endpoints[%d]", i), req.Validate(), createFieldNames)
	}
	return out
}

// createFieldNames maps request field paths to spec field paths.
var createFieldNames = map[string]string{
	"EndpointName":        "Name",
	"EndpointDescription": "Description",
	"Tags":                "Tags",
}

// appendProblems appends the problems of a request's validation error,
// under the spec's path. A tag problem names the tag by key, since the
// request's tag order is the reconciler's, not the spec's.
func appendProblems(out []privatelink.Problem, prefix string, err error, rename map[string]string) []privatelink.Problem {
	if err == nil {
		return out
	}
	ve, ok := err.(*privatelink.ValidationError)
	if !ok {
		return append(out, privatelink.Problem{Field: prefix, Message: err.Error()})
	}
	for _, p := range ve.Problems {
		f := p.Field
		head, rest, _ := strings.Cut(f, "[")
		if n, ok := rename[head]; ok {
			head = n
		}
		if rest != "" {
			f = head + "[" + rest
		} else {
			f = head
		}
		out = append(out, privatelink.Problem{Field: prefix + "." + f, Message: p.Message})
	}
	return out
}

// readEndpoints lists the owned endpoints (one ListVpcEndpoints call per
// 1000, filtered by the ownership tag key), looks up adopted ones, and
// reads the zones and security groups of those that are desired.
func (r *Reconciler) readEndpoints(ctx context.Context, specs []EndpointSpec, reads *int) (map[string][]*observedEndpoint, map[string]*observedEndpoint, error) {
	byKey := map[string][]*observedEndpoint{}
	byID := map[string]*observedEndpoint{}
	seen := func(e privatelink.Endpoint) {
		if byID[e.EndpointID] != nil {
			return
		}
		o := &observedEndpoint{Endpoint: e}
		o.key, o.owned = r.owner(e.Tags)
		byID[e.EndpointID] = o
		if o.owned {
			byKey[o.key] = append(byKey[o.key], o)
		}
	}
	req := &privatelink.ListVpcEndpointsRequest{Tags: []privatelink.Tag{{Key: r.opts.TagKey}}, MaxResults: privatelink.MaxListVpcEndpointsResults}
	for {
		*reads++
		page, err := read(ctx, r, r.client.ListVpcEndpoints, req)
		if err != nil {
			return nil, nil, fmt.Errorf("reconcile: listing owned endpoints: %w", err)
		}
		for _, e := range page.Endpoints {
			seen(e)
		}
		if page.NextToken == "" {
			break
		}
		req.NextToken = page.NextToken
	}
	for i := range specs {
		id := specs[i].AdoptID
		if id == "" || byID[id] != nil {
			continue
		}
		*reads++
		page, err := read(ctx, r, r.client.ListVpcEndpoints, &privatelink.ListVpcEndpointsRequest{EndpointID: id})
		if err != nil {
			return nil, nil, fmt.Errorf("reconcile: looking up adopted endpoint %s: %w", id, err)
		}
		for _, e := range page.Endpoints {
			seen(e)
		}
	}
	// Zones and security groups of the endpoints that are desired, in
	// parallel within the bound.
	desired := map[string]bool{}
	for i := range specs {
		desired[specs[i].Key] = true
	}
	var todo []*observedEndpoint
	for _, o := range byID {
		if (o.owned && desired[o.key] || !o.owned) && o.EndpointStatus != privatelink.EndpointStatusDeleting {
			todo = append(todo, o)
		}
	}
	if err := readAllDetails(r.opts.Parallelism, todo, reads, func(o *observedEndpoint) (int, error) { return r.readEndpointDetails(ctx, o) }); err != nil {
		return nil, nil, err
	}
	return byKey, byID, nil
}

// readEndpointDetails reads an endpoint's zones and security groups and
// returns how many calls that took. An endpoint gone meanwhile keeps empty
// lists; the next plan will not see it.
func (r *Reconciler) readEndpointDetails(ctx context.Context, o *observedEndpoint) (int, error) {
	calls := 0
	zreq := &privatelink.ListVpcEndpointZonesRequest{EndpointID: o.EndpointID, MaxResults: privatelink.MaxListVpcEndpointZonesResults}
	for {
		calls++
		page, err := read(ctx, r, r.client.ListVpcEndpointZones, zreq)
		if isGone(err) {
			return calls, nil
		}
		if err != nil {
			return calls, fmt.Errorf("reconcile: listing the zones of %s: %w", o.EndpointID, err)
		}
		o.zones = append(o.zones, page.Zones...)
		if page.NextToken == "" {
			break
		}
		zreq.NextToken = page.NextToken
	}
	sreq := &privatelink.ListVpcEndpointSecurityGroupsRequest{EndpointID: o.EndpointID, MaxResults: privatelink.MaxListVpcEndpointSecurityGroupsResults}
	for {
		calls++
		page, err := read(ctx, r, r.client.ListVpcEndpointSecurityGroups, sreq)
		if isGone(err) {
			return calls, nil
		}
		if err != nil {
			return calls, fmt.Errorf("reconcile: listing the security groups of %s: %w", o.EndpointID, err)
		}
		o.sgs = append(o.sgs, page.SecurityGroups...)
		if page.NextToken == "" {
			break
		}
		sreq.NextToken = page.NextToken
	}
	return calls, nil
}

// planEndpoints adds the endpoints' changes to plan and returns the
// problems that must stop the plan (claims by two Keys).
func (r *Reconciler) planEndpoints(ctx context.Context, specs []EndpointSpec, plan *Plan) ([]privatelink.Problem, error) {
	// An endpoint naming its service by ServiceKey connects to the service
	// that Key owns now; a service still to be created is looked up when
	// the endpoint is created (Apply's endpoint phase follows the
	// services').
	specs = slices.Clone(specs)
	for i := range specs {
		if k := specs[i].ServiceKey; k != "" {
			specs[i].ServiceID = plan.serviceIDs[k]
		}
	}
	byKey, byID, err := r.readEndpoints(ctx, specs, &plan.Reads)
	if err != nil {
		return nil, err
	}
	var problems []privatelink.Problem
	desired := map[string]bool{}
	var out []*ResourcePlan
	for i := range specs {
		s := &specs[i]
		desired[s.Key] = true
		cur, dups, problem := choose("endpoint", s.Key, s.AdoptID, byKey[s.Key], byID)
		if problem != "" {
			problems = append(problems, privatelink.Problem{Field: fmt.Sprintf("Endpoints[%d].AdoptID", i), Message: problem})
			continue
		}
		for _, dup := range dups {
			out = append(out, r.deleteEndpointPlan(dup, "another endpoint carries this Key: "+keptText(cur.EndpointID, s.AdoptID != "")))
		}
		rp := &ResourcePlan{Kind: KindEndpoint, Key: s.Key}
		if cur == nil {
			rp.Changes = append(rp.Changes, r.planCreateEndpoint(s))
		} else {
			rp.ID = cur.EndpointID
			rp.Changes = r.diffEndpoint(s, cur)
		}
		if s.WaitConnected && (cur == nil || len(rp.Changes) > 0 || cur.ConnectionStatus != privatelink.ConnectionStatusConnected) &&
			!slices.ContainsFunc(rp.Changes, func(c Change) bool { return c.Kind == ChangeConflict }) {
			rp.Changes = append(rp.Changes, Change{Kind: ChangeWaitConnected, do: func(a *applier) error {
				_, err := a.c.WaitUntilVpcEndpointActive(a.ctx, a.id, append(slices.Clip(a.r.opts.WaitOptions), privatelink.WaitConnected())...)
				return err
			}})
		}
		if len(rp.Changes) > 0 {
			out = append(out, rp)
		} else {
			plan.Unchanged++
		}
	}
	for _, o := range orphans(byKey, desired) {
		if r.opts.Prune {
			out = append(out, r.deleteEndpointPlan(o, "its Key is no longer desired"))
		} else {
			plan.Orphans = append(plan.Orphans, fmt.Sprintf("endpoint %q (%s)", o.key, o.EndpointID))
		}
	}
	slices.SortStableFunc(out, func(a, b *ResourcePlan) int { return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.ID, b.ID)) })
	for _, rp := range out {
		inPhase(rp.Changes, phaseEndpoints)
	}
	plan.Resources = append(plan.Resources, out...)
	return problems, nil
}

func (r *Reconciler) planCreateEndpoint(s *EndpointSpec) Change {
	req := r.createRequest(s)
	forRev := *req
	if s.ServiceKey != "" {
		// The same token whether the service existed when planned or was
		// created by the same apply.
		forRev.ServiceID = "key:" + s.ServiceKey
	}
	rev := endpointRevision(&forRev)
	ch := Change{Kind: ChangeCreate}
	ch.ClientToken, ch.base = r.token(ChangeCreate, s.Key, "", "", rev)
	req.ClientToken = ch.ClientToken
	add := func(name, v string) {
		if v != "" {
			ch.Fields = append(ch.Fields, FieldDiff{Name: name, To: v})
		}
	}
	add("vpc_id", req.VpcID)
	add("service_id", req.ServiceID)
	add("service_name", req.ServiceName)
	if s.ServiceKey != "" {
		add("service_key", s.ServiceKey)
	}
	for _, z := range s.Zones {
		add("zone "+z.ZoneID, zoneText(z.VSwitchID, z.IP))
	}
	add("security_group_ids", strings.Join(s.SecurityGroupIDs, ", "))
	add("name", req.EndpointName)
	if req.EndpointDescription != "" {
		add("description", strconv.Quote(req.EndpointDescription))
	}
	add("zone_affinity_enabled", strconv.FormatBool(req.ZoneAffinityEnabled))
	add("endpoint_type", string(req.EndpointType))
	add("address_ip_version", string(req.AddressIPVersion))
	add("resource_group_id", req.ResourceGroupID)
	if req.PolicyDocument != "" {
		add("policy_document", "(set)")
	}
	for _, t := range req.Tags {
		add("tag "+t.Key, t.Value)
	}
	base := ch.base
	key := s.Key
	ch.do = func(a *applier) error {
		// A create answered from the service's memory of an earlier one
		// (same token) may name an endpoint deleted since, or one whose
		// ownership tag was removed since (no longer ours): then the
		// create is sent again under the next generation, a new token, as
		// Reconciler.spent explains. Any process sees the same and does
		// the same, so they still agree on the token. A create that
		// succeeds does not move the generation: a plan that misses the
		// new endpoint (a list that lags) sends the same token and gets
		// the same endpoint back.
		send := *req
		if s.ServiceKey != "" && send.ServiceID == "" {
			if send.ServiceID = a.serviceIDs[s.ServiceKey]; send.ServiceID == "" {
				return fmt.Errorf("service %q does not exist (yet): its own changes failed or it is being deleted", s.ServiceKey)
			}
		}
		for attempt := 0; ; attempt++ {
			a.write()
			ep, err := a.c.CreateVpcEndpointAndWait(a.ctx, &send, a.r.opts.WaitOptions...)
			if ep != nil {
				a.id = ep.EndpointID
			}
			// Only the wait after an answered create is evidence: the
			// create itself refused as not found (a missing service or
			// vSwitch) made nothing, and must keep its token.
			var we *privatelink.WaitError
			if errors.As(err, &we) && we.EndpointID != "" {
				a.id = we.EndpointID
			}
			stale := we != nil && we.EndpointID != "" && isGone(err)
			if err == nil {
				if stale, err = a.r.endpointDisowned(a.ctx, a.id, key); err != nil {
					return err
				}
			}
			if !stale {
				return err
			}
			a.r.markSpent(base)
			if err := staleCreate(a, attempt); err != nil {
				return err
			}
			send.ClientToken, _ = a.r.token(ChangeCreate, key, "", "", rev)
		}
	}
	return ch
}

// staleCreate returns why a create whose answer proved stale (see
// planCreateEndpoint) is not sent again, or nil to send it under the next
// generation: at most three attempts, and none once ctx is done. The
// resource the stale answer named is never reported as created.
func staleCreate(a *applier, attempt int) error {
	id := a.id
	a.id = ""
	if err := a.ctx.Err(); err != nil {
		return err
	}
	if attempt == 2 {
		return fmt.Errorf("create answered %d times with a resource gone or not owned by this Key (last %s); the next apply sends the next generation's token", attempt+1, id)
	}
	return nil
}

// endpointDisowned reports whether the endpoint is listed without the
// ownership tag of key: a create's answer replayed from before the tag was
// removed. Not listed (yet) is not evidence either way, and counts as ours.
func (r *Reconciler) endpointDisowned(ctx context.Context, id, key string) (bool, error) {
	page, err := read(ctx, r, r.client.ListVpcEndpoints, &privatelink.ListVpcEndpointsRequest{EndpointID: id})
	if err != nil {
		return false, err
	}
	for _, e := range page.Endpoints {
		if e.EndpointID == id {
			return !slices.Contains(e.Tags, privatelink.Tag{Key: r.opts.TagKey, Value: key}), nil
		}
	}
	return false, nil
}

// endpointRevision digests what a create sets.
func endpointRevision(req *privatelink.CreateVpcEndpointRequest) string {
	d := newDigest().str(req.VpcID).str(req.ServiceID).str(req.ServiceName).str(req.EndpointName).
		str(req.EndpointDescription).str(string(req.EndpointType)).str(string(req.AddressIPVersion)).
		sorted(req.SecurityGroupIDs).boolean(req.ZoneAffinityEnabled).boolean(req.ProtectedEnabled).
		str(req.ResourceGroupID).str(req.PolicyDocument)
	zones := make([]string, 0, len(req.Zones))
	for _, z := range req.Zones {
		zones = append(zones, z.ZoneID+"\x00"+z.VSwitchID+"\x00"+z.IP)
	}
	d.sorted(zones)
	tags := map[string]string{}
	for _, t := range req.Tags {
		tags[t.Key] = t.Value
	}
	return d.tags(tags).hex(32)
}

func zoneText(vsw, ip string) string {
	if ip == "" {
		return vsw
	}
	return vsw + " " + ip
}

func (r *Reconciler) deleteEndpointPlan(o *observedEndpoint, reason string) *ResourcePlan {
	rp := &ResourcePlan{Kind: KindEndpoint, Key: o.key, ID: o.EndpointID}
	ch := Change{Kind: ChangeDelete, Reason: reason}
	ch.ClientToken, ch.base = r.token(ChangeDelete, o.key, o.EndpointID, "", "")
	req := &privatelink.DeleteVpcEndpointRequest{EndpointID: o.EndpointID, ClientToken: ch.ClientToken}
	ch.do = func(a *applier) error {
		a.write()
		_, err := a.c.DeleteVpcEndpoint(a.ctx, req)
		if isGone(err) {
			return nil
		}
		if err != nil {
			return err
		}
		return a.c.WaitUntilVpcEndpointDeleted(a.ctx, o.EndpointID, a.r.opts.WaitOptions...)
	}
	rp.Changes = []Change{ch}
	return rp
}

// diffEndpoint plans the changes that make an existing endpoint match s.
func (r *Reconciler) diffEndpoint(s *EndpointSpec, o *observedEndpoint) []Change {
	var conflicts []string
	if s.VpcID != o.VpcID {
		conflicts = append(conflicts, fmt.Sprintf("vpc_id is %s, spec says %s", o.VpcID, s.VpcID))
	}
	if s.ServiceKey != "" && s.ServiceID == "" {
		conflicts = append(conflicts, fmt.Sprintf("service_id is %s, and service %q does not exist now", o.ServiceID, s.ServiceKey))
	}
	if s.ServiceID != "" && s.ServiceID != o.ServiceID {
		conflicts = append(conflicts, fmt.Sprintf("service_id is %s, spec says %s", o.ServiceID, s.ServiceID))
	}
	if s.ServiceName != "" && s.ServiceName != o.ServiceName {
		conflicts = append(conflicts, fmt.Sprintf("service_name is %s, spec says %s", o.ServiceName, s.ServiceName))
	}
	if s.EndpointType != "" && o.EndpointType != "" && s.EndpointType != o.EndpointType {
		conflicts = append(conflicts, fmt.Sprintf("endpoint_type is %s, spec says %s", o.EndpointType, s.EndpointType))
	}
	if s.AddressIPVersion != "" && o.AddressIPVersion != "" && s.AddressIPVersion != o.AddressIPVersion {
		conflicts = append(conflicts, fmt.Sprintf("address_ip_version is %s, spec says %s", o.AddressIPVersion, s.AddressIPVersion))
	}
	if s.ResourceGroupID != "" && o.ResourceGroupID != "" && s.ResourceGroupID != o.ResourceGroupID {
		conflicts = append(conflicts, fmt.Sprintf("resource_group_id is %s, spec says %s", o.ResourceGroupID, s.ResourceGroupID))
	}
	if len(conflicts) > 0 {
		return []Change{{Kind: ChangeConflict, Reason: "fixed at creation: " + strings.Join(conflicts, "; ") + " (use a new Key to replace it)"}}
	}

	var out []Change
	id := o.EndpointID
	ready := func(a *applier) error { // the endpoint must be Active before a change
		return a.waitActive()
	}

	// Tags first, so that an adopted endpoint is owned before anything else
	// changes.
	out = append(out, r.tagChanges(KindEndpoint, s.Key, id, r.desiredTags(s.Key, s.Tags), o.Tags, privatelink.TagResourceTypeVpcEndpoint)...)

	// Attributes.
	upd := &privatelink.UpdateVpcEndpointAttributeRequest{EndpointID: id}
	var fields []FieldDiff
	if s.Name != "" && s.Name != o.EndpointName {
		upd.EndpointName = s.Name
		fields = append(fields, FieldDiff{Name: "name", From: o.EndpointName, To: s.Name})
	}
	if s.Description != "" && s.Description != o.EndpointDescription {
		upd.EndpointDescription = s.Description
		fields = append(fields, FieldDiff{Name: "description", From: strconv.Quote(o.EndpointDescription), To: strconv.Quote(s.Description)})
	}
	if s.ZoneAffinityEnabled != o.ZoneAffinityEnabled {
		upd.ZoneAffinityEnabled = privatelink.Some(s.ZoneAffinityEnabled)
		fields = append(fields, FieldDiff{Name: "zone_affinity_enabled", From: strconv.FormatBool(o.ZoneAffinityEnabled), To: strconv.FormatBool(s.ZoneAffinityEnabled)})
	}
	if s.PolicyDocument != "" && !sameJSON(s.PolicyDocument, o.PolicyDocument) {
		upd.PolicyDocument = s.PolicyDocument
		fields = append(fields, FieldDiff{Name: "policy_document", From: "(current)", To: "(spec)"})
	}
	if len(fields) > 0 {
		rev := newDigest().str(upd.EndpointName).str(upd.EndpointDescription).str(upd.PolicyDocument).
			str(fmt.Sprint(upd.ZoneAffinityEnabled.Get())).hex(32)
		ch := Change{Kind: ChangeUpdate, Fields: fields}
		ch.ClientToken, ch.base = r.token(ChangeUpdate, s.Key, id, "", rev)
		upd.ClientToken = ch.ClientToken
		ch.do = func(a *applier) error {
			if err := ready(a); err != nil {
				return err
			}
			a.write()
			_, err := a.c.UpdateVpcEndpointAttribute(a.ctx, upd)
			return err
		}
		out = append(out, ch)
	}

	// Zones: add the missing and the changed ones' replacements first, so
	// the endpoint never loses its last zone, then remove.
	have := map[string]privatelink.Zone{}
	for _, z := range o.zones {
		if z.ZoneStatus != privatelink.ZoneStatusDeleting {
			have[z.ZoneID] = z
		}
	}
	want := map[string]bool{}
	var adds, removes, readds []Change
	for _, z := range s.Zones {
		want[z.ZoneID] = true
		h, ok := have[z.ZoneID]
		switch {
		case !ok:
			adds = append(adds, r.addZone(s.Key, id, z))
		case h.VSwitchID != z.VSwitchID || z.IP != "" && h.IP != z.IP:
			removes = append(removes, r.removeZone(s.Key, id, z.ZoneID, "replaced: "+zoneText(h.VSwitchID, h.IP)+" -> "+zoneText(z.VSwitchID, z.IP)))
			readds = append(readds, r.addZone(s.Key, id, z))
		}
	}
	out = append(out, adds...)
	for i := range removes {
		out = append(out, removes[i], readds[i])
	}
	ids := make([]string, 0, len(have))
	for zid := range have {
		ids = append(ids, zid)
	}
	slices.Sort(ids)
	for _, zid := range ids {
		if !want[zid] {
			out = append(out, r.removeZone(s.Key, id, zid, ""))
		}
	}

	// Security groups: attach before detaching, since an interface
	// endpoint must keep one.
	hasSG := map[string]bool{}
	for _, g := range o.sgs {
		if g.SecurityGroupStatus != privatelink.SecurityGroupStatusDetaching {
			hasSG[g.SecurityGroupID] = true
		}
	}
	wantSG := map[string]bool{}
	for _, g := range s.SecurityGroupIDs {
		wantSG[g] = true
		if !hasSG[g] {
			out = append(out, r.securityGroupChange(ChangeAttachSecurityGroup, s.Key, id, g))
		}
	}
	sgs := make([]string, 0, len(hasSG))
	for g := range hasSG {
		sgs = append(sgs, g)
	}
	slices.Sort(sgs)
	for _, g := range sgs {
		if !wantSG[g] {
			out = append(out, r.securityGroupChange(ChangeDetachSecurityGroup, s.Key, id, g))
		}
	}
	return out
}

func (r *Reconciler) addZone(key, id string, z ZoneSpec) Change {
	ch := Change{Kind: ChangeAddZone, Subject: z.ZoneID + " (" + zoneText(z.VSwitchID, z.IP) + ")"}
	ch.ClientToken, ch.base = r.token(ChangeAddZone, key, id, z.ZoneID, newDigest().str(z.VSwitchID).str(z.IP).hex(32))
	req := &privatelink.AddZoneToVpcEndpointRequest{EndpointID: id, ZoneID: z.ZoneID, VSwitchID: z.VSwitchID, IP: z.IP, ClientToken: ch.ClientToken}
	ch.do = func(a *applier) error {
		if err := a.waitActive(); err != nil {
			return err
		}
		a.write()
		_, err := a.c.AddZoneToVpcEndpoint(a.ctx, req)
		if err != nil && !already(err, privatelink.ErrCodeEndpointZoneDuplicated) {
			return err
		}
		// The endpoint is Pending until the zone is ready.
		return a.waitActive()
	}
	return ch
}

func (r *Reconciler) removeZone(key, id, zoneID, why string) Change {
	ch := Change{Kind: ChangeRemoveZone, Subject: zoneID, Reason: why}
	if why != "" {
		ch.Subject += " (" + why + ")"
	}
	ch.ClientToken, ch.base = r.token(ChangeRemoveZone, key, id, zoneID, "")
	req := &privatelink.RemoveZoneFromVpcEndpointRequest{EndpointID: id, ZoneID: zoneID, ClientToken: ch.ClientToken}
	ch.do = func(a *applier) error {
		if err := a.waitActive(); err != nil {
			return err
		}
		a.write()
		_, err := a.c.RemoveZoneFromVpcEndpoint(a.ctx, req)
		if err != nil && !already(err, privatelink.ErrCodeEndpointZoneNotFound) {
			return err
		}
		return a.waitActive()
	}
	return ch
}

func (r *Reconciler) securityGroupChange(kind ChangeKind, key, id, sg string) Change {
	ch := Change{Kind: kind, Subject: sg}
	ch.ClientToken, ch.base = r.token(kind, key, id, sg, "")
	ch.do = func(a *applier) error {
		if err := a.waitActive(); err != nil {
			return err
		}
		a.write()
		var err error
		if kind == ChangeAttachSecurityGroup {
			_, err = a.c.AttachSecurityGroupToVpcEndpoint(a.ctx, &privatelink.AttachSecurityGroupToVpcEndpointRequest{EndpointID: id, SecurityGroupID: sg, ClientToken: ch.ClientToken})
			if already(err, privatelink.ErrCodeSecurityGroupExist) {
				err = nil
			}
		} else {
			_, err = a.c.DetachSecurityGroupFromVpcEndpoint(a.ctx, &privatelink.DetachSecurityGroupFromVpcEndpointRequest{EndpointID: id, SecurityGroupID: sg, ClientToken: ch.ClientToken})
			if already(err, privatelink.ErrCodeSecurityGroupNotFound) {
				err = nil
			}
		}
		if err != nil {
			return err
		}
		return a.waitActive()
	}
	return ch
}

// tagChanges plans the tag and untag calls that make have equal want.
// Tags with a reserved prefix (system tags) are never removed.
func (r *Reconciler) tagChanges(kind ResourceKind, key, id string, want, have []privatelink.Tag, typ privatelink.TagResourceType) []Change {
	haveMap := map[string]string{}
	for _, t := range have {
		haveMap[t.Key] = t.Value
	}
	wantMap := map[string]string{}
	var set []privatelink.Tag
	var fields []FieldDiff
	for _, t := range want {
		wantMap[t.Key] = t.Value
		if v, ok := haveMap[t.Key]; !ok || v != t.Value {
			set = append(set, t)
			fields = append(fields, FieldDiff{Name: t.Key, From: v, To: t.Value})
		}
	}
	var out []Change
	if len(set) > 0 {
		d := newDigest()
		for _, t := range set {
			d.str(t.Key).str(t.Value)
		}
		ch := Change{Kind: ChangeTag, Fields: fields}
		ch.ClientToken, ch.base = r.token(ChangeTag, key, id, string(kind), d.hex(32))
		req := &privatelink.TagResourcesRequest{ResourceType: typ, ResourceIDs: []string{id}, Tags: set, ClientToken: ch.ClientToken}
		ch.do = func(a *applier) error {
			a.write()
			_, err := a.c.TagResources(a.ctx, req)
			return err
		}
		out = append(out, ch)
	}
	var drop []string
	var dropFields []FieldDiff
	for _, t := range have {
		if _, ok := wantMap[t.Key]; !ok && reservedPrefix(t.Key) == "" {
			drop = append(drop, t.Key)
			dropFields = append(dropFields, FieldDiff{Name: t.Key, From: t.Value})
		}
	}
	if len(drop) > 0 {
		slices.Sort(drop)
		ch := Change{Kind: ChangeUntag, Fields: dropFields}
		ch.ClientToken, ch.base = r.token(ChangeUntag, key, id, string(kind), newDigest().sorted(drop).hex(32))
		req := &privatelink.UntagResourcesRequest{ResourceType: typ, ResourceIDs: []string{id}, TagKeys: drop, ClientToken: ch.ClientToken}
		ch.do = func(a *applier) error {
			a.write()
			_, err := a.c.UntagResources(a.ctx, req)
			return err
		}
		out = append(out, ch)
	}
	return out
}

// sameJSON reports whether two JSON documents are equal as values, so a
// policy the service reformatted is not a difference.
func sameJSON(a, b string) bool {
	if a == b {
		return true
	}
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}
