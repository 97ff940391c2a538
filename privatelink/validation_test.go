package privatelink

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// validCreate is the smallest valid CreateVpcEndpoint request.
func validCreate() CreateVpcEndpointRequest {
	return CreateVpcEndpointRequest{VpcID: "vpc-1", ServiceID: "epsrv-1", SecurityGroupIDs: []string{"sg-1"}}
}

func zonesN(n int) []Zone {
	zs := make([]Zone, n)
	for i := range zs {
		zs[i] = Zone{ZoneID: fmt.Sprintf("zone-%d", i), VSwitchID: fmt.Sprintf("vsw-%d", i)}
	}
	return zs
}

func sgsN(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("sg-%d", i)
	}
	return ids
}

func tagsN(n int) []Tag {
	ts := make([]Tag, n)
	for i := range ts {
		ts[i] = Tag{Key: fmt.Sprintf("k%d", i), Value: "v"}
	}
	return ts
}

// TestValidateCreateVpcEndpointRules covers every documented rule with a
// request that just passes and one that just fails.
func TestValidateCreateVpcEndpointRules(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(r *CreateVpcEndpointRequest)
		field string // "" means valid
		msg   string
	}{
		{name: "minimal", edit: func(*CreateVpcEndpointRequest) {}},
		{name: "VpcID required", edit: func(r *CreateVpcEndpointRequest) { r.VpcID = "" }, field: "VpcID", msg: "required"},
		{name: "ServiceName alone", edit: func(r *CreateVpcEndpointRequest) { r.ServiceID, r.ServiceName = "", "com.aliyuncs.privatelink.x" }},
		{name: "ServiceID and ServiceName", edit: func(r *CreateVpcEndpointRequest) { r.ServiceName = "com.aliyuncs.privatelink.x" }},
		{name: "neither ServiceID nor ServiceName", edit: func(r *CreateVpcEndpointRequest) { r.ServiceID = "" }, field: "ServiceID", msg: "ServiceID or ServiceName"},

		// EndpointName: 2-128 characters, letter or Chinese first, then
		// letters, Chinese, digits, '-', '_'.
		{name: "name 2 chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "ab" }},
		{name: "name 1 char", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "a" }, field: "EndpointName", msg: "2 to 128"},
		{name: "name 128 chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "a" + strings.Repeat("b", 127) }},
		{name: "name 129 chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "a" + strings.Repeat("b", 128) }, field: "EndpointName", msg: "got 129"},
		{name: "name 128 Chinese chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = strings.Repeat("终", 128) }},
		{name: "name 129 Chinese chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = strings.Repeat("终", 129) }, field: "EndpointName", msg: "2 to 128"},
		{name: "name all allowed characters", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "Ab-_09终端" }},
		{name: "name starts with Chinese", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "终端-1" }},
		{name: "name starts with digit", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "1abc" }, field: "EndpointName", msg: "must start with"},
		{name: "name starts with hyphen", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "-abc" }, field: "EndpointName", msg: "must start with"},
		{name: "name starts with underscore", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "_abc" }, field: "EndpointName", msg: "must start with"},
		{name: "name starts with non-ASCII letter", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "éabc" }, field: "EndpointName", msg: "must start with"},
		{name: "name with period", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "my.endpoint" }, field: "EndpointName", msg: "'.'"},
		{name: "name with space", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "my endpoint" }, field: "EndpointName", msg: "' '"},
		{name: "name with katakana", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "aエンド" }, field: "EndpointName", msg: "'エ'"},
		{name: "name with invalid UTF-8", edit: func(r *CreateVpcEndpointRequest) { r.EndpointName = "ab\xff" }, field: "EndpointName", msg: "may contain only"},

		// EndpointDescription: 2-256 characters, no http:// or https:// start.
		{name: "description 2 chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = "ok" }},
		{name: "description 1 char", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = "x" }, field: "EndpointDescription", msg: "2 to 256"},
		{name: "description 256 chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = strings.Repeat("描", 256) }},
		{name: "description 257 chars", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = strings.Repeat("d", 257) }, field: "EndpointDescription", msg: "got 257"},
		{name: "description any characters", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = "see http://x. (any text!)" }},
		{name: "description http", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = "http://example.com" }, field: "EndpointDescription", msg: "http://"},
		{name: "description https", edit: func(r *CreateVpcEndpointRequest) { r.EndpointDescription = "https://example.com" }, field: "EndpointDescription", msg: "https://"},

		// Enums.
		{name: "type Interface", edit: func(r *CreateVpcEndpointRequest) { r.EndpointType = EndpointTypeInterface }},
		{name: "type Reverse", edit: func(r *CreateVpcEndpointRequest) { r.EndpointType = EndpointTypeReverse }},
		{name: "type GatewayLoadBalancer", edit: func(r *CreateVpcEndpointRequest) {
			r.EndpointType, r.SecurityGroupIDs = EndpointTypeGatewayLoadBalancer, nil
		}},
		{name: "GatewayLoadBalancer with a security group", edit: func(r *CreateVpcEndpointRequest) { r.EndpointType = EndpointTypeGatewayLoadBalancer }, field: "SecurityGroupIDs", msg: "takes no security group"},
		{name: "Interface without a security group", edit: func(r *CreateVpcEndpointRequest) { r.SecurityGroupIDs = nil }, field: "SecurityGroupIDs", msg: "at least one security group"},
		{name: "Reverse without a security group", edit: func(r *CreateVpcEndpointRequest) { r.EndpointType, r.SecurityGroupIDs = EndpointTypeReverse, nil }},
		{name: "zone and vSwitch swapped", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "vsw-hp3uf6045ljdhd5zr0001", VSwitchID: "cn-huhehaote-a"}}
		}, field: "Zones[0].ZoneID", msg: "are the zone and vSwitch swapped?"},
		{name: "type in another case is sent", edit: func(r *CreateVpcEndpointRequest) { r.EndpointType = "interface" }},
		{name: "type blank", edit: func(r *CreateVpcEndpointRequest) { r.EndpointType = " " }, field: "EndpointType", msg: "blank"},
		{name: "ip version IPv4", edit: func(r *CreateVpcEndpointRequest) { r.AddressIPVersion = AddressIPVersionIPv4 }},
		{name: "ip version DualStack", edit: func(r *CreateVpcEndpointRequest) { r.AddressIPVersion = AddressIPVersionDualStack }},
		{name: "ip version unknown is sent", edit: func(r *CreateVpcEndpointRequest) { r.AddressIPVersion = "IPv6" }},
		{name: "ip version blank", edit: func(r *CreateVpcEndpointRequest) { r.AddressIPVersion = "\n" }, field: "AddressIPVersion", msg: "blank"},

		// Zones.
		{name: "10 zones", edit: func(r *CreateVpcEndpointRequest) { r.Zones = zonesN(10) }},
		{name: "11 zones", edit: func(r *CreateVpcEndpointRequest) { r.Zones = zonesN(11) }, field: "Zones", msg: "at most 10"},
		{name: "zone without ZoneID", edit: func(r *CreateVpcEndpointRequest) { r.Zones = []Zone{{VSwitchID: "vsw-1"}} }, field: "Zones[0].ZoneID", msg: "required"},
		{name: "zone without VSwitchID", edit: func(r *CreateVpcEndpointRequest) { r.Zones = []Zone{{ZoneID: "z"}} }, field: "Zones[0].VSwitchID", msg: "required"},
		{name: "duplicate zone", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = append(zonesN(3), Zone{ZoneID: "zone-1", VSwitchID: "vsw-x"})
		}, field: "Zones[3].ZoneID", msg: "duplicate of Zones[1].ZoneID"},
		{name: "same vSwitch in two zones", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "a", VSwitchID: "vsw-v"}, {ZoneID: "b", VSwitchID: "vsw-v"}}
		}},
		{name: "zone IPv4", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IP: "192.168.1.20"}}
		}},
		{name: "zone IP not an address", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IP: "192.168.1"}}
		}, field: "Zones[0].IP", msg: "not an IPv4"},
		{name: "zone IP with leading zeros", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IP: "192.168.01.2"}}
		}, field: "Zones[0].IP", msg: "not an IPv4"},
		{name: "zone IP is IPv6", edit: func(r *CreateVpcEndpointRequest) { r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IP: "2408::1"}} }, field: "Zones[0].IP", msg: "not an IPv4"},
		{name: "zone IPv6 with DualStack", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = AddressIPVersionDualStack
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IP: "10.0.0.1", IPv6Address: "2408:4005:34d:1:a58b:62a3:6b55:1"}}
		}},
		{name: "zone IPv6 without DualStack", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "2408:4005:34d::1"}}
		}, field: "Zones[0].IPv6Address", msg: "not allowed with AddressIPVersion IPv4 (the default)"},
		{name: "zone IPv6 with IPv4", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = AddressIPVersionIPv4
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "2408:4005:34d::1"}}
		}, field: "Zones[0].IPv6Address", msg: "not allowed with AddressIPVersion IPv4 (the default)"},
		{name: "zone IPv6 with ipv4 in lower case", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = "ipv4"
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "2408:4005:34d::1"}}
		}, field: "Zones[0].IPv6Address", msg: "not allowed with AddressIPVersion IPv4"},
		{name: "zone IPv6 with a version this release does not know", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = "IPv6Only"
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "2408:4005:34d::1"}}
		}},
		{name: "zone IPv6 with dualstack in lower case", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = "dualstack"
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "2408:4005:34d::1"}}
		}},
		{name: "zone IPv6 malformed", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = AddressIPVersionDualStack
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "2408:::1"}}
		}, field: "Zones[0].IPv6Address", msg: "not an IPv6"},
		{name: "zone IPv6 is IPv4", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = AddressIPVersionDualStack
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "10.0.0.1"}}
		}, field: "Zones[0].IPv6Address", msg: "not an IPv6"},
		{name: "zone IPv6 with zone index", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = AddressIPVersionDualStack
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "fe80::1%eth0"}}
		}, field: "Zones[0].IPv6Address", msg: "not an IPv6"},
		{name: "zone IPv6 v4-mapped", edit: func(r *CreateVpcEndpointRequest) {
			r.AddressIPVersion = AddressIPVersionDualStack
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", IPv6Address: "::ffff:10.0.0.1"}}
		}, field: "Zones[0].IPv6Address", msg: "not an IPv6"},
		{name: "zone response-only fields are ignored", edit: func(r *CreateVpcEndpointRequest) {
			r.Zones = []Zone{{ZoneID: "z", VSwitchID: "vsw-v", EniID: "eni-1", ZoneStatus: "Odd", ZoneDomain: "d"}}
		}},

		// Security groups.
		{name: "10 security groups", edit: func(r *CreateVpcEndpointRequest) { r.SecurityGroupIDs = sgsN(10) }},
		{name: "11 security groups", edit: func(r *CreateVpcEndpointRequest) { r.SecurityGroupIDs = sgsN(11) }, field: "SecurityGroupIDs", msg: "at most 10"},
		{name: "duplicate security group", edit: func(r *CreateVpcEndpointRequest) { r.SecurityGroupIDs = []string{"sg-1", "sg-2", "sg-1"} }, field: "SecurityGroupIDs[2]", msg: "duplicate of SecurityGroupIDs[0]"},
		{name: "empty security group", edit: func(r *CreateVpcEndpointRequest) { r.SecurityGroupIDs = []string{"sg-1", ""} }, field: "SecurityGroupIDs[1]", msg: "must not be empty"},

		// Tags.
		{name: "20 tags", edit: func(r *CreateVpcEndpointRequest) { r.Tags = tagsN(20) }},
		{name: "21 tags", edit: func(r *CreateVpcEndpointRequest) { r.Tags = tagsN(21) }, field: "Tags", msg: "at most 20"},
		{name: "tag key 64 chars", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: strings.Repeat("键", 64)}} }},
		{name: "tag key 65 chars", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: strings.Repeat("k", 65)}} }, field: "Tags[0].Key", msg: "1 to 64"},
		{name: "tag key empty", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Value: "v"}} }, field: "Tags[0].Key", msg: "required"},
		{name: "tag value empty", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k"}} }},
		{name: "tag value 128 chars", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k", Value: strings.Repeat("值", 128)}} }},
		{name: "tag value 129 chars", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k", Value: strings.Repeat("v", 129)}} }, field: "Tags[0].Value", msg: "at most 128"},
		{name: "tag key aliyun", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "aliyun-x"}} }, field: "Tags[0].Key", msg: `"aliyun"`},
		{name: "tag key acs:", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "acs:rm:rgId"}} }, field: "Tags[0].Key", msg: `"acs:"`},
		{name: "tag key http://", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "http://x"}} }, field: "Tags[0].Key", msg: `"http://"`},
		{name: "tag key https://", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "https://x"}} }, field: "Tags[0].Key", msg: `"https://"`},
		{name: "tag value aliyun", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k", Value: "aliyun"}} }, field: "Tags[0].Value", msg: `"aliyun"`},
		{name: "tag value acs:", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k", Value: "acs:x"}} }, field: "Tags[0].Value", msg: `"acs:"`},
		{name: "tag value http://", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k", Value: "http://x"}} }, field: "Tags[0].Value", msg: `"http://"`},
		{name: "tag value https://", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "k", Value: "https://x"}} }, field: "Tags[0].Value", msg: `"https://"`},
		{name: "tag prefix only at the start", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "my-aliyun", Value: "see https://x"}} }},
		{name: "duplicate tag key", edit: func(r *CreateVpcEndpointRequest) { r.Tags = []Tag{{Key: "a"}, {Key: "b"}, {Key: "a", Value: "2"}} }, field: "Tags[2].Key", msg: "duplicate of Tags[0].Key"},

		// ClientToken: printable ASCII, at most 64.
		{name: "token 64 chars", edit: func(r *CreateVpcEndpointRequest) { r.ClientToken = strings.Repeat("t", 64) }},
		{name: "token 65 chars", edit: func(r *CreateVpcEndpointRequest) { r.ClientToken = strings.Repeat("t", 65) }, field: "ClientToken", msg: "at most 64"},
		{name: "token printable ASCII", edit: func(r *CreateVpcEndpointRequest) { r.ClientToken = " !~azAZ09-_{}" }},
		{name: "token non-ASCII", edit: func(r *CreateVpcEndpointRequest) { r.ClientToken = "tök" }, field: "ClientToken", msg: "printable ASCII"},
		{name: "token control character", edit: func(r *CreateVpcEndpointRequest) { r.ClientToken = "a\nb" }, field: "ClientToken", msg: "0x0a at offset 1"},
		{name: "token DEL", edit: func(r *CreateVpcEndpointRequest) { r.ClientToken = "a\x7f" }, field: "ClientToken", msg: "printable ASCII"},

		// Numbers.
		{name: "ip count 1", edit: func(r *CreateVpcEndpointRequest) { r.ZonePrivateIPAddressCount = 1 }},
		{name: "ip count 2", edit: func(r *CreateVpcEndpointRequest) { r.ZonePrivateIPAddressCount = 2 }, field: "ZonePrivateIPAddressCount", msg: "must be 1"},
		{name: "ip count negative", edit: func(r *CreateVpcEndpointRequest) { r.ZonePrivateIPAddressCount = -1 }, field: "ZonePrivateIPAddressCount", msg: "must be 1"},
		{name: "cross-region bandwidth", edit: func(r *CreateVpcEndpointRequest) { r.CrossRegionBandwidth = 1000 }},
		{name: "cross-region bandwidth negative", edit: func(r *CreateVpcEndpointRequest) { r.CrossRegionBandwidth = -1 }, field: "CrossRegionBandwidth", msg: "negative"},

		// PolicyDocument.
		{name: "policy JSON", edit: func(r *CreateVpcEndpointRequest) { r.PolicyDocument = `{"Version":"1","Statement":[]}` }},
		{name: "policy not JSON", edit: func(r *CreateVpcEndpointRequest) { r.PolicyDocument = `{"Version":"1",}` }, field: "PolicyDocument", msg: "valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validCreate()
			tt.edit(&r)
			err := r.Validate()
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			requireProblem(t, err, tt.field, tt.msg)
			assert.Len(t, err.(*ValidationError).Problems, 1, "only the broken rule is reported")
			assert.Contains(t, err.Error(), tt.field+": ")
		})
	}
}

