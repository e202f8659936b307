package match

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"zjtx/internal/search"
)

// The dictionary shipped in the binary: gse's simplified-Chinese dictionary
// trimmed to its 82,000 words of frequency ≥ 20, generated into dict/ by
// `make assets` (see gendict; git keeps only the generator, as it keeps the
// front-end packages out), and the domain words of SRDI services on top.
// Nothing is read from disk at run time.
var (
	//go:embed dict
	dictFS embed.FS
	//go:embed data/domain.txt
	domainDict string
	//go:embed data/stopwords.txt
	stopwordList string
)

// Segmenter cuts Chinese text into index terms. It is safe for concurrent
// use once built.
//
// It reaches gse only through two closures, never through a field of gse's
// type: gse embeds its own 38 MB of dictionaries (Japanese among them) in
// variables that its exported methods reference, and the linker keeps every
// exported method of a type reachable from a value stored in an interface
// once html/template's reflection is in the binary. Through a field, any
// `any` holding a Service would have added 34 MB to zjtx; through closures
// only the shipped 1 MB dictionary is linked (see the README).
type Segmenter struct {
	cut  func(text string) []string // gse's dictionary cut, no HMM
	find func(word string) bool     // whether the dictionary knows word
	stop map[string]bool
}

var (
	defaultSeg     *Segmenter
	defaultSegErr  error
	defaultSegOnce sync.Once
)

// DefaultSegmenter is the segmenter over the embedded dictionaries, loaded on
// first use (about 0.3 s, see BenchmarkSegmenterLoad) and kept for the life
// of the process: a server that never matches never pays for it.
func DefaultSegmenter() (*Segmenter, error) {
	defaultSegOnce.Do(func() {
		defaultSeg, defaultSegErr = NewSegmenter(ShippedDictionary())
	})
	return defaultSeg, defaultSegErr
}

// NewSegmenter builds a segmenter over a dictionary in gse's format ("word
// freq [pos]" per line), with the embedded domain words and stop words on
// top. Tests use it to compare dictionaries; the server uses
// DefaultSegmenter.
func NewSegmenter(dict string) (*Segmenter, error) {
	seg := new(gse.Segmenter)
	seg.SkipLog = true
	if err := seg.LoadDictStr(dict); err != nil {
		return nil, fmt.Errorf("match: load dictionary: %w", err)
	}
	words, err := domainWords(domainDict)
	if err != nil {
		return nil, err
	}
	for _, w := range words {
		if err := seg.AddToken(w.text, w.freq); err != nil {
			return nil, fmt.Errorf("match: domain word %q: %w", w.text, err)
		}
	}
	seg.CalcToken() // the domain words' path costs
	s := &Segmenter{
		cut: func(text string) []string { return seg.Cut(text, false) },
		find: func(word string) bool {
			freq, _, ok := seg.Find(word)
			return ok && freq > 0
		},
		stop: map[string]bool{},
	}
	for _, line := range dataLines(stopwordList) {
		s.stop[line] = true
	}
	return s, nil
}

type domainWord struct {
	text string
	freq float64
}

// domainWords parses data/domain.txt: a word and an optional frequency per
// line, # comments.
func domainWords(text string) ([]domainWord, error) {
	var out []domainWord
	for _, line := range dataLines(text) {
		f := strings.Fields(line)
		w := domainWord{text: strings.ToLower(f[0]), freq: 2000}
		if len(f) > 1 {
			n, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Errorf("match: domain word %q: bad frequency %q", f[0], f[1])
			}
			w.freq = n
		}
		out = append(out, w)
	}
	return out, nil
}

// dataLines returns the non-empty lines of an embedded list, without #
// comments.
func dataLines(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// Terms returns the index terms of text in order, with repeats (term
// frequency counts them):
//   - Han runs are cut by gse on the dictionary (no HMM, which invents
//     words); a word of three or more characters is followed by its
//     dictionary sub-words, so "知识产权贯标" also finds "知识产权" and
//     "贯标";
//   - runs of single characters that the dictionary does not know (names,
//     new terms: "碳化硅衬底" when not in the dictionary) fall back to
//     character bigrams, so they still match the same run elsewhere;
//   - letters and digits are lower-cased words ("ISO9001" → "iso9001",
//     and its parts "iso", "9001");
//   - stop words and lone characters are dropped.
func (s *Segmenter) Terms(text string) []string {
	var out []string
	add := func(t string) {
		if !s.stop[t] {
			out = append(out, t)
		}
	}
	for _, r := range search.Runs(text) {
		if !r.Han {
			add(r.Text)
			if a, d := splitAlnum(r.Text); a != "" && d != "" {
				add(a)
				add(d)
			}
			continue
		}
		var singles []string // a run of one-character words
		flush := func() {
			if len(singles) >= 2 {
				for i := 0; i+1 < len(singles); i++ {
					add(singles[i] + singles[i+1])
				}
			}
			singles = singles[:0]
		}
		for _, w := range s.cut(r.Text) {
			n := utf8.RuneCountInString(w)
			if n == 1 {
				if s.stop[w] {
					flush()
				} else {
					singles = append(singles, w)
				}
				continue
			}
			flush()
			add(w)
			if n >= 3 {
				s.subWords(w, add)
			}
		}
		flush()
	}
	return out
}

// subWords emits the dictionary words of two and more characters inside w
// (not w itself), the way gse's search mode does.
func (s *Segmenter) subWords(w string, add func(string)) {
	runes := []rune(w)
	for size := 2; size < len(runes); size++ {
		for i := 0; i+size <= len(runes); i++ {
			sub := string(runes[i : i+size])
			if s.find(sub) {
				add(sub)
			}
		}
	}
}

// splitAlnum splits "iso9001" into its leading letters and the rest when
// the word mixes both, so "ISO 9001" and "ISO9001" meet.
func splitAlnum(w string) (letters, digits string) {
	i := strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return "", ""
	}
	return w[:i], w[i:]
}

// ShippedDictionary is the dictionary embedded in the binary ("" when the
// build did not generate it: see DictionaryMissing).
func ShippedDictionary() string {
	b, _ := dictFS.ReadFile("dict/zh_dict.txt")
	return string(b)
}

// DictionaryMissing reports a build without the generated dictionary:
// matching then segments by the domain words and character bigrams only,
// which ranks worse; the server warns at start.
func DictionaryMissing() bool { return ShippedDictionary() == "" }
