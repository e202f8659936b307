package match_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"zjtx/internal/match"
)

// TestDictionaryComparison compares the shipped dictionary (gse's trimmed
// to frequency ≥ 20) with gse's full simplified-Chinese one: load time,
// heap kept, and the lexical ranker's figures with each. It reads the full
// dictionary from the module cache and is skipped where that is missing.
func TestDictionaryComparison(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two dictionaries")
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		t.Skipf("gse module not found: %v", err)
	}
	full, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "data", "dict", "zh", "s_1.txt"))
	if err != nil {
		t.Skipf("gse's full dictionary: %v", err)
	}
	rules, err := match.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	docs, js := catalogueDocs(t), judgements(t)
	for _, d := range []struct{ name, text string }{
		{"shipped (freq ≥ 20)", match.ShippedDictionary()},
		{"gse, freq ≥ 100", trimDict(string(full), 100)},
		{"gse, freq ≥ 50", trimDict(string(full), 50)},
		{"gse full s_1.txt", string(full)},
	} {
		before := heapInUse()
		start := time.Now()
		seg, err := match.NewSegmenter(d.text)
		if err != nil {
			t.Fatal(err)
		}
		load := time.Since(start)
		kept := heapInUse() - before
		ix := match.NewIndexWith(seg, rules, docs)
		m := evaluate(js, func(q match.Query) []int64 { return ids(ix.Search(q)) })
		t.Logf("%-20s %5.2f MB text, %4d words k: load %v, heap %.1f MB; Recall@5 %.3f NDCG@5 %.3f MRR %.3f",
			d.name, float64(len(d.text))/(1<<20), strings.Count(d.text, "\n")/1000, load.Round(time.Millisecond),
			float64(kept)/(1<<20), m.Recall5, m.NDCG5, m.MRR)
		runtime.KeepAlive(seg)
	}
}

// trimDict keeps the words of a gse dictionary at least minFreq frequent,
// as gendict does.
func trimDict(dict string, minFreq int) string {
	var b strings.Builder
	for line := range strings.Lines(dict) {
		f := strings.Fields(line)
		if len(f) >= 2 {
			if n, err := strconv.Atoi(f[1]); err == nil && n >= minFreq {
				b.WriteString(f[0] + " " + f[1] + "\n")
			}
		}
	}
	return b.String()
}

// TestBinaryKeepsGseDictionariesOut builds testdata/sizeprobe and checks
// that gse's own embedded dictionaries stayed out of it: with them a binary
// importing package match is over 38 MB larger (see Segmenter).
func TestBinaryKeepsGseDictionariesOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "sizeprobe")
	cmd := exec.Command("go", "build", "-o", bin, "./testdata/sizeprobe")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	fi, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sizeprobe: %.1f MB", float64(fi.Size())/(1<<20))
	if fi.Size() > 20<<20 {
		t.Errorf("sizeprobe is %.1f MB: gse's embedded dictionaries are linked in", float64(fi.Size())/(1<<20))
	}
}
