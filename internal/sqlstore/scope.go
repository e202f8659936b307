package sqlstore

import (
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// enterpriseScope returns the SQL condition that limits enterprises (alias
// e) to those c may read ("" for no limit), and adds its arguments to a.
//
// The scope sits in the query, not in the handlers, so a page, an API call
// and an export all get the same rows, and a record out of scope is simply
// not found: a district official cannot even learn that another district's
// enterprise exists (ENOTFOUND, not EFORBIDDEN).
//
//   - city: every enterprise
//   - district: enterprises registered in the official's district
//   - enterprise: its own record
//   - institution: the enterprises that engaged it: a match of one of its
//     products went past 推荐 (the enterprise was contacted or further). A
//     mere proposal shows the institution the demand, not the enterprise.
//   - bank: none for now. Banks will see the enterprises that consented;
//     until that table exists the condition is FALSE, so lists are empty and
//     lookups not found, the same as for any record out of scope.
func enterpriseScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return "" // no condition: SQLite counts a whole table fastest with no WHERE at all
	case auth.RoleDistrict:
		if c.Region == "" {
			return "FALSE"
		}
		return "e.region = " + a.add(c.Region)
	case auth.RoleBank:
		// A bank: eligible enterprises with a live consent to it or to all
		// partner banks (finance_common.go). Expiry is checked against the
		// wall clock here, as the scope has no transaction; a revocation is
		// a committed row, so the bank's next request no longer sees it.
		if c.InstitutionID == 0 {
			return "FALSE"
		}
		return bankConsented(c.InstitutionID, time.Now(), a)
	case auth.RoleEnterprise:
		if c.EnterpriseID == 0 {
			return "FALSE"
		}
		return "e.id = " + a.add(c.EnterpriseID)
	case auth.RoleInstitution:
		if c.InstitutionID == 0 {
			return "FALSE"
		}
		return "EXISTS (SELECT 1 FROM matches em WHERE em.enterprise_id = e.id AND em.institution_id = " +
			a.add(c.InstitutionID) + " AND em.stage <> 'recommended')"
	}
	return "FALSE"
}

// canManageRegion reports whether c may create or move enterprise records
// into region: the city anywhere, a district official in its own district.
func canManageRegion(c auth.Caller, region string) bool {
	switch c.Role {
	case auth.RoleCity:
		return true
	case auth.RoleDistrict:
		return c.Region != "" && c.Region == region
	}
	return false
}

func requireCity(c auth.Caller) error {
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可执行此操作")
	}
	return nil
}

// and returns " AND cond", or "" for no condition.
func and(cond string) string {
	if cond == "" {
		return ""
	}
	return " AND " + cond
}

// where returns " WHERE " and the conditions joined by AND, skipping empty
// ones, or "" when none is left.
func where(conds ...string) string {
	var s string
	for _, c := range conds {
		if c == "" {
			continue
		}
		if s == "" {
			s = " WHERE " + c
		} else {
			s += " AND " + c
		}
	}
	return s
}

// requireOfficial refuses every role but the officials (city and district):
// backup lists and recognitions are the bureau's records, and an enterprise
// may not grant itself a title. what names the work in the message.
func requireOfficial(c auth.Caller, what string) error {
	if c.Role != auth.RoleCity && c.Role != auth.RoleDistrict {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅工信部门可%s", what)
	}
	return nil
}

// needVersion refuses an update that does not say which version of the
// record it was made from (428): without it, two officials' edits would
// silently overwrite each other. what names the record.
func needVersion(version int64, what string) error {
	if version <= 0 {
		return apperr.Errorf(apperr.EPRECONDITION, "修改%s须注明所依据的版本（If-Match 或 version），以免覆盖他人的修改", what)
	}
	return nil
}

// bureauScope limits the bureau's own records about enterprises (plans and
// evidence, 包联 visits and appeals, rewards, trainings, cases, land needs)
// to those c may read: as enterpriseScope for officials and the enterprise
// itself, none for an institution or a bank. Those see an enterprise only
// through what it engaged them for or consented to share, never the
// bureau's files on it.
func bureauScope(c auth.Caller, a *args) string {
	if c.Role == auth.RoleInstitution || c.Role == auth.RoleBank {
		return "FALSE"
	}
	return enterpriseScope(c, a)
}
