package privatelinktest

import (
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

// apiVersion is the only API version the emulator serves.
const apiVersion = "2020-04-15"

// hostID is what the service puts in the HostId of its error answers: the
// regional endpoint that answered.
const hostID = "privatelink." + RegionID + ".aliyuncs.com"

// Server is an in-process PrivateLink service on a loopback address.
// It is safe for concurrent use.
type Server struct {
	// URL is the base URL of the server, http://127.0.0.1:port, without a
	// trailing slash. Point the SDK's endpoint at it.
	URL string

	ts        *httptest.Server
	closing   chan struct{}
	closeOnce sync.Once

	// Fixed after NewServer returns.
	world         *world
	creds         map[string]*credential
	accounts      map[string]*account // by ID; activation changes under mu
	quotas        map[string]int
	creationDelay time.Duration
	deletionDelay time.Duration
	zoneDelay     time.Duration
	sgDelay       time.Duration
	visibility    time.Duration
	clock         Clock
	rateLimits    map[string]rateLimit // by action; see WithAPIRateLimit
	// wallNow is the real clock behind timestamp and nonce checks; tests in
	// this package replace it.
	wallNow func() time.Time

	// mu guards everything below. One lock is enough: every request holds
	// it for microseconds, never across I/O or a sleep.
	mu        sync.Mutex
	endpoints map[string]*endpoint
	nextSeq   uint64
	// worldSeq is nextSeq once the world's own objects are built. The
	// journal counts creation-order positions from it, so a world that
	// gains objects (the default world gained a gwlb service after 0.2.0)
	// does not move what its records expect.
	worldSeq  uint64
	idRand    *mrand.Rand
	idSrc     *mrand.PCG // idRand's source, whose position the journal records
	journal   *Journal   // nil unless Replay attached one
	faultRand *mrand.Rand
	pageKey   [16]byte
	faults    map[string]Faults
	stats     map[string]*ActionStats
	requests  int
	nonces    *nonceCache
	tokens    *tokenStore
	buckets   map[bucketKey]*bucket // see limitRate
	// deletedServices are the IDs DeleteService removed. The world stays
	// as NewServer built it; this set, under mu, is what changed since.
	deletedServices map[string]bool
	// unknownActions counts the names in stats of actions the emulator
	// does not serve (see statsFor).
	unknownActions int
	// sleepHook, when set by a test, is called as a request starts its
	// injected latency, so the test knows it is in flight without polling.
	sleepHook func()
	// wokeHook, when set by a test, is called as injected latency ends,
	// with why: "elapsed", "request done" or "closing".
	wokeHook func(why string)

	// The provider side: endpoint services by ID and by name (deleted
	// ones stay, flagged in deletedServices, so that a late
	// CreateVpcEndpoint learns EndpointServiceDeleted), the service each
	// load balancer serves, and the delays of services and connections.
	services     map[string]*service
	serviceNames map[string]*service
	lbInUse      map[string]*service
	serviceDelay time.Duration
	connDelay    time.Duration
	// sweepAt is the earliest instant a removal (an endpoint, a zone, a
	// security group) completes, zero when none is under way, and removing
	// the endpoints with one under way: sweep looks at those only, and
	// only from then on, not at every endpoint on every request.
	sweepAt  time.Time
	removing map[string]*endpoint
	// epPerVPC counts the endpoints of each VPC, for the quota check of
	// CreateVpcEndpoint.
	epPerVPC map[string]int
	// switchZones holds the endpoint zones on each vSwitch, the ones whose
	// addresses are taken there.
	switchZones map[string]map[*epZone]bool
}

// NewServer starts an emulator on 127.0.0.1 with the default world (see the
// package constants) changed by opts. Call Close when done. It panics if an
// option is invalid or no loopback port can be had, as httptest does.
//
// The server refuses what a web page could send it (see Guard): a test
// that runs for a while is a loopback service like any other, and real
// clients never meet the checks.
func NewServer(opts ...Option) *Server {
	s := newServer(opts...)
	s.ts = httptest.NewServer(Guard{}.Handler(s))
	s.URL = s.ts.URL
	return s
}

// newServer builds a server without starting a listener, for tests and the
// fuzz target that call ServeHTTP directly.
func newServer(opts ...Option) *Server {
	c := &config{
		world:  newWorld(),
		creds:  map[string]*credential{},
		quotas: map[string]int{},
		clock:  realClock{},
		seed:   1,

		nonceMemory: DefaultNonceMemory,
		tokenMemory: DefaultClientTokenMemory,
	}
	c.accounts = map[string]*account{AccountID: newAccount(AccountID, DefaultResourceGroupID)}
	for k, v := range defaultQuotas {
		c.quotas[k] = v
	}
	for _, o := range append(defaultWorldOptions(), opts...) {
		if o.apply == nil {
			continue
		}
		if err := o.apply(c); err != nil {
			panic("privatelinktest: " + err.Error())
		}
	}
	seed := uint64(c.seed)
	idSrc := mrand.NewPCG(seed, 0x1d5eed)
	s := &Server{
		closing:       make(chan struct{}),
		world:         c.world,
		creds:         c.creds,
		accounts:      c.accounts,
		quotas:        c.quotas,
		creationDelay: c.creationDelay,
		deletionDelay: c.deletionDelay,
		zoneDelay:     c.zoneDelay,
		sgDelay:       c.sgDelay,
		visibility:    c.visibility,
		clock:         c.clock,
		rateLimits:    c.rateLimits,
		wallNow:       time.Now,
		endpoints:     map[string]*endpoint{},
		// Separate streams, so that the faults a seed produces do not
		// depend on how many IDs were generated in between, and back.
		idRand:    mrand.New(idSrc),
		idSrc:     idSrc,
		faultRand: mrand.New(mrand.NewPCG(seed, 0xfa017)),
		faults:    map[string]Faults{},
		stats:     map[string]*ActionStats{},
		nonces:    newNonceCache(c.nonceMemory / nonceEntryBytes),
		tokens:    newTokenStore(c.tokenMemory, ClientTokenTTL),

		deletedServices: map[string]bool{},
	}
	for i := range s.pageKey {
		s.pageKey[i] = byte(s.idRand.Uint32())
	}
	s.initServices(c)
	s.worldSeq = s.nextSeq
	return s
}

// Close shuts the server down and waits until every in-flight request has
// been answered. Requests sleeping for injected latency are cut short.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	if s.ts != nil {
		s.ts.Close()
	}
}

