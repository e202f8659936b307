// Package llm talks to an OpenAI-compatible endpoint (vLLM, Ollama,
// Xinference serving Qwen, DeepSeek or a bge embedding model) for package
// match: embeddings of demands and products, and a chat model's rerank.
//
// It is used only when `zjtx serve --llm-url` names an endpoint: without it
// no text leaves the machine. Every call has a short deadline and every
// answer is checked (vector count, dimensions, finite values), because the
// matcher must fall back to its lexical ranking rather than rank on
// nonsense.
package llm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"zjtx/internal/match"
)

// Default deadlines: a demand's embedding is one short text, a rerank ten
// candidates; a healthy local model answers well within these.
// Embedding the catalogue (match.Service.Warm) sends batches of products,
// off the request path, and gets a longer deadline.
const (
	DefaultEmbedTimeout = 2 * time.Second
	DefaultChatTimeout  = 5 * time.Second
	DefaultBatchTimeout = time.Minute
)

// Config names the endpoint and models.
type Config struct {
	URL          string        // base URL of the OpenAI-compatible API, e.g. http://10.0.0.5:8000/v1
	Key          string        // API key, from ZJTX_LLM_KEY; empty for endpoints without one
	EmbedModel   string        // embedding model, e.g. bge-m3
	ChatModel    string        // chat model for the rerank; empty: no rerank
	EmbedTimeout time.Duration // one text (a demand); 0: DefaultEmbedTimeout
	ChatTimeout  time.Duration // 0: DefaultChatTimeout
	BatchTimeout time.Duration // several texts (products); 0: DefaultBatchTimeout
}

// Enabled reports whether a model is configured at all.
func (c Config) Enabled() bool { return c.URL != "" }

// Validate checks the configuration as the flags give it.
func (c Config) Validate() error {
	if c.URL == "" {
		return nil
	}
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--llm-url: want an http(s) URL such as http://127.0.0.1:8000/v1")
	}
	if c.EmbedModel == "" {
		return errors.New("--embed-model: required with --llm-url")
	}
	return nil
}

// Model is the match.Model for cfg: nil (lexical matching, nothing leaves
// the machine) when no URL is configured. Wiring a matcher is then
//
//	model, err := cfg.LLM.Model()
//	svc, err := match.NewService(docs, match.Options{Model: model, Logger: log})
func (c Config) Model() (match.Model, error) {
	if !c.Enabled() {
		return nil, nil
	}
	return New(c)
}

// Client is a configured endpoint. It implements match.Model.
type Client struct {
	api *openai.Client
	cfg Config
}

// New returns a client for cfg (which must be valid and enabled).
func New(cfg Config) (*Client, error) {
	if !cfg.Enabled() {
		return nil, errors.New("llm: no --llm-url")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.EmbedTimeout <= 0 {
		cfg.EmbedTimeout = DefaultEmbedTimeout
	}
	if cfg.ChatTimeout <= 0 {
		cfg.ChatTimeout = DefaultChatTimeout
	}
	if cfg.BatchTimeout <= 0 {
		cfg.BatchTimeout = DefaultBatchTimeout
	}
	oc := openai.DefaultConfig(cfg.Key)
	oc.BaseURL = cfg.URL
	// The deadlines are per call (contexts); this bounds a stuck connection
	// the contexts might not cover.
	oc.HTTPClient = &http.Client{Timeout: max(cfg.EmbedTimeout, cfg.ChatTimeout, cfg.BatchTimeout) + time.Second}
	return &Client{api: openai.NewClientWithConfig(oc), cfg: cfg}, nil
}

// EmbedModel is the embedding model's name.
func (c *Client) EmbedModel() string { return c.cfg.EmbedModel }

// ChatModel is the chat model's name; empty when no rerank is configured.
func (c *Client) ChatModel() string { return c.cfg.ChatModel }

// Embed returns one vector per text, in order, within the embed deadline
// for one text (a demand, on the request path) or the batch deadline for
// several (products, in the background).
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	timeout := c.cfg.EmbedTimeout
	if len(texts) > 1 {
		timeout = c.cfg.BatchTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	resp, err := c.api.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input: texts,
		Model: openai.EmbeddingModel(c.cfg.EmbedModel),
	})
	if err != nil {
		return nil, fmt.Errorf("llm: embeddings: %w", err)
	}
	return checkEmbeddings(texts, resp.Data)
}

// checkEmbeddings puts the vectors in input order and rejects an answer
// that is not one finite, non-zero vector of one dimension per text.
func checkEmbeddings(texts []string, data []openai.Embedding) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	if len(data) != len(texts) {
		return nil, fmt.Errorf("llm: embeddings: %d vectors for %d texts", len(data), len(texts))
	}
	out := make([][]float32, len(texts))
	dims := len(data[0].Embedding)
	for _, e := range data {
		if e.Index < 0 || e.Index >= len(texts) || out[e.Index] != nil {
			return nil, fmt.Errorf("llm: embeddings: bad index %d", e.Index)
		}
		if len(e.Embedding) == 0 || len(e.Embedding) != dims {
			return nil, fmt.Errorf("llm: embeddings: vector %d has %d dimensions, want %d", e.Index, len(e.Embedding), dims)
		}
		var norm float64
		for _, x := range e.Embedding {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return nil, fmt.Errorf("llm: embeddings: vector %d is not finite", e.Index)
			}
			norm += float64(x) * float64(x)
		}
		if norm == 0 {
			return nil, fmt.Errorf("llm: embeddings: vector %d is zero", e.Index)
		}
		out[e.Index] = e.Embedding
	}
	return out, nil
}

// Chat sends one system and one user message to the chat model and returns
// its answer's text, within the chat deadline.
func (c *Client) Chat(ctx context.Context, system, user string) (string, error) {
	if c.cfg.ChatModel == "" {
		return "", errors.New("llm: no chat model")
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.ChatTimeout)
	defer cancel()
	resp, err := c.api.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model:       c.cfg.ChatModel,
		Temperature: 0,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
	})
	if err != nil {
		return "", fmt.Errorf("llm: chat: %w", err)
	}
	if len(resp.Choices) == 0 || resp.Choices[0].Message.Content == "" {
		return "", errors.New("llm: chat: empty answer")
	}
	return resp.Choices[0].Message.Content, nil
}
