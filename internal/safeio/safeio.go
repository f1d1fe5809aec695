// Package safeio is where landauer's files go in and out: WriteFile writes
// atomically (temporary file + rename) and never replaces anything but a
// regular file; CheckOutput refuses an output path that is one of the
// command's own inputs or lies inside a sweep's points/ area; ReadFile and
// LimitReader read at most a documented number of bytes.
//
// Errors name the caller's path, never the hidden temporary file. A
// refusal (an output that is not a regular file, an output that is an
// input, an input that is too large) is a *Error with Refused set: bad
// input, which the command line reports with exit status 2.
package safeio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxInput is the size limit of a config, sweep spec, protocol file or
// results table: 64 MiB, some thousand times the largest such file a study
// needs, and small enough that reading it cannot exhaust memory.
const MaxInput = 64 << 20

// Error is an input or output path that was refused or failed.
type Error struct {
	Path    string // the path as the caller gave it
	Op      string // "write" or "read"
	Refused bool   // bad input (exit 2), not a failure of the system
	Err     error
}

func (e *Error) Error() string { return fmt.Sprintf("%s %s: %v", e.Op, e.Path, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// IsRefused reports whether err is (or wraps) a refusal: bad input.
func IsRefused(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Refused
}

func refuse(op, path, format string, a ...any) error {
	return &Error{Path: path, Op: op, Refused: true, Err: fmt.Errorf(format, a...)}
}

// cause strips the *fs.PathError around err, whose path would be the
// temporary file's.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// target resolves path for writing: a symbolic link to a regular file is
// followed (the link stays, its target is replaced); a path that exists and
// is not a regular file (a directory, device, FIFO, socket, or a link to
// one) is refused; a dangling link is refused too.
func target(path string) (string, error) {
	lst, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	if err != nil {
		return "", &Error{Path: path, Op: "write", Err: cause(err)}
	}
	if lst.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", refuse("write", path, "a symbolic link that does not resolve to a file (%v)", cause(err))
		}
		st, err := os.Stat(real)
		if err != nil {
			return "", &Error{Path: path, Op: "write", Err: cause(err)}
		}
		if !st.Mode().IsRegular() {
			return "", refuse("write", path, "a symbolic link to %s, which is %s, not a regular file: refusing to replace it", real, describe(st.Mode()))
		}
		return real, nil
	}
	if !lst.Mode().IsRegular() {
		return "", refuse("write", path, "is %s, not a regular file: refusing to replace it", describe(lst.Mode()))
	}
	return path, nil
}

// describe names the kind of a file that is not regular.
func describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file (" + m.Type().String() + ")"
}

// WriteFile writes data to path atomically: to a temporary file in the same
// directory, synced, then renamed over path, so that a reader sees the old
// file or the new one, never a part. It refuses to replace anything that is
// not a regular file (see target); a symbolic link to a regular file keeps
// pointing there, at the new content. The file's mode is 0644.
func WriteFile(path string, data []byte) error {
	real, err := target(path)
	if err != nil {
		return err
	}
	fail := func(err error) error { return &Error{Path: path, Op: "write", Err: cause(err)} }
	dir := filepath.Dir(real)
	f, err := os.CreateTemp(dir, "."+filepath.Base(real)+".tmp*")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes 0600 files
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	// Between the check above and the rename something else may appear at
	// the path; check once more, as close to the rename as we can.
	if _, err := target(path); err != nil {
		return err
	}
	if err := os.Rename(tmp, real); err != nil {
		return fail(err)
	}
	ok = true
	return nil
}

// CheckOutput refuses an output path (exit 2 in the command line) that
//   - exists and is not a regular file (directory, device, FIFO, socket, or
//     a link to one);
//   - is the same file as one of inputs (os.SameFile, or the same absolute
//     path when it does not exist yet); an input may be a directory, whose
//     sweep points/ area is then protected too;
//   - lies inside a sweep's points/ directory (a "points" directory beside
//     a spec.toml), where the result and checkpoint files live.
//
// Inputs "" and "-" (standard input) are skipped.
func CheckOutput(path string, inputs ...string) error {
	if path == "" || path == "-" {
		return nil
	}
	if _, err := target(path); err != nil {
		return err
	}
	ost, oerr := os.Stat(path)
	oabs, _ := filepath.Abs(path)
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		ist, ierr := os.Stat(in)
		same := false
		if oerr == nil && ierr == nil {
			same = os.SameFile(ost, ist)
		} else if iabs, err := filepath.Abs(in); err == nil && iabs == oabs {
			same = true
		}
		if same {
			return refuse("write", path, "is the input %s: refusing to overwrite an input", in)
		}
		if ierr == nil && ist.IsDir() && within(oabs, in, "points") {
			return refuse("write", path, "lies inside the input %s's points/ directory: write it elsewhere", in)
		}
	}
	if InSweepArea(path) {
		return refuse("write", path, "lies inside a sweep's points/ directory (result and checkpoint files): write it elsewhere")
	}
	return nil
}

// within reports whether abs lies inside the directory dir/sub.
func within(abs, dir, sub string) bool {
	d, err := filepath.Abs(filepath.Join(dir, sub))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(d, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// InSweepArea reports whether path lies in a sweep output directory's
// points/ area: a directory on its way up (symbolic links resolved) is
// named "points" and has a spec.toml beside it.
func InSweepArea(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	dir := filepath.Dir(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	for d := dir; ; d = filepath.Dir(d) {
		if filepath.Base(d) == "points" {
			if _, err := os.Stat(filepath.Join(filepath.Dir(d), "spec.toml")); err == nil {
				return true
			}
		}
		if p := filepath.Dir(d); p == d {
			return false
		}
	}
}

// ReadFile reads a file of at most limit bytes (MaxInput when limit <= 0);
// a larger one, or an endless one such as /dev/zero, is refused after
// reading limit+1 bytes. A directory is refused with a clear error.
func ReadFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = MaxInput
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Op: "read", Refused: true, Err: cause(err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, refuse("read", path, "is a directory, not a file")
	}
	data, err := ReadAll(f, limit)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Path = path
			return nil, e
		}
		return nil, &Error{Path: path, Op: "read", Err: cause(err)}
	}
	return data, nil
}

// ReadAll reads r to its end, refusing more than limit bytes (MaxInput
// when limit <= 0). The error of a refusal is a *Error whose Path is
// empty; ReadFile fills it in.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = MaxInput
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, refuse("read", "", "larger than the input limit of %s", size(limit))
	}
	return data, nil
}

// LimitReader returns a reader of r that fails with a refusal once more
// than limit bytes (MaxInput when limit <= 0) have been read; name is the
// path used in that error.
func LimitReader(r io.Reader, limit int64, name string) io.Reader {
	if limit <= 0 {
		limit = MaxInput
	}
	return &limited{r: r, left: limit, limit: limit, name: name}
}

type limited struct {
	r           io.Reader
	left, limit int64
	name        string
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, refuse("read", l.name, "larger than the input limit of %s", size(l.limit))
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - int(-l.left), refuse("read", l.name, "larger than the input limit of %s", size(l.limit))
	}
	return n, err
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
