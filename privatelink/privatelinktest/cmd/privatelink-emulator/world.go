package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

// worldFile is the JSON document -world reads: what the emulator's world
// holds beyond its default one (README.md, "The world file", documents
// every field; testdata/world.json is a sample). Each part maps onto the
// privatelinktest option named beside it.
type worldFile struct {
	Accounts []worldAccount `json:"accounts"`
	VPCs     []worldVPC     `json:"vpcs"`
	Services []worldService `json:"services"`
	// Quotas: WithQuota, by quota name.
	Quotas map[string]int `json:"quotas"`
	Delays worldDelays    `json:"delays"`
	// A new part of the emulator's world gets a field here (or in the
	// part it belongs to, as loadBalancers in accounts), its option in
	// validate, and a line in README.md's world file section.
}

// worldAccount: WithNewAccount for a new ID (the first access key), or
// keys and load balancers added to one of the default accounts, the
// consumer 1234567890123456 and the provider 1098765432109876.
type worldAccount struct {
	ID string `json:"id"`
	// Activated false: WithNotActivated. Absent means activated.
	Activated      *bool      `json:"activated"`
	ResourceGroups []string   `json:"resourceGroups"` // WithResourceGroup
	AccessKeys     []worldKey `json:"accessKeys"`     // WithAccountKey
	STS            []worldSTS `json:"stsCredentials"` // WithAccountSTSCredential
	// LoadBalancers the account may attach to its endpoint services:
	// WithLoadBalancer.
	LoadBalancers []worldLoadBalancer `json:"loadBalancers"`
}

type worldLoadBalancer struct {
	ID        string `json:"id"`
	Type      string `json:"type"` // slb, alb, nlb or gwlb
	ZoneID    string `json:"zoneId"`
	VpcID     string `json:"vpcId"`
	VSwitchID string `json:"vSwitchId"`
	IP        string `json:"ip"`
	IPv6      bool   `json:"ipv6"`
}

type worldKey struct {
	ID            string   `json:"id"`
	Secret        string   `json:"secret"`
	DeniedActions []string `json:"deniedActions"` // WithDeniedAction
}

type worldSTS struct {
	AccessKeyID     string   `json:"accessKeyId"`
	AccessKeySecret string   `json:"accessKeySecret"`
	SecurityToken   string   `json:"securityToken"`
	Expires         string   `json:"expires"` // RFC 3339; empty: never
	DeniedActions   []string `json:"deniedActions"`
}

// worldVPC: WithVpc, WithVSwitch and WithSecurityGroup.
type worldVPC struct {
	ID             string         `json:"id"`
	VSwitches      []worldVSwitch `json:"vSwitches"`
	SecurityGroups []string       `json:"securityGroups"`
}

type worldVSwitch struct {
	ID       string `json:"id"`
	ZoneID   string `json:"zoneId"`
	CIDR     string `json:"cidr"`
	IPv6CIDR string `json:"ipv6Cidr"`
}

// worldService: WithService.
type worldService struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Zones      []string `json:"zones"`
	AutoAccept bool     `json:"autoAccept"`
	DualStack  bool     `json:"dualStack"`
	Type       string   `json:"type"`
}

// worldDelays: WithCreationDelay and the other delay options, as Go
// durations ("2s", "150ms").
type worldDelays struct {
	Creation      string `json:"creation"`
	Deletion      string `json:"deletion"`
	Zone          string `json:"zone"`
	SecurityGroup string `json:"securityGroup"`
	Visibility    string `json:"visibility"`
	Service       string `json:"service"`    // WithServiceDelay
	Connection    string `json:"connection"` // WithConnectionDelay
}

// loadWorld reads and checks the world file at path and returns its
// options. Every problem is reported, each with its field path.
func loadWorld(path string) ([]privatelinktest.Option, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	opts, problems := parseWorld(data)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%d problem(s):\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return opts, nil
}

