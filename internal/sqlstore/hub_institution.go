package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/hub"
)

// InstitutionFilter selects institutions.
type InstitutionFilter struct {
	Kind        string
	Chain       string
	QualityOnly bool // on the quality list (of Chain, when set)
	Status      string
}

// institutionScope limits institutions (alias i) to those c reads:
// officials all, an institution account its own, enterprises the approved
// ones, banks none (the bank's own record is read with GetInstitution).
func institutionScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict:
		return ""
	case auth.RoleInstitution:
		return "i.id = " + a.add(c.InstitutionID)
	case auth.RoleEnterprise:
		return "i.status = 'approved' AND NOT i.partner_bank"
	}
	return "FALSE"
}

// ListInstitutions returns the service institutions of f in the caller's
// scope (partner banks are finance's, not listed here), by name.
func (tx *Tx) ListInstitutions(ctx context.Context, f InstitutionFilter) ([]*hub.Institution, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{institutionScope(c, &a), "NOT i.partner_bank"}
	if f.Kind != "" {
		conds = append(conds, "i.kind = "+a.add(f.Kind))
	}
	if f.Status != "" {
		conds = append(conds, "i.status = "+a.add(f.Status))
	}
	if f.Chain != "" || f.QualityOnly {
		q := "EXISTS (SELECT 1 FROM institution_chains ic WHERE ic.institution_id = i.id"
		if f.Chain != "" {
			q += " AND ic.chain = " + a.add(f.Chain)
		}
		if f.QualityOnly {
			q += " AND ic.quality_list"
		}
		conds = append(conds, q+")")
	}
	out, err := queryAll(ctx, tx, `SELECT `+institutionColumns+` FROM institutions i`+where(conds...)+` ORDER BY i.name`, a, scanInstitution)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list institutions: %w", err)
	}
	return out, nil
}

// InstitutionChains lists the chains an institution serves with its
// quality-list flags; whoever may read the institution may read them.
func (tx *Tx) InstitutionChains(ctx context.Context, id int64) ([]hub.ChainService, error) {
	if _, err := tx.GetInstitution(ctx, id); err != nil {
		return nil, err
	}
	var a args
	return queryAll(ctx, tx, `SELECT chain, quality_list, listed_on FROM institution_chains WHERE institution_id = `+
		a.add(id)+` ORDER BY chain`, a, func(row scanner) (hub.ChainService, error) {
		var s hub.ChainService
		return s, row.Scan(&s.Chain, &s.QualityList, stringCol{&s.ListedOn})
	})
}

// SetInstitutionChains sets the chains an institution serves. The
// institution itself (or the city) chooses its chains; the quality-list flag
// is the city's decision alone, so for an institution account the flags of
// the chains it keeps stay as they were and new chains start unlisted.
func (tx *Tx) SetInstitutionChains(ctx context.Context, id int64, chains []hub.ChainService) error {
	if err := tx.setInstitutionChains(ctx, id, chains); err != nil {
		return fmt.Errorf("sqlstore: set institution chains %d: %w", id, err)
	}
	return nil
}

