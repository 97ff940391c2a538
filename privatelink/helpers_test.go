package privatelink

import (
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/signer"
)

// The fake service of the operation tests. It is mounted under a non-root
// base path (as go-github's setup does) so that the path is part of every
// signature the tests verify.
const (
	opsRegion   = "cn-huhehaote"
	opsAK       = "LTAI5tOperationTests0"
	opsSecret   = "operation-tests-secret"
	opsBasePath = "/privatelink-under-test"
)

// apiCall is what the fake service saw of one request.
type apiCall struct {
	Action string
	// Params holds the business parameters: the query without RegionId,
	// which the fake checks on every request.
	Params map[string]string
}

// testServer is a fake PrivateLink service: it verifies each request's
// method, path, RegionId and V3 signature, records it, and answers with the
// handler registered for its action. A request for an action without a
// handler fails the test, so a server with no handlers proves that nothing
// was sent.
type testServer struct {
	t        *testing.T
	mu       sync.Mutex
	handlers map[string]func(w http.ResponseWriter, call apiCall)
	seen     []apiCall
}

// setup starts a fake service and returns a client for it that makes a
// single attempt per call.
func setup(t *testing.T, opts ...Option) (*Client, *testServer) {
	t.Helper()
	s := &testServer{t: t, handlers: map[string]func(http.ResponseWriter, apiCall){}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	base := []Option{
		WithEndpoint(srv.URL + opsBasePath),
		WithStaticCredentials(opsAK, opsSecret, ""),
		WithRetry(1, 0, 0),
	}
	c, err := NewClient(opsRegion, append(base, opts...)...)
	require.NoError(t, err)
	return c, s
}

func (s *testServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := s.t
	action := r.Header.Get("X-Acs-Action")
	if r.Method != http.MethodPost {
		t.Errorf("%s: method %s, want POST", action, r.Method)
	}
	if r.URL.Path != opsBasePath {
		t.Errorf("%s: path %q, want %q", action, r.URL.Path, opsBasePath)
	}
	query := r.URL.Query()
	params := make([]signer.Param, 0, len(query))
	call := apiCall{Action: action, Params: make(map[string]string, len(query))}
	for k, vs := range query {
		if len(vs) != 1 {
			t.Errorf("%s: parameter %s sent %d times", action, k, len(vs))
		}
		params = append(params, signer.Param{Key: k, Value: vs[0]})
		call.Params[k] = vs[0]
	}
	if got := call.Params["RegionId"]; got != opsRegion {
		t.Errorf("%s: RegionId = %q, want %q", action, got, opsRegion)
	}
	delete(call.Params, "RegionId")
	headers := make([]signer.Param, 0, len(r.Header)+1)
	for k, vs := range r.Header {
		headers = append(headers, signer.Param{Key: k, Value: vs[0]})
	}
	headers = append(headers, signer.Param{Key: "host", Value: r.Host})
	err := signer.VerifyV3(signer.V3Request{Method: r.Method, Path: r.URL.EscapedPath(), Query: params, Headers: headers}, r.Header.Get("Authorization"), opsSecret)
	if err != nil {
		t.Errorf("%s: signature: %v", action, err)
		writeJSON(w, http.StatusBadRequest, errorBody("SignatureDoesNotMatch", err.Error()))
		return
	}
	s.mu.Lock()
	s.seen = append(s.seen, call)
	h := s.handlers[action]
	s.mu.Unlock()
	if h == nil {
		t.Errorf("unexpected call to %s with %v", action, call.Params)
		writeJSON(w, http.StatusInternalServerError, errorBody("UnexpectedCall", action))
		return
	}
	h(w, call)
}

// handle answers every call to action with status and body.
func (s *testServer) handle(action string, status int, body string) {
	s.handleFunc(action, func(w http.ResponseWriter, _ apiCall) { writeJSON(w, status, body) })
}

// handleFunc answers every call to action with h.
func (s *testServer) handleFunc(action string, h func(w http.ResponseWriter, call apiCall)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[action] = h
}

// calls returns the requests seen so far.
func (s *testServer) calls() []apiCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]apiCall(nil), s.seen...)
}

