package web

// SetSelftestUploadSlots sets the number of self-test uploads read at once
// for the servers built after it, and returns a function that restores it.
func SetSelftestUploadSlots(n int) (restore func()) {
	old := selftestUploadSlots
	selftestUploadSlots = n
	return func() { selftestUploadSlots = old }
}
