package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// stopWithGoRun makes the kernel send this process SIGTERM when its parent
// dies, if that parent is the go tool: under "go run", "kill $!" reaches
// only the go tool, which does not pass SIGTERM or SIGKILL on, and the
// server would go on serving, holding its port and -state file, with no
// parent to stop it. SIGTERM is the graceful shutdown, as if the user had
// sent it.
//
// Only under the go tool, because that is the one parent whose death
// never means "keep serving": a supervisor, a shell script or CI that
// starts the built binary stops it on purpose. Linux only (PR_SET_PDEATHSIG);
// the README's advice (go build or go install for scripts) is the answer
// everywhere. The kernel ties the signal to the thread that started the
// process; the go tool does not end its threads while it waits for its
// child, so the signal comes when the go tool exits.
func stopWithGoRun() {
	ppid := os.Getppid()
	comm, err := os.ReadFile("/proc/" + strconv.Itoa(ppid) + "/comm")
	if err != nil || strings.TrimSpace(string(comm)) != "go" {
		return
	}
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGTERM), 0); errno != 0 {
		return
	}
	// The go tool may have died between the fork and the prctl, too
	// early for the signal: then the parent is no longer the same.
	if os.Getppid() != ppid {
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
	}
}
