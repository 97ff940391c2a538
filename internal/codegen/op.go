package main

// Generation of one operation's file: request, validation, wire encoder,
// response and its decoder, Client method, All iterator and builder.

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/privatelink-go/sdk/internal/apimeta"
)

// reqField is one request field as generated.
type reqField struct {
	wire, goName, goType, doc string
	kind                      string // string, enum, bool, int, list, objects
	required                  bool
	subs                      []subField // objects: the element's fields
	f                         field
}

type subField struct {
	wire, goName, goType string
	required             bool
}

// enumNamed reports whether t is an enum the overlay knows, generated or
// hand-written.
func enumNamed(t string) bool {
	for _, e := range enums {
		if e.Name == t {
			return true
		}
	}
	return false
}

func enumOf(t string) enum {
	for _, e := range enums {
		if e.Name == t {
			return e
		}
	}
	panic("no enum " + t)
}

// requestFields checks the overlay against the metadata's parameters and
// returns the fields in the metadata's order, with where RegionId goes.
func requestFields(m *apimeta.Operation, o op) ([]reqField, string, string, error) {
	region, in := "transport.RegionNone", ""
	var fs []reqField
	seen := map[string]bool{}
	for _, p := range m.Params {
		if p.Name == "RegionId" {
			region = "transport.RegionInQuery"
			if p.In == "formData" {
				region = "transport.RegionInForm"
			}
			continue
		}
		if in != "" && p.In != in {
			return nil, "", "", fmt.Errorf("parameters both in %s and %s", in, p.In)
		}
		in = p.In
		f, ok := o.Params[p.Name]
		if !ok {
			return nil, "", "", fmt.Errorf("parameter %s is not in the overlay", p.Name)
		}
		seen[p.Name] = true
		rf := reqField{wire: p.Name, goName: f.Go, doc: f.Doc, required: p.Required, f: f}
		if rf.goName == "" {
			rf.goName = goName(p.Name)
		}
		switch s := p.Schema; {
		case s.Type == "boolean" && f.Optional:
			// false is an instruction of its own here, distinct from unset.
			rf.kind, rf.goType = "optbool", "Optional[bool]"
		case s.Type == "boolean":
			rf.kind, rf.goType = "bool", "bool"
		case s.Type == "integer" && f.Type == "int":
			// A count the metadata calls int64 (ZonePrivateIpAddressCount).
			rf.kind, rf.goType = "int", "int"
		case s.Type == "integer" && s.Format == "int64":
			// Account IDs reach 9223372036854775807: int64 on every
			// platform, never a float64 on the way.
			rf.kind, rf.goType = "int", "int64"
		case s.Type == "integer" || s.Type == "number":
			rf.kind, rf.goType = "int", "int"
		case s.Type == "string" && enumNamed(f.Type):
			rf.kind, rf.goType = "enum", f.Type
		case s.Type == "string":
			rf.kind, rf.goType = "string", "string"
		case s.Type == "array" && s.Items.Type == "object":
			if f.Type == "" {
				return nil, "", "", fmt.Errorf("list of objects %s needs its element Type in the overlay", p.Name)
			}
			known, ok := requestItems[f.Type]
			if !ok {
				return nil, "", "", fmt.Errorf("list of objects %s: its element type %s is not among the overlay's requestItems", p.Name, f.Type)
			}
			rf.kind, rf.goType = "objects", "[]"+f.Type
			for _, n := range s.Items.Fields() {
				// The element type is hand-written and the encoder sends
				// each sub-field as a string: anything else would be
				// generated code that does not compile.
				if !slices.Contains(known, n) {
					return nil, "", "", fmt.Errorf("parameter %s has a sub-field %s that the hand-written %s has no Go field for: add one (privatelink/types*.go), then list %s in the overlay's requestItems[%q]", p.Name, n, f.Type, n, f.Type)
				}
				if st := s.Items.Properties[n].Type; st != "string" {
					return nil, "", "", fmt.Errorf("parameter %s.%s is %s: the generator encodes only string sub-fields of a list of objects (op.go, params)", p.Name, n, st)
				}
				t := f.Subs[n]
				switch {
				case t == "":
					t = "string"
				case !enumNamed(t):
					return nil, "", "", fmt.Errorf("parameter %s.%s: its Subs type %s is not an enum of the overlay", p.Name, n, t)
				}
				gn := f.SubNames[n]
				if gn == "" {
					gn = goName(n)
				}
				rf.subs = append(rf.subs, subField{wire: n, goName: gn, goType: t, required: isTrue(s.Items.Properties[n].Required)})
			}
		case s.Type == "array":
			rf.kind, rf.goType = "list", "[]string"
		default:
			return nil, "", "", fmt.Errorf("parameter %s has unsupported type %q", p.Name, s.Type)
		}
		if rf.doc == "" {
			return nil, "", "", fmt.Errorf("parameter %s has no doc in the overlay", p.Name)
		}
		if s := p.Schema; s.Type == "string" {
			if err := checkEnumValues("parameter "+p.Name, f.Type, s.Enum); err != nil {
				return nil, "", "", err
			}
		}
		if s := p.Schema; s.Type == "array" && s.Items != nil && s.Items.Type == "object" {
			for _, n := range s.Items.Fields() {
				if err := checkEnumValues("parameter "+p.Name+"."+n, f.Subs[n], s.Items.Properties[n].Enum); err != nil {
					return nil, "", "", err
				}
			}
		}
		fs = append(fs, rf)
	}
	for name := range o.Params {
		if !seen[name] {
			return nil, "", "", fmt.Errorf("overlay parameter %s is not in the metadata", name)
		}
	}
	slices.SortStableFunc(fs, func(a, b reqField) int { return orderOf(o.Order, a.goName) - orderOf(o.Order, b.goName) })
	return fs, region, in, nil
}

