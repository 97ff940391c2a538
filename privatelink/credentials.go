package privatelink

import (
	"context"
	"errors"
	"sync"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/privatelink-go/sdk/internal/transport"
)

// CredentialsError reports that no credentials could be obtained. Nothing was
// sent to the service.
type CredentialsError struct {
	// Err is what the credential source said.
	Err error
	// DefaultChain is true when the SDK's default chain was used.
	DefaultChain bool
}

// Error names the sources tried and how to configure one.
func (e *CredentialsError) Error() string {
	if !e.DefaultChain {
		return "privatelink: credentials: " + e.Err.Error()
	}
	return "privatelink: no credentials found. Tried, in order: " +
		"environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, optional ALIBABA_CLOUD_SECURITY_TOKEN); " +
		"OIDC/RRSA (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE); " +
		"Alibaba Cloud CLI profile (~/.aliyun/config.json, ALIBABA_CLOUD_PROFILE); " +
		"credentials file (~/.alibabacloud/credentials.ini or ALIBABA_CLOUD_CREDENTIALS_FILE); " +
		"ECS instance RAM role (metadata service; off when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true); " +
		"credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI). " +
		"Configure one of these, or pass WithStaticCredentials or WithCredential. Chain said: " + e.Err.Error()
}

// Unwrap returns the source's error.
func (e *CredentialsError) Unwrap() error { return e.Err }

func staticCredentials(c transport.Credentials) transport.CredentialsFunc {
	return func(context.Context) (transport.Credentials, error) { return c, nil }
}

// credentialSource adapts a credentials-go Credential. It is asked on every
// call so rotating STS credentials keep working; the mutex is there because
// credentials-go's default chain keeps unsynchronised state.
type credentialSource struct {
	mu           sync.Mutex
	cred         credentials.Credential
	defaultChain bool
}

func (s *credentialSource) get(ctx context.Context) (transport.Credentials, error) {
	if err := ctx.Err(); err != nil {
		return transport.Credentials{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cred == nil {
		// Built lazily: the chain reads the environment and files when it is
		// built, and a client may be constructed long before its first call.
		cred, err := credentials.NewCredential(nil)
		if err != nil {
			return transport.Credentials{}, &CredentialsError{Err: err, DefaultChain: true}
		}
		s.cred = cred
	}
	m, err := s.cred.GetCredential()
	if err == nil && (m == nil || m.AccessKeyId == nil || *m.AccessKeyId == "" || m.AccessKeySecret == nil) {
		err = errors.New("the credential source returned no access key")
	}
	if err != nil {
		if s.defaultChain {
			// credentials-go's chain remembers the last provider it tried,
			// even a failed one; start afresh next time so that credentials
			// configured later are found.
			s.cred = nil
		}
		return transport.Credentials{}, &CredentialsError{Err: err, DefaultChain: s.defaultChain}
	}
	c := transport.Credentials{AccessKeyID: *m.AccessKeyId, AccessKeySecret: *m.AccessKeySecret}
	if m.SecurityToken != nil {
		c.SecurityToken = *m.SecurityToken
	}
	return c, nil
}
