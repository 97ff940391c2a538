package privatelinktest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest/internal/gateway"
)

// AccountID is the numeric ID (UID) of the default account, the account of
// AccessKeyID and of every key WithAccount and WithSTSCredential add.
const AccountID = "1234567890123456"

// AccountUID is AccountID as the int64 the API's numeric account fields
// take and return (AddUserToVpcEndpointServiceRequest.UserID,
// Connection.EndpointOwnerID, ...), so a test needs no strconv.ParseInt.
const AccountUID int64 = 1234567890123456

// ProviderAccountUID is ProviderAccountID as an int64; see AccountUID.
const ProviderAccountUID int64 = 1098765432109876

// account is one Alibaba Cloud account: the owner of endpoints, resource
// groups, tags and client tokens. Requests act on the account of the key
// that signed them and see nothing of other accounts.
type account struct {
	id string
	// uid is id as a number, the UserId and EndpointOwnerId of the API
	// (int64 on the wire, so an ID never passes through float64).
	uid int64
	// services are the endpoint services the account publishes, by ID:
	// the index the provider's listings and the tag operations read.
	// Guarded by Server.mu.
	services map[string]*service
	// activated is whether PrivateLink is open for the account; every
	// action but CheckProductOpen and OpenPrivateLinkService needs it.
	// Guarded by Server.mu once the server runs.
	activated bool
	// resourceGroups holds the account's resource group IDs, the default
	// one included. Fixed once NewServer returns.
	resourceGroups map[string]bool
	defaultRG      string
}

func newAccount(id, defaultRG string) *account {
	uid, _ := strconv.ParseInt(id, 10, 64)
	return &account{id: id, uid: uid, activated: true, resourceGroups: map[string]bool{defaultRG: true}, defaultRG: defaultRG, services: map[string]*service{}}
}

// defaultResourceGroupOf is the default resource group of a new account:
// the shape of a real one (rg-acfm, then lower-case letters and digits),
// unique per account ID.
func defaultResourceGroupOf(accountID string) string {
	return "rg-acfm" + accountID
}

// accountOf returns the account an option names, or an error saying it
// must be added first.
func (c *config) accountOf(opt, accountID string) (*account, error) {
	a := c.accounts[accountID]
	if a == nil {
		return nil, fmt.Errorf("%s: unknown account %q (add it first with WithNewAccount)", opt, accountID)
	}
	return a, nil
}

// WithNewAccount adds a second (third, ...) Alibaba Cloud account, with the
// numeric ID accountID, one long-term access key and its own default
// resource group, rg-acfm<accountID>. Requests signed with the key act on
// that account: they see only its endpoints, resource groups, tags and
// client tokens, and a resource ID of another account answers as if it did
// not exist. PrivateLink is activated for it unless WithNotActivated says
// otherwise. The VPCs, vSwitches, security groups and services of the
// world are shared by all accounts. Add more keys with WithAccountKey and
// WithAccountSTSCredential.
func WithNewAccount(accountID, accessKeyID, accessKeySecret string) Option {
	return optionFunc(func(c *config) error {
		if !gateway.ValidAccountID(accountID) {
			return fmt.Errorf("WithNewAccount: account ID %q is not 1 to 19 digits (an int64)", accountID)
		}
		if c.accounts[accountID] != nil {
			return fmt.Errorf("WithNewAccount: account %s already exists", accountID)
		}
		c.accounts[accountID] = newAccount(accountID, defaultResourceGroupOf(accountID))
		return WithAccountKey(accountID, accessKeyID, accessKeySecret).apply(c)
	})
}

// WithAccountKey adds a long-term access key of the account accountID
// (AccountID or one WithNewAccount added). WithAccount(k, s) is
// WithAccountKey(AccountID, k, s).
func WithAccountKey(accountID, accessKeyID, accessKeySecret string) Option {
	return optionFunc(func(c *config) error {
		a, err := c.accountOf("WithAccountKey", accountID)
		if err != nil {
			return err
		}
		if accessKeyID == "" || accessKeySecret == "" {
			return fmt.Errorf("WithAccountKey: empty access key ID or secret")
		}
		c.creds[accessKeyID] = &credential{secret: accessKeySecret, account: a}
		return nil
	})
}

// WithAccountSTSCredential adds temporary STS credentials of the account
// accountID, as WithSTSCredentialExpiring does for the default account.
func WithAccountSTSCredential(accountID, accessKeyID, accessKeySecret, securityToken string, expires time.Time) Option {
	return optionFunc(func(c *config) error {
		a, err := c.accountOf("WithAccountSTSCredential", accountID)
		if err != nil {
			return err
		}
		if accessKeyID == "" || accessKeySecret == "" || securityToken == "" {
			return fmt.Errorf("WithAccountSTSCredential: empty access key ID, secret or security token")
		}
		c.creds[accessKeyID] = &credential{secret: accessKeySecret, token: securityToken, expires: expires, account: a}
		return nil
	})
}

// WithNotActivated makes the account accountID start with PrivateLink not
// activated, as a fresh Alibaba Cloud account is: every action but
// CheckProductOpen and OpenPrivateLinkService answers NeedOpenProduct,
// CheckProductOpen answers Success false, and OpenPrivateLinkService
// activates it.
func WithNotActivated(accountID string) Option {
	return optionFunc(func(c *config) error {
		a, err := c.accountOf("WithNotActivated", accountID)
		if err != nil {
			return err
		}
		a.activated = false
		return nil
	})
}

// WithResourceGroup adds the resource group id to the account accountID,
// so that ChangeResourceGroup can move resources into it.
func WithResourceGroup(accountID, id string) Option {
	return optionFunc(func(c *config) error {
		a, err := c.accountOf("WithResourceGroup", accountID)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(id, "rg-") || len(id) < 4 {
			return fmt.Errorf("WithResourceGroup: ID %q does not start with rg-", id)
		}
		a.resourceGroups[id] = true
		return nil
	})
}

// Activated reports whether PrivateLink is activated for the account
// accountID; false for an account that does not exist.
func (s *Server) Activated(accountID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[accountID]
	return a != nil && a.activated
}

// ResourceGroups returns the resource group IDs of the account accountID,
// sorted; nil for an account that does not exist.
func (s *Server) ResourceGroups(accountID string) []string {
	a := s.accounts[accountID]
	if a == nil {
		return nil
	}
	out := make([]string, 0, len(a.resourceGroups))
	for id := range a.resourceGroups {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
