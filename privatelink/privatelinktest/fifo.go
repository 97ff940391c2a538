package privatelinktest

// fifo is a queue whose both ends cost O(1) amortized: pop advances head,
// and the slice is compacted when half of it is dead. The nonce cache and
// the client-token store keep their entries in one, in the order they
// were made, so the oldest are found, and expired, first.
type fifo[T any] struct {
	items []T
	head  int
}

func (q *fifo[T]) push(v T) { q.items = append(q.items, v) }

func (q *fifo[T]) len() int { return len(q.items) - q.head }

// front returns the oldest entry; the queue must not be empty.
func (q *fifo[T]) front() T { return q.items[q.head] }

// pop removes and returns the oldest entry; the queue must not be empty.
func (q *fifo[T]) pop() T {
	v := q.items[q.head]
	var zero T
	q.items[q.head] = zero // let the collector have what it pointed to
	q.head++
	if q.head*2 >= len(q.items) {
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items = q.items[:n]
		q.head = 0
	}
	return v
}
