package server_test

import (
	"fmt"
	"strings"
	"testing"

	"zjtx/internal/demo"
)

// populationLines makes CSV lines in the import template's columns for n
// valid demo enterprises of the given districts (in turn), three data years
// each, starting at demo seed seed.
func populationLines(n int, seed uint64, regions ...string) []string {
	var out []string
	for i, r := range demo.Records(n, seed, 2025) {
		p := r.Profile
		region := regions[i%len(regions)]
		for k, y := range []int{2023, 2024, 2025} {
			name, reg, ind := "", "", ""
			if k == 0 { // the enterprise cells on its first line
				name, reg, ind = p.Name, region, p.Industry
			}
			yr := p.Years[y]
			out = append(out, fmt.Sprintf("%s,%s,%s,%s,%d,%s,%s,%d", p.USCC, name, reg, ind, y,
				yr.Revenue.String(), yr.RDExpense.String(), *yr.Employees))
		}
	}
	return out
}

const populationHeader = "统一社会信用代码,企业名称,所属区县（市）,国民经济行业分类代码,年度,营业收入（万元）,研发费用（万元）,从业人员（人）"

// populationCSV is a population of three 金水区 enterprises.
var populationCSV = populationHeader + "\n" + strings.Join(populationLines(3, 41, "410105"), "\n") + "\n"

type populationInfo struct {
	ID      int64  `json:"id"`
	State   string `json:"state"`
	Rows    int64  `json:"rows"`
	InScope int64  `json:"in_scope"`
	BadRows int64  `json:"bad_rows"`
	Errors  []struct {
		Row       int    `json:"row"`
		Column    string `json:"column"`
		Message   string `json:"message"`
		MessageZH string `json:"message_zh"`
	} `json:"errors"`
}

// importPopulation uploads a CSV as role, waits for its job and returns the
// population as role sees it.
func (e *env) importPopulation(role, csv string) populationInfo {
	e.t.Helper()
	res := e.do(role, "POST", "/api/v1/populations?name=test", csv)
	if res.status != 202 {
		e.t.Fatalf("import as %s: %s", role, res)
	}
	var created struct {
		Population int64   `json:"population"`
		Job        jobView `json:"job"`
	}
	res.json(e.t, &created)
	if j := e.waitJob(role, created.Job.ID); j.State != "completed" {
		e.t.Fatalf("import job: %+v", j)
	}
	return e.population(role, created.Population)
}

func (e *env) population(role string, id int64) populationInfo {
	e.t.Helper()
	var list struct {
		Items []populationInfo `json:"items"`
	}
	e.do(role, "GET", "/api/v1/populations", nil).json(e.t, &list)
	for _, p := range list.Items {
		if p.ID == id {
			return p
		}
	}
	e.t.Fatalf("population %d not listed for %s", id, role)
	return populationInfo{}
}

// TestPopulationBadRows: rows with errors are not imported and each is
// reported with its line and column, in Chinese and English (the annotated
// file is xlsx's TestImportCSV's); the good rows are stored and
// evaluated, and the import and the evaluation are audited.
func TestPopulationBadRows(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		lines := populationLines(3, 43, "410105")
		// Line 5 (the second enterprise's first year): a wrong check digit
		// of its USCC; line 10 (the third's 2025): revenue not a number.
		bad := lines[3]
		uscc := bad[:18]
		wrong := uscc[:17] + map[bool]string{true: "1", false: "2"}[uscc[17] != '1']
		lines[3], lines[4], lines[5] = strings.Replace(lines[3], uscc, wrong, 1), strings.Replace(lines[4], uscc, wrong, 1), strings.Replace(lines[5], uscc, wrong, 1)
		f := strings.Split(lines[8], ",")
		f[5] = "很多"
		lines[8] = strings.Join(f, ",")
		audits := e.auditCount("population.import")
		p := e.importPopulation("district", populationHeader+"\n"+strings.Join(lines, "\n")+"\n")
		if p.State != "ready" || p.Rows != 1 || p.BadRows != 2 {
			t.Fatalf("population %+v, want ready with 1 row and 2 refused", p)
		}
		var usccErr, revErr bool
		for _, x := range p.Errors {
			if x.Row == 5 && x.Column == "统一社会信用代码" && x.MessageZH != "" && x.Message != "" {
				usccErr = true
			}
			if x.Row == 10 && x.Column == "营业收入（万元）" && strings.Contains(x.MessageZH, "第 10 行") && strings.Contains(x.Message, "row 10") {
				revErr = true
			}
		}
		if !usccErr || !revErr {
			t.Errorf("errors %+v lack line 5's USCC or line 10's revenue", p.Errors)
		}
		if got := e.auditCount("population.import"); got != audits+1 {
			t.Errorf("population.import audit rows %d, want %d", got, audits+1)
		}
		var cands struct {
			Total int `json:"total"`
		}
		e.do("district", "GET", fmt.Sprintf("/api/v1/discovery?population=%d&tier=innovative", p.ID), nil).json(t, &cands)
		if cands.Total != 1 {
			t.Errorf("discovery lists %d rows, want the 1 imported", cands.Total)
		}
	})
}

// TestPopulationScope: a district official sees only the district's rows of
// a city-wide population, in the counts, the discovery results and the
// impact analysis, and cannot import into another district.
func TestPopulationScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		csv := populationHeader + "\n" + strings.Join(populationLines(6, 47, "410105", "410102"), "\n") + "\n"
		p := e.importPopulation("city", csv)
		if p.Rows != 6 || p.InScope != 6 {
			t.Fatalf("city sees %+v, want 6 rows", p)
		}
		if d := e.population("district", p.ID); d.InScope != 3 {
			t.Errorf("district counts %d rows in scope, want 3", d.InScope)
		}
		var cands struct {
			Items []struct {
				Region string `json:"region"`
			} `json:"items"`
			Total int `json:"total"`
		}
		e.do("district", "GET", fmt.Sprintf("/api/v1/discovery?population=%d&tier=srdi&outcome=fail", p.ID), nil).json(t, &cands)
		for _, c := range cands.Items {
			if c.Region != "410105" {
				t.Errorf("district sees a candidate of %s", c.Region)
			}
		}
		var imp struct {
			Total    int64 `json:"total"`
			ByRegion []struct {
				Key string `json:"key"`
			} `json:"by_region"`
		}
		path := fmt.Sprintf("/api/v1/impact?from=srdi@2022&to=srdi@2026&population=%d", p.ID)
		e.do("district", "GET", path, nil).json(t, &imp)
		if imp.Total != 3 || len(imp.ByRegion) != 1 || imp.ByRegion[0].Key != "410105" {
			t.Errorf("district's impact: %+v, want 3 rows of 410105", imp)
		}
		e.do("city", "GET", path, nil).json(t, &imp)
		if imp.Total != 6 || len(imp.ByRegion) != 2 {
			t.Errorf("city's impact: %+v, want 6 rows of 2 districts", imp)
		}
		// The district may not import 中原区's enterprises: each row is refused.
		d := e.importPopulation("district", populationHeader+"\n"+strings.Join(populationLines(1, 53, "410102"), "\n")+"\n")
		if d.Rows != 0 || d.BadRows != 1 {
			t.Errorf("district imported another district's row: %+v", d)
		}
		if res := e.do("enterprise", "GET", path, nil); res.status != 403 {
			t.Errorf("enterprise account: %s, want 403", res)
		}
	})
}
