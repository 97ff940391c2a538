package privatelink_test

import (
	"bufio"
	"os"
	"regexp"
	"testing"

	"github.com/privatelink-go/sdk/privatelink"
)

// The newest release in CHANGELOG.md is the version the SDK reports, so
// that a release tag, its changelog entry and the User-Agent agree.
func TestChangelogNewestReleaseIsVersion(t *testing.T) {
	f, err := os.Open("../CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heading := regexp.MustCompile(`^## \[(\d+\.\d+\.\d+[^\]]*)\]`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := heading.FindStringSubmatch(sc.Text()); m != nil {
			if m[1] != privatelink.Version {
				t.Errorf("CHANGELOG.md's newest release is %s, privatelink.Version is %s", m[1], privatelink.Version)
			}
			return
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatal("CHANGELOG.md has no release heading")
}
