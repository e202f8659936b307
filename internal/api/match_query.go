package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
	"zjtx/internal/match"
)

// matchItem is one ranked product of POST /match.
type matchItem struct {
	ProductID   int64     `json:"product_id"`
	Name        string    `json:"name"`
	Institution string    `json:"institution"`
	Category    string    `json:"category"`
	Score       float64   `json:"score"`
	Why         match.Why `json:"why"`
}

// matchAnswer is POST /match's answer; Note says in Chinese why a
// configured model took no part.
type matchAnswer struct {
	Items  []matchItem `json:"items"`
	Engine string      `json:"engine"`
	Note   string      `json:"note,omitempty"`
}

// matchWait bounds how long a match waits for the catalogue being built at
// start (the segmenter's dictionary and the products: about a second).
const matchWait = 10 * time.Second

// matchQuery ranks the catalogue's products for a demand's text: the server's
// one matching service, lexical, or hybrid when a model is configured and
// answering. An institution account ranks its own products only.
func (a *API) matchQuery(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		Text     string `json:"text"`
		Category string `json:"category"`
		Region   string `json:"region"` // district code
		Tier     string `json:"tier"`   // innovative, srdi or little_giant
		Limit    int    `json:"limit"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	q := match.Query{Text: strings.TrimSpace(b.Text), Category: b.Category, Limit: b.Limit}
	switch {
	case q.Text == "":
		err = apperr.Errorf(apperr.EINVALID, "请填写需求描述 (text: required)")
	case utf8.RuneCountInString(q.Text) > 1000:
		err = apperr.Errorf(apperr.EINVALID, "需求描述不超过 1000 字 (text: at most 1000 characters)")
	case q.Category != "" && !hub.IsCategory(q.Category):
		err = apperr.Errorf(apperr.EINVALID, "服务类别须为 %s 之一，或留空 (category: one of the 15 categories, or empty)", strings.Join(hub.Categories, "、"))
	case b.Region != "" && a.regions[b.Region] == "":
		err = apperr.Errorf(apperr.EINVALID, "区县（市）代码无效 (region: unknown district code)")
	case b.Tier != "" && !slices.Contains(cultivation.Tiers, b.Tier):
		err = apperr.Errorf(apperr.EINVALID, "梯度须为 innovative、srdi 或 little_giant (tier: innovative, srdi or little_giant)")
	case q.Limit < 0 || q.Limit > match.MaxLimit:
		err = apperr.Errorf(apperr.EINVALID, "结果数须在 1 到 %d 之间 (limit: 1 to %d; 0 or absent: %d)", match.MaxLimit, match.MaxLimit, match.DefaultLimit)
	case a.matcher == nil:
		err = apperr.Errorf(apperr.EUNAVAILABLE, "匹配服务未启用 (matching is not configured)")
	}
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	q.Region, q.Tier = a.regions[b.Region], cultivation.TierName(b.Tier)
	if c, _ := auth.CallerFrom(r.Context()); c.Role == auth.RoleInstitution {
		q.InstitutionID = c.InstitutionID
	}
	ctx, cancel := context.WithTimeout(r.Context(), matchWait)
	defer cancel()
	resp, err := a.matcher.Search(ctx, q)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, match.ErrNotReady) {
		err = apperr.Wrap(err, apperr.EUNAVAILABLE, "匹配服务正在启动，请稍后再试 (the matcher is loading; retry shortly)")
	}
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	out := matchAnswer{Items: []matchItem{}, Engine: resp.Engine, Note: resp.Note}
	for _, res := range resp.Results {
		d, ok := a.matcher.Doc(res.DocID)
		if !ok {
			continue // withdrawn since it was ranked
		}
		out.Items = append(out.Items, matchItem{ProductID: d.ID, Name: d.Name, Institution: d.Institution,
			Category: d.Category, Score: res.Score, Why: res.Why})
	}
	answer(w, r, http.StatusOK, out, nil)
}
