package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Encode writes p as canonical JSON: fields in the order of the types, year
// keys ascending, no HTML escaping, one line ending in a newline. Decoding the
// output gives back a profile equal to p.
func Encode(w io.Writer, p *Profile) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("profile: encode: %w", err)
	}
	return nil
}

// EncodeBytes is Encode into memory.
func EncodeBytes(p *Profile) ([]byte, error) {
	var b bytes.Buffer
	if err := Encode(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
