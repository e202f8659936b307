package match_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"zjtx/internal/match"
	"zjtx/internal/match/llm"
	"zjtx/internal/match/llm/llmtest"
)

// hybridService is a Service over the catalogue with a model on the fake
// endpoint, its embeddings warmed.
func hybridService(t *testing.T, fake *llmtest.Server, chat string) *match.Service {
	t.Helper()
	client, err := llm.New(llm.Config{URL: fake.URL, EmbedModel: "fake-bge", ChatModel: chat,
		EmbedTimeout: 200 * time.Millisecond, ChatTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := match.NewService(catalogueDocs(t), match.Options{Model: client})
	if err != nil {
		t.Fatal(err)
	}
	n, err := svc.Warm(context.Background())
	if err != nil || n != 120 {
		t.Fatalf("Warm = %d, %v; want 120 products embedded", n, err)
	}
	return svc
}

func TestServiceLexicalWithoutModel(t *testing.T) {
	svc, err := match.NewService(catalogueDocs(t), match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	resp := svc.Search(context.Background(), match.Query{Text: "想申请发明专利", Limit: 3})
	if resp.Engine != match.EngineLexical || len(resp.Results) != 3 || resp.Note != "" {
		t.Fatalf("got %+v", resp)
	}
	if resp.Results[0].Why.Model != nil {
		t.Error("a model opinion without a model")
	}
	if n, err := svc.Warm(context.Background()); n != 0 || err != nil {
		t.Errorf("Warm without a model = %d, %v", n, err)
	}
}

func TestServiceHybrid(t *testing.T) {
	fake := llmtest.New()
	defer fake.Close()
	svc := hybridService(t, fake, "fake-qwen")
	q := match.Query{Text: "客户要求我们有ISO9001证书，公司还没做过体系认证", Limit: 10}
	resp := svc.Search(context.Background(), q)
	if resp.Engine != match.EngineHybrid || resp.Note != "" {
		t.Fatalf("engine %s, note %q; want hybrid", resp.Engine, resp.Note)
	}
	if len(resp.Results) != 10 {
		t.Fatalf("%d results, want 10", len(resp.Results))
	}
	for i, r := range resp.Results {
		m := r.Why.Model
		if m == nil {
			t.Fatalf("result %d has no model opinion", i)
		}
		if r.DocID == 987654321 {
			t.Error("the rerank brought in an id that was not a candidate")
		}
		if m.Model != "fake-bge" || m.ChatModel != "fake-qwen" || m.Reranked != i+1 || !strings.Contains(m.Reason, "与需求相符") {
			t.Errorf("result %d: opinion %+v", i, m)
		}
		if m.VectorRank == 0 && m.LexicalRank == 0 {
			t.Errorf("result %d is in neither ranking", i)
		}
	}
	// The fake reverses the candidates it was given: the fused tenth comes
	// first. A second identical match is answered from the rerank cache.
	chats := fake.Chats.Load()
	again := svc.Search(context.Background(), q)
	if fake.Chats.Load() != chats {
		t.Error("the same match asked the chat model again")
	}
	if !slices.Equal(ids(again.Results), ids(resp.Results)) {
		t.Error("the cached rerank changed the order")
	}
}

func TestServiceFallsBack(t *testing.T) {
	tests := []struct {
		name   string
		mode   llmtest.Mode
		engine string
		note   string
	}{
		{"HTTP 500", llmtest.Fail, match.EngineLexical, "模型服务暂不可用"},
		{"slow past the deadline", llmtest.Slow, match.EngineLexical, "模型服务暂不可用"},
		{"garbage vectors", llmtest.Garbage, match.EngineLexical, "模型服务暂不可用"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := llmtest.New()
			defer fake.Close()
			svc := hybridService(t, fake, "")
			fake.SetMode(tt.mode, time.Second)
			q := match.Query{Text: "想申请发明专利", Limit: 5}
			lexical := ids(svc.Index().Search(q))

			start := time.Now()
			resp := svc.Search(context.Background(), q)
			first := time.Since(start)
			if resp.Engine != tt.engine || !strings.Contains(resp.Note, tt.note) {
				t.Errorf("engine %s note %q; want %s %q", resp.Engine, resp.Note, tt.engine, tt.note)
			}
			if got := ids(resp.Results); !slices.Equal(got, lexical) {
				t.Errorf("fallback = %v, want the lexical ranking %v", got, lexical)
			}
			// The deadline is 200 ms; the rest is slack for a loaded machine.
			if first > time.Second {
				t.Errorf("first match took %v, well past the 200 ms deadline", first)
			}
			// The breaker is open: the next match does not wait for the model.
			embeds := fake.Embeds.Load()
			start = time.Now()
			svc.Search(context.Background(), q)
			if d := time.Since(start); d > 300*time.Millisecond {
				t.Errorf("second match took %v, want at once (≤ 300 ms)", d)
			}
			if fake.Embeds.Load() != embeds {
				t.Error("the model was asked again while the breaker is open")
			}
		})
	}
}

// TestServiceGarbageRerank: a chat answer that is not a ranking leaves the
// fused ranking, still hybrid, with a note; the rerank is not tried again
// while its breaker is open, but embeddings go on.
func TestServiceGarbageRerank(t *testing.T) {
	fake := llmtest.New()
	defer fake.Close()
	svc := hybridService(t, fake, "fake-qwen")
	fake.SetMode(llmtest.GarbageChat, 0)
	for range 2 {
		resp := svc.Search(context.Background(), match.Query{Text: "想申请发明专利"})
		if resp.Engine != match.EngineHybrid || resp.Note != "模型重排暂不可用" {
			t.Fatalf("engine %s note %q", resp.Engine, resp.Note)
		}
		for _, r := range resp.Results {
			if r.Why.Model == nil || r.Why.Model.Reranked != 0 || r.Why.Model.ChatModel != "" {
				t.Errorf("product %d: opinion %+v, want no rerank", r.DocID, r.Why.Model)
			}
		}
	}
	if n := fake.Chats.Load(); n != 1 {
		t.Errorf("chat asked %d times, want once (then the breaker)", n)
	}
}

// TestDeadEndpointAnswersAtOnce: with --llm-url pointing at an endpoint
// that died after the products were embedded, a match still answers within
// 300 ms, lexically, and so does every match after it.
func TestDeadEndpointAnswersAtOnce(t *testing.T) {
	fake := llmtest.New()
	svc := hybridService(t, fake, "qwen")
	embeds := fake.Embeds.Load()
	fake.Close() // nothing listens there any more
	if _, err := svc.Warm(context.Background()); err != nil {
		t.Errorf("Warm with every product embedded: %v", err)
	}
	svc.Add(match.Doc{ID: 9999, Name: "新产品", Category: "技术创新"})
	if _, err := svc.Warm(context.Background()); err == nil {
		t.Error("Warm of a new product against a dead endpoint: want an error")
	}
	for i := range 3 {
		start := time.Now()
		resp := svc.Search(context.Background(), match.Query{Text: "现金流紧张，想找纯信用贷款"})
		if d := time.Since(start); d > 300*time.Millisecond {
			t.Errorf("match %d took %v, want ≤ 300 ms", i, d)
		}
		if resp.Engine != match.EngineLexical || len(resp.Results) == 0 || resp.Note == "" {
			t.Errorf("match %d: engine %s, %d results, note %q", i, resp.Engine, len(resp.Results), resp.Note)
		}
	}
	if fake.Embeds.Load() != embeds {
		t.Error("the dead endpoint counted requests")
	}
}

// TestServiceBeforeWarm: before the products are embedded, the model is not
// asked and the answer says why it is lexical.
func TestServiceBeforeWarm(t *testing.T) {
	fake := llmtest.New()
	defer fake.Close()
	client, err := llm.New(llm.Config{URL: fake.URL, EmbedModel: "fake-bge"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := match.NewService(catalogueDocs(t), match.Options{Model: client})
	if err != nil {
		t.Fatal(err)
	}
	resp := svc.Search(context.Background(), match.Query{Text: "想申请发明专利"})
	if resp.Engine != match.EngineLexical || !strings.Contains(resp.Note, "尚未生成") || fake.Embeds.Load() != 0 {
		t.Errorf("engine %s note %q, %d embedding calls", resp.Engine, resp.Note, fake.Embeds.Load())
	}
}
