package signer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoHandWrittenHMAC keeps the MACs in crypto/hmac, inside Go's FIPS
// module: a hand-written HMAC (the ipad/opad constants 0x36 and 0x5c, or a
// helper named hmac*) is crypto outside it. The published vectors in
// vectors_test.go check the result.
func TestNoHandWrittenHMAC(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if strings.HasPrefix(strings.ToLower(n.Name.Name), "hmac") {
					t.Errorf("%s: hand-written HMAC helper %s; use crypto/hmac", fset.Position(n.Pos()), n.Name.Name)
				}
			case *ast.BasicLit:
				if v := strings.ToLower(n.Value); v == "0x36" || v == "0x5c" {
					t.Errorf("%s: HMAC pad constant %s; use crypto/hmac", fset.Position(n.Pos()), n.Value)
				}
			}
			return true
		})
	}
}
