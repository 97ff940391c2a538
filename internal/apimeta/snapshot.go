package apimeta

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// SnapshotFile is the committed snapshot of the newest published API
// definition, written by go run ./internal/codegen -sync.
const SnapshotFile = "privatelink-20200415-sdk.json"

// Snapshot is the third metadata source: the facts of the newest published
// definition of the API, read from Alibaba Cloud's generated Go SDK
// (github.com/alibabacloud-go/privatelink-20200415). It holds facts only:
// operations, parameters with their wire names, locations, types and
// required flags, response trees with their types, and the enum values the
// definition lists in its comments. No code and no prose is copied.
type Snapshot struct {
	// Source is the module the facts come from.
	Source string `json:"source"`
	// Version is the version of the newest entry of the source's
	// ChangeLog.txt, for example "v5.0.10".
	Version string `json:"version"`
	// Date is the date of that entry, as the ChangeLog gives it
	// (YYYY-MM-DD).
	Date string `json:"date"`
	// Commit is the source repository's commit the facts were read from,
	// when -sync knew it (from a git checkout, or its -sync-commit flag
	// for an exported tree); empty otherwise.
	Commit string `json:"commit,omitempty"`
	// Operations are keyed by action name.
	Operations map[string]*SnapshotOp `json:"operations"`
}

// SnapshotOp is one operation of the snapshot.
type SnapshotOp struct {
	// Params are the request parameters in the order of the definition.
	Params []SnapshotParam `json:"params,omitempty"`
	// Response is the answer's body (RequestId included).
	Response *Node `json:"response,omitempty"`
}

// SnapshotParam is one request parameter of the snapshot.
type SnapshotParam struct {
	// Name is the parameter's wire name, as the definition's json tag
	// spells it ("ServiceResourceType", "Tag", "ip").
	Name string `json:"name"`
	// In is "query" or "formData", as the definition sends it.
	In string `json:"in"`
	// Required is true when the definition's comment says "This parameter
	// is required."
	Required bool `json:"required,omitempty"`
	// Node is the parameter's type; a list parameter's sub-fields and
	// enum values are its Items'.
	Node
}

// Node is a type in the snapshot: "string", "boolean", "integer" (Format
// "int32" or "int64"), "number", "array" (with Items) or "object" (with
// Properties). Enum lists the values the definition documents for a
// string.
type Node struct {
	// Type is "string", "boolean", "integer", "number", "array" or
	// "object".
	Type string `json:"type"`
	// Format is "int32" or "int64" for an integer, empty otherwise.
	Format string `json:"format,omitempty"`
	// Enum lists a string's documented values, in the definition's order.
	Enum []string `json:"enum,omitempty"`
	// Items is the element type of an array.
	Items *Node `json:"items,omitempty"`
	// Properties are an object's members, by wire name.
	Properties map[string]*Node `json:"properties,omitempty"`
}

// schema converts n to the Schema the older sources use.
func (n *Node) schema() *Schema {
	if n == nil {
		return nil
	}
	s := &Schema{Type: n.Type, Format: n.Format, Enum: n.Enum, Items: n.Items.schema()}
	if n.Properties != nil {
		s.Properties = make(map[string]*Schema, len(n.Properties))
		for k, v := range n.Properties {
			s.Properties[k] = v.schema()
		}
	}
	return s
}

// LoadSnapshot reads the committed snapshot.
func LoadSnapshot() (*Snapshot, error) {
	raw, err := files.ReadFile(SnapshotFile)
	if err != nil {
		return nil, err
	}
	return ParseSnapshot(raw)
}

// ParseSnapshot decodes a snapshot, refusing unknown members so that a
// hand edit in the wrong shape fails loudly.
func ParseSnapshot(raw []byte) (*Snapshot, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	var s Snapshot
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("apimeta: %s: %w", SnapshotFile, err)
	}
	return &s, nil
}

// Marshal encodes the snapshot as indented JSON with sorted keys, so that
// a refresh shows as a readable diff.
func (s *Snapshot) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Enum is one documented set of enum values: a request parameter's or a
// response field's, by path ("ServiceResourceType", "Services.ServiceType").
type Enum struct {
	// Op is the operation's action name.
	Op string
	// Path is the parameter's or field's path in the operation, members
	// joined by dots and lists not marked ("Zones.Zone.ZoneId").
	Path string
	// Request is true for a parameter, false for a response field.
	Request bool
	// Values are the documented values, in the definition's order.
	Values []string
}

// Enums lists every enum of the snapshot, sorted by operation and path.
func (s *Snapshot) Enums() []Enum {
	var out []Enum
	for name, op := range s.Operations {
		for _, p := range op.Params {
			walkEnums(&p.Node, p.Name, func(path string, vals []string) {
				out = append(out, Enum{Op: name, Path: path, Request: true, Values: vals})
			})
		}
		if op.Response != nil {
			for _, k := range slices.Sorted(maps.Keys(op.Response.Properties)) {
				walkEnums(op.Response.Properties[k], k, func(path string, vals []string) {
					out = append(out, Enum{Op: name, Path: path, Values: vals})
				})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Op != b.Op {
			return a.Op < b.Op
		}
		if a.Request != b.Request {
			return a.Request
		}
		return a.Path < b.Path
	})
	return out
}

func walkEnums(n *Node, path string, f func(string, []string)) {
	if n == nil {
		return
	}
	if len(n.Enum) > 0 {
		f(path, n.Enum)
	}
	if n.Items != nil {
		walkEnums(n.Items, path, f)
	}
	for _, k := range slices.Sorted(maps.Keys(n.Properties)) {
		walkEnums(n.Properties[k], path+"."+k, f)
	}
}
