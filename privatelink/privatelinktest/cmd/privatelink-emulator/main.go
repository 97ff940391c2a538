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
// API with the controls Go tests have as Server methods. It refuses what a
// web page could send it (privatelinktest.Guard; -allow-host names more
// hosts) and bounds what a request and a connection may cost (-max-in-flight,
// -max-conns and the timeouts). See README.md.
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
	"net/netip"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after SIGINT or SIGTERM.
const shutdownTimeout = 10 * time.Second

// shutdownGrace is how long shutdown still waits, once no request is
// being executed, for net/http to close the connections that just
// answered; the ones left then carry no request and are closed.
const shutdownGrace = 200 * time.Millisecond

func main() {
	stopWithGoRun()
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
	// Under TLS, so that a connection over the cap is refused before its
	// handshake, in plain text only when there is no TLS to speak.
	ln = &capListener{Listener: ln, max: o.maxConns, plain: !o.tls, log: log}

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
	reqs := newRequests()
	// Everything, the API and the admin API alike, sits behind the checks
	// that keep a web page from driving the emulator.
	listen, _ := netip.AddrFromSlice(bound.IP)
	handler := privatelinktest.Guard{
		Listen: listen.Unmap(), AllowHosts: o.allowHosts,
		Refused: func(r *http.Request, code string) {
			log.Warn("refused", "method", r.Method, "path", clip(r.URL.Path), "host", clip(r.Host),
				"origin", clip(r.Header.Get("Origin")), "code", code)
		},
	}.Handler(newRouter(st, adminOn, log, &inFlight{max: o.maxInFlight}, reqs))
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: o.readHeaderTimeout,
		// The read and write deadlines these set are lifted once a
		// request's body is in (requests.settle), and the write one set
		// again when its answer starts.
		ReadTimeout:    o.readTimeout,
		WriteTimeout:   o.readTimeout + writeTimeout,
		IdleTimeout:    o.idleTimeout,
		MaxHeaderBytes: maxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
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
	// Shutdown stops accepting and closes idle connections, but waits for
	// the ones net/http counts as active until their own timeouts: those
	// still sending a header or a body. Only requests being executed are
	// worth waiting for (reqs); once none is left, the rest is closed.
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(sctx) }()
	finished := true
	select {
	case err := <-shut:
		finished = err == nil
	case <-reqs.idle():
		// The last answers are flushed; give net/http a moment to see
		// their connections idle and close them cleanly, then close
		// what is left: connections that carry no request.
		select {
		case <-shut:
		case <-time.After(shutdownGrace):
		}
	case <-sctx.Done():
		finished = false
	}
	if !finished {
		// Cut injected latency short, then drop what is left.
		st.current().Close()
		_ = srv.Close()
		log.Error("in-flight requests did not finish in time", "timeout", shutdownTimeout.String())
		return 1
	}
	_ = srv.Close()
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
