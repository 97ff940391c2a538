package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/jsonx"
	"github.com/privatelink-go/sdk/signer"
)

// cutBody answers 200 with a Content-Length longer than the body it sends,
// so the server closes the connection and the client reads a short body.
func cutBody(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "4096")
		w.Write([]byte(body))
	}
}

func noFields(*jsonx.Decoder, []byte) bool { return false }

// A body cut off on the last attempt is a transport failure with its cause,
// retryable, and never a success, even when what arrived parses as JSON.
func TestCutBodyOnLastAttempt(t *testing.T) {
	for name, body := range map[string]string{
		"truncated JSON": `{"RequestId":"R","Endpo`,
		"valid JSON":     `{"RequestId":"R"}`,
	} {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int32
			tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				cutBody(body)(w, r)
			})
			meta, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
			var reqErr *RequestError
			require.True(t, errors.As(err, &reqErr), "%T %v", err, err)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the transport cause is kept")
			assert.Equal(t, 2, reqErr.Attempts)
			assert.Equal(t, int32(2), n.Load())
			assert.Equal(t, 2, meta.Attempts)
			retry, _ := ShouldRetry(nil, 0, "", reqErr.Err)
			assert.True(t, retry, "a cut body is as transient as a reset")
		})
	}
}

// A cut body followed by a whole one is a success on the second attempt.
func TestCutBodyIsRetried(t *testing.T) {
	var n atomic.Int32
	tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			cutBody(`{"RequestId":"R1"}`)(w, r)
			return
		}
		w.Write([]byte(`{"RequestId":"R2"}`))
	})
	meta, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
	require.NoError(t, err)
	assert.Equal(t, "R2", meta.RequestID)
	assert.Equal(t, 2, meta.Attempts)
}

// Some gateways answer errors with HTTP 200: a retryable code in such an
// answer is retried like the same code with an error status, and a final
// one is the service error it is.
func TestErrorCodeIn200(t *testing.T) {
	t.Run("retryable code is retried", func(t *testing.T) {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			if n.Add(1) == 1 {
				w.Write([]byte(`{"RequestId":"R1","Code":"Throttling","Message":"slow down"}`))
				return
			}
			w.Write([]byte(`{"RequestId":"R2"}`))
		})
		meta, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		require.NoError(t, err)
		assert.Equal(t, "R2", meta.RequestID)
		assert.Equal(t, 2, meta.Attempts)
	})
	t.Run("retried until the attempts run out", func(t *testing.T) {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			n.Add(1)
			w.Write([]byte(`{"RequestId":"R","Code":"Throttling","Message":"slow down"}`))
		})
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		var se *ServiceError
		require.True(t, errors.As(err, &se), "%T %v", err, err)
		assert.Equal(t, "Throttling", se.Code)
		assert.Equal(t, 200, se.StatusCode)
		assert.Equal(t, 2, se.Attempts)
		assert.Equal(t, int32(2), n.Load())
	})
	t.Run("other code is final", func(t *testing.T) {
		var n atomic.Int32
		tr := newTestTransport(t, signer.V3, func(w http.ResponseWriter, _ *http.Request) {
			n.Add(1)
			w.Write([]byte(`{"RequestId":"R","Code":"InvalidParameter","Message":"no"}`))
		})
		_, err := tr.Do(context.Background(), &Call{Action: "X"}, noFields)
		assert.Equal(t, "InvalidParameter", ErrorCode(err))
		assert.Equal(t, int32(1), n.Load())
	})
}
