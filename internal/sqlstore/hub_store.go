package sqlstore

import (
	"context"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// The service hub's store (一张网): institutions' supply, enterprises'
// demands and the funnel between them. Who sees what (issue 11, §5):
//
//   - officials: all supply; demands and matches of the enterprises in their
//     scope (the city all, a district its own);
//   - an institution: its own institution, products, experts and research; the
//     demands routed to it (a match of its products, or an open demand of a
//     category it offers) and its matches; the enterprises that engaged it
//     (enterpriseScope);
//   - an enterprise: the approved institutions' active supply, and its own
//     demands and matches;
//   - a bank: nothing here.

// read runs fn in a read transaction and returns its value.
func read[T any](s *Store, ctx context.Context, fn func(tx *Tx) (T, error)) (out T, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = fn(tx)
		return err
	})
	return out, err
}

// write runs fn in a write transaction and returns its value.
func write[T any](s *Store, ctx context.Context, fn func(tx *Tx) (T, error)) (out T, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		out, err = fn(tx)
		return err
	})
	return out, err
}

// Page is one page of a list and how many rows match in all.
type Page[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// codes stores a list of codes as space-separated text.
func codes(vs []string) string { return strings.Join(vs, " ") }

// splitCodes reads codes back; "" is the empty list.
func splitCodes(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Fields(s)
}

// hasCode is the condition that the codes column col lists v, or lists none
// (a product for every tier serves each tier).
func hasCode(col string, a *args, v string) string {
	return "(" + col + " = '' OR ' ' || " + col + " || ' ' LIKE " + a.add("% "+v+" %") + ")"
}

// callerInstitution is the institution an institution account manages, or
// EFORBIDDEN for every other role but the city (which manages any: id).
func callerInstitution(c auth.Caller, id int64) (int64, error) {
	switch {
	case c.Role == auth.RoleCity && id > 0:
		return id, nil
	case c.Role == auth.RoleInstitution && c.InstitutionID > 0 && (id == 0 || id == c.InstitutionID):
		return c.InstitutionID, nil
	case c.Role == auth.RoleCity:
		return 0, apperr.Errorf(apperr.EINVALID, "请指定机构 (institution_id: required)")
	}
	return 0, apperr.Errorf(apperr.EFORBIDDEN, "只有机构本身或市工信局可以维护机构的服务信息")
}

// nullableTime turns a scanned zero time into nil.
func nullableTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// checkVersion refuses an update whose version is not the stored one.
func checkVersion(have, stored int64, what string) error {
	switch {
	case have == 0:
		return apperr.Errorf(apperr.EPRECONDITION, "修改%s须注明所依据的版本（version）", what)
	case have != stored:
		return apperr.Errorf(apperr.ECONFLICT, "该%s已被他人修改，请刷新后重试", what)
	}
	return nil
}

// rowsAffected1 turns an UPDATE that changed no row into a conflict.
func rowsAffected1(n int64, err error, what string) error {
	if err != nil {
		return err
	}
	if n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该%s已被他人修改，请刷新后重试", what)
	}
	return nil
}

// validDate reports whether s is a YYYY-MM-DD date.
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
