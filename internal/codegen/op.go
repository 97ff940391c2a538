package main

// Generation of one operation's file: request, validation, wire encoder,
// response and its decoder, Client method, All iterator and builder.

import (
	"fmt"
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
	wire, goName string
	required     bool
}

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
		case s.Type == "boolean":
			rf.kind, rf.goType = "bool", "bool"
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
			rf.kind, rf.goType = "objects", "[]"+f.Type
			for _, n := range s.Items.Fields() {
				rf.subs = append(rf.subs, subField{wire: n, goName: goName(n), required: isTrue(s.Items.Properties[n].Required)})
			}
		case s.Type == "array":
			rf.kind, rf.goType = "list", "[]string"
		default:
			return nil, "", "", fmt.Errorf("parameter %s has unsupported type %q", p.Name, s.Type)
		}
		if rf.doc == "" {
			return nil, "", "", fmt.Errorf("parameter %s has no doc in the overlay", p.Name)
		}
		fs = append(fs, rf)
	}
	for name := range o.Params {
		if !seen[name] {
			return nil, "", "", fmt.Errorf("overlay parameter %s is not in the metadata", name)
		}
	}
	return fs, region, in, nil
}

func isTrue(raw []byte) bool { return string(raw) == "true" }

// respField is one response field as generated; a list has item fields.
type respField struct {
	path, wire, goName, goType, doc string
	kind                            string // scalar or objects
	wrapper                         string // the inner key of an XML-style wrapper
	item                            item
	fields                          []respField
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
		rf, err := respFieldOf(name, name, m.Response.Properties[name], o, seen)
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
	return out, nil
}

func respFieldOf(path, wire string, s *apimeta.Schema, o op, seen map[string]bool) (respField, error) {
	rf := respField{path: path, wire: wire}
	if s.Type == "object" && len(s.Properties) == 1 {
		inner := s.Fields()[0]
		if is := s.Properties[inner]; is.Type == "array" {
			// An XML-style wrapper such as Regions.Region[]: users get
			// the plain list.
			in, err := respFieldOf(path+"."+inner, wire, is, o, seen)
			in.wrapper = inner
			return in, err
		}
	}
	f, ok := o.Response[path]
	if !ok {
		return rf, fmt.Errorf("response field %s is not in the overlay", path)
	}
	seen[path] = true
	rf.goName, rf.doc = f.Go, f.Doc
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
			sub, err := respFieldOf(path+"."+n, n, s.Items.Properties[n], o, seen)
			if err != nil {
				return rf, err
			}
			if sub.kind != "scalar" {
				return rf, fmt.Errorf("nested list %s is not supported yet", sub.path)
			}
			rf.fields = append(rf.fields, sub)
		}
	case s.Type == "string" || s.Type == "boolean" || s.Type == "integer" || s.Type == "number":
		rf.kind = "scalar"
		rf.goType = map[string]string{"string": "string", "boolean": "bool", "integer": "int", "number": "int"}[s.Type]
		if f.Type != "" {
			rf.goType = f.Type
		}
	default:
		return rf, fmt.Errorf("response field %s has unsupported type %q", path, s.Type)
	}
	if rf.doc == "" && !strings.Contains(rf.goName, ".") {
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

func (g *opGen) write() {
	b, n := g.b, g.name
	imports := []string{`"context"`}
	if g.o.Paged != "" {
		imports = append(imports, `"iter"`)
	}
	for _, f := range g.fs {
		if f.kind == "list" || f.kind == "objects" {
			imports = append(imports, `"slices"`)
			break
		}
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

func (g *opGen) request() {
	b, n := g.b, g.name
	if len(g.fs) == 0 {
		b.doc("", n+"Request is the input of "+n+", which takes no parameters; a nil request is fine.")
	} else if g.required() {
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
		b.doc("\t", f.doc)
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
		case f.required && (f.kind == "string" || f.kind == "enum"):
			b.p("v.required(%q, string(r.%s))", f.goName, f.goName)
		case f.required && (f.kind == "list" || f.kind == "objects"):
			b.p("if len(r.%s) == 0 {\nv.add(%q, \"required\")\n}", f.goName, f.goName)
		}
		if f.kind == "enum" {
			e := enumOf(f.goType)
			var vals []string
			for _, v := range e.Values {
				vals = append(vals, v.Value)
			}
			want := strings.Join(vals[:len(vals)-1], ", ") + " or " + vals[len(vals)-1]
			b.p("if r.%s != \"\" && !r.%s.IsKnown() {\nv.add(%q, \"unknown %s \"+quote(string(r.%s))+\" (want %s)\")\n}",
				f.goName, f.goName, f.goName, e.Noun, f.goName, want)
		}
		if f.f.Max != "" {
			b.p("if len(r.%s) > %s {\nv.add(%q, \"at most \"+itoa(%s)+\", got \"+itoa(len(r.%s)))\n}", f.goName, f.f.Max, f.goName, f.f.Max, f.goName)
		}
		if f.f.Each != "" {
			b.p("for i, x := range r.%s {\nif msg := %s(x); msg != \"\" {\nv.add(indexed(%q, i, \"\"), msg)\n}\n}", f.goName, f.f.Each, f.goName)
		}
		if f.f.Check != "" {
			b.p(f.f.Check, f.goName)
		}
	}
	b.p("return v.err()\n}\n")
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
		case f.kind == "bool":
			b.p("p.True(%q, r.%s)", f.wire, f.goName)
		case f.kind == "int":
			b.p("p.Int(%q, int64(r.%s))", f.wire, f.goName)
		case f.kind == "list":
			b.p("p.List(%q, r.%s)", f.wire, f.goName)
		case f.kind == "objects":
			b.p("for i, x := range r.%s {", f.goName)
			for _, s := range f.subs {
				if s.required {
					b.p("p.Set(wire.Indexed(%q, i, %q), x.%s)", f.wire, s.wire, s.goName)
				} else {
					b.p("p.String(wire.Indexed(%q, i, %q), x.%s)", f.wire, s.wire, s.goName)
				}
			}
			b.p("}")
		}
	}
	b.p("return p\n}\n")
}

