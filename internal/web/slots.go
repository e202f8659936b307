package web

import "zjtx/internal/apperr"

// selftestUploadSlots is how many self-test uploads are read at once. Each
// costs up to a CPU core for a fraction of a second under
// xlsx.SelfTestLimits; an anonymous crowd past this gets 503 at once
// instead of a queue that would hold their connections and memory.
var selftestUploadSlots = 4

// slots bounds how many requests do one costly thing at a time.
type slots chan struct{}

// take takes a slot without waiting, or returns EUNAVAILABLE; release
// gives the slot back.
func (s slots) take() (release func(), err error) {
	select {
	case s <- struct{}{}:
		return func() { <-s }, nil
	default:
		return nil, apperr.Errorf(apperr.EUNAVAILABLE, "当前使用自测上传的人数较多，请稍后再试")
	}
}
