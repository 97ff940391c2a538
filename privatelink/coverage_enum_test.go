package privatelink

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/internal/apimeta"
)

// Every enum value the newest definition documents (the snapshot) is a
// constant of the Go type of its field, request parameter or response
// member alike, so a caller never has to spell a documented value.
func TestSnapshotEnumValuesAreConstants(t *testing.T) {
	snap, err := apimeta.LoadSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	meta, err := apimeta.Load()
	if err != nil {
		t.Fatal(err)
	}
	consts := stringConstants(t)
	client := reflect.TypeOf(&Client{})
	enums := snap.Enums()
	if len(enums) == 0 {
		t.Fatal("the snapshot documents no enum values")
	}
	for _, e := range enums {
		m, ok := client.MethodByName(e.Op)
		if !ok {
			t.Errorf("%s: no Client method", e.Op)
			continue
		}
		var typ reflect.Type
		if e.Request {
			typ = requestFieldType(t, m.Type.In(2).Elem(), e.Path)
		} else {
			typ = responseFieldType(t, meta[e.Op].Response, m.Type.Out(0).Elem(), e.Path)
		}
		where := e.Op + " " + e.Path
		if typ == nil {
			t.Errorf("%s: no Go field found", where)
			continue
		}
		if typ.PkgPath() != reflect.TypeOf(Client{}).PkgPath() || typ.Name() == "string" {
			t.Errorf("%s is a %s, not an enum type, though the definition lists values %v", where, typ, e.Values)
			continue
		}
		for _, v := range e.Values {
			if !consts[typ.Name()][v] {
				t.Errorf("%s: %s has no constant for the documented value %q", where, typ.Name(), v)
			}
		}
	}
}

// stringConstants reads the package's typed string constants: type name
// to the set of values.
func stringConstants(t *testing.T) map[string]map[string]bool {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						if out[id.Name] == nil {
							out[id.Name] = map[string]bool{}
						}
						out[id.Name][s] = true
					}
				}
			}
		}
	}
	return out
}

var listIndex = regexp.MustCompile(`\.\d+`)

// requestFieldType finds the Go type of the request field sent as the
// parameter at path ("ServiceResourceType", "Resource.ResourceType"):
// every string field gets a marker value, and the parameter's value names
// the field.
func requestFieldType(t *testing.T, reqType reflect.Type, path string) reflect.Type {
	req := reflect.New(reqType)
	markers := map[string]reflect.Type{}
	fillMarked(req.Elem(), markers)
	p, ok := encodeRequest(req.Interface())
	if !ok {
		t.Errorf("%s has no encoder", reqType)
		return nil
	}
	for _, kv := range p {
		if listIndex.ReplaceAllString(kv.Key, "") == path {
			return markers[kv.Value]
		}
	}
	return nil
}

// fillMarked sets every string of v to a distinct marker, recording the
// Go type each marker was set in; lists get one element.
func fillMarked(v reflect.Value, markers map[string]reflect.Type) {
	switch v.Kind() {
	case reflect.String:
		m := "marker-" + strconv.Itoa(len(markers))
		markers[m] = v.Type()
		v.SetString(m)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillMarked(s.Index(0), markers)
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillMarked(v.Field(i), markers)
			}
		}
	}
}

// responseFieldType decodes an answer holding a marker at path and finds
// the Go value that received it.
func responseFieldType(t *testing.T, schema *apimeta.Schema, respType reflect.Type, path string) reflect.Type {
	const marker = "enum-marker"
	got, ok := decodeAnswer(t, respType, nest(schema, strings.Split(path, "."), marker), true)
	if !ok {
		return nil
	}
	return findString(reflect.ValueOf(got), marker)
}

func findString(v reflect.Value, s string) reflect.Type {
	switch v.Kind() {
	case reflect.String:
		if v.String() == s {
			return v.Type()
		}
	case reflect.Slice:
		for i := range v.Len() {
			if t := findString(v.Index(i), s); t != nil {
				return t
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if t := findString(v.Field(i), s); t != nil {
					return t
				}
			}
		}
	}
	return nil
}
