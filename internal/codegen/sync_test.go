package main

import (
	"go/ast"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/internal/apimeta"
)

// A checkout in the shape of the darabonba SDK, reduced to one operation.
var checkoutFiles = map[string]string{
	"ChangeLog.txt": "2026-07-01 Version: v5.0.11\n- Update API Frob: add request parameters Mode.\n\n\n2026-06-11 Version: v5.0.10\n- older\n",
	"client/client.go": `package client

func (client *Client) FrobWithOptions(request *FrobRequest, runtime *dara.RuntimeOptions) (_result *FrobResponse, _err error) {
	query := map[string]interface{}{}
	if !dara.IsNil(request.Filter) {
		query["Filter"] = request.Filter
	}
	if !dara.IsNil(request.Kinds) {
		query["Kinds"] = request.Kinds
	}
	if !dara.IsNil(request.Mode) {
		query["Mode"] = request.Mode
	}
	body := map[string]interface{}{}
	bodyFlat := map[string]interface{}{}
	if !dara.IsNil(request.Count) {
		body["Count"] = request.Count
	}
	if !dara.IsNil(request.Tag) {
		bodyFlat["Tag"] = request.Tag
	}
	return nil, nil
}
`,
	"client/frob_request_model.go": `package client

type FrobRequest struct {
	Count *int64 ` + "`json:\"Count,omitempty\"`" + `
	Filter []*FrobRequestFilter ` + "`json:\"Filter,omitempty\" type:\"Repeated\"`" + `
	// Enumerated values:
	//
	// - **a**
	// - **b**
	Kinds []*string ` + "`json:\"Kinds,omitempty\" type:\"Repeated\"`" + `
	// The mode. Valid values:
	//
	// - **slb*	- (default): classic.
	//
	// - **gwlb**: gateway.
	//
	// This parameter is required.
	Mode *string ` + "`json:\"Mode,omitempty\"`" + `
	Tag []*FrobRequestTag ` + "`json:\"Tag,omitempty\" type:\"Repeated\"`" + `
}

type FrobRequestTag struct {
	Key *string ` + "`json:\"Key,omitempty\"`" + `
	Value *string ` + "`json:\"Value,omitempty\"`" + `
}

type FrobRequestFilter struct {
	// Valid values:
	//
	// - **x**
	Name *string ` + "`json:\"Name,omitempty\"`" + `
}
`,
	"client/frob_response_body_model.go": `package client

type FrobResponseBody struct {
	RequestId *string ` + "`json:\"RequestId,omitempty\"`" + `
	Items *FrobResponseBodyItems ` + "`json:\"Items,omitempty\" type:\"Struct\"`" + `
}

type FrobResponseBodyItems struct {
	Item []*FrobResponseBodyItemsItem ` + "`json:\"Item,omitempty\" type:\"Repeated\"`" + `
}

type FrobResponseBodyItemsItem struct {
	// Valid values:
	//
	// - **On**
	// - Off: plain, as some comments list values.
	State *string ` + "`json:\"State,omitempty\"`" + `
	Ratio *float64 ` + "`json:\"Ratio,omitempty\"`" + `
	Names []*string ` + "`json:\"Names,omitempty\" type:\"Repeated\"`" + `
	// Valid values:
	//
	// - **z1**
	// - **z2**
	Zones []*string ` + "`json:\"Zones,omitempty\" type:\"Repeated\"`" + `
}
`,
}

