package hub

import (
	"encoding/json"
	"fmt"

	"zjtx/internal/criteria"
)

// GapItems reads the weaknesses of one tier's stored assessment result (the
// evaluator's JSON): the conditions it fails and the scored items that lose
// points, by id, in the report's order.
func GapItems(tier string, result []byte) ([]GapItem, error) {
	var tr criteria.TierReport
	if err := json.Unmarshal(result, &tr); err != nil {
		return nil, fmt.Errorf("hub: assessment result: %w", err)
	}
	var out []GapItem
	for _, c := range tr.Conditions {
		if c.ID != "" && c.Outcome == criteria.Fail {
			out = append(out, GapItem{Tier: tier, ID: c.ID})
		}
	}
	for _, it := range tr.Items {
		if it.ID != "" && it.Lost > 0 {
			out = append(out, GapItem{Tier: tier, ID: it.ID})
		}
	}
	return out, nil
}
