package xlsx

import (
	"fmt"
	"io"
	"strings"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

// SheetRecognitions is the sheet of the official list template. An
// official list as published may name its sheet otherwise: the first sheet
// is read whatever its name.
const SheetRecognitions = "认定名单"

// recognitionColumns are the columns of an official published list, as the
// notices' annexes print them.
var recognitionColumns = []Column{
	{Header: "企业名称", Path: "name"},
	{Header: "统一社会信用代码", Path: "uscc", Kind: KindCode},
	{Header: "梯度", Path: "tier"},
	{Header: "级别", Path: "level"},
	{Header: "批次", Path: "batch"},
	{Header: "文号", Path: "doc_no"},
	{Header: "认定日期", Path: "recognized_on", Kind: KindDate},
	{Header: "有效期至", Path: "valid_to", Kind: KindDate},
}

// ListRow is one read row of an official list: where it is, the name and
// USCC it gives, and the recognition it states (EnterpriseID still 0: the
// caller matches the USCC).
type ListRow struct {
	Row  int
	Name string
	USCC string
	Rec  cultivation.Recognition
}

// ListResult is what ReadRecognitionList found: the clean rows, and every
// problem of the others (a row with a problem is not in Rows).
type ListResult struct {
	Sheet  string
	Rows   []ListRow
	Errors []RowError
	Total  int // non-blank data rows read, clean or not
}

// RecognitionTemplate writes an empty official list with its headers and
// an example row.
func RecognitionTemplate(w io.Writer) error {
	return RecognitionList(w, []any{"郑州示例科技有限公司", "91410100MA00000000", "专精特新中小企业", "省级", "第一批",
		"豫工信企业〔2025〕88号", "2025-03-01", "2028-02-29"})
}

// RecognitionList writes an official list of rows, each the cells of
// 企业名称, 统一社会信用代码, 梯度, 级别, 批次, 文号, 认定日期, 有效期至.
func RecognitionList(w io.Writer, rows ...[]any) error {
	cols := make([]TableColumn, len(recognitionColumns))
	for i, c := range recognitionColumns {
		cols[i] = TableColumn{Header: c.Header, Width: 18}
	}
	cols[0].Width, cols[1].Width, cols[5].Width = 36, 24, 28
	return Table(w, SheetRecognitions, cols, func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	})
}

// ReadRecognitionList reads an official list (the first sheet) within the
// upload limits: every cell by its column, the USCC's check digit, the tier
// and level by their Chinese names, the dates. Matching the USCC to an
// enterprise is the caller's, who adds its problems to Errors.
func ReadRecognitionList(r io.Reader) (*ListResult, error) {
	f, err := openReader(r, ImportLimits)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	res := &ListResult{Sheet: sheet}
	im := &importer{res: &Result{}}
	err = im.scan(f, sheet, recognitionColumns, []string{"uscc", "tier", "recognized_on"}, func(row int, cells []string) {
		res.Total++
		if lr, ok := readListRow(im, sheet, row, cells); ok {
			res.Rows = append(res.Rows, lr)
		}
	})
	if err != nil {
		return nil, err
	}
	res.Errors = im.res.Errors
	return res, nil
}

