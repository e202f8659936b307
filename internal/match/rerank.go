package match

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// RerankTop is how many of the fused candidates the chat model reorders.
const RerankTop = 10

const rerankSystem = `你是郑州市中小企业公共服务“一张网”的供需对接助手。给你一条企业需求和若干候选服务产品（每行以 [编号] 开头），
请按与需求的相关程度从高到低排序，只能使用给出的编号，不相关的可以省略。
只输出 JSON：{"ranking":[{"id":编号,"reason":"不超过30字的理由"}]}`

// rerankPick is the chat model's rank (1-based) and reason for a product.
type rerankPick struct {
	rank   int
	reason string
}

type rerankOrder struct {
	ids   []int64
	picks map[int64]rerankPick
}

// rerankTop asks the chat model to reorder the first RerankTop of fused.
// Ids it names that were not candidates are ignored; candidates it leaves
// out follow those it ranked, in fused order. An answer naming no candidate
// is an error (garbage), as is any failure of the call.
func (s *Service) rerankTop(ctx context.Context, q Query, fused []int64) (rerankOrder, error) {
	top := fused[:min(RerankTop, len(fused))]
	text := q.Text
	if text == "" {
		text = q.FromGap
	}
	key := s.model.ChatModel() + "\x00" + text + "\x00" + q.FromGap + "\x00" + fmt.Sprint(top)
	picks, ok := s.rerank.get(key)
	if !ok {
		var b strings.Builder
		fmt.Fprintf(&b, "企业需求：%s\n", text)
		if q.FromGap != "" {
			fmt.Fprintf(&b, "需求来自短板：%s\n", q.FromGap)
		}
		b.WriteString("候选服务产品：\n")
		for _, id := range top {
			if d, ok := s.ix.Doc(id); ok {
				fmt.Fprintf(&b, "[%d] %s｜%s｜%s\n", id, d.Name, d.Category, d.Description)
			}
		}
		answer, err := s.model.Chat(ctx, rerankSystem, b.String())
		if err != nil {
			return rerankOrder{}, err
		}
		picks, err = parseRerank(answer, top)
		if err != nil {
			return rerankOrder{}, err
		}
		s.rerank.put(key, picks)
	}
	order := rerankOrder{picks: picks}
	ranked := make([]int64, 0, len(picks))
	for id := range picks {
		ranked = append(ranked, id)
	}
	slices.SortFunc(ranked, func(a, b int64) int { return picks[a].rank - picks[b].rank })
	order.ids = append(order.ids, ranked...)
	for _, id := range fused {
		if _, ok := picks[id]; !ok {
			order.ids = append(order.ids, id)
		}
	}
	return order, nil
}

// parseRerank reads the chat model's answer: JSON, possibly inside a code
// fence or after some words, {"ranking":[{"id":…,"reason":…}]}.
func parseRerank(answer string, candidates []int64) (map[int64]rerankPick, error) {
	i, j := strings.Index(answer, "{"), strings.LastIndex(answer, "}")
	if i < 0 || j < i {
		return nil, errors.New("match: rerank: no JSON in the answer")
	}
	var v struct {
		Ranking []struct {
			ID     any    `json:"id"`
			Reason string `json:"reason"`
		} `json:"ranking"`
	}
	if err := json.Unmarshal([]byte(answer[i:j+1]), &v); err != nil {
		return nil, fmt.Errorf("match: rerank: %w", err)
	}
	picks := map[int64]rerankPick{}
	for _, r := range v.Ranking {
		id, ok := idOf(r.ID)
		if !ok || !slices.Contains(candidates, id) {
			continue // not a candidate: the model made it up
		}
		if _, dup := picks[id]; !dup {
			picks[id] = rerankPick{rank: len(picks) + 1, reason: truncate(r.Reason, 80)}
		}
	}
	if len(picks) == 0 {
		return nil, errors.New("match: rerank: the answer names no candidate")
	}
	return picks, nil
}

func idOf(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), x == float64(int64(x))
	case string:
		n, err := strconv.ParseInt(strings.Trim(x, "[] "), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func truncate(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

// rerankCache keeps the chat model's answers per model, demand and
// candidates, so a repeated match (a page reload) costs no model call.
// When full it is emptied: simple, and reranks are cheap to redo.
type rerankCache struct {
	mu  sync.Mutex
	max int
	m   map[string]map[int64]rerankPick
}

func newRerankCache(max int) *rerankCache {
	return &rerankCache{max: max, m: map[string]map[int64]rerankPick{}}
}

func (c *rerankCache) get(k string) (map[int64]rerankPick, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *rerankCache) put(k string, v map[int64]rerankPick) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[k] = v
}
