package rules

import "embed"

// PoliciesFS holds the policy documents the policy library starts with
// (policies/library.yaml and the full texts it names).
//
//go:embed policies/*
var PoliciesFS embed.FS