// Handler returns the emulator as an http.Handler, for mounting it on a
// server of one's own. It serves the path "/" only. It makes none of
// Guard's checks, whose host names depend on the server it is mounted on:
// wrap it with Guard.Handler unless that server makes them itself.
func (s *Server) Handler() http.Handler { return s }

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := gateway.NewRequestID()
	req, aerr := parseRequest(r)
	action := ""
	if req != nil {
		action = req.action
	}

	s.mu.Lock()
	s.requests++
	st := s.statsFor(action)
	st.Requests++
	var f Faults
	if aerr == nil {
		aerr = s.route(req)
	}
	if aerr == nil {
		aerr = s.authenticate(req)
	}
	if aerr == nil {
		aerr = s.limitRate(req, st, w.Header())
	}
	if aerr == nil {
		f = s.faultsFor(action)
		aerr = s.injectFault(f, st)
	}
	var body []byte
	reached := false
	if aerr == nil {
		reached = true
		body, aerr = s.execute(req)
		if aerr == nil {
			st.Successes++
		}
	}
	if aerr != nil && !aerr.injected() {
		st.Errors++
	}
	drop := reached && f.DropAfterRate > 0 && s.faultRand.Float64() < f.DropAfterRate
	if drop {
		st.Dropped++
	}
	delayed := s.delays(f, st)
	s.mu.Unlock()
	if jerr := s.journalWait(req); jerr != nil {
		aerr, body = jerr, nil
	}

	if delayed && !s.sleep(r, f.Latency) {
		// Returning without writing would send an empty 200; a server
		// going away sends nothing.
		dropConnection(w)
		return
	}
	if drop {
		dropConnection(w)
		return
	}
	if aerr != nil {
		writeError(w, requestID, aerr)
		return
	}
	gateway.WriteBody(w, http.StatusOK, requestID, body)
}

// sleep waits d unless the request is abandoned or the server closes; it
// reports whether the answer should still be written.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	s.mu.Lock()
	hook, woke := s.sleepHook, s.wokeHook
	s.mu.Unlock()
	if hook != nil {
		hook()
	}
	why := ""
	if woke != nil {
		defer func() { woke(why) }()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		why = "elapsed"
		return true
	case <-r.Context().Done():
		why = "request done"
		return false
	case <-s.closing:
		why = "closing"
		return false
	}
}

// dropConnection ends the exchange without an answer, as a load balancer
// that loses the backend after the operation was done.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tc, ok := conn.(*net.TCPConn); ok {
				// A reset rather than a FIN, so the client cannot mistake
				// the end for a complete, empty answer.
				_ = tc.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	// Without a hijackable connection (HTTP/2, a recorder) aborting the
	// handler is how net/http drops a response.
	panic(http.ErrAbortHandler)
}

// route checks the action and version before authentication, as the
// gateway does: it must find the API before it knows how to verify it.
func (s *Server) route(req *apiRequest) *apiError {
	switch {
	case req.action == "":
		return errMissingCommon("Action")
	case !knownAction(req.action):
		return newError(http.StatusNotFound, "InvalidApi.NotFound",
			"Specified api is not found, please check your url and method.")
	case req.version == "":
		return errMissingCommon("Version")
	case req.version != apiVersion:
		return errorf("InvalidVersion", "Specified parameter Version is not valid.")
	}
	return nil
}

// writeError writes an error answer in the gateway's JSON shape.
func writeError(w http.ResponseWriter, requestID string, e *apiError) {
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	gateway.WriteError(w, e.status, requestID, hostID, e.code, e.message)
}
