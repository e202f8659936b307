package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"zjtx/internal/match"
)

// ProductEmbeddings is the store-backed match.VectorStore (table
// product_embeddings): pass it as match.Options.Vectors.
//
// Its writes carry no audit row: an embedding is derived from the product's
// text, which is audited where it changes, and Warm writes one per product
// at a time; audit rows for them would bury the log in cache traffic.
type ProductEmbeddings struct{ s *Store }

// ProductEmbeddings returns the store's embedding cache.
func (s *Store) ProductEmbeddings() ProductEmbeddings { return ProductEmbeddings{s} }

var _ match.VectorStore = ProductEmbeddings{}

// GetVector returns the product's vector for the model when it was made
// from the same text.
func (e ProductEmbeddings) GetVector(ctx context.Context, k match.VectorKey) (v []float32, ok bool, err error) {
	err = e.s.lookup(ctx, func(tx *Tx) error {
		var hash string
		var dims int
		var blob []byte
		err := tx.queryRow(ctx, `SELECT text_hash, dims, vector FROM product_embeddings
			WHERE product_id = $1 AND model = $2`, k.DocID, k.Model).Scan(&hash, &dims, &blob)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if hash != k.TextHash || len(blob) != 4*dims {
			return nil // made from another text: stale
		}
		v = make([]float32, dims)
		for i := range v {
			v[i] = math.Float32frombits(binary.LittleEndian.Uint32(blob[4*i:]))
		}
		ok = true
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("sqlstore: get product embedding: %w", err)
	}
	return v, ok, nil
}

// PutVector stores the product's vector for the model, replacing the one
// made from an older text.
func (e ProductEmbeddings) PutVector(ctx context.Context, k match.VectorKey, v []float32) error {
	blob := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(blob[4*i:], math.Float32bits(x))
	}
	err := e.s.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO product_embeddings (product_id, model, text_hash, dims, vector, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (product_id, model) DO UPDATE SET text_hash = excluded.text_hash, dims = excluded.dims,
				vector = excluded.vector, created_at = excluded.created_at`,
			k.DocID, k.Model, k.TextHash, len(v), blob, ts(tx.now))
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlstore: put product embedding: %w", err)
	}
	return nil
}
