package reconcile

import (
	"fmt"
	"strings"
)

// ResourceKind says what a planned resource is.
type ResourceKind string

// Resource kinds.
const (
	// KindEndpoint is a VPC endpoint (the consumer's side).
	KindEndpoint ResourceKind = "endpoint"
	// KindService is an endpoint service (the provider's side).
	KindService ResourceKind = "service"
)

// ChangeKind is the kind of one planned change.
type ChangeKind string

// Change kinds. Every kind but ChangeWaitConnected and ChangeConflict is one
// write call.
const (
	// ChangeCreate creates the resource, with its ownership tag.
	ChangeCreate ChangeKind = "create"
	// ChangeUpdate updates attributes (name, description, zone affinity,
	// policy; for a service, auto-accept, zone affinity, description).
	ChangeUpdate ChangeKind = "update"
	// ChangeAddZone adds a zone to an endpoint.
	ChangeAddZone ChangeKind = "add-zone"
	// ChangeRemoveZone removes a zone from an endpoint.
	ChangeRemoveZone ChangeKind = "remove-zone"
	// ChangeAttachSecurityGroup attaches a security group to an endpoint.
	ChangeAttachSecurityGroup ChangeKind = "attach-security-group"
	// ChangeDetachSecurityGroup detaches a security group from an endpoint.
	ChangeDetachSecurityGroup ChangeKind = "detach-security-group"
	// ChangeTag sets tags (the ownership tag first, when adopting).
	ChangeTag ChangeKind = "tag"
	// ChangeUntag removes tags.
	ChangeUntag ChangeKind = "untag"
	// ChangeAttachResource attaches a load balancer to a service.
	ChangeAttachResource ChangeKind = "attach-resource"
	// ChangeDetachResource detaches a load balancer from a service.
	ChangeDetachResource ChangeKind = "detach-resource"
	// ChangeAddPrincipal adds an account or ARN to a service's allow-list.
	ChangeAddPrincipal ChangeKind = "add-principal"
	// ChangeRemovePrincipal removes one from the allow-list.
	ChangeRemovePrincipal ChangeKind = "remove-principal"
	// ChangeEnableConnection accepts an endpoint's Pending connection.
	ChangeEnableConnection ChangeKind = "enable-connection"
	// ChangeDelete deletes an owned resource: one whose Key is no longer
	// desired (with Options.Prune), or, with or without Prune, a second
	// resource carrying a desired Key's tag (two runners creating the Key
	// from different spec revisions at once leave one; so does a person
	// who copies the ownership tag onto another resource). The Key keeps
	// its adopted resource, else its oldest.
	ChangeDelete ChangeKind = "delete"
	// ChangeWaitConnected waits until the endpoint's connection is
	// Connected; it writes nothing.
	ChangeWaitConnected ChangeKind = "wait-connected"
	// ChangeConflict reports a difference the reconciler will not repair
	// (a field fixed at creation); Apply fails the resource without a call.
	ChangeConflict ChangeKind = "conflict"
)

// isWrite reports whether the change is a write call.
func (k ChangeKind) isWrite() bool { return k != ChangeWaitConnected && k != ChangeConflict }

// Change is one planned change of one resource.
type Change struct {
	// Kind is what the change does.
	Kind ChangeKind
	// Subject is what it is about: a zone ID, a security group ID, a tag
	// key, a principal, a resource ID, an endpoint ID; empty for the
	// resource as a whole.
	Subject string
	// Fields are the attribute differences of a create or an update (for a
	// create, every value set), in a fixed order.
	Fields []FieldDiff
	// Reason explains a delete or a conflict.
	Reason string
	// ClientToken is the token the write carries, derived from the Key,
	// the kind, the subject and the values it sets; empty for a change
	// that writes nothing.
	ClientToken string

	base  string // the token without its generation
	do    func(*applier) error
	phase int // when Apply runs it; see Apply
}

// The phases of Apply, in order. Within a phase resources change in
// parallel; a resource's changes keep their order across phases.
const (
	// phaseServices creates and changes services, and detaches the load
	// balancers of services to be deleted.
	phaseServices = 1 + iota
	// phaseMoves attaches load balancers that another service held when
	// planned, after phaseServices released them.
	phaseMoves
	// phaseEndpoints creates, changes and deletes endpoints, once their
	// services are in place.
	phaseEndpoints
	// phaseServiceDeletes deletes services, after their endpoints.
	phaseServiceDeletes
	phases = phaseServiceDeletes
)

// inPhase puts the changes without a phase into p.
func inPhase(cs []Change, p int) {
	for i := range cs {
		if cs[i].phase == 0 {
			cs[i].phase = p
		}
	}
}

// FieldDiff is the difference in one attribute.
type FieldDiff struct {
	// Name is the attribute, as in the spec's JSON.
	Name string
	// From is the current value; empty for a create.
	From string
	// To is the desired value.
	To string
}

// ResourcePlan is everything planned for one resource.
type ResourcePlan struct {
	// Kind is endpoint or service.
	Kind ResourceKind
	// Key is the resource's Key.
	Key string
	// ID is the resource's ID; empty until a create.
	ID string
	// Changes are executed in this order, one at a time.
	Changes []Change
}

// Action summarises the resource's plan as terraform does: "create",
// "delete", "conflict" or "update".
func (p *ResourcePlan) Action() string {
	for _, c := range p.Changes {
		switch c.Kind {
		case ChangeCreate, ChangeDelete, ChangeConflict:
			return string(c.Kind)
		}
	}
	return "update"
}

