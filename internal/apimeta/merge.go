package apimeta

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Load reads the three sources and merges them, keyed by action name.
//
// The snapshot of the newest definition decides what exists and how it is
// sent and typed: every operation, parameter (its location, type and
// required flag) and response member it has, and the enum values it
// lists. The older sources keep what only they say: descriptions, list
// item detail, error codes and operationType. Where the snapshot and the
// older sources state the same fact differently, or an older source has
// something the snapshot lacks, Disagreements names it; the generator's
// overlay must record a choice for each.
func Load() (map[string]*Operation, error) {
	ops, _, err := load()
	return ops, err
}

// Disagreements lists, sorted, every fact on which the sources differ: the
// snapshot and the older two, or the en-US request metadata and the merged
// file, in the form "Op param Name: what differs" or "Op field Path: what
// differs". A member only the newer source has is no disagreement: it was
// added.
func Disagreements() ([]string, error) {
	_, dis, err := load()
	return dis, err
}

func load() (map[string]*Operation, []string, error) {
	var dis []string
	note := func(format string, args ...any) { dis = append(dis, fmt.Sprintf(format, args...)) }
	ops, err := loadOlder(note)
	if err != nil {
		return nil, nil, err
	}
	snap, err := LoadSnapshot()
	if err != nil {
		return nil, nil, err
	}
	for name, op := range ops {
		if snap.Operations[name] == nil && snap.Version != "" {
			note("%s: only in the older metadata", op.Name)
		}
	}
	for name, so := range snap.Operations {
		op := ops[name]
		if op == nil {
			op = &Operation{Name: name}
			ops[name] = op
		}
		op.Params = mergeParamLists(name, op.Params, so.Params, note)
		op.Response = mergeSchema(name+" field ", "", op.Response, so.Response, note)
	}
	sort.Strings(dis)
	return ops, dis, nil
}

// mergeParamLists keeps the older order and appends what only the
// snapshot has.
func mergeParamLists(op string, old []Param, snap []SnapshotParam, note func(string, ...any)) []Param {
	out := make([]Param, 0, len(snap))
	for _, p := range old {
		i := slices.IndexFunc(snap, func(q SnapshotParam) bool { return q.Name == p.Name })
		if i < 0 {
			note("%s param %s: only in the older metadata", op, p.Name)
			out = append(out, p)
			continue
		}
		q := snap[i]
		what := op + " param " + p.Name
		if p.In != q.In {
			note("%s: in %s (older) or %s (snapshot)", what, p.In, q.In)
		}
		if p.Required != q.Required {
			note("%s: required %t (older) or %t (snapshot)", what, p.Required, q.Required)
		}
		p.In, p.Required = q.In, q.Required
		p.Schema = mergeSchema(what, "", p.Schema, &q.Node, note)
		out = append(out, p)
	}
	for _, q := range snap {
		if !slices.ContainsFunc(old, func(p Param) bool { return p.Name == q.Name }) {
			out = append(out, Param{Name: q.Name, In: q.In, Required: q.Required, Schema: q.Node.schema()})
		}
	}
	return out
}

// mergeSchema lays the snapshot's node n over the older schema s.
func mergeSchema(what, path string, s *Schema, n *Node, note func(string, ...any)) *Schema {
	if n == nil {
		return s
	}
	if s == nil {
		return n.schema()
	}
	at := what + strings.TrimPrefix(path, ".")
	out := *s
	if t := typeOf(s); t != typeOfNode(n) {
		note("%s: %s (older) or %s (snapshot)", at, t, typeOfNode(n))
	}
	out.Type, out.Format = n.Type, n.Format
	if len(n.Enum) > 0 {
		for _, v := range s.Enum {
			if !slices.Contains(n.Enum, v) {
				note("%s: value %s only in the older metadata", at, v)
			}
		}
		out.Enum = n.Enum
	}
	if n.Items != nil {
		out.Items = mergeSchema(what, path+"[]", s.Items, n.Items, note)
	}
	if len(n.Properties) > 0 || len(s.Properties) > 0 {
		out.Properties = make(map[string]*Schema, len(n.Properties))
		for k, v := range s.Properties {
			if n.Properties[k] == nil {
				note("%s%s: only in the older metadata", what, strings.TrimPrefix(path+"."+k, "."))
				out.Properties[k] = v
			}
		}
		for k, v := range n.Properties {
			out.Properties[k] = mergeSchema(what, path+"."+k, s.Properties[k], v, note)
		}
	}
	return &out
}

func typeOf(s *Schema) string {
	t := s.Type
	if t == "" && len(s.Properties) > 0 {
		t = "object"
	}
	if t == "integer" && s.Format != "" {
		return s.Format
	}
	return t
}

func typeOfNode(n *Node) string {
	if n.Type == "integer" && n.Format != "" {
		return n.Format
	}
	return n.Type
}

// OlderSnapshot expresses the two older sources in the snapshot's form, so
// that the first refresh can report what the newest definition adds to
// what the SDK was generated from.
func OlderSnapshot() (*Snapshot, error) {
	ops, err := LoadOlder()
	if err != nil {
		return nil, err
	}
	s := &Snapshot{Operations: make(map[string]*SnapshotOp, len(ops))}
	for name, op := range ops {
		so := &SnapshotOp{Response: nodeOf(op.Response)}
		for _, p := range op.Params {
			so.Params = append(so.Params, SnapshotParam{Name: p.Name, In: p.In, Required: p.Required, Node: *nodeOf(p.Schema)})
		}
		s.Operations[name] = so
	}
	return s, nil
}

func nodeOf(s *Schema) *Node {
	if s == nil {
		return nil
	}
	n := &Node{Type: s.Type, Format: s.Format, Enum: s.Enum, Items: nodeOf(s.Items)}
	if n.Type == "" && len(s.Properties) > 0 {
		n.Type = "object"
	}
	if s.Properties != nil {
		n.Properties = make(map[string]*Node, len(s.Properties))
		for k, v := range s.Properties {
			n.Properties[k] = nodeOf(v)
		}
	}
	return n
}
