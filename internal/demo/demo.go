// Package demo loads the demonstration data of `zjtx serve --demo`: about
// 3,000 synthetic Zhengzhou enterprises and one account per role, all with
// the password zjtx-demo. It is for trying the platform only: the accounts'
// password is public.
//
// The enterprises are batch.Synthetic profiles (figures, IP, titles in the
// 10:4:1 proportions of the ladder) dressed as Zhengzhou firms: a district
// weighted by where SMEs are, a GB/T 4754 class the district is known for, a
// name of the form 区划 + 字号 + 行业 + 组织形式, a USCC with valid check
// digits, an industrial chain, an establishment date. Everything is drawn
// from a fixed seed, so two loads are identical.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/auth"
	"zjtx/internal/batch"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// Password is the password of every demo account.
const Password = "zjtx-demo"

// Size is the number of demo enterprises.
const Size = 3000

// Seed is the default random seed.
const Seed = 20260901

// Jinshui is 金水区, the district of the demo district official.
const Jinshui = "410105"

// Options say what to load.
type Options struct {
	Enterprises int    // 0: Size
	Seed        uint64 // 0: Seed
	DataYear    int    // 0: the year before Now
	Now         time.Time
	// Engine, when set, assesses every enterprise on Now's date as the
	// enterprises are loaded, so lists filter by outcome from the start.
	Engine *criteria.Engine
}

