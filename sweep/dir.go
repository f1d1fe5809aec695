package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/landauer-dev/landauer/internal/seal"
	"github.com/landauer-dev/landauer/results"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/safeio"
)

// checkpointFile is DIR/points/NNNNNN.ckpt.json.
type checkpointFile struct {
	Format       int              `json:"format"`
	SpecHash     string           `json:"spec_hash"`
	Index        int              `json:"index"`
	Seed         uint64           `json:"seed"`
	Trajectories int              `json:"trajectories"`
	BlockSize    int              `json:"block_size"`
	Saved        time.Time        `json:"saved"`
	State        *erasure.MCState `json:"state"`
	Generator    string           `json:"generator"` // see internal/seal
	Checksum     string           `json:"checksum"`
}

// PointPath is the result file of point p in dir.
func PointPath(dir string, p int) string {
	return filepath.Join(dir, "points", fmt.Sprintf("%06d.json", p))
}

// CheckpointPath is the checkpoint file of point p in dir.
func CheckpointPath(dir string, p int) string {
	return filepath.Join(dir, "points", fmt.Sprintf("%06d.ckpt.json", p))
}

// ErrOtherSweep is returned by PrepareDir for a directory of another sweep.
var ErrOtherSweep = errors.New("directory holds another sweep")

// PrepareDir creates dir and dir/points and writes dir/spec.toml, or
// checks that the spec.toml already there is the same sweep (same Hash).
func (sw *Spec) PrepareDir(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "points"), 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, "spec.toml")
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Written only once every file already there is this sweep's.
		if err := sw.checkPointsDir(dir); err != nil {
			return err
		}
		return erasure.WriteFileAtomic(path, sw.Text)
	case err != nil:
		return err
	}
	o, err := Parse(old)
	if err != nil {
		return fmt.Errorf("%s: %w: %v", path, ErrOtherSweep, err)
	}
	if o.Hash != sw.Hash {
		return fmt.Errorf("%s is sweep %.16s (%q), not this spec's %.16s (%q): %w; use another --out",
			path, o.Hash, o.Name, sw.Hash, sw.Name, ErrOtherSweep)
	}
	return nil
}

// Finished reports whether dir holds the result of point p of this sweep.
// A result file of another sweep is an error; an unreadable one counts as
// not finished (it is rewritten).
func (sw *Spec) Finished(dir string, p int) (bool, error) {
	data, err := safeio.ReadFile(PointPath(dir, p), 0)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var h struct {
		Format   int             `json:"format"`
		SpecHash string          `json:"spec_hash"`
		Index    int             `json:"index"`
		Result   json.RawMessage `json:"result"`
	}
	if json.Unmarshal(data, &h) != nil || h.Format != results.PointFormat || len(h.Result) == 0 || string(h.Result) == "null" {
		return false, nil
	}
	if h.SpecHash != sw.Hash || h.Index != p {
		return false, fmt.Errorf("%s is point %d of sweep %.16s, not point %d of %.16s: %w",
			PointPath(dir, p), h.Index, h.SpecHash, p, sw.Hash, ErrOtherSweep)
	}
	if err := seal.Verify(data); err != nil {
		return false, &seal.Error{Path: PointPath(dir, p), Err: err}
	}
	return true, nil
}

// PointOptions control RunPoint.
type PointOptions struct {
	Workers int    // worker goroutines; < 0 keeps the config's (never changes results)
	Version string // software version, recorded in the result file
	Shard   string // "i/n", recorded in the result file
	// CommandLine is the command that computed the point (os.Args),
	// recorded in the result file.
	CommandLine []string
	// CheckpointEvery is the interval between checkpoints of a Monte Carlo
	// point's finished blocks; < 0 turns checkpoints off.
	CheckpointEvery time.Duration
	// Progress, if not nil, is called after every finished block (from
	// several goroutines, possibly at the same time; see Checkpoint).
	Progress func(done, total int)
	// Warn, if not nil, receives one-line warnings (a checkpoint that does
	// not fit, a checkpoint that could not be written).
	Warn func(msg string)
}

func (o *PointOptions) warn(format string, a ...any) {
	if o.Warn != nil {
		o.Warn(fmt.Sprintf(format, a...))
	}
}

