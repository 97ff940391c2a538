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
//
// When the server's clock can also sleep (a *FakeClock given to WithClock),
// the client's waits default to it (privatelink.WithWaitOptions with
// privatelink.WaitClock): the waiter's sleeps then advance the clock the
// emulator derives states from, so a wait for a creation that takes minutes
// ends at once, however deep in the program under test it happens. Waits
// running in parallel each advance the one clock by their own sleeps, as
// they would with WaitClock. A WaitClock passed to a wait, or
// WithWaitOptions in opts, overrides it.
func (s *Server) Client(opts ...privatelink.Option) *privatelink.Client {
	return s.client("Client", AccessKeyID, AccessKeySecret, opts)
}

// ProviderClient returns a privatelink client like Client's, signing as the
// provider account (ProviderAccountID, with ProviderAccessKeyID and
// ProviderAccessKeySecret), which owns ServiceID, ManualServiceID and the
// provider's load balancers: the client for the service provider's side of
// a test, accepting connections and publishing services.
func (s *Server) ProviderClient(opts ...privatelink.Option) *privatelink.Client {
	return s.client("ProviderClient", ProviderAccessKeyID, ProviderAccessKeySecret, opts)
}

func (s *Server) client(name, accessKeyID, accessKeySecret string, opts []privatelink.Option) *privatelink.Client {
	all := []privatelink.Option{
		privatelink.WithEndpoint(s.URL),
		privatelink.WithStaticCredentials(accessKeyID, accessKeySecret, ""),
	}
	if clk, ok := s.clock.(privatelink.Clock); ok {
		all = append(all, privatelink.WithWaitOptions(privatelink.WaitClock(clk)))
	}
	c, err := privatelink.NewClient(RegionID, append(all, opts...)...)
	if err != nil {
		panic(fmt.Sprintf("privatelinktest: Server.%s: %v", name, err))
	}
	return c
}
