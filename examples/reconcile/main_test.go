package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

func TestSamplePlansAndApplies(t *testing.T) {
	d, err := load("", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, apply := range []bool{false, true} {
		p, cleanup, err := setup(false, "", reconcile.Options{Prune: true})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		err = run(t.Context(), &out, p, d, apply)
		cleanup()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), `+ endpoint "tenant-42/orders-db"`) || !strings.Contains(out.String(), `+ service "orders-db"`) {
			t.Errorf("plan misses a resource:\n%s", out.String())
		}
		if apply && !strings.Contains(out.String(), "1 change    ok") {
			t.Errorf("the summary does not count one change in singular:\n%s", out.String())
		}
		if apply && strings.Count(out.String(), "converged: a new plan has no changes") != 2 {
			t.Errorf("apply did not converge:\n%s", out.String())
		}
	}
}

func TestLoadRefusesUnknownFieldsAndLiveWithoutAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "d.json")
	if err := os.WriteFile(f, []byte(`{"endpoints":[{"key":"k","vpcid":"vpc-1"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := load(f, false); err == nil || !strings.Contains(err.Error(), "vpcid") {
		t.Errorf("a misspelt field must be refused, got %v", err)
	}
	if _, err := load("", true); err == nil {
		t.Error("-live with the emulator's sample must be refused")
	}
}

// -live names every missing flag in one error, before any client is made,
// as the quickstart does.
func TestLiveNamesEveryMissingFlag(t *testing.T) {
	for _, c := range []struct{ file, region, want string }{
		{"", "", "-live needs -file (the sample names the emulator's resources) and -region"},
		{"d.json", "", "-live needs -region"},
		{"", "cn-hangzhou", "-live needs -file (the sample names the emulator's resources)"},
	} {
		err := missingLiveFlags(c.file, c.region)
		if err == nil || err.Error() != c.want {
			t.Errorf("missingLiveFlags(%q, %q) = %v, want %q", c.file, c.region, err, c.want)
		}
	}
	if err := missingLiveFlags("d.json", "cn-hangzhou"); err != nil {
		t.Errorf("all flags given: %v", err)
	}
}
