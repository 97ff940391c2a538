package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// defaultAddr is where the emulator listens with no -addr: loopback only,
// on a port below the ephemeral ranges (Linux 32768+, IANA 49152+), so the
// kernel never hands it to an outgoing connection, and clear of the ports
// local development servers and other emulators habitually take (8000,
// 8080, 9000, 9090, 4566, 4443).
const defaultAddr = "127.0.0.1:9480"

// options is the command line, parsed and validated.
type options struct {
	addr          string
	tls           bool
	seed          int64
	logLevel      slog.Level
	json          bool
	admin         string // auto, on or off
	fakeClock     bool
	creationDelay time.Duration
	deletionDelay time.Duration
	quotas        quotaFlag
	// world holds the options of the -world file; state is the -state
	// journal's path.
	world []privatelinktest.Option
	state string
	// allowHosts are the -allow-host names the server answers besides
	// loopback and its listen address (privatelinktest.Guard).
	allowHosts []string
	// maxInFlight is -max-in-flight: API requests served at once.
	maxInFlight int
	// The server's connection limits (conns.go).
	maxConns          int
	readHeaderTimeout time.Duration
	readTimeout       time.Duration
	idleTimeout       time.Duration
	// truncateAtDamage is -state-truncate-at-damage.
	truncateAtDamage bool
	// tokenMemory is -client-token-memory in bytes, 0 for the default.
	tokenMemory int
	// set names the flags given on the command line, which win over the
	// world file.
	set map[string]bool
}

// quotaFlag collects repeated -quota name=n flags.
type quotaFlag map[string]int

// Set adds one name=limit.
func (q quotaFlag) Set(s string) error {
	name, n, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("want name=limit, got %q", s)
	}
	v, err := strconv.Atoi(n)
	if err != nil || v < 0 {
		return fmt.Errorf("limit %q of %s is not a non-negative integer", n, name)
	}
	if name != privatelinktest.QuotaTotalEpPerVpc && name != privatelinktest.QuotaEpZonePerEndpoint {
		return fmt.Errorf("unknown quota %q (want %s or %s)", name,
			privatelinktest.QuotaTotalEpPerVpc, privatelinktest.QuotaEpZonePerEndpoint)
	}
	q[name] = v
	return nil
}