func TestValidationErrorListsEveryProblem(t *testing.T) {
	r := CreateVpcEndpointRequest{
		EndpointName:        "x",
		EndpointDescription: "https://x",
		EndpointType:        " ",
		AddressIPVersion:    " ",
		Zones:               []Zone{{ZoneID: "z"}, {VSwitchID: "v", IP: "bad"}},
		SecurityGroupIDs:    []string{"sg", "sg"},
		Tags:                []Tag{{Key: "aliyun"}},
		ClientToken:         strings.Repeat("x", 70),
		PolicyDocument:      "{",
	}
	err := r.Validate()
	assert.Equal(t, []string{
		"AddressIPVersion", "ClientToken", "EndpointDescription", "EndpointName", "EndpointType",
		"PolicyDocument", "SecurityGroupIDs[0]", "SecurityGroupIDs[1]", "SecurityGroupIDs[1]", "ServiceID", "Tags[0].Key", "VpcID",
		"Zones[0].VSwitchID", "Zones[1].IP", "Zones[1].VSwitchID", "Zones[1].ZoneID",
	}, problemFields(t, err))
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, "privatelink: CreateVpcEndpoint: invalid request: VpcID: required; "), msg)
	for _, p := range err.(*ValidationError).Problems {
		assert.Contains(t, msg, p.String())
	}
}

