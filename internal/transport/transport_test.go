package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/signer"
)

func newTestTransport(t *testing.T, v signer.Version, h http.HandlerFunc) *Transport {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	return New(Config{
		Endpoint: u, RegionID: "cn-huhehaote", Signature: v,
		Credentials: func(context.Context) (Credentials, error) {
			return Credentials{AccessKeyID: "ak", AccessKeySecret: "secret", SecurityToken: "sts"}, nil
		},
		HTTPClient: srv.Client(),
		Retry:      RetryPolicy{MaxAttempts: 2, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond},
		UserAgent:  "test-agent",
		Now:        func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
	})
}

func keys[M ~map[string]V, V any](m M) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// The common parameters and headers are exactly the ones the official SDKs
// send (internal/interop pins theirs), so the service sees nothing new.
func TestWireShapeV1(t *testing.T) {
	var got url.Values
	var header http.Header
	tr := newTestTransport(t, signer.V1, func(w http.ResponseWriter, r *http.Request) {
		got, header = r.URL.Query(), r.Header.Clone()
		w.Write([]byte(`{"RequestId":"R"}`))
	})
	_, err := tr.Do(context.Background(), &Call{Action: "GetVpcEndpointAttribute", Params: []signer.Param{{Key: "EndpointId", Value: "ep-1"}}}, func(*jsonx.Decoder, []byte) bool { return false })
	require.NoError(t, err)
	assert.Equal(t, []string{"AccessKeyId", "Action", "EndpointId", "Format", "RegionId", "SecurityToken", "Signature",
		"SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version"}, keys(got))
	assert.Equal(t, "JSON", got.Get("Format"))
	assert.Equal(t, "2026-11-25T12:00:00Z", got.Get("Timestamp"))
	assert.Len(t, got.Get("SignatureNonce"), 32)
	assert.Equal(t, "test-agent", header.Get("User-Agent"))
	assert.Empty(t, header.Get("Authorization"))
	params := make([]signer.Param, 0, len(got))
	for k, v := range got {
		params = append(params, signer.Param{Key: k, Value: v[0]})
	}
	assert.NoError(t, signer.VerifyV1(http.MethodPost, params, "secret"))
}

func TestWireShapeV3(t *testing.T) {
	var got url.Values
	var header http.Header
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
		got, header = r.URL.Query(), r.Header.Clone()
		w.Write([]byte(`{"RequestId":"R"}`))
	})
	_, err := tr.Do(context.Background(), &Call{Action: "GetVpcEndpointAttribute", Params: []signer.Param{{Key: "EndpointId", Value: "ep-1"}}}, func(*jsonx.Decoder, []byte) bool { return false })
	require.NoError(t, err)
	assert.Equal(t, []string{"EndpointId", "RegionId"}, keys(got), "V3 keeps only business parameters in the query")
	var acs []string
	for k := range header {
		if len(k) > 6 && k[:6] == "X-Acs-" {
			acs = append(acs, k)
		}
	}
	slices.Sort(acs)
	assert.Equal(t, []string{"X-Acs-Action", "X-Acs-Content-Sha256", "X-Acs-Date", "X-Acs-Security-Token", "X-Acs-Signature-Nonce", "X-Acs-Version"}, acs)
	assert.Equal(t, "application/json", header.Get("Accept"))
	assert.Contains(t, header.Get("Authorization"), "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,")
}

// Pooled call state must not carry anything from one call into the next:
// an error answer followed by a success, many times over, from many
// goroutines.
func TestPooledStateIsClean(t *testing.T) {
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("Fail") == "1" {
			w.WriteHeader(400)
			w.Write([]byte(`{"RequestId":"R-bad","Code":"InvalidParameter","Message":"no"}`))
			return
		}
		w.Write([]byte(`{"RequestId":"R-ok","Value":"v-` + r.URL.Query().Get("N") + `"}`))
	})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				fail := (g+i)%2 == 0
				params := []signer.Param{{Key: "N", Value: string(rune('a' + i%26))}}
				if fail {
					params = append(params, signer.Param{Key: "Fail", Value: "1"})
				}
				var value string
				meta, err := tr.Do(context.Background(), &Call{Action: "X", Params: params}, func(d *jsonx.Decoder, key []byte) bool {
					if string(key) == "Value" {
						value = d.String()
						return true
					}
					return false
				})
				if fail {
					var se *ServiceError
					if assert.True(t, errors.As(err, &se)) {
						assert.Equal(t, "R-bad", se.RequestID)
						assert.Equal(t, 1, se.Attempts)
					}
					assert.Empty(t, value)
					continue
				}
				assert.NoError(t, err)
				assert.Equal(t, "R-ok", meta.RequestID)
				assert.Equal(t, 1, meta.Attempts)
				assert.Equal(t, "v-"+params[0].Value, value)
			}
		}()
	}
	wg.Wait()
}
