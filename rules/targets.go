package rules

import "embed"

// TargetsFS holds the targets' yearly parameters (targets/<year>.yaml): the
// likelihood table of the forecast and the quota rule of 强化结果运用.
//
//go:embed targets/*.yaml
var TargetsFS embed.FS
