package privatelink

import (
	"errors"
	"iter"
	"strconv"
)

// maxEmptyPages bounds a run of pages without items. A service may hand
// out a few while it filters, but an endless run with fresh tokens would
// page forever (and, with context.Background(), send thousands of requests
// a second).
const maxEmptyPages = 50

// ErrPaginationStuck matches, with errors.Is, the *PaginationError an All*
// iterator yields when the service's NextTokens would make it page forever.
var ErrPaginationStuck = errors.New("privatelink: pagination makes no progress")

// paginate yields the items of successive pages: fetch returns a page and
// the token of the next one, empty after the last. Every All* iterator is
// built on it. A NextToken seen before in the same range (the token just
// sent, or a cycle such as A, B, A) or a run of maxEmptyPages pages without
// items would page forever: the iterator ends with a *PaginationError.
func paginate[T any](action, first string, fetch func(token string) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := first // each range starts from the first page, with its own memory
		seen := map[string]bool{token: true}
		empty := 0
		for {
			items, next, err := fetch(token)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if seen[next] {
				yield(zero, &PaginationError{Action: action, NextToken: next})
				return
			}
			if len(items) > 0 {
				empty = 0
			} else if empty++; empty == maxEmptyPages {
				yield(zero, &PaginationError{Action: action, NextToken: next, EmptyPages: empty})
				return
			}
			seen[next] = true
			token = next
		}
	}
}

// PaginationError reports a service whose answers would make an All*
// iterator page forever: it handed out a NextToken already followed in the
// same iteration, or page after page without items. errors.Is(err,
// ErrPaginationStuck) matches it.
type PaginationError struct {
	// Action is the list action, for example "ListVpcEndpoints".
	Action string
	// NextToken is the last token the service returned: the repeated one,
	// or the one after the run of empty pages.
	NextToken string
	// EmptyPages is the length of the run of empty pages that ended the
	// iteration, or 0 when a repeated token did.
	EmptyPages int
}

// Error names the action and what made the iteration stop.
func (e *PaginationError) Error() string {
	msg := "privatelink: " + e.Action + ": "
	if e.EmptyPages > 0 {
		msg += "the service returned " + strconv.Itoa(e.EmptyPages) + " empty pages in a row"
	} else {
		msg += "the service returned NextToken " + quote(e.NextToken) + " again"
	}
	return msg + "; stopped to avoid an endless loop"
}

// Is reports whether target is ErrPaginationStuck.
func (e *PaginationError) Is(target error) bool { return target == ErrPaginationStuck }
