package privatelink

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scriptedPages serves pages by token and counts the fetches.
type scriptedPages struct {
	pages map[string]struct {
		items []int
		next  string
	}
	fetches int
}

func (s *scriptedPages) fetch(token string) ([]int, string, error) {
	s.fetches++
	if s.fetches > 10000 {
		return nil, "", errors.New("test: runaway pagination")
	}
	p, ok := s.pages[token]
	if !ok {
		return nil, "", fmt.Errorf("test: no page %q", token)
	}
	return p.items, p.next, nil
}

func drain(seq func(func(int, error) bool)) ([]int, error) {
	var items []int
	for it, err := range seq {
		if err != nil {
			return items, err
		}
		items = append(items, it)
	}
	return items, nil
}

// Tokens that come back in a cycle (A, B, A, ...) would page forever: any
// token seen before in the same iteration ends it with ErrPaginationStuck.
func TestPaginateDetectsTokenCycles(t *testing.T) {
	s := &scriptedPages{pages: map[string]struct {
		items []int
		next  string
	}{
		"":  {[]int{1}, "A"},
		"A": {[]int{2}, "B"},
		"B": {[]int{3}, "A"},
	}}
	items, err := drain(paginate("ListX", "", s.fetch))
	assert.Equal(t, []int{1, 2, 3}, items)
	assert.ErrorIs(t, err, ErrPaginationStuck)
	var pe *PaginationError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "ListX", pe.Action)
	assert.Equal(t, "A", pe.NextToken)
	assert.Equal(t, 3, s.fetches)

	// The first token counts as seen too.
	s = &scriptedPages{pages: map[string]struct {
		items []int
		next  string
	}{
		"start": {[]int{1}, "B"},
		"B":     {nil, "start"},
	}}
	_, err = drain(paginate("ListX", "start", s.fetch))
	assert.ErrorIs(t, err, ErrPaginationStuck)
	assert.Equal(t, 2, s.fetches)
}

// Endless empty pages with fresh tokens end after a bounded run.
func TestPaginateBoundsEmptyPages(t *testing.T) {
	fetches := 0
	fetch := func(token string) ([]int, string, error) {
		fetches++
		if fetches > 10000 {
			return nil, "", errors.New("test: runaway pagination")
		}
		return nil, fmt.Sprintf("t%d", fetches), nil
	}
	_, err := drain(paginate("ListX", "", fetch))
	assert.ErrorIs(t, err, ErrPaginationStuck)
	var pe *PaginationError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, maxEmptyPages, pe.EmptyPages)
	assert.Equal(t, maxEmptyPages, fetches)
	assert.Contains(t, err.Error(), "empty pages")
}

// Empty pages between full ones are fine: only a run of them is bounded.
func TestPaginateAllowsSomeEmptyPages(t *testing.T) {
	fetches := 0
	fetch := func(token string) ([]int, string, error) {
		fetches++
		switch {
		case fetches > 3*maxEmptyPages:
			return []int{fetches}, "", nil
		case fetches%(maxEmptyPages-1) == 0:
			return []int{fetches}, fmt.Sprintf("t%d", fetches), nil
		}
		return nil, fmt.Sprintf("t%d", fetches), nil
	}
	items, err := drain(paginate("ListX", "", fetch))
	require.NoError(t, err)
	assert.NotEmpty(t, items)
	assert.Equal(t, 3*maxEmptyPages+1, fetches)
}

// Each range of the sequence starts afresh: tokens seen by an earlier range
// are not held against the next.
func TestPaginateRangesAgain(t *testing.T) {
	s := &scriptedPages{pages: map[string]struct {
		items []int
		next  string
	}{
		"":  {[]int{1}, "A"},
		"A": {[]int{2}, ""},
	}}
	seq := paginate("ListX", "", s.fetch)
	for range 2 {
		items, err := drain(seq)
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2}, items)
	}
}

func TestAllVpcEndpointsTokenCycleEndsTheLoop(t *testing.T) {
	c, srv := setup(t)
	srv.handlePages("ListVpcEndpoints", map[string]page{
		"":  endpointsPage("A", "ep-1"),
		"A": endpointsPage("B", "ep-2"),
		"B": endpointsPage("A", "ep-3"),
	})
	ids, err := collectEndpoints(t, c, nil, -1)
	assert.ErrorIs(t, err, ErrPaginationStuck)
	assert.Equal(t, []string{"ep-1", "ep-2", "ep-3"}, ids)
	assert.Len(t, srv.calls(), 3)
}
