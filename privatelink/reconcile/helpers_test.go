package reconcile_test

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// Extra world: a second vSwitch in each zone and four more security
// groups, with IDs of the real shape.
var (
	vswA2 = "vsw-hp3emu0vswa2r5t8y1u4"
	vswB2 = "vsw-hp3emu0vswb2q6w9e2r5"
	sgs   = []string{privatelinktest.SecurityGroupID, "sg-hp3emu0sg1a2b3c4d5e6f", "sg-hp3emu0sg2b3c4d5e6f7g", "sg-hp3emu0sg3c4d5e6f7g8h", "sg-hp3emu0sg4d5e6f7g8h9i"}
	zones = []reconcile.ZoneSpec{
		{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA},
		{ZoneID: privatelinktest.ZoneB, VSwitchID: privatelinktest.VSwitchB},
		{ZoneID: privatelinktest.ZoneA, VSwitchID: vswA2},
		{ZoneID: privatelinktest.ZoneB, VSwitchID: vswB2},
	}
)

// worldOptions adds the extra vSwitches and security groups and lifts the
// per-VPC endpoint quota.
func worldOptions() []privatelinktest.Option {
	opts := []privatelinktest.Option{
		privatelinktest.WithVSwitch(vswA2, privatelinktest.VpcID, privatelinktest.ZoneA, "192.168.11.0/24", ""),
		privatelinktest.WithVSwitch(vswB2, privatelinktest.VpcID, privatelinktest.ZoneB, "192.168.12.0/24", ""),
		privatelinktest.WithQuota(privatelinktest.QuotaTotalEpPerVpc, 10000),
		privatelinktest.WithSeed(1),
	}
	for _, sg := range sgs[1:] {
		opts = append(opts, privatelinktest.WithSecurityGroup(sg, privatelinktest.VpcID))
	}
	return opts
}

