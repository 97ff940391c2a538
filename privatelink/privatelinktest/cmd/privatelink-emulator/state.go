package main

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// state is the emulator behind the listener. A reset swaps in a fresh
// Server atomically, so requests never see a half-built one and the
// listener, its port and its certificate stay.
type state struct {
	opts *options
	srv  atomic.Pointer[privatelinktest.Server]

	// mu serialises resets, so two at once do not close each other's
	// server.
	mu sync.Mutex
	// clock is the fake clock of the current server, nil without
	// -fake-clock. Under mu for writes; read through clockNow.
	clock atomic.Pointer[privatelinktest.FakeClock]
}

func newState(o *options) *state {
	st := &state{opts: o}
	st.srv.Store(st.build())
	return st
}

// build makes a fresh emulator (and fake clock) from the flags.
func (st *state) build() *privatelinktest.Server {
	var clock privatelinktest.Clock
	if st.opts.fakeClock {
		// Start at the real time so CreateTime values look plausible;
		// request timestamps are checked against the wall clock anyway.
		fc := privatelinktest.NewFakeClock(time.Now().UTC().Truncate(time.Second))
		st.clock.Store(fc)
		clock = fc
	}
	return privatelinktest.NewUnstartedServer(st.opts.emulatorOptions(clock)...)
}

func (st *state) current() *privatelinktest.Server { return st.srv.Load() }

// fakeClock returns the current fake clock, or nil without -fake-clock.
func (st *state) fakeClock() *privatelinktest.FakeClock { return st.clock.Load() }

// reset replaces the emulator with a fresh one built from the same flags:
// the default world, no endpoints, no faults, no client tokens or nonces.
// Requests already inside the old one finish there; their injected
// latency is cut short.
func (st *state) reset() {
	st.mu.Lock()
	defer st.mu.Unlock()
	old := st.srv.Swap(st.build())
	old.Close()
}
