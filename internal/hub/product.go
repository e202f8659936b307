package hub

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
)

// Product is a service product (服务产品) an institution offers.
type Product struct {
	ID            int64     `json:"id"`
	InstitutionID int64     `json:"institution_id"`
	Institution   string    `json:"institution,omitempty"` // its name, as read
	Name          string    `json:"name"`
	Category      string    `json:"category"`
	Tiers         []string  `json:"tiers"`  // empty: every tier
	Chains        []string  `json:"chains"` // empty: every chain
	PriceFen      int64     `json:"price_fen"`
	PriceNote     string    `json:"price_note,omitempty"`
	Description   string    `json:"description"`
	Status        string    `json:"status"` // active, withdrawn
	QualityList   bool      `json:"quality_list"`
	Version       int64     `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Product statuses.
const (
	ProductActive    = "active"
	ProductWithdrawn = "withdrawn"
)

// Free reports whether the product costs nothing (公益服务).
func (p *Product) Free() bool { return p.PriceFen == 0 }

// Validate normalises p and names the first bad field.
func (p *Product) Validate(cat *Catalog) error {
	p.Name, p.Description = strings.TrimSpace(p.Name), strings.TrimSpace(p.Description)
	if p.Status == "" {
		p.Status = ProductActive
	}
	switch {
	case p.Name == "" || utf8.RuneCountInString(p.Name) > 100:
		return apperr.Errorf(apperr.EINVALID, "产品名称必填，且不超过 100 字 (name: required, at most 100 characters)")
	case !IsCategory(p.Category):
		return apperr.Errorf(apperr.EINVALID, "服务类别须为 %s 之一 (category: one of the 15 categories)", strings.Join(Categories, "、"))
	case p.PriceFen < 0:
		return apperr.Errorf(apperr.EINVALID, "价格不能为负数 (price_fen: must not be negative)")
	case utf8.RuneCountInString(p.Description) > 2000:
		return apperr.Errorf(apperr.EINVALID, "产品介绍不超过 2000 字 (description: at most 2000 characters)")
	case p.Status != ProductActive && p.Status != ProductWithdrawn:
		return apperr.Errorf(apperr.EINVALID, "产品状态无效 (status: active or withdrawn)")
	}
	if err := checkTiers(p.Tiers); err != nil {
		return err
	}
	return checkChains(cat, p.Chains)
}

func checkTiers(tiers []string) error {
	for _, t := range tiers {
		if !cultivation.IsTier(t) {
			return apperr.Errorf(apperr.EINVALID, "服务梯度“%s”无效 (tiers: innovative, srdi or little_giant)", t)
		}
	}
	return nil
}

func checkChains(cat *Catalog, chains []string) error {
	for _, c := range chains {
		if !cat.IsChain(c) {
			return apperr.Errorf(apperr.EINVALID, "产业链“%s”不在重点产业链中 (chains: one of the key industrial chains)", c)
		}
	}
	return nil
}

// Package is a cultivation service package (培育服务包) of one tier and
// chain, assembled by the city from products.
type Package struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Tier        string     `json:"tier"`
	Chain       string     `json:"chain"` // "" for every chain
	Description string     `json:"description"`
	ProductIDs  []int64    `json:"product_ids"`
	Products    []*Product `json:"products,omitempty"`
	Version     int64      `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Validate names the first bad field of a package.
func (p *Package) Validate(cat *Catalog) error {
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "" || utf8.RuneCountInString(p.Name) > 100:
		return apperr.Errorf(apperr.EINVALID, "服务包名称必填，且不超过 100 字 (name: required, at most 100 characters)")
	case !cultivation.IsTier(p.Tier):
		return apperr.Errorf(apperr.EINVALID, "服务包梯度无效 (tier: innovative, srdi or little_giant)")
	case p.Chain != "" && !cat.IsChain(p.Chain):
		return apperr.Errorf(apperr.EINVALID, "产业链“%s”不在重点产业链中 (chain: one of the key industrial chains)", p.Chain)
	case len(p.ProductIDs) == 0:
		return apperr.Errorf(apperr.EINVALID, "服务包至少包含一个服务产品 (product_ids: at least one)")
	}
	slices.Sort(p.ProductIDs)
	p.ProductIDs = slices.Compact(p.ProductIDs)
	return nil
}

// ChainService is a chain an institution serves, and whether it is on that
// chain's quality list (优质服务机构清单).
type ChainService struct {
	Chain       string `json:"chain"`
	QualityList bool   `json:"quality_list"`
	ListedOn    string `json:"listed_on,omitempty"`
}

// Expert is a member of an institution's volunteer expert team (志愿服务专家团).
type Expert struct {
	ID            int64     `json:"id"`
	InstitutionID int64     `json:"institution_id"`
	Name          string    `json:"name"`
	Title         string    `json:"title"`
	Fields        string    `json:"fields"`
	Phone         string    `json:"phone,omitempty"`
	Volunteer     bool      `json:"volunteer"`
	CreatedAt     time.Time `json:"created_at"`
}

// Validate names the first bad field of an expert.
func (e *Expert) Validate() error {
	e.Name = strings.TrimSpace(e.Name)
	if e.Name == "" || utf8.RuneCountInString(e.Name) > 50 {
		return apperr.Errorf(apperr.EINVALID, "专家姓名必填，且不超过 50 字 (name: required, at most 50 characters)")
	}
	if utf8.RuneCountInString(e.Fields) > 200 {
		return apperr.Errorf(apperr.EINVALID, "专业领域不超过 200 字 (fields: at most 200 characters)")
	}
	return nil
}
