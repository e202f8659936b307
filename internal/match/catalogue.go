package match

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
)

// Catalogue is the one Service of a running server over a catalogue that
// changes under it. Start builds the Service in the background (loading the
// segmenter's dictionary takes a moment, and a server should listen at
// once); Sync brings it up to date with what Load returns now, re-indexing
// only the products that changed.
//
// Sync reads the whole catalogue rather than applying the one change that
// asked for it: a change that arrives while a Sync runs, or on another
// server sharing the database, is then never lost, only picked up by the
// next Sync. Reading some thousand rows costs milliseconds; segmenting them
// again would not, and only changed products are segmented.
type Catalogue struct {
	load func(context.Context) ([]Doc, error)
	opts Options

	ready chan struct{} // closed when the first build ended, well or not
	once  sync.Once

	sync sync.Mutex // one Sync at a time
	mu   sync.RWMutex
	svc  *Service
	err  error // the first build's error, until a Sync succeeds
}

// ErrNotReady is what a match gets while the catalogue cannot be built.
var ErrNotReady = errors.New("match: the catalogue is not loaded")

// NewCatalogue returns a catalogue read by load; Start builds it.
func NewCatalogue(load func(context.Context) ([]Doc, error), opts Options) *Catalogue {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Catalogue{load: load, opts: opts, ready: make(chan struct{})}
}

// Start builds the Service in the background: the segmenter first, then
// the index of what load returns; matches wait for it (Service). Then,
// with a model, it makes the products' embeddings (Warm).
func (c *Catalogue) Start(ctx context.Context) {
	c.once.Do(func() {
		go func() {
			_, err := c.Sync(ctx)
			if err != nil {
				c.mu.Lock()
				c.err = err
				c.mu.Unlock()
				c.opts.Logger.Error("match: catalogue not built; matching is unavailable until the next refresh", "err", err)
			}
			close(c.ready)
			if err == nil && c.opts.Model != nil {
				// Matches answer lexically meanwhile (Response.Note).
				if n, err := c.Warm(ctx); err != nil {
					c.opts.Logger.Warn("match: embeddings not made; matching is lexical until the next refresh", "made", n, "err", err)
				}
			}
		}()
	})
}

// Service waits until the first build has ended (or ctx does) and returns
// the Service.
func (c *Catalogue) Service(ctx context.Context) (*Service, error) {
	select {
	case <-c.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.svc == nil {
		if c.err != nil {
			return nil, errors.Join(ErrNotReady, c.err)
		}
		return nil, ErrNotReady
	}
	return c.svc, nil
}

// Search matches q on the Service once it is built.
func (c *Catalogue) Search(ctx context.Context, q Query) (Response, error) {
	svc, err := c.Service(ctx)
	if err != nil {
		return Response{}, err
	}
	return svc.Search(ctx, q), nil
}

// Sync reads the catalogue and brings the Service up to date: it builds
// the Service the first time, then adds the new and changed products and
// removes the ones gone. It reports how many products it indexed or
// removed.
func (c *Catalogue) Sync(ctx context.Context) (int, error) {
	c.sync.Lock()
	defer c.sync.Unlock()
	if _, err := DefaultSegmenter(); err != nil {
		return 0, err
	}
	docs, err := c.load(ctx)
	if err != nil {
		return 0, err
	}
	c.mu.RLock()
	svc := c.svc
	c.mu.RUnlock()
	if svc == nil {
		svc, err := NewService(docs, c.opts)
		if err != nil {
			return 0, err
		}
		c.mu.Lock()
		c.svc, c.err = svc, nil
		c.mu.Unlock()
		return len(docs), nil
	}
	changed := 0
	live := make(map[int64]bool, len(docs))
	for _, d := range docs {
		live[d.ID] = true
		if old, ok := svc.ix.Doc(d.ID); !ok || !sameDoc(old, d) {
			svc.Add(d)
			changed++
		}
	}
	for _, d := range svc.ix.docs() {
		if !live[d.ID] {
			svc.Remove(d.ID)
			changed++
		}
	}
	return changed, nil
}

// Warm makes the embeddings the Service lacks (see Service.Warm); nothing
// when no model is configured or the Service is not built yet.
func (c *Catalogue) Warm(ctx context.Context) (int, error) {
	c.mu.RLock()
	svc := c.svc
	c.mu.RUnlock()
	if svc == nil {
		return 0, nil
	}
	return svc.Warm(ctx)
}

// sameDoc reports whether two versions of a product index alike.
func sameDoc(a, b Doc) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Category == b.Category && a.Description == b.Description &&
		a.Institution == b.Institution && a.InstitutionID == b.InstitutionID && a.QualityList == b.QualityList &&
		slices.Equal(a.Tiers, b.Tiers) && slices.Equal(a.Chains, b.Chains) && slices.Equal(a.Regions, b.Regions)
}

// Doc returns an indexed product; false when it is not indexed or the
// Service is not built yet.
func (c *Catalogue) Doc(id int64) (Doc, bool) {
	c.mu.RLock()
	svc := c.svc
	c.mu.RUnlock()
	if svc == nil {
		return Doc{}, false
	}
	return svc.ix.Doc(id)
}