// parseFlags parses args and reports every bad value at once, so that a
// script that got two wrong learns both from one run. flag.FlagSet stops at
// the first value its own parsers refuse, so every flag goes through a
// checked value that records the problem and lets parsing go on. (An
// unknown flag still stops it: what follows might be its value.)
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{addr: defaultAddr, seed: 1, admin: "auto", quotas: quotaFlag{}, maxInFlight: defaultMaxInFlight,
		maxConns: defaultMaxConns, readHeaderTimeout: defaultReadHeaderTimeout, readTimeout: defaultReadTimeout, idleTimeout: defaultIdleTimeout}
	var errs []error
	fs := flag.NewFlagSet("privatelink-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: privatelink-emulator [flags]\n\n"+
			"Serves the PrivateLink emulator (API 2020-04-15) over HTTP and prints its\n"+
			"endpoint, region, access keys (consumer and provider) and world as KEY=value\n"+
			"lines (-json: one object). In scripts and CI run a built binary (go build -o,\n"+
			"go install ...@version), not go run: killing go run does not reach the server\n"+
			"(on Linux the server stops when the go tool that started it dies).\n\n"+
			"Security: requests a web page could send are refused with 403: a Host that is\n"+
			"not a loopback name or address, the listen address or an -allow-host name (DNS\n"+
			"rebinding); an Origin or Referer other than the server's own, or Sec-Fetch-Site\n"+
			"cross-site or same-site. The admin API (/_emulator/) takes application/json\n"+
			"bodies only.\n\n"+
			"Limits: a request may carry %d parameters and %d KiB of query string and\n"+
			"body (400 past them, before it is parsed or verified); -max-in-flight API\n"+
			"requests at once (503 past it); -max-conns connections (503 and closed past\n"+
			"it); -read-header-timeout, -read-timeout and -idle-timeout close stuck\n"+
			"connections, and an answer must be written within %v of its first byte.\n"+
			"SIGINT or SIGTERM: connections carrying no request are closed at once, the\n"+
			"requests being executed get up to %v to finish, then exit status 0 (1 if\n"+
			"some did not finish).\n\n"+
			"With -state every change is journaled before it is answered; see README.md.\n\nFlags:\n",
			privatelinktest.MaxRequestParams, privatelinktest.MaxRequestBytes>>10, writeTimeout, shutdownTimeout)
		fs.PrintDefaults()
		fmt.Fprint(stderr, stateHelp)
	}
	def := func(name, value, usage string, isBool bool, set func(string) error) {
		fs.Var(&checked{name: name, raw: value, isBool: isBool, set: set, errs: &errs}, name, usage)
	}
	boolean := func(dst *bool) func(string) error {
		return func(s string) (err error) { *dst, err = strconv.ParseBool(s); return err }
	}
	duration := func(dst *time.Duration) func(string) error {
		return func(s string) error {
			d, err := time.ParseDuration(s)
			if err == nil && d < 0 {
				err = errors.New("negative duration")
			}
			*dst = d
			return err
		}
	}
	def("addr", defaultAddr, "`host:port` to listen on; port 0 picks a free one (the bound address is printed)", false, func(s string) error {
		o.addr = s
		_, port, err := net.SplitHostPort(s)
		if err != nil {
			return err
		}
		if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			return fmt.Errorf("port %q is not a number from 0 to 65535", port)
		}
		return nil
	})
	def("tls", "false", "serve HTTPS with a self-signed ECDSA P-256 certificate for 127.0.0.1, ::1 and localhost, written to the printed PEM file", true, boolean(&o.tls))
	def("seed", "1", "seed (an integer `n`) of generated IDs and injected faults", false, func(s string) (err error) {
		o.seed, err = strconv.ParseInt(s, 10, 64)
		return err
	})
	def("log-level", "info", "request log `level`: debug, info, warn or error", false, func(s string) error {
		if o.logLevel.UnmarshalText([]byte(s)) != nil {
			return errors.New("want debug, info, warn or error")
		}
		return nil
	})
	def("json", "false", "print the start-up information as one JSON object instead of KEY=value lines", true, boolean(&o.json))
	def("admin", "auto", "admin API under /_emulator/: `on, off or auto` (on when listening on loopback only)", false, func(s string) error {
		o.admin = s
		switch s {
		case "auto", "on", "off":
			return nil
		}
		return errors.New("want auto, on or off")
	})
	def("fake-clock", "false", "derive endpoint states from a fake clock that only POST /_emulator/clock/advance moves", true, boolean(&o.fakeClock))
	def("creation-delay", "0s", "how long (a `duration` such as 30s) a new endpoint stays Creating (0: Active on the next read)", false, duration(&o.creationDelay))
	def("deletion-delay", "0s", "how long (a `duration`) a deleted endpoint stays Deleting (0: gone on the next read)", false, duration(&o.deletionDelay))
	def("quota", "", "`name=limit` of a quota (totalEpPerVpc, epZonePerEndpoint); repeatable", false, o.quotas.Set)
	def("world", "", "JSON `file` of accounts, access keys, STS credentials, VPCs, vSwitches, security groups, load balancers (slb, alb, nlb, gwlb), services, quotas and delays added to the default world (see README.md)", false, func(s string) (err error) {
		o.world, err = loadWorld(s)
		return err
	})
	def("state", "", "journal `file` that keeps the emulator's state across restarts: every change is on disk before it is answered (created if missing)", false, func(s string) error {
		if s == "" {
			return errors.New("empty path")
		}
		o.state = s
		return nil
	})
	def("allow-host", "", "a further `name` clients reach the emulator by (its Host header), e.g. a container's service name; .example.com allows every name under it, * any name (which gives up the DNS-rebinding check); repeatable. Loopback names and addresses and the listen address are always allowed", false, func(s string) error {
		if err := checkAllowHost(s); err != nil {
			return err
		}
		o.allowHosts = append(o.allowHosts, s)
		return nil
	})
	positive := func(dst *int) func(string) error {
		return func(s string) error {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return errors.New("want a positive integer")
			}
			*dst = n
			return nil
		}
	}
	def("max-in-flight", strconv.Itoa(defaultMaxInFlight), "`n` API requests served at once; one more is answered 503 ServiceUnavailable with Retry-After: 1 (the admin API is not counted)", false, positive(&o.maxInFlight))
	def("max-conns", strconv.Itoa(defaultMaxConns), "`n` open connections at once; one more is answered 503 and closed at once", false, positive(&o.maxConns))
	positiveDuration := func(dst *time.Duration) func(string) error {
		return func(s string) error {
			d, err := time.ParseDuration(s)
			if err == nil && d <= 0 {
				err = errors.New("want a positive duration")
			}
			*dst = d
			return err
		}
	}
	def("read-header-timeout", defaultReadHeaderTimeout.String(), "how long (a `duration`) a new connection may take to send a request's header before it is closed", false, positiveDuration(&o.readHeaderTimeout))
	def("read-timeout", defaultReadTimeout.String(), "how long (a `duration`) a request, header and body, may take to arrive before its connection is closed", false, positiveDuration(&o.readTimeout))
	def("idle-timeout", defaultIdleTimeout.String(), "how long (a `duration`) a kept-alive connection may wait for its next request before it is closed", false, positiveDuration(&o.idleTimeout))
	def("state-truncate-at-damage", "false", "start even if the -state journal is damaged before its last record, cutting it at the end of the last intact record: the damaged record and every record after it are lost (the cut is logged)", true, boolean(&o.truncateAtDamage))
	def("client-token-memory", "64MiB", "memory for client tokens, kept 24 hours each (a `size`: bytes, or with KiB, MiB or GiB); when it is full a request with a new token gets 503 rather than a forgotten token", false, func(s string) (err error) {
		o.tokenMemory, err = parseSize(s)
		return err
	})
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if o.truncateAtDamage && o.state == "" {
		errs = append(errs, errors.New("-state-truncate-at-damage needs -state"))
	}
	if fs.NArg() > 0 {
		errs = append(errs, fmt.Errorf("unexpected arguments: %q", fs.Args()))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return o, nil
}

