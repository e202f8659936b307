package apperr_test

import (
	"errors"
	"fmt"
	"testing"

	"zjtx/internal/apperr"
)

func TestCodeAndMessage(t *testing.T) {
	notFound := apperr.Errorf(apperr.ENOTFOUND, "企业不存在")
	for _, tt := range []struct {
		name      string
		err       error
		code, msg string
	}{
		{"Nil", nil, "", ""},
		{"Direct", notFound, apperr.ENOTFOUND, "企业不存在"},
		{"Wrapped", fmt.Errorf("sqlstore: get enterprise 7: %w", notFound), apperr.ENOTFOUND, "企业不存在"},
		{"PlainIsInternal", errors.New("disk full"), apperr.EINTERNAL, "系统内部错误，请稍后再试"},
		{"InternalHidesDetail", apperr.Wrap(errors.New("pq: secret"), apperr.EINTERNAL, "secret"), apperr.EINTERNAL, "系统内部错误，请稍后再试"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.Code(tt.err); got != tt.code {
				t.Errorf("Code = %q, want %q", got, tt.code)
			}
			if got := apperr.Message(tt.err); got != tt.msg {
				t.Errorf("Message = %q, want %q", got, tt.msg)
			}
		})
	}
}

func TestWrapKeepsCause(t *testing.T) {
	cause := errors.New("UNIQUE constraint failed")
	err := fmt.Errorf("sqlstore: create enterprise: %w", apperr.Wrap(cause, apperr.ECONFLICT, "已登记"))
	if !errors.Is(err, cause) {
		t.Error("cause lost")
	}
	if want := "sqlstore: create enterprise: conflict: 已登记: UNIQUE constraint failed"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}
