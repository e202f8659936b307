package web

import (
	"fmt"
	"strings"
)

// errorSummary is the box at the top of a page whose form failed to save:
// every problem in one list, each linking to its input. app.js moves the
// focus to it (role=alert also has screen readers read it), so a problem far
// down a long form is not missed.
type errorSummary struct {
	Heading string
	Items   []summaryItem
}

type summaryItem struct {
	Href    string // "#<input id>", "" for a problem of the whole form
	Label   string
	Message string
}

// add lists the problem of an input, if it has one.
func (s *errorSummary) add(f formField, label string) {
	if f.Error != "" {
		s.Items = append(s.Items, summaryItem{Href: "#" + f.InputID(), Label: label, Message: f.Error})
	}
}

// addOther lists problems that are not about one input.
func (s *errorSummary) addOther(msgs ...string) {
	for _, m := range msgs {
		s.Items = append(s.Items, summaryItem{Message: m})
	}
}

// orNil is the summary when it has something to say.
func (s *errorSummary) orNil() *errorSummary {
	if s == nil || len(s.Items) == 0 {
		return nil
	}
	return s
}

// InputID is the id of a field's input: unique on the page when the page
// has several forms with the same names (the year forms).
func (f formField) InputID() string {
	if f.ID != "" {
		return f.ID
	}
	return "f-" + f.Name
}

// ErrorID is the id of the message beside the input.
func (f formField) ErrorID() string { return "e-" + strings.TrimPrefix(f.InputID(), "f-") }

// yearSummary is the summary of a year form that failed to save.
func yearSummary(f *yearForm) *errorSummary {
	s := &errorSummary{Heading: fmt.Sprintf("%d 年度数据未保存，请修改以下内容：", f.Year)}
	for _, ff := range f.Fields {
		s.add(ff, fmt.Sprintf("%s（%d 年）", ff.Label, f.Year))
	}
	s.addOther(f.Other...)
	return s.orNil()
}
