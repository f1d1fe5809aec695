package erasure

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// A sweep's point and checkpoint files carry "generator" (the normal
// generator that produced them, Study.Generator) and "checksum": the
// SHA-256, in hex, of the file's bytes with the checksum's own 64 digits
// replaced by zeros. A file edited by hand, or damaged, no longer matches:
// it is reported and recomputed by sweep, and refused by merge.

const checksumZeros = "0000000000000000000000000000000000000000000000000000000000000000"

var checksumKey = []byte(`"checksum": "`)

// ErrChecksum is wrapped by the errors of files whose checksum is missing or
// does not match their content.
var ErrChecksum = errors.New("checksum does not match the content (edited or damaged)")

// Generator is the name of the normal generator the study's Monte Carlo
// runs draw from (langevin.Kernel.Generator of Study.Kernel), recorded in
// results, point files and checkpoints.
func (s *Study) Generator() string { return s.Kernel.Generator() }

// seal marshals v (indented; v must have a Checksum field tagged
// "checksum" set to checksumZeros) and writes the checksum into the bytes.
func seal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	i := bytes.Index(data, append(append([]byte{}, checksumKey...), checksumZeros...))
	if i < 0 || bytes.Count(data, checksumKey) != 1 {
		return nil, errors.New("seal: no unique checksum field")
	}
	sum := sha256.Sum256(data)
	copy(data[i+len(checksumKey):], hex.EncodeToString(sum[:]))
	return append(data, '\n'), nil
}

// verifySeal checks the checksum of a file's bytes.
func verifySeal(data []byte) error {
	if bytes.Count(data, checksumKey) != 1 {
		return fmt.Errorf("no checksum: %w", ErrChecksum)
	}
	i := bytes.Index(data, checksumKey) + len(checksumKey)
	if i+64 > len(data) {
		return ErrChecksum
	}
	got := string(data[i : i+64])
	buf := bytes.TrimRight(append([]byte{}, data...), "\n")
	copy(buf[i:], checksumZeros)
	sum := sha256.Sum256(buf)
	if hex.EncodeToString(sum[:]) != got {
		return ErrChecksum
	}
	return nil
}

// SealError is a point file whose checksum does not match.
type SealError struct {
	Path string
	Err  error
}

func (e *SealError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *SealError) Unwrap() error { return e.Err }