// parseWorld decodes and validates a world document. The structure is
// checked first against worldFile's types, by walking the generic JSON, so
// that every unknown field and every wrong type is listed at once (the
// json package stops at the first); then the strict decode cannot fail,
// and validate checks the values.
func parseWorld(data []byte) ([]privatelinktest.Option, []string) {
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := position(data, se.Offset)
			return nil, []string{fmt.Sprintf("line %d, column %d: %v", line, col, err)}
		}
		return nil, []string{err.Error()}
	}
	var problems []string
	checkShape(generic, reflect.TypeFor[worldFile](), "", &problems)
	if len(problems) > 0 {
		return nil, problems
	}
	var w worldFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return nil, []string{err.Error()}
	}
	return w.validate()
}

// position turns a SyntaxError's offset, which counts the offending byte,
// into the 1-based line and column of that byte.
func position(data []byte, off int64) (int, int) {
	before := data[:max(0, min(int(off)-1, len(data)))]
	line := bytes.Count(before, []byte("\n")) + 1
	return line, len(before) - bytes.LastIndexByte(before, '\n')
}

// checkShape reports where v, decoded generically, does not fit t: unknown
// fields (matched case-insensitively, as the json package does) and values
// of the wrong JSON type. null fits anything, as it decodes to the zero
// value.
func checkShape(v any, t reflect.Type, path string, problems *[]string) {
	if v == nil {
		return
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	where := path
	if where == "" {
		where = "the document"
	}
	bad := func(want string) {
		*problems = append(*problems, fmt.Sprintf("%s: want %s, got %s", where, want, jsonKind(v)))
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		for _, k := range sortedKeys(m) {
			f, ok := fieldByJSONName(t, k)
			if !ok {
				*problems = append(*problems, fmt.Sprintf("%s: unknown field (known: %s)", join(path, k), knownFields(t)))
				continue
			}
			checkShape(m[k], f.Type, join(path, k), problems)
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		for _, k := range sortedKeys(m) {
			checkShape(m[k], t.Elem(), join(path, k), problems)
		}
	case reflect.Slice:
		s, ok := v.([]any)
		if !ok {
			bad("an array")
			return
		}
		for i, e := range s {
			checkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i), problems)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			bad("a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			bad("true or false")
		}
	case reflect.Int:
		if f, ok := v.(float64); !ok || f != float64(int(f)) {
			bad("an integer")
		}
	}
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return strconv.Quote(v)
	default:
		return fmt.Sprint(v)
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fieldByJSONName(t reflect.Type, name string) (reflect.StructField, bool) {
	for f := range t.Fields() {
		if strings.EqualFold(jsonName(f), name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

func knownFields(t reflect.Type) string {
	var names []string
	for f := range t.Fields() {
		names = append(names, jsonName(f))
	}
	return strings.Join(names, ", ")
}

// validate checks the values and returns the options, or every problem.
func (w *worldFile) validate() ([]privatelinktest.Option, []string) {
	var (
		opts     []privatelinktest.Option
		problems []string
	)
	bad := func(path, format string, args ...any) {
		problems = append(problems, path+": "+fmt.Sprintf(format, args...))
	}
	keys := map[string]string{
		privatelinktest.AccessKeyID:         "the default account's key",
		privatelinktest.ProviderAccessKeyID: "the provider account's key",
	}
	key := func(path, id string) bool {
		if id == "" {
			bad(path, "empty")
			return false
		}
		if prev, ok := keys[id]; ok {
			bad(path, "access key %q is already %s", id, prev)
			return false
		}
		keys[id] = path
		return true
	}
	accounts := map[string]string{}
	lbs := map[string]string{}
	for i, a := range w.Accounts {
		p := fmt.Sprintf("accounts[%d]", i)
		isDefault := a.ID == privatelinktest.AccountID || a.ID == privatelinktest.ProviderAccountID
		switch {
		case !gateway.ValidAccountID(a.ID):
			bad(p+".id", "%q is not an account ID: 1 to 19 digits, at most %d", a.ID, int64(math.MaxInt64))
			continue
		case accounts[a.ID] != "":
			bad(p+".id", "account %s is already %s", a.ID, accounts[a.ID])
			continue
		case !isDefault && len(a.AccessKeys) == 0:
			bad(p+".accessKeys", "a new account needs at least one access key")
			continue
		}
		accounts[a.ID] = p
		for k, ak := range a.AccessKeys {
			kp := fmt.Sprintf("%s.accessKeys[%d]", p, k)
			ok := key(kp+".id", ak.ID)
			if ak.Secret == "" {
				bad(kp+".secret", "empty")
				ok = false
			}
			if !ok {
				continue
			}
			if k == 0 && !isDefault {
				opts = append(opts, privatelinktest.WithNewAccount(a.ID, ak.ID, ak.Secret))
			} else {
				opts = append(opts, privatelinktest.WithAccountKey(a.ID, ak.ID, ak.Secret))
			}
			for _, act := range ak.DeniedActions {
				opts = append(opts, privatelinktest.WithDeniedAction(ak.ID, act))
			}
		}
		for k, s := range a.STS {
			kp := fmt.Sprintf("%s.stsCredentials[%d]", p, k)
			ok := key(kp+".accessKeyId", s.AccessKeyID)
			for _, f := range [][2]string{{"accessKeySecret", s.AccessKeySecret}, {"securityToken", s.SecurityToken}} {
				if f[1] == "" {
					bad(kp+"."+f[0], "empty")
					ok = false
				}
			}
			var exp time.Time
			if s.Expires != "" {
				var err error
				if exp, err = time.Parse(time.RFC3339, s.Expires); err != nil {
					bad(kp+".expires", "%q is not an RFC 3339 time such as 2030-01-02T15:04:05Z", s.Expires)
					ok = false
				}
			}
			if !ok {
				continue
			}
			opts = append(opts, privatelinktest.WithAccountSTSCredential(a.ID, s.AccessKeyID, s.AccessKeySecret, s.SecurityToken, exp))
			for _, act := range s.DeniedActions {
				opts = append(opts, privatelinktest.WithDeniedAction(s.AccessKeyID, act))
			}
		}
		for k, rg := range a.ResourceGroups {
			if !strings.HasPrefix(rg, "rg-") || len(rg) < 4 {
				bad(fmt.Sprintf("%s.resourceGroups[%d]", p, k), "%q does not start with rg-", rg)
				continue
			}
			opts = append(opts, privatelinktest.WithResourceGroup(a.ID, rg))
		}
		for k, lb := range a.LoadBalancers {
			lp := fmt.Sprintf("%s.loadBalancers[%d]", p, k)
			ok := true
			switch {
			case lb.ID == "":
				bad(lp+".id", "empty")
				ok = false
			case lbs[lb.ID] != "":
				bad(lp+".id", "%s is already %s", lb.ID, lbs[lb.ID])
				ok = false
			default:
				lbs[lb.ID] = lp
			}
			switch lb.Type {
			case privatelinktest.ResourceTypeSLB, privatelinktest.ResourceTypeALB, privatelinktest.ResourceTypeNLB, privatelinktest.ResourceTypeGWLB:
			default:
				bad(lp+".type", "%q is not slb, alb, nlb or gwlb", lb.Type)
				ok = false
			}
			if lb.ZoneID == "" {
				bad(lp+".zoneId", "empty")
				ok = false
			}
			if ok {
				opts = append(opts, privatelinktest.WithLoadBalancer(a.ID, privatelinktest.LoadBalancer{
					ID: lb.ID, Type: lb.Type, ZoneID: lb.ZoneID, VpcID: lb.VpcID, VSwitchID: lb.VSwitchID, IP: lb.IP, IPv6: lb.IPv6,
				}))
			}
		}
		if a.Activated != nil && !*a.Activated {
			opts = append(opts, privatelinktest.WithNotActivated(a.ID))
		}
	}

	ids := map[string]string{}
	unique := func(path, id, prefix string) bool {
		if !strings.HasPrefix(id, prefix) || len(id) == len(prefix) {
			bad(path, "%q does not start with %s", id, prefix)
			return false
		}
		if prev, ok := ids[id]; ok {
			bad(path, "%s is already %s", id, prev)
			return false
		}
		ids[id] = path
		return true
	}
	for i, v := range w.VPCs {
		p := fmt.Sprintf("vpcs[%d]", i)
		// A bad VPC still has its vSwitches and groups checked, so that
		// one run lists every problem; only a good one gets options.
		vpcOK := unique(p+".id", v.ID, "vpc-")
		if vpcOK {
			opts = append(opts, privatelinktest.WithVpc(v.ID))
		}
		for k, vs := range v.VSwitches {
			vp := fmt.Sprintf("%s.vSwitches[%d]", p, k)
			ok := unique(vp+".id", vs.ID, "vsw-")
			if vs.ZoneID == "" {
				bad(vp+".zoneId", "empty")
				ok = false
			}
			if pr, err := netip.ParsePrefix(vs.CIDR); err != nil || !pr.Addr().Is4() || pr.Bits() > 29 {
				bad(vp+".cidr", "%q is not an IPv4 block of /29 or larger", vs.CIDR)
				ok = false
			}
			if vs.IPv6CIDR != "" {
				if pr, err := netip.ParsePrefix(vs.IPv6CIDR); err != nil || !pr.Addr().Is6() || pr.Addr().Is4In6() || pr.Bits() > 120 {
					bad(vp+".ipv6Cidr", "%q is not an IPv6 block of /120 or larger", vs.IPv6CIDR)
					ok = false
				}
			}
			if ok && vpcOK {
				opts = append(opts, privatelinktest.WithVSwitch(vs.ID, v.ID, vs.ZoneID, vs.CIDR, vs.IPv6CIDR))
			}
		}
		for k, sg := range v.SecurityGroups {
			if unique(fmt.Sprintf("%s.securityGroups[%d]", p, k), sg, "sg-") && vpcOK {
				opts = append(opts, privatelinktest.WithSecurityGroup(sg, v.ID))
			}
		}
	}
	for i, s := range w.Services {
		p := fmt.Sprintf("services[%d]", i)
		ok := unique(p+".id", s.ID, "epsrv-")
		if len(s.Zones) == 0 {
			bad(p+".zones", "a service needs at least one zone")
			ok = false
		}
		switch s.Type {
		case "", "Interface", "Reverse", "GatewayLoadBalancer":
		default:
			bad(p+".type", "%q is not Interface, Reverse or GatewayLoadBalancer", s.Type)
			ok = false
		}
		if ok {
			opts = append(opts, privatelinktest.WithService(privatelinktest.Service{
				ID: s.ID, Name: s.Name, Zones: s.Zones, AutoAccept: s.AutoAccept, DualStack: s.DualStack, Type: s.Type,
			}))
		}
	}
	for _, name := range sortedKeys(anyMap(w.Quotas)) {
		n := w.Quotas[name]
		switch {
		case name != privatelinktest.QuotaTotalEpPerVpc && name != privatelinktest.QuotaEpZonePerEndpoint:
			bad("quotas."+name, "unknown quota (want %s or %s)", privatelinktest.QuotaTotalEpPerVpc, privatelinktest.QuotaEpZonePerEndpoint)
		case n < 0:
			bad("quotas."+name, "negative limit %d", n)
		default:
			opts = append(opts, privatelinktest.WithQuota(name, n))
		}
	}
	for _, d := range []struct {
		field, value string
		opt          func(time.Duration) privatelinktest.Option
	}{
		{"creation", w.Delays.Creation, privatelinktest.WithCreationDelay},
		{"deletion", w.Delays.Deletion, privatelinktest.WithDeletionDelay},
		{"zone", w.Delays.Zone, privatelinktest.WithZoneDelay},
		{"securityGroup", w.Delays.SecurityGroup, privatelinktest.WithSecurityGroupDelay},
		{"visibility", w.Delays.Visibility, privatelinktest.WithVisibilityDelay},
		{"service", w.Delays.Service, privatelinktest.WithServiceDelay},
		{"connection", w.Delays.Connection, privatelinktest.WithConnectionDelay},
	} {
		if d.value == "" {
			continue
		}
		v, err := time.ParseDuration(d.value)
		if err != nil || v < 0 {
			bad("delays."+d.field, "%q is not a non-negative Go duration such as \"2s\"", d.value)
			continue
		}
		opts = append(opts, d.opt(v))
	}
	return opts, problems
}

func anyMap(m map[string]int) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
