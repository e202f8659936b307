package jobs

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"zjtx/internal/discovery"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// SavePopulation stores profiles as the rows of population id (created by
// the caller): grouped by district into blocks of discovery.BlockSize, the
// row numbers being their places in ps plus first. Each block commits on
// its own, so a retried import replaces what an interrupted one stored.
func SavePopulation(ctx context.Context, st *sqlstore.Store, id int64, first int64, ps []*profile.Profile) error {
	type item struct {
		row int64
		p   *profile.Profile
	}
	items := make([]item, len(ps))
	for i, p := range ps {
		items[i] = item{first + int64(i), p}
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.p.Region, b.p.Region) })
	seq := first
	for lo := 0; lo < len(items); {
		hi := lo
		for hi < len(items) && hi-lo < discovery.BlockSize && items[hi].p.Region == items[lo].p.Region {
			hi++
		}
		blk := items[lo:hi]
		slices.SortFunc(blk, func(a, b item) int { return cmp.Compare(a.row, b.row) })
		rows := make([]sqlstore.PopulationRow, len(blk))
		nums := make([]int64, len(blk))
		profs := make([]*profile.Profile, len(blk))
		for i, it := range blk {
			rows[i] = sqlstore.PopulationRow{RowNo: it.row, USCC: it.p.USCC, Name: it.p.Name, Region: it.p.Region, Industry: it.p.Industry}
			nums[i], profs[i] = it.row, it.p
		}
		data := discovery.EncodeBlock(nums, profs)
		region := blk[0].p.Region
		s := seq
		if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error {
			return tx.AddPopulationBlock(ctx, id, s, region, rows, data)
		}); err != nil {
			return err
		}
		seq++
		lo = hi
	}
	return nil
}

// popRowsOut is the JSON of a refused row, as the population keeps it.
type popRowError struct {
	Row       int    `json:"row"`
	Column    string `json:"column,omitempty"`
	Message   string `json:"message"`
	MessageZH string `json:"message_zh"`
}

// maxPopErrors bounds the row errors a population keeps in its row (the
// annotated file has them all).
const maxPopErrors = 200

func errorsJSON(errs []popRowError) string {
	b, err := json.Marshal(errs[:min(len(errs), maxPopErrors)])
	if err != nil {
		return "[]"
	}
	return string(b)
}

var _ = fmt.Sprint
