package xlsx_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// TestImportRefusesBombs reads each hostile workbook under the import's and
// the self-test's limits: each is refused (413, a Chinese message naming
// the limit) within a second and with less than 100 MB of heap above the
// start, where the 340 MB shared strings took 79 s and 4.3 GB before.
func TestImportRefusesBombs(t *testing.T) {
	for _, tt := range []struct {
		name string
		lim  xlsx.Limits
	}{{"Import", xlsx.ImportLimits}, {"SelfTest", xlsx.SelfTestLimits}} {
		for _, b := range xlsxtest.Bombs(tt.lim) {
			t.Run(tt.name+"/"+b.Name, func(t *testing.T) {
				var err error
				xlsxtest.Within(t, b, false, func() { _, err = xlsx.ImportBytes(b.Data, zhengzhou, tt.lim) })
				msg := apperr.Message(err)
				t.Log(msg)
				wantCode := apperr.ETOOLARGE
				if b.Name == "LyingSize" {
					wantCode = apperr.EINVALID // a corrupt zip
				}
				if got := apperr.Code(err); got != wantCode {
					t.Fatalf("code %q (%v), want %q", got, err, wantCode)
				}
				if wantCode == apperr.ETOOLARGE && (!strings.Contains(msg, "超过") || strings.Contains(msg, "不是 Excel")) {
					t.Errorf("message %q does not name the limit", msg)
				}
			})
		}
	}
}

// hundredThousand is the largest import the limits are sized for: 100,000
// enterprises on 企业 and one year each on 年度数据. With full, every column
// is filled (the measured worst case); without, only the required columns
// and the revenue, as a first filling of the template is.
func hundredThousand(t *testing.T, full bool) []byte { return manyRows(t, full, 100_000) }

// manyRows is hundredThousand with n rows.
func manyRows(t *testing.T, full bool, n int) []byte {
	rec := fullProfile(t, 0)
	if !full {
		rec = &enterprise.Record{Profile: decode(t, `{"uscc": "`+uscc(0)+`", "name": "x", "region": "410173",
			"years": {"2025": {"revenue": 3645}}}`), Status: enterprise.StatusActive}
	}
	for y := range rec.Profile.Years {
		if y != 2025 {
			delete(rec.Profile.Years, y)
		}
	}
	var file bytes.Buffer
	if err := xlsx.Export(&file, generatedFrom(rec, n), zhengzhou); err != nil {
		t.Fatal(err)
	}
	return file.Bytes()
}

// TestImportLimitsFit checks that the largest import the limits are sized
// for passes them with every column filled, and that one of 100,000 plain
// rows is imported whole.
func TestImportLimitsFit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two workbooks of 100,000 rows")
	}
	t.Run("FullColumnsPassCheck", func(t *testing.T) {
		data := hundredThousand(t, true)
		start := time.Now()
		if err := xlsx.Check(data, xlsx.ImportLimits); err != nil {
			t.Fatalf("a 100,000-row file of %d MB is refused: %v", len(data)>>20, err)
		}
		t.Logf("%d MB checked in %v", len(data)>>20, time.Since(start))
		if int64(len(data)) > xlsx.ImportLimits.File*3/4 {
			t.Errorf("%d bytes leave less than a quarter of the file limit", len(data))
		}
	})
	t.Run("PlainRowsImported", func(t *testing.T) {
		data := hundredThousand(t, false)
		start := time.Now()
		res, err := xlsx.Import(bytes.NewReader(data), zhengzhou)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Records) != 100_000 || res.Counts.ErrorRows != 0 {
			t.Fatalf("%d records, %d bad rows: %s", len(res.Records), res.Counts.ErrorRows, errorsText(res)[:min(500, len(errorsText(res)))])
		}
		t.Logf("%d MB imported in %v", len(data)>>20, time.Since(start))
		if rev := res.Records[99_999].Profile.Years[2025].Revenue; rev == nil || *rev != profile.Dec(3645*profile.DecScale) {
			t.Errorf("revenue of the last row = %v", rev)
		}
	})
}
