package sweep

import (
	"context"
	"errors"
	"fmt"
	"github.com/landauer-dev/landauer/internal/seal"
	"sync"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/results"
)

// EventKind says what an Event reports.
type EventKind int

const (
	// ShardStarted: the points to run are known (Event.N of them, Total
	// work); Event.Msg is the one-line plan of the shard.
	ShardStarted EventKind = iota
	// PointStarted: point Event.K of N starts.
	PointStarted
	// BlocksDone: Event.Blocks of Event.TotalBlocks blocks of the point are
	// finished (restored ones included).
	BlocksDone
	// PointFinished: the point's result file is written (Event.Err nil), or
	// it failed (Event.Err; the run goes on with the next point), or
	// another process runs it (Event.Err wraps ErrPointBusy).
	PointFinished
	// Warning: Event.Msg is a one-line warning.
	Warning
)

// Event is what Run reports to its Observer. Done, Restored and Total are
// work in the units of the cost model (Model.Work): Done counts all the
// work finished, Restored the part of it this process did not compute
// (blocks restored from a checkpoint, points left to another process),
// which a rate must leave out: rate = (Done − Restored) / elapsed, and
// ETA = (Total − Done) / rate.
type Event struct {
	Kind                  EventKind
	Point                 *Point // nil for ShardStarted and some warnings
	K, N                  int    // the point is the K-th (from 0) of the N to run
	Blocks, TotalBlocks   int    // BlocksDone
	Done, Restored, Total float64
	Err                   error  // PointFinished
	Msg                   string // ShardStarted, Warning
}

// Observer receives a run's events, one call at a time (Run serialises
// them), in order; it must not block for long.
type Observer func(Event)

// RunOptions control Run.
type RunOptions struct {
	Dir   string // the output directory (PrepareDir)
	Shard Shard  // recorded in the point files and the messages
	// Workers per point; < 0 keeps each point's ensemble.workers (never
	// changes results).
	Workers int
	Version string // software version, recorded in the point files
	// CommandLine is the command that computes the points (os.Args),
	// recorded in the point files.
	CommandLine []string
	// CheckpointEvery is the interval between checkpoints of a Monte
	// Carlo point's finished blocks; < 0 turns checkpoints off.
	CheckpointEvery time.Duration
	// Gate, when not nil, sees the studies to run before any runs (a cost
	// ceiling); its error stops the run.
	Gate func([]*erasure.Study) error
	// Model is the cost model of the progress events (nil: DefaultModel).
	Model *Model
	// Observer receives the events (nil: none).
	Observer Observer
}

// Report is what a shard's run did.
type Report struct {
	Points  int   // the shard's points
	Already int   // finished before the run
	Ran     int   // finished by this run
	Busy    []int // left to other processes running them
	Failed  []int
	// FirstErr is the error of the first failed point.
	FirstErr error
	Elapsed  time.Duration
	// Complete: every point to run was tried (false when the run was
	// refused or interrupted).
	Complete bool
}

// Run runs the points pts (of one shard, see Shard.Points) that are not
// finished yet in opt.Dir, one after another, each with RunPoint; a point
// that fails is reported and the next one runs. When ctx is cancelled it
// stops (the running point's finished blocks are checkpointed) and returns
// an error saying how to resume. A point that failed makes the error
// "N points failed"; the report says which.
func (sp *Spec) Run(ctx context.Context, pts []*Point, opt RunOptions) (*Report, error) {
	model := opt.Model
	if model == nil {
		model = DefaultModel()
	}
	rep := &Report{Points: len(pts)}
	var todo []*Point
	for _, pt := range pts {
		done, err := sp.Finished(opt.Dir, pt.Index)
		if errors.As(err, new(*seal.Error)) {
			done, err = false, nil // RunPoint reports it and recomputes the point
		}
		if err != nil {
			return rep, err
		}
		if done {
			rep.Already++
			continue
		}
		todo = append(todo, pt)
	}
	if opt.Gate != nil {
		studies := make([]*erasure.Study, len(todo))
		for i, pt := range todo {
			studies[i] = pt.Study
		}
		if err := opt.Gate(studies); err != nil {
			return rep, err
		}
	}
	var mu sync.Mutex // serialises the observer
	emit := func(e Event) {
		if opt.Observer != nil {
			mu.Lock()
			opt.Observer(e)
			mu.Unlock()
		}
	}
	costs := make([]PointWork, len(todo))
	var total float64
	for i, pt := range todo {
		costs[i] = model.Work(pt.Study, opt.Workers)
		total += costs[i].Total()
	}
	name := sp.Name
	if name == "" {
		name = "(unnamed)"
	}
	emit(Event{Kind: ShardStarted, N: len(todo), Total: total,
		Msg: fmt.Sprintf("sweep %s (spec %.12s): shard %s: %d of %d points; %d already done, %d to run",
			name, sp.Hash, opt.Shard, len(pts), sp.Len(), rep.Already, len(todo))})
	start := time.Now()
	var before, restored float64 // work of the points finished; work not computed here
	for k, pt := range todo {
		if ctx.Err() != nil {
			return rep, fmt.Errorf("interrupted before point %d; %d of %d points done: rerun the same command to resume", pt.Index, k, len(todo))
		}
		c := costs[k]
		emit(Event{Kind: PointStarted, Point: pt, K: k, N: len(todo), Done: before, Restored: restored, Total: total})
		seen := false
		_, err := sp.RunPoint(ctx, opt.Dir, pt, PointOptions{
			Workers:         opt.Workers,
			Version:         opt.Version,
			Shard:           opt.Shard.String(),
			CommandLine:     opt.CommandLine,
			CheckpointEvery: opt.CheckpointEvery,
			Progress: func(done, blocks int) {
				mu.Lock()
				defer mu.Unlock()
				if !seen {
					// The first report, after one block of this run, tells
					// how many blocks were restored from a checkpoint.
					seen = true
					restored += c.Blocks * float64(done-1) / float64(blocks)
				}
				if opt.Observer != nil {
					opt.Observer(Event{Kind: BlocksDone, Point: pt, K: k, N: len(todo), Blocks: done, TotalBlocks: blocks,
						Done: before + c.Setup + c.Blocks*float64(done)/float64(blocks), Restored: restored, Total: total})
				}
			},
			Warn: func(msg string) { emit(Event{Kind: Warning, Point: pt, Msg: msg}) },
		})
		before += c.Total()
		if errors.Is(err, ErrPointBusy) {
			rep.Busy = append(rep.Busy, pt.Index)
			restored += c.Total() // another process does it
			emit(Event{Kind: PointFinished, Point: pt, K: k, N: len(todo), Done: before, Restored: restored, Total: total, Err: err})
			continue
		}
		if err != nil && ctx.Err() != nil {
			return rep, fmt.Errorf("interrupted at point %d (its finished blocks are checkpointed); %d of %d points done: rerun the same command to resume",
				pt.Index, k, len(todo))
		}
		if err != nil {
			rep.Failed = append(rep.Failed, pt.Index)
			if rep.FirstErr == nil {
				rep.FirstErr = err
			}
		} else {
			rep.Ran++
		}
		emit(Event{Kind: PointFinished, Point: pt, K: k, N: len(todo), Done: before, Restored: restored, Total: total, Err: err})
	}
	rep.Elapsed, rep.Complete = time.Since(start), true
	if len(rep.Failed) > 0 {
		return rep, fmt.Errorf("%d points failed (%s); first error: %v", len(rep.Failed), results.Ranges(rep.Failed), rep.FirstErr)
	}
	return rep, nil
}