func newServer(t testing.TB, opts ...privatelinktest.Option) *privatelinktest.Server {
	t.Helper()
	srv := privatelinktest.NewServer(append(worldOptions(), opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

// fastClient is a client with short backoffs, so that tests of retries and
// busy answers take milliseconds.
func fastClient(srv *privatelinktest.Server, opts ...privatelink.Option) *privatelink.Client {
	return srv.Client(append([]privatelink.Option{privatelink.WithRetry(6, time.Millisecond, 5*time.Millisecond), privatelink.WithBusyRetry(10 * time.Second)}, opts...)...)
}

func newReconciler(t testing.TB, c *privatelink.Client, opts reconcile.Options) *reconcile.Reconciler {
	t.Helper()
	if opts.WaitOptions == nil {
		opts.WaitOptions = []privatelink.WaitOption{privatelink.WaitMinDelay(time.Millisecond), privatelink.WaitMaxDelay(5 * time.Millisecond), privatelink.WaitTimeout(20 * time.Second)}
	}
	r, err := reconcile.New(c, opts)
	require.NoError(t, err)
	return r
}

func endpointSpec(key string, zs []reconcile.ZoneSpec, sg ...string) reconcile.EndpointSpec {
	return reconcile.EndpointSpec{
		Key: key, VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID,
		Zones: zs, SecurityGroupIDs: sg,
	}
}

// view is an endpoint as read back through the API, in a form that
// compares with a spec.
type view struct {
	id         string
	name, desc string
	affinity   bool
	zones      map[string]string // zone ID -> vSwitch
	sgs        []string
	tags       map[string]string
	status     privatelink.EndpointStatus
	connection privatelink.ConnectionStatus
	serviceID  string
	vpcID      string
}

// readBack reads every endpoint of the account through the API (not the
// code under test) and groups the owned ones by Key; untagged ones are
// under "".
func readBack(t testing.TB, c *privatelink.Client, tagKey string) map[string][]view {
	t.Helper()
	ctx := context.Background()
	out := map[string][]view{}
	for e, err := range c.AllVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{}) {
		require.NoError(t, err)
		if e.EndpointStatus == privatelink.EndpointStatusDeleting {
			continue
		}
		v := view{id: e.EndpointID, name: e.EndpointName, desc: e.EndpointDescription, affinity: e.ZoneAffinityEnabled,
			zones: map[string]string{}, tags: map[string]string{}, status: e.EndpointStatus, connection: e.ConnectionStatus,
			serviceID: e.ServiceID, vpcID: e.VpcID}
		key := ""
		for _, tg := range e.Tags {
			if tg.Key == tagKey {
				key = tg.Value
				continue
			}
			v.tags[tg.Key] = tg.Value
		}
		for z, err := range c.AllVpcEndpointZones(ctx, &privatelink.ListVpcEndpointZonesRequest{EndpointID: e.EndpointID}) {
			require.NoError(t, err)
			if z.ZoneStatus != privatelink.ZoneStatusDeleting {
				v.zones[z.ZoneID] = z.VSwitchID
			}
		}
		for g, err := range c.AllVpcEndpointSecurityGroups(ctx, &privatelink.ListVpcEndpointSecurityGroupsRequest{EndpointID: e.EndpointID}) {
			require.NoError(t, err)
			if g.SecurityGroupStatus != privatelink.SecurityGroupStatusDetaching {
				v.sgs = append(v.sgs, g.SecurityGroupID)
			}
		}
		sort.Strings(v.sgs)
		out[key] = append(out[key], v)
	}
	return out
}

// requireMatches checks that what the API reports equals desired: one
// endpoint per Key (0 duplicates), with the spec's zones, security groups,
// name, description, affinity and tags; and, when pruned, no owned
// endpoint of another Key.
func requireMatches(t testing.TB, c *privatelink.Client, tagKey string, desired []reconcile.EndpointSpec, pruned bool) map[string][]view {
	t.Helper()
	got := readBack(t, c, tagKey)
	want := map[string]bool{}
	for _, s := range desired {
		want[s.Key] = true
		vs := got[s.Key]
		require.Lenf(t, vs, 1, "Key %q: want exactly one endpoint, got %d", s.Key, len(vs))
		v := vs[0]
		wz := map[string]string{}
		for _, z := range s.Zones {
			wz[z.ZoneID] = z.VSwitchID
		}
		require.Equalf(t, wz, v.zones, "Key %q zones", s.Key)
		ws := slices.Sorted(slices.Values(s.SecurityGroupIDs))
		require.Equalf(t, ws, v.sgs, "Key %q security groups", s.Key)
		if s.Name != "" {
			require.Equalf(t, s.Name, v.name, "Key %q name", s.Key)
		}
		if s.Description != "" {
			require.Equalf(t, s.Description, v.desc, "Key %q description", s.Key)
		}
		require.Equalf(t, s.ZoneAffinityEnabled, v.affinity, "Key %q affinity", s.Key)
		wt := map[string]string{}
		maps.Copy(wt, s.Tags)
		require.Equalf(t, wt, v.tags, "Key %q tags", s.Key)
	}
	if pruned {
		for k, vs := range got {
			if k != "" && !want[k] {
				t.Fatalf("owned endpoint of undesired Key %q left after pruning: %v", k, vs)
			}
		}
	}
	return got
}

// countingTransport counts requests, and can cut one: by default the
// cut-th request is sent and answered, and then the context is cancelled
// and the answer is lost, as when a process dies after the service acted;
// with before set, the context is cancelled and the request never sent,
// as when it dies just before.
type countingTransport struct {
	base   http.RoundTripper
	n      atomic.Int64
	writes atomic.Int64
	cutAt  int64
	before bool
	cancel context.CancelFunc
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	n := c.n.Add(1)
	action := req.Header.Get("x-acs-action")
	if action == "" {
		action = req.URL.Query().Get("Action")
	}
	if !strings.HasPrefix(action, "List") && !strings.HasPrefix(action, "Get") {
		c.writes.Add(1)
	}
	if c.before && c.cutAt > 0 && n == c.cutAt && c.cancel != nil {
		c.cancel()
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, context.Canceled
	}
	resp, err := c.base.RoundTrip(req)
	if c.cutAt > 0 && n == c.cutAt && c.cancel != nil {
		c.cancel()
		if err == nil {
			resp.Body.Close()
		}
		return nil, context.Canceled
	}
	return resp, err
}

// countingClientFor is countingClient for the consumer's account, or
// with provider true for the provider's.
func countingClientFor(srv *privatelinktest.Server, ct *countingTransport, provider bool) *privatelink.Client {
	if !provider {
		return countingClient(srv, ct)
	}
	return countingClient(srv, ct, privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
}

func countingClient(srv *privatelinktest.Server, ct *countingTransport, opts ...privatelink.Option) *privatelink.Client {
	if ct.base == nil {
		ct.base = http.DefaultTransport
	}
	return fastClient(srv, append([]privatelink.Option{privatelink.WithHTTPClient(&http.Client{Transport: ct})}, opts...)...)
}

func keys(n int, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s/%03d", prefix, i)
	}
	return out
}

// busyTransport answers a share of the write calls with the service's
// busy code, EndpointLocked (HTTP 400), without passing them on: what the
// service answers while another change of the endpoint is in progress.
// The emulator answers it too, but only to a write that races another
// one on the same endpoint, which runners sending the same tokens in the
// same order rarely do; this makes it frequent.
type busyTransport struct {
	base  http.RoundTripper
	every int64
	n     atomic.Int64
	hits  atomic.Int64
}

func (b *busyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	action := req.Header.Get("x-acs-action")
	if action == "" {
		action = req.URL.Query().Get("Action")
	}
	write := !strings.HasPrefix(action, "List") && !strings.HasPrefix(action, "Get") &&
		(strings.Contains(action, "Zone") || strings.Contains(action, "SecurityGroup"))
	if write && b.n.Add(1)%b.every == 0 {
		b.hits.Add(1)
		if req.Body != nil {
			req.Body.Close()
		}
		body := `{"RequestId":"0E6C3F36-0000-4000-8000-00000000B057","HostId":"privatelink.aliyuncs.com","Code":"EndpointLocked","Message":"The specified endpoint is locked."}`
		return &http.Response{StatusCode: http.StatusBadRequest, Status: "400 Bad Request", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"application/json;charset=utf-8"}}, Body: io.NopCloser(strings.NewReader(body)),
			ContentLength: int64(len(body)), Request: req}, nil
	}
	return b.base.RoundTrip(req)
}
