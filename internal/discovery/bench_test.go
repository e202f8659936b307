package discovery_test

import (
	"context"
	"testing"

	"zjtx/internal/batch"
	"zjtx/internal/discovery"
)

// BenchmarkDiscover100k evaluates 100,000 encoded profiles in memory
// (decoding, every tier, gap plans of near misses): the store-free part of
// BenchmarkDiscover1M in package jobs.
func BenchmarkDiscover100k(b *testing.B) {
	eng := engine(b)
	ps := batch.Synthetic(100_000, 3, 2025)
	src := blocks(ps)
	var encoded []discovery.Encoded
	for e := range src {
		encoded = append(encoded, e)
	}
	// Split into blocks of BlockSize like the store keeps them.
	var split []discovery.Encoded
	for i := 0; i < len(ps); i += discovery.BlockSize {
		hi := min(i+discovery.BlockSize, len(ps))
		rows := make([]int64, hi-i)
		for j := range rows {
			rows[j] = int64(i + j + 1)
		}
		split = append(split, discovery.Encoded{Region: "410105", Data: discovery.EncodeBlock(rows, ps[i:hi])})
	}
	_ = encoded
	for b.Loop() {
		_, n, err := discovery.Discover(context.Background(), eng, asOf, 2, func(yield func(discovery.Encoded, error) bool) {
			for _, e := range split {
				if !yield(e, nil) {
					return
				}
			}
		})
		if err != nil || n != len(ps) {
			b.Fatal(n, err)
		}
	}
}
