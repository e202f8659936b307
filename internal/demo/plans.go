package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// The demo's plans: how many, how many list entries are tried for them
// (most listed firms have a gap no change closes before a later data year),
// and how many 进阶小巨人 candidates are shaped.
const (
	demoPlans      = 30
	demoAttempts   = 240
	demoCandidates = 3
)

// seedPlans makes cultivation plans for enterprises on the backup lists as
// the city official: the showcase enterprise's 专精特新 plan, 小巨人 plans
// for a few 专精特新 firms shaped as candidates (shapeCandidate), then
// 专精特新 plans down the list. Owners are the district official in 金水区
// and the city elsewhere, every third plan the demo institution; every
// other plan has its first task closed with a generated PDF, and every fifth
// is overdue. Without an engine there are none.
func seedPlans(ctx context.Context, tx *sqlstore.Tx, eng *criteria.Engine, city, district *auth.User, recs []*enterprise.Record, ent *enterprise.Record, institutionID int64, now time.Time) error {
	if eng == nil {
		return nil
	}
	cctx := auth.WithCaller(ctx, city.Caller())
	s := planSeeder{tx: tx, eng: eng, city: city, district: district, institution: institutionID}
	y, m, d := now.In(time.FixedZone("CST", 8*3600)).Date()
	s.today = profile.Date{Y: y, M: m, D: d}
	// The showcase enterprise's plan comes first and stays open: its
	// account's pages show the assessments the demo stored for every tier.
	if err := s.plan(cctx, ent.ID, ent.Region, profile.TierSRDI); err != nil {
		return err
	}
	shaped := 0
	for _, r := range recs {
		if shaped == demoCandidates {
			break
		}
		if r.Region != Jinshui || r.ID == ent.ID || r.Tier != profile.TierSRDI {
			continue
		}
		if err := s.candidate(cctx, r); err != nil {
			return err
		}
		shaped++
	}
	items, _, err := tx.ListBackupEntries(cctx, cultivation.Filter{Tier: profile.TierSRDI, Limit: demoAttempts})
	if err != nil {
		return err
	}
	for _, e := range items {
		if s.made >= demoPlans {
			break
		}
		if e.EnterpriseID == ent.ID {
			continue
		}
		if err := s.plan(cctx, e.EnterpriseID, e.Region, profile.TierSRDI); err != nil {
			return err
		}
	}
	return nil
}

type planSeeder struct {
	tx             *sqlstore.Tx
	eng            *criteria.Engine
	city, district *auth.User
	institution    int64
	today          profile.Date
	made           int
}

// candidate shapes a 专精特新 firm as a 小巨人 candidate, lists it and makes
// its 小巨人 plan.
func (s *planSeeder) candidate(ctx context.Context, r *enterprise.Record) error {
	rec, err := s.tx.GetEnterprise(ctx, r.ID)
	if err != nil {
		return err
	}
	if _, err := s.tx.ModifyEnterprise(ctx, r.ID, rec.Version, func(x *enterprise.Record) error {
		return shapeCandidate(x.Profile)
	}); err != nil {
		return err
	}
	if _, err := s.tx.AddBackupEntry(ctx, r.ID, profile.TierLittleGiant, "进阶小巨人“1+2+3+N”培育对象，区工信局推荐"); err != nil && !apperr.Is(err, apperr.ECONFLICT) {
		return err
	}
	return s.plan(ctx, r.ID, r.Region, profile.TierLittleGiant)
}

// plan makes one plan, if the tier has one for the enterprise, and closes
// its first task on every other plan.
func (s *planSeeder) plan(ctx context.Context, id int64, region, tier string) error {
	owner := plan.Owner{UserID: s.city.ID}
	if region == Jinshui {
		owner = plan.Owner{UserID: s.district.ID}
	}
	if s.made%3 == 2 && s.institution != 0 {
		owner = plan.Owner{InstitutionID: s.institution}
	}
	due := plan.DefaultDue(s.today)
	if s.made%5 == 4 {
		past := time.Date(s.today.Y, s.today.M, s.today.D, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -20)
		due = profile.Date{Y: past.Year(), M: past.Month(), D: past.Day()}
	}
	p, err := assess.GeneratePlanTx(ctx, s.tx, s.eng, assess.PlanRequest{EnterpriseID: id, Tier: tier, AsOf: s.today, Owner: owner, Due: due})
	if apperr.Is(err, apperr.EINVALID) {
		return nil // met already, or no change reaches the tier this year
	}
	if err != nil {
		return fmt.Errorf("plan for %d: %w", id, err)
	}
	s.made++
	if s.made%2 == 1 || len(p.Tasks) == 0 { // the first plan made stays open
		return nil
	}
	return s.closeFirst(ctx, p)
}

// closeFirst closes a plan's first task at its target, with a PDF.
func (s *planSeeder) closeFirst(ctx context.Context, p *plan.Plan) error {
	t := p.Tasks[0]
	var value json.RawMessage
	if t.Target.To != nil {
		b, err := json.Marshal(t.Target.To)
		if err != nil {
			return err
		}
		value = b
	}
	ev, err := plan.NewEvidence(fmt.Sprintf("evidence-%d-%d.pdf", p.ID, t.Seq), PDF("ZJTX cultivation plan evidence",
		fmt.Sprintf("Plan %d, task %d: %s", p.ID, t.Seq, t.Target.Path), fmt.Sprintf("Reached: %s", value)))
	if err != nil {
		return err
	}
	_, err = assess.CloseTaskTx(ctx, s.tx, s.eng, p.ID, t.ID, 0, value, ev, s.today)
	return err
}
