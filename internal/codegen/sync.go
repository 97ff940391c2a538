package main

// -sync: refresh the committed snapshot of the newest API definition from a
// local checkout of github.com/alibabacloud-go/privatelink-20200415, and
// print what changed. The checkout is read as Go source (go/parser): the
// request and response models give the parameters, the response trees and
// the enum values their comments list; client.go gives each parameter's
// location. Only these facts are written, never the code.

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/privatelink-go/sdk/internal/apimeta"
)

const snapshotSource = "github.com/alibabacloud-go/privatelink-20200415"

// runSync reads the checkout in dir, writes the snapshot to path and
// returns the report of what changed against base (the snapshot committed
// before, or the older metadata when there was none). commit is the
// source commit of dir when the caller knows it; otherwise it is dir's
// HEAD when dir is the top of a git checkout, and unrecorded when not.
func runSync(dir, commit, path string, base *apimeta.Snapshot) (string, error) {
	snap, err := readCheckout(dir)
	if err != nil {
		return "", err
	}
	if commit == "" {
		commit = checkoutHead(dir)
	}
	if commit != "" && !commitHash.MatchString(commit) {
		return "", fmt.Errorf("sync: commit %q is not a full hexadecimal commit hash", commit)
	}
	snap.Commit = commit
	raw, err := snap.Marshal()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		return "", err
	}
	return diffSnapshots(base, snap), nil
}

// readCheckout extracts the snapshot from a checkout's ChangeLog.txt and
// client/*.go.
func readCheckout(dir string) (*apimeta.Snapshot, error) {
	version, date, err := changeLogHead(filepath.Join(dir, "ChangeLog.txt"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	pkgDir := filepath.Join(dir, "client")
	entries, err := os.ReadDir(pkgDir)
	if err != nil {
		return nil, err
	}
	structs := map[string]*ast.StructType{}
	var client *ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(pkgDir, e.Name()), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if e.Name() == "client.go" {
			client = f
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				if st, ok := ts.Type.(*ast.StructType); ok {
					structs[ts.Name.Name] = st
				}
			}
		}
	}
	if client == nil {
		return nil, fmt.Errorf("sync: %s has no client.go", pkgDir)
	}
	x := extractor{structs: structs}
	snap := &apimeta.Snapshot{Source: snapshotSource, Version: version, Date: date, Operations: map[string]*apimeta.SnapshotOp{}}
	for _, d := range client.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || !strings.HasSuffix(fd.Name.Name, "WithOptions") {
			continue
		}
		name := strings.TrimSuffix(fd.Name.Name, "WithOptions")
		op, err := x.operation(name, fd)
		if err != nil {
			return nil, fmt.Errorf("sync: %s: %w", name, err)
		}
		snap.Operations[name] = op
	}
	if len(snap.Operations) == 0 {
		return nil, fmt.Errorf("sync: no operations in %s", pkgDir)
	}
	return snap, nil
}

// commitHash is a full SHA-1 or SHA-256 commit name, in lower case as git
// prints it.
var commitHash = regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})$`)

// checkoutHead is the HEAD commit of dir when dir is the top of a git
// checkout, and "" otherwise: without git, without .git (a tree made by
// git archive), or for a directory inside some other repository, whose
// HEAD says nothing about the files.
func checkoutHead(dir string) string {
	top, err := exec.Command("git", "-C", dir, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return ""
	}
	want, err1 := filepath.EvalSymlinks(dir)
	got, err2 := filepath.EvalSymlinks(strings.TrimSpace(string(top)))
	if err1 != nil || err2 != nil || filepath.Clean(want) != filepath.Clean(got) {
		return ""
	}
	head, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(head))
}

var changeLogEntry = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) Version: (v\S+)`)

// changeLogHead returns the version and date of the newest ChangeLog entry.
func changeLogHead(path string) (version, date string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := changeLogEntry.FindStringSubmatch(sc.Text()); m != nil {
			return m[2], m[1], nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", "", err
	}
	return "", "", fmt.Errorf("sync: no version entry in %s", path)
}

type extractor struct {
	structs map[string]*ast.StructType
}

