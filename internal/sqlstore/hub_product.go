package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/hub"
)

// ProductFilter selects products; the caller's scope always applies. It is
// also the hub's plain matching when no ranker is set: a demand's category,
// tier, chain and region select the products that serve them.
type ProductFilter struct {
	InstitutionID int64
	IDs           []int64 // only these products (a ranking's); nil: any
	Category      string
	Tier          string // products serving this tier (or every tier)
	Chain         string // products serving this chain (or every chain)
	Region        string // products of institutions serving this district (or the whole city)
	Q             string // in the name or description
	QualityOnly   bool   // institutions on the quality list of Chain (any chain when Chain is "")
	Limit, Offset int
}

const productColumns = `p.id, p.institution_id, i.name, p.name, p.category, p.tiers, p.chains, p.price_fen, p.price_note,
	p.description, p.status, p.version, p.created_at, p.updated_at,
	EXISTS (SELECT 1 FROM institution_chains qc WHERE qc.institution_id = p.institution_id AND qc.quality_list)`

func scanProduct(row scanner) (*hub.Product, error) {
	var p hub.Product
	var tiers, chains string
	err := row.Scan(&p.ID, &p.InstitutionID, &p.Institution, &p.Name, &p.Category, &tiers, &chains, &p.PriceFen,
		&p.PriceNote, &p.Description, &p.Status, &p.Version, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, &p.QualityList)
	p.Tiers, p.Chains = splitCodes(tiers), splitCodes(chains)
	return &p, err
}

// productScope limits products (alias p, institution i) to those c reads.
func productScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict:
		return ""
	case auth.RoleInstitution:
		return "p.institution_id = " + a.add(c.InstitutionID)
	case auth.RoleEnterprise:
		return "p.status = 'active' AND i.status = 'approved'"
	}
	return "FALSE"
}

// ListProducts returns a page of the products of f in the caller's scope:
// quality-listed institutions first, then by name.
func (tx *Tx) ListProducts(ctx context.Context, f ProductFilter) (Page[*hub.Product], error) {
	out, err := tx.listProducts(ctx, f)
	if err != nil {
		return out, fmt.Errorf("sqlstore: list products: %w", err)
	}
	return out, nil
}

func (tx *Tx) listProducts(ctx context.Context, f ProductFilter) (Page[*hub.Product], error) {
	var out Page[*hub.Product]
	c, err := callerFrom(ctx)
	if err != nil {
		return out, err
	}
	var a args
	conds := []string{productScope(c, &a)}
	if f.InstitutionID != 0 {
		conds = append(conds, "p.institution_id = "+a.add(f.InstitutionID))
	}
	if f.IDs != nil {
		conds = append(conds, "p.id IN ("+inList(&a, append([]int64{0}, f.IDs...))+")") // 0: never a product; keeps IN () valid
	}
	if f.Category != "" {
		conds = append(conds, "p.category = "+a.add(f.Category))
	}
	if f.Tier != "" {
		conds = append(conds, hasCode("p.tiers", &a, f.Tier))
	}
	if f.Chain != "" {
		conds = append(conds, hasCode("p.chains", &a, f.Chain))
	}
	if f.Region != "" {
		conds = append(conds, hasCode("i.regions_served", &a, f.Region))
	}
	if f.Q != "" {
		like := a.add("%" + f.Q + "%")
		conds = append(conds, "(p.name LIKE "+like+" OR p.description LIKE "+like+")")
	}
	if f.QualityOnly {
		q := "EXISTS (SELECT 1 FROM institution_chains qc WHERE qc.institution_id = p.institution_id AND qc.quality_list"
		if f.Chain != "" {
			q += " AND qc.chain = " + a.add(f.Chain)
		}
		conds = append(conds, q+")")
	}
	from := ` FROM products p JOIN institutions i ON i.id = p.institution_id` + where(conds...)
	if err := tx.queryRow(ctx, `SELECT count(*)`+from, a...).Scan(&out.Total); err != nil {
		return out, err
	}
	q := `SELECT ` + productColumns + from + ` ORDER BY 15 DESC, p.name, p.id`
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	}
	out.Items, err = queryAll(ctx, tx, q, a, scanProduct)
	return out, err
}

