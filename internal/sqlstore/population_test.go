package sqlstore_test

import (
	"context"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/discovery"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// TestPopulationStoreScope: a population's blocks, rows and an impact
// analysis's counts and movers are read within the caller's district; the
// city reads all, a district official the district's, other roles nothing.
func TestPopulationStoreScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		pop := &sqlstore.Population{Name: "测试总体", Source: "csv"}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error { return tx.CreatePopulation(city, pop, []byte("upload")) }); err != nil {
			t.Fatal(err)
		}
		for i, region := range []string{zhongyuan, erqi} {
			rows := []sqlstore.PopulationRow{{RowNo: int64(2 + 2*i), USCC: testUSCC(region, i), Name: "甲", Region: region, Industry: "C3484"},
				{RowNo: int64(3 + 2*i), USCC: testUSCC(region, i+10), Name: "乙", Region: region, Industry: "C3484"}}
			ps := []*profile.Profile{{USCC: rows[0].USCC, Region: region}, {USCC: rows[1].USCC, Region: region}}
			data := discovery.EncodeBlock([]int64{rows[0].RowNo, rows[1].RowNo}, ps)
			if err := s.WithTx(city, func(tx *sqlstore.Tx) error { return tx.AddPopulationBlock(city, pop.ID, int64(i), region, rows, data) }); err != nil {
				t.Fatal(err)
			}
		}
		// A retried block replaces itself.
		again := []sqlstore.PopulationRow{{RowNo: 2, USCC: testUSCC(zhongyuan, 0), Name: "甲", Region: zhongyuan}, {RowNo: 3, USCC: testUSCC(zhongyuan, 10), Name: "乙", Region: zhongyuan}}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error {
			return tx.AddPopulationBlock(city, pop.ID, 0, zhongyuan, again, discovery.EncodeBlock([]int64{2, 3}, []*profile.Profile{{}, {}}))
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error {
			return tx.FinishPopulation(city, pop.ID, sqlstore.PopulationOutcome{State: sqlstore.PopulationReady, Rows: 4, Errors: "[]"})
		}); err != nil {
			t.Fatal(err)
		}
		if up, err := s.PopulationUpload(city, pop.ID); err != nil || up != nil {
			t.Errorf("upload after the import: %q, %v; want it dropped", up, err)
		}
		blocks := func(ctx context.Context) (n int, regions []string) {
			for e, err := range s.EachPopulationBlock(ctx, pop.ID) {
				if err != nil {
					if apperr.Code(err) == apperr.EFORBIDDEN {
						return -1, nil
					}
					t.Fatal(err)
				}
				b, err := discovery.DecodeBlock(e.Region, e.Data)
				if err != nil {
					t.Fatal(err)
				}
				n += len(b.Rows)
				regions = append(regions, e.Region)
			}
			return n, regions
		}
		if n, _ := blocks(city); n != 4 {
			t.Errorf("city reads %d rows, want 4", n)
		}
		if n, regs := blocks(districtZY); n != 2 || len(regs) != 1 || regs[0] != zhongyuan {
			t.Errorf("中原区 reads %d rows of %v, want its 2", n, regs)
		}
		if n, _ := blocks(bank); n != -1 {
			t.Errorf("a bank reads %d rows, want refused", n)
		}
		got, err := s.PopulationRows(districtEQ, pop.ID, []int64{2, 3, 4, 5})
		if err != nil || len(got) != 2 || got[4].Region != erqi {
			t.Errorf("二七区's rows: %v %v", got, err)
		}
		p, err := s.GetPopulation(districtEQ, pop.ID)
		if err != nil || p.Rows != 4 || p.InScope != 2 {
			t.Errorf("二七区's population: %+v %v", p, err)
		}

		run := &sqlstore.ImpactRun{PopulationID: pop.ID, Tier: "srdi", From: "srdi@2022", To: "srdi@2026", AsOf: "2026-09-01"}
		res := &sqlstore.ImpactResult{
			Cells: []sqlstore.ImpactCell{{Region: zhongyuan, Industry: "C3484", Move: "pass_to_fail", Count: 2},
				{Region: erqi, Industry: "C3484", Move: "fail_to_fail", Count: 2}},
			Deciding: []sqlstore.ImpactDeciding{{Region: zhongyuan, Move: "pass_to_fail", CondID: "S26-5", Label: "主营业务收入占比", Count: 2}},
			Movers: []sqlstore.ImpactMover{{RowNo: 2, USCC: "a", Name: "甲", Region: zhongyuan, Industry: "C3484", Move: "pass_to_fail", Deciding: []string{"S26-5", "S26-10"}},
				{RowNo: 3, USCC: "b", Name: "乙", Region: zhongyuan, Industry: "C3484", Move: "pass_to_fail", Deciding: []string{"S26-10"}}},
		}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error {
			if err := tx.CreateImpactRun(city, run); err != nil {
				return err
			}
			return tx.FinishImpactRun(city, run.ID, res)
		}); err != nil {
			t.Fatal(err)
		}
		if r, err := s.FindImpactRun(districtEQ, pop.ID, "srdi", "srdi@2022", "srdi@2026", "2026-09-01"); err != nil || r == nil || r.State != sqlstore.ImpactReady {
			t.Errorf("二七区 finds the city's run: %+v %v", r, err)
		}
		cells, dec, err := s.ImpactCounts(districtEQ, run.ID)
		if err != nil || len(cells) != 1 || cells[0].Region != erqi || len(dec) != 0 {
			t.Errorf("二七区's counts: %+v %+v %v", cells, dec, err)
		}
		movers, total, err := s.ImpactMovers(districtZY, run.ID, sqlstore.MoverFilter{Move: "pass_to_fail", Cond: "S26-5"})
		if err != nil || total != 1 || len(movers) != 1 || movers[0].USCC != "a" {
			t.Errorf("中原区's S26-5 movers: %+v %d %v", movers, total, err)
		}
		if _, total, _ := s.ImpactMovers(districtEQ, run.ID, sqlstore.MoverFilter{Move: "pass_to_fail"}); total != 0 {
			t.Errorf("二七区 sees %d of 中原区's movers", total)
		}
		// A district's own run is not the city's answer.
		own := &sqlstore.ImpactRun{PopulationID: pop.ID, Tier: "srdi", From: "srdi@2022", To: "srdi@2026", AsOf: "2026-09-02"}
		if err := s.WithTx(districtZY, func(tx *sqlstore.Tx) error { return tx.CreateImpactRun(districtZY, own) }); err != nil {
			t.Fatal(err)
		}
		if r, err := s.FindImpactRun(city, pop.ID, "srdi", "srdi@2022", "srdi@2026", "2026-09-02"); err != nil || r != nil {
			t.Errorf("the city is answered from a district's run: %+v %v", r, err)
		}
	})
}

