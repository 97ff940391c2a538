package privatelinktest

import (
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
	"github.com/privatelink-go/sdk/signer"
)

// apiRequest is an HTTP request taken apart into what the gateway needs.
type apiRequest struct {
	method      string
	path        string
	escapedPath string
	host        string
	header      http.Header
	// query holds the query string parameters only: V3 signs them apart
	// from the body, which it covers by its hash.
	query []signer.Param
	// params holds the query parameters followed by the form body's, the
	// set V1 signs and operations read.
	params []signer.Param
	// first maps each key to its first value, for operations.
	first map[string]string
	body  []byte

	v3      bool
	action  string
	version string

	// Set by authenticate.
	accessKey string
	sts       bool

	// journalN is the number of the request's journal record, 0 if none:
	// its answer waits until that record is on disk.
	journalN int64
}

// parseRequest reads method, path, query, form body and the headers that
// select the signature version. The returned request is non-nil whenever
// the action could be determined, so that Stats can count it even when the
// request is refused.
func parseRequest(r *http.Request) (*apiRequest, *apiError) {
	req := &apiRequest{
		method:      r.Method,
		path:        r.URL.Path,
		escapedPath: r.URL.EscapedPath(),
		host:        r.Host,
		header:      r.Header,
		first:       map[string]string{},
	}
	// The limits come first, from the raw bytes: nothing is parsed,
	// verified or kept of a request over them.
	if lerr := checkLimits(r, req); lerr != nil {
		return req, lerr
	}
	q, qerr := parseQuery(r.URL.RawQuery)
	req.query = q
	req.params = append(req.params, q...)
	if len(req.body) > 0 && gateway.IsForm(r.Header.Get("Content-Type")) {
		f, err := parseQuery(string(req.body))
		if err != nil && qerr == nil {
			qerr = err
		}
		req.params = append(req.params, f...)
	}
	for _, p := range req.params {
		if _, ok := req.first[p.Key]; !ok {
			req.first[p.Key] = p.Value
		}
	}
	req.v3 = r.Header.Get("Authorization") != ""
	req.action = req.first["Action"]
	req.version = req.first["Version"]
	if req.v3 {
		if a := r.Header.Get("x-acs-action"); a != "" {
			req.action = a
		}
		if v := r.Header.Get("x-acs-version"); v != "" {
			req.version = v
		}
	}

	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodPost:
		return req, errorf("UnsupportedHTTPMethod", "This http method not supported.")
	case r.URL.Path != "/" && r.URL.Path != "":
		return req, newError(http.StatusNotFound, "InvalidApi.NotFound",
			"Specified api is not found, please check your url and method.")
	case qerr != nil:
		return req, qerr
	}
	return req, nil
}

// checkLimits reads the body, no more of it than MaxRequestBytes allows,
// and refuses a request over MaxRequestBytes or MaxRequestParams. A V3
// request's action is taken from its header first, so that Stats counts
// it by name even when it is refused.
func checkLimits(r *http.Request, req *apiRequest) *apiError {
	if r.Header.Get("Authorization") != "" {
		req.v3 = true
		req.action = r.Header.Get("x-acs-action")
		req.version = r.Header.Get("x-acs-version")
	}
	raw := r.URL.RawQuery
	if len(raw) > MaxRequestBytes {
		return errTooLarge()
	}
	n := gateway.CountParams(raw)
	if r.Body != nil {
		room := MaxRequestBytes - len(raw)
		body, err := io.ReadAll(io.LimitReader(r.Body, int64(room)+1))
		switch {
		case err != nil:
			return errorf("InvalidParameter", "The request body could not be read.")
		case len(body) > room:
			return errTooLarge()
		}
		req.body = body
		if gateway.IsForm(r.Header.Get("Content-Type")) {
			n += gateway.CountParams(string(body))
		}
	}
	if n > MaxRequestParams {
		return errorf("InvalidParameter", "The request has more than %d parameters, the emulator's limit.", MaxRequestParams)
	}
	return nil
}

func errTooLarge() *apiError {
	return errorf("InvalidParameter", "The query string and body of the request exceed %d bytes, the emulator's limit.", MaxRequestBytes)
}

// parseQuery decodes "k=v&k=v" keeping order and repeated keys, which
// url.ParseQuery's map would lose. A key without "=" has an empty value.
func parseQuery(raw string) ([]signer.Param, *apiError) {
	var out []signer.Param
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return out, errorf("InvalidParameter", "The request parameters are not correctly URL-encoded.")
		}
		out = append(out, signer.Param{Key: key, Value: val})
	}
	return out, nil
}
