package reconcile

import (
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/privatelink"
)

// A derived ClientToken is always what the service accepts (at most 64
// printable ASCII characters), the same for the same inputs, and different
// when any input differs; a Key checkKey accepts is a tag value the
// service's rules accept, so the create that carries it never fails on
// the ownership tag.
func FuzzClientTokenAndKey(f *testing.F) {
	f.Add("privatelink-go/reconcile-key", "tenant-42/orders-db", "ep-hp3emu0aaaaaaaaaaaaaa", "cn-hangzhou-h", "rev", 0)
	f.Add("k", "", "", "", "", 3)
	f.Add("acs:x", "aliyun", "\x00", "终端", "http://", -1)
	f.Fuzz(func(t *testing.T, tagKey, key, id, detail, rev string, gen int) {
		tok := clientToken(tagKey, ChangeAddZone, key, id, detail, rev, gen)
		if len(tok) > privatelink.MaxClientTokenLen || !strings.HasPrefix(tok, tokenPrefix) {
			t.Fatalf("token %q", tok)
		}
		for i := 0; i < len(tok); i++ {
			if tok[i] < 0x21 || tok[i] > 0x7e {
				t.Fatalf("token %q has byte %#x", tok, tok[i])
			}
		}
		if tok != clientToken(tagKey, ChangeAddZone, key, id, detail, rev, gen) {
			t.Fatal("not deterministic")
		}
		if tok == clientToken(tagKey, ChangeAddZone, key, id, detail, rev, gen+1) ||
			tok == clientToken(tagKey, ChangeRemoveZone, key, id, detail, rev, gen) ||
			tok == clientToken(tagKey, ChangeAddZone, key+"x", id, detail, rev, gen) ||
			tok == clientToken(tagKey, ChangeAddZone, key, id, detail, rev+"x", gen) ||
			tok == clientToken(tagKey+"x", ChangeAddZone, key, id, detail, rev, gen) ||
			tok == clientToken(tagKey, ChangeAddZone, key, id+detail, "", rev, gen) && detail != "" {
			t.Fatal("different changes share a token")
		}
		if checkKey(key) == "" && checkTagKey(tagKey) == "" {
			req := &privatelink.TagResourcesRequest{ResourceType: privatelink.TagResourceTypeVpcEndpoint, ResourceIDs: []string{"ep-hp3emu0aaaaaaaaaaaaaa"},
				Tags: []privatelink.Tag{{Key: tagKey, Value: key}}}
			if err := req.Validate(); err != nil {
				t.Fatalf("Key %q and tag key %q pass checkKey but the tag is refused: %v", key, tagKey, err)
			}
		}
	})
}
