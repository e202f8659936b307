package xlsx

import (
	"strings"

	"zjtx/internal/enterprise"
)

// The assessment results an export carries after the template's columns:
// the latest outcome per assessed tier and whether the profile changed
// since. They are export-only (Import ignores them), kept in this file and
// added to the 企业 sheet in one step, apart from the template's columns.

// pathOutcome prefixes the path of a tier's outcome column; pathStale is
// the staleness column's.
const (
	pathOutcome = "record.outcome."
	pathStale   = "record.stale"
)

// resultColumns are the result columns, lowest tier first.
var resultColumns = func() []Column {
	names := map[string]string{}
	for _, o := range TierOptions {
		names[o.Value] = o.Label
	}
	var cols []Column
	for _, t := range enterprise.AssessedTiers {
		cols = append(cols, Column{Header: "评价结论：" + names[t], Path: pathOutcome + t, Kind: KindText, Width: 14, ExportOnly: true})
	}
	return append(cols, Column{Header: "评价后档案已修改", Path: pathStale, Kind: KindText, Width: 12, ExportOnly: true})
}()

// getResult returns the value of a result column for rec; handled is false
// for any other column.
func getResult(c *Column, rec *enterprise.Record) (v string, ok, handled bool) {
	if tier, found := strings.CutPrefix(c.Path, pathOutcome); found {
		return enterprise.OutcomeLabel(enterprise.OutcomeOf(rec.Outcomes[tier])), true, true
	}
	if c.Path == pathStale {
		if rec.AssessedVersion == 0 {
			return "", false, true
		}
		if rec.Stale() {
			return "是", true, true
		}
		return "否", true, true
	}
	return "", false, false
}
