package match

import (
	"cmp"
	"slices"
)

// sortByScore orders ids by score, highest first, ties by first position.
func sortByScore(ids []int64, score map[int64]float64, first map[int64]int) {
	slices.SortFunc(ids, func(a, b int64) int {
		if c := cmp.Compare(score[b], score[a]); c != 0 {
			return c
		}
		return cmp.Compare(first[a], first[b])
	})
}