func isTrue(raw []byte) bool { return string(raw) == "true" }

// checkEnumValues makes a value the metadata documents a constant of the
// field's enum type, so that a new value in the metadata stops the
// generator until the overlay names it.
func checkEnumValues(what, goType string, values []string) error {
	if len(values) == 0 {
		return nil
	}
	if !enumNamed(goType) {
		return fmt.Errorf("%s has documented values %s: give it an enum Type in the overlay", what, strings.Join(values, ", "))
	}
	e := enumOf(goType)
	for _, v := range values {
		if !slices.ContainsFunc(e.Values, func(ev enumValue) bool { return ev.Value == v }) {
			return fmt.Errorf("%s: value %q is not among the values of %s in the overlay", what, v, goType)
		}
	}
	return nil
}

// orderOf is the place of a Go name in an overlay's Order; names not in it
// come after, keeping the metadata's order among themselves.
func orderOf(order []string, name string) int {
	if i := slices.Index(order, name); i >= 0 {
		return i
	}
	return len(order)
}

// respField is one response field as generated. A list of objects has
// item fields, which may be lists themselves.
type respField struct {
	path, wire, goName, goType, doc string
	kind                            string // scalar, strings or objects
	wrapper                         string // the inner key of an XML-style wrapper
	item                            item
	fields                          []respField
	deprecated                      string
	embedded                        bool // decoded by the op's Embed type
}

// responseFields walks the response schema (without RequestId) against the
// overlay.
func responseFields(m *apimeta.Operation, o op, seen map[string]bool) ([]respField, error) {
	var out []respField
	if m.Response == nil {
		return nil, nil
	}
	for _, name := range m.Response.Fields() {
		if name == "RequestId" {
			continue
		}
		rf, err := respFieldOf(name, name, m.Response.Properties[name], o, seen, false)
		if err != nil {
			return nil, err
		}
		out = append(out, rf)
	}
	for path := range o.Response {
		if !seen[path] {
			return nil, fmt.Errorf("overlay response field %s is not in the metadata", path)
		}
	}
	for _, wire := range slices.Sorted(maps.Keys(o.ExtraResponse)) {
		f := o.ExtraResponse[wire]
		if m.Response.Properties[wire] != nil {
			return nil, fmt.Errorf("extra response field %s is in the metadata now: move it to Response", wire)
		}
		rf := respField{path: wire, wire: wire, goName: f.Go, goType: f.Type, doc: f.Doc, kind: "scalar"}
		if rf.goName == "" {
			rf.goName = goName(wire)
		}
		if rf.goType == "" {
			rf.goType = "string"
		}
		out = append(out, rf)
	}
	slices.SortStableFunc(out, func(a, b respField) int { return orderOf(o.RespOrder, a.goName) - orderOf(o.RespOrder, b.goName) })
	return out, nil
}