func writeCheckout(t *testing.T) string {
	dir := t.TempDir()
	for name, src := range checkoutFiles {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSyncReadsCheckout(t *testing.T) {
	snap, err := readCheckout(writeCheckout(t))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Version != "v5.0.11" || snap.Date != "2026-07-01" || snap.Source != snapshotSource {
		t.Errorf("source %s %s %s", snap.Source, snap.Version, snap.Date)
	}
	op := snap.Operations["Frob"]
	if op == nil || len(op.Params) != 5 {
		t.Fatalf("Frob = %+v", op)
	}
	count, kinds, mode, tag := op.Params[0], op.Params[2], op.Params[3], op.Params[4]
	if kinds.Type != "array" || !slices.Equal(kinds.Items.Enum, []string{"a", "b"}) {
		t.Errorf("Kinds = %+v", kinds)
	}
	if count.Name != "Count" || count.In != "formData" || count.Type != "integer" || count.Format != "int64" || count.Required {
		t.Errorf("Count = %+v", count)
	}
	if mode.In != "query" || !mode.Required || !slices.Equal(mode.Enum, []string{"slb", "gwlb"}) {
		t.Errorf("Mode = %+v", mode)
	}
	if tag.In != "formData" || tag.Type != "array" || tag.Items.Properties["Key"].Type != "string" {
		t.Errorf("Tag = %+v", tag)
	}
	item := op.Response.Properties["Items"].Properties["Item"].Items
	if !slices.Equal(item.Properties["State"].Enum, []string{"On", "Off"}) || item.Properties["Ratio"].Type != "number" ||
		item.Properties["Names"].Items.Type != "string" {
		t.Errorf("Item = %+v", item)
	}
}

// A refresh writes the snapshot and reports what changed against the one
// committed before.
func TestSyncReportsChanges(t *testing.T) {
	dir := writeCheckout(t)
	out := filepath.Join(t.TempDir(), "snap.json")
	base := &apimeta.Snapshot{Version: "v5.0.10", Date: "2026-06-11", Operations: map[string]*apimeta.SnapshotOp{
		"Frob": {
			Params: []apimeta.SnapshotParam{
				{Name: "Count", In: "formData", Node: apimeta.Node{Type: "integer", Format: "int32"}},
				{Name: "Mode", In: "query", Required: true, Node: apimeta.Node{Type: "string", Enum: []string{"slb", "alb"}}},
				{Name: "Kinds", In: "query", Node: apimeta.Node{Type: "array", Items: &apimeta.Node{Type: "string", Enum: []string{"a"}}}},
				{Name: "Tag", In: "formData", Node: apimeta.Node{Type: "array", Items: &apimeta.Node{Type: "object",
					Properties: map[string]*apimeta.Node{"Key": {Type: "string"}}}}},
				{Name: "Gone", In: "query", Node: apimeta.Node{Type: "string"}},
			},
			Response: &apimeta.Node{Type: "object", Properties: map[string]*apimeta.Node{
				"Items": {Type: "object", Properties: map[string]*apimeta.Node{"Item": {Type: "array", Items: &apimeta.Node{Type: "object",
					Properties: map[string]*apimeta.Node{
						"State": {Type: "string", Enum: []string{"On"}},
						"Zones": {Type: "array", Items: &apimeta.Node{Type: "string", Enum: []string{"z1"}}},
					}}}}},
			}},
		},
		"Old": {},
	}}
	report, err := runSync(dir, "", out, base)
	if err != nil {
		t.Fatal(err)
	}
	want := `snapshot github.com/alibabacloud-go/privatelink-20200415 v5.0.11 (2026-07-01), against v5.0.10 (2026-06-11)
~ Frob param Count: int32 in formData -> int64 in formData
+ Frob param Filter ([]object, in query)
+ Frob param Filter[].Name (string)
+ Frob param Filter[].Name values x
+ Frob param Kinds values b
+ Frob param Mode values gwlb
- Frob param Mode values alb
+ Frob param Tag[].Value (string)
- Frob param Gone
+ Frob field Items.Item[].Names ([]string)
+ Frob field Items.Item[].Ratio (number)
+ Frob field Items.Item[].State values Off
+ Frob field Items.Item[].Zones values z2
+ Frob field RequestId (string)
- operation Old
`
	if report != want {
		t.Errorf("report\n%s\nwant\n%s", report, want)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	written, err := apimeta.ParseSnapshot(raw)
	if err != nil || written.Operations["Frob"] == nil {
		t.Errorf("written snapshot: %v", err)
	}
	if again := diffSnapshots(written, written); !strings.HasSuffix(again, "no changes\n") {
		t.Errorf("a snapshot against itself: %s", again)
	}
}

func TestCheckChoices(t *testing.T) {
	if err := checkChoices(nil, map[string]string{}); err != nil {
		t.Error(err)
	}
	d := "Op param A: in query (older) or formData (snapshot)"
	if err := checkChoices([]string{d}, nil); err == nil || !strings.Contains(err.Error(), "record the choice") {
		t.Errorf("unrecorded: %v", err)
	}
	if err := checkChoices([]string{d}, map[string]string{d: "snapshot: the CLI sends it in the body"}); err != nil {
		t.Error(err)
	}
	if err := checkChoices(nil, map[string]string{d: "x"}); err == nil || !strings.Contains(err.Error(), "no longer disagree") {
		t.Errorf("stale: %v", err)
	}
	if err := checkChoices(nil, sourceChoices); err != nil {
		t.Errorf("the committed overlay: %v", err)
	}
}

// A documented value the overlay's enum lacks, or documented values on a
// field typed string, stop the generator.
func TestCheckEnumValues(t *testing.T) {
	if err := checkEnumValues("parameter X", "ServiceResourceType", []string{"slb", "gwlb"}); err != nil {
		t.Error(err)
	}
	if err := checkEnumValues("parameter X", "ServiceResourceType", []string{"slb", "xlb"}); err == nil || !strings.Contains(err.Error(), `"xlb"`) {
		t.Errorf("missing value: %v", err)
	}
	if err := checkEnumValues("parameter X", "", []string{"a"}); err == nil || !strings.Contains(err.Error(), "give it an enum Type") {
		t.Errorf("string field: %v", err)
	}
}

// Validation of an enum is open; an enum marked CaseSensitive also refuses
// a case variant of a known value.
func TestEnumValidationIsOpen(t *testing.T) {
	meta, err := apimeta.Load()
	if err != nil {
		t.Fatal(err)
	}
	src, err := genOp(meta["DescribeZones"], ops["DescribeZones"])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `v.enum("ServiceResourceType", string(r.ServiceResourceType))`) || strings.Contains(string(src), "IsKnown") ||
		strings.Contains(string(src), "enumCase") {
		t.Errorf("DescribeZones Validate:\n%s", src)
	}
	saved := slices.Clone(enums)
	t.Cleanup(func() { enums = saved })
	for i := range enums {
		if enums[i].Name == "ServiceResourceType" {
			enums[i].CaseSensitive = "evidence"
		}
	}
	src, err = genOp(meta["DescribeZones"], ops["DescribeZones"])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `v.enumCase("ServiceResourceType", string(r.ServiceResourceType), "slb", "alb", "nlb", "gwlb", "ALL")`) {
		t.Errorf("case-sensitive DescribeZones Validate:\n%s", src)
	}
}

// With PRIVATELINK_SDK_CHECKOUT naming a checkout of the newest
// definition, the committed snapshot must be what -sync derives from it:
// a drift check to run by hand before a release (CI has no checkout and
// reaches no network).
func TestCommittedSnapshotMatchesCheckout(t *testing.T) {
	dir := os.Getenv("PRIVATELINK_SDK_CHECKOUT")
	if dir == "" {
		t.Skip("PRIVATELINK_SDK_CHECKOUT is not set")
	}
	snap, err := readCheckout(dir)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := apimeta.LoadSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if report := diffSnapshots(committed, snap); !strings.HasSuffix(report, "no changes\n") || snap.Version != committed.Version {
		t.Errorf("the checkout differs from the committed snapshot; run go run ./internal/codegen -sync %s\n%s", dir, report)
	}
}

// The snapshot records the source commit: the one given (-sync-commit,
// for a tree git archive made), or the HEAD of a directory that is the top
// of a git checkout, never the HEAD of a repository the directory merely
// sits in.
func TestSyncRecordsCommit(t *testing.T) {
	const given = "388d598c4cbb7a39ab341c34d1c8b21ac9ee3370"
	written := func(t *testing.T, dir, commit string) (*apimeta.Snapshot, string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "snap.json")
		report, err := runSync(dir, commit, out, nil)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := apimeta.ParseSnapshot(raw)
		if err != nil {
			t.Fatal(err)
		}
		return snap, report
	}
	dir := writeCheckout(t)
	if snap, _ := written(t, dir, ""); snap.Commit != "" {
		t.Errorf("a tree without .git: commit %q", snap.Commit)
	}
	snap, report := written(t, dir, given)
	if snap.Commit != given || !strings.HasPrefix(report, "snapshot "+snapshotSource+" v5.0.11 (2026-07-01) at "+given+", against") {
		t.Errorf("given commit: %q, report %s", snap.Commit, report)
	}
	if _, err := runSync(dir, "388d598", filepath.Join(t.TempDir(), "s.json"), nil); err == nil || !strings.Contains(err.Error(), "not a full") {
		t.Errorf("short commit: %v", err)
	}

	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git(dir, "init", "-q")
	git(dir, "add", ".")
	git(dir, "commit", "-q", "-m", "v5.0.11")
	head := git(dir, "rev-parse", "HEAD")
	if snap, _ := written(t, dir, ""); snap.Commit != head {
		t.Errorf("a git checkout: commit %q, HEAD %s", snap.Commit, head)
	}
	if snap, _ := written(t, dir, given); snap.Commit != given {
		t.Errorf("the flag wins over HEAD: commit %q", snap.Commit)
	}

	// A tree inside another repository: that repository's HEAD is not
	// the tree's commit.
	outer := t.TempDir()
	git(outer, "init", "-q")
	git(outer, "commit", "-q", "--allow-empty", "-m", "outer")
	inner := filepath.Join(outer, "dara")
	if err := os.CopyFS(inner, os.DirFS(writeCheckout(t))); err != nil {
		t.Fatal(err)
	}
	if snap, _ := written(t, inner, ""); snap.Commit != "" {
		t.Errorf("a tree inside another repository: commit %q", snap.Commit)
	}
}

