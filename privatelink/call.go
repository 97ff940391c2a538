package privatelink

import (
	"context"

	"github.com/privatelink-go/sdk/internal/transport"
)

// do is the call path of the generated operations and Invoke: like call,
// it sends one logical call and feeds the answer's members to field, and it
// also carries form-body parameters and the call's RegionId placement. A
// client with an Observer reports every call through here, whichever
// operation made it.
func (c *Client) do(ctx context.Context, call *transport.Call, field transport.FieldFunc) (string, error) {
	if c.observer != nil {
		return c.observedCall(ctx, call, field)
	}
	meta, err := c.tr.Do(ctx, call, field)
	if err != nil {
		return meta.RequestID, wrapError(call, c.regionID, meta, err)
	}
	return meta.RequestID, nil
}

// checkNotEmpty rejects an empty element of an ID list.
func checkNotEmpty(s string) string {
	if s == "" {
		return "must not be empty"
	}
	return ""
}
