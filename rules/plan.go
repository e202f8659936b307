package rules

import _ "embed"

// PlanTags maps the failed conditions and changed paths of a 小巨人 plan to
// the 进阶小巨人 申报难题 tags (plan/tags.yaml).
//
//go:embed plan/tags.yaml
var PlanTags []byte