// Plain list items ("- Scalability: ...") are values only in a context
// that says so; bold ones always are.
func TestEnumValuesPlainItems(t *testing.T) {
	comment := func(lines ...string) *ast.CommentGroup {
		g := &ast.CommentGroup{}
		for _, l := range lines {
			g.List = append(g.List, &ast.Comment{Text: "// " + l})
		}
		return g
	}
	for name, tc := range map[string]struct {
		doc  *ast.CommentGroup
		want []string
	}{
		"introduced by valid values": {comment("The status, valid values:", "", "- Attaching: being attached.", "", "- Attached: attached."),
			[]string{"Attaching", "Attached"}},
		"introduced by enumerated values": {comment("Enumerated values:", "- Auto: any.", "- Manual: by hand."), []string{"Auto", "Manual"}},
		"a note in prose": {comment("The bandwidth of the connection.", "", "- Note: it is capped by the quota.", "", "example:", "", "100"),
			nil},
		"a note at the top": {comment("- Note: deprecated.", "", "example:", "", "true"), nil},
		"a list whose example is an item": {comment("- Scalability: automatic.", "", "- BandwidthLimit: capped.", "", "> Note: NLB defaults to Scalability.", "", "example:", "", "BandwidthLimit"),
			[]string{"Scalability", "BandwidthLimit"}},
		"a note after a values list": {comment("Valid values:", "- **slb**", "- **alb**", "", "Note the following:", "- Caution: the type cannot change."),
			[]string{"slb", "alb"}},
		"bold without context": {comment("- **On**", "- **Off**"), []string{"On", "Off"}},
	} {
		if got := enumValues(tc.doc); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}
