package cultivation

// Op is what a refresh does to one tier's entry of an enterprise.
type Op string

// Refresh operations.
const (
	OpAdd       Op = "add"       // a rule puts the enterprise on the list
	OpUpdate    Op = "update"    // another rule (or reason) now holds
	OpRecognize Op = "recognize" // the enterprise holds the tier's title
	OpDrop      Op = "drop"      // no rule holds any more: the rules' entry leaves
)

// Action is one change a refresh makes: Before is the entry as it was (nil
// for OpAdd), Entry as it will be (for OpDrop, as it was).
type Action struct {
	Op     Op
	Entry  Entry
	Before *Entry
}

// Reconcile decides what a refresh changes on an enterprise's entries
// (existing: at most one per tier) given the rules' candidates and whether
// it holds each tier (held).
//
//   - An enterprise holding the tier's title: its entry becomes 已认定,
//     whoever decided it, unless an official removed it (移出), which stays.
//     A recognition is a fact read from the titles, not a rule's judgement;
//     no entry is made for a title held without one.
//   - An entry an official decided (added, moved, removed by hand) keeps
//     that decision: the rules never change it.
//   - The rules own the other entries: a rule that holds adds the entry or
//     updates its source and reason; when none holds, the entry leaves the
//     list (the audit log keeps it). A 已认定 entry stays as history.
func Reconcile(existing []Entry, cands []Candidate, held func(tier string) bool) []Action {
	var out []Action
	for _, tier := range Tiers {
		var e *Entry
		for i := range existing {
			if existing[i].Tier == tier {
				e = &existing[i]
			}
		}
		var c *Candidate
		for i := range cands {
			if cands[i].Tier == tier {
				c = &cands[i]
			}
		}
		switch {
		case held(tier):
			if e != nil && e.Status != StatusRecognized && !(e.Decided() && e.Status == StatusRemoved) {
				n := *e
				n.Status = StatusRecognized
				out = append(out, Action{OpRecognize, n, e})
			}
		case e == nil:
			if c != nil {
				out = append(out, Action{OpAdd, Entry{Tier: tier, Status: StatusReserve, Source: c.Rule, Reason: c.Reason}, nil})
			}
		case e.Decided() || e.Status == StatusRecognized:
		case c == nil:
			out = append(out, Action{OpDrop, *e, e})
		case c.Rule != e.Source || c.Reason != e.Reason || e.Status != StatusReserve:
			n := *e
			n.Source, n.Reason, n.Status = c.Rule, c.Reason, StatusReserve
			out = append(out, Action{OpUpdate, n, e})
		}
	}
	return out
}
