package discovery

import (
	"encoding/json"
	"testing"

	"zjtx/internal/batch"
)

// TestCodecRoundTrip checks that decoding gives back every field, with
// unknown apart from false and zero and nil lists apart from empty ones: the
// JSON of each profile is the same before and after.
func TestCodecRoundTrip(t *testing.T) {
	ps := batch.Synthetic(500, 7, 2025)
	f := false
	ps[0].LegalPerson = &f
	ps[1].LegalPerson = nil
	ps[2].IP = nil
	b := EncodeProfiles(nil, ps)
	got, err := DecodeProfiles(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ps) {
		t.Fatalf("%d profiles, want %d", len(got), len(ps))
	}
	for i := range ps {
		a, _ := json.Marshal(ps[i])
		g, _ := json.Marshal(got[i])
		if string(a) != string(g) {
			t.Fatalf("profile %d:\n got %s\nwant %s", i, g, a)
		}
	}
	if got[0].LegalPerson == nil || *got[0].LegalPerson || got[1].LegalPerson != nil || got[2].IP != nil || got[3].IP == nil {
		t.Fatal("unknown, false, nil and empty are not kept apart")
	}
	for _, bad := range [][]byte{nil, {0}, b[:len(b)/2], append(append([]byte{}, b...), 0)} {
		if _, err := DecodeProfiles(bad); err == nil {
			t.Errorf("a bad block of %d bytes decoded", len(bad))
		}
	}
}

func BenchmarkDecodeProfiles(b *testing.B) {
	ps := batch.Synthetic(4096, 1, 2025)
	blk := EncodeProfiles(nil, ps)
	b.SetBytes(int64(len(blk)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeProfiles(blk); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ps))/1000, "µs/profile")
	b.ReportMetric(float64(len(blk))/float64(len(ps)), "bytes/profile")
}
