//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package privatelinktest

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on the lock file lp. The kernel
// releases it when the process dies, however it dies, so a kill -9 leaves
// no stale lock. The file itself stays: removing it would race with a
// process that opened it to lock it.
func lockFile(path, lp string) (*os.File, error) {
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &JournalLockedError{Path: path, LockFile: lp, PID: lockHolder(f)}
		}
		return nil, fmt.Errorf("journal: locking %s: %w", lp, err)
	}
	return f, nil
}

// unlockFile releases the lock by closing the file.
func unlockFile(f *os.File, _ string) { _ = f.Close() }
