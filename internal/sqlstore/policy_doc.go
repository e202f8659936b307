package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/library"
	"zjtx/internal/search"
)

// PolicyDocFilter selects policy documents.
type PolicyDocFilter struct {
	Q      string // words of the title, 文号, tags or full text
	Level  string
	Tag    string
	Limit  int
	Offset int
}

const policyDocColumns = `d.id, d.title, d.doc_no, d.issuer, d.level, d.issued_on, d.valid_from, d.valid_to, d.tags,
	d.version, d.created_at, d.updated_at`

func scanPolicyDoc(row scanner, body *string) (*library.Doc, error) {
	var d library.Doc
	var tags string
	dest := []any{&d.ID, &d.Title, &d.DocNo, &d.Issuer, &d.Level, dateCol{&d.IssuedOn}, dateCol{&d.ValidFrom},
		dateCol{&d.ValidTo}, &tags, &d.Version, timeCol{&d.CreatedAt}, timeCol{&d.UpdatedAt}}
	if body != nil {
		dest = append(dest, body)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	d.Tags = splitTags(tags)
	if body != nil {
		d.Body = *body
	}
	return &d, nil
}

func splitTags(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// requirePolicyReader lets officials read the library: it is their study
// material, and a draft document may sit in it before publication.
func requirePolicyReader(c auth.Caller) error { return requireOfficial(c, "查阅政策文件库") }

// SavePolicyDoc creates d (ID 0) or updates it from the version it read.
// City officials keep the library.
func (tx *Tx) SavePolicyDoc(ctx context.Context, d *library.Doc) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可维护政策文件库")
	}
	d.DocNo = library.NormalizeDocNo(d.DocNo)
	d.Normalize()
	if err := invalid("政策文件有误", d.Validate()); err != nil {
		return err
	}
	var old *library.Doc
	if d.ID != 0 {
		if err := needVersion(d.Version, "政策文件"); err != nil {
			return err
		}
		if old, err = tx.GetPolicyDoc(ctx, d.ID); err != nil {
			return err
		}
		if old.Version != d.Version {
			return apperr.Errorf(apperr.ECONFLICT, "该政策文件已被他人修改，请刷新后重试")
		}
	}
	vals := []any{d.Title, d.DocNo, d.Issuer, d.Level, d.IssuedOn.String(), nullDate(d.ValidFrom), nullDate(d.ValidTo),
		d.Body, strings.Join(d.Tags, ","), ts(tx.now)}
	if old == nil {
		d.Version, d.CreatedAt, d.UpdatedAt = 1, tx.now, tx.now
		err = tx.queryRow(ctx, `INSERT INTO policy_docs (title, doc_no, issuer, level, issued_on, valid_from, valid_to, body, tags,
			version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id`, vals...).Scan(&d.ID)
	} else {
		d.Version, d.CreatedAt, d.UpdatedAt = old.Version+1, old.CreatedAt, tx.now
		err = tx.execOne(ctx, "该政策文件已被他人修改，请刷新后重试", `UPDATE policy_docs SET title = $1, doc_no = $2, issuer = $3,
			level = $4, issued_on = $5, valid_from = $6, valid_to = $7, body = $8, tags = $9, updated_at = $10, version = $11
			WHERE id = $12 AND version = $13`, append(vals, d.Version, d.ID, old.Version)...)
	}
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("文号 %s 的文件已在库中", d.DocNo))
		}
		return err
	}
	if err := tx.indexPolicyDoc(ctx, d); err != nil {
		return err
	}
	action, before := "policy_doc.create", any(nil)
	if old != nil {
		action, before = "policy_doc.update", auditPolicyDoc(old)
	}
	return tx.audit(ctx, c, auditRow{action: action, entity: "policy_doc", entityID: strconv.FormatInt(d.ID, 10),
		before: before, after: auditPolicyDoc(d)})
}

// auditPolicyDoc is what the audit log keeps of a document: its fields and
// the length of its text (the text itself would bloat every row).
func auditPolicyDoc(d *library.Doc) map[string]any {
	return map[string]any{"title": d.Title, "doc_no": d.DocNo, "issuer": d.Issuer, "level": d.Level,
		"issued_on": d.IssuedOn, "valid_from": d.ValidFrom, "valid_to": d.ValidTo, "tags": d.Tags,
		"body_chars": len([]rune(d.Body)), "version": d.Version}
}

// indexPolicyDoc rewrites the document's search tokens: those of the title
// and 文号 marked, so that title hits rank first.
func (tx *Tx) indexPolicyDoc(ctx context.Context, d *library.Doc) error {
	if _, err := tx.exec(ctx, `DELETE FROM policy_doc_tokens WHERE doc_id = $1`, d.ID); err != nil {
		return err
	}
	inTitle := map[string]bool{}
	for _, t := range search.Tokens(d.Title + " " + d.DocNo) {
		inTitle[t] = true
	}
	seen := map[string]bool{}
	for _, t := range search.Tokens(d.Title + " " + d.DocNo + " " + strings.Join(d.Tags, " ") + " " + d.Body) {
		if seen[t] {
			continue
		}
		seen[t] = true
		if _, err := tx.exec(ctx, `INSERT INTO policy_doc_tokens (token, doc_id, in_title) VALUES ($1, $2, $3)`,
			t, d.ID, inTitle[t]); err != nil {
			return err
		}
	}
	return nil
}

