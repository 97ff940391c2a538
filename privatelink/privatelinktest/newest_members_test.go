package privatelinktest

import (
	"sort"
	"strings"
	"testing"

	"github.com/privatelink-go/sdk/internal/apimeta"
)

// missingMembers returns the paths of the members n describes that v, a
// decoded JSON answer, lacks: an object's every property, and an array's
// members in each of its elements.
func missingMembers(n *apimeta.Node, v any, path string) []string {
	if n == nil {
		return nil
	}
	var missing []string
	switch n.Type {
	case "object":
		obj, _ := v.(map[string]any)
		for name, sub := range n.Properties {
			p := strings.TrimPrefix(path+"."+name, ".")
			child, ok := obj[name]
			if !ok {
				missing = append(missing, p)
				continue
			}
			missing = append(missing, missingMembers(sub, child, p)...)
		}
	case "array":
		arr, _ := v.([]any)
		for _, e := range arr {
			missing = append(missing, missingMembers(n.Items, e, path+"[]")...)
		}
	}
	sort.Strings(missing)
	return missing
}

// The emulator answers every response member the newest definition
// (internal/apimeta's snapshot, darabonba v5.0.10) gives the operations
// whose answers gained members in 2025-26 (issue 15): the snapshot, not a
// list written by hand, says what an answer must carry, so a member a
// later -sync adds to one of them fails here until the emulator sends it.
// Every list is checked non-empty, so that its elements' members are
// checked too.
func TestAnswersCarryEveryMemberOfTheNewestDefinition(t *testing.T) {
	snap, err := apimeta.LoadSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t)
	c := newClient(t, srv)
	p := provider(t, srv)
	endpoint := c.create()
	for _, tc := range []struct {
		c      *client
		action string
		pairs  []string
		lists  []string // top-level lists that must not be empty
	}{
		{p, "CreateVpcEndpointService", []string{"Resource.1.ResourceType", "gwlb", "Resource.1.ResourceId", ProviderGWLB,
			"Resource.1.ZoneId", ZoneA, "ServiceResourceType", "gwlb", "SupportedRegionList.1", "cn-hangzhou"}, []string{"SupportedRegionSet"}},
		{p, "GetVpcEndpointServiceAttribute", []string{"ServiceId", GatewayServiceID}, []string{"SupportedRegionSet", "Zones"}},
		{p, "ListVpcEndpointServices", nil, []string{"Services"}},
		{p, "ListVpcEndpointConnections", []string{"ServiceId", ServiceID}, []string{"Connections"}},
		{c, "ListVpcEndpointServicesByEndUser", nil, []string{"Services"}},
		{c, "DescribeRegions", []string{"ServiceResourceType", "ALL"}, nil},
		{c, "GetVpcEndpointAttribute", []string{"EndpointId", endpoint}, nil},
		{c, "ListVpcEndpoints", nil, []string{"Endpoints"}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			op := snap.Operations[tc.action]
			if op == nil || op.Response == nil {
				t.Fatalf("%s: not in the snapshot", tc.action)
			}
			tc.c.t = t
			a := tc.c.must(tc.action, tc.pairs...)
			for _, l := range tc.lists {
				if items, _ := a.body[l].([]any); len(items) == 0 {
					t.Fatalf("%s is empty, so its members go unchecked: %s", l, a.raw)
				}
			}
			if missing := missingMembers(op.Response, any(a.body), ""); len(missing) > 0 {
				t.Errorf("%s answers without %s", tc.action, strings.Join(missing, ", "))
			}
		})
	}
}
