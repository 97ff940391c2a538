package privatelink

import (
	"context"
	"time"

	"github.com/privatelink-go/sdk/internal/transport"
)

// do is the call path of the generated operations and Invoke: like call,
// it sends one logical call, tells the client's Observer, and feeds the
// answer's members to field, and it also carries form-body parameters and
// the call's RegionId placement.
func (c *Client) do(ctx context.Context, call *transport.Call, field transport.FieldFunc) (string, error) {
	if c.observer != nil {
		return c.observedDo(ctx, call, field)
	}
	meta, err := c.tr.Do(ctx, call, field)
	if err != nil {
		return meta.RequestID, wrapError(call.Action, call.ClientToken, meta, err)
	}
	return meta.RequestID, nil
}

// observedDo is do with the Observer told when the call starts and ends,
// as observedCall does for the hand-written operations.
func (c *Client) observedDo(ctx context.Context, call *transport.Call, field transport.FieldFunc) (string, error) {
	start := CallStartEvent{Action: call.Action, RegionID: c.regionID, ClientToken: call.ClientToken, Start: time.Now()}
	ctx = c.observer.callStart(ctx, start)
	meta, err := c.tr.Do(ctx, call, field)
	if err != nil {
		err = wrapError(call.Action, call.ClientToken, meta, err)
	}
	c.observer.callEnd(ctx, start, meta, err)
	return meta.RequestID, err
}

// checkNotEmpty rejects an empty element of an ID list.
func checkNotEmpty(s string) string {
	if s == "" {
		return "must not be empty"
	}
	return ""
}
