package privatelinktest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Documented limits of the endpoint API.
const (
	maxZones          = 10
	maxSecurityGroups = 10
	maxTags           = 20
	maxClientToken    = 64
)

// validName checks an EndpointName: 2-128 characters, starting with a
// letter or a Chinese character, then letters, digits, Chinese characters,
// hyphens and underscores.
func validName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 128 {
		return false
	}
	for i, r := range s {
		letter := r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z') || unicode.Is(unicode.Han, r)
		if i == 0 {
			if !letter {
				return false
			}
			continue
		}
		if !letter && !(r >= '0' && r <= '9') && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// validDescription checks an EndpointDescription: 2-256 characters, not
// starting with http:// or https://.
func validDescription(s string) bool {
	n := utf8.RuneCountInString(s)
	return utf8.ValidString(s) && n >= 2 && n <= 256 &&
		!strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// reservedTagPrefix reports whether a tag key or value starts with a prefix
// the service reserves for itself. The documentation writes the prefixes in
// lower case and says nothing of case, so the check is exact, as the SDK's.
func reservedTagPrefix(s string) bool {
	for _, p := range []string{"aliyun", "acs:", "http://", "https://"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// tags reads Tag.N.Key / Tag.N.Value. Keys are required and unique;
// values may be empty.
func (c *call) tags(max int) []Tag {
	items := c.indexed("Tag", max)
	out := make([]Tag, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		k, hasKey := it.fields["Key"]
		v := it.fields["Value"]
		switch {
		case !hasKey || k == "":
			c.fail(errMissing(it.key("Tag", "Key")))
		case !legalTagKey(k):
			c.fail(errInvalid(it.key("Tag", "Key"), "a tag key has 1 to 64 characters and must not start with aliyun, acs:, http:// or https://"))
		case !legalTagValue(v):
			c.fail(errInvalid(it.key("Tag", "Value"), "a tag value has at most 128 characters and must not start with aliyun, acs:, http:// or https://"))
		case seen[k]:
			c.fail(errInvalid(it.key("Tag", "Key"), "tag keys must be unique"))
		}
		if c.err != nil {
			return nil
		}
		seen[k] = true
		out = append(out, Tag{Key: k, Value: v})
	}
	return out
}

// tagFilters reads the Tag.N.Key / Tag.N.Value filters of a list call. A
// filter may name system tags (acs:rm:rgId and the like), so the reserved
// prefixes are allowed; a key is required.
func (c *call) tagFilters() []Tag {
	items := c.indexed("Tag", maxTagFilters)
	out := make([]Tag, 0, len(items))
	for _, it := range items {
		k, hasKey := it.fields["Key"]
		if !hasKey || k == "" {
			c.fail(errMissing(it.key("Tag", "Key")))
			return nil
		}
		out = append(out, Tag{Key: k, Value: it.fields["Value"]})
	}
	return out
}

// maxTagFilters bounds the tag filters of a list call; the API documents
// no limit, so this only keeps a hostile request small.
const maxTagFilters = 100

// clientToken reads ClientToken: ASCII only, at most 64 characters.
func (c *call) clientToken() string {
	t := c.str("ClientToken")
	if len(t) > maxClientToken {
		c.fail(errInvalid("ClientToken", "at most 64 characters"))
		return ""
	}
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf || t[i] < 0x20 || t[i] == 0x7f {
			c.fail(errInvalid("ClientToken", "only printable ASCII characters are allowed"))
			return ""
		}
	}
	return t
}

// nameAndDescription reads the optional EndpointName and
// EndpointDescription, validating them when given.
func (c *call) nameAndDescription() (name string, nameSet bool, desc string, descSet bool) {
	name, nameSet = c.req.first["EndpointName"]
	if nameSet && !validName(name) {
		c.fail(errInvalid("EndpointName", "2 to 128 characters, starting with a letter or a Chinese character, then letters, digits, hyphens (-) and underscores (_)"))
	}
	desc, descSet = c.req.first["EndpointDescription"]
	if descSet && !validDescription(desc) {
		c.fail(errInvalid("EndpointDescription", "2 to 256 characters, not starting with http:// or https://"))
	}
	return
}
