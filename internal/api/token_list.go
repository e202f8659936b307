package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// tokenList lists the caller's API tokens, revoked ones too; never a token
// itself, only its first characters.
func (a *API) tokenList(w http.ResponseWriter, r *http.Request) {
	tokens, err := a.store.ListAPITokens(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := []tokenView{}
	for _, t := range tokens {
		out = append(out, tokenOf(t))
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": out})
}
