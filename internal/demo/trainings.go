package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// seedTrainings adds a year of trainings with their attendance (the
// districts unevenly covered, so that some fall behind the rotation's
// pace), two coming 普惠 sessions (the showcase enterprise invited to the
// first), a 创客中国 edition with its results written into the profiles,
// and three events with exhibitors and outcomes.
func seedTrainings(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, opt Options) error {
	// The store's clock, not opt.Now, says which sessions are past: the
	// store checks sign-ups and invitations against it.
	y, m, d := tx.Now().In(time.FixedZone("CST", 8*3600)).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	day := func(days int) profile.Date {
		t := today.AddDate(0, 0, days)
		return profile.Date{Y: t.Year(), M: t.Month(), D: t.Day()}
	}
	var regions []string
	byTier := map[string][]*enterprise.Record{}
	for _, r := range recs {
		if r.Status != enterprise.StatusActive {
			continue
		}
		if !slices.Contains(regions, r.Region) {
			regions = append(regions, r.Region)
		}
		byTier[r.Tier] = append(byTier[r.Tier], r)
	}
	slices.Sort(regions)
	// Every other district trains most of its 创新型 enterprises, the rest
	// few: the coverage page then shows districts behind the pace.
	keen := func(r *enterprise.Record) bool { return slices.Index(regions, r.Region)%2 == 0 }
	var pool []*enterprise.Record
	for i, r := range byTier[profile.TierInnovative] {
		if (keen(r) && i%5 != 0) || (!keen(r) && i%6 == 0) {
			pool = append(pool, r)
		}
	}
	past := []struct {
		level, title, topic, university string
		days                            int
		from                            []*enterprise.Record
		role                            string
	}{
		{programme.LevelInclusive, "第一期普惠性培训", "惠企政策解读与专精特新申报实务", "", -320, pool, "admin"},
		{programme.LevelInclusive, "第二期普惠性培训", "数字化营销与品牌建设", "", -230, pool, "marketing"},
		{programme.LevelInclusive, "第三期普惠性培训", "企业人力资源与人才政策", "", -140, pool, "hr"},
		{programme.LevelInclusive, "第四期普惠性培训", "财务规范与研发费用归集", "", -50, pool, "finance"},
		{programme.LevelMid, "中端培训：精益管理与技术创新", "精益生产、质量管理与技术创新", "郑州大学", -180, byTier[profile.TierSRDI], "manager"},
		{programme.LevelHigh, "高端培训：战略规划与资本市场", "企业战略、资本运作与上市辅导", "清华大学", -100, byTier[profile.TierLittleGiant], "chairman"},
	}
	next := 0 // the pool's next enterprise: each attends once
	for _, p := range past {
		t := &programme.Training{Level: p.level, Title: fmt.Sprintf("%d年%s", day(p.days).Y, p.title), Topic: p.topic,
			Date: day(p.days), Place: "郑州国际会展中心", University: p.university, Capacity: 200}
		if err := tx.CreateTraining(ctx, t); err != nil {
			return err
		}
		var rows []sqlstore.PastAttendee
		from := p.from
		if p.level == programme.LevelInclusive {
			from = pool[min(next, len(pool)):min(next+t.Capacity, len(pool))]
			next += len(from)
		}
		for i, r := range from[:min(len(from), t.Capacity)] {
			rows = append(rows, sqlstore.PastAttendee{EnterpriseID: r.ID, Attendee: "参训代表", Role: p.role, Attended: i%9 != 0})
		}
		if err := tx.RecordPastSession(ctx, t.ID, rows); err != nil {
			return err
		}
	}
	for i, days := range []int{21, 84} {
		t := &programme.Training{Level: programme.LevelInclusive, Title: fmt.Sprintf("%d年第%d期普惠性培训", day(days).Y, 5+i),
			Topic: "专精特新政策与梯度培育", Date: day(days), Place: "郑州市民之家", Capacity: 200}
		if err := tx.CreateTraining(ctx, t); err != nil {
			return err
		}
		if i == 0 {
			if _, err := tx.InviteToTraining(ctx, t.ID, sqlstore.Invite{EnterpriseIDs: []int64{showcase(recs).ID}}); err != nil {
				return err
			}
		}
	}
	// Last year's edition: its national results are out, and the
	// criteria count placings up to the data year (the year before).
	if err := seedContest(ctx, tx, byTier, y-1, opt); err != nil {
		return err
	}
	return seedEvents(ctx, tx, byTier, day)
}

