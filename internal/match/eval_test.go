package match_test

import (
	"context"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/match"
	"zjtx/internal/match/llm"
	"zjtx/internal/match/llm/llmtest"
)

// catalogue is testdata/catalogue.yaml: products of every category.
type catalogue struct {
	Products []struct {
		ID          int64    `yaml:"id"`
		Category    string   `yaml:"category"`
		Institution string   `yaml:"institution"`
		Quality     bool     `yaml:"quality"`
		Name        string   `yaml:"name"`
		Description string   `yaml:"description"`
		Tiers       []string `yaml:"tiers"`
		Chains      []string `yaml:"chains"`
		Regions     []string `yaml:"regions"`
	} `yaml:"products"`
}

// judgement is one demand of testdata/judgements.yaml with the graded
// relevance of products to it (2 what it asks for, 1 useful, 0 not).
type judgement struct {
	Text     string        `yaml:"text"`
	FromGap  string        `yaml:"from_gap"`
	Relevant map[int64]int `yaml:"relevant"`
}

func loadYAML(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func catalogueDocs(t testing.TB) []match.Doc {
	var c catalogue
	loadYAML(t, "testdata/catalogue.yaml", &c)
	docs := make([]match.Doc, len(c.Products))
	for i, p := range c.Products {
		docs[i] = match.Doc{ID: p.ID, Name: p.Name, Category: p.Category, Description: p.Description,
			Institution: p.Institution, Tiers: p.Tiers, Chains: p.Chains, Regions: p.Regions, QualityList: p.Quality}
	}
	return docs
}

func judgements(t testing.TB) []judgement {
	var j struct {
		Demands []judgement `yaml:"demands"`
	}
	loadYAML(t, "testdata/judgements.yaml", &j)
	return j.Demands
}

// metrics are the mean Recall@5, NDCG@5 and MRR over the demands.
type metrics struct {
	Recall5, NDCG5, MRR float64
	Demands, Judged     int
}

// evaluate runs each demand through rank and scores the ranking against the
// judgements. Recall@5: the share of the relevant products (grade ≥ 1) in
// the top five. NDCG@5: gain 2^grade − 1, discounted by log2(rank + 1),
// over the ideal ordering of the judged products. MRR: 1 / the rank of the
// first relevant product (0 when none is ranked).
func evaluate(js []judgement, rank func(match.Query) []int64) metrics {
	var m metrics
	for _, j := range js {
		got := rank(match.Query{Text: j.Text, FromGap: j.FromGap, Limit: 10})
		var relevant int
		var grades []int
		for _, g := range j.Relevant {
			if g > 0 {
				relevant++
				grades = append(grades, g)
			}
		}
		slices.SortFunc(grades, func(a, b int) int { return b - a })
		var hits int
		var dcg, idcg, rr float64
		for i, id := range got {
			g := j.Relevant[id]
			if g > 0 && rr == 0 {
				rr = 1 / float64(i+1)
			}
			if i < 5 {
				if g > 0 {
					hits++
				}
				dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
			}
		}
		for i, g := range grades[:min(5, len(grades))] {
			idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
		}
		m.Recall5 += float64(hits) / float64(relevant)
		m.NDCG5 += dcg / idcg
		m.MRR += rr
		m.Demands++
		m.Judged += len(j.Relevant)
	}
	n := float64(m.Demands)
	m.Recall5 /= n
	m.NDCG5 /= n
	m.MRR /= n
	return m
}

func ids(rs []match.Result) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.DocID
	}
	return out
}

// TestLexicalEvaluation measures the lexical ranker on the labelled set and
// holds it to Recall@5 ≥ 0.8.
func TestLexicalEvaluation(t *testing.T) {
	if match.DictionaryMissing() {
		t.Fatal("the segmenter's dictionary was not generated: run make assets (internal/match/dict/README.md)")
	}
	ix, err := match.NewIndex(catalogueDocs(t))
	if err != nil {
		t.Fatal(err)
	}
	js := judgements(t)
	m := evaluate(js, func(q match.Query) []int64 { return ids(ix.Search(q)) })
	t.Logf("lexical: %d demands, %d judgements: Recall@5 %.3f  NDCG@5 %.3f  MRR %.3f", m.Demands, m.Judged, m.Recall5, m.NDCG5, m.MRR)
	if m.Judged < 200 {
		t.Errorf("the labelled set has %d judgements, want ≥ 200", m.Judged)
	}
	if m.Recall5 < 0.8 {
		t.Errorf("lexical Recall@5 = %.3f, want ≥ 0.8", m.Recall5)
	}
	if testing.Verbose() {
		for _, j := range js {
			got := ids(ix.Search(match.Query{Text: j.Text, FromGap: j.FromGap, Limit: 5}))
			for id, g := range j.Relevant {
				if g > 0 && !slices.Contains(got, id) {
					t.Logf("miss %d (grade %d) for %q: got %v", id, g, j.Text, got)
				}
			}
		}
	}
}

// TestHybridEvaluation measures the hybrid ranker on the labelled set with
// the fake endpoint's embeddings (hashed character bigrams: this tests the
// fusion's plumbing, not a language model). With ZJTX_LLM_EVAL_URL (and
// ZJTX_LLM_EVAL_EMBED, optionally ZJTX_LLM_EVAL_CHAT and ZJTX_LLM_KEY) it
// measures a real endpoint instead.
func TestHybridEvaluation(t *testing.T) {
	cfg := llm.Config{URL: os.Getenv("ZJTX_LLM_EVAL_URL"), EmbedModel: os.Getenv("ZJTX_LLM_EVAL_EMBED"),
		ChatModel: os.Getenv("ZJTX_LLM_EVAL_CHAT"), Key: os.Getenv("ZJTX_LLM_KEY"),
		EmbedTimeout: 30 * time.Second, ChatTimeout: 60 * time.Second}
	name := "real endpoint " + cfg.URL
	if cfg.URL == "" {
		fake := llmtest.New()
		defer fake.Close()
		cfg = llm.Config{URL: fake.URL, EmbedModel: "fake-hash-bigram"}
		name = "fake endpoint"
	}
	client, err := llm.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := match.NewService(catalogueDocs(t), match.Options{Model: client})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	var engines = map[string]int{}
	m := evaluate(judgements(t), func(q match.Query) []int64 {
		resp := svc.Search(context.Background(), q)
		engines[resp.Engine]++
		return ids(resp.Results)
	})
	t.Logf("hybrid (%s, %s): Recall@5 %.3f  NDCG@5 %.3f  MRR %.3f", name, cfg.EmbedModel, m.Recall5, m.NDCG5, m.MRR)
	if engines[match.EngineHybrid] != m.Demands {
		t.Errorf("engines %v: want every demand matched hybrid", engines)
	}
}