func TestProblemString(t *testing.T) {
	assert.Equal(t, "Zones[1].VSwitchID: required", Problem{Field: "Zones[1].VSwitchID", Message: "required"}.String())
	assert.Equal(t, "request is nil", Problem{Message: "request is nil"}.String())
	assert.Equal(t, "privatelink: invalid request: a: b; c", (&ValidationError{Problems: []Problem{{"a", "b"}, {"", "c"}}}).Error())
}

func TestEnumsIsKnown(t *testing.T) {
	for _, s := range []EndpointStatus{EndpointStatusCreating, EndpointStatusActive, EndpointStatusPending, EndpointStatusDeleting} {
		assert.True(t, s.IsKnown(), s)
	}
	assert.False(t, EndpointStatus("active").IsKnown())
	for _, s := range []ConnectionStatus{ConnectionStatusPending, ConnectionStatusConnecting, ConnectionStatusConnected, ConnectionStatusDisconnecting, ConnectionStatusDisconnected, ConnectionStatusDeleting, ConnectionStatusServiceDeleted} {
		assert.True(t, s.IsKnown(), s)
	}
	assert.False(t, ConnectionStatus("").IsKnown())
	assert.True(t, EndpointBusinessStatusNormal.IsKnown())
	assert.True(t, EndpointBusinessStatusFinancialLocked.IsKnown())
	assert.False(t, EndpointBusinessStatus("FinacialLocked").IsKnown())
	for _, e := range []EndpointType{EndpointTypeInterface, EndpointTypeReverse, EndpointTypeGatewayLoadBalancer} {
		assert.True(t, e.IsKnown(), e)
	}
	assert.False(t, EndpointType("Gateway").IsKnown())
	assert.True(t, AddressIPVersionIPv4.IsKnown())
	assert.True(t, AddressIPVersionDualStack.IsKnown())
	assert.False(t, AddressIPVersion("ipv4").IsKnown())
	for _, s := range []ZoneStatus{ZoneStatusCreating, ZoneStatusWait, ZoneStatusConnecting, ZoneStatusConnected, ZoneStatusDisconnecting, ZoneStatusDisconnected, ZoneStatusDeleting} {
		assert.True(t, s.IsKnown(), s)
	}
	assert.False(t, ZoneStatus("Active").IsKnown())
	for _, s := range []SecurityGroupStatus{SecurityGroupStatusAttaching, SecurityGroupStatusAttached, SecurityGroupStatusDetaching} {
		assert.True(t, s.IsKnown(), s)
	}
	assert.False(t, SecurityGroupStatus("Detached").IsKnown())
}

