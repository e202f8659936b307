package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"zjtx/internal/match/llm"
	"zjtx/internal/server"
)

// matchAnswer is POST /api/v1/match's answer.
type matchAnswer struct {
	Items []struct {
		ProductID   int64   `json:"product_id"`
		Name        string  `json:"name"`
		Institution string  `json:"institution"`
		Category    string  `json:"category"`
		Score       float64 `json:"score"`
		Why         struct {
			Terms []struct {
				Term  string  `json:"term"`
				Field string  `json:"field"`
				Share float64 `json:"share"`
			} `json:"terms"`
			Filters []string       `json:"filters"`
			Model   map[string]any `json:"model"`
		} `json:"why"`
	} `json:"items"`
	Engine string `json:"engine"`
	Note   string `json:"note"`
}

// match asks POST /api/v1/match as role and decodes the answer.
func (e *env) match(role string, body map[string]any) matchAnswer {
	e.t.Helper()
	var v matchAnswer
	e.mustDo(role, "POST", "/api/v1/match", body, http.StatusOK).json(e.t, &v)
	return v
}

func TestMatchQuery(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		t.Run("RanksAndExplains", func(t *testing.T) {
			v := e.match("enterprise", map[string]any{"text": "我们想申请几件发明专利，做专利布局", "tier": "srdi", "region": "410105", "limit": 5})
			if v.Engine != "lexical" || len(v.Items) == 0 || len(v.Items) > 5 {
				t.Fatalf("engine %q, %d items; want lexical, 1..5", v.Engine, len(v.Items))
			}
			top := v.Items[0]
			if top.Category != "知识产权" || top.Name == "" || top.Institution == "" || top.Score <= 0 {
				t.Errorf("top item %+v, want a named 知识产权 product with a score", top)
			}
			var share float64
			for _, term := range top.Why.Terms {
				share += term.Share
			}
			if len(top.Why.Terms) == 0 || share < 0.99 || share > 1.01 {
				t.Errorf("why.terms %+v: want matched terms whose shares add up to 1", top.Why.Terms)
			}
			if !slices.ContainsFunc(top.Why.Filters, func(f string) bool { return strings.HasPrefix(f, "梯度：专精特新中小企业") }) {
				t.Errorf("why.filters %v: want the tier filter named", top.Why.Filters)
			}
			if top.Why.Model != nil {
				t.Errorf("why.model %v without a model configured", top.Why.Model)
			}
		})
		t.Run("CategoryFilter", func(t *testing.T) {
			for _, it := range e.match("district", map[string]any{"text": "专利", "category": "法律服务"}).Items {
				if it.Category != "法律服务" {
					t.Errorf("%s is %s, want only 法律服务", it.Name, it.Category)
				}
			}
		})
		t.Run("InstitutionOwnProductsOnly", func(t *testing.T) {
			var own struct {
				Items []struct {
					ID int64 `json:"id"`
				} `json:"items"`
			}
			e.mustDo("institution", "GET", "/api/v1/products?limit=500", nil, http.StatusOK).json(t, &own)
			mine := map[int64]bool{}
			for _, p := range own.Items {
				mine[p.ID] = true
			}
			v := e.match("institution", map[string]any{"text": "专利 数字化 融资 培训", "limit": 100})
			if len(v.Items) == 0 {
				t.Fatal("the institution matches none of its own products")
			}
			for _, it := range v.Items {
				if !mine[it.ProductID] {
					t.Errorf("the institution sees product %d (%s of %s), not its own", it.ProductID, it.Name, it.Institution)
				}
			}
			if all := e.match("city", map[string]any{"text": "专利 数字化 融资 培训", "limit": 100}); len(all.Items) <= len(v.Items) {
				t.Errorf("the city sees %d products, the institution %d: want the city to see more", len(all.Items), len(v.Items))
			}
		})
		t.Run("BadInput", func(t *testing.T) {
			for _, c := range []struct {
				name string
				body map[string]any
				want []string
			}{
				{"EmptyText", map[string]any{"text": "  "}, []string{"请填写需求描述", "text: required"}},
				{"LimitTooLarge", map[string]any{"text": "专利", "limit": 101}, []string{"结果数", "limit"}},
				{"NegativeLimit", map[string]any{"text": "专利", "limit": -1}, []string{"结果数", "limit"}},
				{"UnknownTier", map[string]any{"text": "专利", "tier": "gold"}, []string{"梯度", "tier"}},
				{"UnknownRegion", map[string]any{"text": "专利", "region": "999999"}, []string{"区县", "region"}},
				{"UnknownCategory", map[string]any{"text": "专利", "category": "餐饮"}, []string{"服务类别", "category"}},
				{"UnknownField", map[string]any{"text": "专利", "chain": "x"}, nil},
			} {
				t.Run(c.name, func(t *testing.T) {
					res := e.do("enterprise", "POST", "/api/v1/match", c.body)
					if res.status != http.StatusBadRequest {
						t.Fatalf("%s, want 400", res)
					}
					for _, w := range c.want {
						if !strings.Contains(string(res.body), w) {
							t.Errorf("%s: message lacks %q", res.body, w)
						}
					}
				})
			}
		})
		t.Run("BankAndAnonymousRefused", func(t *testing.T) {
			for role, want := range map[string]int{"bank": http.StatusForbidden, "": http.StatusUnauthorized} {
				if res := e.do(role, "POST", "/api/v1/match", map[string]any{"text": "专利"}); res.status != want {
					t.Errorf("as %q: %s, want %d", role, res, want)
				}
			}
		})
	})
}