// operation reads one XWithOptions function: the request type is its first
// parameter, each parameter's location the map it is put in.
func (x extractor) operation(name string, fd *ast.FuncDecl) (*apimeta.SnapshotOp, error) {
	op := &apimeta.SnapshotOp{}
	where := map[string]string{}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		ix, ok := n.(*ast.IndexExpr)
		if !ok {
			return true
		}
		id, ok1 := ix.X.(*ast.Ident)
		lit, ok2 := ix.Index.(*ast.BasicLit)
		if !ok1 || !ok2 || lit.Kind != token.STRING {
			return true
		}
		key, _ := strconv.Unquote(lit.Value)
		switch id.Name {
		case "query", "queryFlat":
			where[key] = "query"
		case "body", "bodyFlat":
			where[key] = "formData"
		}
		return true
	})
	var reqType string
	for _, p := range fd.Type.Params.List {
		if se, ok := p.Type.(*ast.StarExpr); ok {
			if id, ok := se.X.(*ast.Ident); ok && strings.HasSuffix(id.Name, "Request") {
				reqType = id.Name
			}
		}
	}
	if reqType != "" {
		st := x.structs[reqType]
		if st == nil {
			return nil, fmt.Errorf("no struct %s", reqType)
		}
		err := x.fields(st, func(wire string, f *ast.Field, n *apimeta.Node) error {
			in := where[wire]
			if in == "" {
				return fmt.Errorf("%s is never sent", wire)
			}
			op.Params = append(op.Params, apimeta.SnapshotParam{Name: wire, In: in, Required: isRequired(f.Doc), Node: *n})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("parameter %w", err)
		}
	}
	body := x.structs[name+"ResponseBody"]
	if body == nil {
		return nil, fmt.Errorf("no struct %sResponseBody", name)
	}
	n, err := x.object(body)
	if err != nil {
		return nil, err
	}
	op.Response = n
	return op, nil
}

// jsonName is the wire name in a field's json tag.
func jsonName(f *ast.Field) string {
	if f.Tag == nil || len(f.Names) == 0 {
		return ""
	}
	tag, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	return name
}

