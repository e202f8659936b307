package httpx

import (
	"errors"
	"io"
	"net/http"

	"zjtx/internal/apperr"
)

// UploadedFile reads the multipart file field name, at most max bytes: the
// route's body limit has already bounded the request, and the file is read
// through a limit of its own. missing is true when the field is absent.
func UploadedFile(r *http.Request, name string, max int64) (data []byte, filename string, missing bool, err error) {
	file, hdr, err := r.FormFile(name)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "", false, err
		}
		return nil, "", true, nil
	}
	defer file.Close()
	data, err = io.ReadAll(io.LimitReader(file, max+1))
	if err == nil && int64(len(data)) > max {
		err = apperr.Errorf(apperr.ETOOLARGE, "文件超过 %d MB", max>>20)
	}
	return data, hdr.Filename, false, err
}
