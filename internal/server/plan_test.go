package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"zjtx/internal/demo"
	"zjtx/internal/testdb"
)

// weakProfile is testdb.WeakExample as a new enterprise of region, as the
// API takes it.
func weakProfile(t testing.TB, region string, n int) map[string]any {
	t.Helper()
	p := testdb.WeakExample(t)
	p.USCC, p.Region, p.Name = testdb.USCC(region, n), region, fmt.Sprintf("郑州培育测试%d有限公司", n)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// planJSON is the part of a plan the tests read.
type planJSON struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id"`
	Tier         string `json:"tier"`
	ScoreNow     *int   `json:"score_now"`
	ScoreDone    *int   `json:"score_done"`
	Tasks        []struct {
		ID       int64  `json:"id"`
		SourceID string `json:"source_id"`
		Target   struct {
			Path string `json:"path"`
			To   any    `json:"to"`
		} `json:"target"`
		Summary string `json:"summary"`
		Owner   struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
		} `json:"owner"`
		Due      string `json:"due"`
		Status   string `json:"status"`
		Regained *int   `json:"regained"`
		Evidence *struct {
			ID  int64  `json:"id"`
			URL string `json:"url"`
		} `json:"evidence"`
	} `json:"tasks"`
}

// newPlan creates a weak 金水区 enterprise (n unique) and its 科技型 plan,
// as the city.
func (e *env) newPlan(n int) planJSON {
	e.t.Helper()
	var ent struct {
		ID int64 `json:"id"`
	}
	res := e.do("city", "POST", "/api/v1/enterprises", weakProfile(e.t, "410105", n))
	if res.status != http.StatusCreated {
		e.t.Fatalf("create: %s", res)
	}
	res.json(e.t, &ent)
	res = e.do("city", "POST", fmt.Sprintf("/api/v1/enterprises/%d/plans", ent.ID), map[string]any{"tier": "tech_sme"})
	if res.status != http.StatusCreated {
		e.t.Fatalf("plan: %s", res)
	}
	var p planJSON
	res.json(e.t, &p)
	return p
}

