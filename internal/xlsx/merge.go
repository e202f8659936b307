package xlsx

import (
	"slices"

	"zjtx/internal/profile"
)

// KeepUnsheeted copies into imported, a profile Import read for an
// enterprise already on file, what the sheets do not carry from stored, the
// profile on file, so that an import updates the columns of the template and
// loses nothing else: IP, awards, R&D institutions, standards and 创客中国
// placings; honours other than those with a column; titles of other tiers
// than the one on the sheet; and the years the sheet has no row for.
// Columns the sheets do carry are taken from the import, blank ones too.
func KeepUnsheeted(imported, stored *profile.Profile) {
	if imported == nil || stored == nil {
		return
	}
	imported.IP = stored.IP
	imported.Awards = stored.Awards
	imported.RDInstitutions = stored.RDInstitutions
	imported.Standards = stored.Standards
	imported.MakerChina = stored.MakerChina
	sheeted := map[string]bool{}
	for _, c := range EnterpriseColumns {
		if c.Elem != "" {
			sheeted[c.Elem] = true
		}
	}
	for _, h := range stored.Honors {
		if !sheeted[h.Kind] {
			imported.Honors = append(imported.Honors, h)
		}
	}
	for _, t := range stored.Titles {
		if !slices.ContainsFunc(imported.Titles, func(it profile.Title) bool { return it.Tier == t.Tier }) {
			imported.Titles = append(imported.Titles, t)
		}
	}
	for y, yr := range stored.Years {
		if _, ok := imported.Years[y]; !ok {
			if imported.Years == nil {
				imported.Years = map[int]*profile.Year{}
			}
			imported.Years[y] = yr
		}
	}
}
