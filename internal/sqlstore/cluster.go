package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
)

const clusterColumns = `g.id, g.name, g.level, g.region, g.industry, g.operator, g.recognized_on, g.doc_no,
	(SELECT count(*) FROM cluster_members m WHERE m.cluster_id = g.id), g.version, g.created_at, g.updated_at`

func scanCluster(row scanner) (*carrier.Cluster, error) {
	var g carrier.Cluster
	err := row.Scan(&g.ID, &g.Name, &g.Level, &g.Region, &g.Industry, &g.Operator, dateCol{&g.RecognizedOn}, &g.DocNo, &g.Members,
		&g.Version, timeCol{&g.CreatedAt}, timeCol{&g.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// CreateCluster registers a 中小企业特色产业集群.
func (tx *Tx) CreateCluster(ctx context.Context, g *carrier.Cluster) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCityRecord(c, "特色产业集群"); err != nil {
		return err
	}
	if err := invalid("产业集群信息有误", g.Validate()); err != nil {
		return err
	}
	g.Version, g.CreatedAt, g.UpdatedAt, g.Members = 1, tx.now, tx.now, 0
	err = tx.queryRow(ctx, `INSERT INTO clusters (name, level, region, industry, operator, recognized_on, doc_no, version,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
		g.Name, g.Level, g.Region, g.Industry, g.Operator, nullDate(g.RecognizedOn), g.DocNo, ts(tx.now)).Scan(&g.ID)
	if err != nil {
		return uniqueOrRegion(err, "产业集群 "+g.Name+" 已登记")
	}
	return tx.audit(ctx, c, auditRow{action: "cluster.create", entity: "cluster", entityID: strconv.FormatInt(g.ID, 10),
		region: g.Region, after: g})
}

// ListClusters returns the clusters in the caller's scope, national first.
func (tx *Tx) ListClusters(ctx context.Context) ([]*carrier.Cluster, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	return queryAll(ctx, tx, `SELECT `+clusterColumns+` FROM clusters g`+where(regionScope(c, "g.region", &a))+
		` ORDER BY CASE g.level WHEN 'national' THEN 0 ELSE 1 END, g.name`, a, scanCluster)
}

// GetCluster returns a cluster in the caller's scope.
func (tx *Tx) GetCluster(ctx context.Context, id int64) (*carrier.Cluster, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	g, err := scanCluster(tx.queryRow(ctx, `SELECT `+clusterColumns+` FROM clusters g WHERE g.id = `+a.add(id)+
		and(regionScope(c, "g.region", &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cluster %d: %w", id, notFound(err, "产业集群不存在"))
	}
	return g, nil
}

// ClusterShares counts, for each tier with a backup list, the cluster's
// members on the tier's list (not 移出) and those holding the tier's title
// or a higher one. The cluster must be in the caller's scope; the counts
// cover all its members, whatever their district, as the cluster is one.
func (tx *Tx) ClusterShares(ctx context.Context, id int64) ([]carrier.TierShare, error) {
	g, err := tx.GetCluster(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []carrier.TierShare
	for _, tier := range cultivation.Tiers {
		var a args
		listed := `EXISTS (SELECT 1 FROM backup_list_entries b WHERE b.enterprise_id = m.enterprise_id AND b.tier = ` +
			a.add(tier) + ` AND b.status <> 'removed')`
		titled := `e.tier IN (` + inList(&a, enterprise.HeldAtOrAbove(tier)) + `)`
		s := carrier.TierShare{Tier: tier, Members: g.Members}
		err := tx.queryRow(ctx, `SELECT
				COALESCE(SUM(CASE WHEN `+listed+` THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN `+titled+` THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN `+listed+` OR `+titled+` THEN 1 ELSE 0 END), 0)
			FROM cluster_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.cluster_id = `+a.add(id), a...).
			Scan(&s.Listed, &s.Titled, &s.Either)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
