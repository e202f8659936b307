package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// countCache keeps the totals of enterprise lists on SQLite.
//
// A list page is one indexed query for its rows and one count(*) for its
// total; with 100,000 enterprises the count scans tens of thousands of index
// entries and costs ten times the page. Totals are asked for again and again
// (every page of a list, every user of a district), and enterprises change
// rarely, so they are cached until the next write to enterprises.
//
// Only on SQLite: there the database belongs to this one process, so every
// write passes through this store and invalidation is exact. PostgreSQL may
// be shared by several servers, none of which would see the others' writes,
// so there every count goes to the database (which counts in C and in
// parallel anyway).
type countCache struct {
	mu     sync.Mutex
	gen    uint64
	totals map[string]int
}

// maxCachedCounts bounds the cache: filter combinations are many, but a
// server sees few of them between two writes.
const maxCachedCounts = 4096

func (c *countCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.totals = nil
	c.mu.Unlock()
}

func (c *countCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *countCache) get(key string) (total int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	total, ok = c.totals[key]
	return total, ok
}

// put stores a total counted in a transaction that began at generation
// gen. A write committed since may be missing from that transaction's
// snapshot, so then the total is not kept.
func (c *countCache) put(key string, gen uint64, total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.totals == nil || len(c.totals) >= maxCachedCounts {
		c.totals = map[string]int{}
	}
	c.totals[key] = total
}

// countEnterprises runs q, a count of enterprises, through the cache on
// SQLite. The key is the query with its arguments, and the query carries the
// caller's scope, so one district's total never answers another's.
func (tx *Tx) countEnterprises(ctx context.Context, q string, a args) (int, error) {
	if tx.store.engine != SQLite {
		var total int
		err := tx.queryRow(ctx, q, a...).Scan(&total)
		return total, err
	}
	var key strings.Builder
	key.WriteString(q)
	for _, v := range a {
		fmt.Fprintf(&key, "\x00%T:%v", v, v)
	}
	if total, ok := tx.store.counts.get(key.String()); ok {
		return total, nil
	}
	var total int
	if err := tx.queryRow(ctx, q, a...).Scan(&total); err != nil {
		return 0, err
	}
	tx.store.counts.put(key.String(), tx.countGen, total)
	return total, nil
}
