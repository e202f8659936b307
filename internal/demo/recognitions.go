package demo

import (
	"context"
	"fmt"
	"time"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// demoRecognition is a recognition of a demo record, whose id is known
// only once the record is stored.
type demoRecognition struct {
	rec *enterprise.Record
	r   *cultivation.Recognition
}

// batchAges are the demo's notices, as days before now: ten batches, nine
// of them four months apart, so titles end all through the next three
// years and 复核 falls due for the batches of about two years ago; the
// oldest batch's titles end within 90 days.
var batchAges = []int{30, 150, 270, 390, 510, 630, 750, 870, 990, 1040}

// recognitions gives every title of the records a recognition by one of
// the demo's batches, with a 文号, and sets the title's dates to the
// recognition's, so the profile and the recognitions agree. A few titled
// enterprises get a credit flag or a reported change, so the risk radar
// and the calendar's change reports have something to show.
func recognitions(recs []*enterprise.Record, now time.Time) []demoRecognition {
	y, m, d := now.In(time.FixedZone("CST", 8*3600)).Date()
	today := profile.Date{Y: y, M: m, D: d}
	var out []demoRecognition
	titled := 0
	for _, rec := range recs {
		p := rec.Profile
		if len(p.Titles) == 0 {
			continue
		}
		titled++
		// Mostly recent batches; every 40th titled enterprise is in the
		// oldest, whose titles end within 90 days.
		b := titled % (len(batchAges) - 1)
		if titled%40 == 0 {
			b = len(batchAges) - 1
		}
		for i := range p.Titles {
			t := &p.Titles[i]
			r := &cultivation.Recognition{Tier: t.Tier, Level: cultivation.LevelProvincial,
				RecognizedOn: cultivation.AddDays(today, -batchAges[b])}
			if t.Tier == profile.TierLittleGiant {
				r.Level = cultivation.LevelNational
			}
			r.Normalize()
			n := len(batchAges) - b // batches numbered from the oldest
			r.Batch = fmt.Sprintf("%d年第%d批", r.RecognizedOn.Y, n)
			r.DocNo = fmt.Sprintf("豫工信企业〔%d〕%d号", r.RecognizedOn.Y, 40+n*7)
			if r.Level == cultivation.LevelNational {
				r.DocNo = fmt.Sprintf("工信厅企业函〔%d〕%d号", r.RecognizedOn.Y, 100+n*11)
			}
			if titled%23 == 0 {
				r.ChangeKind, r.ChangedOn = "rename", cultivation.AddDays(today, -40)
			}
			from, to := r.RecognizedOn, r.ValidTo
			t.Recognized, t.ValidTo = &from, &to
			out = append(out, demoRecognition{rec: rec, r: r})
		}
		if titled%17 == 0 {
			if p.Flags == nil {
				p.Flags = &profile.Flags{}
			}
			yes := true
			p.Flags.AbnormalList = &yes
		}
	}
	return out
}

// saveRecognitions stores the recognitions of the stored records.
func saveRecognitions(ctx context.Context, tx *sqlstore.Tx, list []demoRecognition) error {
	rs := make([]*cultivation.Recognition, len(list))
	for i, d := range list {
		d.r.EnterpriseID = d.rec.ID
		rs[i] = d.r
	}
	return tx.BulkCreateRecognitions(ctx, rs)
}
