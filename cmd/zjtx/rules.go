package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"zjtx/internal/criteria"
	"zjtx/rules"
)

const rulesUsage = "usage: zjtx rules list|lint [DIR]|doc ID|diff A B [--rules DIR]"

func cmdRules(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, rulesUsage)
		return 2
	}
	flags := flag.NewFlagSet("rules "+args[0], flag.ContinueOnError)
	flags.SetOutput(stderr)
	rulesDir := flags.String("rules", "", "read rule sets from this directory instead of the embedded ones")
	pos, err := parseInterleaved(flags, args[1:])
	if err != nil {
		return 2
	}
	switch args[0] {
	case "list":
		if len(pos) != 0 {
			fmt.Fprintln(stderr, "usage: zjtx rules list [--rules DIR]")
			return 2
		}
		eng, err := loadEngine(*rulesDir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		sets := append([]*criteria.RuleSet(nil), eng.Sets...)
		criteria.SortSets(sets)
		for _, rs := range sets {
			var win []string
			for _, w := range rs.Applies {
				to := w.To
				if to == "" {
					to = "…"
				}
				win = append(win, fmt.Sprintf("%s %s–%s", w.Type, w.From, to))
			}
			fmt.Fprintf(stdout, "%-20s %-13s %-10s #%s  %s  [%s]\n", rs.ID, rs.Tier, rs.Jurisdiction, rs.Hash(), rs.Name, strings.Join(win, "; "))
		}
		return 0
	case "lint":
		return rulesLint(*rulesDir, pos, stdout, stderr)
	case "doc":
		if len(pos) != 1 {
			fmt.Fprintln(stderr, "usage: zjtx rules doc [--rules DIR] ID|FILE.yaml")
			return 2
		}
		sets, err := loadSets(*rulesDir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		rs, err := findSet(sets, pos[0])
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprint(stdout, criteria.Doc(rs))
		return 0
	case "diff":
		if len(pos) != 2 {
			fmt.Fprintln(stderr, "usage: zjtx rules diff [--rules DIR] A B   (A, B: rule-set ids or .yaml files)")
			return 2
		}
		sets, err := loadSets(*rulesDir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		var ab [2]*criteria.RuleSet
		for i, ref := range pos {
			if ab[i], err = findSet(sets, ref); err != nil {
				fmt.Fprintln(stderr, err)
				return 1
			}
		}
		fmt.Fprint(stdout, criteria.DiffReport(ab[0], ab[1], criteria.Diff(ab[0], ab[1])))
		return 0
	}
	fmt.Fprintf(stderr, "zjtx rules: unknown subcommand %q\n%s\n", args[0], rulesUsage)
	return 2
}

// parseInterleaved parses flags placed before, between or after the
// positional arguments ("rules diff A B --rules DIR") and returns the
// positional ones.
func parseInterleaved(flags *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		if flags.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, flags.Arg(0))
		args = flags.Args()[1:]
	}
}

// rulesLint lints the embedded rule sets, or those of DIR (the same as
// --rules DIR). Every issue is printed; the exit status is 1 when any is
// an error, so CI and a publishing script can stop on it.
func rulesLint(rulesDir string, pos []string, stdout, stderr io.Writer) int {
	switch {
	case len(pos) > 1:
		fmt.Fprintln(stderr, "usage: zjtx rules lint [DIR]")
		return 2
	case len(pos) == 1 && rulesDir != "" && pos[0] != rulesDir:
		fmt.Fprintln(stderr, "zjtx rules lint: give DIR or --rules DIR, not both")
		return 2
	case len(pos) == 1:
		rulesDir = pos[0]
	}
	var fsys fs.FS = rules.FS
	where := "embedded rule sets"
	if rulesDir != "" {
		st, err := os.Stat(rulesDir)
		if err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "zjtx rules lint: %s is not a directory\n", rulesDir)
			return 2
		}
		fsys, where = os.DirFS(rulesDir), rulesDir
	}
	issues := criteria.LintDir(fsys)
	errs := 0
	for _, i := range issues {
		if i.Severity == criteria.SevError {
			errs++
		}
		fmt.Fprintln(stdout, i)
	}
	fmt.Fprintf(stdout, "%s: %d errors, %d warnings（%d 个错误，%d 个警告）\n", where, errs, len(issues)-errs, errs, len(issues)-errs)
	if errs > 0 {
		return 1
	}
	return 0
}

// loadSets reads the rule sets without compiling them, so doc and diff also
// work on a draft that does not compile yet.
func loadSets(dir string) ([]*criteria.RuleSet, error) {
	if dir != "" {
		return criteria.LoadDir(os.DirFS(dir))
	}
	return criteria.LoadDir(rules.FS)
}

// findSet returns the rule set with this id, or reads a rule file (an
// overlay is resolved against the catalogue).
func findSet(sets []*criteria.RuleSet, ref string) (*criteria.RuleSet, error) {
	byID := map[string]*criteria.RuleSet{}
	for _, rs := range sets {
		byID[rs.ID] = rs
	}
	if rs := byID[ref]; rs != nil {
		return rs, nil
	}
	if !strings.HasSuffix(ref, ".yaml") {
		return nil, fmt.Errorf("unknown rule set %q (zjtx rules list shows the ids)", ref)
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return nil, err
	}
	rs, err := criteria.ParseRuleSet(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	if rs.Extends == "" {
		return rs, nil
	}
	base := byID[rs.Extends]
	if base == nil {
		return nil, fmt.Errorf("%s: extends unknown rule set %q", ref, rs.Extends)
	}
	return criteria.ApplyOverlay(base, rs)
}
