package privatelink

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/privatelink-go/sdk/internal/transport"
)

// CredentialsError reports that no credentials could be obtained. Nothing was
// sent to the service.
type CredentialsError struct {
	// Err is what the credential source said, made safe to show: a
	// provider's answer body is withheld, URL queries and anything shaped
	// like a secret or a token are redacted. credentials-go quotes whole
	// answers in its errors, and a credentials URI may answer with a key
	// secret yet still fail (for example without an Expiration).
	Err error
	// DefaultChain is true when the SDK's default chain was used.
	DefaultChain bool
}

// Error names the sources tried and how to configure one.
func (e *CredentialsError) Error() string {
	said := safeProviderText(e.Err.Error())
	if !e.DefaultChain {
		return "privatelink: credentials: " + said
	}
	return "privatelink: no credentials found. Tried, in order: " +
		"environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, optional ALIBABA_CLOUD_SECURITY_TOKEN); " +
		"OIDC/RRSA (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE); " +
		"Alibaba Cloud CLI profile (~/.aliyun/config.json, ALIBABA_CLOUD_PROFILE); " +
		"credentials file (~/.alibabacloud/credentials or ALIBABA_CLOUD_CREDENTIALS_FILE); " +
		"ECS instance RAM role (metadata service; off when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true); " +
		"credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI). " +
		"Configure one of these, or pass WithStaticCredentials or WithCredential. Chain said: " + said
}

// Unwrap returns the source's error.
func (e *CredentialsError) Unwrap() error { return e.Err }

// newCredentialsError wraps a credential source's error. The source's own
// error is not kept, only its redacted text: its Error would repeat the
// provider's answer to anyone who unwraps it. credentials-go formats its
// errors with %s, so no chain that errors.Is or errors.As could use is lost.
func newCredentialsError(err error, defaultChain bool) *CredentialsError {
	return &CredentialsError{Err: &providerError{msg: safeProviderText(err.Error())}, DefaultChain: defaultChain}
}

// providerError is a credential source's error text, made safe.
type providerError struct{ msg string }

func (e *providerError) Error() string { return e.msg }

// maxProviderText bounds what a CredentialsError quotes of its source.
const maxProviderText = 2048

var (
	// providerBody spans an answer body quoted in a provider's error: JSON,
	// XML or HTML, from the first opening to the last closing bracket.
	providerBody = regexp.MustCompile(`(?s)[{<].*[}>]`)
	// urlQuery is the userinfo and query of a URL, where a credentials URI
	// may carry its own token.
	urlQuery = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)(?:[^/\s?#@]*@)?([^\s?#"']*)\?[^\s"'#]*`)
)

// safeProviderText removes from a credential source's error text what must
// not reach an error or a log: any answer body it quotes, URL queries and
// userinfo, then everything shaped like a secret or a token, and only then
// cuts it to length.
func safeProviderText(s string) string {
	s = providerBody.ReplaceAllString(s, "[answer body withheld]")
	s = urlQuery.ReplaceAllString(s, "${1}${2}?[redacted]")
	s = transport.Redact(strings.ToValidUTF8(s, "?"))
	if len(s) > maxProviderText {
		s = transport.Truncate(s, maxProviderText) + "..."
	}
	return s
}

func staticCredentials(c transport.Credentials) transport.CredentialsFunc {
	return func(context.Context) (transport.Credentials, error) { return c, nil }
}

// credentialSource adapts a credentials-go Credential. It is asked on every
// call so rotating STS credentials keep working. credentials-go's providers
// take no context and its default chain keeps unsynchronised state, so one
// fetch runs at a time, in its own goroutine, and every caller waits for it
// or for its own context, whichever ends first: a slow STS or metadata
// endpoint cannot hold a call past its deadline.
type credentialSource struct {
	defaultChain bool

	// cached holds the last credentials fetched, reused for credentialReuse
	// so that the common case costs neither a goroutine nor a lock.
	// credentials-go refreshes STS credentials minutes before they expire,
	// so a second of reuse never hands out expired ones.
	cached atomic.Pointer[cachedCredentials]
	reuse  time.Duration

	mu       sync.Mutex
	cred     credentials.Credential
	inflight *credentialFetch
}

// credentialReuse is how long fetched credentials are reused without
// asking the source again.
const credentialReuse = time.Second

type cachedCredentials struct {
	creds transport.Credentials
	at    time.Time
}

type credentialFetch struct {
	done  chan struct{}
	creds transport.Credentials
	err   error
}

func (s *credentialSource) get(ctx context.Context) (transport.Credentials, error) {
	if err := ctx.Err(); err != nil {
		return transport.Credentials{}, err
	}
	if c := s.cached.Load(); c != nil && time.Since(c.at) < s.reuse {
		return c.creds, nil
	}
	s.mu.Lock()
	f := s.inflight
	if f == nil {
		f = &credentialFetch{done: make(chan struct{})}
		s.inflight = f
		go s.fetch(f)
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		return f.creds, f.err
	case <-ctx.Done():
		return transport.Credentials{}, ctx.Err()
	}
}

// fetch asks the credential once and publishes the answer to every caller
// waiting on f. Only one fetch runs at a time, so s.cred needs the lock
// only against a concurrent reset below.
func (s *credentialSource) fetch(f *credentialFetch) {
	defer func() {
		s.mu.Lock()
		s.inflight = nil
		s.mu.Unlock()
		close(f.done)
	}()
	s.mu.Lock()
	cred := s.cred
	s.mu.Unlock()
	if cred == nil {
		// Built lazily: the chain reads the environment and files when it is
		// built, and a client may be constructed long before its first call.
		c, err := credentials.NewCredential(nil)
		if err != nil {
			f.err = newCredentialsError(err, true)
			return
		}
		cred = c
	}
	m, err := cred.GetCredential()
	if err == nil && (m == nil || m.AccessKeyId == nil || *m.AccessKeyId == "" || m.AccessKeySecret == nil) {
		err = errors.New("the credential source returned no access key")
	}
	if err != nil {
		// credentials-go's chain remembers the last provider it tried, even
		// a failed one; the next call starts with a fresh chain so that
		// credentials configured later are found.
		if !s.defaultChain {
			s.keep(cred)
		}
		f.err = newCredentialsError(err, s.defaultChain)
		s.cached.Store(nil)
		return
	}
	s.keep(cred)
	f.creds = transport.Credentials{AccessKeyID: *m.AccessKeyId, AccessKeySecret: *m.AccessKeySecret}
	if m.SecurityToken != nil {
		f.creds.SecurityToken = *m.SecurityToken
	}
	s.cached.Store(&cachedCredentials{creds: f.creds, at: time.Now()})
}

func (s *credentialSource) keep(cred credentials.Credential) {
	s.mu.Lock()
	s.cred = cred
	s.mu.Unlock()
}
