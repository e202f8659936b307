package profile_test

import (
	"testing"

	"zjtx/internal/profile"
)

func TestWithYear(t *testing.T) {
	p, errs := profile.DecodeBytes(exampleJSON(t))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	tests := []struct {
		name     string
		year     int
		doc      string
		wantErr  bool
		wantPath string // a field error expected after decoding, "" for none
	}{
		{"ReplacesAYear", 2025, `{"revenue": 5000, "rd_expense": 200}`, false, ""},
		{"AddsAYear", 2026, `{"revenue": 100}`, false, ""},
		{"NegativeMoneyIsReportedAtItsFullPath", 2025, `{"rd_expense": -5}`, false, "years.2025.rd_expense"},
		{"CrossFieldRulesHold", 2025, `{"employees": 10, "rd_staff": 11}`, false, "years.2025.rd_staff"},
		{"NotJSON", 2025, `{`, true, ""},
		{"NotAnObject", 2025, `[1]`, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := profile.WithYear(p, tt.year, []byte(tt.doc))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			q, errs := profile.DecodeBytes(doc)
			if tt.wantPath != "" {
				if len(errs.ByPath(tt.wantPath)) == 0 {
					t.Fatalf("no error at %s: %v", tt.wantPath, errs)
				}
				return
			}
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			if q.Years[tt.year] == nil || q.Years[tt.year].Revenue == nil {
				t.Fatalf("year %d not replaced: %+v", tt.year, q.Years[tt.year])
			}
			if tt.year == 2025 && q.Years[2025].TotalAssets != nil {
				t.Error("fields of the old year survived the replacement")
			}
			if q.Years[2024] == nil || *q.Years[2024].Revenue != *p.Years[2024].Revenue {
				t.Error("another year changed")
			}
		})
	}
}
