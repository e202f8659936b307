package sqlstore_test

import (
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/library"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

func TestPolicyLibrary(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		docs := []*library.Doc{
			{Title: "优质中小企业梯度培育管理暂行办法", DocNo: "工信部企业[2022]63号", Issuer: "工业和信息化部", Level: library.LevelNational,
				IssuedOn: profile.MustDate("2022-06-01"), ValidTo: profile.MustDate("2026-03-31"), Tags: []string{"梯度培育", "认定标准"},
				Body: "第一章 总则 为提升中小企业创新能力和专业化水平，促进中小企业高质量发展，助力实现产业基础高级化和产业链现代化。"},
			{Title: "2025年郑州市专精特新企业梯度培育实施方案", DocNo: "郑工信企业〔2025〕4号", Issuer: "郑州市工业和信息化局",
				Level: library.LevelMunicipal, IssuedOn: profile.MustDate("2025-02-11"), Tags: []string{"梯度培育", "免申即享"},
				Body: "对首次认定的国家级专精特新“小巨人”企业给予奖励，实行免申即享。"},
		}
		for _, d := range docs {
			if err := s.SavePolicyDoc(city, d); err != nil {
				t.Fatal(err)
			}
		}
		if docs[0].DocNo != "工信部企业〔2022〕63号" {
			t.Errorf("doc_no stored as %q, want the brackets normalised", docs[0].DocNo)
		}
		for _, tc := range []struct {
			name string
			f    sqlstore.PolicyDocFilter
			want []int64
		}{
			{"all, newest first", sqlstore.PolicyDocFilter{}, []int64{docs[1].ID, docs[0].ID}},
			{"a word of the text", sqlstore.PolicyDocFilter{Q: "免申即享"}, []int64{docs[1].ID}},
			{"words of the body", sqlstore.PolicyDocFilter{Q: "产业链现代化"}, []int64{docs[0].ID}},
			{"title hits first", sqlstore.PolicyDocFilter{Q: "梯度培育"}, []int64{docs[1].ID, docs[0].ID}},
			{"by 文号", sqlstore.PolicyDocFilter{Q: "63号"}, []int64{docs[0].ID}},
			{"by level", sqlstore.PolicyDocFilter{Level: library.LevelNational}, []int64{docs[0].ID}},
			{"by tag", sqlstore.PolicyDocFilter{Tag: "免申即享"}, []int64{docs[1].ID}},
			{"no match", sqlstore.PolicyDocFilter{Q: "出口退税"}, nil},
		} {
			got, total, err := s.ListPolicyDocs(districtZY, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, d := range got {
				ids = append(ids, d.ID)
				if d.Body != "" {
					t.Errorf("%s: a list carries the full text", tc.name)
				}
			}
			if total != len(tc.want) || len(ids) != len(tc.want) || (len(ids) > 0 && ids[0] != tc.want[0]) {
				t.Errorf("%s: %v (total %d), want %v", tc.name, ids, total, tc.want)
			}
		}
		// Writes: the city only, from the version read; one 文号 once.
		stale := *docs[0]
		docs[0].Title += "（修订）"
		if err := s.SavePolicyDoc(city, docs[0]); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePolicyDoc(city, &stale); !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("stale update: %v, want conflict", err)
		}
		dup := &library.Doc{Title: "重复", DocNo: "工信部企业〔2022〕63号", Level: library.LevelNational, IssuedOn: profile.MustDate("2022-06-01")}
		if err := s.SavePolicyDoc(city, dup); !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("a 文号 twice: %v, want conflict", err)
		}
		if err := s.SavePolicyDoc(districtZY, &library.Doc{Title: "区文件", Level: library.LevelDistrict,
			IssuedOn: profile.MustDate("2025-01-01")}); !apperr.Is(err, apperr.EFORBIDDEN) {
			t.Errorf("district writes the library: %v", err)
		}
		bad := &library.Doc{Title: "", Level: "x"}
		err := s.SavePolicyDoc(city, bad)
		if !apperr.Is(err, apperr.EINVALID) || !strings.Contains(apperr.Message(err), "标题") {
			t.Errorf("bad document: %v", err)
		}
		if _, _, err := s.ListPolicyDocs(enterpriseCtx(1), sqlstore.PolicyDocFilter{}); !apperr.Is(err, apperr.EFORBIDDEN) {
			t.Errorf("an enterprise reads the officials' library: %v", err)
		}
		nos, err := s.PolicyDocNos(city)
		if err != nil || nos["郑工信企业〔2025〕4号"].ID != docs[1].ID {
			t.Errorf("PolicyDocNos: %v %v", nos, err)
		}
		if n := auditCount(t, s, auth.AuditFilter{Entity: "policy_doc"}); n != 3 {
			t.Errorf("%d audit rows, want 3 (two created, one updated)", n)
		}
	})
}

func TestTypicalCases(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := mustCreate(t, s, zhongyuan, "郑州案例精密机械有限公司", 1)
		var k *library.Case
		err := s.WithTx(districtZY, func(tx *sqlstore.Tx) (err error) {
			k, err = tx.DraftCase(districtZY, e.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if k.Status != library.CaseDraft || !strings.Contains(k.Title, e.Name) {
			t.Errorf("draft: %+v", k)
		}
		// Another district neither drafts for the enterprise nor reads the draft.
		err = s.WithTx(districtEQ, func(tx *sqlstore.Tx) error {
			if _, err := tx.DraftCase(districtEQ, e.ID); !apperr.Is(err, apperr.ENOTFOUND) {
				t.Errorf("draft out of scope: %v", err)
			}
			if _, err := tx.GetCase(districtEQ, k.ID); !apperr.Is(err, apperr.ENOTFOUND) {
				t.Errorf("read out of scope: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		publicCount := func() int {
			var n int
			_ = s.WithTx(city, func(tx *sqlstore.Tx) error {
				list, err := tx.PublishedCases(city, 0)
				n = len(list)
				return err
			})
			return n
		}
		if n := publicCount(); n != 0 {
			t.Errorf("a draft is public: %d", n)
		}
		stale := *k
		k.Measures, k.Status = "1. 建成省级企业技术中心。", library.CasePublished
		if err := s.WithTx(districtZY, func(tx *sqlstore.Tx) error { return tx.SaveCase(districtZY, k) }); err != nil {
			t.Fatal(err)
		}
		if k.PublishedAt.IsZero() || publicCount() != 1 {
			t.Errorf("published: at %v, %d public", k.PublishedAt, publicCount())
		}
		err = s.WithTx(districtZY, func(tx *sqlstore.Tx) error { return tx.SaveCase(districtZY, &stale) })
		if !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("stale save: %v", err)
		}
		if n := auditCount(t, s, auth.AuditFilter{Entity: "case"}); n != 2 {
			t.Errorf("%d audit rows, want 2", n)
		}
	})
}