// respFieldOf reads the field at path. Inside an item type that is
// hand-written (existing), the fields need no doc: the type has its own.
func respFieldOf(path, wire string, s *apimeta.Schema, o op, seen map[string]bool, existing bool) (respField, error) {
	rf := respField{path: path, wire: wire}
	if s.Type == "object" && len(s.Properties) == 1 {
		inner := s.Fields()[0]
		if is := s.Properties[inner]; is.Type == "array" {
			// An XML-style wrapper such as Regions.Region[]: users get
			// the plain list.
			in, err := respFieldOf(path+"."+inner, wire, is, o, seen, existing)
			in.wrapper = inner
			return in, err
		}
	}
	f, ok := o.Response[path]
	if !ok {
		return rf, fmt.Errorf("response field %s is not in the overlay", path)
	}
	seen[path] = true
	rf.goName, rf.doc, rf.deprecated, rf.embedded = f.Go, f.Doc, f.Deprecated, f.Embedded
	if f.Embedded {
		existing = true // the embedded type documents it
	}
	if rf.goName == "" {
		rf.goName = goName(wire)
	}
	switch {
	case s.Type == "array" && s.Items != nil && s.Items.Type == "object":
		it, ok := o.Items[path]
		if !ok {
			return rf, fmt.Errorf("list %s has no item type in the overlay", path)
		}
		rf.kind, rf.item, rf.goType = "objects", it, "[]"+it.Name
		for _, n := range s.Items.Fields() {
			sub, err := respFieldOf(path+"."+n, n, s.Items.Properties[n], o, seen, it.Existing)
			if err != nil {
				return rf, err
			}
			rf.fields = append(rf.fields, sub)
		}
	case s.Type == "array" && s.Items != nil && s.Items.Type == "string":
		rf.kind, rf.goType = "strings", "[]string"
		if f.Type != "" {
			rf.goType = "[]" + f.Type // a list of an enum
		}
		if !existing {
			if err := checkEnumValues("response field "+path, f.Type, s.Items.Enum); err != nil {
				return rf, err
			}
		}
	case s.Type == "string" || s.Type == "boolean" || s.Type == "integer" || s.Type == "number":
		rf.kind = "scalar"
		rf.goType = map[string]string{"string": "string", "boolean": "bool", "integer": "int", "number": "int"}[s.Type]
		if s.Type == "integer" && s.Format == "int64" {
			rf.goType = "int64"
		}
		if f.Type != "" {
			rf.goType = f.Type
		}
		if !existing && s.Type == "string" {
			if err := checkEnumValues("response field "+path, f.Type, s.Enum); err != nil {
				return rf, err
			}
		}
	default:
		return rf, fmt.Errorf("response field %s has unsupported type %q", path, s.Type)
	}
	if rf.doc == "" && !existing && !strings.Contains(rf.goName, ".") {
		return rf, fmt.Errorf("response field %s has no doc in the overlay", path)
	}
	return rf, nil
}

// decodeExpr is the decoder call for a scalar of Go type t.
func decodeExpr(t string) string {
	switch t {
	case "string":
		return "d.String()"
	case "bool":
		return "d.Bool()"
	case "int":
		return "int(d.Int())"
	case "int64":
		// jsonx reads integers exactly, without a float64 on the way.
		return "d.Int()"
	case "time.Time":
		return "decodeTime(d)"
	}
	return t + "(d.String())"
}

func genOp(m *apimeta.Operation, o op) ([]byte, error) {
	name := m.Name
	fs, region, in, err := requestFields(m, o)
	if err != nil {
		return nil, err
	}
	resp, err := responseFields(m, o, map[string]bool{})
	if err != nil {
		return nil, err
	}
	kind := m.Kind
	if o.Kind != "" {
		kind = o.Kind
	}
	hasToken := false
	for _, f := range fs {
		if f.wire == "ClientToken" {
			hasToken = true
		}
	}
	if o.Idempotent && !hasToken {
		return nil, fmt.Errorf("idempotent but has no ClientToken parameter")
	}
	// Reads are retried and paged freely; a ClientToken on one would be
	// a sign that the metadata (or the overlay) has the kind wrong.
	if o.Idempotent && kind == "read" {
		return nil, fmt.Errorf("idempotent but a read: correct Kind in the overlay")
	}
	if o.Paged != "" && kind != "read" {
		return nil, fmt.Errorf("paged but a %q: correct Kind in the overlay", kind)
	}
	g := &opGen{b: &buf{}, name: name, o: o, fs: fs, resp: resp, region: region, form: in == "formData", read: kind == "read"}
	g.write()
	return g.b.Bytes(), nil
}

type opGen struct {
	b      *buf
	name   string
	o      op
	fs     []reqField
	resp   []respField
	region string
	form   bool
	read   bool // the operation changes nothing: any failed attempt may be sent again
}

func (g *opGen) required() bool {
	for _, f := range g.fs {
		if f.required {
			return true
		}
	}
	return false
}

// nilOK reports whether the method takes a nil request as an empty one:
// every operation whose request has no required field does, as its All
// iterator does, so that a call that sets nothing needs no &XRequest{}.
func (g *opGen) nilOK() bool { return !g.required() }

