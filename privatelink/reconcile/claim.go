package reconcile

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// claim is what Plan knows of an existing resource's ownership.
type claim struct {
	id       string
	created  time.Time
	key      string // the ownership tag's value; "" when untagged
	owned    bool
	deleting bool
}

// claimed is an observed endpoint or service.
type claimed interface {
	comparable
	claim() claim
}

// choose picks, among the resources carrying a spec's Key (mine) and the
// one it adopts (by adoptID, from byID), the one the Key manages, or the
// zero T when it must be created, and the other live ones carrying the
// Key, which are deleted: the adopted one is kept, else the oldest (by
// creation time, then ID, so that every replica keeps the same one). A
// refused adoption returns its reason in problem, and nothing else.
func choose[T claimed](what, key, adoptID string, mine []T, byID map[string]T) (cur T, dups []T, problem string) {
	live := slices.DeleteFunc(slices.Clone(mine), func(o T) bool { return o.claim().deleting })
	slices.SortFunc(live, func(a, b T) int {
		ca, cb := a.claim(), b.claim()
		return cmp.Or(ca.created.Compare(cb.created), cmp.Compare(ca.id, cb.id))
	})
	if adoptID == "" {
		if len(live) == 0 {
			return cur, nil, ""
		}
		return live[0], live[1:], ""
	}
	o, found := byID[adoptID]
	if !found {
		return cur, nil, adoptID + " does not exist"
	}
	switch c := o.claim(); {
	case c.owned && c.key != key:
		return cur, nil, fmt.Sprintf("%s belongs to Key %q, so it would be claimed by two Keys", adoptID, c.key)
	case !c.owned && len(live) > 0:
		return cur, nil, fmt.Sprintf("Key %q already owns %s; adopting %s would give it two %ss", key, live[0].claim().id, adoptID, what)
	}
	return o, slices.DeleteFunc(live, func(x T) bool { return x == o }), ""
}

// orphans returns the live resources carrying a Key that is not desired,
// in Key then ID order.
func orphans[T claimed](byKey map[string][]T, desired map[string]bool) []T {
	var out []T
	for key, list := range byKey {
		if desired[key] {
			continue
		}
		for _, o := range list {
			if !o.claim().deleting {
				out = append(out, o)
			}
		}
	}
	slices.SortFunc(out, func(a, b T) int {
		ca, cb := a.claim(), b.claim()
		return cmp.Or(cmp.Compare(ca.key, cb.key), cmp.Compare(ca.id, cb.id))
	})
	return out
}

// keptText says which resource a Key keeps when a second one carries its
// tag, for the reason of the other's delete.
func keptText(id string, adopted bool) string {
	if adopted {
		return id + ", the adopted one, is kept"
	}
	return id + ", the oldest, is kept"
}
