package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"zjtx/internal/auth"
)

// auditNames are the lookups that name what audit rows refer to by id: per
// entity, a query of (id, name, enterprise id) for the ids in its IN list
// (%s). The audit row keeps ids only, so that it never has to change; names
// are read when the log is shown, and a record deleted since has none.
var auditNames = map[string]string{
	"enterprise":        `SELECT id, name, id FROM enterprises WHERE id IN (%s)`,
	"assessment":        `SELECT a.id, e.name, e.id FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id IN (%s)`,
	"user":              `SELECT id, name, 0 FROM users WHERE id IN (%s)`,
	"backup_list_entry": `SELECT b.id, e.name, e.id FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id WHERE b.id IN (%s)`,
	"api_token":         `SELECT t.id, t.name || '（' || u.name || '）', 0 FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id IN (%s)`,
	"recognition":       `SELECT r.id, e.name, e.id FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id WHERE r.id IN (%s)`,
	"plan":              `SELECT p.id, e.name, e.id FROM plans p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id IN (%s)`,
	"plan_task":         `SELECT t.id, e.name, e.id FROM plan_tasks t JOIN plans p ON p.id = t.plan_id JOIN enterprises e ON e.id = p.enterprise_id WHERE t.id IN (%s)`,
	// The service hub's records.
	"institution":      `SELECT id, name, 0 FROM institutions WHERE id IN (%s)`,
	"product":          `SELECT id, name, 0 FROM products WHERE id IN (%s)`,
	"demand":           `SELECT d.id, e.name || '：' || d.text, e.id FROM demands d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.id IN (%s)`,
	"match":            `SELECT m.id, e.name || ' ← ' || p.name, e.id FROM matches m JOIN enterprises e ON e.id = m.enterprise_id JOIN products p ON p.id = m.product_id WHERE m.id IN (%s)`,
	"pilot":            `SELECT t.id, t.title, t.enterprise_id FROM pilots t WHERE t.id IN (%s)`,
	"reward_policy":    `SELECT id, name, 0 FROM reward_policies WHERE id IN (%s)`,
	"reward_run":       `SELECT r.id, '兑现批次 #' || r.id || '：' || p.name, 0 FROM reward_runs r JOIN reward_policies p ON p.id = r.policy_id WHERE r.id IN (%s)`,
	"reward_item":      `SELECT i.id, COALESCE(e.name, i.payee), COALESCE(e.id, 0) FROM reward_items i LEFT JOIN enterprises e ON e.id = i.enterprise_id WHERE i.id IN (%s)`,
	"reward_objection": `SELECT o.id, COALESCE(e.name, i.payee), COALESCE(e.id, 0) FROM reward_objections o JOIN reward_items i ON i.id = o.item_id LEFT JOIN enterprises e ON e.id = i.enterprise_id WHERE o.id IN (%s)`,
}

// named is what a lookup found for one id.
type named struct {
	name       string
	enterprise int64
}

// nameAudit fills the actor names, record names and group sizes of entries.
func (tx *Tx) nameAudit(ctx context.Context, entries []*auth.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	ids := map[string][]int64{} // entity → ids
	var actors, groups []int64
	for _, e := range entries {
		if e.ActorID != 0 {
			actors = append(actors, e.ActorID)
		}
		if e.GroupID != 0 {
			groups = append(groups, e.GroupID)
		}
		if _, ok := auditNames[e.Entity]; ok {
			if id, err := strconv.ParseInt(e.EntityID, 10, 64); err == nil {
				ids[e.Entity] = append(ids[e.Entity], id)
			}
		}
	}
	found := map[string]map[int64]named{}
	for entity, list := range ids {
		m, err := tx.lookupNames(ctx, auditNames[entity], list)
		if err != nil {
			return err
		}
		found[entity] = m
	}
	people, err := tx.lookupNames(ctx, auditNames["user"], actors)
	if err != nil {
		return err
	}
	sizes, err := tx.groupSizes(ctx, groups)
	if err != nil {
		return err
	}
	for _, e := range entries {
		e.ActorName = people[e.ActorID].name
		e.GroupSize = sizes[e.GroupID]
		if id, err := strconv.ParseInt(e.EntityID, 10, 64); err == nil {
			n := found[e.Entity][id]
			e.EntityName, e.EnterpriseID = n.name, n.enterprise
		}
	}
	return nil
}

// lookupNames runs a query of auditNames for ids.
func (tx *Tx) lookupNames(ctx context.Context, query string, ids []int64) (map[int64]named, error) {
	out := map[int64]named{}
	if len(ids) == 0 {
		return out, nil
	}
	var a args
	rows, err := tx.query(ctx, strings.Replace(query, "%s", inList(&a, ids), 1), a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n named
		if err := rows.Scan(&id, &n.name, &n.enterprise); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// groupSizes counts the rows of each group.
func (tx *Tx) groupSizes(ctx context.Context, groups []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(groups) == 0 {
		return out, nil
	}
	var a args
	rows, err := tx.query(ctx, `SELECT group_id, count(*) FROM audit_log WHERE group_id IN (`+inList(&a, groups)+`) GROUP BY group_id`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var g int64
		var n int
		if err := rows.Scan(&g, &n); err != nil {
			return nil, err
		}
		out[g] = n
	}
	return out, rows.Err()
}
