package rules

import "embed"

// MujunFS holds the 亩均效益 evaluation settings of the 专精特新产业园 rounds
// (mujun/<year>.yaml): indicators, weights, benchmarks and class bounds.
//
//go:embed mujun/*.yaml
var MujunFS embed.FS
