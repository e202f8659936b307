package rules

import "embed"

// InclusionFS holds the backup lists' inclusion rules (inclusion/*.yaml),
// versioned by their effective date like the rule sets.
//
//go:embed inclusion/*.yaml
var InclusionFS embed.FS
