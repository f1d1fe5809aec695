package sweep

import (
	"bytes"
	"errors"
	"github.com/landauer-dev/landauer/internal/seal"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/stats"
)

// TestEditedPointFileRefused is the regression test of point files
// without checksums: a number edited by hand in valid JSON was merged
// silently; now Merge refuses it, Finished reports it, and a checkpoint
// edited by hand or of another build is not resumed from.
func TestEditedPointFileRefused(t *testing.T) {
	dir := t.TempDir()
	sw := mustSweep(t, sweepSpec)
	if err := sw.PrepareDir(dir); err != nil {
		t.Fatal(err)
	}
	pf := erasure.PointFile{Format: 1, Sweep: sw.Name, SpecHash: sw.Hash, Points: sw.Len(), Index: 0, Generator: (&erasure.Study{}).Generator(),
		Result: &erasure.Result{Method: erasure.MonteCarlo, Work: stats.Mean(1.25, 0.5), Trajectories: 10}}
	path := writePoint(t, dir+"/points", pf)
	if done, err := sw.Finished(dir, 0); !done || err != nil {
		t.Fatalf("sound file: %v %v", done, err)
	}
	data, _ := os.ReadFile(path)
	edited := bytes.Replace(data, []byte(`"work_mean": 1.25`), []byte(`"work_mean": 1.5`), 1)
	if bytes.Equal(edited, data) {
		t.Fatalf("the test did not find work_mean in %s", data)
	}
	os.WriteFile(path, edited, 0o644)
	var se *seal.Error
	if _, err := results.Merge([]string{path}, results.MergeOptions{AllowMissing: true}); !errors.As(err, &se) || !errors.Is(err, seal.ErrChecksum) {
		t.Errorf("merge of an edited file: %v", err)
	}
	if done, err := sw.Finished(dir, 0); done || !errors.As(err, &se) {
		t.Errorf("Finished on an edited file: %v %v", done, err)
	}

	// Checkpoints: sealed, of this generator.
	pt, err := sw.Point(1)
	if err != nil {
		t.Fatal(err)
	}
	s := pt.Study
	st := &erasure.MCState{Blocks: s.Ensemble().Blocks()}
	write := func(gen string, edit bool) {
		b, err := seal.Seal(checkpointFile{Format: results.PointFormat, SpecHash: sw.Hash, Index: 1, Seed: pt.Seed,
			Trajectories: s.Trajectories, BlockSize: s.BlockSize, State: st, Generator: gen, Checksum: seal.Zeros})
		if err != nil {
			t.Fatal(err)
		}
		if edit {
			b = bytes.Replace(b, []byte(`"next": 0`), []byte(`"next": 0 `), 1)
		}
		os.WriteFile(CheckpointPath(dir, 1), b, 0o644)
	}
	for _, c := range []struct {
		gen  string
		edit bool
		want string // "" = resumed
	}{{(&erasure.Study{}).Generator(), false, ""}, {(&erasure.Study{}).Generator(), true, "checksum"}, {"another-generator", false, "generator"}} {
		write(c.gen, c.edit)
		var warns []string
		got := sw.loadCheckpoint(dir, pt, &PointOptions{Warn: func(m string) { warns = append(warns, m) }})
		switch {
		case c.want == "" && got == nil:
			t.Errorf("sound checkpoint not resumed: %v", warns)
		case c.want != "" && (got != nil || len(warns) != 1 || !strings.Contains(warns[0], c.want)):
			t.Errorf("%s: resumed %v, warnings %v", c.want, got != nil, warns)
		}
	}
}

// writePoint writes a sound (sealed) point file into dir.
func writePoint(t *testing.T, dir string, pf erasure.PointFile) string {
	t.Helper()
	pf.Checksum = seal.Zeros
	b, err := seal.Seal(pf)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.Base(PointPath("", pf.Index)))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
