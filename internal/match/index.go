package match

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Index is the BM25F index of the products. Build it once from all products
// (NewIndex), then keep it current with Add and Remove when a product is
// created, changed or withdrawn: both cost one product's segmentation, not a
// rebuild. Safe for concurrent use.
type Index struct {
	rules *Rules
	seg   *Segmenter
	// syn maps a term to the terms its synonym groups stand for.
	syn map[string][]string
	// catTerms are the category field's terms per category: the category's
	// name and its words in the rules.
	catTerms map[string][]string

	mu    sync.RWMutex
	slots []slot // products in the order added; removed ones stay, dead
	// fieldW and fieldB are the rules' field weights and b, by field index.
	fieldW, fieldB [numFields]float64
	// alive and lens repeat slots' flags and field lengths densely: the
	// scoring loop reads them for every posting, and a slot is 300 bytes.
	alive []bool
	lens  [][numFields]float32

	byID   map[int64]int32 // product id → its live slot
	post   map[string][]posting
	df     map[string]int32 // live products holding each term
	sumLen [numFields]float64
	live   int
	dead   int
	pool   sync.Pool // *scratch, one per concurrent search
}

type slot struct {
	doc   Doc
	alive bool
	lens  [numFields]float64
	terms []string // distinct terms, to undo df on Remove
}

// posting is one product's term frequency per field; a term's postings are
// in slot order, so a product's posting is found by binary search.
type posting struct {
	slot int32
	tf   [numFields]uint16
}

// NewIndex indexes docs with the embedded dictionary and rules.
func NewIndex(docs []Doc) (*Index, error) {
	seg, err := DefaultSegmenter()
	if err != nil {
		return nil, err
	}
	rules, err := DefaultRules()
	if err != nil {
		return nil, err
	}
	return NewIndexWith(seg, rules, docs), nil
}

// NewIndexWith indexes docs with a given segmenter and rules.
func NewIndexWith(seg *Segmenter, rules *Rules, docs []Doc) *Index {
	ix := &Index{
		rules:    rules,
		seg:      seg,
		syn:      map[string][]string{},
		catTerms: map[string][]string{},
		byID:     map[int64]int32{},
		post:     map[string][]posting{},
		df:       map[string]int32{},
	}
	for f, name := range fieldNames {
		ix.fieldW[f] = rules.Fields[name].Weight
		ix.fieldB[f] = rules.Fields[name].B
	}
	for _, group := range rules.Synonyms {
		var terms [][]string
		for _, w := range group {
			terms = append(terms, seg.Terms(w))
		}
		for i, ti := range terms {
			if len(ti) != 1 {
				continue // a phrase finds its synonyms through its words' groups
			}
			for j, tj := range terms {
				if i != j {
					ix.syn[ti[0]] = appendNew(ix.syn[ti[0]], tj...)
				}
			}
		}
	}
	for _, c := range Categories {
		ix.catTerms[c] = seg.Terms(c + " " + strings.Join(rules.CategoryWords[c], " "))
	}
	ix.slots = make([]slot, 0, len(docs))
	for _, d := range docs {
		ix.add(d)
	}
	return ix
}

// Len is the number of products indexed.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Doc returns the indexed product with this id.
func (ix *Index) Doc(id int64) (Doc, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, ok := ix.byID[id]
	if !ok {
		return Doc{}, false
	}
	return ix.slots[s].doc, true
}

// Add indexes a product, replacing the one with the same id.
func (ix *Index) Add(d Doc) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(d.ID)
	ix.add(d)
}

// Remove drops a product; it reports whether the product was indexed.
func (ix *Index) Remove(id int64) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.remove(id)
}

func (ix *Index) add(d Doc) {
	var fields [numFields][]string
	fields[fieldName] = ix.seg.Terms(d.Name)
	fields[fieldCategory] = ix.catTerms[d.Category]
	if fields[fieldCategory] == nil { // a category unknown to the rules
		fields[fieldCategory] = ix.seg.Terms(d.Category)
	}
	fields[fieldDescription] = ix.seg.Terms(d.Description)

	id := int32(len(ix.slots))
	s := slot{doc: d, alive: true}
	tfs := map[string]*[numFields]uint16{}
	for f, terms := range fields {
		s.lens[f] = float64(len(terms))
		ix.sumLen[f] += s.lens[f]
		for _, t := range terms {
			tf := tfs[t]
			if tf == nil {
				tf = new([numFields]uint16)
				tfs[t] = tf
				s.terms = append(s.terms, t)
			}
			if tf[f] < 1<<16-1 {
				tf[f]++
			}
		}
	}
	for _, t := range s.terms {
		ix.post[t] = append(ix.post[t], posting{slot: id, tf: *tfs[t]})
		ix.df[t]++
	}
	ix.slots = append(ix.slots, s)
	ix.alive = append(ix.alive, true)
	ix.lens = append(ix.lens, [numFields]float32{float32(s.lens[0]), float32(s.lens[1]), float32(s.lens[2])})
	ix.byID[d.ID] = id
	ix.live++
}

func (ix *Index) remove(id int64) bool {
	si, ok := ix.byID[id]
	if !ok {
		return false
	}
	s := &ix.slots[si]
	for _, t := range s.terms {
		ix.df[t]--
	}
	for f := range s.lens {
		ix.sumLen[f] -= s.lens[f]
	}
	*s = slot{} // dead: its postings are skipped until compacted
	ix.alive[si] = false
	delete(ix.byID, id)
	ix.live--
	ix.dead++
	if ix.dead > 1000 && ix.dead > ix.live {
		ix.compact()
	}
	return true
}

// compact drops the postings of removed products, once they outnumber the
// live ones. Slots keep their numbers, so byID stays valid.
func (ix *Index) compact() {
	for t, ps := range ix.post {
		kept := ps[:0]
		for _, p := range ps {
			if ix.alive[p.slot] {
				kept = append(kept, p)
			}
		}
		if len(kept) == 0 {
			delete(ix.post, t)
			delete(ix.df, t)
			continue
		}
		ix.post[t] = kept
	}
	ix.dead = 0
}

// String describes the index for logs.
func (ix *Index) String() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return fmt.Sprintf("match index: %d products, %d terms", ix.live, len(ix.post))
}

// appendNew appends the strings of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
