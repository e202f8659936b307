package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/hub"
)

const packageColumns = `k.id, k.name, k.tier, k.chain, k.description, k.version, k.created_at, k.updated_at`

func scanPackage(row scanner) (*hub.Package, error) {
	var k hub.Package
	return &k, row.Scan(&k.ID, &k.Name, &k.Tier, &k.Chain, &k.Description, &k.Version, timeCol{&k.CreatedAt}, timeCol{&k.UpdatedAt})
}

// ListPackages lists the cultivation service packages of a tier and chain
// ("" for any), with their products in the caller's product scope. Every
// role but banks reads them: they are the city's published offer.
func (tx *Tx) ListPackages(ctx context.Context, tier, chain string) ([]*hub.Package, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{}
	if productScope(c, &args{}) == "FALSE" {
		conds = append(conds, "FALSE")
	}
	if tier != "" {
		conds = append(conds, "k.tier = "+a.add(tier))
	}
	if chain != "" {
		conds = append(conds, "(k.chain = '' OR k.chain = "+a.add(chain)+")")
	}
	out, err := queryAll(ctx, tx, `SELECT `+packageColumns+` FROM packages k`+where(conds...)+` ORDER BY k.tier, k.chain, k.name`, a, scanPackage)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list packages: %w", err)
	}
	for _, k := range out {
		var b args
		q := `SELECT ` + productColumns + ` FROM products p JOIN institutions i ON i.id = p.institution_id
			JOIN package_products pp ON pp.product_id = p.id WHERE pp.package_id = ` + b.add(k.ID) + and(productScope(c, &b)) +
			` ORDER BY p.category, p.name`
		if k.Products, err = queryAll(ctx, tx, q, b, scanProduct); err != nil {
			return nil, fmt.Errorf("sqlstore: list packages: %w", err)
		}
		k.ProductIDs = make([]int64, len(k.Products))
		for i, p := range k.Products {
			k.ProductIDs[i] = p.ID
		}
	}
	return out, nil
}

// CreatePackage assembles a package from products (the city).
func (tx *Tx) CreatePackage(ctx context.Context, k *hub.Package) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	if err := k.Validate(hub.Default()); err != nil {
		return err
	}
	k.Version, k.CreatedAt, k.UpdatedAt = 1, tx.now, tx.now
	if err := tx.queryRow(ctx, `INSERT INTO packages (name, tier, chain, description, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id`, k.Name, k.Tier, k.Chain, k.Description, ts(tx.now)).Scan(&k.ID); err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "已有同名服务包："+k.Name)
		}
		return fmt.Errorf("sqlstore: create package: %w", err)
	}
	for i, id := range k.ProductIDs {
		if _, err := tx.exec(ctx, `INSERT INTO package_products (package_id, product_id) VALUES ($1, $2)`, k.ID, id); err != nil {
			if violation(err) == violForeignKey {
				return apperr.Wrap(err, apperr.EINVALID, fmt.Sprintf("服务产品 %d 不存在 (product_ids[%d]: unknown)", id, i))
			}
			return fmt.Errorf("sqlstore: create package: %w", err)
		}
	}
	return tx.audit(ctx, c, auditRow{action: "package.create", entity: "package", entityID: strconv.FormatInt(k.ID, 10), after: k})
}

// ListPackages is Tx.ListPackages in its own read transaction.
func (s *Store) ListPackages(ctx context.Context, tier, chain string) ([]*hub.Package, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Package, error) { return tx.ListPackages(ctx, tier, chain) })
}

// CreatePackage is Tx.CreatePackage in its own transaction.
func (s *Store) CreatePackage(ctx context.Context, k *hub.Package) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreatePackage(ctx, k) })
}
