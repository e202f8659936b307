package library

import (
	"fmt"
	"io/fs"
	"path"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/profile"
	"zjtx/rules"
)

// seedDoc is a document as rules/policies/library.yaml writes it.
type seedDoc struct {
	Title     string   `yaml:"title"`
	DocNo     string   `yaml:"doc_no"`
	Issuer    string   `yaml:"issuer"`
	Level     string   `yaml:"level"`
	IssuedOn  string   `yaml:"issued_on"`
	ValidFrom string   `yaml:"valid_from"`
	ValidTo   string   `yaml:"valid_to"`
	Tags      []string `yaml:"tags"`
	Body      string   `yaml:"body"`
	BodyFile  string   `yaml:"body_file"`
}

// Seed returns the documents the library starts with: those the rule sets,
// inclusion rules and reward policies cite.
func Seed() ([]*Doc, error) {
	b, err := fs.ReadFile(rules.PoliciesFS, "policies/library.yaml")
	if err != nil {
		return nil, err
	}
	var file struct {
		Docs []seedDoc `yaml:"docs"`
	}
	if err := yaml.Unmarshal(b, &file); err != nil {
		return nil, fmt.Errorf("policies/library.yaml: %w", err)
	}
	var out []*Doc
	for _, s := range file.Docs {
		d := &Doc{Title: s.Title, DocNo: NormalizeDocNo(s.DocNo), Issuer: s.Issuer, Level: s.Level, Tags: s.Tags, Body: s.Body}
		if s.BodyFile != "" {
			body, err := fs.ReadFile(rules.PoliciesFS, path.Join("policies", s.BodyFile))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.Title, err)
			}
			d.Body = string(body)
		}
		for _, x := range []struct {
			s  string
			to *profile.Date
		}{{s.IssuedOn, &d.IssuedOn}, {s.ValidFrom, &d.ValidFrom}, {s.ValidTo, &d.ValidTo}} {
			if x.s == "" {
				continue
			}
			if *x.to, err = profile.ParseDate(x.s); err != nil {
				return nil, fmt.Errorf("%s: %w", s.Title, err)
			}
		}
		d.Normalize()
		if ps := d.Validate(); len(ps) > 0 {
			return nil, fmt.Errorf("%s: %s", s.Title, ps[0].MessageEN)
		}
		out = append(out, d)
	}
	return out, nil
}