// loadCheckpoint returns the saved state of point pt, nil when there is
// none or it does not fit.
func (sw *Spec) loadCheckpoint(dir string, pt *Point, opt *PointOptions) *erasure.MCState {
	gen := pt.Study.Generator()
	path := CheckpointPath(dir, pt.Index)
	data, err := safeio.ReadFile(path, 0)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			opt.warn("point %d: ignoring checkpoint: %v", pt.Index, err)
		}
		return nil
	}
	if err := seal.Verify(data); err != nil {
		opt.warn("point %d: ignoring checkpoint %s: %v", pt.Index, path, err)
		return nil
	}
	var c checkpointFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		opt.warn("point %d: ignoring unreadable checkpoint %s: %v", pt.Index, path, err)
		return nil
	}
	if c.Generator != gen {
		opt.warn("point %d: ignoring checkpoint %s of generator %q: this run uses %q", pt.Index, path, c.Generator, gen)
		return nil
	}
	s := pt.Study
	if c.Format != results.PointFormat || c.SpecHash != sw.Hash || c.Index != pt.Index || c.Seed != pt.Seed ||
		c.Trajectories != s.Trajectories || c.BlockSize != s.BlockSize || c.State == nil {
		opt.warn("point %d: ignoring checkpoint %s of another sweep or point", pt.Index, path)
		return nil
	}
	if err := c.State.Check(s.Ensemble()); err != nil {
		opt.warn("point %d: ignoring checkpoint %s: %v", pt.Index, path, err)
		return nil
	}
	return c.State
}

// RunPoint runs point pt of the sweep and writes its result file in dir
// (see PrepareDir), unless the file is already there (skipped = true). A
// Monte Carlo point resumes from its checkpoint file, if any, and
// checkpoints its finished blocks while it runs; the result is the same,
// bit for bit, as that of an uninterrupted run. When ctx is cancelled the
// point's result file is not written (the checkpoint is) and ctx's error
// is returned.
func (sw *Spec) RunPoint(ctx context.Context, dir string, pt *Point, opt PointOptions) (skipped bool, err error) {
	done, err := sw.Finished(dir, pt.Index)
	var se *seal.Error
	if errors.As(err, &se) {
		opt.warn("point %d: %v: recomputing it", pt.Index, err)
		done, err = false, nil
	}
	if err != nil || done {
		return done, err
	}
	// One process per point (sweepdir.go): a second sweep on the same
	// directory runs the other points.
	refresh, release, err := lockPoint(dir, pt.Index)
	if err != nil {
		return false, err
	}
	defer release()
	if done, err := sw.Finished(dir, pt.Index); done && err == nil {
		return true, nil // finished by another process while we looked
	}
	if progress := opt.Progress; progress != nil {
		opt.Progress = func(done, total int) { refresh(); progress(done, total) }
	} else {
		opt.Progress = func(int, int) { refresh() }
	}
	started := time.Now()
	s := *pt.Study
	if opt.Workers >= 0 {
		s.Workers = opt.Workers
	}
	ck := erasure.Checkpoint{Progress: opt.Progress, Every: opt.CheckpointEvery}
	resumed := 0
	if s.Method != erasure.FokkerPlanck && opt.CheckpointEvery >= 0 {
		ck.From = sw.loadCheckpoint(dir, pt, &opt)
		if ck.From != nil {
			resumed = ck.From.Done()
		}
		path := CheckpointPath(dir, pt.Index)
		ck.Save = func(st *erasure.MCState) error {
			if st.Done() == resumed {
				return nil // nothing new
			}
			data, err := seal.Seal(checkpointFile{
				Format: results.PointFormat, SpecHash: sw.Hash, Index: pt.Index, Seed: pt.Seed,
				Trajectories: s.Trajectories, BlockSize: s.BlockSize, Saved: time.Now().UTC(), State: st,
				Generator: s.Generator(), Checksum: seal.Zeros,
			})
			if err == nil {
				err = erasure.WriteFileAtomic(path, data)
			}
			if err != nil {
				// A failed checkpoint costs only the time to redo blocks.
				opt.warn("point %d: checkpoint not written: %v", pt.Index, err)
			}
			return nil
		}
	}
	r, err := s.RunResumable(ctx, ck)
	if err != nil {
		return false, err
	}
	for _, w := range r.Warnings() {
		opt.warn("point %d: %s", pt.Index, w)
	}
	host, _ := os.Hostname()
	pf := erasure.PointFile{
		Format: results.PointFormat, Sweep: sw.Name, SpecHash: sw.Hash, Points: sw.Len(),
		Index: pt.Index, Axes: pt.Values, Seed: pt.Seed, Config: pt.TOML,
		Version: opt.Version, Host: host, Shard: opt.Shard, Workers: s.Workers,
		Started: started.UTC(), Finished: time.Now().UTC(),
		Seconds: time.Since(started).Seconds(), ResumedBlocks: resumed, Result: r,
		Generator: s.Generator(), SchemaVersion: results.TableSchemaVersion, CommandLine: opt.CommandLine,
		Checksum: seal.Zeros,
	}
	data, err := seal.Seal(&pf)
	if err != nil {
		return false, fmt.Errorf("point %d: %v", pt.Index, err)
	}
	if err := erasure.WriteFileAtomic(PointPath(dir, pt.Index), data); err != nil {
		return false, err
	}
	if err := os.Remove(CheckpointPath(dir, pt.Index)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		opt.warn("point %d: %v", pt.Index, err)
	}
	return false, nil
}
