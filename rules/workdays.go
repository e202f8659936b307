package rules

import "embed"

// WorkdaysFS holds the working-day calendars (workdays/<year>.yaml): public
// holidays and the weekend days worked instead (调休), one file per year.
//
//go:embed workdays/*.yaml
var WorkdaysFS embed.FS
