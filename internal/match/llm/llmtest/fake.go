// Package llmtest is a local fake of an OpenAI-compatible endpoint for
// tests: deterministic embeddings, a chat model that reranks candidates, and
// modes that misbehave (slow, HTTP 500, garbage) the way real endpoints do.
package llmtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"time"
	"unicode"
)

// Mode is how the fake answers.
type Mode int32

const (
	Normal      Mode = iota // valid answers
	Slow                    // valid answers after Delay
	Fail                    // HTTP 500
	Garbage                 // HTTP 200 with answers that are not what was asked
	GarbageChat             // valid embeddings, a chat answer that is not JSON
)

// Dims is the fake embeddings' dimension.
const Dims = 256

// Server is a running fake endpoint; its URL ends in /v1.
type Server struct {
	*httptest.Server
	URL   string
	mode  atomic.Int32
	delay atomic.Int64
	// Embeds and Chats count the requests served, to test caching.
	Embeds, Chats atomic.Int64
}

// New starts a fake in Normal mode; close it with Close.
func New() *Server {
	s := &Server{}
	s.delay.Store(int64(3 * time.Second))
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	s.Server = httptest.NewServer(mux)
	s.URL = s.Server.URL + "/v1"
	return s
}

// SetMode switches the fake's behaviour; Slow waits d.
func (s *Server) SetMode(m Mode, d time.Duration) {
	s.mode.Store(int32(m))
	if d > 0 {
		s.delay.Store(int64(d))
	}
}

// misbehave applies Slow and Fail; it reports whether the request is done.
func (s *Server) misbehave(w http.ResponseWriter, r *http.Request) (done bool) {
	switch Mode(s.mode.Load()) {
	case Slow:
		select {
		case <-time.After(time.Duration(s.delay.Load())):
		case <-r.Context().Done():
			return true
		}
	case Fail:
		http.Error(w, `{"error":{"message":"model overloaded","type":"server_error"}}`, http.StatusInternalServerError)
		return true
	}
	return false
}

func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	s.Embeds.Add(1)
	if s.misbehave(w, r) {
		return
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	type item struct {
		Object    string    `json:"object"`
		Embedding []float32 `json:"embedding"`
		Index     int       `json:"index"`
	}
	var data []item
	for i, text := range req.Input {
		v := Vector(text)
		if Mode(s.mode.Load()) == Garbage {
			v = v[:i%7+1] // ragged dimensions
		}
		data = append(data, item{"embedding", v, i})
	}
	writeJSON(w, map[string]any{"object": "list", "data": data, "model": req.Model})
}

var idPattern = regexp.MustCompile(`(?m)^\[(\d+)\]`)

// chat answers a rerank: the candidates ("[id] …" lines of the user
// message) in reverse order, with an id that was never a candidate first,
// which the matcher must ignore.
func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	s.Chats.Add(1)
	if s.misbehave(w, r) {
		return
	}
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Content string `json:"content"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) == 0 {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	content := "好的，我认为这些都不错。" // garbage: no JSON at all
	if m := Mode(s.mode.Load()); m != Garbage && m != GarbageChat {
		ids := idPattern.FindAllStringSubmatch(req.Messages[len(req.Messages)-1].Content, -1)
		type pick struct {
			ID     json.Number `json:"id"`
			Reason string      `json:"reason"`
		}
		ranking := []pick{{ID: "987654321", Reason: "不在候选之列"}}
		for i := len(ids) - 1; i >= 0; i-- {
			ranking = append(ranking, pick{ID: json.Number(ids[i][1]), Reason: fmt.Sprintf("候选 %s 与需求相符", ids[i][1])})
		}
		b, _ := json.Marshal(map[string]any{"ranking": ranking})
		content = "```json\n" + string(b) + "\n```"
	}
	writeJSON(w, map[string]any{
		"id": "fake", "object": "chat.completion", "model": req.Model,
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
			"message": map[string]string{"role": "assistant", "content": content}}},
	})
}

// Vector is the fake embedding of text: its Han characters and character
// bigrams hashed into Dims buckets, normalised. Deterministic, and texts
// sharing characters are close, so a hybrid ranking built on it is sane
// (but it is no language model: its figures test the plumbing, not a
// model's quality).
func Vector(text string) []float32 {
	v := make([]float64, Dims)
	var prev rune
	for _, r := range text {
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			prev = 0
			continue
		}
		v[bucket(string(r))] += 0.5
		if prev != 0 {
			v[bucket(string([]rune{prev, r}))]++
		}
		prev = r
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	out := make([]float32, Dims)
	for i, x := range v {
		if norm > 0 {
			out[i] = float32(x / math.Sqrt(norm))
		}
	}
	if norm == 0 {
		out[0] = 1
	}
	return out
}

func bucket(s string) int {
	h := fnv.New32a()
	h.Write([]byte(s))
	return int(h.Sum32() % Dims)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
