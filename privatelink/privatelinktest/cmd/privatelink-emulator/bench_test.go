package main

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// BenchmarkStartup measures from starting the process to its first health
// answer: fork and exec, flag parsing, building the world, binding the port
// and one loopback round trip.
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		e := start(b)
		_ = e.cmd.Process.Kill()
	}
}

// BenchmarkGetOverTheWire measures GetVpcEndpointAttribute through our SDK
// against the subprocess, with n endpoints on the server: the baseline for
// the indexing work of phase 2. The endpoints have no zones, because the
// default world's two /24 vSwitches hold only about 500 addresses; a zone
// changes nothing a Get looks up.
func BenchmarkGetOverTheWire(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("endpoints=%d", n), func(b *testing.B) {
			e := start(b, "-log-level", "error", "-quota", "totalEpPerVpc=10000")
			c, err := privatelink.NewClient(privatelinktest.RegionID,
				privatelink.WithEndpoint(e.url),
				privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""))
			require.NoError(b, err)
			ids := make([]string, n)
			var wg sync.WaitGroup
			errs := make(chan error, n)
			for w := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < n; i += 4 {
						req, err := privatelink.NewCreateVpcEndpoint(privatelinktest.VpcID).
							WithServiceID(privatelinktest.ServiceID).
							WithSecurityGroupIDs(privatelinktest.SecurityGroupID).Build()
						if err == nil {
							var out *privatelink.CreateVpcEndpointResponse
							if out, err = c.CreateVpcEndpoint(context.Background(), req); err == nil {
								ids[i] = out.EndpointID
							}
						}
						if err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				require.NoError(b, err)
			}
			reqs := make([]*privatelink.GetVpcEndpointAttributeRequest, n)
			for i, id := range ids {
				reqs[i] = must(privatelink.NewGetVpcEndpointAttribute(id).Build())
			}
			c.CloseIdleConnections()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				if _, err := c.GetVpcEndpointAttribute(context.Background(), reqs[i%n]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
