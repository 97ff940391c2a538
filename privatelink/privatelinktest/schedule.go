package privatelinktest

import (
	"container/heap"
	"time"
)

// Endpoint states are derived from the clock, but removals are not: an
// endpoint, zone or security group whose removal is complete must leave
// the maps, so that its ID frees and its quota returns. Visiting every
// endpoint on every request to find the few that are due made each request
// O(endpoints); the server instead keeps a min-heap of the instants at
// which something is due and visits only what is.

// dueEntry is one instant at which endpoint e has a removal to complete.
type dueEntry struct {
	at time.Time
	e  *endpoint
}

// dueHeap orders dueEntry by instant, earliest first. An endpoint may have
// several entries (a zone and a group removed at different times); entries
// of an endpoint that is already gone are dropped when they surface.
type dueHeap []dueEntry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h dueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)        { *h = append(*h, x.(dueEntry)) }
func (h *dueHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	old[len(old)-1] = dueEntry{}
	*h = old[:len(old)-1]
	return x
}

// schedule notes that e has a removal to complete at at. Every place that
// sets a goneAt calls it. Called with s.mu held.
func (s *Server) schedule(e *endpoint, at time.Time) {
	heap.Push(&s.due, dueEntry{at: at, e: e})
}

// sweep forgets endpoints, zones and security groups whose removal is
// complete at now, visiting only the endpoints with something due. Called
// with s.mu held.
func (s *Server) sweep(now time.Time) {
	for len(s.due) > 0 && !now.Before(s.due[0].at) {
		e := heap.Pop(&s.due).(dueEntry).e
		if s.endpoints[e.id] != e {
			continue
		}
		if e.gone(now) {
			s.removeEndpoint(e)
			continue
		}
		e.sweep(now)
	}
}

// addEndpoint stores a new endpoint and counts it against its VPC.
func (s *Server) addEndpoint(e *endpoint) {
	s.endpoints[e.id] = e
	s.perVPC[e.vpcID]++
}

// removeEndpoint forgets an endpoint whose deletion is complete.
func (s *Server) removeEndpoint(e *endpoint) {
	delete(s.endpoints, e.id)
	if s.perVPC[e.vpcID]--; s.perVPC[e.vpcID] <= 0 {
		delete(s.perVPC, e.vpcID)
	}
}
