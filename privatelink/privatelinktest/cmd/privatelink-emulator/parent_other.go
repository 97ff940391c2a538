//go:build !linux

package main

// stopWithGoRun does nothing outside Linux, which alone lets a process ask
// for a signal when its parent dies; see parent_linux.go.
func stopWithGoRun() {}
