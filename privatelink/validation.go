package privatelink

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Documented limits of the endpoint operations.
const (
	// MaxZones is the most zones an endpoint may be created with.
	MaxZones = 10
	// MaxSecurityGroups is the most security groups an endpoint may be
	// created with.
	MaxSecurityGroups = 10
	// MaxTags is the most tags an endpoint may be created with.
	MaxTags = 20
)

// Problem is one reason a request is invalid.
type Problem struct {
	// Field is the path of the offending request field in Go syntax, with
	// 0-based indexes, for example "Zones[1].VSwitchID" (the second zone,
	// which is Zone.2 on the wire). It is empty for a problem of the
	// request as a whole.
	Field string
	// Message says what is wrong.
	Message string
}

// String returns "Field: Message".
func (p Problem) String() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// ValidationError reports a request that breaks the API's documented rules.
// It lists every problem found, not just the first, and is returned before
// anything is sent. Inspect it with errors.As.
type ValidationError struct {
	// Action is the API action the request is for.
	Action string
	// Problems lists every problem, in field order.
	Problems []Problem
}

// Error lists every problem on one line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("privatelink: ")
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	b.WriteString("invalid request: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// validator collects the problems of one request. Field paths with indexes
// are only formatted when a problem is found, so validating a good request
// does not allocate.
type validator struct {
	action   string
	problems []Problem
}

func (v *validator) add(field, msg string) {
	v.problems = append(v.problems, Problem{Field: field, Message: msg})
}

// check adds msg for field unless msg is empty; the check* functions below
// return "" for a valid value.
func (v *validator) check(field, msg string) {
	if msg != "" {
		v.add(field, msg)
	}
}

// looksLikeVSwitchID reports a vSwitch ID where a zone ID belongs: the
// zone and vSwitch arguments swapped, which the service reports as a
// misleading EndpointServiceNotSupportedZone. No zone ID starts "vsw-".
func looksLikeVSwitchID(zoneID string) bool { return strings.HasPrefix(zoneID, "vsw-") }

// swappedZoneMessage says what looksLikeVSwitchID found.
func swappedZoneMessage(zoneID string) string {
	return "got vSwitch ID " + strconv.Quote(zoneID) + " where a zone ID (like \"cn-hangzhou-a\") belongs: are the zone and vSwitch swapped?"
}

func (v *validator) required(field, value string) {
	if value == "" {
		v.add(field, "required")
	}
}

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Action: v.action, Problems: v.problems}
}

// nilRequest is the error for a nil request pointer.
func nilRequest(action string) error {
	return &ValidationError{Action: action, Problems: []Problem{{Message: "request is nil"}}}
}

