package xlsx_test

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"runtime"
	"testing"

	"zjtx/internal/enterprise"
	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// generated yields n records made from one full profile (two data years
// and a platform score year), changing the code and name of each. The same
// record is reused, so the generator itself holds no memory and the
// benchmark measures the export alone.
func generated(tb testing.TB, n int) iter.Seq2[*enterprise.Record, error] {
	return generatedFrom(fullProfile(tb, 0), n)
}

// generatedFrom yields n copies of rec, each with its own code and name.
func generatedFrom(rec *enterprise.Record, n int) iter.Seq2[*enterprise.Record, error] {
	return func(yield func(*enterprise.Record, error) bool) {
		for i := range n {
			rec.Profile.USCC = uscc(i)
			rec.Profile.Name = fmt.Sprintf("郑州示例企业%06d", i)
			if !yield(rec, nil) {
				return
			}
		}
	}
}

// BenchmarkExport100k exports 100,000 enterprises (and 300,000 year rows)
// and reports enterprises per second, the file size and the peak live heap,
// which stays bounded because rows stream through temporary files.
func BenchmarkExport100k(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	var size int64
	var peak uint64
	for b.Loop() {
		runtime.GC()
		stop := xlsxtest.PeakHeap()
		cw := &countWriter{}
		if err := xlsx.Export(cw, generated(b, n), zhengzhou); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, stop())
		size = cw.n
	}
	// Each enterprise is one 企业 row and three 年度数据 rows.
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "enterprises/s")
	b.ReportMetric(float64(4*n*b.N)/b.Elapsed().Seconds(), "sheet-rows/s")
	b.ReportMetric(float64(size)/(1<<20), "file-MiB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkImport10k imports a workbook of 10,000 enterprises with 30,000
// year rows and reports enterprises per second.
func BenchmarkImport10k(b *testing.B) {
	const n = 10_000
	var file bytes.Buffer
	if err := xlsx.Export(&file, generated(b, n), zhengzhou); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(file.Len()))
	for b.Loop() {
		res, err := xlsx.Import(bytes.NewReader(file.Bytes()), zhengzhou)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Records) != n {
			b.Fatalf("%d imported, want %d: %v", len(res.Records), n, res.Errors[:min(3, len(res.Errors))])
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "enterprises/s")
	b.ReportMetric(float64(4*n*b.N)/b.Elapsed().Seconds(), "sheet-rows/s")
}

// TestExportMemoryBounded checks that the live heap of an export does not
// grow with the number of rows: 40,000 enterprises need no more than a small
// margin over 4,000.
func TestExportMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 44,000 enterprises")
	}
	measure := func(n int) uint64 {
		runtime.GC()
		stop := xlsxtest.PeakHeap()
		if err := xlsx.Export(io.Discard, generated(t, n), zhengzhou); err != nil {
			t.Fatal(err)
		}
		return stop()
	}
	small, large := measure(4_000), measure(40_000)
	t.Logf("peak heap: %.1f MiB for 4,000, %.1f MiB for 40,000", float64(small)/(1<<20), float64(large)/(1<<20))
	if large > small+64<<20 {
		t.Errorf("peak heap grew from %d to %d bytes for ten times the rows", small, large)
	}
}
