package erasure

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/langevin"
)

// MCState is the resumable state of a Monte Carlo run: the tally of blocks
// 0..Next−1 merged in block order, and the tallies of later blocks that
// finished ahead of their turn. A run resumed from it merges the remaining
// blocks in the same order as an uninterrupted run, so it gives the same
// bits; the fields round-trip exactly through encoding/json.
type MCState struct {
	Blocks  int           `json:"blocks"` // blocks in the ensemble
	Next    int           `json:"next"`   // blocks 0..Next−1 are merged into Total
	Total   Tally         `json:"total"`
	Pending map[int]Tally `json:"pending,omitempty"` // finished blocks > Next
}

// Done is the number of finished blocks.
func (st *MCState) Done() int { return st.Next + len(st.Pending) }

// check verifies that st can be the state of ens.
func (st *MCState) check(ens *langevin.Ensemble) error {
	nb, n := ens.Blocks(), int64(ens.Trajectories)
	bs := int64(ens.BlockSize)
	if bs == 0 {
		bs = langevin.DefaultBlockSize
	}
	size := func(b int) int64 { return min(bs, n-int64(b)*bs) }
	if st.Blocks != nb || st.Next < 0 || st.Next > nb {
		return fmt.Errorf("checkpoint: state of %d blocks (next %d) does not fit an ensemble of %d blocks", st.Blocks, st.Next, nb)
	}
	if want := min(int64(st.Next)*bs, n); st.Total.Work.N() != want {
		return fmt.Errorf("checkpoint: %d trajectories merged in blocks 0..%d, want %d", st.Total.Work.N(), st.Next-1, want)
	}
	if ens.Coarse && st.Total.CoarseWork.N() != st.Total.Work.N() {
		return fmt.Errorf("checkpoint: %d of %d merged trajectories lack the 2dt path of the time-step bias estimate (a checkpoint of an older landauer); start afresh",
			st.Total.Work.N()-st.Total.CoarseWork.N(), st.Total.Work.N())
	}
	for b, t := range st.Pending {
		if b <= st.Next || b >= nb {
			return fmt.Errorf("checkpoint: pending block %d outside (%d, %d)", b, st.Next, nb)
		}
		if t.Work.N() != size(b) {
			return fmt.Errorf("checkpoint: pending block %d has %d trajectories, want %d", b, t.Work.N(), size(b))
		}
	}
	return nil
}

// snapshot is the state after blocks 0..next−1, merged into total, with
// the tallies red holds ahead of their turn; those that continue the
// merged prefix are merged into a copy of total.
func snapshot(blocks, next int, total *Tally, red *langevin.Reducer[*Tally]) *MCState {
	st := &MCState{Blocks: blocks, Next: next, Total: *total}
	copied := false
	for b, t := range red.Held() {
		if b == st.Next && st.Pending == nil {
			if !copied { // Merge grows the histogram's bins in place
				st.Total.WorkHistogram.Counts = slices.Clone(st.Total.WorkHistogram.Counts)
				copied = true
			}
			st.Total.Merge(t)
			st.Next++
			continue
		}
		if st.Pending == nil {
			st.Pending = map[int]Tally{}
		}
		st.Pending[b] = *t
	}
	return st
}

// Checkpoint makes a Monte Carlo run resumable (see Study.RunResumable).
type Checkpoint struct {
	// From is the state to resume from; nil starts afresh.
	From *MCState
	// Save, if not nil, is called with a snapshot of the state after a
	// block is merged, at most once per Every (0: after every block), and
	// once more when the run is cancelled. It is called from the goroutine
	// that called RunResumable, one call at a time. An error stops the run.
	Save  func(*MCState) error
	Every time.Duration
	// Progress, if not nil, is called after every finished block with the
	// number of finished blocks (restored ones included) and the total. It
	// is called from the worker goroutines, possibly at the same time.
	Progress func(done, total int)
}

// RunResumable runs the study as Run does. A Monte Carlo run resumes from
// ck.From, skipping the blocks already done, and hands snapshots of its
// state to ck.Save, including a final one when ctx is cancelled, so that a
// rerun from the last snapshot gives the same bits as an uninterrupted run.
// A Fokker–Planck study is solved by Run, without checkpoints.
func (s *Study) RunResumable(ctx context.Context, ck Checkpoint) (*Result, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	if s.Method == FokkerPlanck {
		return s.Run(ctx)
	}
	return s.runMonteCarloFrom(ctx, &ck)
}

