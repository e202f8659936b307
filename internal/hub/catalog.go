package hub

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"go.yaml.in/yaml/v3"

	"zjtx/rules"
)

// Categories are the service categories of issue 11 (服务类别); every product
// is in exactly one, and a demand names one when it is known.
var Categories = []string{
	"技术创新", "成果转化", "数智改造", "知识产权", "研发机构建设",
	"检验检测", "质量品牌", "标准化", "融资服务", "法律服务",
	"财税服务", "人才培训", "管理咨询", "市场开拓", "出海服务",
}

// IsCategory reports whether c is one of Categories.
func IsCategory(c string) bool { return slices.Contains(Categories, c) }

// GapCategory is what a gap item of an assessment asks of the services.
type GapCategory struct {
	Category string `yaml:"category"`
	Gap      string `yaml:"gap"`  // the weakness in words: 知识产权弱
	Text     string `yaml:"text"` // the proposed demand's wording
}

// Catalog is the hub's data: the key industrial chains and the gap map
// (rules/hub/*.yaml).
type Catalog struct {
	Chains []string
	Gaps   map[string]GapCategory // by rule-set item or condition id
}

// IsChain reports whether c is a key industrial chain.
func (c *Catalog) IsChain(chain string) bool { return slices.Contains(c.Chains, chain) }

// LoadCatalog reads chains.yaml and gaps.yaml of fsys, refusing unknown
// fields and categories outside Categories.
func LoadCatalog(fsys fs.FS) (*Catalog, error) {
	var chains struct {
		Source     string   `yaml:"source"`
		Confidence string   `yaml:"confidence"`
		Chains     []string `yaml:"chains"`
	}
	var gaps struct {
		Items map[string]GapCategory `yaml:"items"`
	}
	for _, f := range []struct {
		name string
		to   any
	}{{"chains.yaml", &chains}, {"gaps.yaml", &gaps}} {
		b, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			return nil, fmt.Errorf("hub: %w", err)
		}
		if err := yaml.Unmarshal(b, f.to); err != nil {
			return nil, fmt.Errorf("hub: %s: %w", f.name, err)
		}
	}
	if len(chains.Chains) == 0 {
		return nil, fmt.Errorf("hub: chains.yaml lists no chain")
	}
	for id, g := range gaps.Items {
		if !IsCategory(g.Category) || g.Gap == "" || g.Text == "" {
			return nil, fmt.Errorf("hub: gaps.yaml: item %s: category %q unknown, or gap or text empty", id, g.Category)
		}
	}
	return &Catalog{Chains: chains.Chains, Gaps: gaps.Items}, nil
}

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
)

// Default is the catalog embedded in the binary (rules/hub). It panics if
// the embedded files are broken, which the tests rule out.
func Default() *Catalog {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(rules.HubFS, "hub")
		if err == nil {
			defaultCatalog, err = LoadCatalog(sub)
		}
		if err != nil {
			panic(err)
		}
	})
	return defaultCatalog
}
