package hub_test

import (
	"strings"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/hub"
)

func TestCatalog(t *testing.T) {
	c := hub.Default()
	if len(c.Chains) != 20 {
		t.Errorf("%d key chains, want the plan's 20", len(c.Chains))
	}
	for id, g := range c.Gaps {
		if !hub.IsCategory(g.Category) {
			t.Errorf("gap %s: category %q", id, g.Category)
		}
	}
	// The examples of the map.
	for id, want := range map[string]string{"S26-8": "知识产权", "S22-13": "研发机构建设", "S22-5": "数智改造", "I-D3": "研发机构建设"} {
		if got := c.Gaps[id].Category; got != want {
			t.Errorf("gap %s → %q, want %q", id, got, want)
		}
	}
	if len(hub.Categories) != 15 {
		t.Errorf("%d categories, want 15", len(hub.Categories))
	}
}

func TestProposeFromGaps(t *testing.T) {
	items := []hub.GapItem{{"srdi", "S26-1"}, {"srdi", "S26-7"}, {"srdi", "S26-8"}, {"srdi", "S22-11"}}
	got := hub.Default().ProposeFromGaps(7, "410105", items)
	// S26-1 (eligibility) proposes nothing; S22-11 is 技术创新 again, which
	// S26-7 already proposed.
	if len(got) != 2 || got[0].Category != "技术创新" || got[1].Category != "知识产权" {
		t.Fatalf("proposals = %+v", got)
	}
	d := got[1]
	if d.Source != hub.SourceGap || d.Status != hub.DemandProposed || d.GapItem != "S26-8" || d.GapTier != "srdi" || d.Region != "410105" {
		t.Errorf("proposal = %+v", d)
	}
}

func TestGapItems(t *testing.T) {
	res := []byte(`{"tier":"srdi","status":"fail","conditions":[{"id":"S26-1","outcome":"pass"},{"id":"S26-8","outcome":"fail"},
		{"id":"S26-9","outcome":"review"}],"items":[{"id":"S22-5","lost":6},{"id":"S22-10","lost":0}]}`)
	got, err := hub.GapItems("srdi", res)
	if err != nil || len(got) != 2 || got[0].ID != "S26-8" || got[1].ID != "S22-5" {
		t.Errorf("GapItems = %+v, %v; want S26-8 (failed) and S22-5 (loses points)", got, err)
	}
	if _, err := hub.GapItems("srdi", []byte("{")); err == nil {
		t.Error("broken JSON accepted")
	}
}

func TestAdvance(t *testing.T) {
	for _, tt := range []struct {
		from, to, role, want string
	}{
		{"recommended", "contacted", "institution", ""},
		{"recommended", "contacted", "district", ""},
		{"recommended", "contacted", "enterprise", apperr.EFORBIDDEN},
		{"recommended", "signed", "institution", apperr.ECONFLICT},
		{"contacted", "signed", "enterprise", ""},
		{"contacted", "signed", "district", apperr.EFORBIDDEN},
		{"signed", "delivered", "institution", ""},
		{"signed", "delivered", "city", apperr.EFORBIDDEN},
		{"delivered", "rated", "enterprise", ""},
		{"delivered", "rated", "institution", apperr.EFORBIDDEN},
		{"rated", "contacted", "institution", apperr.ECONFLICT},
		{"recommended", "won", "city", apperr.EINVALID},
	} {
		if got := apperr.Code(hub.Advance(tt.from, tt.to, tt.role)); got != tt.want {
			t.Errorf("Advance(%s → %s as %s) = %q, want %q", tt.from, tt.to, tt.role, got, tt.want)
		}
	}
}

func TestValidateNamesTheField(t *testing.T) {
	c := hub.Default()
	for _, tt := range []struct {
		name string
		err  error
		says string
	}{
		{"ProductCategory", (&hub.Product{Name: "x", Category: "其他"}).Validate(c), "category"},
		{"ProductChain", (&hub.Product{Name: "x", Category: "法律服务", Chains: []string{"火星"}}).Validate(c), "chains"},
		{"DemandText", (&hub.Demand{EnterpriseID: 1, Source: "enterprise"}).Validate(), "text"},
		{"DemandUrgency", (&hub.Demand{EnterpriseID: 1, Text: "x", Urgency: "asap", Source: "enterprise"}).Validate(), "urgency"},
		{"DeliveryEvidence", (&hub.Delivery{Summary: "x", DeliveredOn: "2026-01-01"}).Validate(), "evidence"},
		{"DeliveryDate", (&hub.Delivery{Summary: "x", Evidence: "y", DeliveredOn: "2026-02-30"}).Validate(), "delivered_on"},
		{"RatingScore", (&hub.Rating{Score: 0}).Validate(), "score"},
		{"PackageProducts", (&hub.Package{Name: "x", Tier: "srdi"}).Validate(c), "product_ids"},
		{"PilotStart", (&hub.Pilot{Title: "x", EnterpriseID: 1, StartedOn: "soon"}).Validate(), "started_on"},
		{"ProjectParticipant", (&hub.JointProject{Title: "x", Participants: []hub.Participant{{Role: "sme"}}}).Validate(), "participants[0]"},
	} {
		if apperr.Code(tt.err) != apperr.EINVALID || !strings.Contains(apperr.Message(tt.err), tt.says) {
			t.Errorf("%s: %v; want EINVALID naming %s", tt.name, tt.err, tt.says)
		}
	}
}

func TestOutcomes(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	rows := []hub.OutcomeRow{
		{InstitutionID: 1, Institution: "甲", Stage: "rated", CreatedAt: t0, ContactedAt: t0.Add(4 * time.Hour), Score: 5, GapClosed: true},
		{InstitutionID: 1, Institution: "甲", Stage: "rated", CreatedAt: t0, ContactedAt: t0.Add(8 * time.Hour), Score: 3, TierGained: true},
		{InstitutionID: 2, Institution: "乙", Stage: "recommended", CreatedAt: t0},
		{InstitutionID: 2, Institution: "乙", Stage: "signed", CreatedAt: t0, ContactedAt: t0.Add(48 * time.Hour)},
	}
	got := hub.Outcomes(rows)
	if len(got) != 2 {
		t.Fatalf("outcomes = %+v", got)
	}
	a, b := got[0], got[1]
	if a.Institution != "甲" || a.Matches != 2 || a.Delivered != 2 || a.Rated != 2 || a.AvgScore != 4 || a.ResponseHours != 6 ||
		a.GapsClosed != 1 || a.TiersGained != 1 {
		t.Errorf("甲 = %+v", a)
	}
	if b.Matches != 2 || b.Contacted != 1 || b.Signed != 1 || b.Delivered != 0 || b.AvgScore != 0 || b.ResponseHours != 48 {
		t.Errorf("乙 = %+v", b)
	}
}
