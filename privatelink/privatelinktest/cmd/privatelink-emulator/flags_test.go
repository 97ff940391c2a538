package main

import (
	"flag"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These test pure functions of the command; the command itself is tested
// as a subprocess.

func TestAdminEnabled(t *testing.T) {
	for _, tc := range []struct {
		mode string
		ip   string
		want bool
	}{
		{"auto", "127.0.0.1", true},
		{"auto", "::1", true},
		{"auto", "0.0.0.0", false},
		{"auto", "::", false},
		{"auto", "192.168.1.10", false},
		{"on", "0.0.0.0", true},
		{"off", "127.0.0.1", false},
	} {
		assert.Equal(t, tc.want, adminEnabled(tc.mode, net.ParseIP(tc.ip)), "%s on %s", tc.mode, tc.ip)
	}
}

func TestHostForURL(t *testing.T) {
	assert.Equal(t, "127.0.0.1:9480", hostForURL(&net.TCPAddr{IP: net.IPv4zero, Port: 9480}))
	assert.Equal(t, "[::1]:80", hostForURL(&net.TCPAddr{IP: net.IPv6loopback, Port: 80}))
}

func TestParseFlagsDefaultsAndValues(t *testing.T) {
	o, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, defaultAddr, o.addr)
	assert.Equal(t, "auto", o.admin)
	assert.Equal(t, int64(1), o.seed)

	o, err = parseFlags([]string{"-addr", "[::1]:0", "-seed", "7", "-tls", "-json=false", "-quota", "totalEpPerVpc=5",
		"-quota", "epZonePerEndpoint=2", "-creation-delay", "1m", "-log-level", "DEBUG"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "[::1]:0", o.addr)
	assert.Equal(t, int64(7), o.seed)
	assert.True(t, o.tls)
	assert.False(t, o.json)
	assert.Equal(t, quotaFlag{"totalEpPerVpc": 5, "epZonePerEndpoint": 2}, o.quotas)
	assert.Equal(t, "1m0s", o.creationDelay.String())
	assert.Equal(t, "DEBUG", o.logLevel.String())

	_, err = parseFlags([]string{"extra"}, io.Discard)
	assert.ErrorContains(t, err, "unexpected arguments")
}

// -h states the security checks and the limits, and steers scripts away
// from go run.
func TestHelpStatesChecksAndLimits(t *testing.T) {
	var stderr strings.Builder
	assert.Equal(t, 0, run([]string{"-h"}, &strings.Builder{}, &stderr))
	for _, want := range []string{"go build -o", "Host", "Origin", "Sec-Fetch-Site", "application/json",
		"1000 parameters", "128 KiB", "-max-in-flight", "-max-conns", "-read-header-timeout", "-idle-timeout",
		"-allow-host", "exit status 0"} {
		assert.Contains(t, stderr.String(), want)
	}
	// Each flag names the kind of value it takes, as flag's own types do,
	// and a boolean's false is not printed as a default.
	for _, want := range []string{"-seed n", "-creation-delay duration", "-max-in-flight n", "-max-conns n",
		"-read-header-timeout duration", "-read-timeout duration", "-idle-timeout duration", "-client-token-memory size"} {
		assert.Contains(t, stderr.String(), want+"\n")
	}
	assert.NotContains(t, stderr.String(), "(default false)")
	for _, line := range strings.Split(stderr.String(), "\n") {
		if !strings.HasPrefix(line, "    \t") { // flag descriptions are flag's, one line each
			assert.LessOrEqual(t, len(line), 80, "a line of the help text: %q", line)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{"1024": 1024, "64MiB": 64 << 20, "2GiB": 2 << 30, "512KiB": 512 << 10} {
		got, err := parseSize(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "0", "-1MiB", "1023", "64MB", "1.5GiB", "2000GiB"} {
		_, err := parseSize(in)
		assert.Error(t, err, in)
	}
}

// The guarantees of -state are in -h, not only in the README.
func TestHelpStatesTheJournalGuarantees(t *testing.T) {
	var out strings.Builder
	_, err := parseFlags([]string{"-h"}, &out)
	require.ErrorIs(t, err, flag.ErrHelp)
	for _, want := range []string{"Journaled:", "Recovered:", "Refused:", "Limits:", "-state-truncate-at-damage", "-client-token-memory"} {
		assert.Contains(t, out.String(), want)
	}
}
