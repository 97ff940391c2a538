package privatelink_test

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/internal/apimeta"
	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Every operation whose request has no required field accepts a nil
// request, as its All iterator does; one with a required field refuses nil
// with "request is nil" before sending anything. The zero request's
// Validate decides which is which, so a new operation is covered without
// a list to keep; the methods visited must be exactly the operations of
// the API metadata, so a signature the filter below misses cannot drop an
// operation from the test unnoticed.
func TestNilRequestIsAcceptedExactlyWhenNothingIsRequired(t *testing.T) {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client(privatelink.WithRetry(1, 0, 0))
	ctxType := reflect.TypeFor[context.Context]()
	errType := reflect.TypeFor[error]()
	cv := reflect.ValueOf(client)
	accepted := 0
	var visited []string
	for i := range cv.NumMethod() {
		m := cv.Type().Method(i)
		ft := m.Type // receiver first
		if ft.NumIn() != 3 || ft.In(1) != ctxType || ft.NumOut() != 2 || ft.Out(1) != errType ||
			ft.In(2).Kind() != reflect.Pointer || !strings.HasSuffix(ft.In(2).Elem().Name(), "Request") ||
			ft.In(2).Elem().Name() != m.Name+"Request" {
			continue
		}
		visited = append(visited, m.Name)
		reqType := ft.In(2)
		zero := reflect.New(reqType.Elem()).Interface().(interface{ Validate() error })
		zeroValid := zero.Validate() == nil
		t.Run(m.Name, func(t *testing.T) {
			out := cv.Method(i).Call([]reflect.Value{reflect.ValueOf(t.Context()), reflect.Zero(reqType)})
			err, _ := out[1].Interface().(error)
			var ve *privatelink.ValidationError
			refusedNil := errors.As(err, &ve) && len(ve.Problems) == 1 && ve.Problems[0].Message == "request is nil"
			if zeroValid {
				assert.False(t, refusedNil, "%s(ctx, nil) refused although nothing is required: %v", m.Name, err)
				// What the emulator answers is the operation's business;
				// the call must have been sent as an empty request.
				var api *privatelink.APIError
				if err != nil && !errors.As(err, &api) {
					t.Errorf("%s(ctx, nil) = %v, want an answer from the emulator", m.Name, err)
				}
				accepted++
			} else {
				require.True(t, refusedNil, "%s(ctx, nil) = %v, want request is nil", m.Name, err)
			}
		})
	}
	meta, err := apimeta.Load()
	require.NoError(t, err)
	assert.Equal(t, slices.Sorted(maps.Keys(meta)), visited, "the methods visited are the operations")
	assert.Len(t, visited, 39)
	assert.GreaterOrEqual(t, accepted, 8, "the operations that need nothing: ListVpcEndpoints, DescribeRegions, ...")
	_, err = client.ListVpcEndpoints(t.Context(), nil)
	require.NoError(t, err, "the issue's example")
}