func readListRow(im *importer, sheet string, row int, cells []string) (ListRow, bool) {
	ok := true
	bad := func(path, en, zh string) {
		im.add(sheet, row, path, profile.CodeFormat, en, zh, false)
		ok = false
	}
	text := func(i int) string { return strings.TrimSpace(cells[i]) }
	lr := ListRow{Row: row, Name: text(0), USCC: strings.ToUpper(strings.Join(strings.Fields(cells[1]), ""))}
	if lr.USCC == "" {
		bad("uscc", "uscc is required", "统一社会信用代码不能为空")
	} else if fe := profile.CheckUSCC(lr.USCC); fe != nil {
		bad("uscc", fe.Message, "统一社会信用代码"+strings.TrimPrefix(fe.MessageZH, "uscc（统一社会信用代码）"))
	}
	rec := &lr.Rec
	if rec.Tier = TierByText(text(2)); rec.Tier == "" {
		bad("tier", fmt.Sprintf("unknown tier %q", text(2)), fmt.Sprintf("梯度“%s”无法识别，应为创新型中小企业、专精特新中小企业、专精特新“小巨人”企业等", text(2)))
	}
	rec.Level = LevelByText(text(3))
	if rec.Level == "" {
		bad("level", fmt.Sprintf("unknown level %q", text(3)), fmt.Sprintf("级别“%s”无法识别，应为国家级、省级或市级", text(3)))
	}
	rec.Batch, rec.DocNo = text(4), text(5)
	for _, d := range []struct {
		i    int
		path string
		to   *profile.Date
	}{{6, "recognized_on", &rec.RecognizedOn}, {7, "valid_to", &rec.ValidTo}} {
		s := text(d.i)
		if s == "" {
			if d.path == "recognized_on" {
				bad(d.path, "recognized_on is required", "认定日期不能为空")
			}
			continue
		}
		v, ce := parseDate(s)
		if ce != nil {
			bad(d.path, ce.en, ce.zh)
			continue
		}
		*d.to = profile.MustDate(v)
	}
	if ok {
		rec.Normalize()
		for _, p := range rec.Validate() {
			if p.Path != "enterprise_id" {
				bad(p.Path, p.MessageEN, p.Message)
			}
		}
	}
	return lr, ok
}

// TierByText reads a tier from its Chinese name as notices write it (with
// or without quotes and the words 中小企业/企业), or its code; "" if none.
func TierByText(s string) string {
	s = strings.NewReplacer("“", "", "”", "", "\"", "", " ", "").Replace(strings.TrimSpace(s))
	if cultivation.TierZH[s] != "" {
		return s
	}
	switch {
	case strings.Contains(s, "重点") && strings.Contains(s, "小巨人"):
		return profile.TierKeyLittleGiant
	case strings.Contains(s, "小巨人"):
		return profile.TierLittleGiant
	case strings.Contains(s, "单项冠军"):
		return profile.TierSingleChampion
	case strings.Contains(s, "专精特新"):
		return profile.TierSRDI
	case strings.Contains(s, "创新型"):
		return profile.TierInnovative
	}
	return ""
}

// LevelByText reads a level from 国家级/省级/市级 (or 国家/省/市, or the
// code); "" if none.
func LevelByText(s string) string {
	s = strings.TrimSpace(s)
	if cultivation.LevelZH[s] != "" {
		return s
	}
	switch strings.TrimSuffix(s, "级") {
	case "国家":
		return cultivation.LevelNational
	case "省", "河南省":
		return cultivation.LevelProvincial
	case "市", "郑州市":
		return cultivation.LevelMunicipal
	}
	return ""
}

// AddListError notes a problem the caller found with a row (an unknown
// USCC, say), under the column of path.
func (r *ListResult) AddListError(row int, path, en, zh string) {
	col := ""
	for _, c := range recognitionColumns {
		if c.Path == path {
			col = c.Header
		}
	}
	r.Errors = append(r.Errors, RowError{Sheet: r.Sheet, Row: row, Column: col, Path: path,
		Code: "unmatched", Message: en, MessageZH: zh})
}

// AnnotateRecognitionList writes the uploaded list back with 错误原因 on
// every row with a problem, as Annotate does for the enterprise template.
func AnnotateRecognitionList(w io.Writer, original io.Reader, res *ListResult) error {
	f, err := openReader(original, ImportLimits)
	if err != nil {
		return err
	}
	defer f.Close()
	a := &annotator{f: f, filled: map[int]int{}, unfilled: map[int]int{}}
	if err := a.sheet(res.Sheet, &Result{Errors: res.Errors}); err != nil {
		return fmt.Errorf("xlsx: annotate %s: %w", res.Sheet, err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: annotate: %w", err)
	}
	return nil
}
