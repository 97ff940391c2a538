//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package privatelinktest

import (
	"errors"
	"fmt"
	"os"
)

// lockFile takes the lock by creating the lock file lp, which must not
// exist: the fallback where the standard library offers no flock (Windows,
// Plan 9, Solaris). Unlike flock it does not die with its process: a
// killed server leaves the file, and JournalLockedError says to remove it.
func lockFile(path, lp string) (*os.File, error) {
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		e := &JournalLockedError{Path: path, LockFile: lp, Stale: true}
		if g, err := os.Open(lp); err == nil {
			e.PID = lockHolder(g)
			g.Close()
		}
		return nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return f, nil
}

// unlockFile releases the lock by removing the lock file.
func unlockFile(f *os.File, lp string) {
	_ = f.Close()
	_ = os.Remove(lp)
}
