// Package emulated starts the in-process PrivateLink emulator and a client
// for it, so that each example is a few lines of real SDK calls.
package emulated

import (
	"fmt"
	"os"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Start returns a client connected to a fresh emulator and a function that
// stops it. Extra emulator and client options are applied after the
// defaults.
func Start(srvOpts []privatelinktest.Option, clientOpts ...privatelink.Option) (*privatelink.Client, *privatelinktest.Server, func()) {
	srv := privatelinktest.NewServer(srvOpts...)
	opts := append([]privatelink.Option{
		privatelink.WithEndpoint(srv.URL),
		privatelink.WithStaticCredentials(privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, ""),
	}, clientOpts...)
	client, err := privatelink.NewClient(privatelinktest.RegionID, opts...)
	if err != nil {
		srv.Close()
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	return client, srv, srv.Close
}
