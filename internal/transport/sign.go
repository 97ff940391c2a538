package transport

import (
	"net/http"

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
		return
	}
	t.signV3(req, st, now, nonce)
}

// signV1 puts the common parameters and the HMAC-SHA1 signature in the query
// string, next to the business parameters.
func (t *Transport) signV1(req *http.Request, st *callState, now, nonce string) {
	params := make([]signer.Param, 0, len(st.call.Params)+10)
	params = append(params,
		signer.Param{Key: "AccessKeyId", Value: st.creds.AccessKeyID},
		signer.Param{Key: "Action", Value: st.call.Action},
		signer.Param{Key: "Format", Value: "JSON"},
		signer.Param{Key: "RegionId", Value: t.cfg.RegionID},
		signer.Param{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		signer.Param{Key: "SignatureNonce", Value: nonce},
		signer.Param{Key: "SignatureVersion", Value: "1.0"},
		signer.Param{Key: "Timestamp", Value: now},
		signer.Param{Key: "Version", Value: APIVersion},
	)
	if st.creds.SecurityToken != "" {
		params = append(params, signer.Param{Key: "SecurityToken", Value: st.creds.SecurityToken})
	}
	params = append(params, st.call.Params...)
	req.URL.RawQuery = signer.SignV1(req.Method, params, st.creds.AccessKeySecret).Query()
}

// signV3 keeps the business parameters in the query and carries action,
// version, time, nonce and the ACS3-HMAC-SHA256 signature in headers.
func (t *Transport) signV3(req *http.Request, st *callState, now, nonce string) {
	query := make([]signer.Param, 0, len(st.call.Params)+1)
	query = append(query, signer.Param{Key: "RegionId", Value: t.cfg.RegionID})
	query = append(query, st.call.Params...)
	headers := make([]signer.Param, 0, 7)
	headers = append(headers,
		signer.Param{Key: "host", Value: req.URL.Host},
		signer.Param{Key: "x-acs-action", Value: st.call.Action},
		signer.Param{Key: "x-acs-content-sha256", Value: signer.EmptyPayloadHash},
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
		PayloadHash: signer.EmptyPayloadHash,
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
	"x-acs-action":          "X-Acs-Action",
	"x-acs-content-sha256":  "X-Acs-Content-Sha256",
	"x-acs-date":            "X-Acs-Date",
	"x-acs-signature-nonce": "X-Acs-Signature-Nonce",
	"x-acs-version":         "X-Acs-Version",
	"x-acs-security-token":  "X-Acs-Security-Token",
}

var acceptJSON = []string{"application/json"}