func TestOptional(t *testing.T) {
	var unset Optional[bool]
	v, ok := unset.Get()
	assert.False(t, v)
	assert.False(t, ok)
	v, ok = Some(false).Get()
	assert.False(t, v)
	assert.True(t, ok, "Some(false) is set")
	assert.Equal(t, Optional[bool]{Value: true, Set: true}, Some(true))
}

// createFromQuery rebuilds a CreateVpcEndpoint request from a decoded
// query string, refusing any key the encoder should not produce. It is the
// inverse of params for valid requests.
func createFromQuery(q url.Values) (CreateVpcEndpointRequest, error) {
	var r CreateVpcEndpointRequest
	num := func(k string) (int, error) { return strconv.Atoi(q.Get(k)) }
	index := func(k, prefix string) (int, string, bool) {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			return 0, "", false
		}
		n, field, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(n)
		if err != nil || i < 1 || strconv.Itoa(i) != n {
			return 0, "", false
		}
		return i - 1, field, true
	}
	grow := func(n int, i int) int { return max(n, i+1) }
	var nz, nsg, ntag int
	for k := range q {
		if i, _, ok := index(k, "Zone"); ok {
			nz = grow(nz, i)
		} else if i, _, ok := index(k, "SecurityGroupId"); ok {
			nsg = grow(nsg, i)
		} else if i, _, ok := index(k, "Tag"); ok {
			ntag = grow(ntag, i)
		}
	}
	if nz > 0 {
		r.Zones = make([]Zone, nz)
	}
	if nsg > 0 {
		r.SecurityGroupIDs = make([]string, nsg)
	}
	if ntag > 0 {
		r.Tags = make([]Tag, ntag)
	}
	for k, vs := range q {
		if len(vs) != 1 {
			return r, fmt.Errorf("%s sent %d times", k, len(vs))
		}
		v := vs[0]
		var err error
		switch k {
		case "ClientToken":
			r.ClientToken = v
		case "DryRun":
			r.DryRun, err = v == "true", wantTrue(v)
		case "EndpointName":
			r.EndpointName = v
		case "EndpointType":
			r.EndpointType = EndpointType(v)
		case "ZonePrivateIpAddressCount":
			r.ZonePrivateIPAddressCount, err = num(k)
		case "EndpointDescription":
			r.EndpointDescription = v
		case "VpcId":
			r.VpcID = v
		case "ServiceId":
			r.ServiceID = v
		case "ServiceName":
			r.ServiceName = v
		case "ProtectedEnabled":
			r.ProtectedEnabled, err = v == "true", wantTrue(v)
		case "ResourceGroupId":
			r.ResourceGroupID = v
		case "PolicyDocument":
			r.PolicyDocument = v
		case "AddressIpVersion":
			r.AddressIPVersion = AddressIPVersion(v)
		case "ZoneAffinityEnabled":
			r.ZoneAffinityEnabled, err = v == "true", wantTrue(v)
		case "CrossRegionBandwidth":
			r.CrossRegionBandwidth, err = num(k)
		case "ServiceRegionId":
			r.ServiceRegionID = v
		default:
			if i, f, ok := index(k, "Zone"); ok {
				switch f {
				case "VSwitchId":
					r.Zones[i].VSwitchID = v
				case "ZoneId":
					r.Zones[i].ZoneID = v
				case "ip":
					r.Zones[i].IP = v
				case "Ipv6Address":
					r.Zones[i].IPv6Address = v
				default:
					return r, fmt.Errorf("unknown zone field %s", k)
				}
			} else if i, f, ok := index(k, "SecurityGroupId"); ok && f == "" {
				r.SecurityGroupIDs[i] = v
			} else if i, f, ok := index(k, "Tag"); ok && (f == "Key" || f == "Value") {
				if f == "Key" {
					r.Tags[i].Key = v
				} else {
					r.Tags[i].Value = v
				}
			} else {
				return r, fmt.Errorf("unexpected parameter %s", k)
			}
		}
		if err != nil {
			return r, fmt.Errorf("%s=%q: %w", k, v, err)
		}
	}
	return r, nil
}

