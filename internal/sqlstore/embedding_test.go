package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"zjtx/internal/match"
	"zjtx/internal/match/llm"
	"zjtx/internal/match/llm/llmtest"
	"zjtx/internal/sqlstore"
)

func TestProductEmbeddings(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := s.ProductEmbeddings()
		k := match.VectorKey{DocID: 7, Model: "bge-m3", TextHash: match.TextHash("专利代理")}
		if _, ok, err := e.GetVector(ctx, k); ok || err != nil {
			t.Fatalf("empty store: ok %v, err %v", ok, err)
		}
		want := []float32{0.25, -1.5, 3e-7}
		if err := e.PutVector(ctx, k, want); err != nil {
			t.Fatal(err)
		}
		got, ok, err := e.GetVector(ctx, k)
		if !ok || err != nil || !slices.Equal(got, want) {
			t.Fatalf("GetVector = %v, %v, %v; want %v", got, ok, err, want)
		}
		other := k
		other.Model = "text-embedding-3-small"
		if _, ok, _ := e.GetVector(ctx, other); ok {
			t.Error("another model's vector was returned")
		}
		// The product's text changed: the old vector is stale, and the new
		// one replaces it.
		changed := k
		changed.TextHash = match.TextHash("专利代理与布局")
		if _, ok, _ := e.GetVector(ctx, changed); ok {
			t.Error("a vector made from the old text was returned")
		}
		if err := e.PutVector(ctx, changed, []float32{1, 2}); err != nil {
			t.Fatal(err)
		}
		if got, ok, _ := e.GetVector(ctx, changed); !ok || !slices.Equal(got, []float32{1, 2}) {
			t.Errorf("after the change: %v, %v", got, ok)
		}
		if _, ok, _ := e.GetVector(ctx, k); ok {
			t.Error("the old text's vector survived its replacement")
		}
	})
}

// TestProductEmbeddingsSpareReembedding: a second matcher on the same
// database (a restart) takes the vectors from the table, not the model.
func TestProductEmbeddingsSpareReembedding(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		fake := llmtest.New()
		defer fake.Close()
		model, err := llm.Config{URL: fake.URL, EmbedModel: "fake"}.Model()
		if err != nil {
			t.Fatal(err)
		}
		docs := []match.Doc{
			{ID: 1, Name: "发明专利申请代理", Category: "知识产权"},
			{ID: 2, Name: "专精特新贷", Category: "融资服务"},
		}
		for run, want := range []int{2, 0} {
			svc, err := match.NewService(docs, match.Options{Model: model, Vectors: s.ProductEmbeddings()})
			if err != nil {
				t.Fatal(err)
			}
			before := fake.Embeds.Load()
			if n, err := svc.Warm(ctx); n != want || err != nil {
				t.Errorf("run %d: Warm = %d, %v; want %d embedded", run, n, err, want)
			}
			if run == 1 && fake.Embeds.Load() != before {
				t.Error("the restart asked the model again")
			}
			if resp := svc.Search(ctx, match.Query{Text: "专利"}); resp.Engine != match.EngineHybrid {
				t.Errorf("run %d: engine %s", run, resp.Engine)
			}
		}
	})
}
