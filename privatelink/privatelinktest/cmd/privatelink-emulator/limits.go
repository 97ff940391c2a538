package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

// defaultMaxInFlight is -max-in-flight's default: API requests served at
// once. Each costs at most a few hundred kilobytes once the emulator's
// request limits apply (privatelinktest.MaxRequestBytes,
// MaxRequestParams), so the default bounds their memory to tens of
// megabytes; 64 concurrent clients, the most the soak test runs, fit.
const defaultMaxInFlight = 64

// maxHeaderBytes bounds the request line and headers: room for a query
// string at the emulator's own limit (V3 clients send every parameter
// there) plus 32 KiB of headers. A larger one is refused by net/http with
// 431 before the handler runs.
const maxHeaderBytes = privatelinktest.MaxRequestBytes + 32<<10

// inFlight counts the API requests being served, refuses those past max
// with 503, and lets shutdown wait until none is left.
type inFlight struct {
	max int

	mu sync.Mutex
	n  int
	// drained, when not nil, is closed once n reaches 0.
	drained chan struct{}
}

// handler serves next unless max requests are already in flight. It
// comes before the request log, which reads the body to find the action,
// so a refusal costs nothing but its own log record.
func (f *inFlight) handler(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !f.acquire() {
			id := gateway.NewRequestID()
			log.LogAttrs(r.Context(), slog.LevelWarn, "request", slog.String("method", r.Method),
				slog.Int("status", http.StatusServiceUnavailable), slog.String("code", "ServiceUnavailable"),
				slog.String("request_id", id))
			w.Header().Set("Retry-After", "1")
			gateway.WriteError(w, http.StatusServiceUnavailable, id, "privatelink."+privatelinktest.RegionID+".aliyuncs.com", "ServiceUnavailable",
				fmt.Sprintf("The emulator is serving %d requests already (-max-in-flight %d); retry later.", f.max, f.max))
			return
		}
		defer f.release()
		next.ServeHTTP(w, r)
	})
}

func (f *inFlight) acquire() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n >= f.max {
		return false
	}
	f.n++
	return true
}

func (f *inFlight) release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n--
	if f.n == 0 && f.drained != nil {
		close(f.drained)
		f.drained = nil
	}
}

// idle returns a channel that is closed once no request is in flight.
func (f *inFlight) idle() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan struct{})
	if f.n == 0 {
		close(ch)
		return ch
	}
	if f.drained == nil {
		f.drained = make(chan struct{})
	}
	return f.drained
}
