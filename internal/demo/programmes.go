package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/library"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// seedProgrammes loads the policy library (the documents the rule sets
// cite), six innovation carriers with tenants, a 专精特新产业园 round with
// its applicants, two clusters and three published typical cases.
func seedProgrammes(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, now time.Time) error {
	docs, err := library.Seed()
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := tx.SavePolicyDoc(ctx, d); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(Seed, 13))
	byRegion := map[string][]*enterprise.Record{}
	var titled []*enterprise.Record
	for _, r := range recs {
		if r.Status != enterprise.StatusActive {
			continue
		}
		byRegion[r.Region] = append(byRegion[r.Region], r)
		if r.Tier == "srdi" || r.Tier == "little_giant" {
			titled = append(titled, r)
		}
	}
	if err := seedCarriers(ctx, tx, byRegion, rng, now); err != nil {
		return err
	}
	if err := seedPark(ctx, tx, titled, rng, now); err != nil {
		return err
	}
	if err := seedClusters(ctx, tx, byRegion); err != nil {
		return err
	}
	return seedCases(ctx, tx, titled)
}

var demoCarriers = []carrier.Carrier{
	{Name: "郑州高新区国家级科技企业孵化器", Kind: carrier.KindIncubator, Level: cultivation.LevelNational, Operator: "郑州高新技术产业开发区创业中心", Region: "410171", AreaSqm: 86000, DocNo: "国科火字〔2019〕170号"},
	{Name: "郑州大学国家大学科技园", Kind: carrier.KindSciencePark, Level: cultivation.LevelNational, Operator: "郑州大学科技园发展有限公司", Region: "410171", AreaSqm: 120000},
	{Name: "金水区创业创新示范基地", Kind: carrier.KindDemoBase, Level: cultivation.LevelProvincial, Operator: "金水科教园区管委会", Region: Jinshui, AreaSqm: 54000},
	{Name: "经开区小微企业创业园", Kind: carrier.KindMicroPark, Level: cultivation.LevelMunicipal, Operator: "郑州经开投资发展有限公司", Region: "410172", AreaSqm: 210000},
	{Name: "中原区众创空间", Kind: carrier.KindMakerSpace, Level: cultivation.LevelMunicipal, Operator: "中原区科技工业和信息化局", Region: "410102", AreaSqm: 6800},
	{Name: "航空港区创业园区", Kind: carrier.KindStartupPark, Level: cultivation.LevelProvincial, Operator: "郑州航空港兴港投资集团", Region: "410173", AreaSqm: 150000},
}

