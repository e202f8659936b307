// Package rules embeds the official rule sets (one YAML file per rule-set
// version). `zjtx --rules DIR` reads another directory instead, so a new
// policy year is a new file, not a new binary.
package rules

import "embed"

// FS holds the rule-set files.
//
//go:embed *.yaml
var FS embed.FS
