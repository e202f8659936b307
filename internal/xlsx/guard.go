package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"zjtx/internal/apperr"
)

// Limits bound what reading one upload may cost. Check applies them to the
// zip's central directory and then to the unpacked XML parts (worksheets,
// shared strings and the rest), streamed through a counter that holds
// 256 KiB at a time, before excelize sees the file: excelize reads every part other than
// large worksheets and shared strings into memory and decodes a cell or a
// shared string whole, so a small file that unpacks to gigabytes (a zip
// bomb) must be refused before it does.
type Limits struct {
	File     int64 // bytes of the .xlsx as uploaded
	Unzipped int64 // bytes of all parts unpacked
	Part     int64 // bytes of one worksheet or of the shared strings, unpacked
	Other    int64 // bytes of all other parts unpacked, which excelize holds in memory
	Ratio    int64 // unpacked ÷ packed bytes of a part over ratioFloor
	Parts    int   // entries of the zip
	Rows     int   // <row> elements of one worksheet, blank ones included
	Cells    int   // <c> elements of all worksheets
	Strings  int   // <si> items of the shared strings
	Cell     int   // bytes of the largest cell, shared string, tag or text
	// Advice ends the message of a refusal: what the user can do.
	Advice string
}

// ratioFloor is the unpacked size below which a part's compression ratio is
// not checked: small XML of repeated tags compresses well and costs nothing.
const ratioFloor = 1 << 20

// unzipXMLInMemory is excelize's UnzipXMLSizeLimit: worksheets and shared
// strings unpacking larger than this are read from temporary files instead
// of memory. Shared strings under it are decoded whole (tens of bytes of Go
// structures per byte of tiny <si> items); Strings bounds them.
const unzipXMLInMemory = 4 << 20

// ImportLimits are the limits of an official's import. They are sized from
// a measured worst case with headroom: the template with 100,000 rows on 企业
// and 100,000 on 年度数据, every column filled (see TestImportLimitsFit and
// the README), is a 15 MiB file unpacking to 250 MiB, the 企业 sheet alone
// to 200 MiB, with 5.5 million cells; Excel, saving it, writes at most a few
// hundred thousand distinct shared strings. Excel's own longest cell is
// 32,767 characters (96 KiB in UTF-8).
var ImportLimits = Limits{
	File:     MaxUploadSize,
	Unzipped: 512 << 20,
	Part:     320 << 20,
	Other:    16 << 20,
	Ratio:    100,
	Parts:    1000,
	Rows:     MaxRows + 20_000,
	Cells:    6_000_000,
	Strings:  1_000_000,
	Cell:     256 << 10,
	Advice:   "，请分批导入",
}

// SelfTestLimits are the limits of the public self-test upload, which
// anyone may post without logging in: a template holding one enterprise, or
// a profile JSON of at most profile.MaxDocumentSize, is a few tens of
// kilobytes.
var SelfTestLimits = Limits{
	File:     1 << 20,
	Unzipped: 16 << 20,
	Part:     8 << 20,
	Other:    4 << 20,
	Ratio:    100,
	Parts:    100,
	Rows:     1000,
	Cells:    50_000,
	Strings:  20_000,
	Cell:     64 << 10,
	Advice:   "；自测只需一家企业的数据",
}

