package privatelinktest

import "strconv"

// Messages of the activation errors, from the metadata.
const (
	msgNeedOpenProduct = "The product is not activated."
	msgOrderOpened     = "You have already activated the service. Go to the console to start using it."
)

// errNotActivated is the answer of every action but CheckProductOpen and
// OpenPrivateLinkService for an account that has not activated
// PrivateLink: NeedOpenProduct, a 400 in the metadata.
func errNotActivated() *apiError { return errorf("NeedOpenProduct", msgNeedOpenProduct) }

type checkProductOpenAnswer struct {
	Success bool `json:"Success"`
}

// checkProductOpen reports whether PrivateLink is activated for the
// calling account. The metadata documents Success as true when it is, and
// lists NeedOpenProduct among its errors; the emulator answers Success
// false for an account that has not activated it, so a client can ask
// without treating the answer as a failure.
func checkProductOpen(c *call) any {
	return checkProductOpenAnswer{Success: c.acct.activated}
}

type openServiceAnswer struct {
	OrderID string `json:"OrderId"`
}

// openPrivateLinkService activates PrivateLink for the calling account and
// answers the order that did it; an account that has it already gets
// OrderOpend (sic, the service's spelling). OwnerId (an int64 in the
// newest definition, with no description) is accepted and not checked:
// the account activated is the one that signed the request, since nothing
// documents what another OwnerId would do.
func openPrivateLinkService(c *call) any {
	if c.acct.activated {
		c.fail(errorf("OrderOpend", msgOrderOpened))
		return nil
	}
	c.acct.activated = true
	// Order IDs are decimal numbers; the metadata's example is "3245****".
	return openServiceAnswer{OrderID: strconv.FormatUint(200000000000+c.s.idRand.Uint64N(100000000000), 10)}
}
