// Package rules embeds the official rule sets (one YAML file per rule-set
// version). `zjtx --rules DIR` reads another directory instead, so a new
// policy year is a new file, not a new binary.
package rules

import "embed"

// FS holds the rule-set files.
//
//go:embed *.yaml
var FS embed.FS

// HubFS holds the service hub's data (hub/*.yaml): the key industrial chains
// and the map from assessment gap items to service categories.
//
//go:embed hub/*.yaml
var HubFS embed.FS
