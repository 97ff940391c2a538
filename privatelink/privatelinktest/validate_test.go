package privatelinktest

import (
	"strings"
	"testing"
)

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"ab": true, "test": true, "my-endpoint_1": true, "终端节点": true, "a" + strings.Repeat("b", 127): true,
		"a": false, "": false, "1ab": false, "-ab": false, "_ab": false, "ab c": false, "ab.c": false,
		"a" + strings.Repeat("b", 128): false, "éclair": false, "ab\x00": false,
	} {
		if got := validName(name); got != want {
			t.Errorf("validName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestValidDescription(t *testing.T) {
	for desc, want := range map[string]bool{
		"ok": true, "This is my Endpoint.": true, "ftp://x": true, "说明": true, strings.Repeat("d", 256): true,
		"x": false, "http://x": false, "https://x": false, strings.Repeat("d", 257): false, "\xff\xfe": false,
	} {
		if got := validDescription(desc); got != want {
			t.Errorf("validDescription(%q) = %v, want %v", desc, got, want)
		}
	}
}

func TestReservedTagPrefix(t *testing.T) {
	for s, want := range map[string]bool{"aliyun-x": true, "Aliyun": false, "acs:x": true, "http://": true, "https://y": true, "team": false, "acs": false} {
		if got := reservedTagPrefix(s); got != want {
			t.Errorf("reservedTagPrefix(%q) = %v", s, got)
		}
	}
}

func TestCallTags(t *testing.T) {
	c := testCall("Tag.2.Key", "b", "Tag.1.Key", "a", "Tag.1.Value", "1")
	got := c.tags(maxTags)
	if c.err != nil || len(got) != 2 || got[0] != (Tag{"a", "1"}) || got[1] != (Tag{"b", ""}) {
		t.Fatalf("tags %v err %v", got, c.err)
	}
}

func TestCallClientToken(t *testing.T) {
	for token, ok := range map[string]bool{
		"0c593ea1-3bea-11e9-b96b-88e9fe637760": true, strings.Repeat("t", 64): true, "": true,
		strings.Repeat("t", 65): false, "tök": false, "a\nb": false,
	} {
		c := testCall("ClientToken", token)
		c.clientToken()
		if (c.err == nil) != ok {
			t.Errorf("ClientToken %q: err %v", token, c.err)
		}
	}
}
