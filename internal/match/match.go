// Package match ranks service products (一张网 supply) against enterprise
// demands and explains every ranking.
//
// The lexical ranker is BM25F over a product's name, category and
// description, with Chinese segmented by gse on an embedded dictionary (see
// Segmenter), synonyms and gap→category hints as data (data/match.yaml),
// filters by category, tier, chain and region, and a boost for the quality
// list. It runs in Go over documents the caller loads from the store, so the
// ranking is the same on SQLite and PostgreSQL by construction: no SQL ranks
// anything.
//
// A large model is optional (Service with an LLM): query and product
// embeddings from an OpenAI-compatible endpoint give a second ranking, fused
// with the lexical one by reciprocal rank fusion, and a chat model may
// rerank the top ten. Whatever the model says is kept apart in Why.Model
// (模型意见), and when the endpoint is down, slow or talks nonsense the
// lexical ranking answers alone.
//
// The package knows nothing of HTTP or SQL: Doc is its own type, filled by
// whoever owns the products.
package match

// Categories are the fifteen product categories of the hub, in the order the
// issue lists them.
var Categories = []string{
	"技术创新", "成果转化", "数智改造", "知识产权", "研发机构建设",
	"检验检测", "质量品牌", "标准化", "融资服务", "法律服务",
	"财税服务", "人才培训", "管理咨询", "市场开拓", "出海服务",
}

// AllRegions is the region of a product served everywhere in the city; a
// product with no regions is served everywhere too.
const AllRegions = "全市"

// Doc is one product as the matcher sees it.
type Doc struct {
	ID          int64
	Name        string
	Category    string // one of Categories
	Description string
	Institution string // the providing institution's name, shown, not ranked
	// InstitutionID is the providing institution, for Query.InstitutionID;
	// not ranked.
	InstitutionID int64
	Tiers         []string // tiers served (创新型, 专精特新, 小巨人…); empty: all
	Chains        []string // key industrial chains served; empty: all
	Regions       []string // districts served; empty or 全市: all
	QualityList   bool     // the institution is on the quality list (优质服务机构清单)
}

// Query is one demand to match.
type Query struct {
	Text     string
	Category string // only products of this category; "": any
	Region   string // only products serving this district; "": any
	Tier     string // only products serving this tier; "": any
	Chain    string // only products serving this chain; "": any
	Limit    int    // at most this many results; 0: DefaultLimit
	// InstitutionID, when set, keeps one institution's products: an
	// institution account matches over its own products only.
	InstitutionID int64
	// FromGap is the gap item (短板) the demand was proposed from, e.g.
	// 知识产权弱; its categories (gap_hints) are boosted, and it is the text
	// when Text is empty.
	FromGap string
}

// DefaultLimit is the number of results when Query.Limit is 0.
const DefaultLimit = 10

// MaxLimit bounds Query.Limit.
const MaxLimit = 100

// Result is one ranked product.
type Result struct {
	DocID int64
	Score float64 // the final score: lexical, or fused when the engine is hybrid
	Why   Why
}

// Why explains a result. Its JSON is the API's "why".
type Why struct {
	// Terms are the matched terms, each with the field it matched in and its
	// share of the lexical score (the shares of a result add up to 1).
	Terms []TermHit `json:"terms"`
	// Filters are the query's filters the product meets, in Chinese
	// ("类别：知识产权").
	Filters []string `json:"filters"`
	// Boosts are the factors applied to the lexical score ("优质服务机构清单
	// ×1.15").
	Boosts []string `json:"boosts,omitempty"`
	// Gap is the gap item the query came from, if any.
	Gap string `json:"gap,omitempty"`
	// Model is the large model's part (模型意见), nil when no model took part.
	Model *ModelOpinion `json:"model,omitempty"`
}

// TermHit is one matched term.
type TermHit struct {
	Term  string  `json:"term"`  // the index term matched
	Field string  `json:"field"` // name, category or description
	Share float64 `json:"share"` // share of the lexical score, 0..1
	// Via is the query word the term stands for when it matched as a
	// synonym ("专利" for the term 知识产权); empty for the word itself.
	Via string `json:"via,omitempty"`
}

// ModelOpinion is what the large model contributed to a result.
type ModelOpinion struct {
	Model       string  `json:"model"`                  // the embedding model
	Similarity  float64 `json:"similarity"`             // cosine similarity of query and product embeddings
	VectorRank  int     `json:"vector_rank,omitempty"`  // rank by similarity, 1-based; 0: not in the vector list
	LexicalRank int     `json:"lexical_rank,omitempty"` // rank in the lexical list, 1-based; 0: not in it
	// ChatModel, Reranked and Reason: the chat model that reranked the
	// top, its rank (1-based) and its one-line reason; empty when it did not.
	ChatModel string `json:"chat_model,omitempty"`
	Reranked  int    `json:"reranked,omitempty"`
	Reason    string `json:"reason,omitempty"`
}
