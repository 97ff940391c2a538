// Package wire encodes typed request fields into the flat parameter list of
// Alibaba Cloud's RPC style, without reflection.
//
// RPC parameters are flat key/value pairs: lists flatten 1-based
// (SecurityGroupId.1, SecurityGroupId.2) and lists of objects put the field
// name after the index (Zone.1.VSwitchId). Booleans are "true"/"false" and
// integers are decimal.
package wire

import (
	"strconv"
	"sync/atomic"

	"github.com/privatelink-go/sdk/signer"
)

// Params is the ordered parameter list of one request. Order does not matter
// on the wire (both signatures sort), but keeping insertion order makes tests
// and logs easy to read.
type Params []signer.Param

// Set appends key=value unconditionally, for required parameters.
func (p *Params) Set(key, value string) {
	*p = append(*p, signer.Param{Key: key, Value: value})
}

// String appends key=value when value is not empty: an empty optional string
// means "not set" for every parameter this SDK sends.
func (p *Params) String(key, value string) {
	if value != "" {
		p.Set(key, value)
	}
}

// True appends key=true when v is set. For flags whose false is the
// service's default (DryRun, ProtectedEnabled) omitting false is exactly what
// the official SDKs do, so the wire request stays identical.
func (p *Params) True(key string, v bool) {
	if v {
		p.Set(key, "true")
	}
}

// Bool appends key=true or key=false unconditionally, for fields where false
// is a distinct instruction (for example disabling zone affinity on update).
func (p *Params) Bool(key string, v bool) {
	if v {
		p.Set(key, "true")
	} else {
		p.Set(key, "false")
	}
}

// Int appends key=v in decimal when v is not zero.
func (p *Params) Int(key string, v int64) {
	if v != 0 {
		p.Set(key, strconv.FormatInt(v, 10))
	}
}

// List appends prefix.1=values[0], prefix.2=values[1], ...
func (p *Params) List(prefix string, values []string) {
	for i, v := range values {
		p.Set(Indexed(prefix, i, ""), v)
	}
}

// Indexed returns the flattened key for field of the i-th (0-based) element
// of the list prefix: Indexed("Zone", 0, "VSwitchId") is "Zone.1.VSwitchId";
// with an empty field it is "Zone.1".
//
// Keys are cached: a request sends the same few dozen of them every time,
// and building each anew was a tenth of the client's allocations.
func Indexed(prefix string, i int, field string) string {
	k := indexKey{prefix, field, i}
	if s, ok := (*keyCache.Load())[k]; ok {
		return s
	}
	n := strconv.Itoa(i + 1) // no allocation below 100
	s := prefix + "." + n
	if field != "" {
		s += "." + field
	}
	if i < maxCachedIndex {
		remember(k, s)
	}
	return s
}

// maxCachedIndex bounds the cache: the API's longest list has 21 entries.
const maxCachedIndex = 32

type indexKey struct {
	prefix, field string
	i             int
}

// keyCache is copy-on-write: readers never lock, and the few writes happen
// while the first requests warm it up.
var keyCache atomic.Pointer[map[indexKey]string]

func init() { keyCache.Store(&map[indexKey]string{}) }

func remember(k indexKey, s string) {
	for {
		old := keyCache.Load()
		if _, ok := (*old)[k]; ok {
			return
		}
		next := make(map[indexKey]string, len(*old)+1)
		for kk, v := range *old {
			next[kk] = v
		}
		next[k] = s
		if keyCache.CompareAndSwap(old, &next) {
			return
		}
	}
}