// GetProduct returns a product in the caller's scope; any other is
// ENOTFOUND.
func (tx *Tx) GetProduct(ctx context.Context, id int64) (*hub.Product, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + productColumns + ` FROM products p JOIN institutions i ON i.id = p.institution_id
		WHERE p.id = ` + a.add(id) + and(productScope(c, &a))
	p, err := scanProduct(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: product %d: %w", id, notFound(err, "服务产品不存在或无权查看"))
	}
	return p, nil
}

// SaveProduct creates p (ID 0) or updates it from p.Version. An institution
// account saves its own institution's products only; the city any.
func (tx *Tx) SaveProduct(ctx context.Context, p *hub.Product) error {
	if err := tx.saveProduct(ctx, p); err != nil {
		return fmt.Errorf("sqlstore: save product: %w", err)
	}
	return nil
}

func (tx *Tx) saveProduct(ctx context.Context, p *hub.Product) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	var old *hub.Product
	if p.ID != 0 {
		if old, err = tx.GetProduct(ctx, p.ID); err != nil {
			return err
		}
		if err := checkVersion(p.Version, old.Version, "服务产品"); err != nil {
			return err
		}
		p.InstitutionID = old.InstitutionID
	}
	if p.InstitutionID, err = callerInstitution(c, p.InstitutionID); err != nil {
		return err
	}
	if err := p.Validate(hub.Default()); err != nil {
		return err
	}
	p.UpdatedAt = tx.now
	if old == nil {
		p.Version, p.CreatedAt = 1, tx.now
		err = tx.queryRow(ctx, `INSERT INTO products (institution_id, name, category, tiers, chains, price_fen, price_note,
			description, status, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)
			RETURNING id`, p.InstitutionID, p.Name, p.Category, codes(p.Tiers), codes(p.Chains), p.PriceFen, p.PriceNote,
			p.Description, p.Status, ts(tx.now)).Scan(&p.ID)
	} else {
		p.Version, p.CreatedAt = old.Version+1, old.CreatedAt
		res, uerr := tx.exec(ctx, `UPDATE products SET name = $1, category = $2, tiers = $3, chains = $4, price_fen = $5,
			price_note = $6, description = $7, status = $8, version = $9, updated_at = $10 WHERE id = $11 AND version = $12`,
			p.Name, p.Category, codes(p.Tiers), codes(p.Chains), p.PriceFen, p.PriceNote, p.Description, p.Status,
			p.Version, ts(tx.now), p.ID, old.Version)
		err = uerr
		if err == nil {
			n, rerr := res.RowsAffected()
			err = rowsAffected1(n, rerr, "服务产品")
		}
	}
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "本机构已有同名服务产品："+p.Name)
		}
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "机构不存在 (institution_id: unknown)")
		}
		return err
	}
	action, before := "product.create", any(nil)
	if old != nil {
		action, before = "product.update", old
	}
	return tx.audit(ctx, c, auditRow{action: action, entity: "product", entityID: strconv.FormatInt(p.ID, 10),
		before: before, after: p})
}

// PackageProducts lists the active products of the packages for tier and
// chain (packages of every chain included): what a district picks from for
// an enterprise's cultivation plan, in the caller's product scope.
func (tx *Tx) PackageProducts(ctx context.Context, tier, chain string) ([]*hub.Product, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + productColumns + ` FROM products p JOIN institutions i ON i.id = p.institution_id
		WHERE p.status = 'active' AND p.id IN (SELECT pp.product_id FROM package_products pp
		JOIN packages k ON k.id = pp.package_id WHERE k.tier = ` + a.add(tier) + ` AND (k.chain = '' OR k.chain = ` +
		a.add(chain) + `))` + and(productScope(c, &a)) + ` ORDER BY p.category, p.name`
	out, err := queryAll(ctx, tx, q, a, scanProduct)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: package products: %w", err)
	}
	return out, nil
}

