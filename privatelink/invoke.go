package privatelink

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/internal/wire"
)

// RawRequest is a call of an API action the SDK does not type yet, for
// Invoke. Parameters are flat, named as on the wire: a list is
// "ResourceId.1", "ResourceId.2", a list of objects "Tag.1.Key".
type RawRequest struct {
	// Action is the API action, for example "CheckResourceSupportOperate".
	Action string
	// Params are sent in the query string.
	Params map[string]string
	// Form are sent in a form body, for actions whose reference says the
	// parameters are in the body (formData). RegionId then goes there too.
	Form map[string]string
	// Idempotent makes the call carry a ClientToken, as typed idempotent
	// calls do: ClientToken, or one generated once for the call and reused
	// by every retry, reported in the response and in errors. Set it for
	// every action that takes a ClientToken.
	//
	// It also decides how failures are retried. An Idempotent call is
	// retried after any retryable failure, as the service runs a token's
	// call once. A call without it may be a write that the service would
	// run twice, so it is retried only when the failed attempt provably
	// never reached the service (the name did not resolve, the connection
	// was refused) or the service refused it (429, 503, a Throttling,
	// ServiceUnavailable or busy code); after an ambiguous failure (a reset
	// after sending, a timeout waiting for the answer, a cut body) Invoke
	// returns the *RequestError, and the caller decides. This holds for a
	// read action too, since Invoke cannot tell reads from writes.
	Idempotent bool
	// ClientToken is the idempotency token of an Idempotent call; empty
	// generates one.
	ClientToken string
	// OmitRegionID sends no RegionId, for account-level actions such as
	// OpenPrivateLinkService.
	OmitRegionID bool
}

// RawResponse is the answer of Invoke.
type RawResponse struct {
	// Fields holds each top-level member of the JSON answer, except
	// RequestId, undecoded: unmarshal the ones you need.
	Fields map[string]json.RawMessage
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// ClientToken is the token an Idempotent call carried.
	ClientToken string
}

// reservedParams are set by the client; a RawRequest may not set them.
var reservedParams = map[string]bool{
	"AccessKeyId": true, "Action": true, "ClientToken": true, "Format": true, "RegionId": true,
	"SecurityToken": true, "Signature": true, "SignatureMethod": true, "SignatureNonce": true,
	"SignatureVersion": true, "Timestamp": true, "Version": true,
}

// Validate checks that the request names an action and sets no parameter
// the client sets itself, and returns a *ValidationError listing every
// problem, or nil.
func (r *RawRequest) Validate() error {
	if r == nil {
		return nilRequest("Invoke")
	}
	// An action is letters and digits (CreateVpcEndpoint); anything else
	// is refused, and never copied into the error's Action, so a CR/LF
	// cannot forge a log line.
	action := r.Action
	if !validActionName(action) {
		action = "Invoke"
	}
	v := validator{action: action}
	if r.Action == "" {
		v.add("Action", "required")
	} else if !validActionName(r.Action) {
		v.add("Action", "must be letters and digits only, like \"DescribeRegions\"; got "+quote(r.Action))
	}
	for _, m := range []struct {
		field  string
		params map[string]string
	}{{"Params", r.Params}, {"Form", r.Form}} {
		for _, k := range sortedKeys(m.params) {
			switch {
			case k == "":
				v.add(m.field, "empty parameter name")
			case reservedParams[k]:
				v.add(m.field+"["+quote(k)+"]", "set by the client; use the RawRequest fields")
			}
		}
	}
	for k := range r.Form {
		if _, ok := r.Params[k]; ok {
			v.add("Form["+quote(k)+"]", "also in Params")
		}
	}
	if r.Idempotent {
		v.clientToken(r.ClientToken)
	} else if r.ClientToken != "" {
		v.add("ClientToken", "set without Idempotent")
	}
	return v.err()
}

// Invoke calls an API action the SDK does not type yet, with the same
// signing, retries, errors, logging and ClientToken handling as the typed
// calls. It is the way to reach a new action, or a new parameter, before
// the SDK types it; the typed method is better wherever one exists.
func (c *Client) Invoke(ctx context.Context, req *RawRequest) (*RawResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	call := &transport.Call{Action: req.Action, Params: flat(req.Params), Form: flat(req.Form)}
	switch {
	case req.OmitRegionID:
		call.Region = transport.RegionNone
	case len(req.Form) > 0:
		call.Region = transport.RegionInForm
	}
	resp := &RawResponse{Fields: map[string]json.RawMessage{}}
	if req.Idempotent {
		token := resolveClientToken(req.ClientToken)
		call.ClientToken, resp.ClientToken = token, token
		if len(req.Form) > 0 {
			call.Form = append(call.Form, wire.Params{{Key: "ClientToken", Value: token}}...)
		} else {
			call.Params = append(call.Params, wire.Params{{Key: "ClientToken", Value: token}}...)
		}
	}
	reqID, err := c.do(ctx, call, func(d *jsonx.Decoder, key []byte) bool {
		// The transport reuses its read buffer: keep copies. A map entry
		// is charged to the memory budget, as a list element is; a key
		// sent twice keeps its last value.
		if !d.Charge(len(key) + mapEntryOverhead) {
			return true
		}
		resp.Fields[string(key)] = bytes.Clone(d.Raw())
		return true
	})
	if err != nil {
		return nil, err
	}
	resp.RequestID = reqID
	return resp, nil
}

// validActionName reports whether s is an API action's name: [A-Za-z0-9]+.
func validActionName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

// mapEntryOverhead approximates what one more entry of RawResponse.Fields
// costs beside its key and value: its string and slice headers and its
// share of the map's buckets.
const mapEntryOverhead = 64

// flat turns a parameter map into a list in key order, so logs and tests
// see a stable order.
func flat(m map[string]string) wire.Params {
	if len(m) == 0 {
		return nil
	}
	p := make(wire.Params, 0, len(m))
	for _, k := range sortedKeys(m) {
		p.Set(k, m[k])
	}
	return p
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
