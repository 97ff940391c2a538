package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// adminPrefix is where the command's own API lives. Alibaba Cloud's RPC
// gateway serves its actions at "/" (the action is a parameter or the
// x-acs-action header), so no action can be routed here, and the emulator
// answers every other path InvalidApi.NotFound as the gateway does.
const adminPrefix = "/_emulator/"

// maxAdminBody bounds an admin request's JSON body.
const maxAdminBody = 64 << 10

// newRouter sends /_emulator/... to the command's API and everything else,
// unchanged, to the current emulator. It is not an http.ServeMux at the
// top, because a ServeMux redirects unclean paths, and the gateway never
// redirects.
func newRouter(st *state, adminOn bool, log *slog.Logger, flight *inFlight, reqs *requests) http.Handler {
	admin := reqs.settle(newAdmin(st, adminOn))
	// Only API requests count against -max-in-flight: the admin API's
	// bodies are small (maxAdminBody) and an operator must be able to
	// look at and reset an emulator whose API is saturated.
	api := flight.handler(log, reqs.settle(logRequests(log, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st.current().ServeHTTP(w, r)
	}))))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, adminPrefix) {
			log.Debug("admin", "method", r.Method, "path", clip(r.URL.Path))
			admin.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}

// newAdmin serves the health check always, and the controls when on.
func newAdmin(st *state, on bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_emulator/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{
			"Status": "ok", "RegionId": privatelinktest.RegionID, "Version": "2020-04-15", "Admin": on,
		})
	})
	if on {
		a := &admin{st: st}
		mux.HandleFunc("GET /_emulator/endpoints", a.endpoints)
		mux.HandleFunc("GET /_emulator/endpoints/{id}", a.endpoint)
		mux.HandleFunc("POST /_emulator/endpoints/{id}/accept", a.accept)
		mux.HandleFunc("POST /_emulator/endpoints/{id}/reject", a.reject)
		mux.HandleFunc("POST /_emulator/endpoints/{id}/business-status", a.businessStatus)
		mux.HandleFunc("POST /_emulator/services/{id}/delete", a.deleteService)
		mux.HandleFunc("PUT /_emulator/faults/{action}", a.setFaults)
		mux.HandleFunc("DELETE /_emulator/faults/{action}", a.clearFaults)
		mux.HandleFunc("GET /_emulator/stats", a.stats)
		mux.HandleFunc("GET /_emulator/clock", a.clock)
		mux.HandleFunc("POST /_emulator/clock/advance", a.advance)
		mux.HandleFunc("POST /_emulator/reset", a.reset)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !jsonOrNoBody(r) {
			adminError(w, http.StatusUnsupportedMediaType, "UnsupportedMediaType",
				"the admin API takes application/json bodies only (got Content-Type "+strconv.Quote(clip(r.Header.Get("Content-Type")))+")")
			return
		}
		if path.Clean(r.URL.Path) != r.URL.Path {
			// Answer rather than let the ServeMux redirect.
			adminError(w, http.StatusNotFound, "NotFound", "no such admin path")
			return
		}
		h, pattern := mux.Handler(r)
		if pattern == "" {
			if !on {
				adminError(w, http.StatusNotFound, "AdminDisabled",
					"the admin API is off (-admin=off, or -admin=auto on a non-loopback address)")
				return
			}
			// The ServeMux's own 404 or 405 is plain text; keep JSON.
			rec := &statusOnly{}
			h.ServeHTTP(rec, r)
			if rec.status == http.StatusMethodNotAllowed {
				w.Header().Set("Allow", rec.Header().Get("Allow"))
				adminError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "method "+r.Method+" not allowed on "+r.URL.Path)
				return
			}
			adminError(w, http.StatusNotFound, "NotFound", "no such admin path")
			return
		}
		// Through the ServeMux, not h, so that r gets its path values.
		mux.ServeHTTP(w, r)
	})
}

// jsonOrNoBody reports whether a request that may change something (any
// method but GET and HEAD) has either no body and no Content-Type, or a
// JSON one. A web page can send text/plain, form and multipart bodies to
// any address without asking (a "simple" cross-origin request), but not
// application/json: refusing the rest keeps a page from driving the admin
// API even where a browser sends no Origin. A control without parameters
// (reset, accept) is still a bare POST from curl.
func jsonOrNoBody(r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	ct, ok := r.Header["Content-Type"]
	if !ok {
		return r.ContentLength == 0
	}
	mt, _, err := mime.ParseMediaType(strings.Join(ct, ","))
	return err == nil && mt == "application/json"
}

// statusOnly records what the ServeMux would answer for an unmatched path.
type statusOnly struct {
	h      http.Header
	status int
}

func (s *statusOnly) Header() http.Header {
	if s.h == nil {
		s.h = http.Header{}
	}
	return s.h
}
func (s *statusOnly) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusOnly) WriteHeader(code int)        { s.status = code }

type admin struct{ st *state }