func (g *opGen) write() {
	b, n := g.b, g.name
	imports := []string{`"context"`}
	if g.o.Paged != "" {
		imports = append(imports, `"iter"`)
	}
	for _, f := range g.fs {
		if f.kind == "list" || f.kind == "objects" || g.o.PagedAlso != "" {
			imports = append(imports, `"slices"`)
			break
		}
	}
	if usesTime(g.resp) {
		imports = append(imports, `"time"`)
	}
	imports = append(imports, "")
	if len(g.resp) > 0 {
		imports = append(imports, `"github.com/privatelink-go/sdk/internal/jsonx"`)
	}
	imports = append(imports, `"github.com/privatelink-go/sdk/internal/transport"`)
	if len(g.fs) > 0 {
		imports = append(imports, `"github.com/privatelink-go/sdk/internal/wire"`)
	}
	b.WriteString(header + "package privatelink\n\nimport (\n" + strings.Join(imports, "\n") + "\n)\n\n")
	b.p("const action%s = %q\n", n, n)
	g.request()
	g.validate()
	g.params()
	g.items()
	g.response()
	g.method()
	if g.o.Paged != "" {
		g.all()
	}
	g.builder()
}

// usesTime reports whether a generated struct has a time.Time field.
func usesTime(fs []respField) bool {
	for _, f := range fs {
		if f.embedded {
			continue
		}
		if f.goType == "time.Time" && !strings.Contains(f.goName, ".") || usesTime(f.fields) && !f.item.Existing {
			return true
		}
	}
	return false
}

func (g *opGen) request() {
	b, n := g.b, g.name
	if len(g.fs) == 0 {
		b.doc("", n+"Request is the input of "+n+", which takes no parameters; a nil request is fine.")
	} else if !g.nilOK() {
		b.doc("", n+"Request is the input of "+n+". Optional fields left at their zero value are not sent.")
	} else {
		b.doc("", n+"Request is the input of "+n+". Fields left at their zero value are not sent; a nil request sends none.")
	}
	if len(g.fs) == 0 {
		b.p("type %sRequest struct{}\n", n)
		return
	}
	b.p("type %sRequest struct {", n)
	for _, f := range g.fs {
		g.fieldDoc("\t", f.doc, f.f.Deprecated)
		b.p("%s %s", f.goName, f.goType)
	}
	b.p("}\n")
}

func (g *opGen) validate() {
	b, n := g.b, g.name
	b.doc("", "Validate checks the request against the API's documented rules and returns a *ValidationError listing every problem, or nil.")
	b.p("func (r *%sRequest) Validate() error {\nif r == nil {\nreturn nilRequest(action%s)\n}", n, n)
	if len(g.fs) == 0 {
		b.p("return nil\n}\n")
		return
	}
	b.p("v := validator{action: action%s}", n)
	for _, f := range g.fs {
		switch {
		case f.wire == "ClientToken":
			if g.o.Idempotent {
				b.p("v.clientToken(r.ClientToken)")
			}
			continue
		case f.required && f.kind == "string":
			b.p("v.required(%q, r.%s)", f.goName, f.goName)
		case f.required && f.kind == "enum":
			b.p("v.required(%q, string(r.%s))", f.goName, f.goName)
		case f.required && (f.kind == "list" || f.kind == "objects"):
			b.p("if len(r.%s) == 0 {\nv.add(%q, \"required\")\n}", f.goName, f.goName)
		}
		if f.kind == "enum" {
			// Open enums: an unknown value is sent (see validation_enum.go);
			// only a blank one, or a case variant of a known value where the
			// service tells case apart, is refused.
			e := enumOf(f.goType)
			b.p("v.enum(%q, string(r.%s))", f.goName, f.goName)
			if e.CaseSensitive != "" {
				var vals []string
				for _, v := range e.Values {
					vals = append(vals, strconv.Quote(v.Value))
				}
				b.p("v.enumCase(%q, string(r.%s), %s)", f.goName, f.goName, strings.Join(vals, ", "))
			}
		}
		if f.f.Max != "" {
			b.p("if len(r.%s) > %s {\nv.add(%q, \"at most \"+itoa(%s)+\", got \"+itoa(len(r.%s)))\n}", f.goName, f.f.Max, f.goName, f.f.Max, f.goName)
		}
		if f.f.Each != "" {
			b.p("for i, x := range r.%s {\nif msg := %s(x); msg != \"\" {\nv.add(indexed(%q, i, \"\"), msg)\n}\n}", f.goName, f.f.Each, f.goName)
		}
		if check := typedIDChecks[g.paramType("ResourceType")]; check != "" && f.wire == "ResourceId" {
			switch f.kind {
			case "string":
				b.p("if r.%s != \"\" {\nv.check(%q, %s(r.ResourceType, r.%s))\n}", f.goName, f.goName, check, f.goName)
			case "list":
				b.p("for i, x := range r.%s {\nif x != \"\" {\nif msg := %s(r.ResourceType, x); msg != \"\" {\nv.add(indexed(%q, i, \"\"), msg)\n}\n}\n}", f.goName, check, f.goName)
			}
		}
		if check := idChecks[f.wire]; check != "" {
			if f.wire == "ServiceId" && g.hasParam("ServiceName") {
				check = "checkServiceIDBesideName"
			}
			switch f.kind {
			case "string":
				b.p("if r.%s != \"\" {\nv.check(%q, %s(r.%s))\n}", f.goName, f.goName, check, f.goName)
			case "list":
				b.p("for i, x := range r.%s {\nif x != \"\" {\nif msg := %s(x); msg != \"\" {\nv.add(indexed(%q, i, \"\"), msg)\n}\n}\n}", f.goName, check, f.goName)
			}
		}
		if f.f.Check != "" {
			b.p(f.f.Check, f.goName)
		}
	}
	b.p("return v.err()\n}\n")
}

