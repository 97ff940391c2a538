package privatelinktest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewUnstartedServerServesItsHandler(t *testing.T) {
	srv := NewUnstartedServer()
	defer srv.Close()
	assert.Empty(t, srv.URL, "an unstarted server has no URL")
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/?Action=NoSuchAction&Version=2020-04-15")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Equal(t, 1, srv.Requests())
}

func TestUnstartedServerStart(t *testing.T) {
	srv := NewUnstartedServer()
	srv.Start()
	defer srv.Close()
	require.NotEmpty(t, srv.URL)
	resp, err := http.Get(srv.URL + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "no Action is MissingParameter")
	assert.Panics(t, srv.Start)
}