// object converts a model struct into an object node.
func (x extractor) object(st *ast.StructType) (*apimeta.Node, error) {
	n := &apimeta.Node{Type: "object", Properties: map[string]*apimeta.Node{}}
	err := x.fields(st, func(wire string, _ *ast.Field, sub *apimeta.Node) error {
		n.Properties[wire] = sub
		return nil
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// fields converts each field of a model struct that has a wire name, in
// the struct's order, and hands it to each.
func (x extractor) fields(st *ast.StructType, each func(wire string, f *ast.Field, n *apimeta.Node) error) error {
	for _, f := range st.Fields.List {
		wire := jsonName(f)
		if wire == "" {
			continue
		}
		n, err := x.node(f.Type, f.Doc)
		if err != nil {
			return fmt.Errorf("%s: %w", wire, err)
		}
		if err := each(wire, f, n); err != nil {
			return err
		}
	}
	return nil
}

// node converts a field's Go type: pointers to scalars, slices and the
// model structs.
func (x extractor) node(t ast.Expr, doc *ast.CommentGroup) (*apimeta.Node, error) {
	switch t := t.(type) {
	case *ast.StarExpr:
		return x.node(t.X, doc)
	case *ast.ArrayType:
		items, err := x.node(t.Elt, doc)
		if err != nil {
			return nil, err
		}
		return &apimeta.Node{Type: "array", Items: items}, nil
	case *ast.Ident:
		switch t.Name {
		case "string":
			return &apimeta.Node{Type: "string", Enum: enumValues(doc)}, nil
		case "bool":
			return &apimeta.Node{Type: "boolean"}, nil
		case "int32", "int64":
			return &apimeta.Node{Type: "integer", Format: t.Name}, nil
		case "int":
			return &apimeta.Node{Type: "integer", Format: "int32"}, nil
		case "float32", "float64":
			return &apimeta.Node{Type: "number"}, nil
		}
		if st := x.structs[t.Name]; st != nil {
			return x.object(st)
		}
	}
	return nil, fmt.Errorf("unsupported type %s", exprString(t))
}

// exprString renders a type expression for an error message.
func exprString(t ast.Expr) string {
	var b bytes.Buffer
	ast.Fprint(&b, nil, t, nil)
	return strings.Join(strings.Fields(b.String()), " ")
}

func isRequired(doc *ast.CommentGroup) bool {
	return doc != nil && strings.Contains(doc.Text(), "This parameter is required.")
}

// enumItem is a list item that starts with a value, in bold ("- **slb**:
// ...", the definition's markdown sometimes closing the bold with one
// star) or plain and followed by a colon ("- Scalability: ...").
var enumItem = regexp.MustCompile(`^\s*-\s+(?:\*\*([A-Za-z][A-Za-z0-9_.-]*)\*|([A-Za-z][A-Za-z0-9_.-]*)\s*:)`)

// valuesIntro is the prose that introduces a list of values ("Valid
// values:", "The associate status of the security group, valid values:").
var valuesIntro = regexp.MustCompile(`(?i)\b(?:valid|enumerated) values\b`)

// enumValues lists the values of a string's documented list of valid
// values, in the order the comment gives them. A bold item is a value
// wherever it is. A plain one ("- Note: ...") is too common in prose to
// be trusted alone: it is a value when the prose line before its list
// speaks of valid or enumerated values, or when the field's example is
// one of the list's plain items (TrafficControlMode's comments open with
// their list and no introduction, and give BandwidthLimit as example).
func enumValues(doc *ast.CommentGroup) []string {
	if doc == nil {
		return nil
	}
	type candidate struct {
		value string
		sure  bool
	}
	var cands []candidate
	introduced, afterExample := false, false
	example := ""
	for _, line := range strings.Split(doc.Text(), "\n") {
		text := strings.TrimSpace(line)
		if text == "" {
			continue
		}
		if afterExample {
			example, afterExample = text, false
			continue
		}
		m := enumItem.FindStringSubmatch(line)
		switch {
		case m != nil && m[1] != "":
			cands = append(cands, candidate{m[1], true})
		case m != nil:
			cands = append(cands, candidate{m[2], introduced})
		case text == "example:":
			afterExample = true
		default:
			introduced = valuesIntro.MatchString(text)
		}
	}
	exampleListed := slices.ContainsFunc(cands, func(c candidate) bool { return !c.sure && c.value == example })
	var vals []string
	for _, c := range cands {
		if (c.sure || exampleListed) && !slices.Contains(vals, c.value) {
			vals = append(vals, c.value)
		}
	}
	return vals
}

// diffSnapshots describes what next has that base has not, and what it
// dropped: operations, parameters, response fields and enum values.
func diffSnapshots(base, next *apimeta.Snapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "snapshot %s %s (%s)", next.Source, next.Version, next.Date)
	if next.Commit != "" {
		fmt.Fprintf(&b, " at %s", next.Commit)
	}
	if base != nil && base.Version != "" {
		fmt.Fprintf(&b, ", against %s (%s)", base.Version, base.Date)
	} else {
		b.WriteString(", against the older metadata")
	}
	b.WriteString("\n")
	if base == nil {
		base = &apimeta.Snapshot{}
	}
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	for _, name := range slices.Sorted(maps.Keys(next.Operations)) {
		op, old := next.Operations[name], base.Operations[name]
		if old == nil {
			add("+ operation %s", name)
			old = &apimeta.SnapshotOp{}
		}
		for _, p := range op.Params {
			i := slices.IndexFunc(old.Params, func(q apimeta.SnapshotParam) bool { return q.Name == p.Name })
			if i < 0 {
				add("+ %s param %s (%s, in %s%s)", name, p.Name, typeName(&p.Node), p.In, reqNote(p.Required))
				walkNewEnums(add, name+" param "+p.Name, &p.Node)
				diffNodes(add, name+" param ", &p.Node, nil, p.Name)
				continue
			}
			q := old.Params[i]
			if q.In != p.In || typeName(&q.Node) != typeName(&p.Node) || q.Required != p.Required {
				add("~ %s param %s: %s in %s%s -> %s in %s%s", name, p.Name, typeName(&q.Node), q.In, reqNote(q.Required), typeName(&p.Node), p.In, reqNote(p.Required))
			}
			// A list parameter's values and sub-fields are its items'.
			diffEnum(add, name+" param "+p.Name, itemNode(&q.Node).Enum, itemNode(&p.Node).Enum)
			diffNodes(add, name+" param ", &p.Node, &q.Node, p.Name)
		}
		for _, q := range old.Params {
			if !slices.ContainsFunc(op.Params, func(p apimeta.SnapshotParam) bool { return p.Name == q.Name }) {
				add("- %s param %s", name, q.Name)
			}
		}
		diffNodes(add, name+" field ", op.Response, old.Response, "")
	}
	for _, name := range slices.Sorted(maps.Keys(base.Operations)) {
		if next.Operations[name] == nil {
			add("- operation %s", name)
		}
	}
	if len(lines) == 0 {
		b.WriteString("no changes\n")
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return b.String()
}

func reqNote(required bool) string {
	if required {
		return ", required"
	}
	return ""
}

func diffEnum(add func(string, ...any), what string, old, next []string) {
	var plus, minus []string
	for _, v := range next {
		if !slices.Contains(old, v) {
			plus = append(plus, v)
		}
	}
	for _, v := range old {
		if !slices.Contains(next, v) {
			minus = append(minus, v)
		}
	}
	if len(plus) > 0 {
		add("+ %s values %s", what, strings.Join(plus, ", "))
	}
	if len(minus) > 0 {
		add("- %s values %s", what, strings.Join(minus, ", "))
	}
}

// diffNodes compares two trees (a response, or a parameter's) below path.
func diffNodes(add func(string, ...any), what string, next, old *apimeta.Node, path string) {
	if next == nil {
		return
	}
	if old == nil {
		old = &apimeta.Node{}
	}
	for next.Type == "array" && next.Items != nil {
		next = next.Items
		if old.Items != nil {
			old = old.Items
		}
		path += "[]"
	}
	for _, k := range slices.Sorted(maps.Keys(next.Properties)) {
		n, o := next.Properties[k], old.Properties[k]
		p := strings.TrimPrefix(path+"."+k, ".")
		switch {
		case o == nil:
			add("+ %s%s (%s)", what, p, typeName(n))
			walkNewEnums(add, what+p, n)
			if n.Type == "array" || n.Type == "object" {
				diffNodes(add, what, n, nil, p)
			}
			continue
		case typeName(o) != typeName(n):
			add("~ %s%s: %s -> %s", what, p, typeName(o), typeName(n))
		}
		diffEnum(add, what+p, itemNode(o).Enum, itemNode(n).Enum)
		diffNodes(add, what, n, o, p)
	}
	for _, k := range slices.Sorted(maps.Keys(old.Properties)) {
		if next.Properties[k] == nil {
			add("- %s%s", what, strings.TrimPrefix(path+"."+k, "."))
		}
	}
}

func walkNewEnums(add func(string, ...any), what string, n *apimeta.Node) {
	if n = itemNode(n); len(n.Enum) > 0 {
		add("+ %s values %s", what, strings.Join(n.Enum, ", "))
	}
}

// itemNode is n, or for a list (of lists) the node of its items, where the
// definition puts a list's enum values and sub-fields.
func itemNode(n *apimeta.Node) *apimeta.Node {
	for n.Type == "array" && n.Items != nil {
		n = n.Items
	}
	return n
}

// typeName is a short type description: "string", "int64", "[]object".
func typeName(n *apimeta.Node) string {
	switch {
	case n == nil:
		return "?"
	case n.Type == "array":
		return "[]" + typeName(n.Items)
	case n.Type == "integer" && n.Format != "":
		return n.Format
	}
	return n.Type
}

// committedSnapshot reads the snapshot at path; an empty one (or none)
// gives the older metadata as the base to compare with.
func committedSnapshot(path string) (*apimeta.Snapshot, error) {
	raw, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if err == nil {
		s, err := apimeta.ParseSnapshot(raw)
		if err != nil {
			return nil, err
		}
		if s.Version != "" {
			return s, nil
		}
	}
	return apimeta.OlderSnapshot()
}
