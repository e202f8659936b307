package profile_test

import (
	"os"
	"slices"
	"testing"

	"zjtx/internal/profile"
)

// exampleJSON is the full example of spec/profile.md.
func exampleJSON(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// mustExample decodes the spec example, which must be clean.
func mustExample(tb testing.TB) *profile.Profile {
	tb.Helper()
	p, errs := profile.DecodeBytes(exampleJSON(tb))
	if len(errs) != 0 {
		tb.Fatalf("spec example: %v", errs)
	}
	return p
}

// minimal wraps extra fields in the smallest valid document.
func minimal(extra string) []byte {
	doc := `{"uscc":"91350100M000100Y43","name":"示例企业"`
	if extra != "" {
		doc += "," + extra
	}
	return []byte(doc + "}")
}

type problem struct {
	Path, Code string
	Warning    bool
}

func problems(errs profile.Errors) []problem {
	out := make([]problem, len(errs))
	for i, e := range errs {
		out[i] = problem{e.Path, e.Code, e.Warning}
	}
	return out
}

func sameProblems(got, want []problem) bool {
	if len(got) != len(want) {
		return false
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}
