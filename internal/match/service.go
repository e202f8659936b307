package match

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// Engines, as Response.Engine names them.
const (
	EngineLexical = "lexical"
	EngineHybrid  = "hybrid"
)

// Service is the matcher the server holds: the index, and a large model
// when one is configured. Build it with NewService from the products, keep
// it current with Add and Remove, and fill the products' embeddings with
// Warm (at start and after changes, e.g. from a background job).
type Service struct {
	ix      *Index
	model   Model // nil: lexical only
	vectors VectorStore
	opts    Options

	mu   sync.RWMutex
	vecs map[int64]docVector // the live products' embeddings, by product

	embedDown, chatDown breaker
	rerank              *rerankCache
}

type docVector struct {
	hash string
	vec  []float32
}

// Options tune a Service; the zero value is fine.
type Options struct {
	Model   Model       // nil: lexical only, nothing leaves the machine
	Vectors VectorStore // nil: in memory
	// Cooldown is how long the model is left alone after it failed (down,
	// slow past its deadline, or garbage), so that matches answer at once
	// meanwhile. 0: 30 s.
	Cooldown time.Duration
	// Candidates is the length of each ranking fused; 0: 50.
	Candidates int
	Logger     *slog.Logger // nil: discard
	Now        func() time.Time
}

// Response is a match's answer.
type Response struct {
	Results []Result
	Engine  string // EngineLexical or EngineHybrid
	// Note says, in Chinese, why the model took no part when one is
	// configured ("模型服务不可用，已按关键词匹配").
	Note string
}

// NewService builds the matcher over docs.
func NewService(docs []Doc, opts Options) (*Service, error) {
	ix, err := NewIndex(docs)
	if err != nil {
		return nil, err
	}
	return NewServiceWith(ix, opts), nil
}