// GetPolicyDoc returns a document with its full text.
func (tx *Tx) GetPolicyDoc(ctx context.Context, id int64) (*library.Doc, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requirePolicyReader(c); err != nil {
		return nil, err
	}
	var body string
	d, err := scanPolicyDoc(tx.queryRow(ctx, `SELECT `+policyDocColumns+`, d.body FROM policy_docs d WHERE d.id = $1`, id), &body)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: policy document %d: %w", id, notFound(err, "政策文件不存在"))
	}
	return d, nil
}

// ListPolicyDocs returns the documents of f without their text, the best
// matches of a search first (title hits, then newest), else newest first;
// and how many match.
func (tx *Tx) ListPolicyDocs(ctx context.Context, f PolicyDocFilter) ([]*library.Doc, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requirePolicyReader(c); err != nil {
		return nil, 0, err
	}
	var a args
	var conds []string
	rank := "" // title hits, when the search has tokens
	if f.Level != "" {
		conds = append(conds, "d.level = "+a.add(f.Level))
	}
	if f.Tag != "" {
		// Tags are stored comma-joined without spaces; match one whole tag.
		conds = append(conds, "(',' || d.tags || ',') LIKE "+a.add("%,"+f.Tag+",%"))
	}
	if q := search.Parse(f.Q); !q.Empty() {
		for _, t := range q.Tokens {
			conds = append(conds, "EXISTS (SELECT 1 FROM policy_doc_tokens t WHERE t.doc_id = d.id AND t.token = "+a.add(t)+")")
		}
		for _, s := range q.Contains {
			p := a.add("%" + s + "%")
			conds = append(conds, "(lower(d.title) LIKE "+p+" OR lower(d.doc_no) LIKE "+p+" OR lower(d.body) LIKE "+p+")")
		}

	}
	w := where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM policy_docs d`+w, a...).Scan(&total); err != nil {
		return nil, 0, err
	}
	// The rank's arguments follow the conditions', so the count above
	// takes only those it uses.
	if q := search.Parse(f.Q); len(q.Tokens) > 0 {
		rank = "(SELECT count(*) FROM policy_doc_tokens t WHERE t.doc_id = d.id AND t.in_title AND t.token IN (" +
			inList(&a, q.Tokens) + ")) DESC, "
	}
	limit, offset := pageBounds(f.Limit, f.Offset)
	rows, err := tx.query(ctx, `SELECT `+policyDocColumns+` FROM policy_docs d`+w+` ORDER BY `+rank+`d.issued_on DESC, d.id DESC
		LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*library.Doc{}
	for rows.Next() {
		d, err := scanPolicyDoc(rows, nil)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// PolicyDocNos returns the 文号 of every document in the library, with its
// id and title, for linking citations to their documents.
func (tx *Tx) PolicyDocNos(ctx context.Context) (map[string]library.Doc, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requirePolicyReader(c); err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT id, doc_no, title FROM policy_docs WHERE doc_no <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]library.Doc{}
	for rows.Next() {
		var d library.Doc
		if err := rows.Scan(&d.ID, &d.DocNo, &d.Title); err != nil {
			return nil, err
		}
		out[d.DocNo] = d
	}
	return out, rows.Err()
}

// pageBounds clamps a page's limit (default 50, at most 1000) and offset.
func pageBounds(limit, offset int) (int64, int64) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	return int64(limit), int64(max(offset, 0))
}

// GetPolicyDoc is Tx.GetPolicyDoc in its own read transaction.
func (s *Store) GetPolicyDoc(ctx context.Context, id int64) (d *library.Doc, err error) {
	err = s.view(ctx, func(tx *Tx) error { d, err = tx.GetPolicyDoc(ctx, id); return err })
	return d, err
}

// ListPolicyDocs is Tx.ListPolicyDocs in its own read transaction.
func (s *Store) ListPolicyDocs(ctx context.Context, f PolicyDocFilter) (out []*library.Doc, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, total, err = tx.ListPolicyDocs(ctx, f); return err })
	return out, total, err
}

// PolicyDocNos is Tx.PolicyDocNos in its own read transaction.
func (s *Store) PolicyDocNos(ctx context.Context) (m map[string]library.Doc, err error) {
	err = s.view(ctx, func(tx *Tx) error { m, err = tx.PolicyDocNos(ctx); return err })
	return m, err
}

// SavePolicyDoc is Tx.SavePolicyDoc in its own write transaction.
func (s *Store) SavePolicyDoc(ctx context.Context, d *library.Doc) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SavePolicyDoc(ctx, d) })
}
