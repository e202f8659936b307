package plan_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/plan"
)

func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestNewEvidence(t *testing.T) {
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	docx := zipOf(t, "[Content_Types].xml", "word/document.xml")
	for _, tt := range []struct {
		name     string
		filename string
		data     []byte
		mime     string // "" when refused
		want     string // the refusal's words
	}{
		{"PDF", "研发费用专项审计报告.pdf", pdf, "application/pdf", ""},
		{"PNGUpperCaseName", "证书.PNG", png, "image/png", ""},
		{"JPEG", "photo.jpeg", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10}, "image/jpeg", ""},
		{"DOCX", "说明.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""},
		{"OLEDoc", "old.xls", []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0}, "application/x-ole-storage", ""},
		{"ScriptNamedPDF", "report.pdf", []byte("#!/bin/sh\nrm -rf /\n"), "", "文件类型不受支持"},
		{"HTMLNamedPNG", "x.png", []byte("<html><script>alert(1)</script>"), "", "文件类型不受支持"},
		{"PNGNamedPDF", "report.pdf", png, "", "与文件名 report.pdf 不符"},
		{"PDFNamedDOCX", "a.docx", pdf, "", "不符"},
		{"PlainZipNamedDOCX", "a.docx", zipOf(t, "a.txt"), "", "文件类型不受支持"},
		{"DOCXNamedXLSX", "a.xlsx", docx, "", "不符"},
		{"NoExtension", "report", pdf, "", "不符"},
		{"Empty", "a.pdf", nil, "", "文件为空"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := plan.NewEvidence(tt.filename, tt.data)
			if tt.mime == "" {
				if !apperr.Is(err, apperr.EINVALID) || !strings.Contains(apperr.Message(err), tt.want) || !strings.HasPrefix(apperr.Message(err), "evidence：") {
					t.Errorf("err = %v; want invalid evidence %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ev.MIME != tt.mime || ev.Size != int64(len(tt.data)) || len(ev.SHA256) != 64 {
				t.Errorf("got %s %d %s; want %s, the size and a SHA-256", ev.MIME, ev.Size, ev.SHA256, tt.mime)
			}
		})
	}
	t.Run("TooLarge", func(t *testing.T) {
		big := append([]byte("%PDF-1.4\n"), make([]byte, plan.MaxEvidence)...)
		if _, err := plan.NewEvidence("big.pdf", big); !apperr.Is(err, apperr.ETOOLARGE) {
			t.Errorf("err = %v; want too large", err)
		}
	})
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\张三\审计报告.pdf`:       "审计报告.pdf",
		"../../etc/passwd.pdf":       "passwd.pdf",
		"a\"b\r\nContent-Type:x.pdf": "a_b__Content-Type_x.pdf",
		"":                           "evidence",
	} {
		if got := plan.SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestApply(t *testing.T) {
	rd := plan.Target{Path: "years.2025.rd_expense", To: 150.0, Unit: "万元"}
	patent := plan.Target{Path: "ip", Add: map[string]any{"kind": "invention_patent", "related": true, "self_developed": true}, Count: 2}
	for _, tt := range []struct {
		name   string
		target plan.Target
		value  string
		check  func(t *testing.T, got string, ips int)
		want   string // the refusal's words
	}{
		{"Figure", rd, `152.5`, func(t *testing.T, got string, _ int) {
			if got != "152.5" {
				t.Errorf("rd_expense = %s; want 152.5", got)
			}
		}, ""},
		{"FigureAsString", rd, `"160"`, func(t *testing.T, got string, _ int) {
			if got != "160" {
				t.Errorf("rd_expense = %s; want 160", got)
			}
		}, ""},
		{"FigureMissing", rd, ``, nil, "value：请填写达到的数值"},
		{"FigureNotNumber", rd, `"很多"`, nil, "value：应为数值"},
		{"AddTargetsElements", patent, ``, func(t *testing.T, _ string, ips int) {
			if ips != 3 {
				t.Errorf("%d IP items; want the example's one and two added", ips)
			}
		}, ""},
		{"AddGivenElement", patent, `{"kind":"invention_patent","granted":"2026-08-01","related":true,"self_developed":true}`, func(t *testing.T, _ string, ips int) {
			if ips != 2 {
				t.Errorf("%d IP items; want the example's one and the one given", ips)
			}
		}, ""},
		{"AddNotObject", patent, `3`, nil, "value：应为新增条目"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := example(t)
			err := plan.Apply(p, tt.target, json.RawMessage(tt.value))
			if tt.want != "" {
				if !apperr.Is(err, apperr.EINVALID) || !strings.Contains(apperr.Message(err), tt.want) {
					t.Errorf("err = %v; want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, _ := p.GetPath("years.2025.rd_expense")
			n, _ := p.ListLen("ip")
			tt.check(t, got, n)
		})
	}
}
