package privatelinktest

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// An Option configures a Server. Options are applied in order after the
// default world is built, so they can refer to the default VPC, zones and
// account. An option that does not make sense (a vSwitch in an unknown VPC,
// a CIDR that does not parse, a negative delay) makes NewServer panic: it is
// a mistake in a test's setup, like a port httptest cannot listen on.
// Options are made only by the With* functions of this package; a zero
// Option is ignored.
type Option struct {
	apply func(*config) error
}

// optionFunc makes an Option of f.
func optionFunc(f func(*config) error) Option { return Option{apply: f} }

// credential is one access key the emulator accepts.
type credential struct {
	secret string
	// token is the STS security token; empty for a long-term access key.
	token string
	// expires is when an STS token stops being accepted (real wall-clock
	// time); zero means never.
	expires time.Time
	// denied lists actions this key is not authorized for (Forbidden.RAM).
	denied map[string]bool
	// account is the account the key belongs to and acts on.
	account *account
}

type config struct {
	world         *world
	creds         map[string]*credential
	accounts      map[string]*account
	quotas        map[string]int
	creationDelay time.Duration
	deletionDelay time.Duration
	zoneDelay     time.Duration
	sgDelay       time.Duration
	visibility    time.Duration
	serviceDelay  time.Duration
	connDelay     time.Duration
	clock         Clock
	seed          int64
	nonceMemory   int
	tokenMemory   int
	rateLimits    map[string]rateLimit // by action; see WithAPIRateLimit
}

// WithAccount adds a long-term access key of the default account
// (AccountID), like another AccessKey of the same Alibaba Cloud account:
// the keys see the same endpoints and share client tokens (a retry signed
// with refreshed credentials finds its token); nonces are scoped per key.
// WithNewAccount adds a key of another account.
func WithAccount(accessKeyID, accessKeySecret string) Option {
	return optionFunc(func(c *config) error {
		if accessKeyID == "" || accessKeySecret == "" {
			return fmt.Errorf("WithAccount: empty access key ID or secret")
		}
		c.creds[accessKeyID] = &credential{secret: accessKeySecret, account: c.accounts[AccountID]}
		return nil
	})
}

// WithSTSCredential adds temporary STS credentials of the default account
// (AccountID): requests signed with
// accessKeyID must carry securityToken (SecurityToken parameter for V1,
// x-acs-security-token header for V3).
func WithSTSCredential(accessKeyID, accessKeySecret, securityToken string) Option {
	return WithSTSCredentialExpiring(accessKeyID, accessKeySecret, securityToken, time.Time{})
}

// WithSTSCredentialExpiring is WithSTSCredential with an expiry, compared
// with the real wall clock like request timestamps are: once expires has
// passed the token is refused with InvalidSecurityToken.Expired. A zero
// expires never expires.
func WithSTSCredentialExpiring(accessKeyID, accessKeySecret, securityToken string, expires time.Time) Option {
	return optionFunc(func(c *config) error {
		if accessKeyID == "" || accessKeySecret == "" || securityToken == "" {
			return fmt.Errorf("WithSTSCredential: empty access key ID, secret or security token")
		}
		c.creds[accessKeyID] = &credential{secret: accessKeySecret, token: securityToken, expires: expires, account: c.accounts[AccountID]}
		return nil
	})
}

// WithDeniedAction makes requests signed by accessKeyID for action fail
// with Forbidden.RAM (403), as for a RAM user without that permission.
func WithDeniedAction(accessKeyID, action string) Option {
	return optionFunc(func(c *config) error {
		cred := c.creds[accessKeyID]
		if cred == nil {
			return fmt.Errorf("WithDeniedAction: unknown access key %q (add it first)", accessKeyID)
		}
		if !knownAction(action) {
			return fmt.Errorf("WithDeniedAction: unknown action %q", action)
		}
		if cred.denied == nil {
			cred.denied = map[string]bool{}
		}
		cred.denied[action] = true
		return nil
	})
}

// WithVpc adds a VPC.
func WithVpc(id string) Option {
	return optionFunc(func(c *config) error {
		if !strings.HasPrefix(id, "vpc-") {
			return fmt.Errorf("WithVpc: ID %q does not start with vpc-", id)
		}
		c.world.vpcs[id] = &vpc{id: id}
		return nil
	})
}

