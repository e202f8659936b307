package profile_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"zjtx/internal/profile"
)

func TestRoundTrip(t *testing.T) {
	for name, p := range map[string]*profile.Profile{
		"SpecExample": mustExample(t),
		"EveryField":  full(),
		"Minimal":     {USCC: "91350100M000100Y43", Name: "x"},
		"EmptyLists":  {USCC: "91350100M000100Y43", Name: "x", IP: []profile.IP{}, Product: &profile.Product{Domains: []string{}}},
		"BanKnownNone": {USCC: "91350100M000100Y43", Name: "x",
			Flags: &profile.Flags{DataFraudBanUntil: profile.BanDate{Known: true}}},
		"EmptyObjects": {USCC: "91350100M000100Y43", Name: "x", Flags: &profile.Flags{}, Quality: &profile.Quality{},
			Product: &profile.Product{}, Years: map[int]*profile.Year{2025: {}}},
		"HTMLAndQuotes": {USCC: "91350100M000100Y43", Name: `A&B <"有限"> 公司`},
	} {
		t.Run(name, func(t *testing.T) {
			b, err := profile.EncodeBytes(p)
			if err != nil {
				t.Fatal(err)
			}
			// Fields filled by reflection hold values outside their
			// enumerations, so validation problems are expected; a field that
			// fails to decode would show as a difference below.
			q, errs := profile.DecodeBytes(b)
			if q == nil {
				t.Fatalf("decode: %v\n%s", errs, b)
			}
			if !reflect.DeepEqual(q, p) {
				t.Errorf("decode(encode(p)) != p\n got %+v\nwant %+v\n%s", q, p, b)
			}
			b2, _ := profile.EncodeBytes(q)
			if !bytes.Equal(b, b2) {
				t.Errorf("encoding is not stable:\n%s\n%s", b, b2)
			}
		})
	}
}

func TestEncodeCanonical(t *testing.T) {
	p := mustExample(t)
	b, err := profile.EncodeBytes(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	// Field order follows the types, years ascend, amounts keep their exact
	// decimals, and HTML characters are not escaped.
	for _, ordered := range [][]string{
		{`"uscc"`, `"name"`, `"region"`, `"flags"`, `"years"`, `"ip"`, `"product"`, `"local_score"`},
		{`"2024"`, `"2025"`, `"2026"`},
	} {
		last := -1
		for _, key := range ordered {
			i := strings.Index(s, key)
			if i <= last {
				t.Errorf("%s is out of order in %s", key, s)
			}
			last = i
		}
	}
	for _, want := range []string{`"rd_expense":109.35`, `"net_profit":218.7`, `"market_share":0.12`, `"data_fraud_ban_until":null`} {
		if !strings.Contains(s, want) {
			t.Errorf("encoding lacks %s", want)
		}
	}
	if !strings.HasSuffix(s, "}\n") || strings.Count(s, "\n") != 1 {
		t.Error("not one line ending in a newline")
	}
	var w bytes.Buffer
	if err := profile.Encode(&w, &profile.Profile{Name: "A&B"}); err != nil || !strings.Contains(w.String(), `"A&B"`) {
		t.Errorf("Encode escaped HTML or failed: %q %v", w.String(), err)
	}
}