// paramType returns the Go type of the request's parameter named wire, or
// "".
func (g *opGen) paramType(wire string) string {
	for _, f := range g.fs {
		if f.wire == wire {
			return f.goType
		}
	}
	return ""
}

// hasParam reports whether the request has the parameter named wire.
func (g *opGen) hasParam(wire string) bool {
	for _, f := range g.fs {
		if f.wire == wire {
			return true
		}
	}
	return false
}

func (g *opGen) params() {
	b, n := g.b, g.name
	if len(g.fs) == 0 {
		return
	}
	where := "query string"
	if g.form {
		where = "form body"
	}
	arg := ""
	if g.o.Idempotent {
		arg = "clientToken string"
		b.doc("", "params encodes the request for the "+where+", with the ClientToken the call uses.")
	} else {
		b.doc("", "params encodes the request for the "+where+".")
	}
	size := []string{}
	fixed := 0
	for _, f := range g.fs {
		switch f.kind {
		case "list":
			size = append(size, "len(r."+f.goName+")")
		case "objects":
			size = append(size, fmt.Sprintf("%d*len(r.%s)", len(f.subs), f.goName))
		default:
			fixed++
		}
	}
	b.p("func (r *%sRequest) params(%s) wire.Params {", n, arg)
	b.p("p := make(wire.Params, 0, %s)", strings.Join(append([]string{fmt.Sprint(fixed)}, size...), "+"))
	for _, f := range g.fs {
		switch {
		case f.wire == "ClientToken" && g.o.Idempotent:
			b.p("p.String(%q, clientToken)", f.wire)
		case f.kind == "string" && f.required:
			b.p("p.Set(%q, r.%s)", f.wire, f.goName)
		case f.kind == "string":
			b.p("p.String(%q, r.%s)", f.wire, f.goName)
		case f.kind == "enum" && f.required:
			b.p("p.Set(%q, string(r.%s))", f.wire, f.goName)
		case f.kind == "enum":
			b.p("p.String(%q, string(r.%s))", f.wire, f.goName)
		case f.kind == "bool" && f.required:
			b.p("p.Bool(%q, r.%s)", f.wire, f.goName)
		case f.kind == "bool":
			b.p("p.True(%q, r.%s)", f.wire, f.goName)
		case f.kind == "optbool":
			b.p("if v, ok := r.%s.Get(); ok {\np.Bool(%q, v)\n}", f.goName, f.wire)
		case f.kind == "int" && f.goType == "int64":
			b.p("p.Int(%q, r.%s)", f.wire, f.goName)
		case f.kind == "int":
			b.p("p.Int(%q, int64(r.%s))", f.wire, f.goName)
		case f.kind == "list":
			b.p("p.List(%q, r.%s)", f.wire, f.goName)
		case f.kind == "objects":
			b.p("for i, x := range r.%s {", f.goName)
			for _, s := range f.subs {
				v := "x." + s.goName
				if s.goType != "string" {
					v = "string(" + v + ")"
				}
				if s.required {
					b.p("p.Set(wire.Indexed(%q, i, %q), %s)", f.wire, s.wire, v)
				} else {
					b.p("p.String(wire.Indexed(%q, i, %q), %s)", f.wire, s.wire, v)
				}
			}
			b.p("}")
		}
	}
	b.p("return p\n}\n")
}

// items writes the struct types of response list elements and their
// decoders, nested lists' elements included, each type once.
func (g *opGen) items() {
	done := map[string]bool{}
	var walk func(fs []respField)
	walk = func(fs []respField) {
		for _, r := range fs {
			if r.kind != "objects" {
				continue
			}
			if !r.item.Existing && (r.item.GeneratedBy == "" || r.item.GeneratedBy == g.name) && !done[r.item.Name] {
				done[r.item.Name] = true
				g.item(r)
			}
			walk(r.fields)
		}
	}
	walk(g.resp)
}

