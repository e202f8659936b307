package match_test

import (
	"slices"
	"testing"

	"zjtx/internal/match"
)

func segmenter(t testing.TB) *match.Segmenter {
	t.Helper()
	s, err := match.DefaultSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTerms(t *testing.T) {
	s := segmenter(t)
	tests := []struct {
		name, text string
		want       []string // terms that must be there
		not        []string // terms that must not
	}{
		{"domain word kept whole, with its sub-words", "知识产权贯标", []string{"知识产权贯标", "知识产权", "贯标"}, nil},
		{"ordinary words", "汽车零部件检测", []string{"汽车", "零部件", "检测"}, nil},
		{"unknown run falls back to bigrams", "碳化硅衬底良率低", []string{"衬底", "良率", "率低"}, []string{"良", "率"}},
		{"letters and digits, split too", "ＩＳＯ9001认证", []string{"iso9001", "iso", "9001", "认证"}, nil},
		{"stop words dropped", "我们公司需要专利服务", []string{"专利"}, []string{"我们", "公司", "需要", "服务"}},
		{"empty", "，。！", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Terms(tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Terms(%q) = %v, want %q among them", tt.text, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("Terms(%q) = %v, want no %q", tt.text, got, w)
				}
			}
			if tt.want == nil && len(got) > 0 {
				t.Errorf("Terms(%q) = %v, want none", tt.text, got)
			}
		})
	}
}

func TestDefaultSegmenterLoadsOnce(t *testing.T) {
	a, b := segmenter(t), segmenter(t)
	if a != b {
		t.Error("DefaultSegmenter built twice")
	}
}
