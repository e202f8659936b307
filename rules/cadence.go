package rules

import "embed"

// CadenceFS holds the visit cadences of the designated officials
// (cadence/<year>.yaml): how often an enterprise on each backup list is
// visited.
//
//go:embed cadence/*.yaml
var CadenceFS embed.FS
