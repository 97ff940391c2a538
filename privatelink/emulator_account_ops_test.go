package privatelink_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// The account-level operations end to end on the emulator, under both
// signature versions: the emulator verifies every signature, form bodies
// included.
func TestEmulatorAccountOps(t *testing.T) {
	for _, sig := range []signer.Version{signer.V1, signer.V3} {
		t.Run(sig.String(), func(t *testing.T) {
			ctx := context.Background()
			srv := privatelinktest.NewServer(
				privatelinktest.WithNotActivated(privatelinktest.AccountID),
				privatelinktest.WithResourceGroup(privatelinktest.AccountID, "rg-acfmemu0second0rgxx"))
			t.Cleanup(srv.Close)
			c, err := privatelink.NewClient(privatelinktest.RegionID, privatelink.WithEndpoint(srv.URL),
				privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
				privatelink.WithSignatureVersion(sig), privatelink.WithRetry(1, 0, 0))
			require.NoError(t, err)

			open, err := c.CheckProductOpen(ctx, nil)
			require.NoError(t, err)
			assert.False(t, open.Success)
			order, err := c.OpenPrivateLinkService(ctx, nil)
			require.NoError(t, err)
			assert.NotEmpty(t, order.OrderID)
			open, err = c.CheckProductOpen(ctx, nil)
			require.NoError(t, err)
			assert.True(t, open.Success)
			_, err = c.OpenPrivateLinkService(ctx, nil)
			var apiErr *privatelink.APIError
			require.True(t, errors.As(err, &apiErr), "%v", err)
			assert.Equal(t, "OrderOpend", apiErr.Code)

			regions, err := c.DescribeRegions(ctx, nil)
			require.NoError(t, err)
			require.NotEmpty(t, regions.Regions)
			zones, err := c.DescribeZones(ctx, nil)
			require.NoError(t, err)
			var zoneIDs []string
			for _, z := range zones.Zones {
				zoneIDs = append(zoneIDs, z.ZoneID)
			}
			assert.Contains(t, zoneIDs, privatelinktest.ZoneA)

			created, err := c.CreateVpcEndpoint(ctx, &privatelink.CreateVpcEndpointRequest{
				VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID,
				SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
				Zones:            []privatelink.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
			})
			require.NoError(t, err)
			ep := created.EndpointID

			req, err := privatelink.NewTagResources(privatelink.TagResourceTypeVpcEndpoint, []string{ep}).
				WithTag("env", "prod").WithTag("team", "a b").Build()
			require.NoError(t, err)
			_, err = c.TagResources(ctx, req)
			require.NoError(t, err)
			_, err = c.TagResources(ctx, req) // the same built request: one operation
			require.NoError(t, err)

			var tags []privatelink.Tag
			for tr, err := range c.AllTagResources(ctx, &privatelink.ListTagResourcesRequest{
				ResourceType: privatelink.TagResourceTypeVpcEndpoint, ResourceIDs: []string{ep}}) {
				require.NoError(t, err)
				assert.Equal(t, ep, tr.ResourceID)
				assert.Equal(t, privatelink.TagResourceTypeVpcEndpoint, tr.ResourceType)
				tags = append(tags, tr.Tag)
			}
			assert.ElementsMatch(t, []privatelink.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "a b"}}, tags)

			listed, err := c.ListVpcEndpoints(ctx, &privatelink.ListVpcEndpointsRequest{Tags: []privatelink.Tag{{Key: "team", Value: "a b"}}})
			require.NoError(t, err)
			require.Len(t, listed.Endpoints, 1)

			_, err = c.UntagResources(ctx, &privatelink.UntagResourcesRequest{ResourceType: privatelink.TagResourceTypeVpcEndpoint,
				ResourceIDs: []string{ep}, TagKeys: []string{"env"}})
			require.NoError(t, err)
			page, err := c.ListTagResources(ctx, &privatelink.ListTagResourcesRequest{ResourceType: privatelink.TagResourceTypeVpcEndpoint, ResourceIDs: []string{ep}})
			require.NoError(t, err)
			require.Len(t, page.TagResources, 1)
			assert.Equal(t, "team", page.TagResources[0].Tag.Key)

			_, err = c.ChangeResourceGroup(ctx, &privatelink.ChangeResourceGroupRequest{ResourceID: ep, ResourceGroupID: "rg-acfmemu0second0rgxx"})
			require.NoError(t, err)
			got, err := c.GetVpcEndpointAttribute(ctx, &privatelink.GetVpcEndpointAttributeRequest{EndpointID: ep})
			require.NoError(t, err)
			assert.Equal(t, "rg-acfmemu0second0rgxx", got.ResourceGroupID)

			raw, err := c.Invoke(ctx, &privatelink.RawRequest{Action: "UntagResources", Idempotent: true,
				Form: map[string]string{"ResourceType": "vpcendpoint", "ResourceId.1": ep, "All": "true"}})
			require.NoError(t, err)
			assert.NotEmpty(t, raw.RequestID)
		})
	}
}

// faultyFirstAttempt spoils the first attempt it sees with fault and sends
// every later one to the emulator.
type faultyFirstAttempt struct {
	fault    func(r *http.Request) (*http.Response, error)
	attempts atomic.Int32
}

func (f *faultyFirstAttempt) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.attempts.Add(1) == 1 {
		return f.fault(r)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// OpenPrivateLinkService takes no ClientToken: an attempt whose answer was
// lost after the service acted is not sent again (the retry would answer
// OrderOpend to the caller whose call activated the service), while an
// attempt that provably never reached the service, or that the service
// refused, is.
func TestOpenPrivateLinkServiceRetriesOnlyWhatNeverActed(t *testing.T) {
	ctx := context.Background()
	lost := func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		return nil, errors.New("read: connection reset by peer")
	}
	refused := func(*http.Request) (*http.Response, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	}
	throttled := func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 503, Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
			Body: io.NopCloser(strings.NewReader(`{"RequestId":"R1","Code":"ServiceUnavailable","Message":"busy"}`))}, nil
	}
	for name, tc := range map[string]struct {
		fault     func(*http.Request) (*http.Response, error)
		retried   bool
		activated bool
	}{
		"answer lost after sending": {lost, false, true},
		"connection refused":        {refused, true, true},
		"503 ServiceUnavailable":    {throttled, true, true},
	} {
		srv := privatelinktest.NewServer(privatelinktest.WithNotActivated(privatelinktest.AccountID))
		f := &faultyFirstAttempt{fault: tc.fault}
		c := srv.Client(privatelink.WithHTTPClient(&http.Client{Transport: f}))
		_, err := c.OpenPrivateLinkService(ctx, nil)
		if tc.retried {
			assert.NoError(t, err, name)
			assert.Equal(t, int32(2), f.attempts.Load(), name)
		} else {
			var reqErr *privatelink.RequestError
			require.True(t, errors.As(err, &reqErr), "%s: %v", name, err)
			assert.Equal(t, 1, reqErr.Attempts, name)
			assert.Empty(t, privatelink.ErrorCode(err), "%s: no OrderOpend from a second attempt", name)
			assert.Equal(t, int32(1), f.attempts.Load(), name)
		}
		open, err := srv.Client().CheckProductOpen(ctx, nil)
		require.NoError(t, err, name)
		assert.Equal(t, tc.activated, open.Success, name)
		srv.Close()
	}
}