// items writes the struct types of response list elements and their
// decoders.
func (g *opGen) items() {
	b := g.b
	for _, r := range g.resp {
		if r.kind != "objects" || r.item.Existing {
			continue
		}
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
			b.doc("\t", f.doc)
			b.p("%s %s", f.goName, f.goType)
		}
		b.p("}\n")
		b.doc("", "decodeObject decodes one "+r.item.Name+", skipping fields it does not know.")
		b.p("func (x *%s) decodeObject(d *jsonx.Decoder) {\nif !d.Object() {\nreturn\n}", r.item.Name)
		b.p("for key, ok := d.Key(); ok; key, ok = d.Key() {\nswitch string(key) {")
		for _, f := range r.fields {
			b.p("case %q:\nx.%s = %s", f.wire, f.goName, decodeExpr(f.goType))
		}
		b.p("default:\nd.Skip()\n}\n}\n}\n")
	}
}

func (g *opGen) response() {
	b, n := g.b, g.name
	b.doc("", n+"Response is the output of "+n+".")
	b.p("type %sResponse struct {", n)
	for _, r := range g.resp {
		b.doc("\t", r.doc)
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
	b.p("func (r *%sResponse) decodeField(d *jsonx.Decoder, key []byte) bool {\nswitch string(key) {", n)
	for _, f := range g.resp {
		b.p("case %q:", f.wire)
		switch {
		case f.kind == "scalar":
			b.p("r.%s = %s", f.goName, decodeExpr(f.goType))
		case f.wrapper != "":
			b.p("// The service wraps the list in an object: %s.%s[].", f.wire, f.wrapper)
			b.p("if d.Object() {\nfor k, ok := d.Key(); ok; k, ok = d.Key() {\nif string(k) != %q {\nd.Skip()\ncontinue\n}", f.wrapper)
			g.decodeList(f)
			b.p("}\n}")
		default:
			g.decodeList(f)
		}
	}
	b.p("default:\nreturn false\n}\nreturn true\n}\n")
}

func (g *opGen) decodeList(f respField) {
	g.b.p("if d.Array() {\nfor d.Next() {\n// Decoding in place avoids copying each element.\nr.%s = append(r.%s, %s{})\nr.%s[len(r.%s)-1].decodeObject(d)\n}\n}",
		f.goName, f.goName, f.item.Name, f.goName, f.goName)
}

func (g *opGen) method() {
	b, n := g.b, g.name
	b.doc("", n+" calls the "+n+" API action: "+g.o.Doc)
	if g.o.Idempotent {
		b.p("//")
		b.doc("", "The request is validated before anything is sent. The call is idempotent: it carries req.ClientToken, or a token generated once for this call and reused by every retry, and every error that may follow a request reaching the service carries that token (see ClientTokenFromError).")
	} else if !g.required() {
		b.p("//")
		b.doc("", "req may be nil.")
	}
	b.p("func (c *Client) %s(ctx context.Context, req *%sRequest) (*%sResponse, error) {", n, n, n)
	if !g.required() {
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
	b.doc("", o.All+" iterates over the "+o.Paged+" of every page of "+n+", following NextToken from req.NextToken to the last page. It stops at the first error, which it yields with a zero "+item+", and fetches no further page once the loop body breaks. req is not modified.")
	b.p("func (c *Client) %s(ctx context.Context, req *%sRequest) iter.Seq2[%s, error] {", o.All, n, item)
	b.p("var base %sRequest\nif req != nil {\nbase = *req", n)
	for _, f := range g.fs {
		if f.kind == "list" || f.kind == "objects" {
			b.p("base.%s = slices.Clone(base.%s)", f.goName, f.goName)
		}
	}
	b.p("}")
	b.p("return paginate(action%s, base.NextToken, func(token string) ([]%s, string, error) {", n, item)
	b.p("// A copy per page: the sequence may be ranged more than once, or\n// from several goroutines.")
	b.p("r := base\nr.NextToken = token\nresp, err := c.%s(ctx, &r)\nif err != nil {\nreturn nil, \"\", err\n}\nreturn resp.%s, resp.NextToken, nil\n})\n}\n", n, o.Paged)
}

func (g *opGen) builder() {
	b, n, o := g.b, g.name, g.o
	b.doc("", n+"Builder builds a "+n+"Request step by step. Build validates the result.")
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
	b.doc("", "New"+n+" starts a "+n+" request "+o.BuilderDoc)
	b.p("func New%s(%s) *%sBuilder {\nreturn &%sBuilder{req: %sRequest{%s}}\n}\n", n, strings.Join(args, ", "), n, n, n, strings.Join(sets, ", "))
	for _, f := range g.fs {
		if isArg[f.wire] {
			continue
		}
		a := lowerFirst(f.goName)
		if strings.HasPrefix(f.goType, "[]") {
			b.doc("", "With"+f.goName+" appends to "+f.goName+"; see "+n+"Request."+f.goName+".")
			b.p("func (b *%sBuilder) With%s(%s ...%s) *%sBuilder {\nb.req.%s = append(b.req.%s, %s...)\nreturn b\n}\n", n, f.goName, a, f.goType[2:], n, f.goName, f.goName, a)
		} else {
			b.doc("", "With"+f.goName+" sets "+f.goName+"; see "+n+"Request."+f.goName+".")
			b.p("func (b *%sBuilder) With%s(%s %s) *%sBuilder {\nb.req.%s = %s\nreturn b\n}\n", n, f.goName, a, f.goType, n, f.goName, a)
		}
	}
	for _, a := range o.Adders {
		b.doc("", a.Doc)
		b.p("func (b *%sBuilder) %s(%s) *%sBuilder {\n%s\nreturn b\n}\n", n, a.Name, a.Params, n, a.Body)
	}
	if o.Idempotent {
		b.doc("", "Build validates the request and returns a copy of it, so later builder calls do not change a request already built, or a *ValidationError listing every problem. It fixes the ClientToken (generating one when none was set), so sending the built request twice is one logical operation.")
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
