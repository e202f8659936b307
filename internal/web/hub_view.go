package web

import (
	"fmt"
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/hub"
)

// The service hub's pages (一张网): what the pages show of the hub's
// records, and the few helpers their handlers share.

// priceText words a product's price: 免费 or the amount in 元.
func priceText(p *hub.Product) string {
	if p.Free() {
		return "免费"
	}
	s := fmt.Sprintf("%d", p.PriceFen/100)
	if f := p.PriceFen % 100; f != 0 {
		s += fmt.Sprintf(".%02d", f)
	}
	return s + " 元起"
}

// tiersText words the tiers a product serves.
func tiersText(tiers []string) string {
	if len(tiers) == 0 {
		return "各梯度"
	}
	names := make([]string, len(tiers))
	for i, t := range tiers {
		names[i] = cultivation.TierName(t)
	}
	return strings.Join(names, "、")
}

// chainsText words the chains served.
func chainsText(chains []string) string {
	if len(chains) == 0 {
		return "各产业链"
	}
	return strings.Join(chains, "、")
}

// productRow is a product as lists show it.
type productRow struct {
	*hub.Product
	Price, TiersText, ChainsText string
}

func productRowOf(p *hub.Product) productRow {
	return productRow{p, priceText(p), tiersText(p.Tiers), chainsText(p.Chains)}
}

// userProblem is the message of an error a form's author can act on (bad
// input, a stale version, a step not theirs), or "" for one the error page
// should answer.
func userProblem(err error) string {
	switch apperr.Code(err) {
	case apperr.EINVALID, apperr.ECONFLICT, apperr.EFORBIDDEN, apperr.EPRECONDITION:
		return apperr.Message(err)
	}
	return ""
}

// caller is the request's caller (pages behind a login always have one).
func caller(r *http.Request) auth.Caller {
	c, _ := httpx.Caller(r)
	return c
}

// hubCategoryOptions, hubChainOptions and hubTierOptions fill the hub's
// selects.
func hubCategoryOptions() []option {
	out := make([]option, len(hub.Categories))
	for i, c := range hub.Categories {
		out[i] = option{c, c}
	}
	return out
}

func hubChainOptions() []option {
	chains := hub.Default().Chains
	out := make([]option, len(chains))
	for i, c := range chains {
		out[i] = option{c, c}
	}
	return out
}

func hubTierOptions() []option {
	return options(cultivation.Tiers, map[string]string{"innovative": "创新型中小企业", "srdi": "专精特新中小企业",
		"little_giant": "专精特新“小巨人”企业"})
}
