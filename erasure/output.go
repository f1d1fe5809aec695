package erasure

import "github.com/landauer-dev/landauer/internal/safeio"

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that path never holds a partial file.
func WriteFileAtomic(path string, data []byte) error {
	return safeio.WriteFile(path, data) // refuses to replace anything but a regular file
}
