package reconcile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
)

// claim is what Plan knows of an existing resource's ownership.
type claim struct {
	id       string
	created  time.Time
	key      string // the ownership tag's value; "" when untagged
	owned    bool
	deleting bool
}

// owner reads a resource's ownership from its tags: it is owned when it
// carries this reconciler's tag key, and the tag's value is its Key (the
// last such tag, should the service ever answer one twice). Endpoints and
// services share this one rule, which every replica must apply alike.
func (r *Reconciler) owner(tags []privatelink.Tag) (key string, owned bool) {
	for _, t := range tags {
		if t.Key == r.opts.TagKey {
			key, owned = t.Value, true
		}
	}
	return key, owned
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

// identities checks, across the specs of one kind, what tells them apart:
// each Key valid and given once, each adopted ID of the kind's shape and
// adopted once, and no spec setting the ownership tag itself.
type identities struct {
	list     string // "Endpoints" or "Services", for the field paths
	idPrefix string // "ep-" or "epsrv-"
	idName   string // "an endpoint ID"
	tagKey   string
	keys     map[string]int
	adopted  map[string]int
}

func (r *Reconciler) newIdentities(list, idPrefix, idName string) *identities {
	return &identities{list: list, idPrefix: idPrefix, idName: idName, tagKey: r.opts.TagKey, keys: map[string]int{}, adopted: map[string]int{}}
}

// check reports the problems of spec i through add.
func (c *identities) check(i int, key, adoptID string, tags map[string]string, add func(i int, field, msg string)) {
	if msg := checkKey(key); msg != "" {
		add(i, ".Key", msg)
	} else if j, dup := c.keys[key]; dup {
		add(i, ".Key", fmt.Sprintf("duplicate of %s[%d].Key %q", c.list, j, key))
	} else {
		c.keys[key] = i
	}
	if adoptID != "" {
		if !strings.HasPrefix(adoptID, c.idPrefix) {
			add(i, ".AdoptID", fmt.Sprintf("%q is not %s (%s...)", adoptID, c.idName, c.idPrefix))
		} else if j, dup := c.adopted[adoptID]; dup {
			add(i, ".AdoptID", fmt.Sprintf("%s is claimed by %s[%d] too", adoptID, c.list, j))
		} else {
			c.adopted[adoptID] = i
		}
	}
	if _, ok := tags[c.tagKey]; ok {
		add(i, ".Tags", fmt.Sprintf("must not set the ownership tag %q", c.tagKey))
	}
}