func (a *admin) endpoints(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"Endpoints": a.st.current().Endpoints()})
}

func (a *admin) endpoint(w http.ResponseWriter, r *http.Request) {
	e, ok := a.st.current().Endpoint(r.PathValue("id"))
	if !ok {
		adminError(w, http.StatusNotFound, "EndpointNotFound", "endpoint "+r.PathValue("id")+" does not exist")
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (a *admin) accept(w http.ResponseWriter, r *http.Request) {
	done(w, a.st.current().AcceptConnection(r.PathValue("id")))
}

func (a *admin) reject(w http.ResponseWriter, r *http.Request) {
	done(w, a.st.current().RejectConnection(r.PathValue("id")))
}

func (a *admin) businessStatus(w http.ResponseWriter, r *http.Request) {
	var in struct{ Status string }
	if !readJSON(w, r, &in) {
		return
	}
	done(w, a.st.current().SetBusinessStatus(r.PathValue("id"), in.Status))
}

func (a *admin) deleteService(w http.ResponseWriter, r *http.Request) {
	done(w, a.st.current().DeleteService(r.PathValue("id")))
}

// faultsJSON is privatelinktest.Faults with durations as Go duration
// strings ("250ms"), which a shell script can write.
type faultsJSON struct {
	ThrottleRate    float64
	ServerErrorRate float64
	DropAfterRate   float64
	Latency         string
	LatencyRate     float64
	RetryAfter      string
}

func (a *admin) setFaults(w http.ResponseWriter, r *http.Request) {
	var in faultsJSON
	if !readJSON(w, r, &in) {
		return
	}
	f := privatelinktest.Faults{
		ThrottleRate: in.ThrottleRate, ServerErrorRate: in.ServerErrorRate,
		DropAfterRate: in.DropAfterRate, LatencyRate: in.LatencyRate,
	}
	var err error
	if f.Latency, err = optDuration("Latency", in.Latency); err == nil {
		f.RetryAfter, err = optDuration("RetryAfter", in.RetryAfter)
	}
	if err != nil {
		adminError(w, http.StatusBadRequest, "InvalidParameter", err.Error())
		return
	}
	done(w, setFaults(a.st.current(), r.PathValue("action"), f))
}

func (a *admin) clearFaults(w http.ResponseWriter, r *http.Request) {
	done(w, setFaults(a.st.current(), r.PathValue("action"), privatelinktest.Faults{}))
}

// setFaults is Server.SetFaults with its panic on a bad value (a test's
// mistake in Go) turned into an error (a client's mistake here). The
// emulator's checks stay the only ones, so the two cannot disagree.
func setFaults(s *privatelinktest.Server, action string, f privatelinktest.Faults) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	s.SetFaults(action, f)
	return nil
}

func (a *admin) stats(w http.ResponseWriter, r *http.Request) {
	s := a.st.current()
	writeJSON(w, http.StatusOK, map[string]any{"Requests": s.Requests(), "Actions": s.Stats()})
}

func (a *admin) clock(w http.ResponseWriter, r *http.Request) {
	fc := a.st.fakeClock()
	if fc == nil {
		writeJSON(w, http.StatusOK, map[string]any{"Fake": false, "Now": time.Now().UTC()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"Fake": true, "Now": fc.Now()})
}

func (a *admin) advance(w http.ResponseWriter, r *http.Request) {
	var in struct{ Duration string }
	if !readJSON(w, r, &in) {
		return
	}
	d, err := time.ParseDuration(in.Duration)
	if err != nil || d < 0 {
		adminError(w, http.StatusBadRequest, "InvalidParameter", fmt.Sprintf("Duration %q is not a non-negative Go duration such as \"90s\"", in.Duration))
		return
	}
	if a.st.fakeClock() == nil {
		adminError(w, http.StatusConflict, "NoFakeClock", "the emulator runs on the real clock; start it with -fake-clock")
		return
	}
	// Through the server, which journals the advance under -state.
	now, err := a.st.current().AdvanceClock(d)
	if err != nil {
		adminError(w, http.StatusInternalServerError, "InternalError", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"Fake": true, "Now": now})
}

func (a *admin) reset(w http.ResponseWriter, r *http.Request) {
	if err := a.st.reset(); err != nil {
		adminError(w, http.StatusInternalServerError, "InternalError", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

func optDuration(name, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a Go duration such as \"250ms\"", name, s)
	}
	return d, nil
}

// readJSON decodes a small JSON body strictly, answering 400 if it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxAdminBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		adminError(w, http.StatusBadRequest, "InvalidParameter", "the body is not the expected JSON object: "+err.Error())
		return false
	}
	return true
}

// done answers an emulator control's outcome: 200 {} or 409 with why the
// emulator refused (an endpoint or service that does not exist, or is in a
// state the control does not apply to).
func done(w http.ResponseWriter, err error) {
	if err != nil {
		adminError(w, http.StatusConflict, "OperationFailed", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

func adminError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"Code": code, "Message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"Code":"InternalError","Message":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
