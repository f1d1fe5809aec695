package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/landauer-dev/landauer/results"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
)

// The point runner: an interrupted point leaves no result file but a
// checkpoint; the rerun resumes from it, and its result equals that of an
// uninterrupted run in another directory; a third run skips the point.
func TestRunPointResume(t *testing.T) {
	spec := strings.Replace(sweepBase, "trajectories = 256", "trajectories = 1500", 1) + `
[sweep]
name = "resume"
[[sweep.axis]]
key = "protocol.duration"
values = [0.3, 0.2]
`
	sw := mustSweep(t, spec)
	pt, err := sw.Point(1)
	if err != nil {
		t.Fatal(err)
	}
	fresh, dir := t.TempDir(), t.TempDir()
	for _, d := range []string{fresh, dir} {
		if err := sw.PrepareDir(d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sw.RunPoint(context.Background(), fresh, pt, PointOptions{Workers: -1}); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int64
	var warnings []string
	opt := PointOptions{Workers: 2, CheckpointEvery: 0, Warn: func(m string) { warnings = append(warnings, m) }}
	opt.Progress = func(done, total int) {
		if n.Add(1) == 6 {
			cancel()
		}
	}
	if _, err := sw.RunPoint(ctx, dir, pt, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted point: %v", err)
	}
	if _, err := os.Stat(PointPath(dir, 1)); !os.IsNotExist(err) {
		t.Fatalf("interrupted point left a result file: %v", err)
	}
	if _, err := os.Stat(CheckpointPath(dir, 1)); err != nil {
		t.Fatalf("no checkpoint: %v", err)
	}
	opt.Progress = nil
	if skipped, err := sw.RunPoint(context.Background(), dir, pt, opt); err != nil || skipped {
		t.Fatalf("resumed point: skipped %v, %v", skipped, err)
	}
	if _, err := os.Stat(CheckpointPath(dir, 1)); !os.IsNotExist(err) {
		t.Error("checkpoint left behind after the point finished")
	}
	read := func(d string) erasure.PointFile {
		var pf erasure.PointFile
		b, err := os.ReadFile(PointPath(d, 1))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &pf); err != nil {
			t.Fatal(err)
		}
		return pf
	}
	a, b := read(fresh), read(dir)
	if b.ResumedBlocks < 6 || a.ResumedBlocks != 0 || b.SpecHash != sw.Hash || b.Seed != PointSeed(1, 1) || b.Points != 2 || b.Index != 1 {
		t.Errorf("point file: resumed %d/%d, hash %q, seed %d, points %d", a.ResumedBlocks, b.ResumedBlocks, b.SpecHash, b.Seed, b.Points)
	}
	sameResult(t, b.Result, a.Result)
	if len(warnings) != 0 {
		t.Errorf("warnings: %v", warnings)
	}
	if skipped, err := sw.RunPoint(context.Background(), dir, pt, opt); err != nil || !skipped {
		t.Errorf("finished point rerun: skipped %v, %v", skipped, err)
	}

	// A checkpoint of another point is ignored with a warning.
	p0, _ := sw.Point(0)
	ctx, cancel = context.WithCancel(context.Background())
	n.Store(0)
	opt.Progress = func(done, total int) {
		if n.Add(1) == 3 {
			cancel()
		}
	}
	sw.RunPoint(ctx, dir, p0, opt)
	os.Rename(CheckpointPath(dir, 0), CheckpointPath(dir, 1))
	os.Remove(PointPath(dir, 1))
	opt.Progress = nil
	if _, err := sw.RunPoint(context.Background(), dir, pt, opt); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "ignoring checkpoint") {
		t.Errorf("warnings %q", warnings)
	}
	sameResult(t, read(dir).Result, a.Result)
}

func TestPrepareDir(t *testing.T) {
	dir := t.TempDir()
	sw := mustSweep(t, sweepSpec)
	if err := sw.PrepareDir(dir); err != nil {
		t.Fatal(err)
	}
	if err := mustSweep(t, "# same sweep\n"+sweepSpec).PrepareDir(dir); err != nil {
		t.Errorf("same sweep refused: %v", err)
	}
	other := mustSweep(t, strings.Replace(sweepSpec, "seed = 7", "seed = 9", 1))
	if err := other.PrepareDir(dir); !errors.Is(err, ErrOtherSweep) {
		t.Errorf("other sweep: %v", err)
	}
	// A result file of another sweep is an error, an unreadable one is redone.
	os.WriteFile(PointPath(dir, 0), []byte(`{"format":1,"spec_hash":"x","index":0,"result":{}}`), 0o644)
	if _, err := sw.Finished(dir, 0); !errors.Is(err, ErrOtherSweep) {
		t.Errorf("foreign point file: %v", err)
	}
	os.WriteFile(PointPath(dir, 0), []byte(`{"format":1,"spe`), 0o644)
	if done, err := sw.Finished(dir, 0); done || err != nil {
		t.Errorf("truncated point file: %v %v", done, err)
	}
	files, err := results.PointFiles(dir)
	if err != nil || len(files) != 1 {
		t.Errorf("PointFiles: %v %v", files, err)
	}
	os.WriteFile(CheckpointPath(dir, 3), nil, 0o644)
	os.WriteFile(PointPath(dir, 4)+".tmp", nil, 0o644)
	if files, _ := results.PointFiles(dir); len(files) != 1 {
		t.Errorf("PointFiles lists checkpoints or temporaries: %v", files)
	}
}

// sameResult compares two results, leaving out the run time.
func sameResult(t *testing.T, got, want *erasure.Result) {
	t.Helper()
	g, w := *got, *want
	g.Seconds, w.Seconds = 0, 0
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		t.Errorf("resumed run differs from the uninterrupted run:\n got %s\nwant %s", gb, wb)
	}
}
