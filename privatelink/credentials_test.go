package privatelink

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// isolateCredentialChain empties every variable the default chain reads and
// points HOME at an empty directory, so that only what a test sets is found.
func isolateCredentialChain(t *testing.T) (home string) {
	t.Helper()
	for _, k := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI",
		"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_PROFILE"} {
		t.Setenv(k, "")
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	home = t.TempDir()
	t.Setenv("HOME", home)
	return home
}

// The credentials file the error names is the one credentials-go reads:
// writing a profile at that path makes the next call succeed.
func TestCredentialsErrorNamesTheFileTheChainReads(t *testing.T) {
	home := isolateCredentialChain(t)
	f, srv := newFake(t, jsonAnswer(200, okBody))
	c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL))
	require.NoError(t, err)
	_, _, err = rawCall(context.Background(), c, "")
	var ce *CredentialsError
	require.True(t, errors.As(err, &ce), "%v", err)
	m := regexp.MustCompile(`credentials file \((~/\S+) or ALIBABA_CLOUD_CREDENTIALS_FILE\)`).FindStringSubmatch(err.Error())
	require.NotNil(t, m, "the error names the credentials file: %v", err)
	assert.Equal(t, "~/.alibabacloud/credentials", m[1])

	path := filepath.Join(home, strings.TrimPrefix(m[1], "~/"))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	profile := "[default]\ntype = access_key\naccess_key_id = " + testAK + "\naccess_key_secret = " + testSecret + "\n"
	require.NoError(t, os.WriteFile(path, []byte(profile), 0o600))
	_, _, err = rawCall(context.Background(), c, "")
	require.NoError(t, err, "credentials-go reads the file the error names")
	require.NoError(t, f.attempts()[0].sigErr)
}
