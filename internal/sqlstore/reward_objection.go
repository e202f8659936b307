package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/reward"
)

// CreateRewardObjection records an objection (异议) to an item while its run
// is in 公示: officials record what the public raised, an enterprise may
// object to its own item.
func (s *Store) CreateRewardObjection(ctx context.Context, o *reward.Objection) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateRewardObjection(ctx, o) })
}

// CreateRewardObjection is Store.CreateRewardObjection in tx.
func (tx *Tx) CreateRewardObjection(ctx context.Context, o *reward.Objection) error {
	err := func() error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if c.Role != auth.RoleCity && c.Role != auth.RoleDistrict && c.Role != auth.RoleEnterprise {
			return apperr.Errorf(apperr.EFORBIDDEN, "无权登记异议")
		}
		it, err := tx.getRewardItem(ctx, c, o.ItemID)
		if err != nil {
			return err
		}
		if it.RunState != reward.RunPublicizing {
			return apperr.Errorf(apperr.ECONFLICT, "异议只能在公示期内提出，该批次处于“%s”", reward.RunZH[it.RunState])
		}
		o.RaisedBy, o.Content = strings.TrimSpace(o.RaisedBy), strings.TrimSpace(o.Content)
		if o.Content == "" {
			return apperr.Errorf(apperr.EINVALID, "异议内容不能为空（content）")
		}
		if o.RaisedBy == "" {
			return apperr.Errorf(apperr.EINVALID, "须注明异议人（raised_by）")
		}
		o.Version, o.CreatedAt = 1, tx.now
		if err := tx.queryRow(ctx, `INSERT INTO reward_objections (item_id, raised_by, content, recorded_by, version, created_at)
			VALUES ($1, $2, $3, $4, 1, $5) RETURNING id`, o.ItemID, o.RaisedBy, o.Content, c.UserID, ts(tx.now)).Scan(&o.ID); err != nil {
			return err
		}
		return tx.audit(ctx, c, auditRow{action: "reward_objection.create", entity: "reward_objection",
			entityID: strconv.FormatInt(o.ID, 10), region: it.Region, after: o})
	}()
	if err != nil {
		return fmt.Errorf("sqlstore: create reward objection: %w", err)
	}
	return nil
}

// ListRewardObjections returns the objections to a run's items in the
// caller's scope.
func (s *Store) ListRewardObjections(ctx context.Context, runID int64) (out []*reward.Objection, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		var a args
		rows, err := tx.query(ctx, `SELECT o.id, o.item_id, o.raised_by, o.content, o.outcome, o.decision, o.version, o.created_at
			FROM reward_objections o JOIN reward_items i ON i.id = o.item_id LEFT JOIN enterprises e ON e.id = i.enterprise_id
			JOIN reward_runs r ON r.id = i.run_id
			WHERE i.run_id = `+a.add(runID)+and(rewardItemScope(c, &a))+` ORDER BY o.id`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o reward.Objection
			if err := rows.Scan(&o.ID, &o.ItemID, &o.RaisedBy, &o.Content, &o.Outcome, &o.Decision, &o.Version,
				timeCol{&o.CreatedAt}); err != nil {
				return err
			}
			out = append(out, &o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list reward objections: %w", err)
	}
	return out, nil
}

// DecideRewardObjection records the city's decision on an objection: 维持
// keeps the item, 撤销 withdraws it and frees its claim. The run's total
// follows.
func (s *Store) DecideRewardObjection(ctx context.Context, id, version int64, outcome, decision string) error {
	err := s.WithTx(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if err := requireCity(c); err != nil {
			return err
		}
		if outcome != reward.ObjectionUpheld && outcome != reward.ObjectionWithdraw {
			return apperr.Errorf(apperr.EINVALID, "处理结果须为 maintained（维持）或 withdrawn（撤销）（outcome）")
		}
		decision = strings.TrimSpace(decision)
		if decision == "" {
			return apperr.Errorf(apperr.EINVALID, "须填写处理意见（decision）")
		}
		var o reward.Objection
		if err := tx.queryRow(ctx, `SELECT id, item_id, raised_by, content, outcome, decision, version FROM reward_objections
			WHERE id = $1`, id).Scan(&o.ID, &o.ItemID, &o.RaisedBy, &o.Content, &o.Outcome, &o.Decision, &o.Version); err != nil {
			return notFound(err, "异议不存在")
		}
		if o.Version != version {
			return apperr.Errorf(apperr.ECONFLICT, "该异议已被处理或修改，请刷新后重试（version）")
		}
		if o.Outcome != "" {
			return apperr.Errorf(apperr.ECONFLICT, "该异议已处理：%s", reward.ObjectionZH[o.Outcome])
		}
		it, err := tx.getRewardItem(ctx, c, o.ItemID)
		if err != nil {
			return err
		}
		if it.RunState != reward.RunPublicizing {
			return apperr.Errorf(apperr.ECONFLICT, "批次已不在公示期，不能再处理异议")
		}
		before := o
		o.Outcome, o.Decision, o.Version = outcome, decision, o.Version+1
		if _, err := tx.exec(ctx, `UPDATE reward_objections SET outcome = $1, decision = $2, decided_by = $3, decided_at = $4,
			version = $5 WHERE id = $6 AND version = $7`, outcome, decision, c.UserID, ts(tx.now), o.Version, id, version); err != nil {
			return err
		}
		if err := tx.audit(ctx, c, auditRow{action: "reward_objection.decide", entity: "reward_objection",
			entityID: strconv.FormatInt(id, 10), region: it.Region, before: before, after: o}); err != nil {
			return err
		}
		if outcome == reward.ObjectionWithdraw && it.Status == reward.ItemProposed {
			if _, err := tx.exec(ctx, `UPDATE reward_items SET reason = $1 WHERE id = $2`, reward.ReasonObjection, it.ID); err != nil {
				return err
			}
			if err := tx.setItemStatus(ctx, c, it, reward.ItemWithdrawn, "异议成立，撤销："+decision, false); err != nil {
				return err
			}
			return tx.refreshRunTotal(ctx, it.RunID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlstore: decide reward objection %d: %w", id, err)
	}
	return nil
}
