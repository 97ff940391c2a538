package privatelinktest

import "net/http/httptest"

// NewUnstartedServer returns an emulator with the default world changed by
// opts that listens nowhere yet, like httptest.NewUnstartedServer: serve its
// Handler on a server of one's own (the privatelink-emulator command does),
// or call Start. URL is empty until Start. Close still cuts injected latency
// short, so in-flight requests end when the emulator is replaced. It panics
// if an option is invalid, as NewServer does.
func NewUnstartedServer(opts ...Option) *Server {
	return newServer(opts...)
}

// Start starts a server from NewUnstartedServer on a loopback address and
// sets URL. It panics if the server was already started.
func (s *Server) Start() {
	if s.ts != nil {
		panic("privatelinktest: Server already started")
	}
	s.ts = httptest.NewServer(s)
	s.URL = s.ts.URL
}
