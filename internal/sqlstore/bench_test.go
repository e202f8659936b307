package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// benchSize is the population of the list benchmarks: the load target is
// 100,000 enterprises.
const benchSize = 100_000

var (
	benchOnce sync.Once
	benchDir  string
	benchDSN  string
	benchErr  error
)

// TestMain removes the benchmark database, which is built once per run and
// shared by the benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var (
	benchRegions = []string{"410102", "410103", "410104", "410105", "410106", "410108", "410122", "410181",
		"410182", "410183", "410184", "410185", "410171", "410172", "410173", "410199"}
	benchPlaces     = []string{"郑州", "河南", "中原", "黄河", "嵩山", "中州", "豫", "郑东", "航空港", "金水"}
	benchCores      = []string{"精密", "智能", "新材", "华信", "宇通", "恒达", "天瑞", "博奥", "光电", "安图", "汉威", "森源", "中科", "瑞泰", "东方"}
	benchTrades     = []string{"机械", "电子", "科技", "生物", "医疗器械", "仪器", "软件", "新能源", "化工", "食品", "汽车零部件", "数控"}
	benchSuffixes   = []string{"有限公司", "股份有限公司", "有限责任公司"}
	benchIndustries = []string{"C3484", "C3989", "C2710", "C3511", "I6510", "C3670", "C2651", "C3832", "M7320", "C1495"}
	benchChains     = []string{"新材料", "电子信息", "装备制造", "生物医药", "汽车", "现代食品", "新能源", "数字经济"}
)

// benchRecord returns the n-th synthetic enterprise, deterministically.
func benchRecord(n int) *enterprise.Record {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	region := benchRegions[n%len(benchRegions)]
	r := &enterprise.Record{Chain: pick(benchChains), Profile: &profile.Profile{
		USCC:     testUSCC(region, n),
		Name:     fmt.Sprintf("%s%s%s%s%d", pick(benchPlaces), pick(benchCores), pick(benchTrades), pick(benchSuffixes), n%97),
		Region:   region,
		Industry: pick(benchIndustries),
	}}
	if x := rng.IntN(100); x < 40 {
		tier := "innovative"
		if x < 15 {
			tier = "srdi"
		}
		if x < 3 {
			tier = "little_giant"
		}
		r.Profile.Titles = []profile.Title{{Tier: tier, Recognized: ptr(profile.MustDate("2024-01-01")), ValidTo: ptr(profile.MustDate("2029-12-31"))}}
	}
	if rng.IntN(100) < 5 {
		r.Status = enterprise.StatusClosed
	}
	return r
}

func ptr[T any](v T) *T { return &v }

