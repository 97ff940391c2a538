package privatelink

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// knownFixes are the lowest versions of dependencies that carry fixes for
// published vulnerabilities; neither module may require less. (govulncheck
// is the fuller check when its database is reachable.)
var knownFixes = map[string]string{
	// GO-2026-4559 (v0.51.0), GO-2026-4918 (v0.53.0), GO-2026-5026 and the
	// GO-2026-502x series (v0.55.0), and the earlier GO-2024-3333,
	// GO-2025-3503, GO-2025-3595 that v0.26.0 also lacked.
	"golang.org/x/net": "v0.55.0",
}

func TestDependenciesCarryKnownFixes(t *testing.T) {
	for _, gomod := range []string{"../go.mod", "../internal/interop/go.mod"} {
		b, err := os.ReadFile(gomod)
		if err != nil {
			t.Fatal(err)
		}
		for mod, floor := range knownFixes {
			m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(mod) + `\s+(v\S+)`).FindSubmatch(b)
			if m == nil {
				continue // not in this module's graph
			}
			if got := string(m[1]); semverLess(got, floor) {
				t.Errorf("%s requires %s %s; known fixes need %s or later", gomod, mod, got, floor)
			}
		}
	}
}

// semverLess compares the major.minor.patch of two versions, ignoring any
// pre-release or build suffix.
func semverLess(a, b string) bool {
	pa, pb := semverParts(a), semverParts(b)
	for i := range pa {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

var semverCore = regexp.MustCompile(`^v(\d+)\.(\d+)\.(\d+)`)

func semverParts(v string) [3]int {
	var out [3]int
	m := semverCore.FindStringSubmatch(v)
	for i := 0; m != nil && i < 3; i++ {
		out[i], _ = strconv.Atoi(m[i+1])
	}
	return out
}
