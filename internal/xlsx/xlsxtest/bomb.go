// Package xlsxtest builds hostile workbooks for the tests of every layer
// that reads uploads, each breaking one of xlsx.Limits, and measures what
// refusing them costs (time, CPU, heap; the load test reads its CPU time
// here too).
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"zjtx/internal/xlsx"
)

// Bomb is a hostile upload.
type Bomb struct {
	Name string
	Data []byte
}

// part is a zip entry: its name and a writer of its content, or, when
// size is set, raw bytes written as they are under a declared size.
type part struct {
	name  string
	write func(w io.Writer)
	size  int64
}

// declared is a part that declares size bytes unpacked and holds size/50
// bytes of noise as its packed data.
func declared(name string, size int64) part {
	return part{name: name, size: size, write: func(w io.Writer) { noise(w, int(size/50), 4) }}
}

// skeleton are the parts of a minimal workbook with one sheet 企业, whose
// first row is the template's header (so that only the bomb can stop it).
func skeleton(sheet func(w io.Writer)) []part {
	return []part{
		{name: "[Content_Types].xml", write: text(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)},
		{name: "_rels/.rels", write: text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml", write: text(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{name: "xl/_rels/workbook.xml.rels", write: text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)},
		{name: "xl/worksheets/sheet1.xml", write: sheet},
	}
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c><c r="B1" t="inlineStr"><is><t>企业名称</t></is></c></row>`
const sheetTail = `</sheetData></worksheet>`

// plainSheet is a sheet with the header and one row whose cells are shared
// strings 0 and 1.
func plainSheet(w io.Writer) {
	io.WriteString(w, sheetHead+`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>`+sheetTail)
}

func text(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

// sharedStrings writes n items, item i being item(i).
func sharedStrings(n int, item func(w io.Writer, i int)) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
		for i := range n {
			io.WriteString(w, "<si><t>")
			item(w, i)
			io.WriteString(w, "</t></si>")
		}
		io.WriteString(w, "</sst>")
	}
}

// noise writes n letters that do not compress much.
func noise(w io.Writer, n int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, 4096)
	for n > 0 {
		k := min(n, len(b))
		for i := range k {
			b[i] = 'a' + byte(r.IntN(26))
		}
		w.Write(b[:k])
		n -= k
	}
}

// build zips the parts; with lie, the shared strings declare a tenth of
// their real size.
func build(parts []part, lie bool) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, p := range parts {
		if p.size > 0 {
			var raw bytes.Buffer
			p.write(&raw)
			w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate,
				CompressedSize64: uint64(raw.Len()), UncompressedSize64: uint64(p.size)})
			if err != nil {
				panic(err)
			}
			w.Write(raw.Bytes())
			continue
		}
		if lie {
			var raw bytes.Buffer
			p.write(&raw)
			if p.name == "xl/sharedStrings.xml" {
				var packed bytes.Buffer
				fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
				fw.Write(raw.Bytes())
				fw.Close()
				h := &zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(raw.Bytes()),
					CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(raw.Len() / 10)}
				w, err := zw.CreateRaw(h)
				if err != nil {
					panic(err)
				}
				w.Write(packed.Bytes())
				lie = false
				continue
			}
		}
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err)
		}
		p.write(w)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Bombs returns a hostile workbook for each limit of lim, each just past it
// or far past it, and the 340 MB shared strings of the issue that found the
// gap. Building them takes about a second.
func Bombs(lim xlsx.Limits) []Bomb {
	withStrings := func(ss func(io.Writer)) []part {
		return append(skeleton(plainSheet), part{name: "xl/sharedStrings.xml", write: ss})
	}
	var bombs []Bomb
	add := func(name string, parts []part, lie bool) {
		bombs = append(bombs, Bomb{name, build(parts, lie)})
	}
	// 340 MB of "AAAA…" items: a ratio of about 1000.
	add("SharedStrings340MB", withStrings(sharedStrings(340<<20/1024, func(w io.Writer, _ int) {
		io.WriteString(w, strings.Repeat("A", 1024-len("<si><t></t></si>")))
	})), false)
	// Distinct items of noise, past the count: a ratio of about 2.
	add("ManySharedStrings", withStrings(sharedStrings(lim.Strings+1, func(w io.Writer, i int) {
		noise(w, 8, uint64(i))
	})), false)
	// One shared string of noise just past the largest cell.
	add("HugeSharedString", withStrings(sharedStrings(2, func(w io.Writer, i int) {
		noise(w, i*(lim.Cell+1), 1)
	})), false)
	// One inline cell of noise past the largest cell, in the sheet itself.
	add("HugeInlineCell", skeleton(func(w io.Writer) {
		io.WriteString(w, sheetHead+`<row r="2"><c r="A2" t="inlineStr"><is><t>`)
		noise(w, lim.Cell+1, 2)
		io.WriteString(w, `</t></is></c></row>`+sheetTail)
	}), false)
	// One rich-text string of many short runs, longer in all than a cell.
	add("HugeRichText", withStrings(sharedStrings(2, func(w io.Writer, i int) {
		for j := 0; i == 1 && j <= lim.Cell/16; j++ {
			io.WriteString(w, "</t><r><t>")
			noise(w, 8, uint64(j))
			io.WriteString(w, "</t></r><t>")
		}
	})), false)
	// Many cells of the sheet, past the count.
	add("ManyCells", skeleton(func(w io.Writer) {
		io.WriteString(w, sheetHead)
		n := 0
		var b []byte
		for r := 2; n <= lim.Cells; r++ {
			b = append(b[:0], `<row r="`...)
			b = append(strconv.AppendInt(b, int64(r), 10), `">`...)
			for c := 0; c < 1000 && n <= lim.Cells; c++ {
				b = append(strconv.AppendInt(append(b, `<c><v>`...), int64(n), 10), `</v></c>`...)
				n++
			}
			w.Write(append(b, `</row>`...))
		}
		io.WriteString(w, sheetTail)
	}), false)
	// Empty rows past the count.
	add("ManyRows", skeleton(func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r := 2; r <= lim.Rows+2; r++ {
			fmt.Fprintf(w, `<row r="%d"/>`, r)
		}
		io.WriteString(w, sheetTail)
	}), false)
	// Parts past the count.
	parts := withStrings(sharedStrings(2, func(w io.Writer, _ int) { io.WriteString(w, "x") }))
	for i := len(parts); i <= lim.Parts; i++ {
		parts = append(parts, part{name: fmt.Sprintf("xl/media/image%d.png", i), write: text("x")})
	}
	add("ManyParts", parts, false)
	// A part other than a sheet (styles, which excelize holds in memory)
	// and a sheet, each declaring a size past its budget at a ratio of 50:
	// the central directory alone refuses them, so their content is noise.
	add("LargeStyles", append(skeleton(plainSheet), declared("xl/styles.xml", lim.Other+1)), false)
	add("LargeSheet", append(skeleton(plainSheet)[:4], declared("xl/worksheets/sheet1.xml", lim.Part+1)), false)
	// Shared strings that declare a tenth of their size: archive/zip stops
	// reading at the declared size.
	add("LyingSize", withStrings(sharedStrings(lim.Strings/2, func(w io.Writer, i int) {
		noise(w, 8, uint64(i))
	})), true)
	return bombs
}

