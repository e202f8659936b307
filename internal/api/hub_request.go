package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// The service hub's handlers read a body, call one store method and answer
// its result; these helpers keep each of them to that.

// readBody decodes the JSON body strictly into dst.
func readBody[T any](r *http.Request) (*T, error) {
	var v T
	if err := httpx.DecodeJSON(r, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// answer writes v with status, or the error.
func answer(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, status, v)
}

// versionBody is a body that changes a record made from a version.
type versionBody struct {
	Version int64 `json:"version"`
}

func (v versionBody) version() int64 { return v.Version }

// change reads a body B that carries the version it was made from, the {id}
// path parameter and If-Match, runs do and answers its result: the shape of
// every step on a hub record (review, decision, funnel stage, delivery,
// rating).
func change[B interface{ version() int64 }](w http.ResponseWriter, r *http.Request, do func(id, version int64, b *B) (any, error)) {
	b, err := readBody[B](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	id, version, err := idAndVersion(r, (*b).version())
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	v, err := do(id, version, b)
	answer(w, r, http.StatusOK, v, err)
}

// idAndVersion reads the {id} path parameter and the version an update was
// made from (the body's, or If-Match's).
func idAndVersion(r *http.Request, body int64) (int64, int64, error) {
	id, header, err := pathIDIfMatch(r, "id")
	if err != nil {
		return 0, 0, err
	}
	v, err := bodyVersion(header, body)
	return id, v, err
}

// mapKeys lists a map's keys, for slices.Sorted.
func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