// TestMatchFollowsCatalogue: a product created is matched once the
// match_refresh job has run, and a withdrawn one no longer is.
func TestMatchFollowsCatalogue(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		const text = "碳足迹核算与产品碳标签认证"
		found := func() bool {
			for _, it := range e.match("city", map[string]any{"text": text, "limit": 100}).Items {
				if it.Name == "碳足迹核算服务" {
					return true
				}
			}
			return false
		}
		waitFor := func(want bool, what string) {
			t.Helper()
			deadline := time.Now().Add(15 * time.Second)
			for found() != want {
				if time.Now().After(deadline) {
					t.Fatalf("after 15 s: %s", what)
				}
				time.Sleep(200 * time.Millisecond)
			}
		}
		if found() {
			t.Fatal("matched before it exists")
		}
		id, version := e.idOf(e.mustDo("institution", "POST", "/api/v1/products", map[string]any{"name": "碳足迹核算服务",
			"category": "检验检测", "description": "产品碳足迹核算、碳标签认证辅导"}, http.StatusCreated))
		waitFor(true, "the new product is not matched")
		e.mustDo("institution", "PUT", fmt.Sprintf("/api/v1/products/%d", id), map[string]any{"name": "碳足迹核算服务",
			"category": "检验检测", "status": "withdrawn", "version": version}, http.StatusOK)
		waitFor(false, "the withdrawn product is still matched")
	})
}

// TestMatchDeadModel: with --llm-url on a port nobody listens on, a match
// answers at once, lexically.
func TestMatchDeadModel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	e := newEnv(t, "sqlite", func(c *server.Config) {
		c.LLM = llm.Config{URL: dead, EmbedModel: "bge-m3", ChatModel: "qwen2.5-7b-instruct"}
	})
	e.match("enterprise", map[string]any{"text": "专利"}) // the catalogue is built
	for i := range 3 {
		start := time.Now()
		v := e.match("enterprise", map[string]any{"text": "想做两化融合贯标和数字化车间改造"})
		if took := time.Since(start); took >= time.Second {
			t.Errorf("match %d took %v with the model down, want < 1 s", i, took)
		}
		if v.Engine != "lexical" || len(v.Items) == 0 || v.Note == "" {
			t.Errorf("match %d: engine %q, %d items, note %q; want lexical results and a note", i, v.Engine, len(v.Items), v.Note)
		}
	}
}

// BenchmarkMatchHTTP times POST /api/v1/match over loopback HTTP on the
// demo catalogue, one client after another, as an enterprise: the
// latency a user sees, JSON and authentication included. It reports the
// median and the 99th percentile.
//
//	go test -run '^$' -bench MatchHTTP -benchtime 2000x ./internal/server
func BenchmarkMatchHTTP(b *testing.B) {
	e := newEnv(b, "sqlite")
	texts := []string{
		"我们想申请几件发明专利，做专利布局", "生产线想做数字化改造，上 MES 系统", "需要做两化融合管理体系贯标",
		"想申报省级企业技术中心", "产品要出口欧洲，需要 CE 认证和海外市场开拓", "缺少流动资金，想申请专精特新贷",
		"想请专家做精益生产管理咨询", "研发费用加计扣除不会做，需要财税辅导", "新产品需要第三方检测报告",
		"想和高校合作做科技成果转化",
	}
	bodies := make([][]byte, len(texts))
	for i, t := range texts {
		bodies[i], _ = json.Marshal(map[string]any{"text": t, "limit": 10})
	}
	token := e.token("enterprise")
	e.match("enterprise", map[string]any{"text": "专利"}) // the catalogue is built
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		req, _ := http.NewRequest("POST", e.app.URL()+"/api/v1/match", bytes.NewReader(bodies[i%len(bodies)]))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		res, err := e.http.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		lat = append(lat, time.Since(start))
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(pct(lat, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pct(lat, 99).Microseconds())/1000, "p99-ms")
}