// runMonteCarloFrom is the Monte Carlo run, resumable when ck is not nil.
func (s *Study) runMonteCarloFrom(ctx context.Context, ck *Checkpoint) (*Result, error) {
	start := time.Now()
	ens := s.Ensemble()
	if err := ens.CheckStability(); err != nil {
		return nil, err
	}
	nb := ens.Blocks()
	var (
		total    Tally
		next     int // blocks 0..next−1 are merged into total
		restored map[int]*Tally
		done     atomic.Int64
		lastSave = time.Now()
	)
	red := &langevin.Reducer[*Tally]{}
	if ck != nil && ck.From != nil {
		st := ck.From
		if err := st.check(ens); err != nil {
			return nil, err
		}
		next, total = st.Next, st.Total
		restored = make(map[int]*Tally, len(st.Pending))
		for b, t := range st.Pending {
			restored[b] = &t
		}
		red.First = next
		red.Known = func(b int) (*Tally, bool) { t, ok := restored[b]; return t, ok }
		done.Store(int64(st.Done()))
	}
	red.Merge = func(b int, t *Tally) error {
		total.Merge(t)
		next = b + 1
		if ck == nil || ck.Save == nil || time.Since(lastSave) < ck.Every {
			return nil
		}
		lastSave = time.Now()
		return ck.Save(snapshot(nb, next, &total, red))
	}
	err := langevin.ReduceBlocks(ctx, ens, red, func(b *langevin.Block) (*Tally, error) {
		t := s.TallyBlock(b)
		if ck != nil && ck.Progress != nil {
			ck.Progress(int(done.Add(1)), nb)
		}
		return &t, nil
	})
	if err != nil {
		if ck != nil && ck.Save != nil && ctx.Err() != nil {
			// Every worker has stopped: the snapshot holds every finished block.
			if serr := ck.Save(snapshot(nb, next, &total, red)); serr != nil {
				err = errors.Join(err, fmt.Errorf("checkpoint: %w", serr))
			}
		}
		return nil, err
	}
	if next != nb {
		return nil, fmt.Errorf("study: internal error: merged %d of %d blocks", next, nb)
	}
	r := s.result(&total)
	r.Steps, r.Dt = ens.Steps(), ens.Step()
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// ---- a sweep's output directory ----
//
//	DIR/spec.toml              the spec (written by the first shard to start)
//	DIR/points/NNNNNN.json     one PointFile per finished point (NNNNNN = index)
//	DIR/points/NNNNNN.ckpt.json the finished blocks of an unfinished point
//	DIR/logs/                  cluster logs (from the emitted job scripts)
//
// Every file is written atomically (temporary file + rename), so a killed
// task leaves either a whole file or none.

const pointFormat = 1

// PointFile is the result file of one point.
type PointFile struct {
	Format   int         `json:"format"`    // 1
	Sweep    string      `json:"sweep"`     // sweep.name
	SpecHash string      `json:"spec_hash"` // Sweep.Hash
	Points   int         `json:"points"`    // points in the sweep
	Index    int         `json:"index"`
	Axes     []AxisValue `json:"axes"`
	Seed     uint64      `json:"seed"`   // the point's ensemble seed
	Config   string      `json:"config"` // the resolved study (TOML)
	Version  string      `json:"version"`
	Host     string      `json:"host"`
	Shard    string      `json:"shard"` // i/n of the task that finished it
	Workers  int         `json:"workers"`
	Started  time.Time   `json:"started"`
	Finished time.Time   `json:"finished"`
	// Seconds is the wall time of the session that finished the point;
	// ResumedBlocks the blocks it took from a checkpoint of earlier ones.
	Seconds       float64 `json:"seconds"`
	ResumedBlocks int     `json:"resumed_blocks"`
	Result        *Result `json:"result"`
	Generator     string  `json:"generator"` // the normal generator of the kernel used (see seal.go)
	// SchemaVersion is TableSchemaVersion; CommandLine the command that
	// computed the point.
	SchemaVersion int      `json:"schema_version"`
	CommandLine   []string `json:"command_line"`
	Checksum      string   `json:"checksum"` // SHA-256 of the file (see seal.go)
}

// checkpointFile is DIR/points/NNNNNN.ckpt.json.
type checkpointFile struct {
	Format       int       `json:"format"`
	SpecHash     string    `json:"spec_hash"`
	Index        int       `json:"index"`
	Seed         uint64    `json:"seed"`
	Trajectories int       `json:"trajectories"`
	BlockSize    int       `json:"block_size"`
	Saved        time.Time `json:"saved"`
	State        *MCState  `json:"state"`
	Generator    string    `json:"generator"` // see seal.go
	Checksum     string    `json:"checksum"`
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
func (sw *Sweep) PrepareDir(dir string) error {
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
		return WriteFileAtomic(path, sw.Text)
	case err != nil:
		return err
	}
	o, err := ParseSweep(old)
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
func (sw *Sweep) Finished(dir string, p int) (bool, error) {
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
	if json.Unmarshal(data, &h) != nil || h.Format != pointFormat || len(h.Result) == 0 || string(h.Result) == "null" {
		return false, nil
	}
	if h.SpecHash != sw.Hash || h.Index != p {
		return false, fmt.Errorf("%s is point %d of sweep %.16s, not point %d of %.16s: %w",
			PointPath(dir, p), h.Index, h.SpecHash, p, sw.Hash, ErrOtherSweep)
	}
	if err := verifySeal(data); err != nil {
		return false, &SealError{Path: PointPath(dir, p), Err: err}
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
func (sw *Sweep) loadCheckpoint(dir string, pt *Point, opt *PointOptions) *MCState {
	gen := pt.Study.Generator()
	path := CheckpointPath(dir, pt.Index)
	data, err := safeio.ReadFile(path, 0)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			opt.warn("point %d: ignoring checkpoint: %v", pt.Index, err)
		}
		return nil
	}
	if err := verifySeal(data); err != nil {
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
	if c.Format != pointFormat || c.SpecHash != sw.Hash || c.Index != pt.Index || c.Seed != pt.Seed ||
		c.Trajectories != s.Trajectories || c.BlockSize != s.BlockSize || c.State == nil {
		opt.warn("point %d: ignoring checkpoint %s of another sweep or point", pt.Index, path)
		return nil
	}
	if err := c.State.check(s.Ensemble()); err != nil {
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
func (sw *Sweep) RunPoint(ctx context.Context, dir string, pt *Point, opt PointOptions) (skipped bool, err error) {
	done, err := sw.Finished(dir, pt.Index)
	var se *SealError
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
	ck := Checkpoint{Progress: opt.Progress, Every: opt.CheckpointEvery}
	resumed := 0
	if s.Method != FokkerPlanck && opt.CheckpointEvery >= 0 {
		ck.From = sw.loadCheckpoint(dir, pt, &opt)
		if ck.From != nil {
			resumed = ck.From.Done()
		}
		path := CheckpointPath(dir, pt.Index)
		ck.Save = func(st *MCState) error {
			if st.Done() == resumed {
				return nil // nothing new
			}
			data, err := seal(checkpointFile{
				Format: pointFormat, SpecHash: sw.Hash, Index: pt.Index, Seed: pt.Seed,
				Trajectories: s.Trajectories, BlockSize: s.BlockSize, Saved: time.Now().UTC(), State: st,
				Generator: s.Generator(), Checksum: checksumZeros,
			})
			if err == nil {
				err = WriteFileAtomic(path, data)
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
	pf := PointFile{
		Format: pointFormat, Sweep: sw.Name, SpecHash: sw.Hash, Points: sw.Len(),
		Index: pt.Index, Axes: pt.Values, Seed: pt.Seed, Config: pt.TOML,
		Version: opt.Version, Host: host, Shard: opt.Shard, Workers: s.Workers,
		Started: started.UTC(), Finished: time.Now().UTC(),
		Seconds: time.Since(started).Seconds(), ResumedBlocks: resumed, Result: r,
		Generator: s.Generator(), SchemaVersion: TableSchemaVersion, CommandLine: opt.CommandLine,
		Checksum: checksumZeros,
	}
	data, err := seal(&pf)
	if err != nil {
		return false, fmt.Errorf("point %d: %v", pt.Index, err)
	}
	if err := WriteFileAtomic(PointPath(dir, pt.Index), data); err != nil {
		return false, err
	}
	if err := os.Remove(CheckpointPath(dir, pt.Index)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		opt.warn("point %d: %v", pt.Index, err)
	}
	return false, nil
}

// PointFiles lists the result files under each path: a sweep's output
// directory, its points/ directory, or a result file itself. Checkpoints
// and temporary files are left out.
func PointFiles(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		dir := p
		if st, err := os.Stat(filepath.Join(p, "points")); err == nil && st.IsDir() {
			dir = filepath.Join(p, "points")
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".ckpt.json") {
				continue
			}
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}
