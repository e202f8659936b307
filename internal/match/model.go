package match

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sync"
)

// Model is a large model behind an OpenAI-compatible endpoint (package
// match/llm implements it). The matcher asks it for embeddings and,
// when ChatModel is not empty, for a rerank of the top candidates.
type Model interface {
	EmbedModel() string
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	ChatModel() string
	Chat(ctx context.Context, system, user string) (string, error)
}

// VectorKey names a product's embedding: the product, the model that made
// it, and the hash of the text it was made from. A changed description or
// another model is another key, so a stale vector is never used.
type VectorKey struct {
	DocID    int64
	Model    string
	TextHash string
}

// VectorStore keeps embeddings across restarts. MemoryVectors keeps them
// for the process; a store-backed one (table product_embeddings) spares
// re-embedding the catalogue at every start.
type VectorStore interface {
	GetVector(ctx context.Context, k VectorKey) ([]float32, bool, error)
	PutVector(ctx context.Context, k VectorKey, v []float32) error
}

// MemoryVectors is a VectorStore in memory.
type MemoryVectors struct {
	mu sync.RWMutex
	m  map[VectorKey][]float32
}

// NewMemoryVectors returns an empty in-memory store.
func NewMemoryVectors() *MemoryVectors { return &MemoryVectors{m: map[VectorKey][]float32{}} }

// GetVector implements VectorStore.
func (s *MemoryVectors) GetVector(_ context.Context, k VectorKey) ([]float32, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.m[k]
	return v, ok, nil
}

// PutVector implements VectorStore.
func (s *MemoryVectors) PutVector(_ context.Context, k VectorKey, v []float32) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
	return nil
}

// EmbedText is the text of a product sent to the embedding model.
func EmbedText(d Doc) string {
	return d.Name + "（" + d.Category + "）：" + d.Description
}

// TextHash is the hex SHA-256 of text, the VectorKey's TextHash.
func TextHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// cosine is the cosine similarity of two vectors of one dimension (0 when
// they differ in dimension, as vectors of another model would).
func cosine(a, b []float32) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// RRFK is the constant of reciprocal rank fusion: rank r adds 1/(RRFK+r).
// 60 is the value of Cormack et al. (2009), which damps the difference
// between the first ranks so that neither ranking dominates.
const RRFK = 60

// Fuse merges rankings (lists of ids, best first) by reciprocal rank fusion
// and returns the ids best first with their fused scores. Ties keep the
// order in which ids first appear.
func Fuse(rankings ...[]int64) ([]int64, map[int64]float64) {
	score := map[int64]float64{}
	var order []int64
	for _, r := range rankings {
		for i, id := range r {
			if _, seen := score[id]; !seen {
				order = append(order, id)
			}
			score[id] += 1 / float64(RRFK+i+1)
		}
	}
	first := map[int64]int{}
	for i, id := range order {
		first[id] = i
	}
	sortByScore(order, score, first)
	return order, score
}
