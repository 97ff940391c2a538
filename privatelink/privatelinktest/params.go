package privatelinktest

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// call is one authenticated operation being executed, with its parameters
// and a sticky first error, so that an operation reads all its parameters
// in a row and checks once.
type call struct {
	s   *Server
	req *apiRequest
	now time.Time
	err *apiError
	// acct is the account of the key that signed the request: the only
	// one whose resources the call sees.
	acct *account

	// Idempotency, filled by clientToken and checked by replay.
	token    string
	remember bool
	fp       string
	// replayed is the stored answer a helper that reads the client token
	// found, for its operation to return.
	replayed any
	// fromToken is set when the answer is the one stored with the client
	// token: the call changes nothing, and needs no journal record.
	fromToken bool

	// The journal record of a request that may change state, and the ID
	// generator's position before it ran (see journalBegin).
	jrec *journalRecord
	jseq uint64
	jrng []byte
}

func (c *call) fail(e *apiError) {
	if c.err == nil {
		c.err = e
	}
}

// str returns the first value of name, or "".
func (c *call) str(name string) string { return c.req.first[name] }

// required returns name's value, failing with MissingParameter when it is
// absent or empty.
func (c *call) required(name string) string {
	v := c.str(name)
	if v == "" {
		c.fail(errMissing(name))
	}
	return v
}

// boolean parses name as true or false (in any case, as the service's
// parser does); absent is false.
func (c *call) boolean(name string) bool {
	v, _ := c.optBool(name)
	return v
}

// optBool parses name and reports whether it was given.
func (c *call) optBool(name string) (value, set bool) {
	v, ok := c.req.first[name]
	if !ok {
		return false, false
	}
	switch strings.ToLower(v) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	c.fail(errInvalid(name, "must be true or false"))
	return false, false
}

// integer parses name as a decimal integer within [min, max], returning def
// when it is absent.
func (c *call) integer(name string, min, max, def int) int {
	v, ok := c.req.first[name]
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		c.fail(errInvalid(name, "must be an integer"))
		return def
	}
	if n < min || n > max {
		c.fail(errInvalid(name, "must be between "+strconv.Itoa(min)+" and "+strconv.Itoa(max)))
		return def
	}
	return n
}

// enum returns name's value if it is one of allowed (or absent).
func (c *call) enum(name string, allowed ...string) string {
	v, ok := c.req.first[name]
	if !ok {
		return ""
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	c.fail(errInvalid(name, "must be one of "+strings.Join(allowed, ", ")))
	return ""
}

// filter returns the value of a list operation's enumerated filter as
// given: compared exactly with what a resource has, and a value no
// resource has matches nothing, an empty page, rather than
// InvalidParameter. The list operations document no error code for a bad
// filter, and clients send values outside the documented sets: Terraform's
// alicloud provider lets its data sources filter endpoints by status
// Deleted or Inactive, connections by Deleted and services by Deleted or
// business status SecurityLocked (data_source_alicloud_privatelink_*.go,
// StringInSlice), and the emulator refused even ServiceDeleted, which
// ListVpcEndpointConnections documents. The comparison keeps case: every
// client sends the documented spelling (Terraform validates it
// case-sensitively; the aliyun CLI and the SDKs send what they are given).
func (c *call) filter(name string) string { return c.str(name) }

// enumFold is enum for a parameter the service compares without regard
// to case: it returns the allowed spelling that name's value matches. Each
// caller names its evidence that the service accepts other cases.
func (c *call) enumFold(name string, allowed ...string) string {
	v, ok := c.req.first[name]
	if !ok {
		return ""
	}
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a
		}
	}
	c.fail(errInvalid(name, "must be one of "+strings.Join(allowed, ", ")))
	return ""
}

// listItem is one element of a flattened list: its 1-based index and its
// fields ("" for a list of strings).
type listItem struct {
	index  int
	fields map[string]string
}

// key returns the wire name of field of the item.
func (it listItem) key(prefix, field string) string {
	k := prefix + "." + strconv.Itoa(it.index)
	if field != "" {
		k += "." + field
	}
	return k
}

// indexed collects the 1-based list prefix.N or prefix.N.field keys, in
// index order, failing on an index of 0 or above max. Keys whose index is
// not a number are not list items and are ignored, as the service ignores
// unknown parameters.
func (c *call) indexed(prefix string, max int) []listItem {
	byIndex := map[int]map[string]string{}
	for _, p := range c.req.params {
		rest, ok := strings.CutPrefix(p.Key, prefix+".")
		if !ok {
			continue
		}
		num, field, _ := strings.Cut(rest, ".")
		if num == "" || strings.TrimLeft(num, "0123456789") != "" {
			continue
		}
		i, err := strconv.Atoi(num)
		if err != nil || i < 1 || i > max {
			c.fail(errInvalid(p.Key, "the index must be between 1 and "+strconv.Itoa(max)))
			return nil
		}
		m := byIndex[i]
		if m == nil {
			m = map[string]string{}
			byIndex[i] = m
		}
		if _, dup := m[field]; !dup {
			m[field] = p.Value
		}
	}
	out := make([]listItem, 0, len(byIndex))
	for i, m := range byIndex {
		out = append(out, listItem{index: i, fields: m})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].index < out[b].index })
	return out
}

// stringList returns the values of prefix.1, prefix.2, ... in index order.
func (c *call) stringList(prefix string, max int) []string {
	items := c.indexed(prefix, max)
	out := make([]string, 0, len(items))
	for _, it := range items {
		v, ok := it.fields[""]
		if !ok {
			continue
		}
		if v == "" {
			c.fail(errInvalid(it.key(prefix, ""), "must not be empty"))
			return nil
		}
		out = append(out, v)
	}
	return out
}
