package web

import (
	"net/http"
	"slices"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
)

// backupSection is the enterprise page's part on the backup lists: its
// entries with their reasons, and the lists it can be added to by hand.
type backupSection struct {
	Entries []backupRow
	Tiers   []option // lists it is not on (or was removed from) and whose title it does not hold
}

func (w *Web) backupSectionOf(r *http.Request, rec *enterprise.Record) (*backupSection, error) {
	entries, err := w.store.EnterpriseBackupEntries(r.Context(), rec.ID)
	if err != nil {
		return nil, err
	}
	s := &backupSection{}
	for _, e := range entries {
		s.Entries = append(s.Entries, backupRow{Entry: e, StatusName: cultivation.StatusName(e.Status), RuleName: w.ruleName(e.Source)})
	}
	for _, t := range cultivation.Tiers {
		on := slices.ContainsFunc(entries, func(e *cultivation.Entry) bool { return e.Tier == t && e.Status != cultivation.StatusRemoved })
		if !on && !cultivation.Holds(rec.Profile, t, w.asOf()) {
			s.Tiers = append(s.Tiers, option{t, cultivation.TierName(t)})
		}
	}
	return s, nil
}
