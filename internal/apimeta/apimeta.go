// Package apimeta holds Alibaba Cloud's published metadata of the
// PrivateLink 2020-04-15 API, committed as the SDK's one source of truth,
// and reads it into a form the code generator and the coverage test share.
//
// Three sources are merged. privatelink-2020-04-15.json has all 39
// operations with their parameters, response schemas, descriptions and
// error codes. aliyun-openapi-meta/en-US/privatelink has the newer request
// metadata that Alibaba Cloud's CLI embeds; where the two disagree on a
// request parameter (its presence, location, type or required flag) the
// newer set wins, and the item schema of a list comes from the older file,
// which alone has it. privatelink-20200415-sdk.json is the snapshot of the
// newest published definition (Snapshot, written by go run
// ./internal/codegen -sync): it decides what exists and how it is typed,
// and the older two keep what only they say (see Load).
//
// The metadata has known defects (RegionId listed twice, AddZone/Attach/
// Detach marked read, TotalCount a string, ...). This package reports it as
// published, except that a parameter listed twice is kept once; the
// generator's overlay corrects the rest, in code review's sight.
package apimeta

import (
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
)

//go:embed privatelink-2020-04-15.json privatelink-20200415-sdk.json aliyun-openapi-meta/en-US/privatelink/*.json
var files embed.FS

// Operation is one API action.
type Operation struct {
	Name string
	// Kind is the metadata's operationType: "read" or "write" (or empty).
	Kind   string
	Params []Param
	// Response is the schema of a successful answer's body.
	Response *Schema
	// ErrorCodes are the service's documented codes for this action.
	ErrorCodes []ErrorCode
}

// ErrorCode is one documented error of an action.
type ErrorCode struct {
	Code string
	// HTTPStatus is the status the code comes with, for example "400".
	HTTPStatus string
}

// Param is one request parameter.
type Param struct {
	Name string
	// In is "query" or "formData".
	In       string
	Required bool
	// Schema is the parameter's type; for a list its Items describe an
	// element (an object's Properties are the flattened sub-fields).
	Schema *Schema
}

// Schema is a JSON-schema-like type description.
type Schema struct {
	Type        string             `json:"type"`
	Format      string             `json:"format"`
	Description string             `json:"description"`
	Enum        []string           `json:"enum"`
	Items       *Schema            `json:"items"`
	Properties  map[string]*Schema `json:"properties"`
	Required    json.RawMessage    `json:"required"` // a bool on parameters, a list elsewhere
}

// Fields returns the property names of an object schema in sorted order.
func (s *Schema) Fields() []string {
	return slices.Sorted(maps.Keys(s.Properties))
}

type mergedFile struct {
	APIs map[string]struct {
		OperationType string `json:"operationType"`
		Parameters    []struct {
			Name   string  `json:"name"`
			In     string  `json:"in"`
			Style  string  `json:"style"`
			Schema *Schema `json:"schema"`
		} `json:"parameters"`
		Responses map[string]struct {
			Schema *Schema `json:"schema"`
		} `json:"responses"`
		ErrorCodes map[string][]struct {
			ErrorCode string `json:"errorCode"`
		} `json:"errorCodes"`
	} `json:"apis"`
}

type englishFile struct {
	Name       string         `json:"name"`
	Parameters []englishParam `json:"parameters"`
}

type englishParam struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
}

// LoadOlder reads and merges the two older sources, keyed by action name:
// what the SDK was generated from before the snapshot.
func LoadOlder() (map[string]*Operation, error) {
	return loadOlder(func(string, ...any) {})
}

