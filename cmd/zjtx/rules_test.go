package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zjtx/rules"
)

// copyRules writes the embedded rule files to a temporary directory,
// replacing old by new in srdi@2022.yaml when old is not empty.
func copyRules(t *testing.T, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	names, err := fs.Glob(rules.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(rules.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if n == "srdi@2022.yaml" && old != "" {
			if !strings.Contains(s, old) {
				t.Fatalf("%s does not contain %q", n, old)
			}
			s = strings.Replace(s, old, new, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRulesCommand(t *testing.T) {
	clean := copyRules(t, "", "")
	broken := copyRules(t, "{min: 70%, points: 3, label: 70%-80%}", "{min: 85%, points: 3, label: 85%}")
	draft := copyRules(t, "metric: niche_years\n    min: 2", "metric: niche_years\n    min: 3")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"LintEmbedded", []string{"rules", "lint"}, 0, []string{"embedded rule sets: 0 errors"}, ""},
		{"LintCleanDir", []string{"rules", "lint", clean}, 0, []string{clean + ": 0 errors"}, ""},
		{"LintBrokenDir", []string{"rules", "lint", broken}, 1,
			[]string{"error   srdi@2022 S22-1: band 2 threshold 85% is not below band 1's 80%", "1 errors"}, ""},
		{"LintBrokenRulesFlag", []string{"rules", "lint", "--rules", broken}, 1, []string{"min bands must fall strictly"}, ""},
		{"LintTwoDirs", []string{"rules", "lint", clean, broken}, 2, nil, "usage"},
		{"LintNotADir", []string{"rules", "lint", filepath.Join(clean, "nothing")}, 2, nil, "is not a directory"},
		{"Doc", []string{"rules", "doc", "srdi@2022"}, 0,
			[]string{"# 专精特新中小企业认定标准（srdi@2022）规则说明书", "| 文号 | 工信部企业〔2022〕63号 |", "| S22-13 |"}, ""},
		{"DocFromDir", []string{"rules", "doc", "--rules", draft, "srdi@2022"}, 0, []string{"| ≥ 3 年 |"}, ""},
		{"DocUnknown", []string{"rules", "doc", "srdi@1999"}, 1, nil, `unknown rule set "srdi@1999"`},
		{"Diff", []string{"rules", "diff", "srdi@2022", "srdi@2026"}, 0,
			[]string{"### S22-C1 → S26-3", "- 从事特定细分市场年限 ≥ 2 年 → ≥ 3 年", "- 删除评分表"}, ""},
		{"DiffFlagAfter", []string{"rules", "diff", "srdi@2022", "srdi@2026", "--rules", clean}, 0, []string{"S22-C3 → S26-4"}, ""},
		{"DiffDraftFile", []string{"rules", "diff", "srdi@2022", filepath.Join(draft, "srdi@2022.yaml")}, 0,
			[]string{"### S22-C1 从事特定细分市场时间达到2年以上", "- 从事特定细分市场年限 ≥ 2 年 → ≥ 3 年", "共 1 处变化"}, ""},
		{"DiffSame", []string{"rules", "diff", "srdi@2026", "srdi@2026"}, 0, []string{"两个版本内容相同"}, ""},
		{"DiffOneArg", []string{"rules", "diff", "srdi@2026"}, 2, nil, "usage"},
		{"Unknown", []string{"rules", "publish"}, 2, nil, `unknown subcommand "publish"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, strings.NewReader(""), &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errb.String())
			}
			for _, w := range tt.stdout {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr lacks %q: %s", tt.stderr, errb.String())
			}
		})
	}
}