// seedContest records this year's 创客中国 分赛 with placed entries; each
// result reaches the profile (and, with an engine, the assessments).
func seedContest(ctx context.Context, tx *sqlstore.Tx, byTier map[string][]*enterprise.Record, year int, opt Options) error {
	c := &programme.Contest{Year: year, Name: fmt.Sprintf("%d年“创客中国”中小企业创新创业大赛郑州分赛", year)}
	if err := tx.CreateContest(ctx, c); err != nil {
		return err
	}
	srdi, innov := byTier[profile.TierSRDI], byTier[profile.TierInnovative]
	results := []string{"national_top50", "national_top500", "national_top500", "first", "second", "second", "third", "third", "third", "", ""}
	var changed []*enterprise.Record
	seen := map[int64]bool{}
	for i, res := range results {
		from := innov
		if i < 3 {
			from = srdi
		}
		if len(from) == 0 {
			continue
		}
		r := from[(i*7+3)%len(from)]
		if seen[r.ID] {
			continue // a small demo has fewer enterprises than entries
		}
		seen[r.ID] = true
		e := &programme.Entry{ContestID: c.ID, Group: programme.GroupEnterprise, EnterpriseID: r.ID,
			Project: r.Name + "创新项目", Stage: "final", Result: res}
		if res == "national_top50" || res == "national_top500" {
			e.Stage = "national"
		}
		rec, err := tx.AddEntry(ctx, e)
		if err != nil {
			return err
		}
		if rec != nil {
			changed = append(changed, rec)
		}
	}
	for i, team := range []string{"郑大青年创客团队", "中原智造创客空间团队"} {
		e := &programme.Entry{ContestID: c.ID, Group: programme.GroupMaker, Team: team, Region: []string{"410105", "410173"}[i],
			Project: []string{"工业视觉缺陷检测", "农机智能控制器"}[i], Stage: "final", Result: []string{"second", "third"}[i]}
		if _, err := tx.AddEntry(ctx, e); err != nil {
			return err
		}
	}
	if opt.Engine == nil {
		return nil
	}
	return assessAll(ctx, tx, opt.Engine, changed, opt.Now)
}

// seedEvents records an expo, the APEC exhibition and a 进阶小巨人 专题活动
// with exhibitors and invitees, attendance and outcomes.
func seedEvents(ctx context.Context, tx *sqlstore.Tx, byTier map[string][]*enterprise.Record, day func(int) profile.Date) error {
	events := []struct {
		ev   programme.Event
		from []*enterprise.Record
		role string
	}{
		{programme.Event{Kind: "expo", Title: "第二十届中国国际中小企业博览会（郑州专精特新展区）", Date: day(-120), Place: "广州", Organizer: "工业和信息化部"},
			byTier[profile.TierSRDI], "exhibitor"},
		{programme.Event{Kind: "apec", Title: "APEC中小企业技术交流暨展览会", Date: day(-75), Place: "青岛", Organizer: "APEC中小企业工作组"},
			byTier[profile.TierSRDI], "exhibitor"},
		{programme.Event{Kind: "topic", Title: "“进阶小巨人”专题活动：知识产权与产品定位", Date: day(-30), Place: "郑州", Organizer: "郑州市工业和信息化局"},
			byTier[profile.TierSRDI], "invitee"},
	}
	for k, e := range events {
		ev := e.ev
		if err := tx.CreateEvent(ctx, &ev); err != nil {
			return err
		}
		seen := map[int64]bool{}
		for i := 0; i < 12 && i < len(e.from); i++ {
			r := e.from[(i*5+k)%len(e.from)]
			if seen[r.ID] {
				continue // a small demo has fewer enterprises than places
			}
			seen[r.ID] = true
			p := &programme.Participant{EventID: ev.ID, EnterpriseID: r.ID, Role: e.role, Attended: i%4 != 3}
			if p.Attended && i%3 == 0 {
				p.Deals, p.Outcome = 1+i%3, "达成合作意向"
			}
			if err := tx.AddParticipant(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}
