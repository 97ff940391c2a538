package jsonx

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRaw(t *testing.T) {
	d := NewDecoder([]byte(`{"a": {"b":[1, "x"]} , "c":true,"d" :"s\"" }`))
	var got []string
	assert.True(t, d.Object())
	for key, ok := d.Key(); ok; key, ok = d.Key() {
		got = append(got, string(key)+"="+string(d.Raw()))
	}
	assert.NoError(t, d.Finish())
	assert.Equal(t, []string{`a={"b":[1, "x"]}`, `c=true`, `d="s\""`}, got)

	d = NewDecoder([]byte(`{"a": [1,}`))
	d.Object()
	d.Key()
	assert.Nil(t, d.Raw())
	assert.Error(t, d.Err())
}