// Load seeds the store with the demo once: when the demo's city account
// exists already it does nothing and returns false. Enterprises and
// accounts go in one transaction, so a load that fails leaves nothing.
func Load(ctx context.Context, s *sqlstore.Store, opt Options) (bool, error) {
	ctx = auth.WithCaller(ctx, auth.System)
	if _, err := s.FindUserByUsername(ctx, "city"); err == nil {
		return false, nil
	} else if !apperr.Is(err, apperr.ENOTFOUND) {
		return false, fmt.Errorf("demo: %w", err)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.DataYear == 0 {
		opt.DataYear = opt.Now.Year() - 1
	}
	recs := Records(opt.Enterprises, opt.Seed, opt.DataYear)
	recognized := recognitions(recs, opt.Now)
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return false, err
	}
	err = s.WithTx(ctx, func(tx *sqlstore.Tx) error {
		if err := tx.BulkCreateEnterprises(ctx, recs); err != nil {
			return err
		}
		if err := saveRecognitions(ctx, tx, recognized); err != nil {
			return err
		}
		if opt.Engine != nil {
			if err := assessAll(ctx, tx, opt.Engine, recs, opt.Now); err != nil {
				return err
			}
		}
		if err := seedTargets(ctx, tx, recs); err != nil {
			return err
		}
		ent := showcase(recs)
		inst, bank, err := seedInstitutions(ctx, tx)
		if err != nil {
			return err
		}
		users := []*auth.User{
			{Username: "city", Name: "郑州市工业和信息化局", Role: auth.RoleCity},
			{Username: "district", Name: "金水区科技工业和信息化局", Role: auth.RoleDistrict, Region: Jinshui, Unit: "企业服务科"},
			{Username: "enterprise", Name: ent.Name, Role: auth.RoleEnterprise, EnterpriseID: ent.ID},
			{Username: "institution", Name: inst.Name, Role: auth.RoleInstitution, Organization: inst.Name, InstitutionID: inst.ID},
			{Username: "bank", Name: bank.Name, Role: auth.RoleBank, Organization: bank.Name, InstitutionID: bank.ID},
			{Username: "city2", Name: "郑州市工业和信息化局（复核人）", Role: auth.RoleCity},
		}
		for _, u := range users {
			// Demo accounts log in only while the server runs with --demo:
			// their password is public.
			u.PasswordHash, u.Demo = hash, true
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		if err := seedFinance(ctx, tx, recs, bank, users); err != nil {
			return err
		}
		if err := seedRewards(ctx, tx, users); err != nil {
			return err
		}
		if err := seedBackupLists(ctx, tx, recs, users[1]); err != nil {
			return err
		}
		if err := seedProgrammes(ctx, tx, recs, opt.Now); err != nil {
			return err
		}
		if err := seedPlans(ctx, tx, opt.Engine, users[0], users[1], recs, ent, inst.ID, opt.Now); err != nil {
			return err
		}
		if err := seedBaolian(ctx, tx, recs, users[1], ent, opt.Seed, opt.Now); err != nil {
			return err
		}
		if err := seedTrainings(ctx, tx, recs, opt); err != nil {
			return err
		}
		if err := seedObjectRewards(ctx, tx, users, recs); err != nil {
			return err
		}
		return seedHub(ctx, tx, recs, inst, ent)
	})
	if err != nil {
		return false, fmt.Errorf("demo: %w", err)
	}
	return true, s.Optimize(ctx)
}

// assessAll assesses every record on now's date in the bureau's time zone,
// storing the assessments as officials' runs are stored.
func assessAll(ctx context.Context, tx *sqlstore.Tx, eng *criteria.Engine, recs []*enterprise.Record, now time.Time) error {
	y, m, d := now.In(time.FixedZone("CST", 8*3600)).Date()
	opt := criteria.Options{AsOf: profile.Date{Y: y, M: m, D: d}}
	for _, r := range recs {
		_, list, err := assess.Evaluate(eng, r, opt)
		if err != nil {
			return err
		}
		if err := assess.Save(ctx, tx, list); err != nil {
			return err
		}
	}
	return nil
}

// showcase picks the enterprise of the demo enterprise account: the first
// 金水区 firm that holds the innovative title and no higher one, so its
// self-test has a next tier to aim at.
func showcase(recs []*enterprise.Record) *enterprise.Record {
	var first *enterprise.Record
	for _, r := range recs {
		if r.Region != Jinshui || r.Status != enterprise.StatusActive {
			continue
		}
		if first == nil {
			first = r
		}
		if r.Tier == profile.TierInnovative {
			return r
		}
	}
	if first == nil {
		return recs[0]
	}
	return first
}

// Records returns n demo enterprise records (Size when n is 0), unsaved,
// from the seed (Seed when 0), with three data years ending at dataYear.
func Records(n int, seed uint64, dataYear int) []*enterprise.Record {
	if n <= 0 {
		n = Size
	}
	if seed == 0 {
		seed = Seed
	}
	rng := rand.New(rand.NewPCG(seed, 0x7a6a7478))
	profiles := batch.Synthetic(n, seed, dataYear)
	regionPick := newPicker(regionWeights, func(r struct {
		code   string
		weight int
	}) int {
		return r.weight
	})
	classPick := newPicker(classes, func(c class) int { return c.weight })
	byCode := map[string]class{}
	for _, c := range classes {
		byCode[c.code] = c
	}
	names := make(map[string]bool, n)
	usccs := make(map[string]bool, n)
	out := make([]*enterprise.Record, n)
	for i, p := range profiles {
		region := regionWeights[regionPick(rng)].code
		cl := classes[classPick(rng)]
		if sp := specialties[region]; rng.IntN(100) < 60 {
			cl = byCode[sp[rng.IntN(len(sp))]]
		}
		p.Region, p.Industry = region, cl.code
		// Founded up to eight years before it entered its niche.
		niche := *p.NicheSince
		est := profile.Date{Y: niche.Y - rng.IntN(9), M: time.Month(1 + rng.IntN(12)), D: 1 + rng.IntN(28)}
		if !est.Before(niche) {
			est = profile.Date{Y: niche.Y - 1, M: est.M, D: est.D}
		}
		p.Established = &est
		p.Name = uniqueName(rng, names, region, cl)
		p.USCC = uniqueUSCC(rng, usccs, region, est)
		if p.Product != nil {
			p.Product.Name = productName(cl)
		}
		r := &enterprise.Record{Profile: p, Chain: cl.chain, Status: enterprise.StatusActive}
		switch roll := rng.IntN(100); {
		case roll < 2:
			r.Status = enterprise.StatusMovedOut
		case roll < 3:
			r.Status = enterprise.StatusClosed
		}
		out[i] = r
	}
	return out
}

// newPicker returns a function that draws an index of items by weight.
func newPicker[T any](items []T, weight func(T) int) func(*rand.Rand) int {
	cum := make([]int, len(items))
	total := 0
	for i, it := range items {
		total += weight(it)
		cum[i] = total
	}
	return func(rng *rand.Rand) int {
		x := rng.IntN(total)
		i, _ := slices.BinarySearch(cum, x+1)
		return i
	}
}

// uniqueName makes a firm name 区划 + 字号 + 行业 + 组织形式, e.g.
// 郑州恒晟精密机械有限公司 or 巩义市豫通铝业有限公司, distinct from those
// already made (a three-character trade name when two collide too often).
func uniqueName(rng *rand.Rand, seen map[string]bool, region string, cl class) string {
	for try := 0; ; try++ {
		prefix := "郑州"
		switch roll := rng.IntN(100); {
		case countyPrefix[region] != "" && roll < 55:
			prefix = countyPrefix[region]
		case roll >= 70:
			prefix = "河南"
		}
		a, b := tradeFirst[rng.IntN(len(tradeFirst))], tradeSecond[rng.IntN(len(tradeSecond))]
		if a == b {
			continue
		}
		trade := string([]rune{a, b})
		if try >= 4 {
			trade += string(tradeSecond[rng.IntN(len(tradeSecond))])
		}
		form := legalForms[0].name
		if roll := rng.IntN(100); roll >= 95 {
			form = legalForms[2].name
		} else if roll >= 85 {
			form = legalForms[1].name
		}
		name := prefix + trade + cl.words[rng.IntN(len(cl.words))] + form
		if !seen[name] || try > 20 {
			seen[name] = true
			return name
		}
	}
}

// uniqueUSCC makes a 统一社会信用代码 per GB 32100-2015: 9 (registered by
// the market regulator) 1 (enterprise), the registering authority's region,
// the organisation code of GB 11714 with its own check character, and the
// GB 32100 check character. Firms founded before the unified code (October
// 2015) keep their old nine-digit organisation code; newer ones have the
// MA… codes issued since. 郑东新区 has no administrative code of its own, so
// its firms are registered with the city's (410100).
func uniqueUSCC(rng *rand.Rand, seen map[string]bool, region string, est profile.Date) string {
	authority := region
	if region == "410199" || rng.IntN(100) < 15 {
		authority = "410100"
	}
	for {
		var org []byte
		if est.Before(profile.Date{Y: 2015, M: 10, D: 1}) {
			org = append(org, byte('5'+rng.IntN(4)))
			for range 7 {
				org = append(org, byte('0'+rng.IntN(10)))
			}
		} else {
			org = append(org, 'M', 'A')
			const orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
			for range 6 {
				org = append(org, orgChars[rng.IntN(len(orgChars))])
			}
		}
		org = append(org, orgCheck(org))
		body := "91" + authority + string(org)
		c, err := profile.USCCCheckDigit(body)
		if err != nil {
			continue // an organisation check character outside the USCC alphabet
		}
		code := body + string(c)
		if !seen[code] {
			seen[code] = true
			return code
		}
	}
}

// orgCheck is the check character of a GB 11714 organisation code:
// 11 − Σ value×weight mod 11, with 10 written X and 11 written 0; letters
// count 10 (A) to 35 (Z).
func orgCheck(body []byte) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, ch := range body {
		v := int(ch - '0')
		if ch >= 'A' {
			v = int(ch-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// productName names a firm's main product after its class.
func productName(cl class) string {
	w := cl.words[0]
	w = strings.TrimSuffix(strings.TrimSuffix(w, "科技"), "技术")
	if w == "" {
		w = "专用"
	}
	return w + "产品"
}
