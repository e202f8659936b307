package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

func TestSearch(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		a := mustCreate(t, s, zhongyuan, "郑州示例精密机械有限公司", 1)
		b := mustCreate(t, s, zhongyuan, "河南精密仪器股份有限公司", 2)
		c := mustCreate(t, s, erqi, "郑州机械密封件有限公司", 3)
		d := mustCreate(t, s, erqi, "ABB（郑州）电气有限公司", 4)
		for _, tt := range []struct {
			name string
			q    string
			want []*enterprise.Record
		}{
			{"TwoCharacters", "精密", []*enterprise.Record{a, b}},
			{"LongerSubstring", "精密机械", []*enterprise.Record{a}},
			{"BigramsApartDoNotMatch", "机械密封件", []*enterprise.Record{c}},
			{"SingleCharacter", "仪", []*enterprise.Record{b}},
			{"TermsAreANDed", "郑州 机械", []*enterprise.Record{a, c}},
			{"USCCPrefix", a.USCC[:17], []*enterprise.Record{a}},
			{"USCCPrefixLowerCase", "91410103ma", []*enterprise.Record{c, d}},
			{"WholeUSCC", b.USCC, []*enterprise.Record{b}},
			{"ShortLatinWord", "abb", []*enterprise.Record{d}},
			{"FullWidthLatin", "ＡＢＢ", []*enterprise.Record{d}},
			{"NoMatch", "食品", nil},
		} {
			t.Run(tt.name, func(t *testing.T) {
				items, total, err := s.ListEnterprises(city, enterprise.Filter{Q: tt.q, Sort: "-created"})
				if err != nil {
					t.Fatal(err)
				}
				if got, want := ids(items), ids(tt.want); !equalIDs(got, want) || total != len(want) {
					t.Errorf("Q=%q: %v (total %d), want %v", tt.q, got, total, want)
				}
			})
		}
		t.Run("RenameReindexes", func(t *testing.T) {
			r, _ := s.GetEnterprise(city, b.ID)
			r.Profile.Name = "河南光学仪器股份有限公司"
			if err := s.UpdateEnterprise(city, r); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string]int{"精密": 1, "光学": 1} {
				if _, total, _ := s.ListEnterprises(city, enterprise.Filter{Q: q}); total != want {
					t.Errorf("Q=%q after rename: total %d, want %d", q, total, want)
				}
			}
		})
	})
}

func TestListPagesAndFilters(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		for i := range 23 {
			r := newRecord(zhongyuan, fmt.Sprintf("郑州第%02d号制造有限公司", i), i)
			if i%3 == 0 {
				r.Profile.Titles = nil
				r.Profile.Industry = "I6510"
				r.Chain = "电子信息"
			}
			if i == 5 {
				r.Status = enterprise.StatusClosed
			}
			if err := s.CreateEnterprise(city, r); err != nil {
				t.Fatal(err)
			}
		}
		mustCreate(t, s, erqi, "郑州二七制造有限公司", 99)

		t.Run("PagesCoverAllOnce", func(t *testing.T) {
			seen := map[int64]bool{}
			for _, p := range []struct{ offset, n int }{{0, 10}, {10, 10}, {20, 3}, {30, 0}} {
				items, total, err := s.ListEnterprises(districtZY, enterprise.Filter{Limit: 10, Offset: p.offset, Sort: "name"})
				if err != nil {
					t.Fatal(err)
				}
				if len(items) != p.n || total != 23 {
					t.Errorf("offset %d: %d items (total %d), want %d (total 23)", p.offset, len(items), total, p.n)
				}
				for _, r := range items {
					if seen[r.ID] {
						t.Errorf("offset %d: %d seen twice", p.offset, r.ID)
					}
					seen[r.ID] = true
					if r.Profile != nil {
						t.Errorf("list item carries its profile")
					}
				}
			}
			if len(seen) != 23 {
				t.Errorf("pages covered %d, want 23", len(seen))
			}
		})
		t.Run("SortByName", func(t *testing.T) {
			items, _, _ := s.ListEnterprises(districtZY, enterprise.Filter{Sort: "name", Limit: 2})
			if len(items) != 2 || items[0].Name != "郑州第00号制造有限公司" || items[1].Name != "郑州第01号制造有限公司" {
				t.Errorf("first by name: %v", items)
			}
			items, _, _ = s.ListEnterprises(districtZY, enterprise.Filter{Sort: "-name", Limit: 1})
			if len(items) != 1 || items[0].Name != "郑州第22号制造有限公司" {
				t.Errorf("last by name: %v", items)
			}
		})
		for _, tt := range []struct {
			name   string
			filter enterprise.Filter
			want   int
		}{
			{"Everything", enterprise.Filter{}, 24},
			{"Region", enterprise.Filter{Region: zhongyuan}, 23},
			{"TierHeld", enterprise.Filter{Tier: "innovative"}, 16},
			{"NoTier", enterprise.Filter{Tier: "none"}, 8},
			{"IndustryPrefix", enterprise.Filter{Industry: "c34"}, 16},
			{"IndustrySection", enterprise.Filter{Industry: "I"}, 8},
			{"Chain", enterprise.Filter{Chain: "电子信息"}, 8},
			{"Status", enterprise.Filter{Status: enterprise.StatusClosed}, 1},
			{"Combined", enterprise.Filter{Region: zhongyuan, Tier: "innovative", Status: enterprise.StatusActive, Q: "制造"}, 14},
		} {
			t.Run("Filter"+tt.name, func(t *testing.T) {
				_, total, err := s.ListEnterprises(city, tt.filter)
				if err != nil || total != tt.want {
					t.Errorf("total = %d, %v; want %d", total, err, tt.want)
				}
			})
		}
	})
}

// TestConcurrentLists runs more concurrent lists than the reader pool has
// connections, each query text new to the statement cache at first: a
// transaction must never wait for a second connection to prepare a
// statement (stmt_cache.go), or the pool deadlocks. Every total must be the
// one a lone list gives afterwards.
func TestConcurrentLists(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		for i := range 40 {
			mustCreate(t, s, []string{zhongyuan, erqi}[i%2], fmt.Sprintf("郑州并发%d精密机械有限公司", i), 7000+i)
		}
		filters := []enterprise.Filter{
			{}, {Region: zhongyuan}, {Tier: "none"}, {Industry: "C34"}, {Sort: "name"}, {Sort: "-uscc"},
			{Q: "并发"}, {Q: "精密 机械"}, {Region: erqi, Sort: "created"}, {Status: enterprise.StatusActive, Limit: 5},
		}
		const workers, rounds = 32, 20
		got := make([][rounds]int, workers)
		errs := make(chan error, workers)
		ctx, cancel := context.WithTimeout(city, time.Minute)
		defer cancel()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for k := range rounds {
					_, total, err := s.ListEnterprises(ctx, filters[(w+k)%len(filters)])
					if err != nil {
						errs <- err
						return
					}
					got[w][k] = total
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for i, f := range filters {
			_, want, err := s.ListEnterprises(city, f)
			if err != nil {
				t.Fatal(err)
			}
			for w := range workers {
				for k := range rounds {
					if (w+k)%len(filters) == i && got[w][k] != want {
						t.Errorf("filter %+v: concurrent total %d, want %d", f, got[w][k], want)
					}
				}
			}
		}
	})
}
