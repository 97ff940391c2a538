// Package examples_test checks that every example can be copied into a
// user's own module and still compile.
package examples_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// An example may import the standard library, the SDK's public packages
// and third-party modules, but nothing internal to this repository: Go
// refuses to compile an internal import outside the module, so a user
// copying the example would be stuck.
func TestExamplesImportNothingInternal(t *testing.T) {
	files, err := filepath.Glob("*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no example found")
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasPrefix(name, "internal"+string(filepath.Separator)) {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/privatelink-go/sdk/") && strings.Contains(path+"/", "/internal/") {
				t.Errorf("%s imports %s, which a copy outside this module cannot", name, path)
			}
		}
	}
}