func (g *opGen) item(r respField) {
	b := g.b
	b.doc("", r.item.Doc)
	b.p("type %s struct {", r.item.Name)
	nested := map[string]bool{}
	for _, f := range r.fields {
		if parent, _, ok := strings.Cut(f.goName, "."); ok {
			if !nested[parent] {
				nested[parent] = true
				b.doc("\t", f.doc)
				// The parent's type is named like the field (Tag Tag).
				b.p("%s %s", parent, parent)
			}
			continue
		}
		g.fieldDoc("\t", f.doc, f.deprecated)
		b.p("%s %s", f.goName, f.goType)
	}
	b.p("}\n")
	b.doc("", "decodeObject decodes one "+r.item.Name+", skipping fields it does not know.")
	b.p("func (x *%s) decodeObject(d *jsonx.Decoder) {\nif !d.Object() {\nreturn\n}", r.item.Name)
	b.p("for key, ok := d.Key(); ok; key, ok = d.Key() {\nswitch string(key) {")
	for _, f := range r.fields {
		b.p("case %q:", f.wire)
		g.decodeValue("x", f)
	}
	b.p("default:\nd.Skip()\n}\n}\n}\n")
}

// fieldDoc writes a field's doc comment and, for a deprecated field, the
// paragraph tools recognise.
func (g *opGen) fieldDoc(indent, doc, deprecated string) {
	g.b.doc(indent, doc)
	if deprecated != "" {
		g.b.p("%s//", indent)
		g.b.doc(indent, "Deprecated: "+deprecated)
	}
}

func (g *opGen) response() {
	b, n := g.b, g.name
	b.doc("", n+"Response is the output of "+n+".")
	b.p("type %sResponse struct {", n)
	if g.o.Embed != "" {
		b.doc("\t", g.o.EmbedDoc)
		b.p("%s", g.o.Embed)
	}
	for _, r := range g.resp {
		if r.embedded {
			continue
		}
		g.fieldDoc("\t", r.doc, r.deprecated)
		b.p("%s %s", r.goName, r.goType)
	}
	b.p("// RequestID identifies the request for Alibaba Cloud support.\nRequestID string")
	if g.o.Idempotent {
		b.p("// ClientToken is the idempotency token the call carried: the caller's,\n// or the one the client generated.\nClientToken string")
	}
	b.p("}\n")
	if len(g.resp) == 0 {
		return
	}
	b.doc("", "decodeField decodes one member of the answer; unknown members are left to the caller to skip.")
	b.p("func (r *%sResponse) decodeField(d *jsonx.Decoder, key []byte) bool {", n)
	var own []respField
	for _, f := range g.resp {
		if !f.embedded {
			own = append(own, f)
		}
	}
	if len(own) == 0 {
		b.p("return r.%s.decodeField(d, key)\n}\n", g.o.Embed)
		return
	}
	b.p("switch string(key) {")
	for _, f := range own {
		b.p("case %q:", f.wire)
		g.decodeValue("r", f)
	}
	if g.o.Embed != "" {
		b.p("default:\nreturn r.%s.decodeField(d, key)\n}\nreturn true\n}\n", g.o.Embed)
		return
	}
	b.p("default:\nreturn false\n}\nreturn true\n}\n")
}

// decodeValue decodes the value of field f into recv.
func (g *opGen) decodeValue(recv string, f respField) {
	b := g.b
	switch {
	case f.kind == "scalar":
		b.p("%s.%s = %s", recv, f.goName, decodeExpr(f.goType))
	case f.wrapper != "":
		b.p("// The service wraps the list in an object: %s.%s[].", f.wire, f.wrapper)
		b.p("if d.Object() {\nfor k, ok := d.Key(); ok; k, ok = d.Key() {\nif string(k) != %q {\nd.Skip()\ncontinue\n}", f.wrapper)
		g.decodeList(recv, f)
		b.p("}\n}")
	default:
		g.decodeList(recv, f)
	}
}

// decodeList decodes a list: a key sent twice gives the last list, and
// every element is charged to the decoder's memory budget (jsonx.Append).
func (g *opGen) decodeList(recv string, f respField) {
	x := recv + "." + f.goName
	if f.kind == "strings" {
		g.b.p("%s = nil\nif d.Array() {\nfor d.Next() {\nif s := jsonx.Append(d, &%s); s != nil {\n*s = %s\n}\n}\n}", x, x, decodeExpr(strings.TrimPrefix(f.goType, "[]")))
		return
	}
	g.b.p("%s = nil\nif d.Array() {\nfor d.Next() {\n// Decoding in place avoids copying each element.\nif e := jsonx.Append(d, &%s); e != nil {\ne.decodeObject(d)\n}\n}\n}", x, x)
}

