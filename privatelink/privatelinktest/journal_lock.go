package privatelinktest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// JournalLockedError is the answer of OpenJournal and CreateJournal for a
// journal that another process, or another Journal of this one, holds:
// two servers appending to one file would overwrite each other's records.
// The lock is LockFile, the journal's name with ".lock" appended, which
// holds the holder's process ID.
type JournalLockedError struct {
	Path     string
	LockFile string
	// PID is the holder's process ID as its lock file gives it, 0 if
	// unknown.
	PID int
	// Stale is set where the lock is the file's existence rather than an
	// operating-system lock (platforms without flock): a server that was
	// killed leaves it behind, and it must be removed by hand.
	Stale bool
}

// Error names the journal, its holder and the lock file, and where the
// lock may be stale, says to remove it.
func (e *JournalLockedError) Error() string {
	holder := "a process whose ID is unknown"
	if e.PID != 0 {
		holder = "process " + strconv.Itoa(e.PID)
	}
	msg := fmt.Sprintf("journal %s is in use by %s (lock file %s)", e.Path, holder, e.LockFile)
	if e.Stale {
		msg += "; if no emulator runs on it, remove the lock file"
	}
	return msg
}

// journalLock is a journal's lock, shared by the Journals Reset made from
// one another and released when the last is closed.
type journalLock struct {
	mu   sync.Mutex
	refs int
	f    *os.File
	path string
}

// lockJournal takes the lock of the journal at path.
func lockJournal(path string) (*journalLock, error) {
	lp := path + ".lock"
	f, err := lockFile(path, lp)
	if err != nil {
		return nil, err
	}
	// The holder's ID, for the message of the process that finds the file
	// locked. Best effort: the lock itself does not depend on it.
	if f.Truncate(0) == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &journalLock{refs: 1, f: f, path: lp}, nil
}

func (l *journalLock) acquire() {
	l.mu.Lock()
	l.refs++
	l.mu.Unlock()
}

func (l *journalLock) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refs--
	if l.refs == 0 {
		unlockFile(l.f, l.path)
	}
}

// lockHolder reads the process ID a lock file holds, 0 if none.
func lockHolder(f *os.File) int {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
