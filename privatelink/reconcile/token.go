package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"slices"
	"strconv"
)

// tokenPrefix starts every ClientToken the reconciler derives, so that a
// token seen in a log says where it came from; "1" is the derivation's
// version, changed if the derivation ever changes.
const tokenPrefix = "rc1-"

// tokenHexLen is how many hex digits of the SHA-256 a token keeps: with the
// prefix, 60 characters, under the service's 64, all printable ASCII.
const tokenHexLen = 56

// digest hashes a sequence of strings unambiguously: each is preceded by
// its length, so ("ab","c") and ("a","bc") differ.
type digest struct{ h hash.Hash }

func newDigest() digest { return digest{h: sha256.New()} }

func (d digest) str(s string) digest {
	var n [20]byte
	d.h.Write(strconv.AppendInt(n[:0], int64(len(s)), 10))
	d.h.Write([]byte{':'})
	d.h.Write([]byte(s))
	return d
}

func (d digest) boolean(b bool) digest { return d.str(strconv.FormatBool(b)) }

// sorted hashes a set of strings in a fixed order.
func (d digest) sorted(ss []string) digest {
	c := slices.Clone(ss)
	slices.Sort(c)
	d.str(strconv.Itoa(len(c)))
	for _, s := range c {
		d.str(s)
	}
	return d
}

// tags hashes a tag map in key order.
func (d digest) tags(m map[string]string) digest {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	d.str(strconv.Itoa(len(keys)))
	for _, k := range keys {
		d.str(k).str(m[k])
	}
	return d
}

func (d digest) hex(n int) string { return hex.EncodeToString(d.h.Sum(nil))[:n] }

// clientToken derives the ClientToken of one write: from the ownership tag
// key (so two reconcilers with different tag keys never share a token), the
// kind of change, the Key, the resource's ID (empty for a create), what the
// change is about (a zone, a security group, ...), the revision (a digest of
// the values the change sets) and the generation (0 unless this reconciler
// has already sent the same change and sees it wanted again, or a create's
// answer proved stale; see Reconciler.spent). The base token, without a
// generation, passes -1. Two runs that want the same change of the same resource
// derive the same token, so the service performs it once.
func clientToken(tagKey string, kind ChangeKind, key, id, detail, revision string, generation int) string {
	d := newDigest().str(tagKey).str(string(kind)).str(key).str(id).str(detail).str(revision).str(strconv.Itoa(generation))
	return tokenPrefix + d.hex(tokenHexLen)
}
