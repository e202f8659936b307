package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/hub"
)

// 技术攻关: the bottleneck lists per chain are the city's published lists
// (every role but banks reads them); joint projects are officials' records.

// ListBottlenecks lists the bottlenecks of a chain ("" for all).
func (tx *Tx) ListBottlenecks(ctx context.Context, chain string) ([]*hub.Bottleneck, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{}
	if c.Role == auth.RoleBank {
		conds = append(conds, "FALSE")
	}
	if chain != "" {
		conds = append(conds, "b.chain = "+a.add(chain))
	}
	out, err := queryAll(ctx, tx, `SELECT b.id, b.chain, b.title, b.description, b.status, b.created_at FROM bottlenecks b`+
		where(conds...)+` ORDER BY b.chain, b.id`, a, func(row scanner) (*hub.Bottleneck, error) {
		var b hub.Bottleneck
		return &b, row.Scan(&b.ID, &b.Chain, &b.Title, &b.Description, &b.Status, timeCol{&b.CreatedAt})
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list bottlenecks: %w", err)
	}
	return out, nil
}

// CreateBottleneck puts a bottleneck on a chain's list (the city).
func (tx *Tx) CreateBottleneck(ctx context.Context, b *hub.Bottleneck) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	if err := b.Validate(hub.Default()); err != nil {
		return err
	}
	b.CreatedAt = tx.now
	if err := tx.queryRow(ctx, `INSERT INTO bottlenecks (chain, title, description, status, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, b.Chain, b.Title, b.Description, b.Status, ts(tx.now)).Scan(&b.ID); err != nil {
		return fmt.Errorf("sqlstore: create bottleneck: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "bottleneck.create", entity: "bottleneck", entityID: strconv.FormatInt(b.ID, 10), after: b})
}

// ListJointProjects lists the joint projects with participants and
// milestones (officials).
func (tx *Tx) ListJointProjects(ctx context.Context) ([]*hub.JointProject, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "查看联合攻关项目"); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, tx, `SELECT id, COALESCE(bottleneck_id, 0), title, status, result, version, created_at, updated_at
		FROM joint_projects ORDER BY id DESC`, nil, func(row scanner) (*hub.JointProject, error) {
		var p hub.JointProject
		return &p, row.Scan(&p.ID, &p.BottleneckID, &p.Title, &p.Status, &p.Result, &p.Version, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list joint projects: %w", err)
	}
	for _, p := range out {
		if p.Participants, err = queryAll(ctx, tx, `SELECT COALESCE(x.enterprise_id, 0), COALESCE(x.institution_id, 0),
			COALESCE(e.name, i.name, ''), x.role FROM joint_project_participants x LEFT JOIN enterprises e ON e.id = x.enterprise_id
			LEFT JOIN institutions i ON i.id = x.institution_id WHERE x.project_id = $1`, args{p.ID},
			func(row scanner) (hub.Participant, error) {
				var x hub.Participant
				return x, row.Scan(&x.EnterpriseID, &x.InstitutionID, &x.Name, &x.Role)
			}); err != nil {
			return nil, err
		}
		if p.Milestones, err = queryAll(ctx, tx, `SELECT title, due_on, COALESCE(done_on, '') FROM joint_project_milestones
			WHERE project_id = $1 ORDER BY due_on, id`, args{p.ID}, func(row scanner) (hub.Milestone, error) {
			var m hub.Milestone
			return m, row.Scan(&m.Title, &m.DueOn, &m.DoneOn)
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CreateJointProject records a joint project with its participants and
// milestones (officials).
func (tx *Tx) CreateJointProject(ctx context.Context, p *hub.JointProject) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "登记联合攻关项目"); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	if err := tx.queryRow(ctx, `INSERT INTO joint_projects (bottleneck_id, title, status, result, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id`, nullInt64(p.BottleneckID), p.Title, p.Status, p.Result,
		ts(tx.now)).Scan(&p.ID); err != nil {
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "攻关事项不存在 (bottleneck_id: unknown)")
		}
		return fmt.Errorf("sqlstore: create joint project: %w", err)
	}
	for _, x := range p.Participants {
		if _, err := tx.exec(ctx, `INSERT INTO joint_project_participants (project_id, enterprise_id, institution_id, role)
			VALUES ($1, $2, $3, $4)`, p.ID, nullInt64(x.EnterpriseID), nullInt64(x.InstitutionID), x.Role); err != nil {
			if violation(err) == violForeignKey {
				return apperr.Wrap(err, apperr.EINVALID, "参与企业或机构不存在 (participants: unknown id)")
			}
			return err
		}
	}
	for _, m := range p.Milestones {
		if _, err := tx.exec(ctx, `INSERT INTO joint_project_milestones (project_id, title, due_on, done_on) VALUES ($1, $2, $3, $4)`,
			p.ID, m.Title, m.DueOn, nullString(m.DoneOn)); err != nil {
			return err
		}
	}
	return tx.audit(ctx, c, auditRow{action: "joint_project.create", entity: "joint_project", entityID: strconv.FormatInt(p.ID, 10), after: p})
}

// ListBottlenecks is Tx.ListBottlenecks in its own read transaction.
func (s *Store) ListBottlenecks(ctx context.Context, chain string) ([]*hub.Bottleneck, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Bottleneck, error) { return tx.ListBottlenecks(ctx, chain) })
}

// CreateBottleneck is Tx.CreateBottleneck in its own transaction.
func (s *Store) CreateBottleneck(ctx context.Context, b *hub.Bottleneck) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateBottleneck(ctx, b) })
}

// ListJointProjects is Tx.ListJointProjects in its own read transaction.
func (s *Store) ListJointProjects(ctx context.Context) ([]*hub.JointProject, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.JointProject, error) { return tx.ListJointProjects(ctx) })
}

// CreateJointProject is Tx.CreateJointProject in its own transaction.
func (s *Store) CreateJointProject(ctx context.Context, p *hub.JointProject) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateJointProject(ctx, p) })
}
