package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
	"zjtx/rules"
)

// loadEngine reads the embedded rule sets, or those of --rules DIR.
func loadEngine(dir string) (*criteria.Engine, error) {
	if dir != "" {
		return criteria.LoadEngine(os.DirFS(dir))
	}
	return criteria.LoadEngine(rules.FS)
}

func cmdEvaluate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOf := fs.String("as-of", time.Now().Format(time.DateOnly), "评估日 assessment date YYYY-MM-DD")
	review := fs.Bool("review", false, "复核 (re-review) instead of a new application")
	tier := fs.String("tier", "", "one tier only: tech_sme, innovative, srdi or little_giant")
	format := fs.String("format", "json", "json or text (a Chinese report)")
	rulesDir := fs.String("rules", "", "read rule sets from this directory instead of the embedded ones")
	dataYear := fs.Int("data-year", 0, "数据年度 (default: the year before --as-of)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: zjtx evaluate [flags] FILE|-")
		return 2
	}
	d, err := profile.ParseDate(*asOf)
	if err != nil {
		fmt.Fprintf(stderr, "--as-of: %v\n", err)
		return 2
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintln(stderr, "--format must be json or text")
		return 2
	}
	var in io.Reader = stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		defer f.Close()
		in = f
	}
	p, errs := profile.Decode(in)
	if errs.HasErrors() {
		for _, e := range errs {
			if !e.Warning {
				fmt.Fprintf(stderr, "%s: %s / %s\n", e.Path, e.MessageZH, e.Message)
			}
		}
		return 2
	}
	for _, e := range errs.Warnings() {
		fmt.Fprintf(stderr, "warning: %s: %s\n", e.Path, e.MessageZH)
	}
	eng, err := loadEngine(*rulesDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	opt := criteria.Options{AsOf: d, Review: *review, DataYear: *dataYear, Gaps: true}
	if *tier != "" {
		if criteria.TierZH[*tier] == "" {
			fmt.Fprintf(stderr, "--tier: unknown tier %q\n", *tier)
			return 2
		}
		opt.Tiers = []string{*tier}
	}
	rep, err := eng.Evaluate(p, opt)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *format == "text" {
		if err := criteria.WriteText(stdout, p.Name, rep); err != nil {
			return 1
		}
		return 0
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return 1
	}
	return 0
}
