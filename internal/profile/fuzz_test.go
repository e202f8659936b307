package profile_test

import (
	"bytes"
	"reflect"
	"testing"

	"zjtx/internal/profile"
)

// FuzzDecode: Decode never panics, and any profile it returns survives the
// round trip: encoding it and decoding again gives an equal profile with no
// new decoding problems, and a clean profile stays clean. Clone and Validate
// must also hold up on whatever Decode accepts.
func FuzzDecode(f *testing.F) {
	f.Add(exampleJSON(f))
	f.Add(minimal(""))
	f.Add(minimal(`"years":{"2025":{"revenue":-0.0001,"employees":0}},"ip":[],"flags":{"data_fraud_ban_until":null}`))
	f.Add(minimal(`"product":{"domains":["six_basics","six_basics"]},"_note":"x"`))
	f.Add([]byte(`{"uscc":"x","years":{"1899":{}},"ip":[{"kind":1}]}`))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, errs := profile.DecodeBytes(doc)
		if p == nil {
			if !errs.HasErrors() {
				t.Fatal("no profile and no error")
			}
			return
		}
		if c := p.Clone(); !reflect.DeepEqual(c, p) {
			t.Fatalf("Clone differs:\n%+v\n%+v", c, p)
		}
		_ = profile.Validate(p)

		enc, err := profile.EncodeBytes(p)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if len(enc) > profile.MaxDocumentSize {
			// The canonical form spells out every field, so a document of
			// nearly 1 MiB can grow past the limit; nothing to compare.
			return
		}
		q, errs2 := profile.DecodeBytes(enc)
		if q == nil {
			t.Fatalf("re-decode failed: %v\n%s", errs2, enc)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("decode(encode(p)) != p\n%s\n%+v\n%+v", enc, p, q)
		}
		// Validation of equal profiles gives equal results, so only the
		// decoding problems can differ; a clean document stays clean.
		if !errs.HasErrors() && errs2.HasErrors() {
			t.Fatalf("a clean profile re-decodes with errors: %v\n%s", errs2, enc)
		}
		for _, e := range errs2 {
			switch e.Code {
			case profile.CodeType, profile.CodeUnknownField, profile.CodeSyntax:
				t.Fatalf("the canonical form has a decoding problem: %v\n%s", e, enc)
			}
		}
		enc2, _ := profile.EncodeBytes(q)
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
	})
}
