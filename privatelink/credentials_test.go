package privatelink

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

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

// Secrets a credentials URI hands out. They look like the real thing
// (a 30-character key secret, a base64 STS token) so that the test does not
// pass merely because the words are recognisable.
const (
	uriAccessKeySecret = "Hv7PqW2xZk9LmN4rTs6YbC3dFg8JjE"
	uriSecurityToken   = "CAIS9AF1q6Ft5B2yfSjIr5bkLsr5hLpU0Y2+Z3nOkTMBAV1Lm7dPfa8yhP0bMmQ=="
	uriQuerySecret     = "uriQ9secret7Param3VALUE"
)

// A credentials provider's error repeats the provider's whole answer.
// credentials-go's URI provider, answered 200 with a key but no
// Expiration, fails with the body, AccessKeySecret included; a 500 gets the
// body too. None of it may reach an error string, %+v, or any log record.
func TestCredentialsProviderErrorsCarryNoSecrets(t *testing.T) {
	answers := map[string]func(w http.ResponseWriter){
		"200 without Expiration": jsonAnswer(200, `{"Code":"Success","AccessKeyId":"STS.NUgYrLnoC37mZZCNnAbez2Pf","AccessKeySecret":"`+
			uriAccessKeySecret+`","SecurityToken":"`+uriSecurityToken+`"}`),
		"500 with a body": jsonAnswer(500, `{"AccessKeySecret":"`+uriAccessKeySecret+`","SecurityToken":"`+uriSecurityToken+`"}`),
		"plain text": func(w http.ResponseWriter) {
			w.WriteHeader(500)
			fmt.Fprint(w, "secret "+uriAccessKeySecret+" token "+uriSecurityToken)
		},
	}
	for name, answer := range answers {
		t.Run(name, func(t *testing.T) {
			isolateCredentialChain(t)
			uri := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { answer(w) }))
			t.Cleanup(uri.Close)
			t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", uri.URL+"/credentials?token="+uriQuerySecret)
			f, srv := newFake(t, jsonAnswer(200, okBody))

			var logs bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, err := NewClient("cn-huhehaote", WithEndpoint(srv.URL), WithLogger(logger), WithRetry(2, time.Millisecond, time.Millisecond))
			require.NoError(t, err)

			_, _, callErr := rawCall(context.Background(), c, "")
			var ce *CredentialsError
			require.True(t, errors.As(callErr, &ce), "%v", callErr)
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_, waitErr := c.WaitUntilVpcEndpointActive(ctx, "ep-123")
			require.Error(t, waitErr)
			assert.Empty(t, f.attempts(), "nothing is sent without credentials")

			var texts []string
			for _, err := range []error{callErr, waitErr} {
				for e := err; e != nil; e = errors.Unwrap(e) {
					texts = append(texts, e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%v", e), fmt.Sprintf("%#v", e))
				}
			}
			require.NotEmpty(t, logs.String(), "the waiter logs its failed poll at Debug")
			texts = append(texts, logs.String())
			for _, text := range texts {
				for _, secret := range []string{uriAccessKeySecret, uriSecurityToken[:12], uriQuerySecret, `"AccessKeySecret"`} {
					require.NotContains(t, text, secret)
				}
			}
			// What remains still says where to look.
			assert.Contains(t, callErr.Error(), "ALIBABA_CLOUD_CREDENTIALS_URI")
			assert.Contains(t, callErr.Error(), uri.Listener.Addr().String())
		})
	}
}
