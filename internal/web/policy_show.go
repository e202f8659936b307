package web

import (
	"net/http"

	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/library"
)

type policyShowView struct {
	base
	Doc      policyRow
	Saved    bool
	Clauses  []citedClause     // rule-set conditions and items that cite the document
	Rewards  []rewardPolicyRow // reward policies whose 文号 names the document
	Form     policyForm
	Problems []string
	Levels   []option
}

// citedClause is a rule-set node or item citing a document.
type citedClause struct {
	RuleSet, RuleSetName string
	criteria.Clause
}

// policyShow shows a document with its full text, its validity, and every
// condition and points item of the rule sets that cite it.
func (w *Web) policyShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.policyShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "policy_show", v)
}

func (w *Web) policyShowView(r *http.Request, id int64) (*policyShowView, error) {
	d, err := w.store.GetPolicyDoc(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := &policyShowView{base: w.base(r, d.Title, "policies"), Doc: w.policyRowOf(d, w.todayDate()),
		Saved: r.URL.Query().Get("saved") == "1", Form: policyFormOf(d), Levels: options(library.Levels, library.LevelZH)}
	if d.DocNo != "" {
		v.Clauses = w.clausesCiting(d.DocNo)
		if v.Rewards, err = w.rewardsCiting(r, d.DocNo); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// rewardsCiting lists the reward policies in the caller's scope whose 文号
// names docNo.
func (w *Web) rewardsCiting(r *http.Request, docNo string) ([]rewardPolicyRow, error) {
	ps, err := w.store.ListRewardPolicies(r.Context())
	if err != nil {
		return nil, err
	}
	is := func(n string) bool { return n == docNo }
	var out []rewardPolicyRow
	for _, p := range ps {
		if len(library.Cited(p.DocNo, is)) > 0 {
			out = append(out, rewardPolicyRowOf(p))
		}
	}
	return out, nil
}

// clausesCiting lists the clauses of every rule set that cite docNo: the
// clauses whose own reference names it, and every top-level clause of a
// rule set whose source document it is when the clause names no other.
func (w *Web) clausesCiting(docNo string) []citedClause {
	is := func(n string) bool { return n == docNo }
	var out []citedClause
	for _, rs := range w.engine.Sets {
		p := w.engine.Plan(rs.ID)
		if p == nil {
			continue
		}
		source := library.NormalizeDocNo(p.RS.Source.DocNo) == docNo
		for _, c := range criteria.Clauses(p.RS) {
			cites := len(library.Cited(c.Ref, is)) > 0
			if !cites && source && c.Depth == 0 {
				cites = len(library.Cited(c.Ref, func(string) bool { return true })) == 0
			}
			if cites {
				out = append(out, citedClause{RuleSet: rs.ID, RuleSetName: p.RS.Name, Clause: c})
			}
		}
	}
	return out
}
