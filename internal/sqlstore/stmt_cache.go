package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the read pool's prepared statements on SQLite.
//
// database/sql prepares a query with arguments anew on every call, and
// SQLite's parser and planner were a quarter of the CPU time of an
// enterprise list under load: the list and its session lookup are a handful
// of statement texts asked for again and again. A statement prepared once
// on the pool is bound to each reader connection on first use there
// (Tx.StmtContext prepares on the transaction's own connection) and reused
// afterwards. PostgreSQL needs none of this: pgx keeps its own statement
// cache per connection.
//
// A text seen for the first time runs unprepared, and the pool statement is
// made in the background: DB.PrepareContext needs a free connection, and a
// transaction that waited for one while holding its own could deadlock the
// pool when every connection is held that way.
type stmtCache struct {
	db *sql.DB

	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
	closed  bool
	wg      sync.WaitGroup
}

// maxCachedStmts bounds the cache: list queries differ by which filters are
// set and by the number of search terms, so their texts are many in
// principle but few in use. Past the bound, new texts simply run
// unprepared.
const maxCachedStmts = 512

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the pool statement for q, or nil after starting to prepare
// it.
func (c *stmtCache) get(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	if st := c.stmts[q]; st != nil {
		return st
	}
	if c.pending[q] || len(c.stmts)+len(c.pending) >= maxCachedStmts {
		return nil
	}
	c.pending[q] = true
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		st, err := c.db.PrepareContext(context.Background(), q)
		c.mu.Lock()
		defer c.mu.Unlock()
		switch {
		case err != nil:
			// The query keeps running unprepared and reports its own error;
			// it stays pending, so it is not prepared again.
			return
		case c.closed:
			st.Close()
		default:
			c.stmts[q] = st
		}
		delete(c.pending, q)
	}()
	return nil
}

// close waits for statements being prepared and closes them all. Call it
// before closing the pool: a preparation still waiting for a connection
// gets one once the transactions are done.
func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// stmt returns q prepared on the transaction's connection, or nil when the
// transaction has no cache or q is not prepared yet.
func (tx *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if tx.stmts == nil {
		return nil
	}
	st := tx.stmts.get(q)
	if st == nil || tx.tx == nil {
		return st // nil, or in a lookup the pool statement, which takes any free connection
	}
	return tx.tx.StmtContext(ctx, st)
}
