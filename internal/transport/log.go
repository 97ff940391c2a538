package transport

import (
	"context"
	"log/slog"
)

// logAttempt records one attempt. It deliberately logs nothing that grants
// access: no secret, no signature, no security token, no query string.
func (t *Transport) logAttempt(ctx context.Context, st *callState, code string, err error, retry bool, reason string) {
	level := slog.LevelDebug
	if retry {
		level = slog.LevelInfo
	}
	if !t.cfg.Logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("action", st.call.Action),
		slog.Int("attempt", st.attempts),
		slog.Int("status", st.status),
		slog.String("request_id", st.requestID),
		slog.Duration("latency", st.latency),
	)
	if st.call.ClientToken != "" {
		attrs = append(attrs, slog.String("client_token", st.call.ClientToken))
	}
	if code != "" {
		attrs = append(attrs, slog.String("code", code))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	msg := "privatelink: attempt done"
	if retry {
		msg = "privatelink: attempt failed, retrying"
		attrs = append(attrs, slog.String("reason", reason))
	}
	t.cfg.Logger.LogAttrs(ctx, level, msg, attrs...)
}