// wantTrue rejects a flag sent with any value but "true": the encoder
// omits false flags.
func wantTrue(v string) error {
	if v != "true" {
		return fmt.Errorf("flag sent as %q", v)
	}
	return nil
}

// FuzzValidateCreateVpcEndpoint builds requests from arbitrary inputs and
// checks that validation never panics, that Build and Validate agree, that
// every problem names a field path and a message, and that a valid
// request's parameters survive encoding into a signed query string and
// back unchanged.
func FuzzValidateCreateVpcEndpoint(f *testing.F) {
	f.Add("vpc-1", "epsrv-1", "", "test", "This is my Endpoint.", "Interface", "IPv4", "cn-huhehaote-a", "vsw-1", "192.168.0.1", "", "sg-1", "env", "prod", "", `{"Version":"1"}`, 1, 0, false, false)
	f.Add("vpc-1", "", "com.aliyuncs.privatelink.x", "终端_1", "a b*c~d+e/f%g=h&i", "", "DualStack", "z", "v", "", "2408::1", "", "k", "", "0c593ea1-3bea-11e9-b96b-88e9fe637760", "", 0, 1000, true, true)
	f.Add("", "", "", "1", "http://x", "Gateway", "IPv6", "", "", "1.2.3", "::ffff:1.2.3.4", "", "aliyun", "acs:", "tök", "{", 2, -1, true, false)
	f.Fuzz(func(t *testing.T, vpcID, serviceID, serviceName, name, description, typ, ipVersion, zoneID, vSwitchID, ip, ipv6, sg, tagKey, tagValue, token, policy string, ipCount, bandwidth int, twice, flags bool) {
		req := CreateVpcEndpointRequest{
			VpcID: vpcID, ServiceID: serviceID, ServiceName: serviceName, ServiceRegionID: serviceName,
			EndpointName: name, EndpointDescription: description,
			EndpointType: EndpointType(typ), AddressIPVersion: AddressIPVersion(ipVersion),
			ZonePrivateIPAddressCount: ipCount, CrossRegionBandwidth: bandwidth,
			ResourceGroupID: tagValue, PolicyDocument: policy, ClientToken: token,
			DryRun: flags, ProtectedEnabled: flags, ZoneAffinityEnabled: !flags,
		}
		b := NewCreateVpcEndpoint(vpcID).WithServiceID(serviceID).WithServiceName(serviceName).WithServiceRegionID(serviceName).
			WithEndpointName(name).WithEndpointDescription(description).WithEndpointType(EndpointType(typ)).WithAddressIPVersion(AddressIPVersion(ipVersion)).
			WithZonePrivateIPAddressCount(ipCount).WithCrossRegionBandwidth(bandwidth).WithResourceGroupID(tagValue).
			WithPolicyDocument(policy).WithClientToken(token)
		if flags {
			b.WithDryRun(true).WithProtectedEnabled(true)
		} else {
			b.WithZoneAffinityEnabled(true)
		}
		n := 1
		if twice {
			n = 2 // duplicates must be caught
		}
		for range n {
			z := Zone{ZoneID: zoneID, VSwitchID: vSwitchID, IP: ip, IPv6Address: ipv6}
			req.Zones = append(req.Zones, z)
			b.WithZones(z)
			if sg != "" {
				req.SecurityGroupIDs = append(req.SecurityGroupIDs, sg)
				b.WithSecurityGroupIDs(sg)
			}
			if tagKey != "" || tagValue != "" {
				req.Tags = append(req.Tags, Tag{Key: tagKey, Value: tagValue})
				b.WithTag(tagKey, tagValue)
			}
		}

		err := req.Validate()
		built, buildErr := b.Build()
		if (err == nil) != (buildErr == nil) {
			t.Fatalf("Validate: %v, Build: %v", err, buildErr)
		}
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("not a *ValidationError with problems: %#v", err)
			}
			for _, p := range ve.Problems {
				if p.Field == "" || p.Message == "" {
					t.Fatalf("problem without field or message: %+v", p)
				}
			}
			assert.Equal(t, err.Error(), buildErr.Error())
			return
		}
		if built.ClientToken == "" {
			t.Fatal("Build left the ClientToken empty")
		}
		if req.ClientToken == "" {
			req.ClientToken = built.ClientToken
		}
		if !reflect.DeepEqual(&req, built) {
			t.Fatalf("Build = %+v, want %+v", built, req)
		}
		if twice {
			t.Fatal("a zone given twice passed validation")
		}

		sent := resolveClientToken(req.ClientToken)
		query := signer.CanonicalQuery(req.params(sent))
		q, perr := url.ParseQuery(query)
		if perr != nil {
			t.Fatalf("ParseQuery(%q): %v", query, perr)
		}
		got, perr := createFromQuery(q)
		if perr != nil {
			t.Fatalf("decode %q: %v", query, perr)
		}
		want := req
		want.ClientToken = sent
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("round trip of %q:\n got %+v\nwant %+v", query, got, want)
		}
	})
}
