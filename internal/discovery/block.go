package discovery

import (
	"context"
	"encoding/binary"
	"iter"
	"sync"

	"zjtx/internal/profile"
)

// BlockSize is how many profiles a stored block holds at most: large enough
// that a million profiles are a few hundred rows to read, small enough that a
// block decodes in a few milliseconds and a worker's memory stays small.
const BlockSize = 4096

// Block is a run of a population's rows of one district: their row numbers
// and profiles, in row order.
type Block struct {
	Region   string
	Rows     []int64
	Profiles []*profile.Profile
}

// EncodeBlock encodes a block's rows and profiles for the store: the row
// numbers as a count and ascending deltas, then the profiles.
func EncodeBlock(rows []int64, ps []*profile.Profile) []byte {
	b := binary.AppendUvarint(nil, uint64(len(rows)))
	prev := int64(0)
	for _, r := range rows {
		b = binary.AppendVarint(b, r-prev)
		prev = r
	}
	return EncodeProfiles(b, ps)
}

// DecodeBlock decodes what EncodeBlock wrote.
func DecodeBlock(region string, b []byte) (Block, error) {
	d := decoder{b: b}
	n := d.uvarint()
	if d.err || n > uint64(len(b)) {
		return Block{}, ErrCodec
	}
	rows := make([]int64, n)
	prev := int64(0)
	for i := range rows {
		prev += d.varint()
		rows[i] = prev
	}
	if d.err {
		return Block{}, ErrCodec
	}
	ps, err := DecodeProfiles(d.b)
	if err != nil || len(ps) != len(rows) {
		return Block{}, ErrCodec
	}
	return Block{Region: region, Rows: rows, Profiles: ps}, nil
}

// Encoded is a stored block as the store reads it.
type Encoded struct {
	Region string
	Data   []byte
}

// Each decodes the blocks of src on workers goroutines and hands each to
// work with the worker's number (for per-worker buffers); src is read on
// the caller's goroutine, so a store's read transaction stays on one. The
// first error stops everything.
func Each(ctx context.Context, workers int, src iter.Seq2[Encoded, error], work func(worker int, b Block) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	in := make(chan Encoded, workers)
	var wg sync.WaitGroup
	for w := range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range in {
				if ctx.Err() != nil {
					continue // drain
				}
				b, err := DecodeBlock(e.Region, e.Data)
				if err == nil {
					err = work(w, b)
				}
				if err != nil {
					cancel(err)
				}
			}
		}()
	}
	var err error
	for e, serr := range src {
		if serr != nil {
			err = serr
			break
		}
		if ctx.Err() != nil {
			break
		}
		in <- e
	}
	close(in)
	wg.Wait()
	if err != nil {
		return err
	}
	if cerr := context.Cause(ctx); cerr != nil && cerr != context.Canceled {
		return cerr
	}
	return nil
}