func seedCarriers(ctx context.Context, tx *sqlstore.Tx, byRegion map[string][]*enterprise.Record, rng *rand.Rand, now time.Time) error {
	for i := range demoCarriers {
		k := demoCarriers[i]
		k.RecognizedOn = profile.Date{Y: now.Year() - 2 - i%3, M: time.Month(3 + i), D: 15}
		if err := tx.CreateCarrier(ctx, &k); err != nil {
			return err
		}
		pool := byRegion[k.Region]
		n := min(len(pool), 5+rng.IntN(10))
		for _, r := range pool[:n] {
			since := now.AddDate(0, -1-rng.IntN(30), 0).Format(time.DateOnly)
			if err := tx.AddMember(ctx, "carrier", k.ID, r.ID, since); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedPark opens the year's park round and files the land needs of titled
// enterprises, with figures drawn around their own revenue.
func seedPark(ctx context.Context, tx *sqlstore.Tx, titled []*enterprise.Record, rng *rand.Rand, now time.Time) error {
	p := &carrier.Park{Name: "郑州市专精特新产业园（经开区园区）", Region: "410172", LandMu: 260 * profile.DecScale, Places: 8, Year: now.Year() - 1}
	if err := tx.CreatePark(ctx, p); err != nil {
		return err
	}
	for i, r := range titled {
		if i == 14 {
			break
		}
		revenue := latestRevenue(r.Profile)
		if revenue <= 0 {
			revenue = profile.Dec((3000 + rng.IntN(20000)) * profile.DecScale)
		}
		perMu := profile.Dec(200 + rng.IntN(700)) // 万元 of revenue per 亩 used
		used := max(revenue/perMu, 5*profile.DecScale)
		a := &carrier.Application{ParkID: p.ID, EnterpriseID: r.ID, NeedMu: profile.Dec((10 + rng.IntN(50)) * profile.DecScale),
			UsedMu: used - used%100, Revenue: revenue, Tax: revenue * profile.Dec(2+rng.IntN(8)) / 100,
			RDExpense: revenue * profile.Dec(2+rng.IntN(7)) / 100, Employees: int64(60 + rng.IntN(400)),
			Purpose: "扩大主导产品产能，新建智能化生产线"}
		if err := tx.CreateApplication(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// latestRevenue is the revenue of the profile's latest year that has one.
func latestRevenue(p *profile.Profile) profile.Dec {
	best, rev := 0, profile.Dec(0)
	if p == nil {
		return 0
	}
	for y, fig := range p.Years {
		if fig != nil && fig.Revenue != nil && y > best {
			best, rev = y, *fig.Revenue
		}
	}
	return rev
}

func seedClusters(ctx context.Context, tx *sqlstore.Tx, byRegion map[string][]*enterprise.Record) error {
	for _, g := range []*carrier.Cluster{
		{Name: "郑州经开区汽车零部件中小企业特色产业集群", Level: cultivation.LevelNational, Region: "410172", Industry: "汽车零部件",
			RecognizedOn: profile.Date{Y: 2023, M: 11, D: 6}, DocNo: "工信部企业函〔2023〕299号"},
		{Name: "新郑市食品加工中小企业特色产业集群", Level: cultivation.LevelProvincial, Region: "410184", Industry: "食品加工",
			RecognizedOn: profile.Date{Y: 2024, M: 8, D: 20}},
	} {
		if err := tx.CreateCluster(ctx, g); err != nil {
			return err
		}
		pool := byRegion[g.Region]
		for _, r := range pool[:min(len(pool), 24)] {
			if err := tx.AddMember(ctx, "cluster", g.ID, r.ID, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// caseMeasures are the officials' edits of the three demo cases' measures.
var caseMeasures = []string{
	"1. 聚焦主导产品深耕细分市场，主营业务收入占比保持在 70% 以上。\n2. 建设省级企业技术中心，研发费用占营业收入比重逐年提高。\n3. 在包联干部指导下对照扣分项补齐知识产权短板，新增发明专利 4 项。",
	"1. 与郑州大学共建联合实验室，承接科技成果转化项目。\n2. 实施数智化改造，建成智能车间，产品不良率下降 40%。\n3. 主导制定行业标准 1 项，参与国家标准 2 项。",
	"1. 通过“专精特新贷”获得 3000 万元信用贷款，扩大产能。\n2. 参加中小企业博览会和创客中国大赛，开拓国内外市场。\n3. 入驻专精特新产业园，亩均税收提高到 35 万元。",
}

// seedCases drafts cases for the first three enterprises holding the
// little-giant title (else the provincial one), and publishes them.
func seedCases(ctx context.Context, tx *sqlstore.Tx, titled []*enterprise.Record) error {
	picked := 0
	for _, tier := range []string{"little_giant", "srdi"} {
		for _, r := range titled {
			if picked == 3 {
				return nil
			}
			if r.Tier != tier {
				continue
			}
			k, err := tx.DraftCase(ctx, r.ID)
			if err != nil {
				return fmt.Errorf("case of %s: %w", r.Name, err)
			}
			k.Measures = caseMeasures[picked]
			k.Status = library.CasePublished
			if err := tx.SaveCase(ctx, k); err != nil {
				return err
			}
			picked++
		}
	}
	return nil
}
