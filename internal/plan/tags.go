package plan

import (
	"fmt"
	"path"
	"slices"
	"sync"

	"go.yaml.in/yaml/v3"

	"zjtx/rules"
)

// Tag is one 进阶小巨人 申报难题 (rules/plan/tags.yaml): the conditions and
// profile paths that show it.
type Tag struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Sources []string `yaml:"sources"`
	Paths   []string `yaml:"paths"` // path.Match patterns on the task's target path
}

var loadTags = sync.OnceValue(func() []Tag {
	var doc struct {
		Tags []Tag `yaml:"tags"`
	}
	if err := yaml.Unmarshal(rules.PlanTags, &doc); err != nil {
		panic(fmt.Sprintf("plan: rules/plan/tags.yaml: %v", err))
	}
	return doc.Tags
})

// Tags returns the 申报难题 tags in their file's order.
func Tags() []Tag { return loadTags() }

// TagName returns a tag's Chinese name, or the id when unknown.
func TagName(id string) string {
	for _, t := range Tags() {
		if t.ID == id {
			return t.Name
		}
	}
	return id
}

// IsTag reports whether id is a known tag.
func IsTag(id string) bool {
	return slices.ContainsFunc(Tags(), func(t Tag) bool { return t.ID == id })
}

// TagsOf derives a 小巨人 plan's tags from the conditions not plainly met
// (failed, or waiting for an official to confirm: a product domain the
// engine cannot change is the latter) and the paths its tasks change, in
// the file's order.
func TagsOf(failed []string, tasks []*Task) []string {
	var out []string
	for _, t := range Tags() {
		hit := slices.ContainsFunc(failed, func(id string) bool { return slices.Contains(t.Sources, id) })
		for _, task := range tasks {
			hit = hit || slices.Contains(t.Sources, task.SourceID) || matchAny(t.Paths, task.Target.Path)
		}
		if hit {
			out = append(out, t.ID)
		}
	}
	return out
}

func matchAny(patterns []string, p string) bool {
	return slices.ContainsFunc(patterns, func(pat string) bool {
		ok, _ := path.Match(pat, p)
		return ok
	})
}
