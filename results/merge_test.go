package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/seal"
	"github.com/landauer-dev/landauer/stats"
)

func writePoint(t *testing.T, dir string, pf erasure.PointFile) string {
	t.Helper()
	pf.Checksum = seal.Zeros
	b, err := seal.Seal(pf) // a sound file, with its checksum
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepathName(pf.Index))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func filepathName(i int) string { return fmt.Sprintf("%06d.json", i) }

func TestMerge(t *testing.T) {
	dir := t.TempDir()
	res := func(w float64) *erasure.Result {
		return &erasure.Result{Method: erasure.MonteCarlo, Work: stats.Mean(w, 0.5), Seed: 1 << 62, Trajectories: 10, Seconds: w}
	}
	pf := func(i int, hash string, w float64) erasure.PointFile {
		return erasure.PointFile{Format: 1, Sweep: "m", SpecHash: hash, Points: 4, Index: i,
			Axes: []erasure.AxisValue{{Key: "protocol.duration", Value: float64(i) + 0.5}, {Key: "dynamics.kind", Value: "overdamped"}}, Result: res(w)}
	}
	var files []string
	for _, i := range []int{2, 0, 3} {
		files = append(files, writePoint(t, dir, pf(i, "h1", 1e-7*float64(i+1))))
	}
	_, err := Merge(files, MergeOptions{})
	var me *MissingError
	if !errors.As(err, &me) || len(me.Missing) != 1 || me.Missing[0] != 1 || !strings.Contains(err.Error(), "1 of 4 points") {
		t.Fatalf("missing point not reported: %v", err)
	}
	m, err := Merge(files, MergeOptions{AllowMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if strings.HasPrefix(l, "# units: ") && (!strings.Contains(l, "work_mean=kT") || !strings.Contains(l, "protocol.duration=t0")) {
			t.Errorf("units line %s", l)
		}
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 4 || !strings.Contains(buf.String(), "# schema_version: 2\n") {
		t.Fatalf("%d lines:\n%s", len(lines), buf.String())
	}
	if !strings.HasPrefix(lines[0], "index,protocol.duration,dynamics.kind,method,") ||
		!strings.Contains(lines[0], ",work_mean,") || strings.Contains(lines[0], "seconds") {
		t.Errorf("header %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], "0,0.5,overdamped,monte-carlo,") || !strings.HasPrefix(lines[3], "3,3.5,") ||
		!strings.Contains(lines[3], ",4e-07,") || !strings.Contains(lines[1], ",4611686018427387904,") {
		t.Errorf("rows\n%s", buf.String())
	}
	buf.Reset()
	if err := m.WriteJSONL(&buf); err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	first, _, _ := strings.Cut(buf.String(), "\n")
	if err := json.Unmarshal([]byte(first), &obj); err != nil || obj["protocol.duration"] != 0.5 || obj["work_mean"] != 1e-7 {
		t.Errorf("jsonl %s: %v", first, err)
	}
	if _, ok := obj["seconds"]; ok {
		t.Error("jsonl has timings without --timings")
	}
	m, _ = Merge(files, MergeOptions{AllowMissing: true, Timings: true})
	if !strings.Contains(strings.Join(m.Header(), ","), "seconds") {
		t.Error("no seconds column with Timings")
	}

	// Another sweep's file is refused; a duplicate must agree.
	other := writePoint(t, t.TempDir(), pf(1, "h2", 1))
	if _, err := Merge(append(files, other), MergeOptions{}); err == nil || !strings.Contains(err.Error(), "refusing to mix") {
		t.Errorf("mixed sweeps: %v", err)
	}
	dup := writePoint(t, t.TempDir(), pf(2, "h1", 3e-7))
	if _, err := Merge(append(files, dup), MergeOptions{AllowMissing: true}); err != nil {
		t.Errorf("identical duplicate refused: %v", err)
	}
	dup = writePoint(t, t.TempDir(), pf(2, "h1", 5))
	if _, err := Merge(append(files, dup), MergeOptions{AllowMissing: true}); err == nil || !strings.Contains(err.Error(), "point 2 differs") {
		t.Errorf("differing duplicate: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "x.json")
	os.WriteFile(bad, []byte(`{"format": 2}`), 0o644)
	if _, err := Merge([]string{bad}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "not a landauer point file") {
		t.Errorf("foreign file: %v", err)
	}
	if _, err := Merge(nil, MergeOptions{}); err == nil {
		t.Error("no files: no error")
	}
}

func TestRanges(t *testing.T) {
	if got := Ranges([]int{1, 3, 4, 5, 7, 9, 10}); got != "1, 3-5, 7, 9-10" {
		t.Error(got)
	}
}

// TestMixedBuildMergeRefused is the regression test of build-dependent
// normals going unrecorded: point files of two normal generators (a simd
// and a scalar build) are refused by Merge instead of merged.
func TestMixedBuildMergeRefused(t *testing.T) {
	dir := t.TempDir()
	pf := func(i int, gen string) erasure.PointFile {
		return erasure.PointFile{Format: 1, Sweep: "m", SpecHash: "h", Points: 2, Index: i, Generator: gen,
			Axes:   []erasure.AxisValue{{Key: "protocol.duration", Value: float64(i) + 0.5}},
			Result: &erasure.Result{Method: erasure.MonteCarlo, Work: stats.Mean(1, 0.5), Trajectories: 10}}
	}
	a := writePoint(t, dir, pf(0, "xoshiro256+/ziggurat"))
	b := writePoint(t, dir, pf(1, "xoshiro256+x8/avx512-box-muller"))
	if _, err := Merge([]string{a, b}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "refusing to mix builds") {
		t.Errorf("mixed generators: %v", err)
	}
	c := writePoint(t, dir, pf(1, "xoshiro256+/ziggurat"))
	if _, err := Merge([]string{a, c}, MergeOptions{}); err != nil {
		t.Errorf("one generator: %v", err)
	}
}

// TestMergeEditedRefused: a point file edited by hand after sealing is a
// *SealError wrapping ErrChecksum.
func TestMergeEditedRefused(t *testing.T) {
	dir := t.TempDir()
	path := writePoint(t, dir, erasure.PointFile{Format: 1, Sweep: "m", SpecHash: "h", Points: 1, Index: 0,
		Result: &erasure.Result{Method: erasure.MonteCarlo, Work: stats.Mean(1.25, 0.5), Trajectories: 10}})
	if _, err := Merge([]string{path}, MergeOptions{}); err != nil {
		t.Fatalf("sound file: %v", err)
	}
	data, _ := os.ReadFile(path)
	edited := bytes.Replace(data, []byte(`"work_mean": 1.25`), []byte(`"work_mean": 1.5`), 1)
	if bytes.Equal(edited, data) {
		t.Fatalf("the test did not find work_mean in %s", data)
	}
	os.WriteFile(path, edited, 0o644)
	var se *SealError
	if _, err := Merge([]string{path}, MergeOptions{}); !errors.As(err, &se) || !errors.Is(err, ErrChecksum) {
		t.Errorf("merge of an edited file: %v", err)
	}
}

// TestPointFiles: a sweep directory's result files are listed, not its
// checkpoints or temporary files.
func TestPointFiles(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "points"), 0o755)
	for _, n := range []string{"000000.json", "000003.ckpt.json", "000004.json.tmp", ".000005.json"} {
		os.WriteFile(filepath.Join(dir, "points", n), nil, 0o644)
	}
	files, err := PointFiles(dir)
	if err != nil || len(files) != 1 || filepath.Base(files[0]) != "000000.json" {
		t.Errorf("PointFiles: %v %v", files, err)
	}
	if _, err := PointFiles(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing directory: no error")
	}
}
