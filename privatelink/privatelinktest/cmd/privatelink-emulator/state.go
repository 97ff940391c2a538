package main

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// stateHelp ends -h: what -state promises, for whoever relies on it.
const stateHelp = `
With -state FILE (the journal):
  Journaled: every request that changed state, or drew a generated ID,
    with its parameters byte for byte (never a secret, token or
    signature); provider actions and fake-clock advances of the admin API.
    Not journaled: reads, retries answered from a client token, refused
    requests that drew no ID, faults, stats, nonces.
  Recovered: a change is on disk (fsynced) before it is answered, so
    whatever was acknowledged comes back after a crash or kill -9: the
    same endpoints, IDs and client-token answers. Start with the same
    flags and world file; a journal that replays differently is refused.
  Refused: a request whose record would exceed 4 MiB, before it is
    performed (400; none within the request limits above does); a
    second server on FILE (it is locked: FILE.lock names the holder's
    PID); a journal damaged before its last record (the error names the
    record and offset; -state-truncate-at-damage cuts there). Only a
    torn last record, never acknowledged, is dropped on its own.
    Start-up logs "replayed N records from FILE" and any cut.
  Limits: client tokens are kept 24 hours within -client-token-memory
    (64MiB holds about 70,000 creates' tokens); when it is full a request
    with a new token gets 503 rather than a forgotten token.
`

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
	// journal is the current server's -state journal, nil without -state.
	// Under mu.
	journal *privatelinktest.Journal
}

// newState builds the first emulator; with -state it replays the journal
// the last run left, logging how many records it replayed and anything it
// cut off the end of the file.
func newState(o *options, log *slog.Logger) (*state, error) {
	st := &state{opts: o}
	var j *privatelinktest.Journal
	if o.state != "" {
		var err error
		if j, err = openState(o); err != nil {
			return nil, err
		}
	}
	srv, err := st.build(j)
	if err != nil {
		if j != nil {
			j.Close()
		}
		return nil, err
	}
	if j != nil {
		if cut := j.Cut(); cut != nil {
			what := "a torn last record, never acknowledged (a crash during its write)"
			if cut.Damaged {
				what = fmt.Sprintf("a damaged record and the %d intact records after it (-state-truncate-at-damage)", cut.Dropped)
			}
			log.Warn("journal cut", "file", j.Path(), "offset", cut.Offset, "bytes", cut.Bytes,
				"record", cut.Record, "reason", cut.Reason, "dropped", what)
		}
		if j.Converted() {
			log.Info("journal converted to the current format", "file", j.Path())
		} else if j.Restamped() {
			log.Info("journal re-stamped with this version's answers: it was written by another version", "file", j.Path())
		}
		log.Info(fmt.Sprintf("replayed %d records from %s", j.Len(), j.Path()), "records", j.Len(), "file", j.Path())
	}
	st.srv.Store(srv)
	st.journal = j
	return st, nil
}

// openState opens the -state journal, explaining a damaged or locked one
// in the command's terms.
func openState(o *options) (*privatelinktest.Journal, error) {
	var opts []privatelinktest.JournalOption
	if o.truncateAtDamage {
		opts = append(opts, privatelinktest.TruncateAtDamage())
	}
	j, err := privatelinktest.OpenJournal(o.state, opts...)
	var de *privatelinktest.JournalDamageError
	if errors.As(err, &de) {
		return nil, fmt.Errorf("-state: %w. Nothing was changed. To start from the %d records before it, "+
			"dropping the damaged one and the %d after it, run again with -state-truncate-at-damage "+
			"(keep a copy of the file first)", err, de.Record-1, de.Following)
	}
	if err != nil {
		return nil, fmt.Errorf("-state: %w", err)
	}
	return j, nil
}

// build makes a fresh emulator (and fake clock) from the flags and, with a
// journal, replays it and makes the emulator append to it.
func (st *state) build(j *privatelinktest.Journal) (srv *privatelinktest.Server, err error) {
	var clock privatelinktest.Clock
	var fc *privatelinktest.FakeClock
	if st.opts.fakeClock {
		// Start at the real time so CreateTime values look plausible;
		// request timestamps are checked against the wall clock anyway.
		// A replayed journal moves it to where the last run left it.
		fc = privatelinktest.NewFakeClock(time.Now().UTC().Truncate(time.Second))
		clock = fc
	}
	defer func() {
		// NewUnstartedServer panics on an option it refuses. The world
		// file's checks come first and give field paths; this is the
		// backstop for what only the emulator knows (an unknown action in
		// deniedActions).
		if r := recover(); r != nil {
			srv, err = nil, fmt.Errorf("-world: %v", r)
		}
	}()
	srv = privatelinktest.NewUnstartedServer(st.opts.emulatorOptions(clock)...)
	if j != nil {
		if err := srv.Replay(j); err != nil {
			return nil, err
		}
	}
	if fc != nil {
		st.clock.Store(fc)
	}
	return srv, nil
}

func (st *state) current() *privatelinktest.Server { return st.srv.Load() }

// fakeClock returns the current fake clock, or nil without -fake-clock.
func (st *state) fakeClock() *privatelinktest.FakeClock { return st.clock.Load() }

// reset replaces the emulator with a fresh one built from the same flags:
// the default world, no endpoints, no faults, no client tokens or nonces.
// With -state, the journal is replaced by an empty one first (atomically),
// so a restart after a reset starts fresh too. Requests already inside the
// old one finish there; their injected latency is cut short.
func (st *state) reset() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	var j *privatelinktest.Journal
	if st.journal != nil {
		var err error
		// Reset keeps the file's lock: no other server can take the file
		// between the old journal and the new one.
		if j, err = st.journal.Reset(); err != nil {
			return err
		}
	}
	srv, err := st.build(j)
	if err != nil {
		if j != nil {
			j.Close()
		}
		return err
	}
	old := st.srv.Swap(srv)
	old.Close()
	if st.journal != nil {
		// A request still inside the old server fails to journal and is
		// answered ServiceUnavailable: the reset wiped what it did.
		st.journal.Close()
	}
	st.journal = j
	return nil
}

// close closes the current emulator and its journal.
func (st *state) close() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.current().Close()
	if st.journal != nil {
		st.journal.Close()
	}
}