// benchStore returns a store on the shared 100,000-enterprise SQLite file,
// building it on first use (batches of 2,000 creates per transaction,
// through the same Tx.CreateEnterprise the platform uses), analysed as on
// a server's start. Building takes a few minutes; set ZJTX_BENCH_DB to a
// path to keep the file between runs.
func benchStore(b *testing.B) *sqlstore.Store {
	b.Helper()
	benchOnce.Do(func() {
		if benchDSN = os.Getenv("ZJTX_BENCH_DB"); benchDSN != "" {
			if _, err := os.Stat(benchDSN); err == nil {
				return
			}
		} else {
			benchDir, benchErr = os.MkdirTemp("", "zjtx-bench-")
			if benchErr != nil {
				return
			}
			benchDSN = filepath.Join(benchDir, "zjtx.db")
		}
		ctx := context.Background()
		s, err := sqlstore.Open(ctx, benchDSN)
		if err != nil {
			benchErr = err
			return
		}
		defer s.Close()
		if benchErr = s.Migrate(ctx); benchErr != nil {
			return
		}
		clock := NewClock(t0)
		s.Now = clock.Now
		start := time.Now()
		for i := 0; i < benchSize && benchErr == nil; i += 2000 {
			benchErr = s.WithTx(city, func(tx *sqlstore.Tx) error {
				for n := i; n < min(i+2000, benchSize); n++ {
					clock.Add(time.Second)
					if err := tx.CreateEnterprise(city, benchRecord(n)); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if benchErr == nil {
			// What Migrate does on every start: without statistics the planner
			// picks the wrong index for most searches.
			benchErr = s.Optimize(ctx)
		}
		fmt.Fprintf(os.Stderr, "bench: built %d enterprises in %v\n", benchSize, time.Since(start).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	s, err := sqlstore.Open(context.Background(), benchDSN)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

var benchDistrict = as(auth.Caller{UserID: 1, Username: "bench", Role: auth.RoleDistrict, Region: "410105"})

var benchLists = []struct {
	name   string
	ctx    context.Context
	filter enterprise.Filter
}{
	{"City/FirstPage", city, enterprise.Filter{}},
	{"City/DeepPage", city, enterprise.Filter{Offset: 50_000}},
	{"City/SortByName", city, enterprise.Filter{Sort: "name"}},
	{"City/TierIndustryChain", city, enterprise.Filter{Tier: "srdi", Industry: "C34", Chain: "装备制造", Status: enterprise.StatusActive}},
	{"City/SearchTwoHan", city, enterprise.Filter{Q: "精密"}},
	{"City/SearchFourHan", city, enterprise.Filter{Q: "精密机械"}},
	{"City/SearchTwoTerms", city, enterprise.Filter{Q: "郑州 光电"}},
	{"City/SearchUSCCPrefix", city, enterprise.Filter{Q: "91410105MA00"}},
	{"City/SearchSingleHan", city, enterprise.Filter{Q: "瑞"}},
	{"District/FirstPage", benchDistrict, enterprise.Filter{}},
	{"District/Filters", benchDistrict, enterprise.Filter{Tier: "innovative", Chain: "新材料"}},
	{"District/Search", benchDistrict, enterprise.Filter{Q: "智能科技"}},
}

// BenchmarkListEnterprises measures one list page (50 rows and the total)
// over 100,000 enterprises on SQLite.
func BenchmarkListEnterprises(b *testing.B) {
	s := benchStore(b)
	for _, bl := range benchLists {
		b.Run(bl.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				var err error
				if _, total, err = s.ListEnterprises(bl.ctx, bl.filter); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}

// BenchmarkListEnterprisesParallel runs list pages from 50 concurrent
// clients with no pause between requests, the load target's shape, and
// reports the 99th-percentile latency: Filters mixes the filtered and sorted
// pages of the target, Search the indexed searches (single characters, a
// scan, excluded).
func BenchmarkListEnterprisesParallel(b *testing.B) {
	s := benchStore(b)
	for _, mix := range []struct {
		name  string
		cases []int
	}{
		{"Filters", []int{0, 2, 3, 9, 10}},
		{"Search", []int{4, 5, 6, 7, 11}},
	} {
		b.Run(mix.name, func(b *testing.B) {
			var mu sync.Mutex
			var lat []time.Duration
			b.SetParallelism(max(1, 50/runtimeProcs()))
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				i := 0
				for pb.Next() {
					bl := benchLists[mix.cases[i%len(mix.cases)]]
					i++
					start := time.Now()
					if _, _, err := s.ListEnterprises(bl.ctx, bl.filter); err != nil {
						b.Error(err)
						return
					}
					mine = append(mine, time.Since(start))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			b.StopTimer()
			if len(lat) > 0 {
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			}
		})
	}
}

// BenchmarkCreateEnterprise measures one create in its own transaction:
// the row, its search tokens and its audit row, committed.
func BenchmarkCreateEnterprise(b *testing.B) {
	s := MustOpen(b, filepath.Join(b.TempDir(), "zjtx.db"))
	n := 0
	for b.Loop() {
		if err := s.CreateEnterprise(city, benchRecord(n)); err != nil {
			b.Fatal(err)
		}
		n++
	}
}