// closeForm is a task's close: the evidence file and the JSON part.
func closeForm(t testing.TB, filename string, file []byte, data string) form {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if filename != "" {
		w, err := mw.CreateFormFile("evidence", filename)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(file)
	}
	if data != "" {
		_ = mw.WriteField("data", data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return form{b.Bytes(), mw.FormDataContentType()}
}

// closedEvidence closes a fresh plan's first task and returns the
// evidence's id.
func (e *env) closedEvidence(n int) int64 {
	e.t.Helper()
	p := e.newPlan(n)
	res := e.do("city", "POST", fmt.Sprintf("/api/v1/plans/%d/tasks/%d/close", p.ID, p.Tasks[0].ID),
		closeForm(e.t, "审计报告.pdf", demo.PDF("audit"), `{"value": 180}`))
	var out struct {
		Task struct {
			Evidence struct {
				ID int64 `json:"id"`
			} `json:"evidence"`
		} `json:"task"`
	}
	res.json(e.t, &out)
	return out.Task.Evidence.ID
}

func TestPlanAPI(t *testing.T) {
	e := newEnv(t, "sqlite")
	p := e.newPlan(3001)
	t.Run("Generated", func(t *testing.T) {
		if p.Tier != "tech_sme" || p.ScoreNow == nil || p.ScoreDone == nil || *p.ScoreNow >= *p.ScoreDone || len(p.Tasks) == 0 {
			t.Fatalf("plan %+v; want tech_sme with scores rising and tasks", p)
		}
		task := p.Tasks[0]
		if task.SourceID != "K2" || task.Target.Path != "years.2025.rd_expense" || task.Target.To == nil ||
			task.Owner.Kind != "user" || task.Owner.Name != "郑州市工业和信息化局" || task.Due == "" || task.Status != "open" {
			t.Errorf("first task %+v; want K2's R&D target owned by the caller", task)
		}
	})
	closeURL := fmt.Sprintf("/api/v1/plans/%d/tasks/%d/close", p.ID, p.Tasks[0].ID)
	for _, tt := range []struct {
		name   string
		body   form
		status int
		field  string
		words  string
	}{
		{"NoFile", closeForm(t, "", nil, `{"value": 180}`), 400, "evidence", "请上传证明材料"},
		{"NoData", closeForm(t, "a.pdf", demo.PDF("x"), ""), 400, "data", "缺少 JSON"},
		{"NotWhatItsNameSays", closeForm(t, "审计报告.pdf", []byte("<html><script>alert(1)</script></html>"), `{"value": 180}`), 400, "evidence", "文件类型不受支持"},
		{"ImageNamedPDF", closeForm(t, "审计报告.pdf", []byte("\x89PNG\r\n\x1a\n0000"), `{"value": 180}`), 400, "evidence", "不符"},
		{"BadValue", closeForm(t, "a.pdf", demo.PDF("x"), `{"value": "很多"}`), 400, "value", "应为数值"},
		{"UnknownField", closeForm(t, "a.pdf", demo.PDF("x"), `{"value": 180, "vlaue": 1}`), 400, "data", ""},
	} {
		t.Run("Refused/"+tt.name, func(t *testing.T) {
			res := e.do("district", "POST", closeURL, tt.body)
			var eb struct {
				Error struct {
					Message string `json:"message"`
					Fields  []struct {
						Path string `json:"path"`
					} `json:"fields"`
				} `json:"error"`
			}
			res.json(t, &eb)
			if res.status != tt.status || len(eb.Error.Fields) == 0 || eb.Error.Fields[0].Path != tt.field || !strings.Contains(string(res.body), tt.words) {
				t.Errorf("%s; want %d naming %s with %q", res, tt.status, tt.field, tt.words)
			}
		})
	}
	t.Run("TooLargeBoundedBeforeParsing", func(t *testing.T) {
		big := append([]byte("%PDF-1.4\n"), make([]byte, 22<<20)...)
		res := e.do("district", "POST", closeURL, closeForm(t, "big.pdf", big, `{"value": 180}`))
		if res.status != http.StatusRequestEntityTooLarge {
			t.Errorf("a 22 MB upload: %d; want 413", res.status)
		}
	})
	var closed struct {
		Task struct {
			Status   string `json:"status"`
			Regained *int   `json:"regained"`
			Outcome  string `json:"outcome"`
			Evidence struct {
				ID     int64  `json:"id"`
				SHA256 string `json:"sha256"`
				URL    string `json:"url"`
			} `json:"evidence"`
		} `json:"task"`
		Plan       planJSON `json:"plan"`
		Assessment struct {
			ID   int64  `json:"id"`
			Tier string `json:"tier"`
		} `json:"assessment"`
	}
	t.Run("Close", func(t *testing.T) {
		res := e.do("district", "POST", closeURL, closeForm(t, "研发费用专项审计报告.pdf", demo.PDF("audit 2025"), `{"value": 180}`))
		if res.status != http.StatusOK {
			t.Fatalf("close: %s", res)
		}
		res.json(t, &closed)
		if closed.Task.Status != "done" || closed.Task.Regained == nil || *closed.Task.Regained <= 0 || closed.Assessment.ID == 0 || closed.Assessment.Tier != "tech_sme" {
			t.Errorf("closed %+v; want done, points regained and a tech_sme assessment", closed)
		}
		if res := e.do("district", "POST", closeURL, closeForm(t, "a.pdf", demo.PDF("x"), `{"value": 190}`)); res.status != http.StatusConflict {
			t.Errorf("closing again: %s; want 409", res)
		}
	})
	t.Run("EvidenceDownload", func(t *testing.T) {
		for _, tc := range []struct {
			role   string
			status int
		}{{"city", 200}, {"district", 200}, {"enterprise", 404}, {"bank", 404}, {"institution", 404}, {"", 401}} {
			res := e.do(tc.role, "GET", closed.Task.Evidence.URL, nil)
			if res.status != tc.status {
				t.Errorf("%s: %d; want %d", roleName(tc.role), res.status, tc.status)
				continue
			}
			if tc.status != 200 {
				continue
			}
			cd := res.header.Get("Content-Disposition")
			if !bytes.Equal(res.body, demo.PDF("audit 2025")) || res.header.Get("Content-Type") != "application/pdf" ||
				!strings.HasPrefix(cd, "attachment; ") || !strings.Contains(cd, "filename*=UTF-8''%E7%A0%94") || res.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("download %q %q: %d bytes", res.header.Get("Content-Type"), cd, len(res.body))
			}
		}
	})
	t.Run("List", func(t *testing.T) {
		var list struct {
			Items []planJSON `json:"items"`
			Total int        `json:"total"`
		}
		res := e.do("district", "GET", fmt.Sprintf("/api/v1/enterprises/%d/plans", p.EnterpriseID), nil)
		res.json(t, &list)
		if list.Total != 1 || list.Items[0].ID != p.ID || list.Items[0].Tasks[0].Status != "done" || list.Items[0].Tasks[0].Evidence == nil {
			t.Errorf("list %s; want the plan with its closed task", res)
		}
	})
	t.Run("BadInput", func(t *testing.T) {
		id := p.EnterpriseID
		for _, tc := range []struct {
			body  string
			field string
		}{
			{`{"tier": "champion"}`, "tier"},
			{`{"tier": "tech_sme", "due": "明天"}`, "due"},
			{`{"tier": "tech_sme", "due": "2020-01-01"}`, "due"},
			{`{"tier": "tech_sme", "owner": {"user_id": 999999}}`, "owner"},
			{`{"tier": "innovative"}`, "tier"}, // met already
		} {
			res := e.do("district", "POST", fmt.Sprintf("/api/v1/enterprises/%d/plans", id), tc.body)
			if res.status != 400 || !strings.Contains(string(res.body), `"path":"`+tc.field+`"`) {
				t.Errorf("%s: %s; want 400 naming %s", tc.body, res, tc.field)
			}
		}
	})
}
