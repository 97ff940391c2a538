// Command privatelink-emulator serves the PrivateLink emulator of package
// privatelinktest over HTTP, so that any Alibaba Cloud client (the aliyun
// CLI, Terraform, the Python, Node and Java SDKs, curl) can be pointed at
// it. It serves the same http.Handler Go tests use in process: there is no
// second implementation.
//
// With no flags it listens on 127.0.0.1:9480 and prints, one KEY=value per
// line (or one JSON object with -json), the endpoint URL, the region, the
// access key pair and the IDs of the emulator's world. Request logs go to
// stderr as JSON. SIGINT or SIGTERM shut it down gracefully.
//
// Under /_emulator/ it serves a health check and, on loopback, a JSON admin
// API with the controls Go tests have as Server methods. See README.md.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after SIGINT or SIGTERM.
const shutdownTimeout = 10 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command, returning its exit status: 0 after a graceful
// shutdown, 1 when it could not start or in-flight requests outlived
// shutdownTimeout, 2 for bad flags.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "privatelink-emulator: %v\n", err)
		return 2
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: o.logLevel}))
	// Catch the signals before listening, so that one arriving during
	// start-up stops the server gracefully instead of killing the process.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		fmt.Fprintf(stderr, "privatelink-emulator: %v\n", err)
		return 1
	}
	bound := ln.Addr().(*net.TCPAddr)
	adminOn := adminEnabled(o.admin, bound.IP)

	scheme, caFile := "http", ""
	if o.tls {
		cert, file, err := selfSignedCert()
		if err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "privatelink-emulator: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dirOf(file))
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		scheme, caFile = "https", file
	}

	st, err := newState(o, log)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "privatelink-emulator: %v\n", err)
		return 1
	}
	defer st.close()
	handler := newRouter(st, adminOn, log)
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	info := newStartInfo(scheme+"://"+hostForURL(bound), caFile, adminOn, o.fakeClock)
	if err := info.print(stdout, o.json); err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "privatelink-emulator: %v\n", err)
		return 1
	}
	log.Info("listening", "endpoint", info.Endpoint, "admin", adminOn, "tls", o.tls, "fake_clock", o.fakeClock)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		log.Error("serve failed", "error", err.Error())
		return 1
	case <-ctx.Done():
	}
	stop()
	log.Info("shutting down", "timeout", shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Cut injected latency short, then drop what is left.
		st.current().Close()
		_ = srv.Close()
		log.Error("in-flight requests did not finish in time", "error", err.Error())
		return 1
	}
	log.Info("stopped")
	return 0
}

// adminEnabled decides -admin: auto opens the admin API only on a loopback
// address, because whoever reaches it can change the emulator's state.
// An unspecified address (":9480") listens on every interface, so it is
// not loopback.
func adminEnabled(mode string, ip net.IP) bool {
	return mode == "on" || (mode == "auto" && ip.IsLoopback())
}

// hostForURL is the bound address as a URL host. An unspecified address
// (":9480", "0.0.0.0:9480") is printed as loopback, which reaches it from
// this machine; other machines use the host's own name.
func hostForURL(a *net.TCPAddr) string {
	ip := a.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(a.Port))
}
