// Package search is the Chinese tokenizer behind full-text search on
// enterprise names and USCCs, and later behind demand–product matching.
//
// Chinese has no spaces, so words cannot be split without a dictionary.
// Overlapping bigrams of Han characters need none, find any substring of two
// or more characters, and are plain strings that a table with an index on
// (token) stores and looks up the same way on SQLite and PostgreSQL.
//
// Runs of letters and digits (ASCII, and full-width forms folded to ASCII) are
// lower-cased words. A word in a document is indexed by each of its prefixes
// of MinPrefix or more characters, so a query word matches any word it
// begins: "91410173ma" finds the USCC 91410173MA3XQ8N1DR.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinPrefix is the shortest word prefix indexed. Shorter query words are
// matched by substring instead (see Query).
const MinPrefix = 4

// Tokens returns the index tokens of a document, without duplicates, in the
// order they first occur: Han bigrams, and the prefixes of every word from
// MinPrefix characters to the whole word (a shorter word is indexed whole).
// A lone Han character between non-Han ones gives no token: queries find
// single characters by substring.
func Tokens(text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, r := range split(text) {
		if r.han {
			for i := 0; i+1 < len(r.runes); i++ {
				add(string(r.runes[i : i+2]))
			}
			continue
		}
		if len(r.runes) < MinPrefix {
			add(string(r.runes))
			continue
		}
		for n := MinPrefix; n <= len(r.runes); n++ {
			add(string(r.runes[:n]))
		}
	}
	return out
}

// Query is a parsed search query. A document matches when it has every
// token and contains every substring.
type Query struct {
	// Tokens are looked up in the index (Han bigrams, words of MinPrefix or
	// more characters).
	Tokens []string
	// Contains are lower-cased substrings the document must contain: each Han
	// run of two or more characters (its bigrams may occur apart, so this
	// confirms they are adjacent), each single Han character, and each word
	// shorter than MinPrefix. They are checked on rows the tokens already
	// narrowed, or by scan when there are no tokens.
	Contains []string
}

// Empty reports whether q matches everything.
func (q Query) Empty() bool { return len(q.Tokens) == 0 && len(q.Contains) == 0 }

// Parse parses a query typed by a user: the AND of its terms.
func Parse(text string) Query {
	var q Query
	seenT, seenC := map[string]bool{}, map[string]bool{}
	tok := func(t string) {
		if !seenT[t] {
			seenT[t] = true
			q.Tokens = append(q.Tokens, t)
		}
	}
	contains := func(s string) {
		if !seenC[s] {
			seenC[s] = true
			q.Contains = append(q.Contains, s)
		}
	}
	for _, r := range split(text) {
		switch {
		case r.han && len(r.runes) == 1:
			contains(string(r.runes))
		case r.han:
			for i := 0; i+1 < len(r.runes); i++ {
				tok(string(r.runes[i : i+2]))
			}
			if len(r.runes) > 2 {
				contains(string(r.runes))
			}
		case len(r.runes) < MinPrefix:
			contains(string(r.runes))
		default:
			tok(string(r.runes))
		}
	}
	return q
}

// Run is a run of Han characters, or of letters and digits, with full-width
// forms folded to ASCII and letters lower-cased. Package match segments the
// Han runs into words.
type Run struct {
	Han  bool
	Text string
}

// Runs cuts text into runs as the tokenizer sees them; everything that is
// neither Han nor a letter or digit separates runs.
func Runs(text string) []Run {
	rs := split(text)
	out := make([]Run, len(rs))
	for i, r := range rs {
		out[i] = Run{Han: r.han, Text: string(r.runes)}
	}
	return out
}

type run struct {
	han   bool
	runes []rune
}

// split cuts text into runs of Han characters and runs of letters and
// digits; everything else separates runs.
func split(text string) []run {
	var out []run
	var cur run
	flush := func() {
		if len(cur.runes) > 0 {
			out = append(out, cur)
		}
		cur = run{}
	}
	for _, r := range text {
		r = fold(r)
		han := unicode.Is(unicode.Han, r)
		word := !han && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if !han && !word {
			flush()
			continue
		}
		if len(cur.runes) > 0 && cur.han != han {
			flush()
		}
		cur.han = han
		cur.runes = append(cur.runes, r)
	}
	flush()
	return out
}

// fold maps full-width ASCII (Ａ１) to ASCII and lower-cases letters, as
// users type either form in Chinese input methods.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r < utf8.RuneSelf {
		return rune(strings.ToLower(string(r))[0])
	}
	return unicode.ToLower(r)
}
