package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"zjtx/internal/criteria"
)

func cmdRules(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: zjtx rules list|lint [DIR]|doc ID|diff A B [--rules DIR]")
		return 2
	}
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rulesDir := fs.String("rules", "", "read rule sets from this directory instead of the embedded ones")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	switch args[0] {
	case "list":
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
	}
	fmt.Fprintf(stderr, "zjtx rules: unknown subcommand %q\n", args[0])
	return 2
}