func (g *opGen) method() {
	b, n := g.b, g.name
	b.doc("", n+" calls the "+n+" API action: "+g.o.Doc)
	if g.o.Idempotent {
		b.p("//")
		b.doc("", "The request is validated before anything is sent. The call is idempotent: it carries req.ClientToken, or a token generated once for this call and reused by every retry, and every error that may follow a request reaching the service carries that token (see ClientTokenFromError).")
		if g.nilOK() {
			b.p("//")
			b.doc("", "req may be nil.")
		}
	} else if g.nilOK() {
		b.p("//")
		b.doc("", "req may be nil.")
	}
	b.p("func (c *Client) %s(ctx context.Context, req *%sRequest) (*%sResponse, error) {", n, n, n)
	if g.nilOK() {
		b.p("if req == nil {\nreq = &%sRequest{}\n}", n)
	}
	b.p("if err := req.Validate(); err != nil {\nreturn nil, err\n}")
	call := fmt.Sprintf("&transport.Call{Action: action%s", n)
	if g.region != "transport.RegionInQuery" {
		call += ", Region: " + g.region
	}
	if g.read {
		call += ", Read: true"
	}
	where := "Params"
	if g.form {
		where = "Form"
	}
	if g.o.Idempotent {
		b.p("token := resolveClientToken(req.ClientToken)\nresp := &%sResponse{ClientToken: token}", n)
		call += ", " + where + ": req.params(token), ClientToken: token}"
	} else {
		b.p("resp := &%sResponse{}", n)
		if len(g.fs) > 0 {
			call += ", " + where + ": req.params()"
		}
		call += "}"
	}
	decode := "skipFields"
	if len(g.resp) > 0 {
		decode = "resp.decodeField"
	}
	b.p("reqID, err := c.do(ctx, %s, %s)\nif err != nil {\nreturn nil, err\n}\nresp.RequestID = reqID\nreturn resp, nil\n}\n", call, decode)
}

func (g *opGen) all() {
	b, n, o := g.b, g.name, g.o
	var item string
	for _, r := range g.resp {
		if r.goName == o.Paged {
			item = r.item.Name
		}
	}
	lists := o.Paged
	if o.PagedAlso != "" {
		lists += " (or " + o.PagedAlso + ")"
	}
	b.doc("", o.All+" iterates over the "+lists+" of every page of "+n+", following NextToken from req.NextToken to the last page. It stops at the first error, which it yields with a zero "+item+", and fetches no further page once the loop body breaks. req is not modified.")
	b.p("func (c *Client) %s(ctx context.Context, req *%sRequest) iter.Seq2[%s, error] {", o.All, n, item)
	if g.required() {
		// A request with required fields keeps nil nil, so that every page's
		// Validate reports it as the method does.
		b.p("var base *%sRequest\nif req != nil {\ncp := *req", n)
		for _, f := range g.fs {
			if f.kind == "list" || f.kind == "objects" {
				b.p("cp.%s = slices.Clone(cp.%s)", f.goName, f.goName)
			}
		}
		b.p("base = &cp\n}\nvar first string\nif base != nil {\nfirst = base.NextToken\n}")
		b.p("return paginate(action%s, first, func(token string) ([]%s, string, error) {", n, item)
		b.p("// A copy per page: the sequence may be ranged more than once, or\n// from several goroutines.")
		b.p("var r *%sRequest\nif base != nil {\ncp := *base\ncp.NextToken = token\nr = &cp\n}", n)
		b.p("resp, err := c.%s(ctx, r)\nif err != nil {\nreturn nil, \"\", err\n}\nreturn %s, resp.NextToken, nil\n})\n}\n", n, g.pagedItems())
		return
	}
	b.p("var base %sRequest\nif req != nil {\nbase = *req", n)
	for _, f := range g.fs {
		if f.kind == "list" || f.kind == "objects" {
			b.p("base.%s = slices.Clone(base.%s)", f.goName, f.goName)
		}
	}
	b.p("}")
	b.p("return paginate(action%s, base.NextToken, func(token string) ([]%s, string, error) {", n, item)
	b.p("// A copy per page: the sequence may be ranged more than once, or\n// from several goroutines.")
	b.p("r := base\nr.NextToken = token\nresp, err := c.%s(ctx, &r)\nif err != nil {\nreturn nil, \"\", err\n}\nreturn %s, resp.NextToken, nil\n})\n}\n", n, g.pagedItems())
}

// pagedItems is the expression of one page's items in All.
func (g *opGen) pagedItems() string {
	if g.o.PagedAlso == "" {
		return "resp." + g.o.Paged
	}
	// Only one of the lists is filled, as the request chose.
	return "slices.Concat(resp." + g.o.Paged + ", resp." + g.o.PagedAlso + ")"
}

