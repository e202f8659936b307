package llm

import (
	"context"
	"math"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"zjtx/internal/match/llm/llmtest"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string // "" valid
	}{
		{Config{}, ""},
		{Config{URL: "http://127.0.0.1:8000/v1", EmbedModel: "bge-m3"}, ""},
		{Config{URL: "https://llm.example.cn/v1", EmbedModel: "bge-m3", ChatModel: "qwen"}, ""},
		{Config{URL: "127.0.0.1:8000", EmbedModel: "bge-m3"}, "--llm-url"},
		{Config{URL: "file:///etc/passwd", EmbedModel: "bge-m3"}, "--llm-url"},
		{Config{URL: "http://127.0.0.1:8000/v1"}, "--embed-model"},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", tt.cfg, err, tt.want)
		}
	}
	if m, err := (Config{}).Model(); m != nil || err != nil {
		t.Errorf("Model without a URL = %v, %v; want nil, nil", m, err)
	}
}

func TestCheckEmbeddings(t *testing.T) {
	v := func(xs ...float32) []float32 { return xs }
	nan := float32(math.NaN())
	tests := []struct {
		name string
		data []openai.Embedding
		want string // "" valid
	}{
		{"in order", []openai.Embedding{{Embedding: v(1, 0), Index: 0}, {Embedding: v(0, 1), Index: 1}}, ""},
		{"out of order", []openai.Embedding{{Embedding: v(0, 1), Index: 1}, {Embedding: v(1, 0), Index: 0}}, ""},
		{"too few", []openai.Embedding{{Embedding: v(1, 0), Index: 0}}, "1 vectors for 2 texts"},
		{"ragged", []openai.Embedding{{Embedding: v(1, 0), Index: 0}, {Embedding: v(1), Index: 1}}, "dimensions"},
		{"index twice", []openai.Embedding{{Embedding: v(1, 0), Index: 0}, {Embedding: v(1, 0), Index: 0}}, "bad index"},
		{"index out of range", []openai.Embedding{{Embedding: v(1, 0), Index: 0}, {Embedding: v(1, 0), Index: 5}}, "bad index"},
		{"not finite", []openai.Embedding{{Embedding: v(1, 0), Index: 0}, {Embedding: v(nan, 0), Index: 1}}, "not finite"},
		{"zero", []openai.Embedding{{Embedding: v(1, 0), Index: 0}, {Embedding: v(0, 0), Index: 1}}, "zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkEmbeddings([]string{"a", "b"}, tt.data)
			if tt.want == "" {
				if err != nil || got[0][0] != 1 || got[1][1] != 1 {
					t.Errorf("got %v, %v", got, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestClientAgainstFake: the client speaks the OpenAI protocol as the fake
// (and vLLM, Ollama, Xinference) understands it, and reports each
// misbehaviour as an error.
func TestClientAgainstFake(t *testing.T) {
	fake := llmtest.New()
	defer fake.Close()
	c, err := New(Config{URL: fake.URL, EmbedModel: "bge", ChatModel: "qwen"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	vs, err := c.Embed(ctx, []string{"专利代理", "信用贷款"})
	if err != nil || len(vs) != 2 || len(vs[0]) != llmtest.Dims {
		t.Fatalf("Embed = %d vectors, %v", len(vs), err)
	}
	if answer, err := c.Chat(ctx, "system", "[7] 专利代理"); err != nil || !strings.Contains(answer, `"ranking"`) {
		t.Errorf("Chat = %q, %v", answer, err)
	}
	for _, mode := range []llmtest.Mode{llmtest.Fail, llmtest.Garbage} {
		fake.SetMode(mode, 0)
		if _, err := c.Embed(ctx, []string{"专利代理", "信用贷款"}); err == nil {
			t.Errorf("mode %d: Embed succeeded", mode)
		}
	}
}
