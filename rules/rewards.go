package rules

import "embed"

// RewardsFS holds the reward policies of 免申即享 (rewards/<year>.yaml), one
// file per year and jurisdiction; they are loaded into reward_policies at
// start-up, so a new policy is a file, not code.
//
//go:embed rewards/*.yaml
var RewardsFS embed.FS