// mib writes a byte count for a message: "16 MB" (Chinese users read MB).
func mib(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// tooLarge is the error of an upload over a limit: 413 with the limit in
// the message.
func tooLarge(en, zh string) error {
	return apperr.Wrap(fmt.Errorf("xlsx: %w: %s", ErrTooLarge, en), apperr.ETOOLARGE, zh)
}

// Check reads data as a zip and applies lim to it (see Limits). It returns
// nil, an ETOOLARGE error naming the limit, or an EINVALID error for a file
// that is not a zip at all.
func Check(data []byte, lim Limits) error {
	if int64(len(data)) > lim.File {
		return tooLarge(fmt.Sprintf("the file has more than %d bytes", lim.File),
			fmt.Sprintf("文件超过 %s%s", mib(lim.File), lim.Advice))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return invalid(fmt.Errorf("%w: %v", ErrNotWorkbook, err), notWorkbookZH)
	}
	if len(zr.File) > lim.Parts {
		return tooLarge(fmt.Sprintf("the zip has %d parts, more than %d", len(zr.File), lim.Parts),
			fmt.Sprintf("文件包含 %d 个部件，超过 %d 个，不是正常的 Excel 工作簿", len(zr.File), lim.Parts))
	}
	// The sizes of the central directory first: they cost nothing to read,
	// and archive/zip refuses to unpack more than a part declares.
	var total, other uint64
	var scan []*zip.File
	for _, f := range zr.File {
		size := f.UncompressedSize64
		total += size
		if total > uint64(lim.Unzipped) {
			return tooLarge(fmt.Sprintf("the parts unpack to more than %d bytes", lim.Unzipped),
				fmt.Sprintf("文件解压后超过 %s%s", mib(lim.Unzipped), lim.Advice))
		}
		if size > ratioFloor && size > uint64(lim.Ratio)*max(f.CompressedSize64, 1) {
			return tooLarge(fmt.Sprintf("part %s unpacks %d bytes from %d", f.Name, size, f.CompressedSize64),
				fmt.Sprintf("文件中的部件解压后超过压缩前的 %d 倍（疑似压缩炸弹），不予处理", lim.Ratio))
		}
		if !bulkPart(f.Name) {
			if other += size; other > uint64(lim.Other) {
				return tooLarge(fmt.Sprintf("the parts other than sheets unpack to more than %d bytes", lim.Other),
					fmt.Sprintf("文件中表格以外的内容（图片、样式等）解压后超过 %s", mib(lim.Other)))
			}
		} else if size > uint64(lim.Part) {
			return tooLarge(fmt.Sprintf("part %s unpacks to %d bytes, more than %d", f.Name, size, lim.Part),
				fmt.Sprintf("文件中的一个工作表解压后超过 %s%s", mib(lim.Part), lim.Advice))
		}
		if ext := strings.ToLower(path.Ext(f.Name)); ext == ".xml" || ext == ".rels" {
			scan = append(scan, f) // whatever its name: a worksheet may be named anything
		}
	}
	c := counter{lim: lim}
	for _, f := range scan {
		if err := c.part(f); err != nil {
			return err
		}
	}
	return nil
}

// bulkPart reports whether excelize streams a part from a temporary file
// when it is large, as its ReadZipReader decides: the shared strings and
// the parts named xl/worksheets/sheet*. It reads every other part into
// memory, a worksheet under another name included.
func bulkPart(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, `\`, "/"))
	return n == "xl/sharedstrings.xml" || strings.HasPrefix(n, "xl/worksheets/sheet")
}

// counter counts the elements of the scanned parts.
type counter struct {
	lim         Limits
	cells, strs int
	rows        int // of the current part
	pos, openAt int64
	open        string // "c" or "si" while inside one, else ""
	buf         []byte
}

// nameLen is how much of a tag's name tag reads: enough for "x:row".
const nameLen = 16

// part streams one part. The text between two '<' (a tag and the text after
// it) must not exceed lim.Cell, and neither may a whole <c> or <si> element
// (a rich-text string is several runs): then no single value excelize
// decodes is large, whatever the part's size. The loop finds each '<' with
// bytes.IndexByte and reads the few bytes of the name after it; the scan of
// the largest import the limits allow takes about a second.
func (c *counter) part(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return invalid(fmt.Errorf("%w: %s: %v", ErrNotWorkbook, f.Name, err), notWorkbookZH)
	}
	defer rc.Close()
	c.rows, c.open = 0, ""
	if c.buf == nil {
		c.buf = make([]byte, 256<<10)
	}
	buf := c.buf
	var base int64 // the offset in the part of buf[0]
	keep, seg := 0, 0
	for {
		n, err := io.ReadFull(rc, buf[keep:])
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return invalid(fmt.Errorf("%w: %s: %v", ErrNotWorkbook, f.Name, err), notWorkbookZH)
		}
		data := buf[:keep+n] // data[:keep] is a '<' and a name carried over
		i := 0
		keep = 0
		for {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				seg += len(data) - i
				break
			}
			if seg += j; seg > c.lim.Cell {
				return c.tooLong()
			}
			at := i + j
			if !eof && len(data)-at-1 < nameLen {
				keep = copy(buf, data[at:]) // the name may go on in the next read
				break
			}
			c.pos = base + int64(at)
			if err := c.tag(data[at+1 : min(len(data), at+1+nameLen)]); err != nil {
				return err
			}
			seg, i = 0, at+1
		}
		if seg > c.lim.Cell {
			return c.tooLong()
		}
		if eof {
			return nil
		}
		base += int64(len(data) - keep)
	}
}

// tag looks at the name of the tag that follows a '<': peek holds the first
// bytes after it.
func (c *counter) tag(peek []byte) error {
	end := false
	if len(peek) > 0 && peek[0] == '/' {
		end, peek = true, peek[1:]
	}
	n := 0
	for _, b := range peek {
		if b == ' ' || b == '>' || b == '/' || b == '\t' || b == '\r' || b == '\n' {
			break
		}
		n++
	}
	local := peek[:n]
	if i := bytes.IndexByte(local, ':'); i >= 0 {
		local = local[i+1:] // strict OOXML writes x:c
	}
	// string(local) in a switch does not allocate.
	var name string
	switch string(local) {
	case "c":
		name = "c"
	case "si":
		name = "si"
	case "row":
		name = "row"
	default:
		return nil
	}
	if end {
		if c.open == name && c.pos-c.openAt > int64(c.lim.Cell) {
			return c.tooLong()
		}
		c.open = ""
		return nil
	}
	switch name {
	case "row":
		if c.rows++; c.rows > c.lim.Rows {
			return tooLarge(fmt.Sprintf("a worksheet has more than %d rows", c.lim.Rows),
				fmt.Sprintf("工作表超过 %d 行%s", c.lim.Rows, c.lim.Advice))
		}
		return nil
	case "c":
		if c.cells++; c.cells > c.lim.Cells {
			return tooLarge(fmt.Sprintf("the worksheets have more than %d cells", c.lim.Cells),
				fmt.Sprintf("工作表的单元格超过 %d 个%s", c.lim.Cells, c.lim.Advice))
		}
	case "si":
		if c.strs++; c.strs > c.lim.Strings {
			return tooLarge(fmt.Sprintf("the shared strings have more than %d items", c.lim.Strings),
				fmt.Sprintf("文件中的文本超过 %d 条%s", c.lim.Strings, c.lim.Advice))
		}
	}
	c.open, c.openAt = name, c.pos
	return nil
}

func (c *counter) tooLong() error {
	return tooLarge(fmt.Sprintf("a cell or tag has more than %d bytes", c.lim.Cell),
		fmt.Sprintf("文件中有单元格内容超过 %s，请检查后重新上传", mib(int64(c.lim.Cell))))
}
