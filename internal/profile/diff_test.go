package profile_test

import (
	"encoding/json"
	"slices"
	"testing"

	"zjtx/internal/profile"
)

func TestCheckJSONText(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  string
		want []string // paths, in order
	}{
		{"Clean", string(minimal(`"years":{"2025":{"revenue":1}},"ip":[{"kind":"invention_patent"}]`)), nil},
		{"DuplicateTopKey", string(minimal(`"name":"乙"`)), []string{"name"}},
		{"DuplicateInYear", string(minimal(`"years":{"2025":{"revenue":1,"revenue":2}}`)), []string{"years.2025.revenue"}},
		{"DuplicateYear", string(minimal(`"years":{"2025":{},"2025":{}}`)), []string{"years.2025"}},
		{"DuplicateInListItem", string(minimal(`"ip":[{"kind":"a"},{"kind":"b","kind":"c"}]`)), []string{"ip[1].kind"}},
		{"DuplicateSpelledWithAnEscape", `{"uscc":"x","name":"甲","n\u0061me":"乙"}`, []string{"name"}},
		{"SameKeyInSiblingObjects", string(minimal(`"ip":[{"kind":"a"},{"kind":"b"}]`)), nil},
		{"InvalidUTF8Value", "{\"uscc\":\"x\",\"name\":\"\xff公司\"}", []string{"name"}},
		{"InvalidUTF8Key", "{\"uscc\":\"x\",\"na\xffme\":\"公司\"}", []string{"na\ufffdme"}},
		{"InvalidUTF8InList", "{\"product\":{\"domains\":[\"six_basics\",\"\xfe\"]}}", []string{"product.domains[1]"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range profile.CheckJSONText([]byte(tt.doc)) {
				got = append(got, e.Path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("paths %q, want %q", got, tt.want)
			}
			if tt.want != nil {
				if _, errs := profile.DecodeBytes([]byte(tt.doc)); !errs.HasErrors() {
					t.Errorf("DecodeBytes accepts it")
				}
			}
		})
	}
}

func TestDiffAndMerge(t *testing.T) {
	a := mustExample(t)
	b := a.Clone()
	must(t, b.SetPath("years.2025.revenue", "4000"))
	must(t, b.UnsetPath("local_score"))
	b.Titles = append(b.Titles, profile.Title{Tier: profile.TierSRDI})
	must(t, b.SetPath("flags.serious_dishonesty", "true"))
	want := []string{"flags.serious_dishonesty", "local_score", "titles", "years.2025.revenue"}
	if got := profile.Diff(a, b); !slices.Equal(got, want) {
		t.Fatalf("Diff = %q, want %q", got, want)
	}
	if got := profile.Diff(a, a.Clone()); got != nil {
		t.Errorf("Diff of equal profiles = %q", got)
	}
	// Merge takes two of the changes onto a third version that changed
	// another field meanwhile: that change is kept.
	c := a.Clone()
	must(t, c.SetPath("years.2024.rd_expense", "99"))
	m, errs := profile.Merge(c, b, []string{"local_score", "years.2025.revenue"})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if got := profile.Diff(c, m); !slices.Equal(got, []string{"local_score", "years.2025.revenue"}) {
		t.Errorf("Merge changed %q", got)
	}
	if s, _ := m.GetPath("years.2024.rd_expense"); s != "99" {
		t.Errorf("Merge lost the other change: rd_expense 2024 = %q", s)
	}
}

func TestValidateAt(t *testing.T) {
	p := mustExample(t) // established 2014-03-18, niche_since 2016-01-01
	for _, tt := range []struct {
		day  string
		want []string
	}{
		{"2026-09-01", nil},
		{"2014-03-18", []string{"niche_since"}},
		{"2010-01-01", []string{"established", "niche_since"}},
	} {
		var got []string
		for _, e := range profile.ValidateAt(p, profile.MustDate(tt.day)) {
			got = append(got, e.Path)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ValidateAt(%s) = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWithListItem(t *testing.T) {
	p := mustExample(t) // one IP item
	q, errs := p.WithListItem("ip", -1, []byte(`{"kind":"utility_model","granted":"2024-05-01","related":true}`))
	if errs.HasErrors() || len(q.IP) != 2 || q.IP[1].Kind != profile.UtilityModel || len(p.IP) != 1 {
		t.Fatalf("append: %v %+v", errs, q.IP)
	}
	q, errs = q.WithListItem("ip", 0, []byte(`{"kind":"invention_patent","pending":true}`))
	if errs.HasErrors() || !q.IP[0].Pending || q.IP[0].Granted != nil {
		t.Fatalf("replace: %v %+v", errs, q.IP)
	}
	if _, errs = q.WithListItem("ip", 1, []byte(`{"kind":"gold","granted":"2024-13-01"}`)); !slices.Equal(paths(errs), []string{"ip[1].granted", "ip[1].kind"}) {
		t.Errorf("bad item: %v", errs)
	}
	if _, errs = q.WithListItem("ip", 0, []byte(`{"kind":"invention_patent","pending":true,"granted":"2024-01-01"}`)); !slices.Equal(paths(errs), []string{"ip[0].granted"}) {
		t.Errorf("pending with a grant date: %v", errs)
	}
	q, errs = q.WithListItem("ip", 0, nil)
	if errs.HasErrors() || len(q.IP) != 1 || q.IP[0].Kind != profile.UtilityModel {
		t.Fatalf("delete: %v %+v", errs, q.IP)
	}
	if q, _ = q.WithListItem("ip", 0, nil); q.IP == nil {
		t.Errorf("deleting the last item makes the list unknown, want known and empty")
	}
	if _, errs = q.WithListItem("ip", 5, nil); !errs.HasErrors() {
		t.Errorf("deleting a missing item succeeds")
	}
}

func paths(errs profile.Errors) []string {
	var out []string
	for _, e := range errs {
		if !e.Warning {
			out = append(out, e.Path)
		}
	}
	return out
}

// BenchmarkCheckJSONText is the cost the duplicate-key and UTF-8 check adds
// to decoding a profile (compare BenchmarkDecode).
func BenchmarkCheckJSONText(b *testing.B) {
	doc := exampleJSON(b)
	b.ReportAllocs()
	for b.Loop() {
		if errs := profile.CheckJSONText(doc); errs != nil {
			b.Fatal(errs)
		}
	}
}

// FuzzCheckJSONText: the check never panics or hangs on any input, finds
// nothing in a document encoding/json wrote, and finds a key repeated in
// the text.
func FuzzCheckJSONText(f *testing.F) {
	f.Add(exampleJSON(f))
	f.Add([]byte(`[}`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte("{\"a\":\"\xff\"}"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		profile.CheckJSONText(doc)
		var v any
		if json.Unmarshal(doc, &v) != nil {
			return
		}
		clean, _ := json.Marshal(v)
		if errs := profile.CheckJSONText(clean); errs != nil {
			t.Fatalf("%s: %v", clean, errs)
		}
	})
}
