package privatelink

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// docSection returns the text of the package doc's "# name" section.
func docSection(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	start := strings.Index(doc, "// # "+name+"\n")
	if start < 0 {
		t.Fatalf("doc.go has no section %q", name)
	}
	rest := doc[start+len("// # "+name+"\n"):]
	if end := strings.Index(rest, "// # "); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// The package doc's overview is the map of a long index: every operation is
// listed under Operations and every waiter entry point under Waiters, so a
// new one cannot be missing from the map.
func TestPackageDocListsEveryOperationAndWaiter(t *testing.T) {
	ops, waiters := docSection(t, "Operations"), docSection(t, "Waiters")
	word := func(text, name string) bool {
		return regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`).MatchString(text)
	}
	client := reflect.TypeFor[*Client]()
	n := 0
	for i := range client.NumMethod() {
		m := client.Method(i)
		switch {
		case m.Type.NumIn() == 3 && m.Type.In(2).Kind() == reflect.Pointer && m.Type.In(2).Elem().Name() == m.Name+"Request":
			n++
			if !word(ops, m.Name) {
				t.Errorf("operation %s is not listed in doc.go's Operations section", m.Name)
			}
		case strings.HasPrefix(m.Name, "WaitUntil"), strings.HasSuffix(m.Name, "AndWait"),
			strings.HasPrefix(m.Name, "New") && strings.HasSuffix(m.Name, "Waiter"):
			if !word(waiters, "Client."+m.Name) {
				t.Errorf("waiter %s is not listed in doc.go's Waiters section", m.Name)
			}
		}
	}
	if n != 39 {
		t.Errorf("found %d operations, want 39", n)
	}
}