// WithVSwitch adds a vSwitch to a VPC in a zone, with an IPv4 CIDR block
// and, for a dual-stack vSwitch, an IPv6 CIDR block (empty for none).
// Endpoint network interfaces get their addresses from these blocks.
func WithVSwitch(id, vpcID, zoneID, cidr, ipv6CIDR string) Option {
	return optionFunc(func(c *config) error {
		if !strings.HasPrefix(id, "vsw-") {
			return fmt.Errorf("WithVSwitch: ID %q does not start with vsw-", id)
		}
		if c.world.vpcs[vpcID] == nil {
			return fmt.Errorf("WithVSwitch %s: unknown VPC %q", id, vpcID)
		}
		if zoneID == "" {
			return fmt.Errorf("WithVSwitch %s: empty zone", id)
		}
		p, err := netip.ParsePrefix(cidr)
		if err != nil || !p.Addr().Is4() || p.Bits() > 29 {
			return fmt.Errorf("WithVSwitch %s: CIDR %q is not an IPv4 block of /29 or larger", id, cidr)
		}
		vs := &vswitch{id: id, vpcID: vpcID, zoneID: zoneID, cidr: p.Masked()}
		if ipv6CIDR != "" {
			p6, err := netip.ParsePrefix(ipv6CIDR)
			if err != nil || !p6.Addr().Is6() || p6.Addr().Is4In6() || p6.Bits() > 120 {
				return fmt.Errorf("WithVSwitch %s: IPv6 CIDR %q is not an IPv6 block of /120 or larger", id, ipv6CIDR)
			}
			vs.ipv6CIDR = p6.Masked()
		}
		c.world.vswitches[id] = vs
		c.world.zones[zoneID] = true
		return nil
	})
}

// WithSecurityGroup adds a security group to a VPC.
func WithSecurityGroup(id, vpcID string) Option {
	return optionFunc(func(c *config) error {
		if !strings.HasPrefix(id, "sg-") {
			return fmt.Errorf("WithSecurityGroup: ID %q does not start with sg-", id)
		}
		if c.world.vpcs[vpcID] == nil {
			return fmt.Errorf("WithSecurityGroup %s: unknown VPC %q", id, vpcID)
		}
		c.world.sgs[id] = &securityGroup{id: id, vpcID: vpcID}
		return nil
	})
}

// WithService adds an endpoint service of the provider account
// (ProviderAccountID), deployed in s.Zones without service resources and
// open to every account, as ServiceID and ManualServiceID are.
func WithService(s Service) Option {
	return optionFunc(func(c *config) error {
		if !strings.HasPrefix(s.ID, "epsrv-") {
			return fmt.Errorf("WithService: ID %q does not start with epsrv-", s.ID)
		}
		if s.Name == "" {
			s.Name = "com.aliyuncs.privatelink." + RegionID + "." + s.ID
		}
		switch s.Type {
		case "", typeInterface, typeReverse, typeGLB:
		default:
			return fmt.Errorf("WithService %s: unknown type %q", s.ID, s.Type)
		}
		if len(s.Zones) == 0 {
			return fmt.Errorf("WithService %s: no zones", s.ID)
		}
		if old := c.world.services[s.ID]; old != nil {
			delete(c.world.byName, old.Name)
		}
		s.Zones = append([]string(nil), s.Zones...)
		c.world.services[s.ID] = &s
		c.world.byName[s.Name] = &s
		for _, z := range s.Zones {
			c.world.zones[z] = true
		}
		return nil
	})
}

// WithQuota sets a quota: QuotaTotalEpPerVpc (default 100),
// QuotaEpZonePerEndpoint (default 10) or QuotaIPPerEndpoint (default 10).
// Exceeding it fails with QuotaExceeded.<name>.
func WithQuota(name string, n int) Option {
	return optionFunc(func(c *config) error {
		if _, ok := defaultQuotas[name]; !ok {
			return fmt.Errorf("WithQuota: unknown quota %q", name)
		}
		if n < 0 {
			return fmt.Errorf("WithQuota %s: negative limit %d", name, n)
		}
		c.quotas[name] = n
		return nil
	})
}

// WithCreationDelay sets how long a new endpoint stays Creating before it
// is Active. The default, 0, makes it Active on the next read.
func WithCreationDelay(d time.Duration) Option {
	return delayOption("WithCreationDelay", d, func(c *config) *time.Duration { return &c.creationDelay })
}

// WithDeletionDelay sets how long a deleted endpoint stays Deleting before
// it is gone (EndpointNotFound). The default, 0, makes it gone on the next
// read.
func WithDeletionDelay(d time.Duration) Option {
	return delayOption("WithDeletionDelay", d, func(c *config) *time.Duration { return &c.deletionDelay })
}

// WithZoneDelay sets how long adding or removing a zone (or changing the
// IP version) keeps the zone Creating or Deleting and the endpoint Pending.
// The default is 0.
func WithZoneDelay(d time.Duration) Option {
	return delayOption("WithZoneDelay", d, func(c *config) *time.Duration { return &c.zoneDelay })
}

// WithSecurityGroupDelay sets how long attaching or detaching a security
// group keeps the endpoint Pending. The default is 0.
func WithSecurityGroupDelay(d time.Duration) Option {
	return delayOption("WithSecurityGroupDelay", d, func(c *config) *time.Duration { return &c.sgDelay })
}

