package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// queryTerm is one term looked up: a word of the query (via "") or a
// synonym standing for one (via the word).
type queryTerm struct {
	term   string
	via    string
	weight float64
}

// scratch is a search's score array, reused through the index's pool so a
// search over 20,000 products allocates next to nothing.
type scratch struct {
	score   []float64
	touched []int32
	top     []cand
}

// Search ranks the products for q by BM25F, best first, each with its
// explanation. Products matching no term are left out, unless the query has
// no terms at all: then every product meeting the filters is listed,
// quality list first.
func (ix *Index) Search(q Query) []Result {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	terms := ix.queryTerms(q)
	gapCats := ix.rules.GapCategories(q.FromGap)

	sc, _ := ix.pool.Get().(*scratch)
	if sc == nil || len(sc.score) < len(ix.slots) {
		sc = &scratch{score: make([]float64, len(ix.slots)+len(ix.slots)/4+16)}
	}
	defer func() {
		for _, s := range sc.touched {
			sc.score[s] = 0
		}
		sc.touched = sc.touched[:0]
		ix.pool.Put(sc)
	}()

	avg := ix.avgLens()
	for _, qt := range terms {
		idf := ix.idf(qt.term)
		for _, p := range ix.post[qt.term] {
			if !ix.alive[p.slot] {
				continue
			}
			w := ix.weightedTF(p, avg)
			if sc.score[p.slot] == 0 {
				sc.touched = append(sc.touched, p.slot)
			}
			sc.score[p.slot] += qt.weight * idf * w / (ix.rules.K1 + w)
		}
	}

	// Keep the best limit candidates in a small sorted buffer as they come:
	// no slice of all 20,000 touched products, no sort of it.
	top := topK[cand]{k: limit, buf: sc.top[:0], better: func(a, b cand) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return ix.slots[a.slot].doc.ID < ix.slots[b.slot].doc.ID
	}}
	consider := func(s int32, score float64) {
		d := &ix.slots[s].doc
		if !meets(d, q) {
			return
		}
		score *= ix.boost(d, gapCats)
		if len(terms) == 0 && d.QualityList {
			score = 1 // a listing without terms: the quality list first
		}
		top.push(cand{s, score})
	}
	if len(terms) == 0 {
		for i := range ix.slots {
			if ix.alive[i] {
				consider(int32(i), 0)
			}
		}
	} else {
		for _, s := range sc.touched {
			consider(s, sc.score[s])
		}
	}
	cands := top.buf
	sc.top = top.buf

	out := make([]Result, len(cands))
	for i, c := range cands {
		d := &ix.slots[c.slot].doc
		out[i] = Result{DocID: d.ID, Score: c.score, Why: ix.explain(c.slot, terms, avg, q, gapCats)}
	}
	return out
}

// cand is a product being ranked.
type cand struct {
	slot  int32
	score float64
}

// topK keeps the best k items pushed, best first.
type topK[T any] struct {
	k      int
	buf    []T
	better func(a, b T) bool
}

func (t *topK[T]) push(x T) {
	if len(t.buf) == t.k && !t.better(x, t.buf[t.k-1]) {
		return
	}
	i := sort.Search(len(t.buf), func(i int) bool { return t.better(x, t.buf[i]) })
	if len(t.buf) < t.k {
		t.buf = append(t.buf, x)
	}
	copy(t.buf[i+1:], t.buf[i:len(t.buf)-1])
	t.buf[i] = x
}

// queryTerms are the query's distinct terms, then their synonyms not already
// among them.
func (ix *Index) queryTerms(q Query) []queryTerm {
	text := q.Text
	if text == "" {
		text = q.FromGap
	}
	var out []queryTerm
	seen := map[string]bool{}
	for _, t := range ix.seg.Terms(text) {
		if !seen[t] {
			seen[t] = true
			out = append(out, queryTerm{term: t, weight: 1})
		}
	}
	words := len(out)
	for _, w := range out[:words] {
		for _, s := range ix.syn[w.term] {
			if !seen[s] {
				seen[s] = true
				out = append(out, queryTerm{term: s, via: w.term, weight: ix.rules.SynonymWeight})
			}
		}
	}
	return out
}

func (ix *Index) avgLens() [numFields]float64 {
	var avg [numFields]float64
	for f := range avg {
		avg[f] = 1
		if ix.live > 0 && ix.sumLen[f] > 0 {
			avg[f] = ix.sumLen[f] / float64(ix.live)
		}
	}
	return avg
}

