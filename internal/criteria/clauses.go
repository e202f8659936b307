package criteria

// Clause is one condition or points item of a rule set with the clause of
// the document it comes from: what the policy library links to its text.
type Clause struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Section string `json:"section"` // 前置条件, 必备条件, 直通条件, 评分项
	Ref     string `json:"ref"`     // the clause as the rule file cites it; "" when the rule set's source is meant
	Depth   int    `json:"depth"`   // 0 for a top-level condition, 1 for a part of it, …
}

// Clauses lists every condition (with its parts) and every points item of
// rs in document order.
func Clauses(rs *RuleSet) []Clause {
	var out []Clause
	var walk func(section string, ns []*Node, depth int)
	walk = func(section string, ns []*Node, depth int) {
		for _, n := range ns {
			out = append(out, Clause{ID: n.ID, Label: n.Label, Section: section, Ref: n.Ref, Depth: depth})
			walk(section, n.All, depth+1)
			walk(section, n.Any, depth+1)
		}
	}
	walk("前置条件", rs.Prerequisites, 0)
	walk("必备条件", rs.Mandatory, 0)
	walk("直通条件", rs.Direct, 0)
	if rs.Score != nil {
		for _, it := range rs.Score.Items {
			out = append(out, Clause{ID: it.ID, Label: it.Label, Section: "评分项", Ref: it.Ref})
		}
	}
	return out
}