// Writes returns how many write calls the plan makes.
func (p *ResourcePlan) Writes() int {
	n := 0
	for _, c := range p.Changes {
		if c.Kind.isWrite() {
			n++
		}
	}
	return n
}

// Plan is what Apply will do: the resources that differ from the desired
// state and each one's changes. Resources that already match are not in it.
type Plan struct {
	// Resources are the resources to change: services first, then
	// endpoints, each group in Key order.
	Resources []*ResourcePlan
	// Orphans lists owned resources whose Key is not desired, which are
	// kept because pruning is off, as "kind key (id)". Without Prune,
	// services are read only when Desired has some (a consumer's
	// credentials may not allow listing them), so with none desired
	// orphan services are not listed.
	Orphans []string
	// Reads is the number of API calls the plan took to read the state.
	Reads int
	// Unchanged counts the desired resources that already match.
	Unchanged int

	// serviceIDs maps the Key of each desired service that exists to its
	// ID, for endpoints that name their service by ServiceKey.
	serviceIDs map[string]string
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Resources) == 0 }

// Writes returns how many write calls the plan makes.
func (p *Plan) Writes() int {
	n := 0
	for _, r := range p.Resources {
		n += r.Writes()
	}
	return n
}

// String renders the plan for a person, like terraform plan: "+" creates,
// "~" changes, "-" deletes, "!" conflicts, with one line per change and
// a count at the end.
func (p *Plan) String() string {
	var b strings.Builder
	var create, update, del, conflict int
	for _, r := range p.Resources {
		sym := "~"
		switch r.Action() {
		case "create":
			sym = "+"
			create++
		case "delete":
			sym = "-"
			del++
		case "conflict":
			sym = "!"
			conflict++
		default:
			update++
		}
		fmt.Fprintf(&b, "%s %s %q", sym, r.Kind, r.Key)
		if r.ID != "" {
			fmt.Fprintf(&b, " (%s)", r.ID)
		}
		b.WriteByte('\n')
		renderChanges(&b, r.Changes)
	}
	for _, o := range p.Orphans {
		fmt.Fprintf(&b, "  %s is owned but not desired; kept (pruning is off)\n", o)
	}
	if p.Empty() {
		fmt.Fprintf(&b, "No changes: %s already as desired.\n", plural(p.Unchanged, "resource"))
		return b.String()
	}
	fmt.Fprintf(&b, "Plan: %d to create, %d to change, %d to delete", create, update, del)
	if conflict > 0 {
		fmt.Fprintf(&b, ", %d in conflict", conflict)
	}
	fmt.Fprintf(&b, "; %s.\n", plural(p.Writes(), "write call"))
	return b.String()
}

// line is one rendered line of a change: a sign, an attribute name
// (aligned in a column within a resource; empty for a line without one),
// and the rest.
type line struct{ sign, name, rest string }

// renderChanges writes a resource's changes, one line per attribute or
// subject, with the names aligned in one column as terraform plan does.
func renderChanges(b *strings.Builder, cs []Change) {
	var lines []line
	width := 22
	for _, c := range cs {
		for _, l := range changeLines(c) {
			width = max(width, len(l.name))
			lines = append(lines, l)
		}
	}
	for _, l := range lines {
		if l.name == "" {
			fmt.Fprintf(b, "    %s %s\n", l.sign, l.rest)
		} else {
			fmt.Fprintf(b, "    %s %-*s %s\n", l.sign, width, l.name, l.rest)
		}
	}
}

func changeLines(c Change) []line {
	var out []line
	switch c.Kind {
	case ChangeCreate:
		for _, f := range c.Fields {
			out = append(out, line{"+", f.Name, "= " + f.To})
		}
	case ChangeUpdate:
		for _, f := range c.Fields {
			out = append(out, line{"~", f.Name, f.From + " -> " + f.To})
		}
	case ChangeDelete:
		out = append(out, line{"-", "", "delete (" + c.Reason + ")"})
	case ChangeConflict:
		out = append(out, line{"!", "", c.Reason})
	case ChangeWaitConnected:
		out = append(out, line{".", "", "wait until Connected"})
	case ChangeAddZone, ChangeAttachSecurityGroup, ChangeAttachResource, ChangeAddPrincipal:
		out = append(out, line{"+", subjectName(c.Kind), c.Subject})
	case ChangeRemoveZone, ChangeDetachSecurityGroup, ChangeDetachResource, ChangeRemovePrincipal:
		out = append(out, line{"-", subjectName(c.Kind), c.Subject})
	case ChangeTag:
		for _, f := range c.Fields {
			if f.From == "" {
				out = append(out, line{"+", "tag " + f.Name, "= " + f.To})
			} else {
				out = append(out, line{"~", "tag " + f.Name, f.From + " -> " + f.To})
			}
		}
	case ChangeUntag:
		for _, f := range c.Fields {
			out = append(out, line{"-", "tag " + f.Name, "= " + f.From})
		}
	case ChangeEnableConnection:
		out = append(out, line{"~", "connection", c.Subject + " Pending -> Connected"})
	}
	return out
}

// subjectName is what an add or remove is about: "zone" for add-zone.
func subjectName(k ChangeKind) string {
	s := string(k)
	for _, verb := range [...]string{"add-", "attach-", "remove-", "detach-"} {
		if rest, ok := strings.CutPrefix(s, verb); ok {
			return rest
		}
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
