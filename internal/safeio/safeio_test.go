package safeio

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteRefusesDeviceNode is the regression test of `run -o /dev/full`
// replacing a device node by a regular file: /dev/null stays a device.
func TestWriteRefusesDeviceNode(t *testing.T) {
	st, err := os.Stat("/dev/null")
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Skip("no /dev/null character device here")
	}
	err = WriteFile("/dev/null", []byte("x"))
	if !IsRefused(err) {
		t.Fatalf("WriteFile(/dev/null) = %v, want a refusal", err)
	}
	if !strings.Contains(err.Error(), "/dev/null") || !strings.Contains(err.Error(), "device") {
		t.Errorf("error %q should name the path and say it is a device", err)
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", st.Mode(), err)
	}
}

// TestWriteRefusesFIFOSocketDirectoryAndLinks: the other kinds of file an
// -o may name are refused and left as they were.
func TestWriteRefusesFIFOSocketDirectoryAndLinks(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	linkDir := filepath.Join(dir, "link-to-dir")
	if err := os.Symlink(sub, linkDir); err != nil {
		t.Fatal(err)
	}
	linkFIFO := filepath.Join(dir, "link-to-fifo")
	if err := os.Symlink(fifo, linkFIFO); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	paths := []string{fifo, sub, linkDir, linkFIFO, dangling}
	// A socket path must be short (108 bytes); skip it where TempDir is long.
	sock := filepath.Join(dir, "s")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
		paths = append(paths, sock)
	}
	for _, p := range paths {
		before, _ := os.Lstat(p)
		if err := WriteFile(p, []byte("x")); !IsRefused(err) {
			t.Errorf("WriteFile(%s) = %v, want a refusal", p, err)
		} else if !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("error %q should name %s and not the temporary file", err, p)
		}
		after, _ := os.Lstat(p)
		if before.Mode() != after.Mode() {
			t.Errorf("%s changed from %v to %v", p, before.Mode(), after.Mode())
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestWriteFollowsLinkToRegularFile: a link to a regular file keeps
// pointing at it, with the new content.
func TestWriteFollowsLinkToRegularFile(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("target holds %q, want %q", b, "new")
	}
}

// TestWriteErrorNamesUserPath: a directory that cannot be written gives an
// error naming the user's path, not the temporary file.
func TestWriteErrorNamesUserPath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "missing-dir", "out.csv")
	err := WriteFile(p, []byte("x"))
	if err == nil {
		t.Fatal("write into a missing directory succeeded")
	}
	if !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error %q should name %s, not the temporary file", err, p)
	}
}

// TestCheckOutputRefusesInputAndPointsArea is the regression test of
// `run --config X -o X` and `merge DIR -o DIR/points/000001.json`.
func TestCheckOutputRefusesInputAndPointsArea(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "study.toml")
	os.WriteFile(cfg, []byte("x"), 0o644)
	if err := CheckOutput(cfg, cfg); !IsRefused(err) {
		t.Errorf("output = input: %v, want a refusal", err)
	}
	// The same file by another name.
	alias := filepath.Join(dir, "alias.toml")
	os.Link(cfg, alias)
	if err := CheckOutput(alias, cfg); !IsRefused(err) {
		t.Errorf("output = hard link of input: %v, want a refusal", err)
	}
	sweep := filepath.Join(dir, "sweep")
	os.MkdirAll(filepath.Join(sweep, "points"), 0o755)
	os.WriteFile(filepath.Join(sweep, "spec.toml"), []byte("x"), 0o644)
	for _, p := range []string{"000001.json", "000001.ckpt.json", "new.csv"} {
		if err := CheckOutput(filepath.Join(sweep, "points", p), sweep); !IsRefused(err) {
			t.Errorf("output in points/: %v, want a refusal", err)
		}
	}
	// A points/ directory without spec.toml beside it, given as the input.
	bare := filepath.Join(dir, "bare")
	os.MkdirAll(filepath.Join(bare, "points"), 0o755)
	if err := CheckOutput(filepath.Join(bare, "points", "r.csv"), bare); !IsRefused(err) {
		t.Errorf("output in an input's points/: %v, want a refusal", err)
	}
	if err := CheckOutput(filepath.Join(sweep, "results.csv"), sweep); err != nil {
		t.Errorf("results.csv beside points/ refused: %v", err)
	}
	if err := CheckOutput(filepath.Join(dir, "fresh.csv"), cfg, "-", ""); err != nil {
		t.Errorf("a fresh output refused: %v", err)
	}
}

// TestReadFileRefusesEndlessInput is the regression test of
// `--config /dev/zero` reading until memory ran out.
func TestReadFileRefusesEndlessInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := ReadFile("/dev/zero", 1<<20)
	if !IsRefused(err) || !strings.Contains(err.Error(), "/dev/zero") || !strings.Contains(err.Error(), "1 MiB") {
		t.Fatalf("ReadFile(/dev/zero) = %v, want a refusal naming the path and the limit", err)
	}
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, bytes.Repeat([]byte("a"), 100), 0o644)
	if b, err := ReadFile(p, 100); err != nil || len(b) != 100 {
		t.Errorf("a file at the limit: %d bytes, %v", len(b), err)
	}
	if _, err := ReadFile(p, 99); !IsRefused(err) {
		t.Errorf("a file over the limit: %v", err)
	}
	r := LimitReader(bytes.NewReader(make([]byte, 200)), 100, "stdin")
	if _, err := ReadAll(r, 1000); !IsRefused(err) || !strings.Contains(err.Error(), "stdin") {
		t.Errorf("LimitReader over the limit: %v", err)
	}
	var e *Error
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none"), 0); !errors.As(err, &e) || !e.Refused {
		t.Errorf("missing input: %v, want a refusal", err)
	}
}
