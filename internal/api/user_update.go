package api

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

type userUpdateRequest struct {
	Version      int64   `json:"version"` // or If-Match
	Name         *string `json:"name"`
	Organization *string `json:"organization"`
	Unit         *string `json:"unit"`
	Disabled     *bool   `json:"disabled"`
}

// userUpdate changes an account's name, organisation or disabled flag (city
// officials), checked against the version read (body or If-Match).
func (a *API) userUpdate(w http.ResponseWriter, r *http.Request) {
	var req userUpdateRequest
	a.changeUser(w, r, &req, func() (int64, auth.UserChange, error) {
		return req.Version, auth.UserChange{Name: req.Name, Organization: req.Organization, Unit: req.Unit, Disabled: req.Disabled}, nil
	})
}

// changeUser is what the administrators' account changes share: read the
// path's id, If-Match and the JSON body into req, build the change, apply it
// against the version of the body or, failing that, of If-Match, and answer
// with the changed account.
func (a *API) changeUser(w http.ResponseWriter, r *http.Request, req any, change func() (int64, auth.UserChange, error)) {
	id, version, err := pathIDIfMatch(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	// The body may be absent (an unlock with If-Match says all it needs).
	if r.ContentLength != 0 {
		body, err := httpx.ReadBody(r)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		if err := httpx.Unmarshal(body, req); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	bodyVersion, ch, err := change()
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if bodyVersion != 0 {
		version = bodyVersion
	}
	if _, err := a.store.UpdateUser(r.Context(), id, version, ch); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.writeAccount(w, r, id)
}

// fieldError gives an EINVALID error the field it is about, so the API's
// error lists it under fields; other errors pass unchanged.
func fieldError(path string, err error) error {
	if apperr.Code(err) != apperr.EINVALID {
		return err
	}
	msg := apperr.Message(err)
	return httpx.Invalid(msg, httpx.Field{Path: path, Message: path + "：" + msg})
}