func (g *opGen) builder() {
	b, n, o := g.b, g.name, g.o
	b.doc("", n+"Builder builds "+article(n)+" "+n+"Request step by step. Build validates the result.")
	b.p("type %sBuilder struct {\nreq %sRequest\n}\n", n, n)
	var args, sets []string
	isArg := map[string]bool{}
	for i, w := range o.Args {
		for _, f := range g.fs {
			if f.wire != w {
				continue
			}
			isArg[w] = true
			a := lowerFirst(f.goName)
			t := f.goType
			if strings.HasPrefix(t, "[]") && i == len(o.Args)-1 {
				args = append(args, a+" ..."+t[2:])
				sets = append(sets, fmt.Sprintf("%s: slices.Clone(%s)", f.goName, a))
			} else if strings.HasPrefix(t, "[]") {
				args = append(args, a+" "+t)
				sets = append(sets, fmt.Sprintf("%s: slices.Clone(%s)", f.goName, a))
			} else {
				args = append(args, a+" "+t)
				sets = append(sets, fmt.Sprintf("%s: %s", f.goName, a))
			}
		}
	}
	b.doc("", "New"+n+" starts "+article(n)+" "+n+" request "+o.BuilderDoc)
	b.p("func New%s(%s) *%sBuilder {\nreturn &%sBuilder{req: %sRequest{%s}}\n}\n", n, strings.Join(args, ", "), n, n, n, strings.Join(sets, ", "))
	for _, f := range g.fs {
		if isArg[f.wire] {
			continue
		}
		a := lowerFirst(f.goName)
		deprecated := func() {
			if f.f.Deprecated != "" {
				b.p("//")
				b.doc("", "Deprecated: "+f.f.Deprecated)
			}
		}
		switch {
		case f.kind == "optbool":
			b.doc("", "With"+f.goName+" sets "+f.goName+" to v, which is then sent even when false; see "+n+"Request."+f.goName+".")
			deprecated()
			b.p("func (b *%sBuilder) With%s(v bool) *%sBuilder {\nb.req.%s = Some(v)\nreturn b\n}\n", n, f.goName, n, f.goName)
			continue
		case strings.HasPrefix(f.goType, "[]"):
			b.doc("", "With"+f.goName+" appends to "+f.goName+"; see "+n+"Request."+f.goName+".")
			deprecated()
			b.p("func (b *%sBuilder) With%s(%s ...%s) *%sBuilder {\nb.req.%s = append(b.req.%s, %s...)\nreturn b\n}\n", n, f.goName, a, f.goType[2:], n, f.goName, f.goName, a)
		default:
			b.doc("", "With"+f.goName+" sets "+f.goName+"; see "+n+"Request."+f.goName+".")
			deprecated()
			b.p("func (b *%sBuilder) With%s(%s %s) *%sBuilder {\nb.req.%s = %s\nreturn b\n}\n", n, f.goName, a, f.goType, n, f.goName, a)
		}
	}
	// Every request with tags gets the documented WithTag adder, unless the
	// overlay gives one, so no builder lacks it.
	hasTagAdder := false
	for _, a := range o.Adders {
		hasTagAdder = hasTagAdder || a.Name == "WithTag"
	}
	for _, f := range g.fs {
		if f.goName != "Tags" || f.goType != "[]Tag" || hasTagAdder {
			continue
		}
		b.doc("", "WithTag appends the tag key=value to Tags; see "+n+"Request.Tags.")
		b.p("func (b *%sBuilder) WithTag(key, value string) *%sBuilder {\nb.req.Tags = append(b.req.Tags, Tag{Key: key, Value: value})\nreturn b\n}\n", n, n)
	}
	for _, a := range o.Adders {
		b.doc("", a.Doc)
		b.p("func (b *%sBuilder) %s(%s) *%sBuilder {\n%s\nreturn b\n}\n", n, a.Name, a.Params, n, a.Body)
	}
	if o.Idempotent {
		b.doc("", "Build validates the request and returns a copy of it, so later builder calls do not change a request already built, or a *ValidationError listing every problem. It fixes the ClientToken (generating one when none was set), so sending the built request twice, as after a timeout, is one logical operation; persist req.ClientToken to finish the same operation from another process. The token is fixed per built request, not per builder: each Build without WithClientToken generates a new one, so a retry must resend the built request, not call Build again.")
	} else {
		b.doc("", "Build validates the request and returns a copy of it, so later builder calls do not change a request already built, or a *ValidationError listing every problem.")
	}
	b.p("func (b *%sBuilder) Build() (*%sRequest, error) {\nr := b.req", n, n)
	for _, f := range g.fs {
		if f.kind == "list" || f.kind == "objects" {
			b.p("r.%s = slices.Clone(r.%s)", f.goName, f.goName)
		}
	}
	if o.Idempotent {
		b.p("if r.ClientToken == \"\" {\nr.ClientToken = NewClientToken()\n}")
	}
	b.p("if err := r.Validate(); err != nil {\nreturn nil, err\n}\nreturn &r, nil\n}")
}

// article is the indefinite article for an operation name read aloud:
// "an AddZoneToVpcEndpoint request", "a DeleteVpcEndpoint request".
func article(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an"
	}
	return "a"
}
