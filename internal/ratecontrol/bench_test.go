package ratecontrol

import (
	"context"
	"testing"
	"time"
)

// BenchmarkUnlimited is the cost every attempt pays while its action is not
// throttled: one Wait and one Observe, from many goroutines at once.
func BenchmarkUnlimited(b *testing.B) {
	c := New(Config{})
	c.Observe("GetVpcEndpointAttribute", time.Now(), false)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Wait(ctx, "GetVpcEndpointAttribute")
			c.Observe("GetVpcEndpointAttribute", time.Time{}, false)
		}
	})
}

// BenchmarkLimited is the bookkeeping of a paced key at a rate high enough
// that no Wait sleeps: the limiter and the curve under the key's lock.
func BenchmarkLimited(b *testing.B) {
	c := New(Config{MinRate: 1e9})
	c.Observe("CreateVpcEndpoint", time.Now(), true)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Wait(ctx, "CreateVpcEndpoint")
			c.Observe("CreateVpcEndpoint", time.Time{}, false)
		}
	})
}
