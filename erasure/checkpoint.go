package erasure

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

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

// Check verifies that st can be the state of ens (the ensemble of the
// study it is resumed into): its block count, the trajectories merged and
// pending. RunResumable checks it too; a caller checks first to start
// afresh from a state that does not fit.
func (st *MCState) Check(ens *langevin.Ensemble) error { return st.check(ens) }

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
	// SchemaVersion is results.TableSchemaVersion; CommandLine the command that
	// computed the point.
	SchemaVersion int      `json:"schema_version"`
	CommandLine   []string `json:"command_line"`
	Checksum      string   `json:"checksum"` // SHA-256 of the file (see seal.go)
}

// AxisValue is the value of one axis at a sweep's point.
type AxisValue struct {
	Key   string `json:"key"`
	Value any    `json:"value"`
}