// checkAllowHost refuses what cannot match a Host header's name: a URL,
// a port, an empty name.
func checkAllowHost(s string) error {
	switch {
	case s == "*":
		return nil
	case s == "" || s == ".":
		return errors.New("empty name")
	case strings.ContainsAny(s, "/@?# "):
		return errors.New("want a host name such as emulator or .example.com, not a URL")
	case strings.Contains(s, ":"):
		if _, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
			return nil
		}
		return errors.New("want a host name without a port (every port is allowed)")
	}
	return nil
}

// checked is a flag value that records a bad value instead of stopping the
// parse.
type checked struct {
	name, raw string
	isBool    bool
	set       func(string) error
	errs      *[]error
}

// String is the flag's value. A boolean's false is "", the zero value's,
// so that -h does not print "(default false)", as flag.Bool does not.
func (c *checked) String() string {
	if c == nil || c.isBool && c.raw == "false" {
		return ""
	}
	return c.raw
}

func (c *checked) Set(s string) error {
	c.raw = s
	if err := c.set(s); err != nil {
		*c.errs = append(*c.errs, fmt.Errorf("-%s %q: %v", c.name, s, err))
	}
	return nil
}

func (c *checked) IsBoolFlag() bool { return c.isBool }

// emulatorOptions turns the flags into the emulator's options; clock is
// nil unless -fake-clock.
func (o *options) emulatorOptions(clock privatelinktest.Clock) []privatelinktest.Option {
	opts := append([]privatelinktest.Option{privatelinktest.WithSeed(o.seed)}, o.world...)
	// The world file comes first, so that a delay given as a flag wins;
	// a flag left at its default leaves the file's value.
	if o.creationDelay != 0 || o.set["creation-delay"] {
		opts = append(opts, privatelinktest.WithCreationDelay(o.creationDelay))
	}
	if o.deletionDelay != 0 || o.set["deletion-delay"] {
		opts = append(opts, privatelinktest.WithDeletionDelay(o.deletionDelay))
	}
	if o.tokenMemory != 0 {
		opts = append(opts, privatelinktest.WithClientTokenMemory(o.tokenMemory))
	}
	for name, n := range o.quotas {
		opts = append(opts, privatelinktest.WithQuota(name, n))
	}
	if clock != nil {
		opts = append(opts, privatelinktest.WithClock(clock))
	}
	return opts
}

// parseSize reads a memory size of at least 1 KiB: a number of bytes, or a
// number with KiB, MiB or GiB.
func parseSize(s string) (int, error) {
	mult := 1
	for suffix, m := range map[string]int{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			s, mult = n, m
			break
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > (1<<40)/mult || n*mult < 1<<10 {
		return 0, errors.New("want at least 1KiB: a number of bytes, KiB, MiB or GiB, such as 64MiB")
	}
	return n * mult, nil
}
