package xlsx_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/apperr"
	"zjtx/internal/xlsx"
)

func annotate(t *testing.T, file []byte, res *xlsx.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.Annotate(&b, bytes.NewReader(file), res); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// marks returns, for each data row of sheet, its 错误原因 text and whether
// its first cell has the red fill.
func marks(t *testing.T, file []byte, sheet string) (texts map[int]string, red map[int]bool) {
	t.Helper()
	f, rows := openRows(t, file, sheet)
	defer f.Close()
	col := slices.Index(rows[0], xlsx.ErrorHeader)
	texts, red = map[int]string{}, map[int]bool{}
	for i := 1; i < len(rows); i++ {
		r := i + 1
		if col >= 0 && col < len(rows[i]) && rows[i][col] != "" {
			texts[r] = rows[i][col]
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Fill.Type == "pattern" && len(st.Fill.Color) > 0 && strings.HasSuffix(strings.ToUpper(st.Fill.Color[0]), "FFC7CE") {
			red[r] = true
		}
	}
	return texts, red
}

func TestAnnotate(t *testing.T) {
	ents, years := baseRows()
	ents = append(ents,
		row{"统一社会信用代码": uscc(4), "企业名称": "企业4", "所属区县（市）": "金水区", "成立日期": 41716},
		row{"统一社会信用代码": uscc(5), "企业名称": "企业5", "所属区县（市）": "金水区", "成立日期": 41716})
	ents[1]["独立法人资格"] = "可能"      // row 3: a bad cell
	ents[3]["所属区县（市）"] = "洛阳市"    // row 5: a bad cell
	years[0]["主营业务收入（万元）"] = 5000 // 年度数据 row 2: a warning only
	years[2]["营业收入（万元）"] = -1     // 年度数据 row 4: bad, which rejects 企业 row 4
	file := workbook(t, ents, years)
	res := importBytes(t, file)
	annotated := annotate(t, file, res)

	t.Run("MarksExactlyBadRows", func(t *testing.T) {
		for _, tc := range []struct {
			sheet string
			bad   []int
			rows  int
		}{{xlsx.SheetEnterprise, []int{3, 4, 5}, 6}, {xlsx.SheetYears, []int{4}, 4}} {
			texts, red := marks(t, annotated, tc.sheet)
			for r := 2; r <= tc.rows; r++ {
				want := slices.Contains(tc.bad, r)
				if (texts[r] != "") != want || red[r] != want {
					t.Errorf("%s row %d: text %q red %v, want marked %v", tc.sheet, r, texts[r], red[r], want)
				}
			}
			if got := res.BadRows()[tc.sheet]; !slices.Equal(got, tc.bad) {
				t.Errorf("%s BadRows = %v, want %v", tc.sheet, got, tc.bad)
			}
		}
		texts, _ := marks(t, annotated, xlsx.SheetEnterprise)
		if !strings.Contains(texts[3], "「独立法人资格」") || !strings.Contains(texts[5], "洛阳市") {
			t.Errorf("messages = %v", texts)
		}
	})

	t.Run("KeepsCellFormats", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(annotated))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		// 成立日期 (a date serial) of a clean row and of a red row keep
		// showing as dates.
		for _, cell := range []string{"H6", "H5"} {
			if v, _ := f.GetCellValue(xlsx.SheetEnterprise, cell); v != "2014-03-18" {
				t.Errorf("%s = %q, want the date", cell, v)
			}
		}
	})

	t.Run("ReimportGivesSameProblems", func(t *testing.T) {
		again := importBytes(t, annotated)
		if len(again.Ignored) != 0 {
			t.Errorf("ignored %v: the 错误原因 column must be skipped", again.Ignored)
		}
		if errorsText(again) != errorsText(res) {
			t.Errorf("problems differ:\n%s\nvs\n%s", errorsText(again), errorsText(res))
		}
	})

	t.Run("FixedRowLosesItsMark", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(annotated))
		if err != nil {
			t.Fatal(err)
		}
		fill(t, f, xlsx.SheetEnterprise, []row{{}, {"独立法人资格": "是"}})
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		f.Close()
		fixed := b.Bytes()
		res2 := importBytes(t, fixed)
		texts, red := marks(t, annotate(t, fixed, res2), xlsx.SheetEnterprise)
		if texts[3] != "" || red[3] {
			t.Errorf("fixed row 3 still marked: %q %v", texts[3], red[3])
		}
		if texts[5] == "" || !red[5] {
			t.Errorf("row 5 lost its mark")
		}
	})
}

// TestAnnotateLargeFileGivesErrorList: a file too large to write back is not
// annotated (excelize would hold its sheets whole, some 30 times their
// size); its problems come as a list instead.
func TestAnnotateLargeFileGivesErrorList(t *testing.T) {
	data := manyRows(t, true, 7000) // 18 MB of sheets
	res := importBytes(t, data)
	res.Refuse(map[int]error{4999: apperr.Errorf(apperr.ECONFLICT, "该企业的档案在导出后已被修改")})
	var out bytes.Buffer
	if err := xlsx.Annotate(&out, bytes.NewReader(data), res); !errors.Is(err, xlsx.ErrNotAnnotated) {
		t.Fatalf("Annotate of %d KB: %v, want ErrNotAnnotated", len(data)>>10, err)
	}
	if err := xlsx.ErrorList(&out, res); err != nil {
		t.Fatal(err)
	}
	rows, err := xlsx.ReadColumn(out.Bytes(), xlsx.ErrorHeader, "行")
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := xlsx.ReadColumn(out.Bytes(), xlsx.ErrorHeader, xlsx.ErrorHeader)
	if len(rows) != 1 || rows[0] != "5001" || msgs[0] != "该企业的档案在导出后已被修改" {
		t.Errorf("error list: rows %q, messages %q", rows, msgs)
	}
}
