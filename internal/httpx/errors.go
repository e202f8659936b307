package httpx

import (
	"context"
	"errors"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Codes the HTTP layer adds to apperr's, for failures that only HTTP has.
const (
	CodeTooLarge = apperr.ETOOLARGE // 413: the body is over the limit
)

// Field is one bad input field: its path (a JSON path such as
// "years.2025.revenue" or "profile.uscc", or a query parameter name) and a
// Chinese message naming the field.
type Field struct {
	Path      string `json:"path"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en,omitempty"` // for clients and logs, where the check has one
}

// FieldErrors is a list of bad fields; as an error it travels inside an
// EINVALID apperr.Error (see Invalid) to the error writer.
type FieldErrors []Field

func (fe FieldErrors) Error() string {
	s := ""
	for i, f := range fe {
		if i > 0 {
			s += "; "
		}
		s += f.Path + ": " + f.Message
	}
	return s
}

// Invalid returns an EINVALID error with the message and the fields.
func Invalid(message string, fields ...Field) error {
	return apperr.Wrap(FieldErrors(fields), apperr.EINVALID, message)
}

// ProfileInvalid turns profile decoding errors into an EINVALID error whose
// fields carry the profile's paths under prefix ("profile." for a profile
// inside an envelope, "" for a bare one). Warnings are left out.
func ProfileInvalid(errs profile.Errors, prefix string) error {
	var fields FieldErrors
	tooLarge := false
	for _, e := range errs {
		if e.Warning {
			continue
		}
		if e.Code == profile.CodeTooLarge {
			tooLarge = true
		}
		p := e.Path
		if prefix != "" {
			p = prefix + p
			if e.Path == "" {
				p = prefix[:len(prefix)-1]
			}
		}
		fields = append(fields, Field{Path: p, Message: e.MessageZH, MessageEN: e.Message})
	}
	if tooLarge {
		return apperr.Wrap(&http.MaxBytesError{Limit: profile.MaxDocumentSize}, apperr.EINVALID, "企业画像超过大小上限")
	}
	return apperr.Wrap(fields, apperr.EINVALID, "企业画像有误，请按提示修改")
}

// Status maps an error to its HTTP status, its code and the message a user
// may read. This is the one place where apperr codes become statuses.
func Status(err error) (status int, code, message string) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, CodeTooLarge, "请求内容超过大小上限"
	}
	code = apperr.Code(err)
	switch code {
	case apperr.EINVALID:
		status = http.StatusBadRequest
	case apperr.EUNAUTHORIZED:
		status = http.StatusUnauthorized
	case apperr.EFORBIDDEN:
		status = http.StatusForbidden
	case apperr.ENOTFOUND:
		status = http.StatusNotFound
	case apperr.ECONFLICT:
		status = http.StatusConflict
	case apperr.EPRECONDITION:
		status = http.StatusPreconditionRequired
	case apperr.ETOOLARGE:
		status = http.StatusRequestEntityTooLarge
	case apperr.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
	default:
		status = http.StatusInternalServerError
	}
	return status, code, apperr.Message(err)
}

// Fields returns the bad fields an error carries: those of an Invalid error
// or of profile.Errors anywhere in its chain.
func Fields(err error) []Field {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	var pe profile.Errors
	if errors.As(err, &pe) {
		for _, e := range pe {
			if !e.Warning {
				fe = append(fe, Field{Path: e.Path, Message: e.MessageZH, MessageEN: e.Message})
			}
		}
	}
	return fe
}

// ErrorRenderer writes an error response in a surface's own form: JSON for
// the API, a page for the web.
type ErrorRenderer func(w http.ResponseWriter, r *http.Request, status int, code, message string, fields []Field)

type rendererKey struct{}

// WithErrorRenderer makes Error use render for requests under it.
func WithErrorRenderer(render ErrorRenderer) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), rendererKey{}, render)))
		})
	}
}

// Error answers a request with err: the status of its code, the user
// message, and the bad fields. The error itself, with its wrapped chain, goes
// to the request log only (see Logger); a 5xx is logged at level Error.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status, code, message := Status(err)
	noteError(r, err, status)
	render, _ := r.Context().Value(rendererKey{}).(ErrorRenderer)
	if render == nil {
		render = RenderJSONError
	}
	render(w, r, status, code, message, Fields(err))
}

// ErrorBody is the JSON form of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Fields  []Field `json:"fields"`
}

// RenderJSONError writes {error: {code, message, fields}}.
func RenderJSONError(w http.ResponseWriter, r *http.Request, status int, code, message string, fields []Field) {
	if fields == nil {
		fields = []Field{}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="zjtx"`)
	}
	JSON(w, status, ErrorBody{ErrorDetail{Code: code, Message: message, Fields: fields}})
}