// ListProducts is Tx.ListProducts in its own read transaction.
func (s *Store) ListProducts(ctx context.Context, f ProductFilter) (Page[*hub.Product], error) {
	return read(s, ctx, func(tx *Tx) (Page[*hub.Product], error) { return tx.ListProducts(ctx, f) })
}

// GetProduct is Tx.GetProduct in its own read transaction.
func (s *Store) GetProduct(ctx context.Context, id int64) (*hub.Product, error) {
	return read(s, ctx, func(tx *Tx) (*hub.Product, error) { return tx.GetProduct(ctx, id) })
}

// SaveProduct is Tx.SaveProduct in its own transaction.
func (s *Store) SaveProduct(ctx context.Context, p *hub.Product) error {
	return s.catalogueChange(ctx, s.WithTx(ctx, func(tx *Tx) error { return tx.SaveProduct(ctx, p) }))
}

// PackageProducts is Tx.PackageProducts in its own read transaction.
func (s *Store) PackageProducts(ctx context.Context, tier, chain string) ([]*hub.Product, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Product, error) { return tx.PackageProducts(ctx, tier, chain) })
}

// DemandProducts is the hub's plain matching, used when no ranker is set:
// the active products, in the caller's scope, of the demand's category (any
// when unknown) serving the tier its gap comes from, the enterprise's
// industrial chain and the demand's district; quality-listed institutions
// first. It is a filter, not a ranking: every product it lists fits all of
// the demand's known facts.
func (tx *Tx) DemandProducts(ctx context.Context, d *hub.Demand, limit int) ([]*hub.Product, error) {
	chain, err := tx.demandChain(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: demand products: %w", err)
	}
	page, err := tx.ListProducts(ctx, ProductFilter{Category: d.Category, Tier: d.GapTier, Chain: chain, Region: d.Region,
		Limit: limit})
	var out []*hub.Product
	for _, p := range page.Items {
		if p.Status == hub.ProductActive {
			out = append(out, p)
		}
	}
	return out, err
}

// demandChain is the key industrial chain of the demand's enterprise, ""
// when it is none of them. The demand was read in the caller's scope.
func (tx *Tx) demandChain(ctx context.Context, d *hub.Demand) (string, error) {
	var chain string
	if err := tx.queryRow(ctx, `SELECT chain FROM enterprises WHERE id = $1`, d.EnterpriseID).Scan(&chain); err != nil {
		return "", err
	}
	if !hub.Default().IsChain(chain) {
		chain = ""
	}
	return chain, nil
}

// DemandChain is the key industrial chain a demand's products should serve
// (the matcher's chain filter): its enterprise's, if it is a key chain.
func (s *Store) DemandChain(ctx context.Context, d *hub.Demand) (string, error) {
	chain, err := read(s, ctx, func(tx *Tx) (string, error) { return tx.demandChain(ctx, d) })
	if err != nil {
		return "", fmt.Errorf("sqlstore: demand chain: %w", err)
	}
	return chain, nil
}

// DemandProducts is Tx.DemandProducts in its own read transaction.
func (s *Store) DemandProducts(ctx context.Context, d *hub.Demand, limit int) ([]*hub.Product, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Product, error) { return tx.DemandProducts(ctx, d, limit) })
}

// Suggest proposes products for a demand: the ranker's ranking when one is
// set (engine "ranker"), else DemandProducts (engine "filter").
func (s *Store) Suggest(ctx context.Context, rk hub.Ranker, d *hub.Demand, limit int) ([]hub.Suggestion, string, error) {
	if rk != nil {
		list, err := rk.Rank(ctx, d)
		return list, "ranker", err
	}
	ps, err := s.DemandProducts(ctx, d, limit)
	out := make([]hub.Suggestion, len(ps))
	for i, p := range ps {
		out[i] = hub.Suggestion{Product: p}
	}
	return out, "filter", err
}
