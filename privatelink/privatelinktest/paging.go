package privatelinktest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// defaultMaxResults is the page size when MaxResults is not given.
const defaultMaxResults = 50

// Page tokens are 32 hex digits, like the service's: the sequence number of
// the last item returned, masked with a per-server key, and a check value
// that binds the token to the listing it came from. Pages therefore follow
// creation order and stay stable when items are added or removed between
// calls, and a token from another listing or server is refused.

func (s *Server) pageToken(listing string, lastSeq uint64) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], lastSeq^binary.BigEndian.Uint64(s.pageKey[:8]))
	copy(b[8:], s.pageCheck(listing, lastSeq))
	return hex.EncodeToString(b[:])
}

func (s *Server) parsePageToken(listing, token string) (uint64, bool) {
	b, err := hex.DecodeString(token)
	if err != nil || len(b) != 16 {
		return 0, false
	}
	seq := binary.BigEndian.Uint64(b[:8]) ^ binary.BigEndian.Uint64(s.pageKey[:8])
	if string(b[8:]) != string(s.pageCheck(listing, seq)) {
		return 0, false
	}
	return seq, true
}

func (s *Server) pageCheck(listing string, seq uint64) []byte {
	h := sha256.New()
	h.Write(s.pageKey[:])
	h.Write([]byte(listing))
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], seq)
	h.Write(n[:])
	return h.Sum(nil)[:8]
}

// paginate reads MaxResults (1 to maxPage) and NextToken and returns the
// page of items (sorted by seq) after the token, the next token ("" on the
// last page) and the page size used.
func paginate[T any](c *call, listing string, maxPage int, items []T, seq func(T) uint64) (page []T, next string, size int) {
	size = c.integer("MaxResults", 1, maxPage, min(defaultMaxResults, maxPage))
	if c.err != nil {
		return nil, "", size
	}
	page, next = paginateBy(c, listing, size, items, seq)
	return page, next, size
}

// paginateBy is paginate with a page size the caller read (pageSize), or
// a fixed one for listings without MaxResults.
func paginateBy[T any](c *call, listing string, size int, items []T, seq func(T) uint64) (page []T, next string) {
	start := 0
	if tok := c.str("NextToken"); tok != "" {
		after, ok := c.s.parsePageToken(listing, tok)
		if !ok {
			c.fail(errInvalid("NextToken", "it was not returned by this listing"))
			return nil, ""
		}
		for start < len(items) && seq(items[start]) <= after {
			start++
		}
	}
	if c.err != nil {
		return nil, ""
	}
	end := min(start+size, len(items))
	page = items[start:end]
	if end < len(items) {
		next = c.s.pageToken(listing, seq(items[end-1]))
	}
	return page, next
}
