// Command sizeprobe is built by TestBinaryKeepsGseDictionariesOut: a program
// with html/template's reflection that stores a match.Service in an
// interface, the situation in which the linker would keep gse's own 38 MB
// of embedded dictionaries if package match reached gse's types.
package main

import (
	"html/template"
	"os"

	"zjtx/internal/match"
)

func main() {
	svc, err := match.NewService(nil, match.Options{})
	if err != nil {
		panic(err)
	}
	var v any = map[string]any{"svc": svc}
	t := template.Must(template.New("x").Parse(`{{.svc.Index.Len}}`))
	_ = t.Execute(os.Stdout, v)
}
