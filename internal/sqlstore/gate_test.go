package sqlstore

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestGateOrder: transactions waiting for a full pool enter in the order
// they arrived, which database/sql alone does not promise.
func TestGateOrder(t *testing.T) {
	g := newGate(1)
	ctx := context.Background()
	if err := g.enter(ctx); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := g.enter(ctx); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			g.leave()
		})
		// Let waiter i block before waiter i+1 arrives.
		time.Sleep(10 * time.Millisecond)
	}
	g.leave()
	wg.Wait()
	if want := []int{0, 1, 2, 3, 4, 5, 6, 7}; !slices.Equal(order, want) {
		t.Errorf("entered in order %v, want %v", order, want)
	}
}

// TestGateCancel: a caller that gives up while waiting gets its context's
// error and takes no place.
func TestGateCancel(t *testing.T) {
	g := newGate(1)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := g.enter(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("enter on a full gate = %v, want the deadline", err)
	}
	g.leave()
	if len(g) != 0 {
		t.Fatalf("gate holds %d places after the only holder left", len(g))
	}
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
}
