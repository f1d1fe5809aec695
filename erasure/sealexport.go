package erasure

import "github.com/landauer-dev/landauer/internal/seal"

// Exported for the sweep package, which writes and checks point and
// checkpoint files; these move with seal.go and PointFile to the results
// package (issue 13), and the sweep package then calls them there.

// PointFormat is the "format" of point and checkpoint files.
const PointFormat = pointFormat

// ChecksumZeros is the placeholder a file's checksum field holds before
// Seal writes the checksum into it.
const ChecksumZeros = checksumZeros

// Seal marshals v (indented; v must have a Checksum field tagged "checksum"
// set to ChecksumZeros) and writes the SHA-256 of the bytes into it.
func Seal(v any) ([]byte, error) { return seal.Seal(v) }

// VerifySeal checks the checksum of a sealed file's bytes (ErrChecksum).
func VerifySeal(data []byte) error { return seal.Verify(data) }
