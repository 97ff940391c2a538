package privatelink

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/internal/apimeta"
	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/wire"
)

// pendingOperations are the metadata's operations the SDK does not type
// yet, each reachable through Invoke meanwhile: none since the provider
// side was generated. A new operation in the metadata lands here or fails
// the test.
var pendingOperations []string

// knownGaps are parameters of the newer en-US metadata that hand-written
// operations do not send yet: none since ListVpcEndpoints took
// ServiceRegionId and UpdateVpcEndpointAttribute CrossRegionBandwidth and
// ResetPolicy. The test fails once a listed gap is closed, so the list
// cannot go stale.
var knownGaps = map[string][]string{}

// Every operation of the committed metadata (the three sources as
// apimeta.Load merges them, the snapshot of the newest definition
// included) has a method, every one of its
// request parameters is encoded from a fully populated request, and every
// response field is decoded. Updating the metadata is all it takes for this
// test to name what is new.
func TestMetadataCoverage(t *testing.T) {
	meta, err := apimeta.Load()
	if err != nil {
		t.Fatal(err)
	}
	client := reflect.TypeOf(&Client{})
	var typed []string
	for _, name := range sortedOps(meta) {
		op := meta[name]
		m, ok := client.MethodByName(name)
		if slices.Contains(pendingOperations, name) {
			if ok {
				t.Errorf("%s has a method: take it off pendingOperations", name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no Client method", name)
			continue
		}
		typed = append(typed, name)
		t.Run(name, func(t *testing.T) {
			// Method types include the receiver: (c, ctx, req) -> (resp, err).
			checkParams(t, op, m.Type.In(2).Elem())
			checkResponse(t, op, m.Type.Out(0).Elem())
		})
	}
	if len(typed)+len(pendingOperations) != len(meta) {
		t.Errorf("%d typed + %d pending != %d operations in the metadata", len(typed), len(pendingOperations), len(meta))
	}
	t.Logf("typed %d operations, %d pending: %s", len(typed), len(pendingOperations), strings.Join(pendingOperations, ", "))
}

func sortedOps(meta map[string]*apimeta.Operation) []string {
	names := make([]string, 0, len(meta))
	for n := range meta {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkParams encodes a request with every field set and checks that each
// parameter of the metadata is among the encoded keys.
func checkParams(t *testing.T, op *apimeta.Operation, reqType reflect.Type) {
	req := reflect.New(reqType)
	fill(req.Elem())
	p, ok := encodeRequest(req.Interface())
	if !ok {
		if len(op.Params) > 0 && !(len(op.Params) == 1 && op.Params[0].Name == "RegionId") {
			t.Errorf("%s has parameters but no encoder", reqType)
		}
		return
	}
	sent := map[string]bool{}
	for _, kv := range p {
		sent[kv.Key] = true
	}
	for _, param := range op.Params {
		if param.Name == "RegionId" { // the transport adds the client's
			continue
		}
		gap := slices.Contains(knownGaps[op.Name], param.Name)
		for _, key := range wireKeys(param) {
			if gap && sent[key] {
				t.Errorf("parameter %s is encoded now: remove it from knownGaps", key)
			}
			if !sent[key] && !gap {
				t.Errorf("parameter %s is not encoded (sent: %v)", key, keysOf(sent))
			}
		}
	}
}

// encodeRequest encodes a request (a pointer to one) with its params
// method, whichever of the two forms it has; false when it has none.
func encodeRequest(req any) (wire.Params, bool) {
	switch r := req.(type) {
	case interface{ params() wire.Params }:
		return r.params(), true
	case interface{ params(string) wire.Params }:
		return r.params("client-token"), true
	}
	return nil, false
}

// wireKeys are the keys a populated parameter is sent as.
func wireKeys(p apimeta.Param) []string {
	s := p.Schema
	if s.Type != "array" {
		return []string{p.Name}
	}
	if s.Items == nil || s.Items.Type != "object" {
		return []string{p.Name + ".1"}
	}
	var keys []string
	for _, f := range s.Items.Fields() {
		keys = append(keys, p.Name+".1."+f)
	}
	return keys
}

func keysOf(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// fill sets every exported field of v to a non-zero value, lists to two
// elements.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("v")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i))
		}
		v.Set(s)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	}
}

// checkResponse decodes, for each leaf field of the response schema, an
// answer holding only that field, and fails when the response stays zero.
func checkResponse(t *testing.T, op *apimeta.Operation, respType reflect.Type) {
	if op.Response == nil {
		return
	}
	for _, leaf := range leaves(op.Response, nil) {
		if len(leaf) == 1 && leaf[0] == "RequestId" {
			continue
		}
		// The field counts as decoded when an answer holding it decodes
		// differently from the same answer with the field null: a list
		// element appended empty does not count. Each leaf is tried with
		// a value of each scalar shape, since the SDK may type it
		// differently from the metadata (TotalCount is a string there)
		// and the decoders accept any shape.
		decoded := false
		empty, ok := decodeAnswer(t, respType, nest(op.Response, leaf, nil), true)
		if !ok {
			t.Errorf("%s has response fields but no decodeField", respType)
			return
		}
		for _, value := range []any{"7", true, 7, "2026-01-02T03:04:05Z"} {
			got, _ := decodeAnswer(t, respType, nest(op.Response, leaf, value), false)
			if !reflect.DeepEqual(got, empty) {
				decoded = true
				break
			}
		}
		if !decoded {
			t.Errorf("response field %s is not decoded", strings.Join(leaf, "."))
		}
	}
}

// decodeAnswer decodes body as the transport does into a new respType. A
// decoding error fails the test when strict; a value of a shape the field
// does not take is expected to fail otherwise.
func decodeAnswer(t *testing.T, respType reflect.Type, body any, strict bool) (any, bool) {
	resp := reflect.New(respType)
	dec, ok := resp.Interface().(interface {
		decodeField(*jsonx.Decoder, []byte) bool
	})
	if !ok {
		return nil, false
	}
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	d := jsonx.NewDecoder(raw)
	d.Object()
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		if !dec.decodeField(d, key) {
			d.Skip()
		}
	}
	if err := d.Finish(); err != nil && strict {
		t.Errorf("%s: %v", respType, err)
	}
	return resp.Elem().Interface(), true
}

// leaves lists the paths of the scalar fields of s.
func leaves(s *apimeta.Schema, path []string) [][]string {
	switch {
	case s.Type == "array" && s.Items != nil:
		return leaves(s.Items, path)
	case s.Type == "object" || len(s.Properties) > 0:
		var out [][]string
		for _, name := range s.Fields() {
			out = append(out, leaves(s.Properties[name], append(slices.Clone(path), name))...)
		}
		return out
	}
	return [][]string{path}
}

// nest builds the JSON value of s holding only the leaf at path.
func nest(s *apimeta.Schema, path []string, value any) any {
	if s.Type == "array" && s.Items != nil {
		return []any{nest(s.Items, path, value)}
	}
	if len(path) == 0 {
		return value
	}
	return map[string]any{path[0]: nest(s.Properties[path[0]], path[1:], value)}
}
