package privatelink

import "time"

// withNow replaces the client's clock, for tests of timestamp handling.
func withNow(now func() time.Time) Option {
	return func(c *config) error { c.now = now; return nil }
}
