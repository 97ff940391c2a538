package transport

import (
	"io"
	"net/http"
	"strings"

	"github.com/privatelink-go/sdk/signer"
)

// sign stamps req for the current attempt with a fresh nonce and timestamp.
func (t *Transport) sign(req *http.Request, st *callState) {
	now := t.cfg.Now().UTC().Format(signer.TimestampFormatV1)
	nonce := t.cfg.Nonce()
	if req.Header == nil {
		req.Header = make(http.Header, 8)
	}
	// Shared, never-modified value slices: net/http only reads them.
	req.Header["User-Agent"] = t.userAgent
	req.Header["Accept"] = acceptJSON
	if t.cfg.Signature == signer.V1 {
		t.signV1(req, st, now, nonce)
	} else {
		t.signV3(req, st, now, nonce)
	}
	st.query = req.URL.RawQuery
}

// signV1 puts the common parameters and the HMAC-SHA1 signature in the query
// string, next to the business parameters. Form parameters go in the body
// but are signed with the query, as the official SDKs sign them.
func (t *Transport) signV1(req *http.Request, st *callState, now, nonce string) {
	params := make([]signer.Param, 0, len(st.call.Params)+len(st.call.Form)+11)
	params = append(params,
		signer.Param{Key: "AccessKeyId", Value: st.creds.AccessKeyID},
		signer.Param{Key: "Action", Value: st.call.Action},
		signer.Param{Key: "Format", Value: "JSON"},
		signer.Param{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		signer.Param{Key: "SignatureNonce", Value: nonce},
		signer.Param{Key: "SignatureVersion", Value: "1.0"},
		signer.Param{Key: "Timestamp", Value: now},
		signer.Param{Key: "Version", Value: APIVersion},
	)
	if st.call.Region == RegionInQuery {
		params = append(params, signer.Param{Key: "RegionId", Value: t.cfg.RegionID})
	}
	if st.creds.SecurityToken != "" {
		params = append(params, signer.Param{Key: "SecurityToken", Value: st.creds.SecurityToken})
	}
	params = append(params, st.call.Params...)
	form := t.form(st.call)
	if form == nil {
		req.URL.RawQuery = signer.SignV1(req.Method, params, st.creds.AccessKeySecret).Query()
		return
	}
	query := params
	sig := signer.SignV1(req.Method, append(params, form...), st.creds.AccessKeySecret)
	req.URL.RawQuery = signer.CanonicalQuery(query) + "&Signature=" + signer.PercentEncode(sig.Signature)
	setForm(req, signer.CanonicalQuery(form))
}

// form returns the parameters of call's form body, or nil for a call
// without one.
func (t *Transport) form(call *Call) []signer.Param {
	if len(call.Form) == 0 && call.Region != RegionInForm {
		return nil
	}
	form := make([]signer.Param, 0, len(call.Form)+1)
	if call.Region == RegionInForm {
		form = append(form, signer.Param{Key: "RegionId", Value: t.cfg.RegionID})
	}
	return append(form, call.Form...)
}

// setForm makes body the request's form body for this attempt; GetBody lets
// net/http resend it when a reused connection fails before any answer.
func setForm(req *http.Request, body string) {
	req.Body = io.NopCloser(strings.NewReader(body))
	req.ContentLength = int64(len(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }
	req.Header["Content-Type"] = formContentType
}

// signV3 keeps the business parameters in the query and carries action,
// version, time, nonce and the ACS3-HMAC-SHA256 signature in headers.
//
// A form body is signed through its SHA-256 in x-acs-content-sha256, with
// its Content-Type among the signed headers, as darabonba-openapi does.
func (t *Transport) signV3(req *http.Request, st *callState, now, nonce string) {
	query := make([]signer.Param, 0, len(st.call.Params)+1)
	if st.call.Region == RegionInQuery {
		query = append(query, signer.Param{Key: "RegionId", Value: t.cfg.RegionID})
	}
	query = append(query, st.call.Params...)
	payloadHash := signer.EmptyPayloadHash
	headers := make([]signer.Param, 0, 8)
	headers = append(headers, signer.Param{Key: "host", Value: req.URL.Host})
	if form := t.form(st.call); form != nil {
		body := signer.CanonicalQuery(form)
		payloadHash = signer.HashPayload([]byte(body))
		setForm(req, body)
		headers = append(headers, signer.Param{Key: "content-type", Value: formContentType[0]})
	}
	headers = append(headers,
		signer.Param{Key: "x-acs-action", Value: st.call.Action},
		signer.Param{Key: "x-acs-content-sha256", Value: payloadHash},
		signer.Param{Key: "x-acs-date", Value: now},
		signer.Param{Key: "x-acs-signature-nonce", Value: nonce},
		signer.Param{Key: "x-acs-version", Value: APIVersion},
	)
	if st.creds.SecurityToken != "" {
		headers = append(headers, signer.Param{Key: "x-acs-security-token", Value: st.creds.SecurityToken})
	}
	sig := signer.SignV3(signer.V3Request{
		Method:      req.Method,
		Path:        t.path,
		Query:       query,
		Headers:     headers,
		PayloadHash: payloadHash,
	}, st.creds.AccessKeyID, st.creds.AccessKeySecret)
	req.URL.RawQuery = sig.CanonicalQuery
	// One backing array for every header value instead of a slice each.
	values := make([]string, 0, len(headers))
	h := req.Header
	for i, p := range headers[1:] {
		values = append(values, p.Value)
		h[v3HeaderNames[p.Key]] = values[i : i+1 : i+1]
	}
	values = append(values, sig.Authorization)
	h["Authorization"] = values[len(values)-1:]
}

// v3HeaderNames maps the signed header names to their canonical MIME form,
// computed once rather than per request.
var v3HeaderNames = map[string]string{
	"content-type":          "Content-Type",
	"x-acs-action":          "X-Acs-Action",
	"x-acs-content-sha256":  "X-Acs-Content-Sha256",
	"x-acs-date":            "X-Acs-Date",
	"x-acs-signature-nonce": "X-Acs-Signature-Nonce",
	"x-acs-version":         "X-Acs-Version",
	"x-acs-security-token":  "X-Acs-Security-Token",
}

var (
	acceptJSON      = []string{"application/json"}
	formContentType = []string{"application/x-www-form-urlencoded"}
)
