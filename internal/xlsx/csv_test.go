package xlsx_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/xlsx"
)

var jinshui = []auth.Region{{Code: "410105", Name: "金水区"}}

// TestImportCSV reads a population in CSV: an enterprise's cells on its
// first line, its years on consecutive lines; a bad cell refuses the
// enterprise with the line and column in both languages, and the annotated
// file carries the reason on that line.
func TestImportCSV(t *testing.T) {
	const good = "91410105MA44RB6X80"
	in := "\uFEFF统一社会信用代码,企业名称,所属区县（市）,年度,营业收入（万元）\n" +
		good + ",郑州甲公司,金水区,2024,1000\n" +
		good + ",,,2025,1200\n" +
		"91410105MA44RB6X81,郑州乙公司,金水区,2025,900\n" +
		"91410105MA44RB6X8K2,郑州丙公司,中原区,2025,abc\n"
	res, err := xlsx.ImportCSV(strings.NewReader(in), jinshui)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || res.Records[0].USCC != good || len(res.Records[0].Profile.Years) != 2 {
		t.Fatalf("records %+v, want the first enterprise with two years; errors %+v", res.Records, res.Errors)
	}
	lines := map[int]bool{}
	for _, e := range res.Errors {
		if e.Sheet != xlsx.SheetCSV || e.MessageZH == "" || e.Message == "" {
			t.Errorf("error %+v", e)
		}
		lines[e.Row] = true
	}
	if !lines[4] || !lines[5] || lines[2] || lines[3] {
		t.Errorf("errors on lines %v, want 4 and 5 only", lines)
	}
	var buf bytes.Buffer
	if err := xlsx.AnnotateCSV(&buf, []byte(in), res); err != nil {
		t.Fatal(err)
	}
	out := strings.Split(strings.TrimPrefix(buf.String(), "\uFEFF"), "\n")
	if !strings.HasSuffix(out[0], ",错误原因") || strings.HasSuffix(out[1], ",") == false || !strings.Contains(out[4], "「营业收入（万元）」") {
		t.Errorf("annotated:\n%s", buf.String())
	}
}

// TestImportCSVLimits: a file that is not the template, or breaks a bound,
// is refused as a whole with a reason.
func TestImportCSVLimits(t *testing.T) {
	wide := strings.Repeat("x,", xlsx.MaxCSVColumns+1) + "\n"
	for name, in := range map[string]string{
		"empty":      "",
		"no uscc":    "企业名称,年度\n甲,2025\n",
		"too wide":   wide,
		"bad quotes": "统一社会信用代码,企业名称,所属区县（市）,年度\n\"91410105MA44RB6X8K,甲,金水区,2025\n",
	} {
		if _, err := xlsx.ImportCSV(strings.NewReader(in), jinshui); err == nil {
			t.Errorf("%s: accepted", name)
		} else if name == "too wide" && !errors.Is(err, xlsx.ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", name, err)
		}
	}
}
