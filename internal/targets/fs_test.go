package targets_test

import (
	"io/fs"

	"zjtx/rules"
)

func fsSub() (fs.FS, error) { return fs.Sub(rules.TargetsFS, "targets") }
