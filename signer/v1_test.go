package signer

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// signedV1 returns params plus their Signature, as a server receives them.
func signedV1(method string, params []Param, secret string) []Param {
	s := SignV1(method, params, secret)
	return append(append([]Param(nil), params...), Param{"Signature", s.Signature})
}

func TestVerifyV1TamperedRequest(t *testing.T) {
	params := createVpcEndpointV1()
	received := signedV1("POST", params, testSecret)
	require.NoError(t, VerifyV1("POST", received, testSecret))

	mismatch := func(t *testing.T, method string, got []Param) {
		t.Helper()
		err := VerifyV1(method, got, testSecret)
		require.ErrorIs(t, err, ErrSignatureDoesNotMatch)
		var ve *VerifyError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, SignV1(method, withoutKey(got, "Signature"), testSecret).StringToSign, ve.StringToSign,
			"the error must carry the server's string to sign")
	}

	for i, p := range params {
		if p.Key == "SignatureMethod" {
			continue // changing it is an IncompleteSignature, tested below
		}
		t.Run("key "+p.Key, func(t *testing.T) {
			got := clone(received)
			got[i].Key += "x"
			mismatch(t, "POST", got)
		})
		t.Run("value "+p.Key, func(t *testing.T) {
			got := clone(received)
			got[i].Value += "1"
			mismatch(t, "POST", got)
		})
		t.Run("drop "+p.Key, func(t *testing.T) {
			mismatch(t, "POST", append(clone(received[:i]), received[i+1:]...))
		})
	}
	t.Run("space sent as plus", func(t *testing.T) {
		got := clone(received)
		i := indexOf(got, "Tag.1.Value")
		got[i].Value = "prod+team/a"
		mismatch(t, "POST", got)
	})
	t.Run("values swapped between keys", func(t *testing.T) {
		got := clone(received)
		a, b := indexOf(got, "Zone.1.ip"), indexOf(got, "Zone.2.ip")
		got[a].Value, got[b].Value = got[b].Value, got[a].Value
		mismatch(t, "POST", got)
	})
	t.Run("added parameter", func(t *testing.T) {
		mismatch(t, "POST", append(clone(received), Param{"SecurityGroupId.3", "sg-extra"}))
	})
	t.Run("method", func(t *testing.T) { mismatch(t, "GET", received) })
	t.Run("signature", func(t *testing.T) {
		got := clone(received)
		i := indexOf(got, "Signature")
		got[i].Value = SignV1("POST", params, testSecret+"x").Signature
		mismatch(t, "POST", got)
	})
	t.Run("other secret", func(t *testing.T) {
		err := VerifyV1("POST", received, testSecret+"x")
		require.ErrorIs(t, err, ErrSignatureDoesNotMatch)
	})
}

func TestVerifyV1OrderIndependent(t *testing.T) {
	received := signedV1("POST", createVpcEndpointV1(), testSecret)
	reversed := clone(received)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	require.NoError(t, VerifyV1("POST", reversed, testSecret))
}

func TestVerifyV1Incomplete(t *testing.T) {
	received := signedV1("POST", createVpcEndpointV1(), testSecret)
	tests := []struct {
		name   string
		params []Param
		reason string
	}{
		{"missing Signature", withoutKey(received, "Signature"), "missing Signature parameter"},
		{"missing SignatureMethod", withoutKey(received, "SignatureMethod"), "missing SignatureMethod parameter"},
		{"repeated Signature", append(clone(received), Param{"Signature", "x"}), "repeated Signature parameter"},
		{"repeated SignatureMethod", append(clone(received), Param{"SignatureMethod", "HMAC-SHA1"}), "repeated SignatureMethod parameter"},
		{"other SignatureMethod", replaceValue(received, "SignatureMethod", "HMAC-SHA256"), "unsupported SignatureMethod HMAC-SHA256"},
		{"no parameters", nil, "missing Signature parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifyV1("POST", tt.params, testSecret)
			require.ErrorIs(t, err, ErrIncompleteSignature)
			assert.False(t, errors.Is(err, ErrSignatureDoesNotMatch))
			var ve *VerifyError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.reason, ve.Reason)
			assert.Empty(t, ve.StringToSign)
		})
	}
}

func TestV1SignatureQuery(t *testing.T) {
	assert.Equal(t, "Signature=a%2Bb%2F%3D", V1Signature{Signature: "a+b/="}.Query(),
		"no leading & when there is nothing else to send")
}

func TestVerifyErrorMessage(t *testing.T) {
	err := &VerifyError{Err: ErrSignatureDoesNotMatch, Reason: "V1 signature differs", StringToSign: "GET&%2F&a%3D1"}
	assert.Equal(t, ErrSignatureDoesNotMatch.Error()+`: V1 signature differs; server string to sign is: "GET&%2F&a%3D1"`, err.Error())
	err = &VerifyError{Err: ErrIncompleteSignature}
	assert.Equal(t, ErrIncompleteSignature.Error(), err.Error())
}

func clone(p []Param) []Param { return append([]Param(nil), p...) }

func indexOf(params []Param, key string) int {
	for i, p := range params {
		if p.Key == key {
			return i
		}
	}
	panic("no parameter " + key)
}

func withoutKey(params []Param, key string) []Param {
	var out []Param
	for _, p := range params {
		if p.Key != key {
			out = append(out, p)
		}
	}
	return out
}

func replaceValue(params []Param, key, value string) []Param {
	out := clone(params)
	out[indexOf(out, key)].Value = value
	return out
}