func delayOption(name string, d time.Duration, field func(*config) *time.Duration) Option {
	return optionFunc(func(c *config) error {
		if d < 0 {
			return fmt.Errorf("%s: negative delay %v", name, d)
		}
		*field(c) = d
		return nil
	})
}

// WithVisibilityDelay makes a new endpoint invisible for d after it is
// created: reads and changes naming it answer EndpointNotFound and listings
// leave it out, as the service's documentation warns may happen right after
// CreateVpcEndpoint. A retried create with its client token still gets the
// original answer, and the inspection helpers see the endpoint at once. The
// default, 0, makes it visible immediately.
func WithVisibilityDelay(d time.Duration) Option {
	return delayOption("WithVisibilityDelay", d, func(c *config) *time.Duration { return &c.visibility })
}

// WithClock sets the clock endpoint states are derived from, typically a
// *FakeClock. The default is the real clock.
func WithClock(clk Clock) Option {
	return optionFunc(func(c *config) error {
		if clk == nil {
			return fmt.Errorf("WithClock: nil clock")
		}
		c.clock = clk
		return nil
	})
}

// WithSeed seeds the random sources behind fault injection and generated
// IDs, so that a sequential test sees the same faults and IDs every run.
// The default seed is 1.
func WithSeed(seed int64) Option {
	return optionFunc(func(c *config) error {
		c.seed = seed
		return nil
	})
}

// DefaultNonceMemory is the memory a Server spends remembering used
// nonces: 349,525 of them, about 190 requests a second sustained over the
// 31 minutes each is kept, or half a minute of the emulator's full speed.
const DefaultNonceMemory = 32 << 20

// WithNonceMemory sets how many bytes the Server may spend remembering
// used nonces (default DefaultNonceMemory). Every nonce is remembered for
// 31 minutes so that no replay inside the timestamp window passes; when
// the budget is spent, new requests are answered ServiceUnavailable (503,
// Retry-After) until old nonces expire. Raise it for long load tests.
func WithNonceMemory(bytes int) Option {
	return optionFunc(func(c *config) error {
		if bytes < nonceEntryBytes {
			return fmt.Errorf("WithNonceMemory: %d bytes holds no nonce; give at least %d", bytes, nonceEntryBytes)
		}
		c.nonceMemory = bytes
		return nil
	})
}

// WithClientTokenMemory sets how many bytes the Server may spend
// remembering client tokens and their answers (default
// DefaultClientTokenMemory). Every token is remembered for ClientTokenTTL
// of the server's clock, so that any retry within it is answered as the
// original was; a live token is never forgotten to make room. When the
// budget is spent, a request with a new token is answered
// ServiceUnavailable (503, Retry-After) before it is performed, until old
// tokens expire (a FakeClock can be advanced past them); requests without
// a token, and retries of remembered tokens, are served as before. Raise
// it for long load tests that use client tokens.
func WithClientTokenMemory(bytes int) Option {
	return optionFunc(func(c *config) error {
		if bytes < tokenRecordOverhead {
			return fmt.Errorf("WithClientTokenMemory: %d bytes holds no token; give at least %d", bytes, tokenRecordOverhead)
		}
		c.tokenMemory = bytes
		return nil
	})
}

// WithLoadBalancer adds a load balancer of the account accountID, which
// that account can attach to its endpoint services as a service resource
// (CreateVpcEndpointService's Resource.N, AttachResourceToVpcEndpointService).
func WithLoadBalancer(accountID string, lb LoadBalancer) Option {
	return optionFunc(func(c *config) error {
		if _, err := c.accountOf("WithLoadBalancer", accountID); err != nil {
			return err
		}
		switch {
		case lb.ID == "":
			return fmt.Errorf("WithLoadBalancer: empty ID")
		case !validResourceType(lb.Type):
			return fmt.Errorf("WithLoadBalancer %s: type %q is not slb, alb, nlb or gwlb", lb.ID, lb.Type)
		case lb.ZoneID == "":
			return fmt.Errorf("WithLoadBalancer %s: empty zone", lb.ID)
		}
		c.world.lbs[lb.ID] = &loadBalancer{LoadBalancer: lb, account: accountID}
		c.world.zones[lb.ZoneID] = true
		return nil
	})
}

// WithServiceDelay sets how long an endpoint service stays Creating after
// CreateVpcEndpointService, Deleting after DeleteVpcEndpointService, and
// Pending after a service resource is attached or detached (default 0:
// the next read sees the change done).
func WithServiceDelay(d time.Duration) Option {
	return optionFunc(func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithServiceDelay: negative delay %v", d)
		}
		c.serviceDelay = d
		return nil
	})
}

// WithConnectionDelay sets how long a connection, or one zone of it, stays
// Connecting or Disconnecting after the provider enables or disables it
// (default 0: the next read sees it Connected or Disconnected).
func WithConnectionDelay(d time.Duration) Option {
	return optionFunc(func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithConnectionDelay: negative delay %v", d)
		}
		c.connDelay = d
		return nil
	})
}