// TestDiscoveryByDistrict: a district official's discovery run replaces the
// district's results only; the city's replaces all.
func TestDiscoveryByDistrict(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		pop := &sqlstore.Population{Name: "总体", Source: "csv"}
		save := func(ctx context.Context, blocks ...sqlstore.ResultBlock) error {
			return s.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.SaveDiscovery(ctx, pop.ID, "2026-09-01", blocks) })
		}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error { return tx.CreatePopulation(city, pop, nil) }); err != nil {
			t.Fatal(err)
		}
		if err := save(city, sqlstore.ResultBlock{Region: zhongyuan, Data: []byte("zy1")}, sqlstore.ResultBlock{Region: erqi, Data: []byte("eq1")}); err != nil {
			t.Fatal(err)
		}
		if err := save(districtEQ, sqlstore.ResultBlock{Region: erqi, Data: []byte("eq2")}); err != nil {
			t.Fatal(err)
		}
		if err := save(districtEQ, sqlstore.ResultBlock{Region: zhongyuan, Data: []byte("zy2")}); code(err) != apperr.EFORBIDDEN {
			t.Errorf("a district saves another's results: %v", err)
		}
		var got []string
		for e, err := range s.EachDiscoveryBlock(city, pop.ID) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, e.Region+":"+string(e.Data))
		}
		if len(got) != 2 || got[0] != zhongyuan+":zy1" || got[1] != erqi+":eq2" {
			t.Errorf("results %v, want 中原区's first and 二七区's second", got)
		}
	})
}
