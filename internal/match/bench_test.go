package match_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"zjtx/internal/match"
)

// districts vary the synthetic products' names and regions.
var districts = []string{"中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "巩义市", "荥阳市",
	"新密市", "新郑市", "登封市", "中牟县", "航空港区", "郑东新区", "经开区", "高新区"}

// manyDocs makes n products from the catalogue: each a catalogue product
// named for a district, its description lengthened by sentences of three
// other products, so that the index has the vocabulary and the posting
// lengths of a large real catalogue. Deterministic.
func manyDocs(t testing.TB, n int) []match.Doc {
	base := catalogueDocs(t)
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]match.Doc, n)
	for i := range out {
		d := base[i%len(base)]
		dist := districts[r.IntN(len(districts))]
		d.ID = int64(i + 1)
		d.Name = dist + d.Name
		var b strings.Builder
		b.WriteString(d.Description)
		for range 3 {
			b.WriteString(base[r.IntN(len(base))].Description)
		}
		d.Description = b.String()
		d.Regions = []string{dist}
		d.QualityList = r.IntN(5) == 0
		out[i] = d
	}
	return out
}

func demandQueries(t testing.TB) []match.Query {
	var qs []match.Query
	for _, j := range judgements(t) {
		qs = append(qs, match.Query{Text: j.Text, FromGap: j.FromGap, Limit: 10})
	}
	return qs
}

// TestSearchP99Over20000 measures one match over 20,000 products, for each
// demand of the labelled set ten times, and holds the 99th percentile to
// 5 ms (the issue's bound). It asserts on the CPU time of each match (Linux:
// the thread's own time), since the wall-clock tail on a shared machine
// measures the neighbours; both are logged.
func TestSearchP99Over20000(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-product index")
	}
	ix, err := match.NewIndex(manyDocs(t, 20000))
	if err != nil {
		t.Fatal(err)
	}
	qs := demandQueries(t)
	for _, q := range qs { // warm the scratch pool and caches
		ix.Search(q)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var wall, cpu []time.Duration
	for range 10 {
		for _, q := range qs {
			c0, ok := threadCPU()
			start := time.Now()
			ix.Search(q)
			wall = append(wall, time.Since(start))
			if c1, _ := threadCPU(); ok {
				cpu = append(cpu, c1-c0)
			}
		}
	}
	p := func(ds []time.Duration, q int) time.Duration {
		slices.Sort(ds)
		return ds[len(ds)*q/100]
	}
	t.Logf("%d matches over 20,000 products: wall p50 %v, p99 %v", len(wall), p(wall, 50), p(wall, 99))
	measured := wall
	if len(cpu) == len(wall) {
		t.Logf("CPU time per match: p50 %v, p99 %v", p(cpu, 50), p(cpu, 99))
		measured = cpu
	}
	if p99 := p(measured, 99); p99 > 5*time.Millisecond && !raceEnabled {
		t.Errorf("p99 %v, want ≤ 5 ms", p99)
	}
}

func BenchmarkSearch20000(b *testing.B) {
	ix, err := match.NewIndex(manyDocs(b, 20000))
	if err != nil {
		b.Fatal(err)
	}
	qs := demandQueries(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(qs[i%len(qs)])
		i++
	}
}

func BenchmarkIndexBuild20000(b *testing.B) {
	docs := manyDocs(b, 20000)
	if _, err := match.DefaultSegmenter(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := match.NewIndex(docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSegmenterLoad loads the shipped dictionary (what the first match
// of a process pays) and reports the heap it keeps.
func BenchmarkSegmenterLoad(b *testing.B) {
	for b.Loop() {
		before := heapInUse()
		s, err := match.NewSegmenter(match.ShippedDictionary())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(heapInUse()-before)/(1<<20), "MB-kept")
		runtime.KeepAlive(s)
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func BenchmarkTerms(b *testing.B) {
	s := segmenter(b)
	text := "我们是做汽车零部件的，想申请几个发明专利，顺便把知识产权贯标做了，另外车间想上MES系统"
	for b.Loop() {
		s.Terms(text)
	}
}

func ExampleIndex_Search() {
	ix, _ := match.NewIndex([]match.Doc{
		{ID: 1, Name: "发明专利申请代理", Category: "知识产权", Description: "技术交底挖掘、专利撰写。"},
		{ID: 2, Name: "专精特新贷", Category: "融资服务", Description: "纯信用贷款。"},
	})
	for _, r := range ix.Search(match.Query{Text: "想申请几个发明专利", FromGap: "知识产权弱"}) {
		fmt.Println(r.DocID, r.Why.Terms[0].Term, r.Why.Terms[0].Field, r.Why.Boosts)
	}
	// Output:
	// 1 发明专利 name [短板“知识产权弱”指向知识产权 ×1.30]
}
