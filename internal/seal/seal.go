// Package seal writes and checks the checksum of landauer's point and
// checkpoint files.
//
// A sealed file carries "checksum": the SHA-256, in hex, of the file's
// bytes with the checksum's own 64 digits replaced by zeros. A file edited
// by hand, or damaged, no longer matches: a sweep reports and recomputes
// it, and merge refuses it.
package seal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// Zeros is the value of a checksum field before sealing.
const Zeros = "0000000000000000000000000000000000000000000000000000000000000000"

var checksumKey = []byte(`"checksum": "`)

// ErrChecksum is wrapped by the errors of files whose checksum is missing or
// does not match their content.
var ErrChecksum = errors.New("checksum does not match the content (edited or damaged)")

// Seal marshals v (indented; v must have a Checksum field tagged
// "checksum" set to Zeros) and writes the checksum into the bytes.
func Seal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	i := bytes.Index(data, append(append([]byte{}, checksumKey...), Zeros...))
	if i < 0 || bytes.Count(data, checksumKey) != 1 {
		return nil, errors.New("seal: no unique checksum field")
	}
	sum := sha256.Sum256(data)
	copy(data[i+len(checksumKey):], hex.EncodeToString(sum[:]))
	return append(data, '\n'), nil
}

// Verify checks the checksum of a file's bytes.
func Verify(data []byte) error {
	if bytes.Count(data, checksumKey) != 1 {
		return fmt.Errorf("no checksum: %w", ErrChecksum)
	}
	i := bytes.Index(data, checksumKey) + len(checksumKey)
	if i+64 > len(data) {
		return ErrChecksum
	}
	got := string(data[i : i+64])
	buf := bytes.TrimRight(append([]byte{}, data...), "\n")
	copy(buf[i:], Zeros)
	sum := sha256.Sum256(buf)
	if hex.EncodeToString(sum[:]) != got {
		return ErrChecksum
	}
	return nil
}

// Error is a file whose checksum does not match.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }
