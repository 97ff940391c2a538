//go:build race

package main

// raceEnabled builds the command under test with the race detector when
// the tests run with it, so that `go test -race` checks the command too.
const raceEnabled = true