// NewServiceWith builds the matcher over an index.
func NewServiceWith(ix *Index, opts Options) *Service {
	if opts.Vectors == nil {
		opts.Vectors = NewMemoryVectors()
	}
	if opts.Cooldown <= 0 {
		opts.Cooldown = 30 * time.Second
	}
	if opts.Candidates <= 0 {
		opts.Candidates = 50
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Service{ix: ix, model: opts.Model, vectors: opts.Vectors, opts: opts,
		vecs: map[int64]docVector{}, rerank: newRerankCache(1000)}
}

// Index is the service's lexical index.
func (s *Service) Index() *Index { return s.ix }

// Add indexes a new or changed product; its embedding is made by the next
// Warm.
func (s *Service) Add(d Doc) {
	s.ix.Add(d)
	s.mu.Lock()
	delete(s.vecs, d.ID)
	s.mu.Unlock()
}

// Remove drops a product.
func (s *Service) Remove(id int64) bool {
	s.mu.Lock()
	delete(s.vecs, id)
	s.mu.Unlock()
	return s.ix.Remove(id)
}

// Search matches q: lexically, or hybrid when a model is configured and
// answering. It never fails: a model that fails leaves the lexical answer.
func (s *Service) Search(ctx context.Context, q Query) Response {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	wide := q
	wide.Limit = max(limit, s.opts.Candidates)
	lex := s.ix.Search(wide)
	lexical := Response{Results: lex[:min(limit, len(lex))], Engine: EngineLexical}
	if s.model == nil {
		return lexical
	}
	if s.embedDown.open(s.opts.Now()) {
		lexical.Note = noteDown
		return lexical
	}
	text := q.Text
	if text == "" {
		text = q.FromGap
	}
	if text == "" {
		return lexical
	}
	s.mu.RLock()
	warm := len(s.vecs) > 0
	s.mu.RUnlock()
	if !warm {
		lexical.Note = noteCold
		return lexical
	}
	qv, err := s.model.Embed(ctx, []string{text})
	if err != nil {
		s.fail(&s.embedDown, "embed", err)
		lexical.Note = noteDown
		return lexical
	}
	return s.hybrid(ctx, q, limit, lex, qv[0])
}

// Notes of a lexical answer when a model is configured.
const (
	noteDown = "模型服务暂不可用，已按关键词匹配"
	noteCold = "服务产品的向量尚未生成，已按关键词匹配"
)

func (s *Service) fail(b *breaker, what string, err error) {
	b.trip(s.opts.Now().Add(s.opts.Cooldown))
	s.opts.Logger.Warn("match: model failed; lexical only for a while", "call", what, "err", err, "cooldown", s.opts.Cooldown)
}

// hybrid fuses the lexical ranking with the ranking by embedding similarity
// and lets the chat model rerank the top ten.
func (s *Service) hybrid(ctx context.Context, q Query, limit int, lex []Result, qv []float32) Response {
	type sim struct {
		id  int64
		sim float64
	}
	var sims []sim
	s.mu.RLock()
	s.ix.eachMeeting(q, func(d *Doc) {
		if v, ok := s.vecs[d.ID]; ok {
			sims = append(sims, sim{d.ID, cosine(qv, v.vec)})
		}
	})
	s.mu.RUnlock()
	slices.SortFunc(sims, func(a, b sim) int {
		if c := cmp.Compare(b.sim, a.sim); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	sims = sims[:min(len(sims), s.opts.Candidates)]

	lexIDs := make([]int64, len(lex))
	lexRank := map[int64]int{}
	for i, r := range lex {
		lexIDs[i] = r.DocID
		lexRank[r.DocID] = i + 1
	}
	vecIDs := make([]int64, len(sims))
	vecRank, simOf := map[int64]int{}, map[int64]float64{}
	for i, x := range sims {
		vecIDs[i] = x.id
		vecRank[x.id] = i + 1
		simOf[x.id] = x.sim
	}
	fused, score := Fuse(lexIDs, vecIDs)

	var note string
	picks := map[int64]rerankPick{}
	if chat := s.model.ChatModel(); chat != "" && len(fused) > 1 {
		if s.chatDown.open(s.opts.Now()) {
			note = "模型重排暂不可用"
		} else if order, err := s.rerankTop(ctx, q, fused); err != nil {
			s.fail(&s.chatDown, "chat", err)
			note = "模型重排暂不可用"
		} else {
			fused = order.ids
			picks = order.picks
		}
	}

	fused = fused[:min(limit, len(fused))]
	whys := s.ix.Explain(q, fused)
	out := make([]Result, len(fused))
	for i, id := range fused {
		why := whys[i]
		why.Model = &ModelOpinion{
			Model: s.model.EmbedModel(), Similarity: simOf[id],
			VectorRank: vecRank[id], LexicalRank: lexRank[id],
		}
		if p, ok := picks[id]; ok {
			why.Model.ChatModel = s.model.ChatModel()
			why.Model.Reranked = p.rank
			why.Model.Reason = p.reason
		}
		out[i] = Result{DocID: id, Score: score[id], Why: why}
	}
	return Response{Results: out, Engine: EngineHybrid, Note: note}
}

// Warm makes the embeddings of the products that have none for the current
// model and text, from the vector store when it has them, else from the
// model in batches. It stops at the first failure (the next Warm resumes)
// and reports how many products it embedded.
func (s *Service) Warm(ctx context.Context) (int, error) {
	if s.model == nil {
		return 0, nil
	}
	model := s.model.EmbedModel()
	type todo struct {
		key  VectorKey
		text string
	}
	var missing []todo
	for _, d := range s.ix.docs() {
		text := EmbedText(d)
		hash := TextHash(text)
		s.mu.RLock()
		have, ok := s.vecs[d.ID]
		s.mu.RUnlock()
		if ok && have.hash == hash {
			continue
		}
		key := VectorKey{DocID: d.ID, Model: model, TextHash: hash}
		v, ok, err := s.vectors.GetVector(ctx, key)
		if err != nil {
			return 0, err
		}
		if ok {
			s.setVector(d.ID, hash, v)
			continue
		}
		missing = append(missing, todo{key, text})
	}
	const batch = 32
	done := 0
	for len(missing) > 0 {
		n := min(batch, len(missing))
		texts := make([]string, n)
		for i, t := range missing[:n] {
			texts[i] = t.text
		}
		vs, err := s.model.Embed(ctx, texts)
		if err != nil {
			return done, fmt.Errorf("match: warm embeddings: %w", err)
		}
		for i, t := range missing[:n] {
			if err := s.vectors.PutVector(ctx, t.key, vs[i]); err != nil {
				return done, err
			}
			s.setVector(t.key.DocID, t.key.TextHash, vs[i])
		}
		done += n
		missing = missing[n:]
	}
	return done, nil
}

func (s *Service) setVector(id int64, hash string, v []float32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vecs[id] = docVector{hash: hash, vec: v}
}

// breaker remembers until when a model call is not to be tried.
type breaker struct {
	mu    sync.Mutex
	until time.Time
}

func (b *breaker) open(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return now.Before(b.until)
}

func (b *breaker) trip(until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.until = until
}
