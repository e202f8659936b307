package sqlstore

import "time"

// SetNow moves the transaction's clock. Only the demo uses it, to lay down
// a reward run's history (prepared, publicised, paid months ago) in the one
// transaction that loads the demo; every other change happens at the time
// its transaction began.
func (tx *Tx) SetNow(t time.Time) { tx.now = t.UTC().Truncate(time.Microsecond) }
