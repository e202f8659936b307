package profile

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// WithYear returns p's JSON document with one year's object replaced by
// yearJSON (a JSON object in the format of years.Y). The caller decodes the
// result again as a whole, so that a form or an API call that changes one
// year obeys every rule of the format — cross-field checks included — and
// each problem is reported at its full path ("years.2025.revenue").
func WithYear(p *Profile, year int, yearJSON []byte) ([]byte, error) {
	var probe any
	if err := json.Unmarshal(yearJSON, &probe); err != nil {
		return nil, fmt.Errorf("profile: year %d: not JSON: %w", year, err)
	}
	if _, ok := probe.(map[string]any); !ok {
		return nil, fmt.Errorf("profile: year %d: not a JSON object", year)
	}
	stored, err := EncodeBytes(p)
	if err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(stored, &top); err != nil {
		return nil, err
	}
	years := map[string]json.RawMessage{}
	if raw, ok := top["years"]; ok {
		if err := json.Unmarshal(raw, &years); err != nil {
			return nil, err
		}
	}
	years[strconv.Itoa(year)] = yearJSON
	if top["years"], err = json.Marshal(years); err != nil {
		return nil, err
	}
	return json.Marshal(top)
}