// onlyCall returns the one request the server saw, failing the test when
// it saw another number.
func (s *testServer) onlyCall(t *testing.T) apiCall {
	t.Helper()
	calls := s.calls()
	require.Len(t, calls, 1, "requests sent")
	return calls[0]
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// errorBody is a service error answer.
func errorBody(code, message string) string {
	return `{"RequestId":"ERR-REQ-1","HostId":"privatelink.cn-huhehaote.aliyuncs.com","Code":"` + code + `","Message":"` + message + `"}`
}

// problemFields returns the sorted field paths of a *ValidationError.
func problemFields(t *testing.T, err error) []string {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	fields := make([]string, 0, len(ve.Problems))
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	sort.Strings(fields)
	return fields
}

// requireProblem fails unless err is a *ValidationError with a problem for
// field whose message contains msg.
func requireProblem(t *testing.T, err error, field, msg string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range ve.Problems {
		if p.Field == field && strings.Contains(p.Message, msg) {
			return
		}
	}
	t.Fatalf("no problem %s: ...%s... in %v", field, msg, ve.Problems)
}

// skipAllocsUnderRace skips allocation counts in a -race build, whose
// instrumentation moves some values to the heap. The build settings say
// whether the test binary was built with -race.
func skipAllocsUnderRace(t *testing.T) {
	t.Helper()
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				t.Skip("allocation counts differ under the race detector")
			}
		}
	}
}

// mutatingOp describes a mutating operation for checkMutatingOp.
type mutatingOp struct {
	action string
	// call sends a valid request with the given ClientToken and DryRun,
	// and returns the response's RequestID and ClientToken.
	call func(c *Client, token string, dryRun bool) (requestID, clientToken string, err error)
	// params are the business parameters of that request, without
	// ClientToken and DryRun.
	params map[string]string
}

// checkMutatingOp checks the contract every mutating operation keeps: the
// exact parameters, a caller's ClientToken used as is, a generated one
// otherwise that is the same on every attempt and comes back in the
// response and in errors, and DryRun answered with ErrDryRunPassed.
func checkMutatingOp(t *testing.T, op mutatingOp) {
	t.Run("caller's token", func(t *testing.T) {
		c, srv := setup(t)
		srv.handle(op.action, 200, `{"RequestId":"REQ-1"}`)
		reqID, tok, err := op.call(c, "caller-token-1", false)
		require.NoError(t, err)
		assert.Equal(t, "REQ-1", reqID)
		assert.Equal(t, "caller-token-1", tok)
		want := map[string]string{"ClientToken": "caller-token-1"}
		for k, v := range op.params {
			want[k] = v
		}
		assert.Equal(t, want, srv.onlyCall(t).Params)
	})
	t.Run("generated token on every attempt and in the error", func(t *testing.T) {
		c, srv := setup(t, WithRetry(3, 0, 0))
		srv.handle(op.action, http.StatusInternalServerError, errorBody("InternalError", "boom"))
		_, _, err := op.call(c, "", false)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		calls := srv.calls()
		require.Len(t, calls, 3)
		token := calls[0].Params["ClientToken"]
		assert.Regexp(t, uuidV4, token)
		for _, call := range calls {
			assert.Equal(t, token, call.Params["ClientToken"])
		}
		assert.Equal(t, token, apiErr.ClientToken)
		assert.Equal(t, op.action, apiErr.Action)
	})
	t.Run("generated token in the response", func(t *testing.T) {
		c, srv := setup(t)
		srv.handle(op.action, 200, `{"RequestId":"REQ-2"}`)
		_, tok, err := op.call(c, "", false)
		require.NoError(t, err)
		assert.Regexp(t, uuidV4, tok)
		assert.Equal(t, tok, srv.onlyCall(t).Params["ClientToken"])
	})
	t.Run("dry run", func(t *testing.T) {
		c, srv := setup(t)
		srv.handle(op.action, http.StatusBadRequest, errorBody("DryRunOperation", "Request validation has been passed with DryRun flag set."))
		_, _, err := op.call(c, "t", true)
		require.ErrorIs(t, err, ErrDryRunPassed)
		assert.Equal(t, "true", srv.onlyCall(t).Params["DryRun"])
	})
}

// page is one scripted answer of a list action, chosen by the NextToken
// the request carries.
type page struct {
	body string
	// status defaults to 200.
	status int
}

// handlePages answers action with pages[NextToken of the request].
func (s *testServer) handlePages(action string, pages map[string]page) {
	s.handleFunc(action, func(w http.ResponseWriter, call apiCall) {
		p, ok := pages[call.Params["NextToken"]]
		if !ok {
			s.t.Errorf("%s: no page for NextToken %q", action, call.Params["NextToken"])
			writeJSON(w, http.StatusBadRequest, errorBody("InvalidParameter", "NextToken"))
			return
		}
		status := p.status
		if status == 0 {
			status = 200
		}
		writeJSON(w, status, p.body)
	})
}

// tokensSent returns the NextToken of each request seen.
func (s *testServer) tokensSent() []string {
	var out []string
	for _, c := range s.calls() {
		out = append(out, c.Params["NextToken"])
	}
	return out
}
