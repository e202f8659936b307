package match_test

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"zjtx/internal/match"
)

// smallDocs are a few products that differ in one respect each.
var smallDocs = []match.Doc{
	{ID: 1, Name: "发明专利申请代理", Category: "知识产权", Description: "专利挖掘、撰写和答复审查意见。", Institution: "甲代理所"},
	{ID: 2, Name: "知识产权管理体系贯标", Category: "知识产权", Description: "辅导建立知识产权管理体系并通过认证。", Institution: "乙服务公司", QualityList: true},
	{ID: 3, Name: "专精特新贷", Category: "融资服务", Description: "纯信用贷款，随借随还。", Tiers: []string{"专精特新", "小巨人"}, Regions: []string{"金水区"}},
	{ID: 4, Name: "知识产权质押贷款", Category: "融资服务", Description: "以专利质押获得贷款。", Regions: []string{match.AllRegions}},
	{ID: 5, Name: "MES生产执行系统实施", Category: "数智改造", Description: "车间排产、报工和质量追溯。", Chains: []string{"装备制造"}},
	{ID: 6, Name: "中小企业数字化转型诊断", Category: "数智改造", Description: "入企诊断并出具改造方案。"},
}

func smallIndex(t testing.TB) *match.Index {
	t.Helper()
	ix, err := match.NewIndex(smallDocs)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestSearchFilters(t *testing.T) {
	ix := smallIndex(t)
	tests := []struct {
		name string
		q    match.Query
		want []int64 // exactly these, in any order
	}{
		{"category", match.Query{Text: "专利 贷款", Category: "融资服务"}, []int64{3, 4}},
		{"tier: listed, or serving every tier", match.Query{Text: "贷款", Tier: "创新型"}, []int64{4}},
		{"tier met", match.Query{Text: "贷款", Tier: "专精特新"}, []int64{3, 4}},
		{"region: listed, 全市, or none", match.Query{Text: "贷款", Region: "二七区"}, []int64{4}},
		{"region met", match.Query{Text: "贷款", Region: "金水区"}, []int64{3, 4}},
		{"chain", match.Query{Text: "数字化 MES", Chain: "现代食品"}, []int64{6}},
		{"no terms: the filtered list", match.Query{Category: "数智改造"}, []int64{5, 6}},
		{"nothing matches", match.Query{Text: "海外仓"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(ix.Search(tt.q))
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchExplains(t *testing.T) {
	ix := smallIndex(t)
	rs := ix.Search(match.Query{Text: "想申请发明专利", Tier: "专精特新", Region: "金水区", FromGap: "知识产权弱（Ⅰ类知识产权 0 项）"})
	if len(rs) == 0 || rs[0].DocID != 1 {
		t.Fatalf("first = %v, want product 1", ids(rs))
	}
	for _, r := range rs {
		var sum float64
		for _, h := range r.Why.Terms {
			if h.Share <= 0 || h.Share > 1 {
				t.Errorf("product %d: term %+v has share outside (0, 1]", r.DocID, h)
			}
			if !slices.Contains([]string{"name", "category", "description"}, h.Field) {
				t.Errorf("product %d: term %+v has an unknown field", r.DocID, h)
			}
			sum += h.Share
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("product %d: shares add up to %v, want 1", r.DocID, sum)
		}
		if r.Why.Gap == "" {
			t.Errorf("product %d: the gap item is missing from the explanation", r.DocID)
		}
	}
	why := rs[0].Why
	if !slices.ContainsFunc(why.Terms, func(h match.TermHit) bool { return h.Term == "发明专利" && h.Field == "name" }) {
		t.Errorf("terms = %+v, want 发明专利 in name", why.Terms)
	}
	if !slices.Contains(why.Filters, "梯度：专精特新（服务不限）") || !slices.Contains(why.Filters, "区域：金水区（服务不限）") {
		t.Errorf("filters = %v", why.Filters)
	}
	if len(why.Boosts) != 1 || !strings.Contains(why.Boosts[0], "知识产权") {
		t.Errorf("boosts = %v, want the gap's category boost", why.Boosts)
	}
}

func TestSynonymsAndBoosts(t *testing.T) {
	ix := smallIndex(t)
	// 专利 finds the 知识产权 products through the synonym group; the term
	// says which query word it stands for.
	rs := ix.Search(match.Query{Text: "专利", Category: "知识产权"})
	var via bool
	for _, r := range rs {
		for _, h := range r.Why.Terms {
			if h.Term == "知识产权" && h.Via == "专利" {
				via = true
			}
		}
	}
	if !via {
		t.Errorf("no term matched as a synonym of 专利: %+v", rs)
	}
	// Two products equal but for the quality list: the listed one first.
	docs := []match.Doc{
		{ID: 10, Name: "商标注册", Category: "知识产权"},
		{ID: 11, Name: "商标注册", Category: "知识产权", QualityList: true},
	}
	ix2, _ := match.NewIndex(docs)
	rs = ix2.Search(match.Query{Text: "商标"})
	if got := ids(rs); !slices.Equal(got, []int64{11, 10}) || !strings.Contains(strings.Join(rs[0].Why.Boosts, ""), "优质服务机构清单") {
		t.Errorf("quality list: got %v %v", got, rs[0].Why.Boosts)
	}
}

func TestIndexAddRemove(t *testing.T) {
	ix := smallIndex(t)
	if n := ix.Len(); n != len(smallDocs) {
		t.Fatalf("Len = %d", n)
	}
	ix.Add(match.Doc{ID: 7, Name: "跨境电商出海孵化", Category: "出海服务"})
	if got := ids(ix.Search(match.Query{Text: "跨境电商"})); !slices.Equal(got, []int64{7}) {
		t.Errorf("after Add: %v, want [7]", got)
	}
	// Replacing a product re-indexes its text.
	ix.Add(match.Doc{ID: 7, Name: "代理记账", Category: "财税服务"})
	if got := ids(ix.Search(match.Query{Text: "跨境电商"})); len(got) != 0 {
		t.Errorf("after replace, the old text still matches: %v", got)
	}
	if !ix.Remove(7) || ix.Remove(7) {
		t.Error("Remove: want true once, then false")
	}
	if got := ids(ix.Search(match.Query{Text: "代理记账"})); slices.Contains(got, 7) {
		t.Errorf("after Remove: %v", got)
	}
	if n := ix.Len(); n != len(smallDocs) {
		t.Errorf("Len = %d after add and remove", n)
	}
}

func TestRemoveManyCompacts(t *testing.T) {
	ix, _ := match.NewIndex(nil)
	for i := range int64(3000) {
		ix.Add(match.Doc{ID: i, Name: "检验检测", Category: "检验检测"})
	}
	for i := range int64(2990) {
		ix.Remove(i)
	}
	if got := ids(ix.Search(match.Query{Text: "检测", Limit: 100})); len(got) != 10 {
		t.Errorf("after removing 2990 of 3000: %d results, want 10", len(got))
	}
}

func TestFuse(t *testing.T) {
	got, score := match.Fuse([]int64{1, 2, 3}, []int64{3, 1, 4})
	// 1: 1/61+1/62, 3: 1/63+1/61, 2: 1/62, 4: 1/63.
	if want := []int64{1, 3, 2, 4}; !slices.Equal(got, want) {
		t.Errorf("Fuse = %v, want %v", got, want)
	}
	if math.Abs(score[1]-(1.0/61+1.0/62)) > 1e-12 {
		t.Errorf("score[1] = %v", score[1])
	}
}

// TestWhyJSON pins the explanation's JSON, which the API returns as "why".
func TestWhyJSON(t *testing.T) {
	why := match.Why{
		Terms:   []match.TermHit{{Term: "知识产权", Field: "category", Share: 1, Via: "专利"}},
		Filters: []string{"区域：金水区"},
		Gap:     "知识产权弱",
		Model:   &match.ModelOpinion{Model: "bge-m3", Similarity: 0.5, VectorRank: 2, LexicalRank: 1, ChatModel: "qwen", Reranked: 1, Reason: "对口"},
	}
	b, err := json.Marshal(why)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"terms":[{"term":"知识产权","field":"category","share":1,"via":"专利"}],"filters":["区域：金水区"],"gap":"知识产权弱",` +
		`"model":{"model":"bge-m3","similarity":0.5,"vector_rank":2,"lexical_rank":1,"chat_model":"qwen","reranked":1,"reason":"对口"}}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
}

// TestConcurrentSearchAndUpdate: matches run while products change (run
// with -race).
func TestConcurrentSearchAndUpdate(t *testing.T) {
	ix := smallIndex(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if g == 0 {
					id := int64(100 + i%20)
					ix.Add(match.Doc{ID: id, Name: "专利导航", Category: "知识产权"})
					if i%3 == 0 {
						ix.Remove(id)
					}
					continue
				}
				for _, r := range ix.Search(match.Query{Text: "专利 贷款", Limit: 5}) {
					if r.Score <= 0 {
						t.Errorf("score %v", r.Score)
					}
				}
			}
		}()
	}
	wg.Wait()
}
