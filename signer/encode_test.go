package signer

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPercentEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"AZaz09-_.~", "AZaz09-_.~"},
		{" ", "%20"},
		{"*", "%2A"},
		{"~", "~"},
		{"+", "%2B"},
		{"/", "%2F"},
		{"%", "%25"},
		{"=", "%3D"},
		{"&", "%26"},
		{"?", "%3F"},
		{":", "%3A"},
		{"a b*c~d", "a%20b%2Ac~d"},
		{"é", "%C3%A9"},
		{"测试", "%E6%B5%8B%E8%AF%95"},
		{"😀", "%F0%9F%98%80"},
		{"\x00\xff", "%00%FF"}, // bytes, even invalid UTF-8, are encoded one by one
		{"2016-02-23T12:46:24Z", "2016-02-23T12%3A46%3A24Z"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, PercentEncode(tt.in), "PercentEncode(%q)", tt.in)
		assert.Equal(t, "x"+tt.want, string(AppendPercentEncode([]byte("x"), tt.in)), "AppendPercentEncode(%q)", tt.in)
		assert.Equal(t, tt.want, officialPercentEncode(tt.in), "reference encoder disagrees on %q", tt.in)
	}
}

func TestPercentEncodeNoAllocWhenClean(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = PercentEncode("Zone.1.VSwitchId") })
	assert.Zero(t, allocs)
}

// officialPercentEncode is how Alibaba Cloud's Go SDKs encode: query
// escaping, then +, * and %7E fixed up. PercentEncode must agree with it.
func officialPercentEncode(s string) string {
	s = url.QueryEscape(s)
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	return strings.ReplaceAll(s, "%7E", "~")
}

func TestCanonicalQuery(t *testing.T) {
	params := []Param{
		{"b", "2"},
		{"a", "z"},
		{"a", "y"},
		{"a[", "bracket"}, // '[' sorts after 'Z' decoded, before it once encoded as %5B
		{"aZ", "upper"},
		{"c", "x y*~"},
		{"d", ""},
	}
	orig := append([]Param(nil), params...)
	got := CanonicalQuery(params)
	assert.Equal(t, "a=y&a=z&aZ=upper&a%5B=bracket&b=2&c=x%20y%2A~&d=", got)
	assert.Equal(t, orig, params, "CanonicalQuery must not modify its input")
	assert.Empty(t, CanonicalQuery(nil))
}

func TestCanonicalQueryManyParams(t *testing.T) {
	// More parameters than fit the stack buffer take the heap path and
	// must give the same kind of result.
	var params []Param
	for i := range 2 * stackParams {
		params = append(params, Param{Key: "K" + string(rune('a'+i%26)) + strings.Repeat("x", i/26), Value: "v"})
	}
	got := CanonicalQuery(params)
	parts := strings.Split(got, "&")
	assert.Len(t, parts, len(params))
	assert.IsNonDecreasing(t, parts)
}

func TestVersionString(t *testing.T) {
	assert.Equal(t, "V1", V1.String())
	assert.Equal(t, "V3", V3.String())
	assert.Equal(t, "Version(2)", Version(2).String())
	assert.Equal(t, "Version(0)", Version(0).String())
}