// PeakHeap samples the live heap every 5 ms until the returned stop is
// called, which returns the largest value seen.
func PeakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// cost runs fn after a garbage collection and returns how long it took,
// the CPU time the process used meanwhile (fn's work and whatever else the
// test process did) and how far the live heap rose above its start at its
// peak.
func cost(fn func()) (took, cpu time.Duration, heap int64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	stop := PeakHeap()
	start, cpu0 := time.Now(), ProcessCPU()
	fn()
	took, cpu = time.Since(start), ProcessCPU()-cpu0
	return took, cpu, int64(stop()) - int64(m.HeapAlloc)
}

// MaxHeap is how far a refusal may raise the heap.
const MaxHeap = 100 << 20

// Budget is the CPU time a refusal of b may take. A bomb refused by the
// central directory costs milliseconds. One that must be scanned to its
// limit (6 million cells in 16 MB) costs what checking the largest
// legitimate import does, a third of a second; sent over HTTP, the test's
// own client and the multipart parsing add to it. CPU time rather than the
// time on the clock: on a shared test runner (a load of 30 on two cores is
// not rare) the clock measures the other jobs. The clock gets MaxWait.
func Budget(b Bomb, http bool) time.Duration {
	if http && len(b.Data) > 4<<20 {
		return 2 * time.Second
	}
	return time.Second
}

// MaxWait bounds the time on the clock a refusal may take, however loaded
// the runner: far from the 79 s the 340 MB shared strings took before.
const MaxWait = 10 * time.Second

// Within runs fn, which must have a server or Import refuse b, and fails t
// unless it took at most Budget of CPU time, MaxWait on the clock and
// MaxHeap of heap above the start.
func Within(t testing.TB, b Bomb, http bool, fn func()) {
	t.Helper()
	took, cpu, heap := cost(fn)
	t.Logf("%d KB refused in %v (CPU %v), heap +%d MB", len(b.Data)>>10, took, cpu, heap>>20)
	if budget := Budget(b, http); cpu > budget || took > MaxWait {
		t.Errorf("refused after %v using %v of CPU, want within %v of CPU and %v", took, cpu, budget, MaxWait)
	}
	if heap > MaxHeap {
		t.Errorf("heap peaked %d MB above the start, want under %d MB", heap>>20, MaxHeap>>20)
	}
}