// indexed formats a field path such as Zones[1].VSwitchID; sub may be empty.
func indexed(list string, i int, sub string) string {
	s := list + "[" + strconv.Itoa(i) + "]"
	if sub != "" {
		s += "." + sub
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// quoteByteAt renders the byte at s[i] for a message.
func quoteByteAt(s string, i int) string {
	return fmt.Sprintf("0x%02x at offset %d", s[i], i)
}

// checkEndpointName enforces the documented name rule: 2 to 128
// characters, starting with an English letter or a Chinese character,
// followed by those, digits, hyphens and underscores. The API reference
// names no other characters, so '.' and spaces are refused.
func checkEndpointName(s string) string {
	if n := utf8.RuneCountInString(s); n < 2 || n > 128 {
		return "must be 2 to 128 characters long, got " + itoa(n)
	}
	for i, r := range s {
		if i == 0 {
			if !isASCIILetter(r) && !unicode.Is(unicode.Han, r) {
				return fmt.Sprintf("must start with an English letter or a Chinese character, not %q", r)
			}
			continue
		}
		if !isASCIILetter(r) && !unicode.Is(unicode.Han, r) && !('0' <= r && r <= '9') && r != '-' && r != '_' {
			return fmt.Sprintf("may contain only letters, Chinese characters, digits, '-' and '_', found %q", r)
		}
	}
	return ""
}

func isASCIILetter(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// checkEndpointDescription enforces 2 to 256 characters, not starting with
// http:// or https://.
func checkEndpointDescription(s string) string {
	if n := utf8.RuneCountInString(s); n < 2 || n > 256 {
		return "must be 2 to 256 characters long, got " + itoa(n)
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return "must not start with http:// or https://"
	}
	return ""
}

// reservedTagPrefix returns the reserved prefix s starts with, or "".
func reservedTagPrefix(s string) string {
	for _, p := range [...]string{"aliyun", "acs:", "http://", "https://"} {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

func checkTagKey(s string) string {
	if n := utf8.RuneCountInString(s); n < 1 || n > 64 {
		if n == 0 {
			return "required"
		}
		return "must be 1 to 64 characters long, got " + itoa(n)
	}
	if p := reservedTagPrefix(s); p != "" {
		return "must not start with " + strconv.Quote(p)
	}
	return ""
}

func checkTagValue(s string) string {
	if n := utf8.RuneCountInString(s); n > 128 {
		return "must be at most 128 characters long, got " + itoa(n)
	}
	if p := reservedTagPrefix(s); p != "" {
		return "must not start with " + strconv.Quote(p)
	}
	return ""
}

// tags checks resource tags: at most MaxTags, each key and value within the
// limits, no reserved prefixes, no key twice.
func (v *validator) tags(field string, tags []Tag) {
	if len(tags) > MaxTags {
		v.add(field, "at most "+itoa(MaxTags)+" tags, got "+itoa(len(tags)))
	}
	for i, t := range tags {
		if msg := checkTagKey(t.Key); msg != "" {
			v.add(indexed(field, i, "Key"), msg)
		}
		if msg := checkTagValue(t.Value); msg != "" {
			v.add(indexed(field, i, "Value"), msg)
		}
		for j := range i {
			if t.Key != "" && tags[j].Key == t.Key {
				v.add(indexed(field, i, "Key"), "duplicate of "+indexed(field, j, "Key"))
				break
			}
		}
	}
}

// tagFilters checks the tags of a list filter. Filters match existing tags,
// so the reserved prefixes (which system tags carry) are allowed; the
// lengths still bound what any tag can hold.
func (v *validator) tagFilters(field string, tags []Tag) {
	for i, t := range tags {
		switch n := utf8.RuneCountInString(t.Key); {
		case n == 0:
			v.add(indexed(field, i, "Key"), "required")
		case n > 64:
			v.add(indexed(field, i, "Key"), "must be 1 to 64 characters long, got "+itoa(n))
		}
		if n := utf8.RuneCountInString(t.Value); n > 128 {
			v.add(indexed(field, i, "Value"), "must be at most 128 characters long, got "+itoa(n))
		}
	}
}

// checkIPv4 accepts a dotted-quad IPv4 address.
func checkIPv4(s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return fmt.Sprintf("%q is not an IPv4 address", s)
	}
	return ""
}

// checkIPv6 accepts an IPv6 address without a zone. IPv4-mapped addresses
// (::ffff:a.b.c.d) are refused: an ENI's IPv6 address comes from the
// vSwitch's IPv6 block and is never one.
func checkIPv6(s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() || a.Is4In6() || a.Zone() != "" {
		return fmt.Sprintf("%q is not an IPv6 address", s)
	}
	return ""
}

// checkPolicyDocument requires valid JSON. encoding/json is fine here: a
// policy is sent rarely and the check is not on a hot path.
func checkPolicyDocument(s string) string {
	if !json.Valid([]byte(s)) {
		return "must be a valid JSON document"
	}
	return ""
}

// checkMaxResults accepts 0 (the service's default page size) or 1..max.
func checkMaxResults(n, max int) string {
	if n < 0 || n > max {
		return "must be 1 to " + itoa(max) + ", or 0 for the service's default, got " + itoa(n)
	}
	return ""
}

// clientToken checks a caller's token; empty means "generate one".
func (v *validator) clientToken(s string) {
	if s != "" {
		v.check("ClientToken", checkClientToken(s))
	}
}

// quote renders s in Go syntax for a message.
func quote(s string) string { return strconv.Quote(s) }