// idf is BM25's inverse document frequency, never negative.
func (ix *Index) idf(term string) float64 {
	n, df := float64(ix.live), float64(ix.df[term])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// fieldTF is a field's weighted, length-normalised term frequency: BM25F
// adds these across fields before saturating with k1.
func (ix *Index) fieldTF(p posting, f int, avg [numFields]float64) float64 {
	if p.tf[f] == 0 {
		return 0
	}
	norm := 1 - ix.fieldB[f] + ix.fieldB[f]*float64(ix.lens[p.slot][f])/avg[f]
	return ix.fieldW[f] * float64(p.tf[f]) / norm
}

func (ix *Index) weightedTF(p posting, avg [numFields]float64) float64 {
	var w float64
	for f := range numFields {
		w += ix.fieldTF(p, f, avg)
	}
	return w
}

// boost is the factor for the quality list and the gap's categories.
func (ix *Index) boost(d *Doc, gapCats []string) float64 {
	b := 1.0
	if d.QualityList {
		b *= 1 + ix.rules.QualityBoost
	}
	if slices.Contains(gapCats, d.Category) {
		b *= 1 + ix.rules.GapBoost
	}
	return b
}

// meets reports whether d passes the query's filters.
func meets(d *Doc, q Query) bool {
	return (q.Category == "" || d.Category == q.Category) &&
		(q.InstitutionID == 0 || d.InstitutionID == q.InstitutionID) &&
		serves(d.Tiers, q.Tier, "") &&
		serves(d.Chains, q.Chain, "") &&
		serves(d.Regions, q.Region, AllRegions)
}

// serves: a product with no list serves all; all is the list's "everyone"
// value, if it has one.
func serves(list []string, want, all string) bool {
	return want == "" || len(list) == 0 || slices.Contains(list, want) || (all != "" && slices.Contains(list, all))
}

// explain recomputes one result's score term by term and field by field.
func (ix *Index) explain(s int32, terms []queryTerm, avg [numFields]float64, q Query, gapCats []string) Why {
	var why Why
	var total float64
	for _, qt := range terms {
		ps := ix.post[qt.term]
		i, found := slices.BinarySearchFunc(ps, s, func(p posting, s int32) int { return cmp.Compare(p.slot, s) })
		if !found {
			continue
		}
		p := ps[i]
		w := ix.weightedTF(p, avg)
		contrib := qt.weight * ix.idf(qt.term) * w / (ix.rules.K1 + w)
		total += contrib
		for f := range numFields {
			if ft := ix.fieldTF(p, f, avg); ft > 0 {
				why.Terms = append(why.Terms, TermHit{Term: qt.term, Field: fieldNames[f], Share: contrib * ft / w, Via: qt.via})
			}
		}
	}
	for i := range why.Terms {
		why.Terms[i].Share /= total
	}
	// Larger shares first; of equal ones, the longer (more specific) term.
	slices.SortStableFunc(why.Terms, func(a, b TermHit) int {
		if c := cmp.Compare(b.Share, a.Share); c != 0 {
			return c
		}
		return cmp.Compare(len(b.Term), len(a.Term))
	})

	d := &ix.slots[s].doc
	if q.Category != "" {
		why.Filters = append(why.Filters, "类别："+q.Category)
	}
	why.Filters = appendFilter(why.Filters, "梯度", q.Tier, d.Tiers, "")
	why.Filters = appendFilter(why.Filters, "产业链", q.Chain, d.Chains, "")
	why.Filters = appendFilter(why.Filters, "区域", q.Region, d.Regions, AllRegions)
	if d.QualityList {
		why.Boosts = append(why.Boosts, fmt.Sprintf("优质服务机构清单 ×%.2f", 1+ix.rules.QualityBoost))
	}
	if slices.Contains(gapCats, d.Category) {
		why.Boosts = append(why.Boosts, fmt.Sprintf("短板“%s”指向%s ×%.2f", q.FromGap, d.Category, 1+ix.rules.GapBoost))
	}
	why.Gap = q.FromGap
	return why
}

// appendFilter names a filter the product meets, saying when it meets it by
// serving everyone.
func appendFilter(out []string, label, want string, list []string, all string) []string {
	switch {
	case want == "":
		return out
	case slices.Contains(list, want):
		return append(out, label+"："+want)
	case all != "" && slices.Contains(list, all):
		return append(out, label+"："+want+"（服务"+all+"）")
	default:
		return append(out, label+"："+want+"（服务不限）")
	}
}

// Explain explains the products ids for q as Search would, in order: the
// hybrid ranking uses it for products the model brought in. An id not
// indexed gets an empty Why.
func (ix *Index) Explain(q Query, ids []int64) []Why {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	terms := ix.queryTerms(q)
	gapCats := ix.rules.GapCategories(q.FromGap)
	avg := ix.avgLens()
	out := make([]Why, len(ids))
	for i, id := range ids {
		if s, ok := ix.byID[id]; ok {
			out[i] = ix.explain(s, terms, avg, q, gapCats)
		}
	}
	return out
}

// eachMeeting calls fn for every product meeting q's filters, under the
// read lock: fn must not call back into the index.
func (ix *Index) eachMeeting(q Query, fn func(d *Doc)) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for i := range ix.slots {
		if s := &ix.slots[i]; s.alive && meets(&s.doc, q) {
			fn(&s.doc)
		}
	}
}

// docs returns a copy of every live product.
func (ix *Index) docs() []Doc {
	var out []Doc
	ix.eachMeeting(Query{}, func(d *Doc) { out = append(out, *d) })
	return out
}
