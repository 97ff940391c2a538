package privatelinktest

import (
	"fmt"

	"github.com/privatelink-go/sdk/privatelink"
)

// Client returns a privatelink client for RegionID pointed at the server,
// signing with the emulator's account (AccessKeyID, AccessKeySecret), like
// httptest.Server.Client. opts apply after those, so they can change
// anything, for example WithRetry or WithStaticCredentials for another
// account. It panics if an option is invalid, as NewServer does: in a test
// that is a bug in the test.
func (s *Server) Client(opts ...privatelink.Option) *privatelink.Client {
	all := append([]privatelink.Option{
		privatelink.WithEndpoint(s.URL),
		privatelink.WithStaticCredentials(AccessKeyID, AccessKeySecret, ""),
	}, opts...)
	c, err := privatelink.NewClient(RegionID, all...)
	if err != nil {
		panic(fmt.Sprintf("privatelinktest: Server.Client: %v", err))
	}
	return c
}
