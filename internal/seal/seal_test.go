package seal

import (
	"bytes"
	"errors"
	"testing"
)

// TestSealVerify: a sealed file verifies; one changed byte, a missing
// checksum or a file without a checksum field fails with ErrChecksum.
func TestSealVerify(t *testing.T) {
	v := struct {
		A        float64 `json:"a"`
		Checksum string  `json:"checksum"`
	}{1.5, Zeros}
	data, err := Seal(v)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(Zeros)) {
		t.Fatalf("not sealed: %s", data)
	}
	if err := Verify(data); err != nil {
		t.Fatalf("sound file: %v", err)
	}
	bad := bytes.Replace(data, []byte("1.5"), []byte("1.6"), 1)
	if err := Verify(bad); !errors.Is(err, ErrChecksum) {
		t.Errorf("edited file: %v", err)
	}
	if err := Verify([]byte(`{"a": 1}`)); !errors.Is(err, ErrChecksum) {
		t.Errorf("no checksum: %v", err)
	}
	if _, err := Seal(struct{ A int }{1}); err == nil {
		t.Error("Seal of a value without a checksum field")
	}
	e := &Error{Path: "p.json", Err: ErrChecksum}
	if !errors.Is(e, ErrChecksum) || e.Error() != "p.json: "+ErrChecksum.Error() {
		t.Errorf("Error: %v", e)
	}
}