// loadOlder merges the two older sources, telling note where they
// disagree on a fact both state.
func loadOlder(note func(string, ...any)) (map[string]*Operation, error) {
	raw, err := files.ReadFile("privatelink-2020-04-15.json")
	if err != nil {
		return nil, err
	}
	var merged mergedFile
	if err := json.Unmarshal(raw, &merged); err != nil {
		return nil, fmt.Errorf("apimeta: %w", err)
	}
	ops := make(map[string]*Operation, len(merged.APIs))
	for name, api := range merged.APIs {
		op := &Operation{Name: name, Kind: api.OperationType}
		if r, ok := api.Responses["200"]; ok {
			op.Response = r.Schema
		}
		for status, codes := range api.ErrorCodes {
			for _, c := range codes {
				op.ErrorCodes = append(op.ErrorCodes, ErrorCode{Code: c.ErrorCode, HTTPStatus: status})
			}
		}
		sort.Slice(op.ErrorCodes, func(i, j int) bool {
			a, b := op.ErrorCodes[i], op.ErrorCodes[j]
			return a.Code < b.Code || a.Code == b.Code && a.HTTPStatus < b.HTTPStatus
		})
		seen := map[string]bool{}
		for _, p := range api.Parameters {
			if seen[p.Name] { // RegionId appears twice in 34 operations
				continue
			}
			seen[p.Name] = true
			op.Params = append(op.Params, Param{Name: p.Name, In: p.In, Required: isTrue(p.Schema.Required), Schema: p.Schema})
		}
		ops[name] = op
	}
	entries, err := files.ReadDir("aliyun-openapi-meta/en-US/privatelink")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Name() == "version.json" {
			continue
		}
		raw, err := files.ReadFile(path.Join("aliyun-openapi-meta/en-US/privatelink", e.Name()))
		if err != nil {
			return nil, err
		}
		var en englishFile
		if err := json.Unmarshal(raw, &en); err != nil {
			return nil, fmt.Errorf("apimeta: %s: %w", e.Name(), err)
		}
		op := ops[en.Name]
		if op == nil {
			return nil, fmt.Errorf("apimeta: %s is not among the merged operations", en.Name)
		}
		op.Params = mergeParams(op.Params, en, note)
	}
	return ops, nil
}

// mergeParams lets the newer English metadata decide the parameter list,
// keeping the older schema's detail (list items, enums) where it has any.
func mergeParams(old []Param, en englishFile, note func(string, ...any)) []Param {
	byName := make(map[string]Param, len(old))
	for _, p := range old {
		byName[p.Name] = p
		if !slices.ContainsFunc(en.Parameters, func(np englishParam) bool { return np.Name == p.Name }) && p.Name != "RegionId" {
			note("%s param %s: only in the merged metadata, not the en-US", en.Name, p.Name)
		}
	}
	out := make([]Param, 0, len(en.Parameters))
	for _, np := range en.Parameters {
		p, ok := byName[np.Name]
		if !ok || p.Schema == nil {
			p = Param{Name: np.Name, Schema: &Schema{}}
		}
		in := "query"
		if np.Position == "Body" {
			in = "formData"
		}
		if ok {
			what := en.Name + " param " + np.Name
			if p.In != in {
				note("%s: in %s (merged) or %s (en-US)", what, p.In, in)
			}
			if p.Required != np.Required {
				note("%s: required %t (merged) or %t (en-US)", what, p.Required, np.Required)
			}
		}
		p.Required, p.In = np.Required, in
		s := *p.Schema
		before := typeOf(&s)
		switch np.Type {
		case "Array", "RepeatList":
			s.Type = "array"
			if s.Items == nil {
				s.Items = &Schema{Type: "string"}
			}
		case "Boolean":
			s.Type = "boolean"
		case "Integer":
			s.Type, s.Format = "integer", "int32"
		case "Long":
			s.Type, s.Format = "integer", "int64"
		default:
			s.Type = strings.ToLower(np.Type)
		}
		if after := typeOf(&s); ok && before != "" && before != after {
			note("%s param %s: %s (merged) or %s (en-US)", en.Name, np.Name, before, after)
		}
		p.Schema = &s
		out = append(out, p)
	}
	return out
}

func isTrue(raw json.RawMessage) bool { return string(raw) == "true" }