func (tx *Tx) setInstitutionChains(ctx context.Context, id int64, chains []hub.ChainService) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if id, err = callerInstitution(c, id); err != nil {
		return err
	}
	in, err := tx.GetInstitution(ctx, id)
	if err != nil {
		return err
	}
	old, err := tx.InstitutionChains(ctx, id)
	if err != nil {
		return err
	}
	cat := hub.Default()
	for i, s := range chains {
		if !cat.IsChain(s.Chain) {
			return apperr.Errorf(apperr.EINVALID, "产业链“%s”不在重点产业链中 (chains[%d]: one of the key industrial chains)", s.Chain, i)
		}
		k := slices.IndexFunc(old, func(o hub.ChainService) bool { return o.Chain == s.Chain })
		switch {
		case c.Role != auth.RoleCity && k >= 0:
			chains[i].QualityList, chains[i].ListedOn = old[k].QualityList, old[k].ListedOn
		case c.Role != auth.RoleCity:
			chains[i].QualityList, chains[i].ListedOn = false, ""
		case s.QualityList && (k < 0 || !old[k].QualityList):
			chains[i].ListedOn = tx.now.In(cst).Format("2006-01-02")
		case s.QualityList:
			chains[i].ListedOn = old[k].ListedOn
		default:
			chains[i].ListedOn = ""
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM institution_chains WHERE institution_id = $1`, id); err != nil {
		return err
	}
	for _, s := range chains {
		if _, err := tx.exec(ctx, `INSERT INTO institution_chains (institution_id, chain, quality_list, listed_on)
			VALUES ($1, $2, $3, $4)`, id, s.Chain, s.QualityList, nullString(s.ListedOn)); err != nil {
			if violation(err) == violUnique {
				return apperr.Wrap(err, apperr.EINVALID, "产业链重复："+s.Chain)
			}
			return err
		}
	}
	return tx.audit(ctx, c, auditRow{action: "institution.chains", entity: "institution", entityID: strconv.FormatInt(id, 10),
		region: in.Region, before: old, after: chains})
}

// ReviewInstitution sets an institution's status on the platform (入驻审核:
// approve, suspend), made from version; the city only.
func (tx *Tx) ReviewInstitution(ctx context.Context, id, version int64, status string) (*hub.Institution, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireCity(c); err != nil {
		return nil, err
	}
	if hub.StatusZH[status] == "" {
		return nil, apperr.Errorf(apperr.EINVALID, "入驻状态无效 (status: pending, approved or suspended)")
	}
	in, err := tx.GetInstitution(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(version, in.Version, "机构"); err != nil {
		return nil, err
	}
	before := *in
	res, err := tx.exec(ctx, `UPDATE institutions SET status = $1, version = version + 1, updated_at = $2
		WHERE id = $3 AND version = $4`, status, ts(tx.now), id, version)
	if err == nil {
		n, rerr := res.RowsAffected()
		err = rowsAffected1(n, rerr, "机构")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: review institution %d: %w", id, err)
	}
	in.Status, in.Version, in.UpdatedAt = status, in.Version+1, tx.now
	return in, tx.audit(ctx, c, auditRow{action: "institution.review", entity: "institution",
		entityID: strconv.FormatInt(id, 10), region: in.Region, before: auditInstitution(&before), after: auditInstitution(in)})
}

// ListExperts lists an institution's volunteer experts.
func (tx *Tx) ListExperts(ctx context.Context, institutionID int64) ([]*hub.Expert, error) {
	if _, err := tx.GetInstitution(ctx, institutionID); err != nil {
		return nil, err
	}
	var a args
	return queryAll(ctx, tx, `SELECT id, institution_id, name, title, fields, phone, volunteer, created_at FROM experts
		WHERE institution_id = `+a.add(institutionID)+` ORDER BY id`, a, func(row scanner) (*hub.Expert, error) {
		var e hub.Expert
		return &e, row.Scan(&e.ID, &e.InstitutionID, &e.Name, &e.Title, &e.Fields, &e.Phone, &e.Volunteer, timeCol{&e.CreatedAt})
	})
}

// AddExpert adds an expert to an institution's team: the institution itself
// or the city.
func (tx *Tx) AddExpert(ctx context.Context, e *hub.Expert) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if e.InstitutionID, err = callerInstitution(c, e.InstitutionID); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	e.CreatedAt = tx.now
	if err := tx.queryRow(ctx, `INSERT INTO experts (institution_id, name, title, fields, phone, volunteer, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.InstitutionID, e.Name, e.Title, e.Fields, e.Phone, e.Volunteer,
		ts(tx.now)).Scan(&e.ID); err != nil {
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "机构不存在 (institution_id: unknown)")
		}
		return fmt.Errorf("sqlstore: add expert: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "expert.create", entity: "expert", entityID: strconv.FormatInt(e.ID, 10), after: e})
}

// ListInstitutions is Tx.ListInstitutions in its own read transaction.
func (s *Store) ListInstitutions(ctx context.Context, f InstitutionFilter) ([]*hub.Institution, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Institution, error) { return tx.ListInstitutions(ctx, f) })
}

// GetInstitution is Tx.GetInstitution in its own read transaction.
func (s *Store) GetInstitution(ctx context.Context, id int64) (*hub.Institution, error) {
	return read(s, ctx, func(tx *Tx) (*hub.Institution, error) { return tx.GetInstitution(ctx, id) })
}

// InstitutionChains is Tx.InstitutionChains in its own read transaction.
func (s *Store) InstitutionChains(ctx context.Context, id int64) ([]hub.ChainService, error) {
	return read(s, ctx, func(tx *Tx) ([]hub.ChainService, error) { return tx.InstitutionChains(ctx, id) })
}

// SetInstitutionChains is Tx.SetInstitutionChains in its own transaction.
func (s *Store) SetInstitutionChains(ctx context.Context, id int64, chains []hub.ChainService) error {
	return s.catalogueChange(ctx, s.WithTx(ctx, func(tx *Tx) error { return tx.SetInstitutionChains(ctx, id, chains) }))
}

// ReviewInstitution is Tx.ReviewInstitution in its own transaction.
func (s *Store) ReviewInstitution(ctx context.Context, id, version int64, status string) (*hub.Institution, error) {
	in, err := write(s, ctx, func(tx *Tx) (*hub.Institution, error) { return tx.ReviewInstitution(ctx, id, version, status) })
	return in, s.catalogueChange(ctx, err)
}

// ListExperts is Tx.ListExperts in its own read transaction.
func (s *Store) ListExperts(ctx context.Context, institutionID int64) ([]*hub.Expert, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Expert, error) { return tx.ListExperts(ctx, institutionID) })
}

// AddExpert is Tx.AddExpert in its own transaction.
func (s *Store) AddExpert(ctx context.Context, e *hub.Expert) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.AddExpert(ctx, e) })
}
