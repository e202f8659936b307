package search_test

import (
	"slices"
	"testing"

	"zjtx/internal/search"
)

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"HanBigrams", "郑州精密", []string{"郑州", "州精", "精密"}},
		{"LoneHanGivesNothing", "郑", nil},
		{"ShortWordWhole", "ABB电气", []string{"abb", "电气"}},
		{"WordPrefixes", "91410173MA", []string{"9141", "91410", "914101", "9141017", "91410173", "91410173m", "91410173ma"}},
		{"FullWidthFolded", "ＡＢＣ", []string{"abc"}},
		{"PunctuationSplits", "郑州（中原）", []string{"郑州", "中原"}},
		{"Duplicates", "郑州郑州", []string{"郑州", "州郑"}},
		{"Empty", " ,。", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := search.Tokens(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, text     string
		tokens, substr []string
	}{
		{"TwoHanIsOneToken", "精密", []string{"精密"}, nil},
		{"LongHanRunConfirmedBySubstring", "精密机械", []string{"精密", "密机", "机械"}, []string{"精密机械"}},
		{"SingleHanBySubstring", "郑", nil, []string{"郑"}},
		{"ShortWordBySubstring", "3D", nil, []string{"3d"}},
		{"LongWordIsPrefixToken", "9141017", []string{"9141017"}, nil},
		{"TermsAreANDed", "郑州 机械", []string{"郑州", "机械"}, nil},
		{"Blank", "  ", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := search.Parse(tt.text)
			if !slices.Equal(q.Tokens, tt.tokens) || !slices.Equal(q.Contains, tt.substr) {
				t.Errorf("Parse(%q) = %q %q, want %q %q", tt.text, q.Tokens, q.Contains, tt.tokens, tt.substr)
			}
		})
	}
}

// Every query made from a substring of a document finds it through the index.
func TestSubstringQueriesMatchTheirDocument(t *testing.T) {
	doc := "郑州示例精密机械有限公司 91410173MA3XQ8N1DR"
	have := map[string]bool{}
	for _, tok := range search.Tokens(doc) {
		have[tok] = true
	}
	for _, q := range []string{"示例精密", "机械", "有限公司", "91410173MA3X", "91410173ma"} {
		for _, tok := range search.Parse(q).Tokens {
			if !have[tok] {
				t.Errorf("query %q: token %q not in the document's index", q, tok)
			}
		}
	}
}
